"""The XLSX export with N participants x 3 days of reflections (issue 9, item 4).

    python bench/export.py [--participants 1000] [--runs 3]

Seeds a database: the sample agenda, N registered participants, every one's answers to the
four default questions on each of the 3 days (12 answers a person), a check-in for each
assembly, and the outbox rows of one reminder a session per person (what the deliveries
sheet sums up). Then runs `bot.export.gather_and_build` (what `python -m bot export` and
/ekspor run) `--runs` times and prints, for each: seconds reading the database, seconds
building the workbook (in its worker thread), the file size; then the peak of Python's own
allocations during one export (tracemalloc) and the resident memory's peak since just before
the exports (VmHWM after a reset; Linux).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.common import reset_peak_rss, status_kb
from bot.agenda_io import DEFAULT_QUESTIONS, load_agenda_file
from bot.changes import import_agenda
from bot.clock import Clock
from bot.export import build_workbook, gather
from bot.models import Agenda
from db import Database
from db.agenda import load_agenda
from tests.conftest import at, make_settings
from tests.fakebot import FakeTelegram
from tests.helpers import register_bulk

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "bot" / "data" / "sample_event.yaml"
USER0 = 100_000
POSITIONS = ["Lurah", "Camat", "Kepala OPD", "Lurah", "Kepala Bagian", "Camat", "Lurah"]
LESSON = "Kepemimpinan dimulai dari teladan dan disiplin diri; pelayanan publik yang baik " * 2
ACTION = "Rapat koordinasi mingguan di unit kerja setiap Senin pukul 08.00 bersama para kabid."


async def seed(database: Path, fake: FakeTelegram, participants: int) -> None:
    """Agenda, participants, answers, check-ins and outbox rows, in bulk statements (seeding
    only; the rows are those save_answer, check_in and the outbox write)."""
    settings = make_settings(database.parent, fake)
    people = [
        (USER0 + i, POSITIONS[i % len(POSITIONS)], f"Kelompok {1 + i % 6}")
        for i in range(participants)
    ]
    await register_bulk(settings, fake, people)
    agenda, problems = load_agenda_file(SAMPLE)
    assert agenda is not None, problems
    db = await Database.open(database)
    try:
        await import_agenda(
            db, Clock(start=at("2025-05-14 09:00")), agenda, source=str(SAMPLE), default_lang="id"
        )
        days = [d.isoformat() for d in agenda.days()]
        users = [uid for uid, _, _ in people]
        value = {"rating": "4", "lesson": LESSON, "action": ACTION, "value": "Akuntabel"}
        await db.executemany(
            "INSERT INTO reflections (user_id, day, started_at, updated_at, finished_at)"
            " VALUES (?, ?, 1, 1, 1)",
            [(u, d) for u in users for d in days],
        )
        await db.executemany(
            "INSERT INTO reflection_answers (user_id, day, question_id, kind, value,"
            " answered_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)",
            [
                (u, d, q.id, q.type, value[q.id])
                for u in users
                for d in days
                for q in DEFAULT_QUESTIONS
            ],
        )
        assemblies = [s for s in agenda.sessions if s.takes_attendance]
        await db.executemany(
            "INSERT INTO attendance (session_id, user_id, checked_at, method)"
            " VALUES (?, ?, ?, 'code')",
            [(s.id, u, s.start_at(agenda.event.tz).timestamp()) for s in assemblies for u in users],
        )
        await db.executemany(
            "INSERT INTO outbox (key, purpose, item, user_id, chat_id, payload_json, status,"
            " created_at, updated_at, sent_at) VALUES (?, 'reminder', ?, ?, ?, '{}', 'sent',"
            " 1, 1, 2)",
            [(f"reminder:{s.id}:{u}", s.id, u, u) for s in agenda.sessions for u in users],
        )
    finally:
        await db.close()


async def run(participants: int, runs: int) -> dict[str, object]:
    """Seed, export `runs` times, return the figures."""
    figures: dict[str, object] = {"participants": participants}
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "retret.db"
        async with FakeTelegram() as fake:
            t0 = time.monotonic()
            await seed(database, fake, participants)
            figures["seed_s"] = time.monotonic() - t0
        db = await Database.open(database)
        try:
            agenda = await _agenda(db)
            reset = reset_peak_rss()
            for n in range(runs):
                started = time.monotonic()
                data = await gather(db, agenda)
                read = time.monotonic()
                content = await asyncio.to_thread(build_workbook, data, "id")
                done = time.monotonic()
                figures[f"run{n + 1}_read_s"] = read - started
                figures[f"run{n + 1}_build_s"] = done - read
                figures[f"run{n + 1}_total_s"] = done - started
            figures["reflection_rows"] = len(data.reflections)
            figures["xlsx_kb"] = len(content) / 1024
            if reset:
                figures["peak_rss_during_exports_mb"] = status_kb("VmHWM") / 1024
            tracemalloc.start()
            data = await gather(db, agenda)
            await asyncio.to_thread(build_workbook, data, "id")
            figures["python_alloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        finally:
            await db.close()
    return figures


async def _agenda(db: Database) -> Agenda:
    agenda = await load_agenda(db)
    assert agenda is not None
    return agenda


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures = asyncio.run(run(args.participants, args.runs))
    for key, value in figures.items():
        print(f"{key:>28}: {value:.2f}" if isinstance(value, float) else f"{key:>28}: {value}")


if __name__ == "__main__":
    main()
