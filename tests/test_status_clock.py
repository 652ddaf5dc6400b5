"""/status shows one consistent clock: the event clock ("Jam acara: Kamis, 15 Mei 2025,
pukul 08.30 WIB"), in a rehearsal its speed and the real moment it started, and every time
in it says "pukul" (issue 7, item 6)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import Clock
from bot.timefmt import fmt_date
from db.meta import record_error
from tests.conftest import ADMIN_ID, JKT, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram

EN_ADMIN = 9_002
TIME = re.compile(r"\b\d{2}[.:]\d{2}\b")


def times_without_pukul(text: str) -> list[str]:
    """Every clock time in an Indonesian text not written "pukul HH.MM" (nor as the end of a
    range that starts with "pukul")."""
    return [
        m.group()
        for m in TIME.finditer(text)
        if not re.search(r"pukul $", text[: m.start()])
        and not re.search(r"pukul \d{2}\.\d{2}–$", text[: m.start()])
    ]


async def test_status_in_a_rehearsal_shows_the_event_clock_its_speed_and_real_start(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake, admin_ids=frozenset({ADMIN_ID, EN_ADMIN}))
    real = [datetime(2026, 11, 28, 13, 15, tzinfo=UTC).timestamp()]  # 20.15 WIB, real time
    clock = Clock(start=at("2025-05-15 08:30"), speed=60, real=lambda: real[0])
    async with start_rig(fake, settings, clock) as rig:
        real[0] += 150  # two and a half real minutes: two and a half event hours
        await record_error(rig.svc.db, "ValueError: contoh", at=clock.timestamp())
        admin = fake.user(ADMIN_ID, "Panitia")
        await admin.send("/status")
        status = (await admin.reply_where(lambda m: "Status" in m.text)).plain_text
        en_admin = fake.user(EN_ADMIN, "Committee", language_code="en")
        await en_admin.send("/status")
        english = (await en_admin.reply_where(lambda m: "status" in m.text)).plain_text
    assert "Jam acara: Kamis, 15 Mei 2025, pukul 11.00 WIB" in status, status
    assert "(gladi, ×60, dimulai pukul 20.15 WIB waktu nyata)" in status, status
    assert "Berjalan sejak Kamis, 15 Mei 2025, pukul 08.30 WIB (2 jam 30 menit)" in status
    assert "pukul 11.00 WIB · ValueError: contoh" in status, status
    assert times_without_pukul(status) == [], status
    assert "Event clock: Thursday, 15 May 2025, 11:00 WIB" in english, english
    assert "(rehearsal, ×60, started at 20:15 WIB real time)" in english, english
    assert "Up since Thursday, 15 May 2025, 08:30 WIB (2 h 30 min)" in english, english


async def test_status_on_the_wall_clock_says_pukul_and_no_rehearsal(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    clock = Clock()
    async with start_rig(fake, settings, clock):
        admin = fake.user(ADMIN_ID, "Panitia")
        await admin.send("/status")
        status = (await admin.reply_where(lambda m: "Status" in m.text)).plain_text
    shown = re.search(r"Jam acara: (\w+, \d{1,2} \w+ \d{4}), pukul (\d{2}\.\d{2}) WIB\n", status)
    assert shown is not None, status
    assert shown.group(1) == fmt_date(clock.now(JKT).date(), "id") or clock.now(JKT).hour == 0
    assert "gladi" not in status
    assert times_without_pukul(status) == [], status
