"""/status "Tidak sampai tepat waktu": what was planned before the bot first ran is not called a
late delivery; lines name the session and the reminder's offset, say "dan N lainnya" when cut,
and agree with the queue line (tester's finding A)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.clock import Clock
from db.database import Database
from tests.conftest import ADMIN_ID, at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, wait_until

PEOPLE = [(30_000 + i, "Lurah", "Kelompok 2") for i in range(20)]


async def _settled(db: Database, now: float) -> bool:
    row = await db.fetchone(
        "SELECT COUNT(*) FROM dispatch WHERE status = 'pending' AND due_at <= ?", (now,)
    )
    return row is not None and row[0] == 0


async def test_a_first_start_mid_event_calls_nothing_late(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, PEOPLE)
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 13:05"))) as rig:
        await wait_until(lambda: _settled(rig.svc.db, rig.clock.timestamp()))
        await admin.send("/status")
        status = (await admin.reply_where(lambda m: "Status" in m.text)).plain_text
    assert "Tidak sampai tepat waktu" not in status, status
    assert "d1-" not in status, status
    assert re.search(r"\d+ terlewat sebelum bot berjalan", status), status
    assert "0 kedaluwarsa" in status, status


async def test_items_missed_while_the_bot_was_down_name_session_and_offset(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, PEOPLE)
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 04:00"))) as rig:
        await wait_until(lambda: _settled(rig.svc.db, rig.clock.timestamp()))
    # down from 04.00 to 12.00: the briefing and six reminders fell due and expired meanwhile
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:00"))) as rig:
        await wait_until(lambda: _settled(rig.svc.db, rig.clock.timestamp()))
        await admin.send("/status")
        status = (await admin.reply_where(lambda m: "Status" in m.text)).plain_text
    assert "Tidak sampai tepat waktu" in status, status
    assert "d1-" not in status, status
    assert "pengingat Upacara Pembukaan (30 menit sebelum): 20 pesan" in status, status
    assert "pengingat Upacara Pembukaan (5 menit sebelum): 20 pesan" in status, status
    lines = [line for line in status.splitlines() if line.startswith("• ")]
    assert len(lines) == 5, status
    assert "dan 2 lainnya" in status, status
    assert "140 kedaluwarsa" in status, status  # 7 items × 20 people, as in the list
