"""Scheduled delivery end-to-end: briefings and reminders on a rehearsal clock, exactly once."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from db.outbox import counts
from tests.conftest import at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, register_many, settle, texts_to

CAMAT, LURAH, OPD = 2001, 2002, 2003


async def test_briefing_and_reminders_arrive_on_time_once_with_own_agenda(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(
        settings,
        fake,
        [
            (CAMAT, "Camat", "Kelompok 4"),
            (LURAH, "Lurah", "Kelompok 5"),
            (OPD, "Kepala OPD", "Kelompok 1"),
        ],
        reminders_off={LURAH},
    )
    # 04:49 on day 2; 600x: the 04:50 briefing in 0.1 s, the 05:00 assembly reminder in 1.1 s,
    # the 05:45 physical-training reminder in 5.6 s.
    clock = Clock(start=at("2025-05-16 04:49"), speed=600)
    async with start_rig(fake, settings, clock) as rig:
        for uid in (CAMAT, OPD):
            await fake.wait_for(is_reminder(uid, "Jasmani"))
        await fake.wait_for(is_reminder(LURAH, "Apel Pagi"))
        await settle(rig)  # anything sent twice has arrived by now
        box = await counts(rig.svc.db)

    for uid in (CAMAT, LURAH, OPD):
        texts = texts_to(fake, uid)
        briefings = [t for t in texts if "Selamat pagi" in t]
        assert len(briefings) == 1, texts
        assert "Apel Pagi" in briefings[0] and "05.30 WIB" in briefings[0]
        apel = [t for t in texts if t.startswith("⏰") and "Apel Pagi" in t]
        assert len(apel) == 1, texts
    camat_brief = next(t for t in texts_to(fake, CAMAT) if "Selamat pagi" in t)
    assert "Breakout Camat" in camat_brief and "Breakout Lurah" not in camat_brief
    lurah_texts = texts_to(fake, LURAH)
    assert "Breakout Lurah" in next(t for t in lurah_texts if "Selamat pagi" in t)
    # reminders off: the assembly still comes, the physical training does not
    assert not [t for t in lurah_texts if t.startswith("⏰") and "Jasmani" in t]
    assert len([t for t in texts_to(fake, CAMAT) if t.startswith("⏰") and "Jasmani" in t]) == 1
    assert box.get("failed", 0) == 0
