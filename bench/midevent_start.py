"""First start in the middle of the event: N registered participants, the sample agenda in the
database, and the bot started for the first time at noon of day 2 (rehearsal clock
2025-05-16 12:00 WIB). Everything due before noon is caught up (sent late or recorded as
expired) in the scheduler's first pass.

    python bench/midevent_start.py [--participants 10000]

Printed: outbox and dispatch rows by status right after the first pass, seconds from entering
`running()` until it yields and until the scheduler's first pass is done, the database size,
and the resident memory (peak since just before the start, and the whole process's peak,
which includes seeding the database and the fake server).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.common import reset_peak_rss, status_kb
from bot.agenda_io import load_agenda_file
from bot.app import running
from bot.changes import import_agenda
from bot.clock import Clock
from db import Database
from db.dispatch import dispatch_counts
from db.outbox import counts
from tests.conftest import at, make_settings
from tests.fakebot import FakeTelegram
from tests.helpers import register_bulk

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "bot" / "data" / "sample_event.yaml"
START = "2025-05-16 12:00"  # noon of day 2
USER0 = 100_000
POSITIONS = ["Lurah", "Camat", "Kepala OPD", "Lurah", "Kepala Bagian", "Camat", "Lurah"]


async def seed(database: Path, fake: FakeTelegram, participants: int) -> None:
    """The sample agenda (imported the day before) and the participants, straight into the DB."""
    settings = make_settings(database.parent, fake)
    people = [
        (USER0 + i, POSITIONS[i % len(POSITIONS)], f"Kelompok {1 + i % 6}")
        for i in range(participants)
    ]
    if participants:
        await register_bulk(settings, fake, people)
    agenda, problems = load_agenda_file(SAMPLE)
    assert agenda is not None, problems
    db = await Database.open(database)
    try:
        await import_agenda(
            db,
            Clock(start=at("2025-05-14 09:00")),
            agenda,
            source=str(SAMPLE),
            default_lang="id",
        )
    finally:
        await db.close()


async def run(participants: int) -> dict[str, object]:
    """Seed, start the bot once at noon of day 2, return the figures."""
    figures: dict[str, object] = {"participants": participants}
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "retret.db"
        async with FakeTelegram() as fake:
            t0 = time.monotonic()
            await seed(database, fake, participants)
            figures["seed_s"] = time.monotonic() - t0
            settings = make_settings(Path(tmp), fake)
            figures["rss_before_start_mb"] = status_kb("VmRSS") / 1024
            reset = reset_peak_rss()
            started = time.monotonic()
            async with running(settings, clock=Clock(start=at(START)), poll_timeout=1) as app:
                figures["start_s"] = time.monotonic() - started
                services = app.bot_data.services
                assert services is not None and services.scheduler is not None
                # Waits for a pass still under way (it holds the scheduler's lock), then finds
                # nothing left to do: the first pass is over.
                await services.scheduler.run_due()
                figures["first_pass_s"] = time.monotonic() - started
                box = await counts(services.db)
                items = await dispatch_counts(services.db)
                figures["rss_after_first_pass_mb"] = status_kb("VmRSS") / 1024
                if reset:
                    figures["peak_rss_since_start_mb"] = status_kb("VmHWM") / 1024
                figures["sent_by_now"] = len(fake.sent)
            for status in sorted(box):
                figures[f"outbox_{status}"] = box[status]
            figures["outbox_rows"] = sum(box.values())
            for status in sorted(items):
                figures[f"dispatch_{status}"] = items[status]
            size = sum(
                p.stat().st_size for p in Path(tmp).iterdir() if p.name.startswith("retret.db")
            )
            figures["db_mb"] = size / 2**20
    # ru_maxrss is in kB on Linux.
    figures["peak_rss_process_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=10_000)
    args = parser.parse_args()
    figures = asyncio.run(run(args.participants))
    for key, value in figures.items():
        print(f"{key:>24}: {value:.2f}" if isinstance(value, float) else f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
