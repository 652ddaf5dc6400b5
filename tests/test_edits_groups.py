"""Commands act on new messages only, and organiser reports stay out of ordinary groups
(issue 6, item 16)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Update
from telegram.ext import CommandHandler

from bot.app import build_application
from bot.clock import Clock
from bot.texts import t
from db.attendance import get_code
from db.outbox import counts
from tests.conftest import ADMIN_ID, Rig, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram, FakeUser
from tests.helpers import register_many, texts_to

CAMAT, LURAH = 6101, 6102
GROUP, ORGANISERS = -100_777, -100_888


async def drained(rig: Rig, timeout: float = 10.0) -> None:
    """Wait until the outbox has nothing left to send."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        box = await counts(rig.svc.db)
        if box.get("pending", 0) + box.get("sending", 0) == 0:
            return
        assert loop.time() < deadline, f"outbox not drained: {box}"
        await asyncio.sleep(0.05)


async def synced(user: FakeUser) -> None:
    """Wait until the bot has handled everything `user` sent before (their updates are handled
    in order): a private /bantuan sent now is answered."""
    await user.send("/bantuan")
    await user.reply_where(lambda m: "/agenda" in m.text)


async def test_editing_an_old_ubah_does_not_move_or_notify_again(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(CAMAT, "Camat", "Kelompok 4")])
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"))) as rig:
        relax_chat_limits(fake)
        sent = await admin.send("/ubah d2-breakout-camat 10.00 11.15")  # no overlap: at once
        await admin.reply_where(lambda m: "dipindah" in m.text)
        await fake.wait_for(lambda m: m.chat_id == CAMAT and "Perubahan jadwal" in m.text)

        await admin.edit(sent, "/ubah d2-breakout-camat 09.45 11.00")
        answer = await admin.next_reply()
        assert answer.text == t("id", "fallback.edited"), f"the edit was acted on: {answer.text!r}"
        await drained(rig)
        session = next(s for s in rig.svc.agenda.require().sessions if s.id == "d2-breakout-camat")
        assert session.start.strftime("%H.%M") == "10.00"
        notices = [x for x in texts_to(fake, CAMAT) if "Perubahan jadwal" in x]
        assert len(notices) == 1, notices


async def test_organiser_reports_are_not_posted_in_an_ordinary_group(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, organizer_chat_id=ORGANISERS)
    await register_many(settings, fake, [(CAMAT, "Camat", "Kelompok 1"), (LURAH, "Lurah", "")])
    admin = fake.user(ADMIN_ID, "Panitia")
    # 05:20 on day 2: the morning assembly's check-in is open.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 05:20"))) as rig:
        relax_chat_limits(fake)
        for command in ("/kehadiran", "/status", "/ubah d2-breakout-camat 11.00", "/impor"):
            await fake.group_message(GROUP, admin, command)
        await synced(admin)
        posted = texts_to(fake, GROUP)
        leaked = [x for x in posted if "<code>" in x or "Peserta" in x or "Kehadiran" in x]
        assert not leaked, f"organiser output posted in a group: {leaked}"
        assert await get_code(rig.svc.db, "d2-apel-pagi") is None, "a group /kehadiran ran"
        session = next(s for s in rig.svc.agenda.require().sessions if s.id == "d2-breakout-camat")
        assert session.start.strftime("%H.%M") == "10.15", "a group /ubah ran"
        assert not [x for x in posted if "Status" in x], "a group /status ran"

        # The organisers' own group is where such reports may go.
        await fake.group_message(ORGANISERS, admin, "/kehadiran", title="Panitia Retret")
        await fake.wait_for(lambda m: m.chat_id == ORGANISERS and "<code>" in m.text)


async def test_no_command_of_the_bot_acts_on_an_edited_message(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    app = build_application(make_settings(tmp_path, fake))
    await app.bot.initialize()  # getMe: commands compare the bot's username
    try:
        commands = [
            h for group in app.handlers.values() for h in group if isinstance(h, CommandHandler)
        ]
        assert commands
        for handler in commands:
            for name in handler.commands:
                text = f"/{name} x"
                message = {
                    "message_id": 5,
                    "date": 1_700_000_000,
                    "edit_date": 1_700_000_060,
                    "chat": {"id": 42, "type": "private", "first_name": "A"},
                    "from": {"id": 42, "is_bot": False, "first_name": "A"},
                    "text": text,
                    "entities": [{"type": "bot_command", "offset": 0, "length": len(name) + 1}],
                }
                edited = Update.de_json({"update_id": 1, "edited_message": message}, app.bot)
                fresh = Update.de_json({"update_id": 2, "message": message}, app.bot)
                assert not handler.check_update(edited), f"/{name} acts on an edited message"
                assert handler.check_update(fresh), f"/{name} no longer acts on a new message"
    finally:
        await app.bot.shutdown()
