"""The check-in code prompt takes only a code, and only from the moment check-in opens; the nudge is
offered only from the moment check-in opens (issue 6, items 4 and 6)."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from db.attendance import attendees, set_code
from db.conversations import get_conversation
from tests.conftest import (
    ADMIN_ID,
    answer_to,
    at,
    has_button,
    make_settings,
    relax_chat_limits,
    start_rig,
)
from tests.fakebot import FakeTelegram
from tests.helpers import register_many

LURAH = 7301
WRONG = "Kode presensi salah"


async def test_questions_at_the_code_prompt_are_answered_and_a_code_still_checks_in(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(LURAH, "Lurah", "Kelompok 2")])
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 05:20"))) as rig:
        await set_code(rig.svc.db, "d2-apel-pagi", "4321", by=1, at=rig.clock.timestamp())
        u = fake.user(LURAH)
        await u.send("/hadir")
        await u.reply_where(lambda m: "kode presensi" in m.text)
        await u.send("jadwal besok")
        tomorrow = await u.next_reply()
        assert "Sabtu, 17 Mei 2025" in tomorrow.text and WRONG not in tomorrow.text
        await u.send("apel jam berapa?")
        assembly = await u.next_reply()
        assert WRONG not in assembly.text and "Apel" in assembly.text
        await u.send("1234")
        assert WRONG in (await u.next_reply()).text
        await u.send(" 4321 ")
        assert "tercatat" in (await u.next_reply()).text
        assert LURAH in await attendees(rig.svc.db, "d2-apel-pagi")


async def test_the_code_prompt_ends_with_the_check_in_window(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(LURAH, "Lurah", "Kelompok 2")])
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 05:40"))) as rig:
        await set_code(rig.svc.db, "d2-apel-pagi", "4321", by=1, at=rig.clock.timestamp())
        u = fake.user(LURAH)
        await u.send("/hadir")
        await u.reply_where(lambda m: "kode presensi" in m.text)
        rig.clock.jump(at("2025-05-16 05:50"))  # the window closed at 05:45
        await u.send("4321")
        after = await u.next_reply()
        assert WRONG not in after.text and "tercatat" not in after.text
        assert await get_conversation(rig.svc.db, LURAH) is None
        assert await attendees(rig.svc.db, "d2-apel-pagi") == {}


async def test_the_nudge_is_offered_only_while_check_in_is_open(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(LURAH, "Lurah", "Kelompok 2")])
    admin = fake.user(ADMIN_ID, "Panitia")
    # 03:00 on day 2: the assembly is at 05:30, check-in opens at 05:15.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 03:00"))) as rig:
        await admin.send("/kehadiran d2-apel-pagi")
        early = await admin.reply_where(lambda m: "Kehadiran" in m.text)
        assert not has_button(early, "nudge:d2-apel-pagi")
        query = await admin.press_raw("nudge:d2-apel-pagi", early.message_id)

        answer = await answer_to(fake, query)
        assert "setelah presensi dibuka" in answer.get("text", "")
        assert fake.messages_to(LURAH) == []

        rig.clock.jump(at("2025-05-16 05:20"))
        await admin.send("/kehadiran d2-apel-pagi")
        open_now = await admin.reply_where(lambda m: "Kehadiran" in m.text)
        assert has_button(open_now, "nudge:d2-apel-pagi")
