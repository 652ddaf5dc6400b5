"""Attendance: the Hadir button, its window, the on-site code, /kehadiran and the nudge."""

from __future__ import annotations

import re
from pathlib import Path

from bot.clock import Clock
from db.attendance import attendees
from tests.conftest import ADMIN_ID, at, has_button, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, register_many, settle

EARLY, ONTIME, LATE = 7001, 7002, 7003


async def test_hadir_button_window_code_report_and_nudge(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(
        settings,
        fake,
        [
            (EARLY, "Camat", "Kelompok 1"),
            (ONTIME, "Lurah", "Kelompok 2"),
            (LATE, "Lurah", "Kelompok 3"),
        ],
    )
    admin = fake.user(ADMIN_ID, "Panitia")
    # 04:59:58 on day 2: the assembly (05:30) reminder arrives with its Hadir button.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 04:59:58"))) as rig:
        reminder = await fake.wait_for(is_reminder(EARLY, "Apel Pagi"))
        reminder_msg = reminder[0]
        assert has_button(reminder_msg, "hadir:d2-apel-pagi")
        early = rig.users.get(EARLY) or fake.user(EARLY)
        # 05:00 is before the window (05:15–05:45): refused, nothing recorded
        await early.press(reminder_msg, "hadir:d2-apel-pagi")
        closed = await early.reply_where(lambda m: "Presensi" in m.text)
        assert "05.15" in closed.text and "05.45 WIB" in closed.text
        assert await attendees(rig.svc.db, "d2-apel-pagi") == {}

        rig.clock.jump(at("2025-05-16 05:20"))
        await early.press(reminder_msg, "hadir:d2-apel-pagi")
        done = await early.reply_where(lambda m: "tercatat" in m.text)
        assert "05.20 WIB" in done.text
        await early.press(reminder_msg, "hadir:d2-apel-pagi")
        again = await early.reply_where(lambda m: "sudah tercatat" in m.text)
        assert "Apel Pagi" in again.text

        # The organiser issues a code: from now on the button asks for it.
        await admin.send("/kehadiran")
        report = await admin.reply_where(lambda m: "Kehadiran" in m.text)
        code = re.search(r"<code>(\d{4})</code>", report.text)
        assert code is not None
        assert "Hadir <b>1</b> dari 3" in report.text
        assert "Kelompok 2 (1):\n• Peserta 7002" in report.plain_text
        assert "Kelompok 3 (1):\n• Peserta 7003" in report.plain_text
        ontime = fake.user(ONTIME)
        ontime_reminder = (await fake.wait_for(is_reminder(ONTIME, "Apel Pagi")))[0]
        await ontime.press(ontime_reminder, "hadir:d2-apel-pagi")
        await ontime.reply_where(lambda m: "kode presensi" in m.text)
        await ontime.send("0000" if code.group(1) != "0000" else "1111")
        await ontime.reply_where(lambda m: "Kode presensi salah" in m.text)
        await ontime.send(code.group(1))
        await ontime.reply_where(lambda m: "tercatat pukul" in m.text)
        assert set(await attendees(rig.svc.db, "d2-apel-pagi")) == {EARLY, ONTIME}

        # Who is missing, by group, and a one-tap nudge to them only.
        await admin.send("/kehadiran d2-apel-pagi")
        report = await admin.reply_where(lambda m: "Kehadiran" in m.text)
        assert "Hadir <b>2</b> dari 3" in report.text and "Kelompok 3 (1)" in report.plain_text
        await admin.press(report, "nudge:d2-apel-pagi")
        await admin.reply_where(lambda m: "1 peserta" in m.text)
        nudge = await fake.wait_for(
            lambda m: m.chat_id == LATE and "belum tercatat hadir" in m.text
        )
        assert has_button(nudge[0], "hadir:d2-apel-pagi")
        await settle(rig, admin)  # every nudge queued has gone: the check below means something
        assert not [m for m in fake.messages_to(EARLY) if "belum tercatat hadir" in m.text]

        # /hadir with the code as argument works too; outside any window it says so.
        late = fake.user(LATE)
        await late.send(f"/hadir {code.group(1)}")
        await late.reply_where(lambda m: "tercatat pukul" in m.text)
        rig.clock.jump(at("2025-05-16 07:30"))
        await late.send("/hadir")
        await late.reply_where(lambda m: "tidak ada apel atau sesi" in m.text)


async def test_check_in_code_is_limited_like_the_nip(fake: FakeTelegram, tmp_path: Path) -> None:
    """Five wrong codes for a session, then a wait (even for the right code) until the time told."""
    settings = make_settings(tmp_path, fake)
    guesser = 7101
    await register_many(settings, fake, [(guesser, "Lurah", "Kelompok 2")])
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 05:20"))) as rig:
        await admin.send("/kehadiran d2-apel-pagi")
        report = await admin.reply_where(lambda m: "Kehadiran" in m.text)
        found = re.search(r"<code>(\d{4})</code>", report.text)
        assert found is not None
        code = found.group(1)
        wrong = [f"{(int(code) + k) % 10_000:04d}" for k in range(1, 7)]

        u = fake.user(guesser)
        await u.send("/hadir")
        await u.reply_where(lambda m: "kode presensi" in m.text)
        for guess in wrong[:4]:
            await u.send(guess)
            await u.reply_where(lambda m: "Kode presensi salah" in m.text)
        await u.send(wrong[4])
        await u.next_reply()
        await u.send(f"/hadir {code}")
        answer = await u.reply_where(lambda m: "coba lagi" in m.text or "tercatat" in m.text)
        assert "tercatat pukul" not in answer.plain_text, "a code was accepted during the wait"
        told = re.search(r"Silakan coba lagi pukul (\d{2})\.(\d{2}) WIB\.", answer.plain_text)
        assert told is not None, answer.plain_text
        assert await attendees(rig.svc.db, "d2-apel-pagi") == {}

        # The organisers are told once.
        rows = await rig.svc.db.fetchall(
            "SELECT payload_json FROM outbox WHERE purpose = 'alert' AND item LIKE 'attempts:%'"
        )
        assert len(rows) == 1
        assert str(guesser) in rows[0][0]

        # At the time told (still inside the check-in window) the right code works.
        rig.clock.jump(at(f"2025-05-16 {told.group(1)}:{told.group(2)}"))
        await u.send(f"/hadir {code}")
        await u.reply_where(lambda m: "tercatat pukul" in m.text)
        assert set(await attendees(rig.svc.db, "d2-apel-pagi")) == {guesser}
