"""The broadcast audience "has not finished today's reflection" (issue 8, item 1, with issue
9's reflections): a button in the /umumkan audience menu while a day's reflection is open,
and exactly those active participants who have not finished it receive the announcement."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.agenda_io import DEFAULT_QUESTIONS
from bot.broadcasts import Audience, select
from bot.clock import Clock
from db.reflections import save_answer
from tests.conftest import ADMIN_ID, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, settle
from tests.test_broadcasts import compose, preview, report_of

D1 = "2025-05-15"
PEOPLE = [(5300 + i, "Lurah", "Kelompok 2") for i in range(6)]
FINISHED = (5300, 5301)  # answered every question of day 1
HALFWAY = 5302  # answered one question only
IDS = [q.id for q in DEFAULT_QUESTIONS]


async def test_those_who_have_not_finished_todays_reflection_are_chosen_by_a_button(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, PEOPLE)
    async with start_rig(fake, settings, Clock(start=at(f"{D1} 21:40"))) as rig:
        db = rig.svc.db
        for user_id in FINISHED:
            for q in DEFAULT_QUESTIONS:
                value = {"rating": "4", "choice": "Loyal"}.get(q.type, "Catatan.")
                await save_answer(db, user_id, D1, q.id, q.type, value, required=IDS, at=1.0)
        await save_answer(db, HALFWAY, D1, "rating", "rating", "3", required=IDS, at=1.0)
        assert {m.user_id for m in (await select(db, Audience(not_reflected=D1))).recipients} == {
            uid for uid, _, _ in PEOPLE
        } - set(FINISHED)

        admin = fake.user(ADMIN_ID, "Panitia")
        menu = await compose(admin, lambda: admin.send("Mohon lengkapi refleksi malam ini"))
        assert "bc:r" in {d for _, d in menu.buttons}, menu.buttons
        await admin.press(menu, "bc:r")
        menu = await admin.reply_where(
            lambda m: any(text.startswith("✓ ") and d == "bc:r" for text, d in m.buttons)
        )
        assert "belum menyelesaikan refleksi Kamis, 15 Mei 2025" in menu.plain_text
        summary, count = await preview(admin, menu)
        assert count == len(PEOPLE) - len(FINISHED)
        await admin.press(summary, "bc:now")
        await report_of(fake)
        await settle(rig)
    got = Counter(
        m.chat_id
        for m in fake.sent
        if m.method == "sendMessage" and "lengkapi refleksi" in m.text and m.chat_id != ADMIN_ID
    )
    assert set(got) == {uid for uid, _, _ in PEOPLE} - set(FINISHED), got
    assert max(got.values()) == 1, got


async def test_before_the_event_the_reflection_button_is_absent(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, PEOPLE[:1])
    async with start_rig(fake, settings, Clock(start=at("2025-05-14 09:00"))):
        admin = fake.user(ADMIN_ID, "Panitia")
        menu = await compose(admin, lambda: admin.send("Selamat datang"))
        assert "bc:r" not in {d for _, d in menu.buttons}, menu.buttons
