"""/rekap with 1,000 participants x 3 days of reflections, and /sekarang while it draws.

    python bench/rekap.py [--participants 1000] [--rounds 3] [--window 40] [--seed 1]

Seeds a real SQLite file in a temp folder: N registered participants (`register_bulk`, in 10
groups) and their reflections of the sample event's three days, written straight into the
tables of migration 0008 (per day about 85% finished, 5% half-way, 10% nothing; ratings,
values and texts of 40-400 characters drawn from the seed). The real bot then runs in a
child process (this script with --child) against the fake Bot API of tests/fakebot.py in
this one, with the rehearsal clock at 2025-05-16 12:05 WIB (nothing scheduled until 12:30,
so the bot's only work is what this script asks).

1. `/rekap 1`, `/rekap 2`, `/rekap 3`, `--rounds` times, 3 s apart (so the fake's limit of
   about one message a second in a chat, with a burst of 3, does not enter the figure):
   seconds from the command to the figures' message and to the chart's sendPhoto accepted
   by the fake.
   The first one also loads matplotlib (cold), so it is shown on its own.
2. 10 participants send /sekarang every 2 s (staggered) for `--window` seconds, first with
   nothing else going on (baseline), then while the organiser asks /rekap again as soon as
   the previous chart has arrived, so a chart is being drawn most of the time. Latency:
   /sekarang sent -> its reply accepted by the fake; p50, p95, max, how many over 1.5 s.

Printed at the end: those figures, how many /rekap were answered during the window, the
bot's RSS (ready, end, peak) and ERROR records, 429s from the fake.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.common import ADMIN_ID, child_settings, spawn_child, status_kb  # noqa: E402

if TYPE_CHECKING:
    from tests.fakebot import FakeTelegram, FakeUser

START = datetime(2025, 5, 16, 12, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
DAYS = ("2025-05-15", "2025-05-16", "2025-05-17")
USER0 = 300_000
PROBES = 10
PROBE_EVERY = 2.0
QUIET = 3.0  # seconds between the timed /rekap of part 1
GOAL = 1.5  # seconds: /sekarang p95 while /rekap draws (issue 9)
VALUES = (
    "Berorientasi Pelayanan",
    "Akuntabel",
    "Kompeten",
    "Harmonis",
    "Loyal",
    "Adaptif",
    "Kolaboratif",
)
WORDS = [
    "kepemimpinan",
    "disiplin",
    "kolaborasi",
    "layanan",
    "warga",
    "unit",
    "kerja",
    "rapat",
    "koordinasi",
]


# ----------------------------------------------------------------------------- child: the bot


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def _child(args: argparse.Namespace) -> None:
    """Run the bot until SIGTERM; print one JSON line of figures."""
    from bot.app import running
    from bot.clock import Clock
    from bot.logs import setup_logging

    settings = child_settings(args)
    setup_logging("WARNING", [args.token])
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    figures: dict[str, Any] = {}
    async with running(settings, clock=Clock(start=START)):
        figures["rss_ready_mb"] = status_kb("VmRSS") / 1024
        await stop.wait()
        figures["rss_end_mb"] = status_kb("VmRSS") / 1024
        figures["peak_rss_mb"] = status_kb("VmHWM") / 1024
    figures["error_records"] = errors.count
    print(json.dumps(figures), flush=True)


# ----------------------------------------------------------------------------- parent


async def seed_reflections(db_path: Path, users: list[int], rng: random.Random) -> int:
    """Reflections of every day for `users`, written straight into migration 0008's tables
    (the rows `db.reflections.save_answer` writes); returns the number of answers."""
    from db import Database

    heads: list[tuple[int, str, float, float, float | None]] = []
    answers: list[tuple[int, str, str, str, str, float, float]] = []
    for uid in users:
        for day in DAYS:
            roll = rng.random()
            if roll < 0.10:
                continue  # nothing
            full = roll >= 0.15
            at = 1_000.0
            given = [
                ("rating", "rating", str(rng.choices(range(1, 6), (1, 2, 5, 9, 6))[0])),
                ("lesson", "text", " ".join(rng.choices(WORDS, k=rng.randint(5, 50)))),
            ]
            if full:
                given += [
                    ("action", "text", " ".join(rng.choices(WORDS, k=rng.randint(5, 50)))),
                    ("value", "choice", rng.choice(VALUES)),
                ]
            heads.append((uid, day, at, at, at if full else None))
            answers += [(uid, day, q, kind, value, at, at) for q, kind, value in given]
    db = await Database.open(db_path)
    try:
        await db.executemany(
            "INSERT INTO reflections (user_id, day, started_at, updated_at, finished_at)"
            " VALUES (?, ?, ?, ?, ?)",
            heads,
        )
        await db.executemany(
            "INSERT INTO reflection_answers (user_id, day, question_id, kind, value,"
            " answered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            answers,
        )
    finally:
        await db.close()
    return len(answers)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * q + 0.999999) - 1)]


async def one_rekap(admin: FakeUser, day: int) -> tuple[float, float]:
    """Seconds from `/rekap DAY` to the figures and to the chart."""
    sent = time.monotonic()
    await admin.send(f"/rekap {day}")
    text = await admin.reply_where(lambda m: "Rekap refleksi" in m.text, timeout=120)
    photo = await admin.reply_where(lambda m: m.method == "sendPhoto", timeout=120)
    return text.at - sent, photo.at - sent


async def probe(user: FakeUser, offset: float, until: float, sends: list[float]) -> None:
    """/sekarang every PROBE_EVERY s from `offset` until the loop time `until`."""
    loop = asyncio.get_running_loop()
    next_at = loop.time() + offset
    while next_at < until:
        await asyncio.sleep(max(0.0, next_at - loop.time()))
        await user.send("/sekarang")
        sends.append(time.monotonic())
        next_at += PROBE_EVERY


async def probe_window(
    fake: FakeTelegram, users: list[FakeUser], window: float
) -> tuple[list[float], int]:
    """Run the probes for `window` s; (latencies, unanswered within 30 s)."""
    loop = asyncio.get_running_loop()
    until = loop.time() + window
    before = {u.id: len(fake.messages_to(u.id)) for u in users}
    sends: dict[int, list[float]] = {u.id: [] for u in users}
    await asyncio.gather(
        *(probe(u, i * PROBE_EVERY / len(users), until, sends[u.id]) for i, u in enumerate(users))
    )
    latencies: list[float] = []
    missing = 0
    for u in users:
        with contextlib.suppress(AssertionError):
            await fake.wait_for(
                lambda m, uid=u.id: m.chat_id == uid,
                count=before[u.id] + len(sends[u.id]),
                timeout=30,
            )
        replies = [m.at for m in fake.messages_to(u.id)[before[u.id] :]]
        for k, sent in enumerate(sends[u.id]):
            if k < len(replies):
                latencies.append(replies[k] - sent)
            else:
                missing += 1
    return latencies, missing


def _summary(prefix: str, latencies: list[float]) -> dict[str, Any]:
    if not latencies:
        return {f"{prefix}_asked": 0}
    return {
        f"{prefix}_answered": len(latencies),
        f"{prefix}_p50_s": statistics.median(latencies),
        f"{prefix}_p95_s": _pct(latencies, 0.95),
        f"{prefix}_max_s": max(latencies),
        f"{prefix}_over_{GOAL:g}s": sum(x > GOAL for x in latencies),
    }


async def run(participants: int, rounds: int, window: float, seed: int) -> dict[str, Any]:
    """The whole benchmark; returns the figures."""
    from tests.conftest import make_settings
    from tests.fakebot import FakeTelegram
    from tests.helpers import register_bulk, wait_until

    rng = random.Random(seed)
    figures: dict[str, Any] = {"participants": participants, "days": len(DAYS)}
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram() as fake:
            settings = make_settings(Path(tmp), fake)
            people = [
                (USER0 + i, rng.choice(["Lurah", "Camat", "Kepala OPD"]), f"Kelompok {1 + i % 10}")
                for i in range(participants)
            ]
            t0 = time.monotonic()
            await register_bulk(settings, fake, people)
            figures["answers"] = await seed_reflections(
                Path(settings.database_path), [p[0] for p in people], rng
            )
            figures["seed_s"] = time.monotonic() - t0
            admin = fake.user(ADMIN_ID, "Panitia")
            probes = [fake.user(USER0 + i) for i in range(PROBES)]
            log_path = Path(tmp) / "bot.log"
            child = await spawn_child(__file__, settings.database_path, fake, log_path)
            try:
                await wait_until(
                    lambda: fake.stats["getUpdates"] > 0, timeout=120, what="the bot polls"
                )
                # 1. /rekap of each day, `rounds` times
                texts: list[float] = []
                charts: list[float] = []
                for _ in range(rounds):
                    for day in (1, 2, 3):
                        # a quiet chat for each: Telegram's ~1 message/s a chat (the fake's
                        # bucket of 3) is not what is measured here
                        await asyncio.sleep(QUIET)
                        text_s, chart_s = await one_rekap(admin, day)
                        texts.append(text_s)
                        charts.append(chart_s)
                figures["rekap_cold_text_s"] = texts[0]
                figures["rekap_cold_chart_s"] = charts[0]
                figures["rekap_runs"] = len(texts) - 1
                figures["rekap_text_median_s"] = statistics.median(texts[1:])
                figures["rekap_text_max_s"] = max(texts[1:])
                figures["rekap_chart_median_s"] = statistics.median(charts[1:])
                figures["rekap_chart_max_s"] = max(charts[1:])

                # 2a. /sekarang alone
                latencies, missing = await probe_window(fake, probes, window / 2)
                figures.update(_summary("sekarang_alone", latencies))
                figures["sekarang_alone_unanswered"] = missing

                # 2b. /sekarang while /rekap draws, one after another
                drawing = asyncio.Event()
                done: list[float] = []

                async def keep_drawing() -> None:
                    day = 0
                    while not drawing.is_set():
                        _, chart_s = await one_rekap(admin, 1 + day % 3)
                        done.append(chart_s)
                        day += 1

                drawer = asyncio.create_task(keep_drawing())
                latencies, missing = await probe_window(fake, probes, window)
                drawing.set()
                await drawer
                figures.update(_summary("sekarang_with_rekap", latencies))
                figures["sekarang_with_rekap_unanswered"] = missing
                figures["rekap_during_window"] = len(done)
                figures["rekap_during_window_median_s"] = statistics.median(done) if done else 0
            finally:
                child.send_signal(signal.SIGTERM)
                try:
                    out, _ = await asyncio.wait_for(child.communicate(), 300)
                except TimeoutError:
                    child.kill()
                    out, _ = await child.communicate()
            lines = out.decode().strip().splitlines()
            figures.update(
                {f"bot_{k}": v for k, v in (json.loads(lines[-1]) if lines else {}).items()}
            )
            figures["bot_exit"] = child.returncode
            figures["http_429"] = fake.stats["429"]
            figures["photos"] = sum(m.method == "sendPhoto" for m in fake.sent)
            sizes = [len(m.document or b"") for m in fake.sent if m.method == "sendPhoto"]
            figures["chart_kb"] = statistics.median(sizes) / 1024 if sizes else 0
    return figures


def main() -> None:
    """Parse arguments; run the benchmark (or, with --child, the bot)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--window", type=float, default=40.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    for name in ("--db", "--token", "--base-url", "--file-url"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(_child(args))
        return
    figures = asyncio.run(run(args.participants, args.rounds, args.window, args.seed))
    for key, value in figures.items():
        print(f"{key:>32}: {value:.2f}" if isinstance(value, float) else f"{key:>32}: {value}")


if __name__ == "__main__":
    main()
