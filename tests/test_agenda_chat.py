"""The agenda in chat (SPEC §5): /agenda and its day buttons, /besok, /sekarang, /kalender,
free-text questions, /bahasa, /profil, /pengingat, and the command menus."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml

from bot.clock import Clock
from db.participants import get_participant
from tests.conftest import (
    ADMIN_ID,
    JKT,
    Rig,
    answer_to,
    at,
    enrol,
    first_with,
    has_button,
    make_settings,
    relax_chat_limits,
    roster_rows,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram, FakeUser, SentMessage

SAMPLE = Path(__file__).parent.parent / "bot" / "data" / "sample_event.yaml"
CAMAT = first_with("Camat")  # Joko Santoso, Kecamatan Klojen, Kelompok 4


@pytest.fixture(autouse=True)
def _quick_chats(fake: FakeTelegram) -> None:
    """These tests are about what the bot says, not about its per-chat pacing."""
    relax_chat_limits(fake)


def sample_sessions() -> list[dict[str, Any]]:
    """The sessions of the built-in sample agenda, read straight from its YAML."""
    with SAMPLE.open(encoding="utf-8") as fh:
        sessions: list[dict[str, Any]] = yaml.safe_load(fh)["sessions"]
    return sessions


def own_sample_sessions(position: str, group: str) -> list[dict[str, Any]]:
    """The sample sessions whose audience includes this position or group."""
    return [
        s
        for s in sample_sessions()
        if not s.get("audience") or "all" in s["audience"] or {position, group} & set(s["audience"])
    ]


def starts(s: dict[str, Any]) -> datetime:
    """A sample session's start as an aware datetime."""
    return datetime.combine(s["date"], time.fromisoformat(s["start"]), tzinfo=JKT)


@asynccontextmanager
async def rig_at(fake: FakeTelegram, tmp_path: Path, moment: str) -> AsyncIterator[Rig]:
    """The bot with the sample roster and agenda, its clock at `moment` (WIB)."""
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at(moment))) as rig:
        yield rig


async def camat(rig: Rig, user_id: int = 4001, lang: str = "id", nth: int = 0) -> FakeUser:
    """A registered Camat in `lang`: the roster's first (Joko, Kelompok 4) unless `nth`."""
    row = [r for r in roster_rows() if r["position"] == "Camat"][nth]
    u = rig.user(user_id, row["name"].split()[0], language_code=lang)
    await enrol(rig, u, row["nip"], lang=lang)
    return u


async def ask(u: FakeUser, text: str, marker: str = "") -> SentMessage:
    """Send `text`; the first reply containing `marker` (any reply when empty)."""
    await u.send(text)
    return await u.reply_where(lambda m: marker in m.text)


# ---------------------------------------------------------------- /agenda and its buttons


async def test_agenda_today_shows_day_one_with_dotted_times_and_a_next_button(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "/agenda", "📅")
    assert "📅 Kamis, 15 Mei 2025" in m.plain_text
    assert "Hari ke-1 dari 3 · Pelatihan Leadership dan Penguatan Teamwork Building" in m.plain_text
    assert "08.30–09.30 Upacara Pembukaan" in m.plain_text
    assert "📍 Lapangan Apel Poltekad" in m.plain_text
    assert "🎤 Wali Kota Malang" in m.plain_text
    assert "21.30–22.00 Apel Malam" in m.plain_text
    # sessions in time order
    lines = [ln for ln in m.plain_text.splitlines() if ln[:2].isdigit()]
    assert lines == sorted(lines)
    assert len(lines) == len([s for s in sample_sessions() if s["date"] == date(2025, 5, 15)])
    assert m.buttons == [("Jum, 16 Mei ▶", "day:2025-05-16"), ("ℹ️ Rincian", "detail:2025-05-15")]
    assert "agenda umum" not in m.plain_text  # a participant sees their own agenda


async def test_day_buttons_edit_the_same_message_and_forged_days_are_refused(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "/agenda", "📅")
    qid = await u.press(m, "day:2025-05-16")
    edited = await u.next_reply()
    assert edited.method == "editMessageText"
    assert edited.message_id == m.message_id
    assert "Jumat, 16 Mei 2025" in edited.plain_text
    assert "Hari ke-2 dari 3" in edited.plain_text
    assert "Breakout Camat" in edited.plain_text
    assert "Breakout Lurah" not in edited.plain_text
    assert edited.buttons == [
        ("◀ Kam, 15 Mei", "day:2025-05-15"),
        ("Sab, 17 Mei ▶", "day:2025-05-17"),
        ("ℹ️ Rincian", "detail:2025-05-16"),
    ]
    assert "text" not in await answer_to(rig.fake, qid)

    forged = await u.press_raw("day:2030-01-01", message_id=m.message_id)
    answer = await answer_to(rig.fake, forged)
    assert answer.get("text") == "Tombol ini sudah tidak berlaku."
    # Updates are handled in order: the next thing the user sees is the answer to /bantuan,
    # so the forged press edited nothing.
    help_reply = await ask(u, "/bantuan")
    assert "Yang bisa saya lakukan" in help_reply.plain_text
    current = rig.fake._messages[(u.id, m.message_id)].message
    assert "Jumat, 16 Mei 2025" in current["text"]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/agenda besok", "Jumat, 16 Mei 2025"),
        ("/agenda 3", "Sabtu, 17 Mei 2025"),
        ("/agenda 2025-05-17", "Sabtu, 17 Mei 2025"),
        ("/jadwal 2", "Jumat, 16 Mei 2025"),
        ("/agenda 9", "Retret berlangsung 3 hari; tidak ada hari ke-9."),
        (
            "/agenda xyz",
            "Saya tidak mengerti “xyz”. Contoh: /agenda, /agenda besok, /agenda 2, "
            "/agenda 2025-05-16.",
        ),
    ],
)
async def test_agenda_argument(rig: Rig, command: str, expected: str) -> None:
    u = await camat(rig)
    m = await ask(u, command)
    assert expected in m.plain_text


async def test_tomorrow_on_day_one_shows_day_two(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "/besok", "📅")
    assert "Jumat, 16 Mei 2025" in m.plain_text
    assert "Hari ke-2 dari 3" in m.plain_text
    m = await ask(u, "/tomorrow", "📅")
    assert "Jumat, 16 Mei 2025" in m.plain_text


async def test_tomorrow_on_the_last_day_says_nothing_is_on(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with rig_at(fake, tmp_path, "2025-05-17 10:00") as rig:
        u = await camat(rig)
        m = await ask(u, "/besok", "Besok")
        assert m.plain_text == "Besok tidak ada acara retret. Retret berakhir Sabtu, 17 Mei 2025."


async def test_agenda_before_the_event_shows_the_first_day(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with rig_at(fake, tmp_path, "2025-05-10 12:00") as rig:
        u = await camat(rig)
        m = await ask(u, "/agenda", "📅")
        assert "Kamis, 15 Mei 2025" in m.plain_text
        assert "Hari ke-1 dari 3" in m.plain_text


async def test_agenda_after_the_event_shows_the_last_day(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with rig_at(fake, tmp_path, "2025-05-20 10:00") as rig:
        u = await camat(rig)
        m = await ask(u, "/agenda", "📅")
        assert "Sabtu, 17 Mei 2025" in m.plain_text
        assert "Hari ke-3 dari 3" in m.plain_text
        m = await ask(u, "/sekarang")
        assert "Tidak ada sesi lagi. Terima kasih atas partisipasi Bapak/Ibu!" in m.plain_text


@pytest.mark.parametrize("command", ["/agenda 2025-05-20", "/agenda kemarin", "jadwal kemarin"])
async def test_a_day_outside_the_event_is_not_called_tomorrow(rig: Rig, command: str) -> None:
    u = await camat(rig)
    m = await ask(u, command)
    assert "Besok" not in m.plain_text
    assert "tidak ada acara" in m.plain_text.casefold()


@pytest.mark.parametrize("question", ["makan siang di mana", "lunch?"])
async def test_lunch_question_after_lunch_points_to_the_next_lunch_not_dinner(
    fake: FakeTelegram, tmp_path: Path, question: str
) -> None:
    async with rig_at(fake, tmp_path, "2025-05-15 13:00") as rig:
        u = await camat(rig)
        m = await ask(u, question, "🍽")
        assert "Malam" not in m.plain_text
        assert "Jum, 16 Mei · 11.15–13.00 ISHOMA dan Sholat Jumat" in m.plain_text


async def test_guest_sees_the_general_agenda_with_a_note(rig: Rig) -> None:
    u = rig.user(4009, "Tamu")
    m = await ask(u, "/agenda 2", "📅")
    assert "Breakout Camat" in m.plain_text and "Breakout Lurah" in m.plain_text
    assert "Ini agenda umum. Setelah /daftar" in m.plain_text


# ---------------------------------------------------------------- /sekarang


def camat_next_after(moment: datetime) -> tuple[dict[str, Any], int]:
    """The Camat's next session after `moment` in the sample, and whole minutes until it."""
    later = sorted(
        (s for s in own_sample_sessions("Camat", "Kelompok 4") if starts(s) > moment),
        key=starts,
    )
    minutes = int((starts(later[0]) - moment) / timedelta(minutes=1))
    return later[0], minutes


async def test_now_during_the_camat_breakout(fake: FakeTelegram, tmp_path: Path) -> None:
    nxt, minutes = camat_next_after(at("2025-05-16 10:20"))
    assert (nxt["id"], minutes) == ("d2-ishoma-jumat", 55)
    async with rig_at(fake, tmp_path, "2025-05-16 10:20") as rig:
        u = await camat(rig)
        m = await ask(u, "/sekarang", "⏭")
        text = m.plain_text
        now_part, next_part = text.split("⏭")
        assert now_part.startswith("▶️ Sedang berlangsung")
        assert "10.15–11.15 Breakout Camat: Kepemimpinan Kewilayahan" in now_part
        assert "⏳ sampai pukul 11.15 WIB" in now_part
        assert "Breakout Lurah" not in text
        assert next_part.startswith(" Berikutnya, 55 menit lagi")
        assert "11.15–13.00 ISHOMA dan Sholat Jumat" in next_part


async def test_now_during_the_ministers_session_counts_minutes_to_the_breakout(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    nxt, minutes = camat_next_after(at("2025-05-16 09:40"))
    assert (nxt["id"], minutes) == ("d2-breakout-camat", 35)
    async with rig_at(fake, tmp_path, "2025-05-16 09:40") as rig:
        u = await camat(rig)
        m = await ask(u, "/now", "⏭")
        now_part, next_part = m.plain_text.split("⏭")
        assert "08.00–10.00 Tata Kelola Pemerintahan Daerah" in now_part
        assert "⏳ sampai pukul 10.00 WIB" in now_part
        assert next_part.startswith(" Berikutnya, 35 menit lagi")
        assert "10.15–11.15 Breakout Camat" in next_part

        en = await camat(rig, 4002, lang="en", nth=1)
        m = await ask(en, "/sekarang", "⏭")
        now_part, next_part = m.plain_text.split("⏭")
        assert now_part.startswith("▶️ Now")
        assert "08:00–10:00 Regional Governance" in now_part
        assert "⏳ until 10:00 WIB" in now_part
        assert next_part.startswith(" Next, in 35 min")
        assert "10:15–11:15 Breakout for Camat" in next_part
        assert "10.15" not in m.plain_text


# ---------------------------------------------------------------- free text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("jadwal besok", "id", ["📅 Jumat, 16 Mei 2025", "Hari ke-2 dari 3"]),
        (
            "apel jam berapa?",
            "id",
            ["🇮🇩 Apel berikutnya", "21.30–22.00 Apel Malam", "📍 Lapangan Apel Poltekad"],
        ),
        (
            "sesi berikutnya",
            "id",
            ["▶️ Sedang berlangsung", "Upacara Pembukaan", "Berikutnya, 30 menit lagi", "Rehat"],
        ),
        ("hari kedua", "id", ["📅 Jumat, 16 Mei 2025", "Hari ke-2 dari 3"]),
        (
            "makan siang di mana",
            "id",
            [
                "🍽 Makan siang",
                "11.15–12.45 ISHOMA (Istirahat, Sholat, Makan Siang)",
                "📍 Ruang Makan dan Masjid Poltekad",
            ],
        ),
        (
            "di mana outbound?",
            "id",
            [
                "🔎 Yang cocok dengan “outbound”",
                "Jum, 16 Mei · 15.15–16.45 Outbound Teamwork Building per Kelompok",
                "📍 Lapangan Apel Poltekad",
            ],
        ),
        (
            "makan malam jam berapa",
            "id",
            ["🍽 Makan malam", "17.15–19.00 ISHOMA Malam (Sholat Maghrib, Makan Malam"],
        ),
        ("what's next", "en", ["▶️ Now", "Next, in 30 min", "09:30–09:45 Coffee Break"]),
        ("tomorrow's schedule", "en", ["📅 Friday, 16 May 2025", "Day 2 of 3"]),
        ("when is the assembly?", "en", ["🇮🇩 Next assembly", "21:30–22:00 Evening Assembly"]),
    ],
)
async def test_free_text_agenda_questions(
    rig: Rig, text: str, lang: str, expected: list[str]
) -> None:
    u = await camat(rig, lang=lang)
    m = await ask(u, text)
    for part in expected:
        assert part in m.plain_text, f"{text!r}: {part!r} missing from\n{m.plain_text}"


async def test_free_text_that_is_not_a_question_gets_help_with_buttons(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "saya sakit perut")
    assert m.plain_text.startswith("Maaf, saya belum mengerti.")
    for data in ("menu:today", "menu:now", "menu:tomorrow", "menu:help"):
        assert has_button(m, data)
    assert not has_button(m, "menu:register")  # already registered
    await u.press(m, "menu:tomorrow")
    tomorrow = await u.reply_where(lambda r: "📅" in r.text)
    assert "Jumat, 16 Mei 2025" in tomorrow.plain_text

    en = await camat(rig, 4003, lang="en", nth=1)
    m = await ask(en, "my stomach hurts")
    assert m.plain_text.startswith("Sorry, I didn't get that.")
    assert ("📅 Today", "menu:today") in m.buttons


# ---------------------------------------------------------------- /kalender


async def test_calendar_file_holds_exactly_the_participants_sessions(rig: Rig) -> None:
    u = await camat(rig)
    await u.send("/kalender")
    doc = await u.reply_where(lambda m: m.document is not None)
    assert doc.method == "sendDocument"
    assert doc.filename == "agenda-retret.ics"
    assert "Agenda Bapak/Ibu untuk kalender ponsel" in doc.plain_text
    assert doc.document is not None

    cal = icalendar.Calendar.from_ical(doc.document)
    events = list(cal.walk("VEVENT"))
    mine = own_sample_sessions("Camat", "Kelompok 4")
    assert len(events) == len(mine)
    uids = {str(e["UID"]) for e in events}
    assert {uid.split("@", 1)[0] for uid in uids} == {s["id"] for s in mine}
    assert all(uid.endswith("@" + rig.fake.bot_username) for uid in uids)
    assert not any(uid.startswith(("d2-breakout-lurah@", "d2-diskusi-k1-k3@")) for uid in uids)

    opening = next(e for e in events if str(e["UID"]).startswith("d1-pembukaan@"))
    start = opening["DTSTART"].dt
    assert start == datetime(2025, 5, 15, 8, 30, tzinfo=JKT)
    assert start.utcoffset() == timedelta(hours=7)
    assert opening["DTEND"].dt == datetime(2025, 5, 15, 9, 30, tzinfo=JKT)
    assert str(opening["SUMMARY"]) == "Upacara Pembukaan"
    assert str(opening["LOCATION"]) == "Lapangan Apel Poltekad"


# ---------------------------------------------------------------- preferences


async def test_choosing_the_language_already_in_use_says_it_stays(rig: Rig) -> None:
    u = await camat(rig)
    choose = await ask(u, "/bahasa")
    await u.press(choose, "lang:id")
    same = await u.next_reply()
    assert same.plain_text == "Bahasa tetap Bahasa Indonesia."


async def test_switching_to_english_changes_the_agenda_language(rig: Rig) -> None:
    u = await camat(rig)
    choose = await ask(u, "/bahasa")
    assert has_button(choose, "lang:en") and has_button(choose, "lang:id")
    await u.press(choose, "lang:en")
    done = await u.next_reply()
    assert done.plain_text == "Language set to English."
    m = await ask(u, "/agenda", "📅")
    assert "Thursday, 15 May 2025" in m.plain_text
    assert "Day 1 of 3" in m.plain_text
    assert "08:30–09:30 Opening Ceremony" in m.plain_text
    assert m.buttons == [("Fri, 16 May ▶", "day:2025-05-16"), ("ℹ️ Details", "detail:2025-05-15")]
    p = await get_participant(rig.svc.db, u.id)
    assert p is not None and p.language == "en"


async def test_profile_shows_everything_held(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "/profil")
    text = m.plain_text
    for line in (
        f"Nama: {CAMAT['name']}",
        f"NIP: {CAMAT['nip'][:4]}••••••••••{CAMAT['nip'][-4:]}",  # masked (SPEC §12)
        "Jabatan: Camat",
        "Unit kerja: Kecamatan Klojen",
        "Kelompok 4",
        "Bahasa: Bahasa Indonesia",
        "Pengingat sesi: aktif",
        "Status: terverifikasi (daftar panitia)",
        "Terdaftar: Kamis, 15 Mei 2025 pukul 09.00 WIB",
        f"ID Telegram: {u.id}",
        "Kehadiran: 0 kali",
        "Refleksi: 0 hari",
        "Pertanyaan kepada panitia: 0",
    ):
        assert line in text.splitlines(), f"{line!r} not in\n{text}"
    assert CAMAT["nip"] not in text
    assert "Untuk menghapus data ini: /hapusdata." in text


async def test_profile_of_a_stranger_asks_to_register(rig: Rig) -> None:
    u = rig.user(4010, "Tamu")
    m = await ask(u, "/me")
    assert "Bapak/Ibu belum terdaftar. Ketik /daftar" in m.plain_text
    assert has_button(m, "menu:register")


async def test_reminders_button_turns_session_reminders_off(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "/pengingat")
    assert "Pengingat sesi: aktif." in m.plain_text
    assert m.buttons == [("🔕 Matikan pengingat", "rem:off")]
    qid = await u.press(m, "rem:off")
    edited = await u.next_reply()
    assert edited.method == "editMessageText"
    assert edited.message_id == m.message_id
    assert "Pengingat sesi: nonaktif." in edited.plain_text
    assert "Pengingat apel dan pengumuman panitia selalu dikirim." in edited.plain_text
    assert edited.buttons == [("🔔 Aktifkan pengingat", "rem:on")]
    assert (await answer_to(rig.fake, qid)).get("text") == "nonaktif"
    p = await get_participant(rig.svc.db, u.id)
    assert p is not None and p.reminders is False


# ---------------------------------------------------------------- command menus

ID_MENU = [
    "agenda",
    "sekarang",
    "besok",
    "hadir",
    "refleksi",
    "kalender",
    "pengingat",
    "pengumuman",
    "profil",
    "bahasa",
    "tanya",
    "hapusdata",
    "daftar",
    "bantuan",
    "batal",
]
EN_MENU = [
    "agenda",
    "now",
    "tomorrow",
    "checkin",
    "reflect",
    "calendar",
    "reminders",
    "news",
    "me",
    "language",
    "ask",
    "forget",
    "register",
    "help",
    "cancel",
]


async def test_command_menus_are_set_per_language_and_for_organisers(rig: Rig) -> None:
    menus = rig.fake.commands
    indonesian = menus[("default", "id")]
    english = menus[("default", "en")]
    assert [c["command"] for c in indonesian] == ID_MENU
    assert [c["command"] for c in english] == EN_MENU
    assert indonesian[0]["description"] == "Agenda hari ini"
    assert english[0]["description"] == "Today's agenda"
    assert menus[("default", "")] == indonesian  # DEFAULT_LANGUAGE=id for everyone else
    organiser_keys = sorted(k for k in menus if '"chat_id": 900001' in k[0])
    assert [k[1] for k in organiser_keys] == ["", "en", "id"]  # both languages and the rest
    by_lang = {k[1]: [c["command"] for c in menus[k]] for k in organiser_keys}
    assert by_lang["id"][: len(ID_MENU)] == ID_MENU
    assert by_lang["en"][: len(EN_MENU)] == EN_MENU
    assert by_lang[""] == by_lang["id"]
    assert {"kehadiran", "ubah", "status", "jawab", "peserta", "umumkan"} <= set(by_lang["id"])
    assert {"attendance", "reschedule", "status", "reply", "participants", "broadcast"} <= set(
        by_lang["en"]
    )


async def test_an_organiser_not_on_the_roster_is_welcomed_as_an_organiser(rig: Rig) -> None:
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/start")
    welcome = await admin.next_reply()
    assert "panitia" in welcome.plain_text and "/kehadiran" in welcome.plain_text
    assert "NIP Bapak/Ibu" not in welcome.plain_text
    assert not has_button(welcome, "lang:id")


@pytest.mark.parametrize("command", sorted(set(ID_MENU + EN_MENU)))
async def test_every_menu_command_is_understood(rig: Rig, command: str) -> None:
    u = await camat(rig)
    m = await ask(u, f"/{command}")
    assert "tidak dikenal" not in m.plain_text
    assert "Maaf, terjadi gangguan" not in m.plain_text


async def test_the_details_button_shows_what_to_wear_and_bring(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "/agenda", "📅")
    await u.press(m, "detail:2025-05-15")
    details = await u.reply_where(lambda x: "Rincian" in x.text)
    assert "Rincian Kamis, 15 Mei 2025" in details.plain_text
    assert "ℹ️ Pakaian PDH khaki, bersepatu pantofel hitam." in details.plain_text
    forged = await u.press_raw("detail:2030-01-01", message_id=m.message_id)
    assert (await answer_to(rig.fake, forged)).get("text") == "Tombol ini sudah tidak berlaku."
