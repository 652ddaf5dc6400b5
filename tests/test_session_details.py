"""The details people need reach them: a session's description (dress code, what to bring)
is in its reminder and in /sekarang (issue 7, item 3, first part)."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from tests.conftest import at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, register_many

LURAH = 7401
DRESS = "Pakaian olahraga. Berbaris per kelompok."


async def test_the_reminder_and_now_carry_the_sessions_description(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(LURAH, "Lurah", "Kelompok 2")])
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 04:59:58"))) as rig:
        reminder = (await fake.wait_for(is_reminder(LURAH, "Apel Pagi")))[0]
        assert f"ℹ️ {DRESS}" in reminder.plain_text
        rig.clock.jump(at("2025-05-16 05:40"))
        u = fake.user(LURAH)
        await u.send("/sekarang")
        now = await u.reply_where(lambda m: "Apel Pagi" in m.text)
        assert DRESS in now.plain_text
