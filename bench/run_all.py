"""The performance suite: one command, one table (issue 10, item 6).

    python bench/run_all.py            # the full sizes (about 8 minutes on 2 cores)
    python bench/run_all.py --quick    # small sizes, a smoke run (about 1.5 minutes)

The fake Bot API (tests/fakebot.py) runs in this process and nothing else of the bot does:
every bot measured (ours, the naive and AIORateLimiter loops, the bare PTB echo bot) runs
in a child process of its own (`bench/common.py` `spawn_child`, this script with
`--child NAME`), against a real SQLite file in a temp folder. The bot's memory is read from
the child's /proc/PID/status.

Measured, in order:
1. broadcast to N (`bench/broadcast.py`'s senders): ours (the /umumkan path: one domain
   call, then the outbox) with 10 people asking /sekarang every 2 s, ours alone, a naive
   loop of send_message, a loop through PTB's AIORateLimiter; the /sekarang p95 during ours;
2. a reminder's fan-out to N registered participants (the 13:00 plenary's reminder at 12:45
   on day 2, the only thing due then);
3. /agenda answered per second: Q queries from U users injected at once, ours against a
   bare PTB echo bot, each alone against the same fake with Telegram's limits lifted (in
   the fake, and the bot's own 28/s budget) so that the figure is the processing;
4. the bot's RSS with P registered participants: idle, then during the reminder's fan-out
   to all of them (sampled every 0.2 s for a window; the bot is then stopped mid-way);
5. start-up to the first resumed outbox send: the same database, the rest of that fan-out
   still pending, the bot started again (from spawning the process);
6. `python -m bot import-roster` of R rows (a real process, from spawning to its exit).

Printed: one line of figures per measure as it finishes, then the table
(measure, figure, goal, pass/fail). Exit status 0 when every measure ran (whatever the
goals say), 1 when one could not be taken.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.common import child_settings, spawn_child, status_kb  # noqa: E402

if TYPE_CHECKING:
    from tests.fakebot import FakeTelegram

JKT = ZoneInfo("Asia/Jakarta")
# 12:45 on day 2 is the 15-minute reminder of the 13:00 plenary (for everyone), the only
# message due then (the sample agenda's; bench/fanout.py waits for the same one).
BEFORE_REMINDER = datetime(2025, 5, 16, 12, 44, 55, tzinfo=JKT)
REMINDER_MARK = "⏰ <b>Sinergi"
QUIET = datetime(2025, 5, 16, 12, 5, tzinfo=JKT)  # nothing due until 12:45
USER0 = 100_000
SEND_RATE = 25.0  # the bot's default SEND_RATE
BROADCAST_RATE = 28.0  # bench/broadcast.py's, as recorded in bench/README.md


@dataclass(frozen=True)
class Sizes:
    """How big each measure is."""

    broadcast: int
    fanout: int
    queries: int
    users: int
    rss_participants: int
    rss_window: float
    roster_rows: int


FULL = Sizes(1000, 1000, 2000, 200, 10_000, 20.0, 10_000)
QUICK = Sizes(100, 100, 200, 20, 1000, 3.0, 1000)


@dataclass
class Row:
    """One line of the table."""

    measure: str
    figure: str
    goal: str
    passed: bool | None  # None: no goal


# ----------------------------------------------------------------------------- children


async def _child_bot(args: argparse.Namespace) -> None:
    """Our bot, running until SIGTERM; prints "ready" once `running()` has yielded."""
    from bot.app import running
    from bot.clock import Clock

    if args.unlimited:
        # The throughput measure: lift the bot's own 28-a-second budget as the fake's limits
        # are lifted, so that the figure is how fast it answers, not Telegram's limit.
        import bot.app
        from bot.budget import SendBudget

        bot.app.SendBudget = lambda: SendBudget(per_second=1e9)  # type: ignore[assignment,misc]
    from bot.logs import setup_logging

    setup_logging("INFO", [args.token])
    settings = child_settings(args, send_rate=args.send_rate)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    start = datetime.fromisoformat(args.start).astimezone(JKT)
    async with running(settings, clock=Clock(start=start), poll_timeout=1):
        print("ready", flush=True)
        await stop.wait()


async def _child_echo(args: argparse.Namespace) -> None:
    """A bare python-telegram-bot echo bot (the defaults), until SIGTERM."""
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    app = (
        Application.builder()
        .token(args.token)
        .base_url(args.base_url)
        .base_file_url(args.file_url)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        print("ready", flush=True)
        await stop.wait()
        await app.updater.stop()
        await app.stop()


# ----------------------------------------------------------------------------- helpers


class Bot:
    """A child bot process started by `spawn_child`."""

    def __init__(self, proc: asyncio.subprocess.Process, log: Path, spawned: float) -> None:
        self.proc = proc
        self.log = log
        self.spawned = spawned
        self.ready_s = float("nan")  # from spawning to "ready" (polling)

    @classmethod
    async def start(
        cls, kind: str, database: Path, fake: FakeTelegram, *extra: str, wait: bool = True
    ) -> Bot:
        log = database.with_suffix(f".{kind}.{time.monotonic_ns()}.log")
        spawned = time.monotonic()
        proc = await spawn_child(__file__, database, fake, log, kind, *extra)
        bot = cls(proc, log, spawned)
        if wait:
            await bot.ready()
        return bot

    async def ready(self, timeout: float = 120.0) -> None:
        """Wait for the child's "ready" line."""
        assert self.proc.stdout is not None
        try:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        except TimeoutError:
            line = b""
        if line.strip() != b"ready":
            await self.stop()
            tail = self.log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"the child bot did not start:\n{tail}")
        self.ready_s = time.monotonic() - self.spawned

    def rss_mb(self, field: str = "VmRSS") -> float:
        return status_kb(field, str(self.proc.pid)) / 1024

    async def stop(self) -> None:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.communicate(), 60)
            except TimeoutError:
                self.proc.kill()
                await self.proc.communicate()


def _bot_args(
    start: datetime, send_rate: float = SEND_RATE, *, unlimited: bool = False
) -> list[str]:
    args = ["--start", start.isoformat(), "--send-rate", str(send_rate)]
    return [*args, "--unlimited"] if unlimited else args


async def _seed(database: Path, fake: FakeTelegram, participants: int) -> list[int]:
    """`participants` registered people (roster, users, participants); their ids."""
    from tests.conftest import make_settings
    from tests.helpers import register_bulk

    settings = make_settings(database.parent, fake)
    ids = [USER0 + i for i in range(participants)]
    people = [(uid, "Lurah", f"Kelompok {1 + i % 6}") for i, uid in enumerate(ids)]
    await register_bulk(settings, fake, people)
    return ids


def _reminders(fake: FakeTelegram) -> list[Any]:
    return [m for m in fake.sent if REMINDER_MARK in m.text]


def _fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"


# ----------------------------------------------------------------------------- measures


async def m_broadcast(sizes: Sizes, rows: list[Row]) -> None:
    """ours (with people asking /sekarang), ours alone, naive loop, AIORateLimiter loop."""
    from bench import broadcast

    n = sizes.broadcast
    goal_s = 1.05 * n / BROADCAST_RATE
    figures = {}
    for name in ("ours", "ours-quiet", "naive", "ptb"):
        fig = await broadcast.run_one(name, n, BROADCAST_RATE, seed=1)
        print(json.dumps(fig, ensure_ascii=False), flush=True)
        figures[name] = fig
    reachable = n - broadcast.BLOCKED
    for name, label in (
        ("ours-quiet", "ours, alone"),
        ("ours", f"ours, {broadcast.PROBES} asking /sekarang"),
        ("naive", "naive send_message loop"),
        ("ptb", "loop through AIORateLimiter"),
    ):
        fig = figures[name]
        figure = (
            f"{fig['seconds']:.1f} s, {fig['delivered']}/{reachable} delivered, "
            f"{fig['lost']} lost, {fig['duplicates']} dup, {fig['http_429']}×429"
        )
        if name.startswith("ours"):
            ok = fig["seconds"] <= goal_s and fig["lost"] == 0 and fig["duplicates"] == 0
            rows.append(Row(f"broadcast {n}: {label}", figure, f"≤ {goal_s:.1f} s, 0 lost", ok))
        else:
            rows.append(Row(f"broadcast {n}: {label}", figure, "(comparison)", None))
    fig = figures["ours"]
    if "reply_p95_s" in fig:
        rows.append(
            Row(
                "/sekarang p95 during the broadcast",
                f"{fig['reply_p95_s']:.2f} s (max {fig['reply_max_s']:.2f} s, "
                f"{fig['asked']} asked, {fig['unanswered']} unanswered)",
                "≤ 1.5 s",
                fig["reply_p95_s"] <= 1.5 and fig["unanswered"] == 0,
            )
        )


async def m_fanout(sizes: Sizes, rows: list[Row]) -> None:
    """The outbound's reminder to N participants, from its due time to the last delivery."""
    from tests.fakebot import FakeTelegram

    n = sizes.fanout
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "retret.db"
        async with FakeTelegram() as fake:
            ids = await _seed(database, fake, n)
            bot = await Bot.start("bot", database, fake, *_bot_args(BEFORE_REMINDER))
            try:
                # The clock started at spawning + its start-up; the reminder is due 5 s of
                # event time after the clock's start, which the child took at creation.
                from tests.helpers import wait_until

                await wait_until(
                    lambda: len({m.chat_id for m in _reminders(fake)}) >= n,
                    timeout=n / SEND_RATE * 4 + 60,
                    what="everyone reminded",
                )
                await asyncio.sleep(1.0)  # a duplicate would arrive now
            finally:
                await bot.stop()
            sent = _reminders(fake)
            got = Counter(m.chat_id for m in sent)
            first = min(m.at for m in sent)
            last = max(m.at for m in sent)
            lost = len(set(ids) - set(got))
            dups = sum(c - 1 for c in got.values())
    took = last - first
    goal = n / SEND_RATE + 2
    fig = {"fanout": n, "first_to_last_s": took, "lost": lost, "duplicates": dups}
    fig["http_429"] = fake.stats["429"]
    print(json.dumps(fig), flush=True)
    rows.append(
        Row(
            f"reminder fan-out to {n} (SEND_RATE {SEND_RATE:g})",
            f"{took:.1f} s first→last, {lost} lost, {dups} dup, {fake.stats['429']}×429",
            f"≤ {goal:.1f} s, 0 lost",
            took <= goal and lost == 0 and dups == 0,
        )
    )


async def _throughput(kind: str, sizes: Sizes, marker: str) -> tuple[float, int, float]:
    """Answers a second to Q /agenda from U users, all queued at once; (per second, answered,
    seconds from spawning the bot to its polling)."""
    from tests.fakebot import FakeTelegram
    from tests.helpers import wait_until

    q, u = sizes.queries, sizes.users
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "retret.db"
        limits = {"global_rate": 1e9, "per_chat_rate": 1e9, "per_chat_burst": 10**9}
        async with FakeTelegram(**limits) as fake:  # type: ignore[arg-type]
            ids = await _seed(database, fake, u)
            args = _bot_args(QUIET, unlimited=True) if kind == "bot" else []
            bot = await Bot.start(kind, database, fake, *args)
            try:
                await wait_until(lambda: fake.stats["getUpdates"] > 0, timeout=60)
                before = len(fake.sent)
                users = [fake.user(uid) for uid in ids]
                t0 = time.monotonic()
                for k in range(q):
                    await users[k % u].send("/agenda")

                def answered() -> int:
                    return sum(1 for m in fake.sent[before:] if marker in m.text)

                with contextlib.suppress(AssertionError):
                    await wait_until(lambda: answered() >= q, timeout=300, what="all answered")
                done = [m.at for m in fake.sent[before:] if marker in m.text]
            finally:
                await bot.stop()
    if not done:
        return 0.0, 0, bot.ready_s
    return len(done) / (max(done) - t0), len(done), bot.ready_s


async def m_agenda(sizes: Sizes, rows: list[Row]) -> None:
    """/agenda answered a second, ours against a bare PTB echo bot."""
    ours, ours_n, ours_ready = await _throughput("bot", sizes, "📅")
    echo, echo_n, echo_ready = await _throughput("echo", sizes, "/agenda")
    fig = {"ours_per_s": ours, "ours_answered": ours_n, "echo_per_s": echo, "echo_answered": echo_n}
    fig |= {"ours_ready_s": ours_ready, "echo_ready_s": echo_ready}
    print(json.dumps(fig), flush=True)
    q = sizes.queries
    rows.append(
        Row(
            f"/agenda: {q} from {sizes.users} users, per second",
            f"ours {ours:.0f}/s ({ours_n}/{q}), echo bot {echo:.0f}/s ({echo_n}/{q}): "
            f"{ours / echo if echo else 0:.2f}×",
            "≥ 0.5 × echo bot",
            echo > 0 and ours >= 0.5 * echo and ours_n == q,
        )
    )
    rows.append(
        Row(
            f"start-up to polling, {sizes.users} registered (echo bot: the same fake)",
            f"ours {ours_ready:.2f} s, bare PTB echo bot {echo_ready:.2f} s",
            "(comparison)",
            None,
        )
    )


async def m_rss_and_startup(sizes: Sizes, rows: list[Row]) -> None:
    """RSS idle and during a fan-out to P participants; then start-up to the first resumed
    send of that fan-out."""
    from tests.fakebot import FakeTelegram
    from tests.helpers import wait_until

    p = sizes.rss_participants
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "retret.db"
        async with FakeTelegram() as fake:
            await _seed(database, fake, p)
            bot = await Bot.start("bot", database, fake, *_bot_args(BEFORE_REMINDER))
            try:
                await wait_until(lambda: fake.stats["getUpdates"] >= 2, timeout=60)
                idle = bot.rss_mb()
                await wait_until(lambda: bool(_reminders(fake)), timeout=60, what="the fan-out")
                samples = []
                loop = asyncio.get_running_loop()
                end = loop.time() + sizes.rss_window
                while loop.time() < end:
                    samples.append(bot.rss_mb())
                    await asyncio.sleep(0.2)
                peak = bot.rss_mb("VmHWM")
            finally:
                await bot.stop()
            sent_first = len(_reminders(fake))
            # The rest of the fan-out is still in the outbox: start the bot again.
            restart = datetime(2025, 5, 16, 12, 45, 30, tzinfo=JKT)
            bot = await Bot.start("bot", database, fake, *_bot_args(restart), wait=False)
            try:
                await wait_until(
                    lambda: len(_reminders(fake)) > sent_first, timeout=120, what="a resumed send"
                )
                resumed = _reminders(fake)[sent_first].at - bot.spawned
                await bot.ready()
            finally:
                await bot.stop()
    during = max(samples)
    fig = {"participants": p, "rss_idle_mb": idle, "rss_fanout_max_mb": during}
    fig |= {"vmhwm_mb": peak, "sent_before_stop": sent_first, "startup_to_resumed_s": resumed}
    print(json.dumps(fig), flush=True)
    rows.append(Row(f"RSS, {p} registered, idle", f"{idle:.1f} MB", "≤ 100 MB", idle <= 100))
    rows.append(
        Row(
            f"RSS, {p} registered, during the fan-out",
            f"{during:.1f} MB (peak since start {peak:.1f} MB)",
            "≤ 100 MB",
            during <= 100 and peak <= 100,
        )
    )
    rows.append(
        Row(
            f"start-up to the first resumed send ({p} registered)",
            _fmt(resumed),
            "≤ 2 s",
            resumed <= 2.0,
        )
    )


async def m_import(sizes: Sizes, rows: list[Row]) -> None:
    """`python -m bot import-roster` of R rows into an empty database."""
    from tests.helpers import bulk_nip

    r = sizes.roster_rows
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "peserta.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["nip", "name", "position", "unit", "group"])
            for i in range(r):
                out.writerow(
                    [bulk_nip(i), f"Peserta {i}", "Lurah", f"Unit {i % 300}", f"Kelompok {i % 6}"]
                )
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_PATH": str(Path(tmp) / "retret.db"),
            "BOT_TOKEN": "123456:TEST-TOKEN",
        }
        t0 = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "import-roster",
            str(path),
            cwd=tmp,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out_bytes, _ = await proc.communicate()
        took = time.monotonic() - t0
    text = out_bytes.decode(errors="replace").strip()
    print(json.dumps({"rows": r, "import_s": took, "exit": proc.returncode, "output": text[-300:]}))
    if proc.returncode != 0:
        raise RuntimeError(f"import-roster failed ({proc.returncode}): {text[-1000:]}")
    rows.append(Row(f"import-roster of {r} rows", _fmt(took), "≤ 5 s", took <= 5.0))


MEASURES = {
    "broadcast": m_broadcast,
    "fanout": m_fanout,
    "agenda": m_agenda,
    "rss": m_rss_and_startup,
    "import": m_import,
}


def table(rows: list[Row]) -> str:
    """The rows as a fixed-width table."""
    heads = ("measure", "figure", "goal", "result")
    cells = [
        (r.measure, r.figure, r.goal, "-" if r.passed is None else "pass" if r.passed else "FAIL")
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for c in cells:
        lines.append("  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)).rstrip())
    return "\n".join(lines)


def compile_bytecode() -> None:
    """Write the bot's bytecode (__pycache__, git-ignored) before anything is timed.

    An installed bot has its .pyc files (pip compiles them); a checkout run with
    PYTHONDONTWRITEBYTECODE=1, as this machine's shell sets it, would compile every module
    of the bot at every start, about 0.7 s of the start-up on 2 busy cores. The site-packages
    are compiled at installation already.
    """
    import compileall

    for folder in ("bot", "db", "handlers", "jobs", "bench", "tests"):
        compileall.compile_dir(ROOT / folder, quiet=1)


async def run(sizes: Sizes, only: list[str]) -> int:
    """Every measure in turn; the table; 0 if all could be taken."""
    compile_bytecode()
    rows: list[Row] = []
    failed = []
    started = time.monotonic()
    for name in only:
        try:
            await MEASURES[name](sizes, rows)
        except Exception as exc:
            failed.append(name)
            print(f"{name}: could not be measured: {type(exc).__name__}: {exc}", file=sys.stderr)
            rows.append(Row(name, f"not measured ({type(exc).__name__})", "", False))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print()
    print(table(rows))
    print(
        f"\n{os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"at the end; {time.monotonic() - started:.0f} s in all",
        flush=True,
    )
    return 1 if failed else 0


def main() -> None:
    """Parse arguments; run the suite (or, with --child, one bot)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--only", default=",".join(MEASURES), help="measures to run, by name")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    for name in ("--db", "--token", "--base-url", "--file-url", "--start"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    parser.add_argument("--send-rate", type=float, default=SEND_RATE, help=argparse.SUPPRESS)
    parser.add_argument("--unlimited", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bot":
        asyncio.run(_child_bot(args))
        return
    if args.child == "echo":
        asyncio.run(_child_echo(args))
        return
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in only if name not in MEASURES]
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(unknown)}; known: {', '.join(MEASURES)}")
    sys.exit(asyncio.run(run(QUICK if args.quick else FULL, only)))


if __name__ == "__main__":
    main()
