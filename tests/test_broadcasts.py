"""Organisers' announcements end to end (issue 8, items 1, 2 and 5): /umumkan over the fake
Bot API with the real Application: audience, preview, send now or at a time, Stop, the
progress message and report, /pengumuman and /status."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.agenda_io import sample_agenda
from bot.broadcasts import (
    Audience,
    Composed,
    absent_choices,
    parse_send_time,
    progress,
    schedule,
    select,
    start,
)
from bot.clock import Clock
from db.announcements import figures, get
from db.conversations import get_conversation
from db.outbox import NewMessage, enqueue
from jobs.broadcasts import EDIT_INTERVAL
from jobs.outbox import GROUP_INTERVAL, OutboxWorker
from tests.conftest import ADMIN_ID, JKT, Rig, at, make_settings, relax_chat_limits, start_rig
from tests.conftest import answer_to as answer_to_query
from tests.fakebot import FakeTelegram, FakeUser, SentMessage
from tests.helpers import register_many, settle, wait_until

GROUP_1 = [(5100 + i, "Camat", "Kelompok 1") for i in range(12)]
GROUP_2 = [(5200 + i, "Lurah", "Kelompok 2") for i in range(8)]
BLOCKED = 5100  # in Kelompok 1, blocked the bot in Telegram (the database does not know yet)
INACTIVE = 5101  # in Kelompok 1, known to have blocked the bot: not counted, not sent


def bold(offset: int, length: int) -> dict[str, Any]:
    """A bold MessageEntity."""
    return {"type": "bold", "offset": offset, "length": length}


def figures_in(text: str) -> dict[str, int]:
    """The numbers of a progress message or report, by label."""
    labels = "Terkirim|gagal|Gagal|memblokir bot|Memblokir bot|sisa|Penerima"
    found = re.findall(rf"({labels})\D*(\d+)", text)
    return {label.lower(): int(n) for label, n in found}


async def compose(admin: FakeUser, send: Any) -> SentMessage:
    """/umumkan, then `send()` the announcement; returns the audience menu."""
    await admin.send("/umumkan")
    await admin.reply_where(lambda m: "Pengumuman baru" in m.text)
    await send()
    return await admin.reply_where(lambda m: "bc:pre" in {d for _, d in m.buttons})


async def choose(admin: FakeUser, menu: SentMessage, submenu: str, *labels: str) -> SentMessage:
    """Open a submenu (bc:m:g:0 …), tick the values with these labels, go back."""
    await admin.press(menu, submenu)
    values = await admin.reply_where(lambda m: "bc:back" in {d for _, d in m.buttons})
    for label in labels:
        data = next(d for text, d in values.buttons if text.endswith(label))
        await admin.press(values, data)
        values = await admin.reply_where(
            lambda m, label=label: any(
                text.startswith("✓ ") and text.endswith(label) for text, _ in m.buttons
            )
        )
    await admin.press(values, "bc:back")
    return await admin.reply_where(lambda m: "bc:pre" in {d for _, d in m.buttons})


async def preview(admin: FakeUser, menu: SentMessage) -> tuple[SentMessage, int]:
    """Press Pratinjau; returns the summary (with its buttons) and its recipient count."""
    await admin.press(menu, "bc:pre")
    summary = await admin.reply_where(lambda m: "Jumlah penerima" in m.plain_text)
    count = int(re.search(r"Jumlah penerima: (\d+)", summary.plain_text).group(1))  # type: ignore[union-attr]
    return summary, count


async def report_of(fake: FakeTelegram, timeout: float = 60.0) -> SentMessage:
    """The organiser's progress message once it shows the delivery report."""
    found = await fake.wait_for(
        lambda m: m.chat_id == ADMIN_ID and "Laporan pengiriman" in m.text, timeout=timeout
    )
    return found[-1]


@pytest.fixture
async def people(fake: FakeTelegram, tmp_path: Path) -> Path:
    """Two groups registered."""
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, GROUP_1 + GROUP_2)
    return tmp_path


async def test_a_broadcast_to_one_group_reaches_exactly_its_active_members_once_with_formatting(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        await rig.svc.db.execute(
            "UPDATE participants SET status = 'inactive' WHERE user_id = ?", (INACTIVE,)
        )
        admin = fake.user(ADMIN_ID, "Panitia")
        text = "Apel <wajib> & tepat waktu"
        menu = await compose(admin, lambda: admin.send(text, entities=[bold(0, 4)]))
        menu = await choose(admin, menu, "bc:m:g:0", "Kelompok 1")
        summary, count = await preview(admin, menu)
        # The exact message first: the organiser's bold kept, the rest escaped.
        copy = admin.inbox[admin.inbox.index(summary) - 1]
        assert copy.text == "<b>Apel</b> &lt;wajib&gt; &amp; tepat waktu"
        assert count == 11  # 12 in Kelompok 1, less the one known to have blocked the bot
        assert "1 peserta nonaktif" in summary.plain_text
        fake.block(BLOCKED)  # since the preview; the bot learns it from Telegram's 403
        await admin.press(summary, "bc:now")
        report = await report_of(fake)
        await settle(rig)
        edits = [m for m in fake.messages_to(ADMIN_ID) if m.message_id == report.message_id]

    members = {uid for uid, _, _ in GROUP_1} - {INACTIVE}
    got = Counter(
        m.chat_id for m in fake.sent if m.method == "sendMessage" and "tepat waktu" in m.text
    )
    got.pop(ADMIN_ID, None)  # the preview
    assert set(got) == members - {BLOCKED}, "someone outside the group, or inactive, got it"
    assert max(got.values()) == 1, got
    delivered = fake.messages_to(5102)[-1]
    assert delivered.message["entities"] == [bold(0, 4)]
    assert delivered.plain_text == "Apel <wajib> & tepat waktu"
    final = figures_in(report.plain_text)
    assert final["terkirim"] + final["gagal"] + final["memblokir bot"] == count, report.plain_text
    assert final == {"penerima": 11, "terkirim": 10, "gagal": 0, "memblokir bot": 1}
    assert "Peserta 5100" in report.plain_text  # the one not reached, by name
    assert edits[-1] is report  # the progress message ends as the report
    assert report.buttons == []  # Stop is gone once it is over
    # progress edits no more often than every 3 s (the fake's recorded times)
    gaps = [b.at - a.at for a, b in itertools.pairwise(edits)]
    assert all(g >= EDIT_INTERVAL - 0.1 for g in gaps), gaps


async def test_a_photo_broadcast_arrives_as_a_photo_with_its_caption(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        admin = fake.user(ADMIN_ID, "Panitia")
        caption = "Denah lokasi apel"
        menu = await compose(
            admin, lambda: admin.send_photo(caption=caption, caption_entities=[bold(0, 5)])
        )
        menu = await choose(admin, menu, "bc:m:g:0", "Kelompok 2")
        summary, count = await preview(admin, menu)
        assert count == len(GROUP_2)
        copy = admin.inbox[admin.inbox.index(summary) - 1]
        assert copy.method == "sendPhoto"
        await admin.press(summary, "bc:now")
        await report_of(fake)
        await settle(rig)
    photos = [m for m in fake.sent if m.method == "sendPhoto" and m.chat_id != ADMIN_ID]
    assert sorted(m.chat_id for m in photos) == sorted(uid for uid, _, _ in GROUP_2)
    for m in photos:
        assert m.plain_text == caption
        assert m.message["caption_entities"] == [bold(0, 5)]
        assert m.message["photo"][0]["file_id"] == copy.message["photo"][0]["file_id"]


async def test_a_document_broadcast_arrives_as_the_same_document_with_its_caption(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))) as rig:
        admin = fake.user(ADMIN_ID, "Panitia")
        menu = await compose(
            admin,
            lambda: admin.send_document(b"%PDF-1.4 denah", "denah.pdf", "application/pdf", "Denah"),
        )
        menu = await choose(admin, menu, "bc:m:g:0", "Kelompok 2")
        summary, count = await preview(admin, menu)
        assert count == len(GROUP_2)
        copy = admin.inbox[admin.inbox.index(summary) - 1]
        assert copy.method == "sendDocument" and copy.filename == "denah.pdf"
        await admin.press(summary, "bc:now")
        await report_of(fake)
        await settle(rig)
    docs = [m for m in fake.sent if m.method == "sendDocument" and m.chat_id != ADMIN_ID]
    assert sorted(m.chat_id for m in docs) == sorted(uid for uid, _, _ in GROUP_2)
    assert {(m.plain_text, m.document) for m in docs} == {("Denah", b"%PDF-1.4 denah")}


async def test_a_scheduled_broadcast_goes_on_the_rehearsal_clock_and_a_cancelled_one_never(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    # A rehearsal ten times as fast: 09.02 comes 12 real seconds after the start.
    clock = Clock(start=at("2025-05-15 09:00"), speed=10)
    async with start_rig(fake, settings, clock) as rig:
        admin = fake.user(ADMIN_ID, "Panitia")
        for text, when in (("Batal nanti", "09.02"), ("Terjadwal jalan", "09.02")):
            menu = await compose(admin, lambda text=text: admin.send(text))
            menu = await choose(admin, menu, "bc:m:g:0", "Kelompok 2")
            summary, _ = await preview(admin, menu)
            await admin.press(summary, "bc:later")
            await admin.reply_where(lambda m: "Kapan dikirim" in m.plain_text)
            await admin.send(when)
            confirm = await admin.reply_where(lambda m: "dijadwalkan" in m.plain_text)
            if text == "Batal nanti":
                cancel = confirm.buttons[0][1]
                await admin.press(confirm, cancel)
                await admin.reply_where(lambda m: "dibatalkan" in m.plain_text)
        sent = await fake.wait_for(
            lambda m: m.text == "Terjadwal jalan" and m.chat_id != ADMIN_ID,
            count=len(GROUP_2),
            timeout=30,
        )
        await report_of(fake)
        # the first went no earlier than its time on the rehearsal clock
        due = datetime(2025, 5, 15, 9, 2, tzinfo=JKT)
        assert min(m.wall for m in sent) >= clock.real_when(due).timestamp() - 0.05
        # the cancelled one was due at the same moment, and did not go
        await rig.svc.broadcasts.tick()  # type: ignore[union-attr]
        await settle(rig)
    assert not [m for m in fake.sent if m.text == "Batal nanti" and m.chat_id != ADMIN_ID]


def delivered(fake: FakeTelegram, text: str) -> int:
    """Copies of an announcement that reached participants (not the organiser's preview)."""
    return len([m for m in fake.sent if m.text == text and m.chat_id != ADMIN_ID])


async def test_stop_leaves_the_rest_unsent_also_after_a_restart(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, send_rate=5.0)
    many = [(6000 + i, "Lurah", "Kelompok 3") for i in range(60)]
    await register_many(settings, fake, many)
    relax_chat_limits(fake)
    # After noon: the morning's briefing is no longer worth sending, so only this goes.
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))) as rig:
        admin = fake.user(ADMIN_ID, "Panitia")
        menu = await compose(admin, lambda: admin.send("Jangan semua"))
        summary, count = await preview(admin, menu)
        assert count == 60
        await admin.press(summary, "bc:now")
        progress = (
            await fake.wait_for(lambda m: m.chat_id == ADMIN_ID and "bc:stop:" in str(m.buttons))
        )[0]
        await fake.wait_for(lambda m: m.text == "Jangan semua", count=5, timeout=30)
        await admin.send("/status")
        status = await admin.reply_where(lambda m: "Status" in m.text)
        assert re.search(r"Sedang dikirim #1: \d+ terkirim, .* sisa dari 60", status.plain_text)
        query = await admin.press(progress, progress.buttons[0][1])
        at_stop = delivered(fake, "Jangan semua")
        report = await report_of(fake)
        await settle(rig)
        before = delivered(fake, "Jangan semua")
    # Only sends already under way when Stop was pressed may still arrive (the in-flight limit)
    assert before - at_stop <= 8, (at_stop, before)
    final = figures_in(report.plain_text)
    assert "Dihentikan, tidak dikirim" in report.plain_text
    stopped = int(report.plain_text.split("tidak dikirim: ")[1].split()[0])
    # The report's figures are what really happened, and the pop-up said the same
    assert (final["terkirim"], stopped) == (before, 60 - before)
    assert fake.callback_answers[query]["text"].endswith(f"{60 - before} pesan tidak dikirim.")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:20"))) as rig:
        await settle(rig)
    assert delivered(fake, "Jangan semua") == before


async def test_a_reminder_due_during_a_broadcast_goes_within_5_s_of_its_time(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    """The 30-minute reminder of day 2's Apel Pagi falls due at 05.00 while 300 people are
    being sent an announcement (12 s at 25/s): it overtakes the announcement."""
    settings = make_settings(tmp_path, fake)
    crowd = [(7000 + i, "Lurah", "Kelompok 5") for i in range(300)]
    await register_many(settings, fake, crowd)
    # The morning's briefing (04.30) went out before: one run to plan the day, then it is
    # marked done, so that only the reminder and the announcement compete here.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 04:20"))) as rig:
        await rig.svc.db.execute("UPDATE dispatch SET status = 'done' WHERE kind = 'briefing'")
    clock = Clock(start=at("2025-05-16 04:59:56"))
    async with start_rig(fake, settings, clock) as rig:
        started = await start(
            rig.svc.db,
            clock,
            author=ADMIN_ID,
            chat_id=ADMIN_ID,
            lang="id",
            message=Composed("text", "Pengumuman panjang"),
            audience=Audience(),
        )
        rig.svc.outbox.wake()  # type: ignore[union-attr]
        due = clock.real_when(datetime(2025, 5, 16, 5, 0, tzinfo=JKT)).timestamp()
        reminders = await fake.wait_for(
            lambda m: m.text.startswith("⏰ <b>Apel Pagi"), count=1, timeout=30
        )
        announcement = await get(rig.svc.db, started.id)
        assert announcement is not None
        during = await figures(rig.svc.db, announcement)
    assert during.remaining > 0, "the announcement was over before the reminder: no test"
    # Reminders go to all 300 (an assembly); the first within 5 s of its time (recorded).
    assert reminders[0].wall - due <= 5.0, reminders[0].wall - due


async def test_pengumuman_shows_the_last_five_sent_to_me_newest_first(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    me = rig.user(8001)
    await register_many(rig.settings, rig.fake, [(8001, "Camat", "Kelompok 4")])
    for i in range(7):
        await start(
            rig.svc.db,
            rig.clock,
            author=ADMIN_ID,
            chat_id=ADMIN_ID,
            lang="id",
            message=Composed("text", f"Kabar nomor {i}"),
            audience=Audience(groups=("Kelompok 4",)),
        )
        rig.svc.outbox.wake()  # type: ignore[union-attr]
        await rig.fake.wait_for(lambda m, i=i: m.chat_id == 8001 and f"nomor {i}" in m.text)
    await rig.svc.outbox.drain()  # type: ignore[union-attr]  # the last one recorded as sent
    await me.send("/pengumuman")
    news = await me.reply_where(lambda m: "Pengumuman terakhir" in m.text)
    shown = re.findall(r"Kabar nomor (\d)", news.plain_text)
    assert shown == ["6", "5", "4", "3", "2"]
    await me.send("/news")
    await me.reply_where(lambda m: "Pengumuman terakhir" in m.text)


async def test_status_shows_scheduled_running_and_last_report(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    admin = rig.fake.user(ADMIN_ID, "Panitia")
    await admin.send("/status")
    first = await admin.reply_where(lambda m: "Status" in m.text)
    assert "Belum ada pengumuman" in first.plain_text
    await register_many(rig.settings, rig.fake, [(8101, "Camat", "Kelompok 4")])
    await start(
        rig.svc.db,
        rig.clock,
        author=ADMIN_ID,
        chat_id=ADMIN_ID,
        lang="id",
        message=Composed("text", "Sudah"),
        audience=Audience(),
    )
    rig.svc.outbox.wake()  # type: ignore[union-attr]
    await report_of(rig.fake)

    async def reported() -> bool:  # recorded right after the report is shown
        return await rig.svc.db.fetchone("SELECT 1 FROM announcements WHERE reported") is not None

    await wait_until(reported)
    menu = await compose(admin, lambda: admin.send("Nanti sore"))
    summary, _ = await preview(admin, menu)
    await admin.press(summary, "bc:later")
    await admin.reply_where(lambda m: "Kapan dikirim" in m.plain_text)
    await admin.send("16.00")
    await admin.reply_where(lambda m: "dijadwalkan" in m.plain_text)
    await admin.send("/status")
    status = await admin.reply_where(lambda m: "Status" in m.text)
    assert "Terjadwal: 1 (berikutnya #2, Kamis, 15 Mei 2025 pukul 16.00 WIB)" in status.plain_text
    assert "Laporan terakhir #1" in status.plain_text
    assert "1 terkirim, 0 gagal, 0 memblokir bot dari 1" in status.plain_text
    await admin.send("/umumkan")
    listed = await admin.reply_where(lambda m: "Pengumuman terjadwal" in m.plain_text)
    assert "#2" in listed.plain_text and "bc:x:2" in {d for _, d in listed.buttons}


# ----------------------------------------------------------------- pure rules


def test_send_times_are_read_in_the_event_zone() -> None:
    now = datetime(2025, 5, 15, 9, 0, tzinfo=JKT)
    assert parse_send_time("14.30", now) == datetime(2025, 5, 15, 14, 30, tzinfo=JKT)
    assert parse_send_time("2025-05-16 07.00", now) == datetime(2025, 5, 16, 7, 0, tzinfo=JKT)
    assert parse_send_time("16/05 07:15", now) == datetime(2025, 5, 16, 7, 15, tzinfo=JKT)
    for bad in ("", "25.00", "besok", "2025-13-01 07.00", "1 2 3", "14.3", "143", "7", "2500"):
        assert parse_send_time(bad, now) is None, bad
    # the words people put around a time (found trying it as an organiser)
    for said in ("pukul 14.30 WIB", "14.30 WIB", "jam 14.30", "1430", "at 14:30"):
        assert parse_send_time(said, now) == datetime(2025, 5, 15, 14, 30, tzinfo=JKT), said
    assert parse_send_time("2025-05-16 07.00 WIB", now) == datetime(2025, 5, 16, 7, 0, tzinfo=JKT)


def test_not_checked_in_offers_only_sessions_whose_check_in_has_opened() -> None:
    """At 13.05 on day 2 the afternoon's outbound and the evening assembly are not offered
    (everyone would be "not checked in" to them), the morning's assembly is."""
    agenda = sample_agenda()
    now = datetime(2025, 5, 16, 13, 5, tzinfo=JKT)
    offered = [s.id for s in absent_choices(agenda.sessions, now, agenda.event.tz)]
    assert "d2-apel-pagi" in offered
    assert "d2-outbound" not in offered and "d2-apel-malam" not in offered
    assert all(s.date == now.date() for s in agenda.sessions if s.id in offered)


async def test_audiences_widen_within_a_kind_and_narrow_across_kinds(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, GROUP_1 + GROUP_2)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        db = rig.svc.db

        async def ids(audience: Audience) -> set[int]:
            return {m.user_id for m in (await select(db, audience)).recipients}

        everyone = {uid for uid, _, _ in GROUP_1 + GROUP_2}
        assert await ids(Audience()) == everyone
        both = Audience(groups=("Kelompok 1", "Kelompok 2"))
        assert await ids(both) == everyone
        assert await ids(Audience(groups=("Kelompok 1",), positions=("Lurah",))) == set()
        await db.execute(
            "INSERT INTO attendance (session_id, user_id, checked_at, method)"
            " VALUES ('d1-x', 5200, 0, 'code')"
        )
        absent = Audience(groups=("Kelompok 2",), absent_from=("d1-x",))
        assert await ids(absent) == {uid for uid, _, _ in GROUP_2} - {5200}


def test_sends_to_a_group_are_spaced_for_20_a_minute() -> None:
    worker = OutboxWorker(None, None, Clock(), send_rate=25)  # type: ignore[arg-type]
    assert worker.interval(-100123) == GROUP_INTERVAL == 3.0
    assert worker.interval(12345) < 1.1


async def test_the_conversation_survives_a_restart_and_bad_times_change_nothing(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))):
        menu = await compose(admin, lambda: admin.send("Setelah restart"))
        menu = await choose(admin, menu, "bc:m:g:0", "Kelompok 2")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:11"))) as rig:
        summary, count = await preview(admin, menu)  # the menu from before the restart
        assert count == len(GROUP_2)
        await admin.press(summary, "bc:later")
        await admin.reply_where(lambda m: "Kapan dikirim" in m.plain_text)
        for bad, answer in (("25.00", "tidak dikenali"), ("08.00", "sudah lewat")):
            await admin.send(bad)
            await admin.reply_where(lambda m, answer=answer: answer in m.plain_text)
        assert await rig.svc.db.fetchone("SELECT id FROM announcements") is None
        await admin.send("13.00")
        await admin.reply_where(lambda m: "dijadwalkan" in m.plain_text)
        row = await rig.svc.db.fetchone("SELECT status, send_at FROM announcements")
        assert row is not None and row[0] == "scheduled"
        assert row[1] == at("2025-05-15 13:00").timestamp()


async def test_someone_else_gets_the_unknown_command_reply_and_changes_nothing(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))) as rig:
        participant = fake.user(5105)
        await participant.send("/umumkan")
        await participant.reply_where(lambda m: "tidak dikenal" in m.plain_text)
        for data in ("bc:now", "bc:stop:1", "bc:x:1", "bc:all"):
            query = await participant.press_raw(data)
            answer = await answer_to_query(fake, query)
            assert "tidak berlaku" in answer.get("text", "")
        await settle(rig, participant)
        assert await rig.svc.db.fetchone("SELECT * FROM announcements") is None
        assert await rig.svc.db.fetchone("SELECT * FROM conversations") is None


async def test_a_script_starts_a_broadcast_with_one_call_and_reads_its_figures(
    fake: FakeTelegram, people: Path
) -> None:
    """What bench/broadcast.py does: one domain call, then the figures; the progress goes to
    a chat the fake does not know (400), and the delivery is not held up by it."""
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))) as rig:
        started = await start(
            rig.svc.db,
            rig.clock,
            author=ADMIN_ID,
            chat_id=123_456_789,  # no such chat
            lang="en",
            message=Composed("text", "Bench"),
            audience=Audience(),
        )
        assert started.recipients == len(GROUP_1 + GROUP_2)
        rig.svc.outbox.wake()  # type: ignore[union-attr]

        async def reported() -> bool:
            row = await rig.svc.db.fetchone(
                "SELECT reported FROM announcements WHERE id = ?", (started.id,)
            )
            return row is not None and row[0] == 1

        await wait_until(reported, what="the delivery is over and reported")
        done = await progress(rig.svc.db, started.id)
    assert done.finished
    assert (done.total, done.sent, done.failed, done.blocked, done.stopped) == (20, 20, 0, 0, 0)


async def test_queued_messages_to_a_group_go_at_most_20_a_minute(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    group = -100_777
    member = rig.fake.user(8201, "Panitia Lain")
    await rig.fake.group_message(group, member, "halo")
    await enqueue(
        rig.svc.db,
        [
            NewMessage(f"g:{i}", "alert", "g", chat_id=group, payload={"text": f"G{i}"})
            for i in range(3)
        ],
        at=rig.clock.timestamp(),
    )
    rig.svc.outbox.wake()  # type: ignore[union-attr]
    sent = await rig.fake.wait_for(lambda m: m.chat_id == group, count=3, timeout=30)
    gaps = [b.at - a.at for a, b in itertools.pairwise(sent)]
    assert all(g >= GROUP_INTERVAL - 0.05 for g in gaps), gaps


async def test_those_not_checked_in_to_an_assembly_are_chosen_by_buttons(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    # During the evening assembly: only sessions whose check-in has opened are offered.
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 21:35"))) as rig:
        await rig.svc.db.execute(
            "INSERT INTO attendance (session_id, user_id, checked_at, method)"
            " VALUES ('d1-apel-malam', 5200, 0, 'code')"
        )
        admin = fake.user(ADMIN_ID, "Panitia")
        menu = await compose(admin, lambda: admin.send("Yang belum hadir"))
        menu = await choose(admin, menu, "bc:m:g:0", "Kelompok 2")
        menu = await choose(admin, menu, "bc:m:a:0", "Apel Malam")
        assert ": Kelompok 2, dan belum presensi di Apel Malam" in menu.plain_text
        _, count = await preview(admin, menu)
    assert count == len(GROUP_2) - 1


async def test_long_lists_are_paged_and_a_choice_keeps_its_page(
    fake: FakeTelegram, people: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))):
        admin = fake.user(ADMIN_ID, "Panitia")
        menu = await compose(admin, lambda: admin.send("Per unit"))
        await admin.press(menu, "bc:m:u:0")
        first = await admin.reply_where(lambda m: "bc:m:u:1" in {d for _, d in m.buttons})
        assert len([d for _, d in first.buttons if d.startswith("bc:t:u:")]) == 8
        await admin.press(first, "bc:m:u:1")
        second = await admin.reply_where(lambda m: "bc:m:u:0" in {d for _, d in m.buttons})
        label, data = next((x, d) for x, d in second.buttons if d.startswith("bc:t:u:"))
        await admin.press(second, data)
        ticked = await admin.reply_where(lambda m: any(x == f"✓ {label}" for x, _ in m.buttons))
        assert data in {d for _, d in ticked.buttons}  # still the second page
        await admin.press(ticked, "bc:back")
        menu = await admin.reply_where(lambda m: "bc:pre" in {d for _, d in m.buttons})
        _, count = await preview(admin, menu)
    assert count == 1  # every test participant has a unit of their own


async def test_a_sticker_while_composing_says_what_an_announcement_takes(
    fake: FakeTelegram, people: Path
) -> None:
    """Found trying it as an organiser: a sticker mid-draft got "I read text only", which
    contradicts the prompt (photos and documents are welcome) and says nothing of the draft."""
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))):
        admin = fake.user(ADMIN_ID, "Panitia")
        await admin.send("/umumkan")
        await admin.reply_where(lambda m: "Pengumuman baru" in m.text)
        await admin.send_sticker()
        said = await admin.next_reply()
        assert "tidak dapat dijadikan pengumuman" in said.plain_text, said.describe()
        assert "/batal" in said.plain_text
        await admin.send("Apel malam dimajukan.")  # the draft still waits for its content
        menu = await admin.reply_where(lambda m: "bc:pre" in {d for _, d in m.buttons})
        assert "semua peserta terdaftar" in menu.plain_text


async def test_cancelling_from_the_umumkan_list_leaves_no_empty_draft(
    fake: FakeTelegram, people: Path
) -> None:
    """Found trying it as an organiser: /umumkan lists what is scheduled and opens a draft at
    once; after "Batalkan #1" the organiser's next words ("ok, terima kasih") became a draft."""
    relax_chat_limits(fake)
    settings = make_settings(people, fake)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        svc = rig.svc
        await schedule(
            svc.db,
            svc.clock,
            author=ADMIN_ID,
            chat_id=ADMIN_ID,
            lang="id",
            message=Composed("text", "Nanti saja"),
            audience=Audience(),
            send_at=svc.local_now() + timedelta(hours=2),
        )
        admin = fake.user(ADMIN_ID, "Panitia")
        await admin.send("/umumkan")
        listed = await admin.reply_where(lambda m: "bc:x:1" in {d for _, d in m.buttons})
        await admin.reply_where(lambda m: "Pengumuman baru" in m.text)
        await admin.press(listed, "bc:x:1")
        said = await admin.reply_where(lambda m: "dibatalkan" in m.plain_text)
        assert "Tidak ada pengumuman baru yang dibuat" in said.plain_text
        await admin.send("ok, terima kasih")
        answer = await admin.next_reply()
        assert "bc:pre" not in {d for _, d in answer.buttons}, answer.describe()
        assert await get_conversation(svc.db, ADMIN_ID) is None
