"""Free text, wider (issue 7 item 4): "lusa", "hari terakhir", "nanti malam", speakers,
places in English, and the help buttons for a place the agenda does not have. The bot runs
the sample agenda with its clock at Thursday 15 May 2025 09:00 WIB (day 1 of 3)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from bot.agenda import own_sessions, parse_day_arg, search_sessions, sessions_on, tonight
from bot.agenda_io import sample_agenda
from bot.intents import match_intent
from bot.models import Session
from tests.conftest import JKT, Rig, enrol, first_with, has_button, relax_chat_limits
from tests.fakebot import FakeUser, SentMessage

CAMAT = first_with("Camat")


def camat_sessions() -> list[Session]:
    """The sample sessions on the Camat's own agenda."""
    return own_sessions(sample_agenda(), CAMAT["position"], CAMAT["group"])


async def camat(rig: Rig, lang: str = "id") -> FakeUser:
    """The roster's first Camat, registered, speaking `lang`."""
    relax_chat_limits(rig.fake)  # these tests are about what the bot says, not its pacing
    u = rig.user(4001, CAMAT["name"].split()[0], language_code=lang)
    await enrol(rig, u, CAMAT["nip"], lang=lang)
    return u


async def ask(u: FakeUser, text: str) -> SentMessage:
    """Send `text` and wait for the reply."""
    await u.send(text)
    return await u.reply_where(lambda m: True)


def assert_lists(m: SentMessage, sessions: list[Session], lang: str = "id") -> None:
    """Every one of the sessions appears in the message, by its title in `lang`."""
    assert sessions, "the sample agenda has nothing to look for"
    for s in sessions:
        assert s.in_lang(lang, "title") in m.plain_text, f"{s.id} missing from\n{m.plain_text}"


@pytest.mark.parametrize("text", ["lusa", "jadwal lusa ya pak", "besok lusa ada apa"])
async def test_lusa_shows_the_day_after_tomorrow(rig: Rig, text: str) -> None:
    u = await camat(rig)
    m = await ask(u, text)
    assert "📅 Sabtu, 17 Mei 2025" in m.plain_text
    assert "Hari ke-3 dari 3" in m.plain_text
    assert_lists(m, sessions_on(camat_sessions(), date(2025, 5, 17)))


async def test_the_last_day_is_the_events_last_day(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "hari terakhir pulang jam brp")
    assert "Hari ke-3 dari 3" in m.plain_text
    assert_lists(m, sessions_on(camat_sessions(), date(2025, 5, 17)))


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("Pak Menteri datang jam berapa?", "id", "menteri"),
        ("kapan sesi Kepala BKN?", "id", "kepala badan kepegawaian"),
        ("when does the minister speak?", "en", "menteri"),
    ],
)
async def test_a_speaker_question_finds_the_speakers_sessions(
    rig: Rig, text: str, lang: str, speaker: str
) -> None:
    u = await camat(rig, lang)
    m = await ask(u, text)
    hits = [s for s in camat_sessions() if speaker in s.speaker.casefold()]
    assert_lists(m, hits, lang)
    titles = {h.in_lang(lang, "title") for h in hits}
    others = [
        s for s in camat_sessions() if s not in hits and s.in_lang(lang, "title") not in titles
    ]
    assert not [s.id for s in others if s.in_lang(lang, "title") in m.plain_text]


async def test_a_place_asked_in_english_is_found(rig: Rig) -> None:
    u = await camat(rig, "en")
    m = await ask(u, "where is the closing ceremony?")
    closing = [s for s in camat_sessions() if "upacara penutupan" in s.title.casefold()]
    assert_lists(m, closing, "en")
    assert all(s.in_lang("en", "location") in m.plain_text for s in closing)


async def test_tonight_lists_todays_evening_sessions(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "nanti malam ada acara apa")
    assert m.plain_text.startswith("🌙 Nanti malam")
    evening = [s for s in sessions_on(camat_sessions(), date(2025, 5, 15)) if s.start >= time(17)]
    assert_lists(m, evening)
    assert "Upacara Pembukaan" not in m.plain_text


async def test_a_place_not_on_the_agenda_gets_the_help_buttons(rig: Rig) -> None:
    u = await camat(rig)
    m = await ask(u, "toilet di mana ya")
    assert "toilet" in m.plain_text
    for data in ("menu:today", "menu:now", "menu:tomorrow", "menu:help"):
        assert has_button(m, data), f"{data} missing: {m.buttons}"


# ---------------------------------------------------------------- the domain, without Telegram


@pytest.mark.parametrize(
    ("arg", "expected"),
    [("lusa", 3), ("besok lusa", 3), ("terakhir", 3), ("hari terakhir", 3), ("last day", 3)],
)
def test_day_words_for_the_day_after_tomorrow_and_the_last_day(arg: str, expected: int) -> None:
    days = sample_agenda().days()
    assert parse_day_arg(arg, days, days[0]) == days[expected - 1]


def session(id: str, title: str, location: str = "", speaker: str = "") -> Session:
    """A session for the search tests; only its words matter."""
    day = date(2025, 5, 15)
    return Session(id, day, time(8), time(9), title, location=location, speaker=speaker)


SEARCHED = [
    session("open", "Upacara Pembukaan", "Lapangan Apel", "Wali Kota Malang"),
    session("close", "Upacara Penutupan dan Penyerahan Sertifikat", "Lapangan Apel"),
    session("minister", "Tata Kelola Pemerintahan", "Aula Utama", "Menteri Dalam Negeri"),
    session("breakout", "Breakout Camat", "Ruang Kelas A", "Ditjen Bina Adwil, Kemendagri"),
    session("friday", "ISHOMA dan Sholat Jumat", "Masjid Poltekad dan Ruang Makan"),
    session("photo", "Jalan Sore Bersama dan Foto Kelompok", "Lapangan Apel"),
    session("bath", "Mandi dan Persiapan", "Barak Peserta"),
    session("home", "Pemulangan Peserta", "Lobi Aula Utama"),
    session("gym", "Jasmani Pagi (Senam dan Lari Ringan)", "Lapangan Apel"),
    session("bkn", "Manajemen ASN", "Aula Utama", "Kepala Badan Kepegawaian Negara (BKN)"),
    session("brief", "Pengarahan Komandan Poltekad", "Aula Utama", "Komandan Poltekad"),
]


@pytest.mark.parametrize(
    ("topic", "ids"),
    [
        ("menteri", {"minister"}),
        ("mendagri", {"minister"}),  # a word's start: not "Kemendagri" in the breakout
        ("minister", {"minister"}),
        ("closing ceremony", {"close"}),
        ("opening", {"open"}),
        ("penutup", {"close"}),
        ("wali kota", {"open"}),
        ("walikota", {"open"}),
        ("mayor", {"open"}),
        ("sholat jumat", {"friday"}),
        ("friday prayer", {"friday"}),
        ("mosque", {"friday"}),
        ("group photo", {"photo"}),
        ("main hall", {"minister", "home", "bkn", "brief"}),
        ("pulang", {"home"}),
        ("home", {"home"}),
        ("morning exercise", {"gym"}),
        ("head bkn", {"bkn"}),
        ("commanders briefing", {"brief"}),
        ("toilet", set()),
        ("kamar mandi", set()),  # every word must match: not "Mandi dan Persiapan"
        ("ala", set()),  # inside a word ("Jalan", "Malang") is no match
    ],
)
def test_search_knows_english_and_short_names(topic: str, ids: set[str]) -> None:
    assert {s.id for s in search_sessions(SEARCHED, topic)} == ids


def test_tonight_is_what_is_left_of_the_evening() -> None:
    mine = camat_sessions()
    tz = sample_agenda().event.tz
    morning = tonight(mine, datetime(2025, 5, 15, 9, 0, tzinfo=JKT), tz)
    assert morning and all(s.date == date(2025, 5, 15) and s.start >= time(17) for s in morning)
    late = tonight(mine, datetime(2025, 5, 15, 21, 0, tzinfo=JKT), tz)
    assert late == [s for s in morning if s.end_at(tz) > datetime(2025, 5, 15, 21, 0, tzinfo=JKT)]
    assert tonight(mine, datetime(2025, 5, 18, 9, 0, tzinfo=JKT), tz) == []


async def test_agenda_command_takes_lusa_and_terakhir(rig: Rig) -> None:
    u = await camat(rig)
    for command in ("/agenda lusa", "/agenda terakhir"):
        m = await ask(u, command)
        assert "Hari ke-3 dari 3" in m.plain_text, f"{command}: {m.plain_text}"


@pytest.mark.parametrize(
    ("text", "day"),
    [("jadwal hari ini", 1), ("besok", 2), ("lusa", 3), ("hari ke-3", 3), ("hari terakhir", 3)],
)
def test_a_day_question_names_a_day_the_agenda_command_understands(text: str, day: int) -> None:
    intent = match_intent(text)
    assert intent is not None and intent.day_arg is not None
    days = sample_agenda().days()
    assert parse_day_arg(intent.day_arg, days, days[0]) == days[day - 1]


def test_other_questions_name_no_day() -> None:
    for text in ("sekarang", "nanti malam", "apel jam berapa", "di mana masjid", "halo"):
        intent = match_intent(text)
        assert intent is not None and intent.day_arg is None, text
