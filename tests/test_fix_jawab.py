"""/jawab N without text says to write the answer after the number; in the organisers' group
the bot writes in DEFAULT_LANGUAGE, also to an English organiser (tester's finding G)."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from tests.conftest import (
    ADMIN_ID,
    BUDI,
    at,
    enrol,
    make_settings,
    relax_chat_limits,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram
from tests.helpers import settle

GROUP = -1001234567890
EN_ADMIN = 900002


async def test_jawab_with_a_number_and_no_text_says_what_to_write(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))):
        admin = fake.user(ADMIN_ID, "Panitia")
        await admin.send("/jawab 3")
        said = await admin.next_reply()
    assert "Tulis jawabannya setelah nomor" in said.plain_text, said.plain_text
    assert "/jawab 3 …" in said.plain_text, said.plain_text


async def test_the_already_answered_notice_in_the_group_is_in_the_default_language(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(
        tmp_path, fake, organizer_chat_id=GROUP, admin_ids=frozenset({ADMIN_ID, EN_ADMIN})
    )
    await seed_roster(settings)
    fake.group(GROUP, title="Panitia Retret")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        budi = rig.user(5101, "Budi")
        admin = rig.user(ADMIN_ID, "Panitia Satu")
        en_admin = fake.user(EN_ADMIN, "Committee Two", language_code="en")
        await enrol(rig, budi, BUDI)
        await budi.send("/tanya Di mana ruang makan?")
        await budi.reply_where(lambda m: "diteruskan" in m.text)
        [question] = await fake.wait_for(lambda m: m.chat_id == GROUP and "#1" in m.text)
        assert rig.svc.outbox is not None
        await rig.svc.outbox.drain()
        await admin.send("/jawab 1 Di Gedung B.")
        await admin.reply_where(lambda m: "#1" in m.text)
        await settle(rig, admin)
        await fake.group_message(
            GROUP, en_admin, "In building B.", title="Panitia Retret", reply_to=question
        )
        [notice] = await fake.wait_for(
            lambda m: m.chat_id == GROUP and ("not sent" in m.text or "tidak dikirim" in m.text)
        )
    assert "tidak dikirim" in notice.plain_text, notice.plain_text
