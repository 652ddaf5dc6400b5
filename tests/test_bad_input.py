"""Bad input (SPEC §11): every update gets a sensible reply or a deliberate silence, never an
unhandled exception, never a message Telegram refuses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.conversations import get_conversation
from db.meta import last_errors
from db.participants import get_participant
from tests.conftest import (
    ADMIN_ID,
    BUDI,
    Rig,
    answer_to,
    enrol,
    has_button,
    relax_chat_limits,
)
from tests.fakebot import FakeTelegram, FakeUser, SentMessage

UNKNOWN = "Perintah {} tidak dikenal. Ketik /bantuan untuk daftar perintah."
STALE = "Tombol ini sudah tidak berlaku."
MEDIA = "Saya hanya dapat membaca pesan teks dan perintah. Ketik /bantuan untuk menu."
GROUP_ID = -100_555_000_111


@pytest.fixture(autouse=True)
def _quick_chats(fake: FakeTelegram) -> None:
    """These tests are about what the bot says, not about its per-chat pacing."""
    relax_chat_limits(fake)


# Telegram's answer to an edit that changes nothing. A double tap makes two callback queries
# from the same old message, so the second edit cannot be avoided; it must be tolerated.
NOT_MODIFIED = "message is not modified"


async def assert_all_handled(
    rig: Rig, *, double_tap: bool = False, gone_edits: bool = False
) -> None:
    """No fake-server bug, no call Telegram refused with 400 (but the "not modified" of a
    double tap, or the refused edit of a message that is gone), nothing for the error
    handler, no apology to anyone."""
    fake = rig.fake
    assert fake.internal_errors == []
    refused = [
        (method, code, text)
        for method, code, text in fake.errors
        if code == 400
        and not (double_tap and NOT_MODIFIED in text)
        and not (gone_edits and method == "editMessageText")
    ]
    assert refused == [], refused
    assert await last_errors(rig.svc.db) == []
    apologies = [m for m in fake.sent if "Maaf, terjadi gangguan" in m.text]
    assert apologies == []


async def barrier(u: FakeUser) -> None:
    """Wait until every update this user sent before is handled (updates run in order)."""
    await u.send("/bantuan")
    await u.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)


async def budi(rig: Rig, user_id: int = 5001) -> FakeUser:
    """A registered participant."""
    u = rig.user(user_id, "Budi")
    await enrol(rig, u, BUDI)
    return u


async def test_sticker_photo_and_voice_get_the_text_only_reply(rig: Rig) -> None:
    u = await budi(rig)
    await u.send_sticker()
    assert (await u.next_reply()).plain_text == MEDIA
    await u.send_photo(caption="jadwal besok")
    assert (await u.next_reply()).plain_text == MEDIA
    await u.send_voice()
    assert (await u.next_reply()).plain_text == MEDIA
    await assert_all_handled(rig)


async def test_media_during_registration_keeps_the_conversation(rig: Rig) -> None:
    u = rig.user(5002, "Budi")
    await u.send("/daftar")
    choose = await u.reply_where(lambda m: has_button(m, "lang:id"))
    await u.press(choose, "lang:id")
    await u.reply_where(lambda m: "NIP" in m.text)
    await u.send_photo()
    assert (await u.next_reply()).plain_text == MEDIA
    await u.send(BUDI)
    assert has_button(await u.next_reply(), "reg:yes")
    await assert_all_handled(rig)


async def test_forwarded_message_gets_a_reply(rig: Rig) -> None:
    u = await budi(rig)
    await u.forward("Mohon doa restu, kami sekeluarga pamit mudik.", origin_name="Pak RT")
    m = await u.next_reply()
    assert m.plain_text.startswith("Maaf, saya belum mengerti.")
    assert has_button(m, "menu:today")
    await assert_all_handled(rig)


async def test_edited_message_is_not_acted_on_again(rig: Rig) -> None:
    u = await budi(rig)
    sent = await u.send("jadwal besok")
    await u.reply_where(lambda m: "📅" in m.text)
    await u.edit(sent, "jadwal hari ketiga")
    m = await u.next_reply()
    assert m.plain_text == "Pesan yang diedit tidak saya proses; silakan kirim pesan baru."
    await assert_all_handled(rig)


async def test_unknown_command(rig: Rig) -> None:
    u = await budi(rig)
    await u.send("/xyz")
    assert (await u.next_reply()).plain_text == UNKNOWN.format("/xyz")
    await u.send("/xyz@retret_test_bot tolong")
    assert (await u.next_reply()).plain_text == UNKNOWN.format("/xyz@retret_test_bot")
    await assert_all_handled(rig)


async def test_over_long_text_is_refused_politely(rig: Rig) -> None:
    u = await budi(rig)
    await u.send("jadwal " + "a" * 4993)
    m = await u.next_reply()
    assert m.plain_text == (
        "Pesan Bapak/Ibu terlalu panjang (5.000 karakter; paling banyak 2.000 karakter)."
    )
    await assert_all_handled(rig)


async def test_html_in_user_text_is_escaped(rig: Rig) -> None:
    u = await budi(rig)
    await u.send("/agenda <b>lusa</b> & <i>")
    m = await u.next_reply()
    assert m.plain_text.startswith("Saya tidak mengerti “<b>lusa</b> & <i>”.")
    await u.send("/x<script>")
    assert (await u.next_reply()).plain_text == UNKNOWN.format("/x<script>")
    await assert_all_handled(rig)


async def answered_stale(rig: Rig, query_id: str) -> bool:
    """Whether the button press was answered with the stale-button notice."""
    return (await answer_to(rig.fake, query_id)).get("text") == STALE


async def test_forged_callback_data_is_answered_and_changes_nothing(rig: Rig) -> None:
    u = await budi(rig)
    await u.send("/agenda")
    agenda = await u.reply_where(lambda r: "📅" in r.text)
    before = len(u.inbox)

    assert await answered_stale(rig, await u.press_raw("zzz"))
    assert await answered_stale(rig, await u.press_raw("reg:yes"))  # no conversation open
    assert await answered_stale(rig, await u.press_raw("nudge:d1-pembukaan"))  # not an organiser
    assert await answered_stale(rig, await u.press_raw("lang:xx"))
    assert await answered_stale(rig, await u.press_raw("day:kemarin", agenda.message_id))
    await barrier(u)
    assert len(u.inbox) == before + 1  # only the answer to /bantuan
    assert await get_conversation(rig.svc.db, u.id) is None
    await assert_all_handled(rig)


async def test_forged_checkin_button_says_nothing_is_open(rig: Rig) -> None:
    u = await budi(rig)
    await u.send("/bantuan")
    await u.next_reply()
    qid = await u.press_raw("hadir:nope")
    m = await u.next_reply()
    assert m.plain_text == "Saat ini tidak ada apel atau sesi yang membuka presensi."
    await answer_to(rig.fake, qid)
    await assert_all_handled(rig)


async def test_buttons_pressed_by_a_stranger_ask_for_registration(rig: Rig) -> None:
    u = rig.user(5003, "Tamu")
    await u.send("halo")
    await u.next_reply()
    await u.press_raw("hadir:d1-pembukaan")
    m = await u.next_reply()
    assert "Bapak/Ibu belum terdaftar" in m.plain_text
    assert await answered_stale(rig, await u.press_raw("rem:off"))
    await barrier(u)
    assert await get_participant(rig.svc.db, u.id) is None
    await assert_all_handled(rig)


async def test_group_text_is_ignored_and_group_commands_point_to_the_private_chat(
    rig: Rig,
) -> None:
    u = await budi(rig)
    chatter = await rig.fake.group_message(GROUP_ID, u, "selamat pagi semua, jadwal besok?")
    await u.edit(chatter, "selamat pagi semua, jadwal lusa?")
    await rig.fake.group_message(GROUP_ID, u, "/agenda")
    pointed = await rig.fake.wait_for(lambda m: m.chat_id == GROUP_ID)
    assert pointed[0].plain_text == "Silakan chat saya secara pribadi: @retret_test_bot"
    # The same person again a moment later: pointed there already, so a deliberate silence.
    await rig.fake.group_message(GROUP_ID, u, "/daftar@retret_test_bot")
    other = rig.user(5002, "Sari")
    await rig.fake.group_message(GROUP_ID, other, "/sekarang")
    await rig.fake.wait_for(lambda m: m.chat_id == GROUP_ID, count=2)
    await barrier(u)
    await barrier(other)
    group_messages = rig.fake.messages_to(GROUP_ID)
    assert [m.plain_text for m in group_messages] == [
        "Silakan chat saya secara pribadi: @retret_test_bot"
    ] * 2
    await assert_all_handled(rig)


async def test_a_busy_group_gets_a_few_pointers_and_never_a_queue(rig: Rig) -> None:
    """25 commands in one group (Telegram allows a bot 20 messages a minute there): at most
    ten pointers, none of them waiting for the group's limit, and a private /agenda is
    answered while the group is still busy."""
    people = [rig.user(6000 + i, f"Peserta {i}") for i in range(25)]
    for person in people:
        await rig.fake.group_message(GROUP_ID, person, "/agenda")
    asker = await budi(rig)
    await asker.send("/agenda")
    await asker.reply_where(lambda m: "📅" in m.text)
    for person in people:
        await barrier(person)
    pointers = rig.fake.messages_to(GROUP_ID)
    assert len(pointers) == 10
    await assert_all_handled(rig)


@pytest.mark.parametrize("command", ["/status", "/ubah d1-pembukaan 09.00", "/kehadiran"])
async def test_organiser_commands_from_a_participant_look_unknown(rig: Rig, command: str) -> None:
    u = await budi(rig)
    await u.send(command)
    name = command.split()[0]
    assert (await u.next_reply()).plain_text == UNKNOWN.format(name)
    await assert_all_handled(rig)


async def test_status_works_for_the_organiser(rig: Rig) -> None:
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/status")
    m = await admin.next_reply()
    assert m.plain_text.startswith("Status Retret Bot")
    assert "Kesalahan terakhir\ntidak ada" in m.plain_text
    await assert_all_handled(rig)


async def pressed_twice(u: FakeUser, message: SentMessage, data: str) -> tuple[str, str]:
    """A quick double tap: both presses reach the bot before the first edit lands."""
    first = await u.press(message, data)
    second = await u.press(message, data)
    return first, second


async def test_double_tap_on_a_day_button_is_harmless(rig: Rig) -> None:
    u = await budi(rig)
    await u.send("/agenda")
    agenda = await u.reply_where(lambda m: "📅" in m.text)
    first, second = await pressed_twice(u, agenda, "day:2025-05-16")
    await answer_to(rig.fake, first)
    await answer_to(rig.fake, second)
    await barrier(u)
    shown = rig.fake._messages[(u.id, agenda.message_id)].message["text"]
    assert "Jumat, 16 Mei 2025" in shown
    await assert_all_handled(rig, double_tap=True)


async def test_double_tap_on_the_reminders_button_is_harmless(rig: Rig) -> None:
    u = await budi(rig)
    await u.send("/pengingat")
    m = await u.reply_where(lambda r: has_button(r, "rem:off"))
    first, second = await pressed_twice(u, m, "rem:off")
    await answer_to(rig.fake, first)
    await answer_to(rig.fake, second)
    await barrier(u)
    p = await get_participant(rig.svc.db, u.id)
    assert p is not None and p.reminders is False
    await assert_all_handled(rig, double_tap=True)


async def nudge_report(rig: Rig) -> tuple[FakeUser, FakeUser, SentMessage]:
    """A participant missing from the opening ceremony, and the organiser's report on it."""
    u = await budi(rig)
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/kehadiran d1-pembukaan")
    report = await admin.reply_where(lambda m: has_button(m, "nudge:d1-pembukaan"))
    assert "Belum hadir" in report.plain_text and "Budi Santoso" in report.plain_text
    return u, admin, report


async def nudges_received(rig: Rig, u: FakeUser) -> int:
    """How many attendance nudges reached `u` once the outbox is empty."""
    assert rig.svc.outbox is not None
    await rig.svc.outbox.drain()
    return len([m for m in u.inbox if "Bapak/Ibu belum tercatat hadir" in m.text])


async def test_double_tap_on_the_nudge_button_is_harmless(rig: Rig) -> None:
    u, admin, report = await nudge_report(rig)
    first, second = await pressed_twice(admin, report, "nudge:d1-pembukaan")
    await answer_to(rig.fake, first)
    await answer_to(rig.fake, second)
    await barrier(admin)
    assert await nudges_received(rig, u) == 1
    await assert_all_handled(rig, double_tap=True)


async def test_double_tap_on_the_nudge_button_nudges_once(rig: Rig) -> None:
    u, admin, report = await nudge_report(rig)
    first = await admin.press(report, "nudge:d1-pembukaan")
    await admin.reply_where(lambda m: "Pengingat dikirim ke 1 peserta." in m.text)
    await answer_to(rig.fake, first)
    # The second tap of the same double tap, handled a couple of seconds later.
    rig.clock.jump(rig.clock.now() + timedelta(seconds=2))
    second = await admin.press(report, "nudge:d1-pembukaan")
    await answer_to(rig.fake, second)
    await barrier(admin)
    assert await nudges_received(rig, u) == 1
    await assert_all_handled(rig, double_tap=True)


async def test_a_day_button_on_a_message_that_is_gone_answers_anew(rig: Rig) -> None:
    """Forged or old buttons on a message the bot cannot edit (missing, or not its own) get
    the answer as a new message, not an apology."""
    u = await budi(rig)
    query = await u.press_raw("day:2025-05-16", message_id=999_999)
    await answer_to(rig.fake, query)
    day = await u.reply_where(lambda m: "📅" in m.text)
    assert "Jumat, 16 Mei 2025" in day.text
    mine = await u.send("halo")
    await u.next_reply()
    query = await u.press_raw("day:2025-05-17", message_id=mine["message_id"])
    await answer_to(rig.fake, query)
    day = await u.reply_where(lambda m: "📅" in m.text)
    assert "Sabtu, 17 Mei 2025" in day.text
    await assert_all_handled(rig, gone_edits=True)
