"""Restarts: a kill with the outbox half sent, and downtime across reminder times."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.clock import Clock
from bot.settings import Settings
from db import Database
from db.outbox import counts
from jobs.outbox import MAX_IN_FLIGHT
from tests.conftest import at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import (
    is_reminder,
    kinds_by_chat,
    outbox_settled,
    register_many,
    settle,
    texts_to,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[1]


def _env(settings: Settings, fake: FakeTelegram, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "TELEGRAM_", "REHEARSE_", "DATABASE_", "ADMIN_"))
    }
    env.update(
        BOT_TOKEN=fake.token,
        TELEGRAM_BASE_URL=fake.base_url,
        TELEGRAM_BASE_FILE_URL=fake.base_file_url,
        DATABASE_PATH=str(settings.database_path),
        PTB_TIMEDELTA="1",
        LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


async def _spawn(
    settings: Settings, fake: FakeTelegram, log: Path, *args: str, **extra: str
) -> asyncio.subprocess.Process:
    """`python -m bot run [args]` as a separate process, its log in a file."""
    out = log.open("ab")
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            *args,
            env=_env(settings, fake, **extra),
            cwd=str(log.parent),
            stdout=out,
            stderr=out,
        )
    finally:
        out.close()


@pytest.mark.slow
async def test_kill_with_outbox_half_sent_then_restart_delivers_everything(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    people = [(3000 + i, "Kepala OPD", f"Kelompok {1 + i % 6}") for i in range(60)]
    await register_many(settings, fake, people)
    log = tmp_path / "bot.log"
    briefing = "Selamat pagi"

    # 10/s: the 60 briefings take about 6 s; kill -9 once 20 have arrived.
    proc = await _spawn(settings, fake, log, REHEARSE_FROM="2025-05-16 04:49:58", SEND_RATE="10")
    try:
        await fake.wait_for(lambda m: briefing in m.text, count=20, timeout=30)
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    first_run = sum(kinds_by_chat(fake, briefing).values())
    assert first_run < 60, "the kill came too late to test anything"

    # the second run takes its rehearsal start from the command line instead
    proc = await _spawn(settings, fake, log, "--rehearse-from", "2025-05-16 04:51", SEND_RATE="10")
    try:
        for uid, _, _ in people:
            await fake.wait_for(lambda m, u=uid: m.chat_id == u and briefing in m.text, timeout=30)
        await outbox_settled(settings.database_path)  # a second copy, if any, has arrived
    finally:
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 15) == 0, log.read_text()[-3000:]

    got = kinds_by_chat(fake, briefing)
    assert set(got) == {uid for uid, _, _ in people}, "someone never got the briefing"
    duplicates = sum(n - 1 for n in got.values())
    # At-least-once: only sends under way at the moment of the kill can go twice.
    assert duplicates <= MAX_IN_FLIGHT, got
    assert max(got.values()) <= 2
    db = await Database.open(settings.database_path)
    try:
        box = await counts(db)
    finally:
        await db.close()
    assert box.get("pending", 0) == 0 and box.get("sending", 0) == 0
    print(f"kill after {first_run} of 60 sent; duplicates after restart: {duplicates}")


async def test_downtime_sends_late_useful_reminders_once_and_drops_expired_ones(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    uid = 4001
    await register_many(settings, fake, [(uid, "Camat", "Kelompok 4")])

    # Up at 04:25 on day 2, then down across the 04:50 briefing and the 05:00 assembly reminder.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 04:25"))) as rig:
        await settle(rig)
    assert texts_to(fake, uid) == []

    # Back at 05:10: the briefing (useful until noon) and the assembly reminder (assembly at
    # 05:30) are late but useful: each is sent once.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 05:10"))) as rig:
        await fake.wait_for(lambda m: m.chat_id == uid and "Selamat pagi" in m.text)
        await fake.wait_for(is_reminder(uid, "Apel Pagi"))
        await settle(rig)

    # Down again across 05:45 (the physical-training reminder); back at 06:05, after the
    # session started: the reminder has expired and is recorded, not sent.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 06:05"))) as rig:
        db = rig.svc.db

        async def settled() -> bool:
            row = await db.fetchone(
                "SELECT COUNT(*) FROM dispatch WHERE key LIKE 'reminder:d2-jasmani%'"
                " AND status = 'pending'"
            )
            return row is not None and row[0] == 0

        await wait_until(settled)
        # Expired items record whom they were for on the item, not with a row per person.
        rows = await db.fetchall(
            "SELECT status, recipients FROM dispatch WHERE key LIKE 'reminder:d2-jasmani%'"
        )
        per_person = await db.fetchall(
            "SELECT status FROM outbox WHERE user_id = ? AND item LIKE 'reminder:d2-jasmani%'",
            (uid,),
        )
    texts = texts_to(fake, uid)
    kinds = Counter("briefing" if "Selamat pagi" in t else t.split("</b>")[0] for t in texts)
    assert kinds["briefing"] == 1
    assert kinds["⏰ <b>Apel Pagi"] == 1
    assert not any("Jasmani" in t and t.startswith("⏰") for t in texts)
    assert [(r[0], r[1]) for r in rows] == [("expired", 1)]
    assert per_person == []
