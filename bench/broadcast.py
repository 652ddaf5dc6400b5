"""Broadcast: one announcement to 1,000 people, three ways, against the same fake Telegram.

    python bench/broadcast.py [--recipients 1000] [--send-rate 28] [--seed 1]
                              [--only naive,ptb,ours,ours-quiet]

The fake Bot API (tests/fakebot.py) runs in this process; each sender runs in a child
process of its own (this script with --child NAME), so the fake never shares an event loop
with what it measures. The fake enforces Telegram's limits (30 messages a second overall,
about 1 a second per chat, answered with 429 and retry_after), answers every send after
20 ms, answers 403 "bot was blocked by the user" for 3 of the recipients, and 502 Bad
Gateway for 1 % of sends at random (the message is not delivered).

The senders:
- naive: `send_message` to each recipient, then `sleep(0.05)`; no retry, no backoff. (A
  literal loop "without error handling" would stop at the first blocked user; here a failed
  send is only counted, and the loop goes on.)
- ptb: the same loop through python-telegram-bot's `AIORateLimiter` (its defaults: 30/s
  overall, 1/s per chat, no retries).
- ours: the bot itself (`bot.app.running`, a real SQLite file), with `SEND_RATE` as given;
  the organiser starts the broadcast with one domain call, and while it runs 10 registered
  people each ask /sekarang every 2 s; their reply latency is measured.
- ours-quiet: the same, without the 10 people asking (the time to finish alone).

Printed for each: delivered (recipients who got it), lost (reachable recipients who did
not), duplicates, 429s, seconds from first to last delivery, messages a second; for ours
the /sekarang reply p50/p95/max.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.common import ADMIN_ID, child_settings, spawn_child  # noqa: E402

if TYPE_CHECKING:
    from tests.fakebot import FakeTelegram

# A quiet hour of the sample event: no reminder or briefing falls due during the run.
START = datetime(2025, 5, 16, 13, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
USER0 = 300_000
PROBE0 = 100_000
PROBES = 10
PROBE_EVERY = 2.0
BLOCKED = 3
FAIL_RATE = 0.01
LATENCY = 0.02
MARK = "PENGUMUMAN-BENCH"
TEXT = (
    f"📣 <b>{MARK}</b>\nBapak/Ibu peserta, apel malam hari ini dimajukan ke pukul 21.00 WIB "
    "di Lapangan Apel Poltekad. Mohon hadir tepat waktu."
)
FINISH = 600.0  # the longest any sender may take


# ----------------------------------------------------------------------------- children


async def _child_loop(args: argparse.Namespace, limited: bool) -> None:
    """The naive loop, or the same loop through PTB's AIORateLimiter."""
    from telegram.error import TelegramError
    from telegram.ext import AIORateLimiter, ExtBot

    recipients = json.loads(Path(args.recipients_file).read_text())
    bot: ExtBot[Any] = ExtBot(
        args.token,
        base_url=args.base_url,
        rate_limiter=AIORateLimiter() if limited else None,
    )
    failed = Counter[str]()
    async with bot:
        for chat_id in recipients:
            try:
                await bot.send_message(chat_id, TEXT, parse_mode="HTML")
            except TelegramError as exc:
                failed[type(exc).__name__] += 1
            if not limited:
                await asyncio.sleep(0.05)
    print(json.dumps({"send_errors": dict(failed)}), flush=True)


async def _child_ours(args: argparse.Namespace) -> None:
    """The bot, running; start the broadcast to everyone, then run until SIGTERM."""
    from bot.app import running
    from bot.clock import Clock

    settings = child_settings(args, send_rate=args.send_rate)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with running(settings, clock=Clock(start=START)) as app:
        await _start_broadcast(app)
        await stop.wait()
    print(json.dumps({}), flush=True)


async def _start_broadcast(app: Any) -> None:
    """One domain call: the organiser's announcement, to everyone registered, now."""
    from bot.broadcasts import Audience, Composed, start

    svc = app.bot_data.services
    await start(
        svc.db,
        svc.clock,
        author=ADMIN_ID,
        chat_id=ADMIN_ID,
        lang="id",
        message=Composed("text", TEXT),
        audience=Audience(),
    )
    svc.outbox.wake()


# ----------------------------------------------------------------------------- parent


def _fake(rng: random.Random) -> FakeTelegram:
    """The fake Bot API with 20 ms latency and 1 % of sends answered 502 (not delivered)."""
    from tests.fakebot import SEND_METHODS, FakeTelegram, _ApiError

    class Flaky(FakeTelegram):
        def _check_forced(self, method: str, params: dict[str, Any]) -> None:
            super()._check_forced(method, params)
            marked = method in SEND_METHODS and MARK in str(params.get("text", ""))
            if marked and rng.random() < FAIL_RATE:
                raise _ApiError(502, "Bad Gateway")

    fake = Flaky()
    fake.set_delay(LATENCY)
    return fake


async def _probe(fake: FakeTelegram, uid: int, stop: asyncio.Event, sends: list[float]) -> None:
    """One person asking /sekarang every PROBE_EVERY seconds until stopped."""
    loop = asyncio.get_running_loop()
    user = fake.user(uid)
    next_at = loop.time() + random.random() * PROBE_EVERY
    while not stop.is_set():
        await asyncio.sleep(max(0.0, next_at - loop.time()))
        if stop.is_set():
            break
        await user.send("/sekarang")
        sends.append(time.monotonic())
        next_at += PROBE_EVERY


async def run_one(name: str, recipients: int, send_rate: float, seed: int) -> dict[str, Any]:
    """One sender against a fresh fake; returns its figures."""
    from tests.conftest import make_settings
    from tests.helpers import register_bulk, wait_until

    rng = random.Random(seed)
    ours = name.startswith("ours")
    probing = name == "ours"
    figures: dict[str, Any] = {"sender": name}
    with tempfile.TemporaryDirectory() as tmp:
        async with _fake(rng) as fake:
            settings = make_settings(Path(tmp), fake, send_rate=send_rate)
            ids = [USER0 + i for i in range(recipients)]
            blocked = set(rng.sample(ids, BLOCKED))
            probes = [PROBE0 + i for i in range(PROBES)] if probing else []
            if ours:
                people = [(uid, "Lurah", f"Kelompok {1 + i % 6}") for i, uid in enumerate(ids)]
                people += [(uid, "Camat", "Kelompok 1") for uid in probes]
                await register_bulk(settings, fake, people)
            else:
                for uid in ids:
                    fake.user(uid)
            for uid in blocked:
                fake.block(uid)
            if ours:
                fake.user(ADMIN_ID, "Panitia")  # the organiser's chat: progress and report
            recipients_file = Path(tmp) / "recipients.json"
            recipients_file.write_text(json.dumps(ids))
            child = await spawn_child(
                __file__,
                settings.database_path,
                fake,
                Path(tmp) / "child.log",
                name,
                "--recipients-file",
                str(recipients_file),
                "--send-rate",
                str(send_rate),
            )
            stop = asyncio.Event()
            sends: dict[int, list[float]] = {uid: [] for uid in probes}
            tasks = [asyncio.create_task(_probe(fake, uid, stop, sends[uid])) for uid in probes]
            expected = recipients - BLOCKED

            wanted = set(ids)

            def reached() -> int:
                return len({m.chat_id for m in fake.sent if MARK in m.text} & wanted)

            try:
                if ours:
                    # Ours ends when every reachable recipient has it (or FINISH passes).
                    with contextlib.suppress(AssertionError):
                        await wait_until(
                            lambda: reached() >= expected, timeout=FINISH, what="everyone"
                        )
                    stop.set()
                    await asyncio.gather(*tasks)
                    # The last /sekarang answered, then stop the bot.
                    with contextlib.suppress(AssertionError):
                        await wait_until(
                            lambda: all(
                                len(_answers(fake, uid)) >= len(sends[uid]) for uid in probes
                            ),
                            timeout=30,
                            what="the last answers",
                        )
                    child.send_signal(signal.SIGTERM)
                out, _ = await asyncio.wait_for(child.communicate(), FINISH)
            finally:
                if child.returncode is None:
                    child.kill()
                    await child.communicate()
            figures.update(_delivery(fake, ids, blocked))
            figures["http_429"] = fake.stats["429"]
            figures["http_502"] = sum(1 for _, c, _ in fake.errors if c == 502)
            figures["child_exit"] = child.returncode
            if child.returncode not in (0, -signal.SIGTERM):
                tail = (Path(tmp) / "child.log").read_text(errors="replace")[-2000:]
                print(f"{name}: the child failed:\n{tail}", file=sys.stderr)
            lines = out.decode().strip().splitlines()
            with contextlib.suppress(ValueError, IndexError):
                figures.update(json.loads(lines[-1]))
            if probing:
                figures.update(_latency(fake, sends))
    return figures


def _answers(fake: FakeTelegram, uid: int) -> list[float]:
    return [m.at for m in fake.messages_to(uid) if MARK not in m.text]


def _delivery(fake: FakeTelegram, ids: list[int], blocked: set[int]) -> dict[str, Any]:
    """Delivered, lost and duplicates of the announcement; time and rate."""
    wanted = set(ids)
    got = Counter(m.chat_id for m in fake.sent if MARK in m.text and m.chat_id in wanted)
    times = sorted(m.at for m in fake.sent if MARK in m.text)
    seconds = times[-1] - times[0] if len(times) > 1 else 0.0
    return {
        "delivered": len(got),
        "lost": len(wanted - blocked - set(got)),
        "duplicates": sum(n - 1 for n in got.values()),
        "seconds": seconds,
        "per_second": (sum(got.values()) / seconds) if seconds else 0.0,
    }


def _latency(fake: FakeTelegram, sends: dict[int, list[float]]) -> dict[str, Any]:
    """The /sekarang reply latency over all the probes (ask -> reply accepted by the fake)."""
    latencies = []
    unanswered = 0
    for uid, asked in sends.items():
        answered = _answers(fake, uid)
        for k, at in enumerate(asked):
            if k < len(answered):
                latencies.append(answered[k] - at)
            else:
                unanswered += 1
    latencies.sort()
    if not latencies:
        return {"asked": 0}
    return {
        "asked": sum(len(a) for a in sends.values()),
        "unanswered": unanswered,
        "reply_p50_s": statistics.median(latencies),
        "reply_p95_s": latencies[max(0, int(len(latencies) * 0.95) - 1)],
        "reply_max_s": latencies[-1],
    }


def main() -> None:
    """Parse arguments; run the senders one after another (or, with --child, one sender)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--send-rate", type=float, default=28.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="naive,ptb,ours,ours-quiet")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    for name in ("--db", "--token", "--base-url", "--file-url", "--recipients-file"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child.startswith("ours"):
            asyncio.run(_child_ours(args))
        else:
            asyncio.run(_child_loop(args, limited=args.child == "ptb"))
        return
    rows = []
    for name in args.only.split(","):
        rows.append(asyncio.run(run_one(name, args.recipients, args.send_rate, args.seed)))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    keys = ["delivered", "lost", "duplicates", "http_429", "http_502", "seconds", "per_second"]
    print(f"\n{'sender':<11}" + "".join(f"{k:>12}" for k in keys))
    for row in rows:
        cells = []
        for k in keys:
            v = row.get(k, "")
            cells.append(f"{v:>12.1f}" if isinstance(v, float) else f"{v!s:>12}")
        print(f"{row['sender']:<11}" + "".join(cells))
    for row in rows:
        if "reply_p95_s" in row:
            print(
                f"\n{row['sender']}: /sekarang asked {row['asked']} times, unanswered "
                f"{row['unanswered']}, reply p50 {row['reply_p50_s']:.2f} s, "
                f"p95 {row['reply_p95_s']:.2f} s, max {row['reply_max_s']:.2f} s"
            )


if __name__ == "__main__":
    main()
