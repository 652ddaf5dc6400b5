"""/ubah: a moved session's reminders follow it, and exactly the affected people are told."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from db.dispatch import pending_items
from tests.conftest import ADMIN_ID, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, kinds_by_chat, register_many, settle, ubah

CAMAT, LURAH, OPD = 6001, 6002, 6003


async def test_reschedule_moves_reminders_and_notifies_only_the_affected(
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
    )
    admin = fake.user(ADMIN_ID, "Panitia")
    # 07:00 on day 2 at 60x (a minute a second).
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"), speed=60)) as rig:
        done = await ubah(admin, "d2-breakout-camat 11.00")  # into ISHOMA: confirmed
        assert "1 peserta diberi tahu" in done.text
        await fake.wait_for(lambda m: m.chat_id == CAMAT and "Perubahan jadwal" in m.text)

        # Everyone's session, moved to 07:12: its 30-minute reminder is now overdue but still
        # useful (sent at once, saying how long is really left); the 5-minute one comes at 07:07.
        done = await ubah(admin, "d2-kemendagri 07.12")
        assert "3 peserta diberi tahu" in done.text
        keys = {i.key for i in await pending_items(rig.svc.db)}
        assert not any(k.startswith("reminder:d2-kemendagri@20250516T0800") for k in keys)
        for uid in (CAMAT, LURAH, OPD):
            await fake.wait_for(is_reminder(uid, "Tata Kelola"), count=2, timeout=20)
        await settle(rig, admin)

    notices = kinds_by_chat(fake, "Perubahan jadwal")
    assert notices == {CAMAT: 2, LURAH: 1, OPD: 1}
    camat_notice = next(
        m.text
        for m in fake.messages_to(CAMAT)
        if "Perubahan jadwal" in m.text and "Breakout Camat" in m.text
    )
    assert "10.15–11.15 WIB" in camat_notice and "11.00–12.00 WIB" in camat_notice
    reminders = [m.text for m in fake.messages_to(LURAH) if m.text.startswith("⏰ <b>Tata")]
    assert len(reminders) == 2
    assert "07.12 WIB" in reminders[0] and "30 menit" not in reminders[0]
    assert "5 menit lagi" in reminders[1]


async def test_reschedule_refuses_bad_input_and_changes_nothing(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"))) as rig:
        before = rig.svc.agenda.require()
        for command, expected in (
            ("/ubah", "Format"),
            ("/ubah d2-kemendagri 25.00", "tidak valid"),
            ("/ubah d2-kemendagri 10.00 09.00", "setelah waktu mulai"),
            ("/ubah tidak-ada 10.00", "tidak ada dalam agenda"),
        ):
            await admin.send(command)
            reply = await admin.next_reply()
            assert expected in reply.text, (command, reply.text)
        await rig.svc.agenda.refresh()
        assert rig.svc.agenda.require() == before


async def test_a_change_beyond_tomorrow_moves_reminders_but_tells_nobody(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(CAMAT, "Camat", "Kelompok 4")])
    admin = fake.user(ADMIN_ID, "Panitia")
    # Day 1: a day-3 session moves; people hear of it in their briefing and reminders.
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        done = await ubah(admin, "d3-presentasi 10.00")
        assert "0 peserta diberi tahu" in done.text
        keys = {i.key for i in await pending_items(rig.svc.db)}
        assert "reminder:d3-presentasi@20250517T1000-30" in keys
        assert "reminder:d3-presentasi@20250517T0830-30" not in keys
        await settle(rig, admin)
    assert not [m for m in fake.messages_to(CAMAT) if "Perubahan jadwal" in m.text]


async def test_a_move_that_overlaps_another_session_asks_first(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(CAMAT, "Camat", "Kelompok 4")])
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"))) as rig:
        relax_chat_limits(fake)
        await admin.send("/ubah d2-breakout-camat 11.00")
        warning = await admin.reply_where(lambda m: "bertabrakan" in m.text)
        assert "11.15–13.00 ISHOMA dan Sholat Jumat" in warning.plain_text
        assert "Breakout Lurah" not in warning.plain_text  # other audiences do not clash
        await admin.press(warning, "ubah:no")
        await admin.reply_where(lambda m: "Jadwal tidak diubah" in m.text)
        session = next(s for s in rig.svc.agenda.require().sessions if s.id == "d2-breakout-camat")
        assert session.start.strftime("%H.%M") == "10.15"

        await admin.send("/ubah d2-breakout-camat 11.00")
        warning = await admin.reply_where(lambda m: "bertabrakan" in m.text)
        await admin.press(warning, "ubah:yes")
        done = await admin.reply_where(lambda m: "diberi tahu" in m.text)
        assert "1 peserta diberi tahu" in done.text
        await admin.press(warning, "ubah:yes")  # a second tap moves nothing more
        await settle(rig, admin)
        notices = [m for m in fake.messages_to(CAMAT) if "Perubahan jadwal" in m.text]
        assert len(notices) == 1
