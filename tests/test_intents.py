"""Tests for free-text understanding of agenda questions."""

from __future__ import annotations

import random
import string

import pytest

from bot.intents import MAX_CHARS, Intent, match_intent

POSITIVE: list[tuple[str, Intent]] = [
    # tomorrow
    ("jadwal besok", Intent("tomorrow")),
    ("agenda besok", Intent("tomorrow")),
    ("besok ada apa?", Intent("tomorrow")),
    ("what's on tomorrow", Intent("tomorrow")),
    ("tomorrow's schedule", Intent("tomorrow")),
    ("jdwl bsk", Intent("tomorrow")),
    ("Jadwl BESK??", Intent("tomorrow")),
    # today
    ("jadwal hari ini", Intent("today")),
    ("hari ini", Intent("today")),
    ("jadwal", Intent("today")),
    ("agenda", Intent("today")),
    ("acara hari ini apa", Intent("today")),
    ("today", Intent("today")),
    ("schedule", Intent("today")),
    ("selamat pagi, jadwal hari ini?", Intent("today")),
    # next
    ("sesi berikutnya", Intent("next")),
    ("selanjutnya apa", Intent("next")),
    ("habis ini apa?", Intent("next")),
    ("what's next", Intent("next")),
    ("next session", Intent("next")),
    ("brikutnya apa", Intent("next")),
    # now
    ("sekarang acara apa", Intent("now")),
    ("sedang apa sekarang", Intent("now")),
    ("what's on now", Intent("now")),
    ("now", Intent("now")),
    ("skrg apa", Intent("now")),
    ("skg", Intent("now")),
    ("sekrang", Intent("now")),
    # day
    ("hari kedua", Intent("day", day=2)),
    ("hari ke-2", Intent("day", day=2)),
    ("hari 2", Intent("day", day=2)),
    ("jadwal hari ketiga", Intent("day", day=3)),
    ("day 2", Intent("day", day=2)),
    ("second day", Intent("day", day=2)),
    ("day two", Intent("day", day=2)),
    ("hari pertama", Intent("day", day=1)),
    ("hari kesatu", Intent("day", day=1)),
    ("first day", Intent("day", day=1)),
    ("day one", Intent("day", day=1)),
    ("hr 3", Intent("day", day=3)),
    ("2nd day", Intent("day", day=2)),
    ("hari ke dua", Intent("day", day=2)),
    ("besok hari kedua?", Intent("day", day=2)),
    # assembly
    ("apel jam berapa?", Intent("assembly")),
    ("apel pagi di mana", Intent("assembly")),
    ("kapan apel", Intent("assembly")),
    ("when is the assembly", Intent("assembly")),
    ("morning assembly", Intent("assembly")),
    ("jm brp apel", Intent("assembly")),
    # meal
    ("makan siang di mana", Intent("meal", meal="lunch")),
    ("jam berapa makan malam", Intent("meal", meal="dinner")),
    ("sarapan", Intent("meal", meal="breakfast")),
    ("where is lunch", Intent("meal", meal="lunch")),
    ("dinner time", Intent("meal", meal="dinner")),
    ("ishoma", Intent("meal", meal="lunch")),
    ("dmn mkn siang", Intent("meal", meal="lunch")),
    ("kapan makan", Intent("meal")),
    ("besok sarapan jam berapa", Intent("tomorrow")),
    # where
    ("di mana upacara penutupan?", Intent("where", topic="upacara penutupan")),
    ("where is the opening ceremony", Intent("where", topic="opening ceremony")),
    ("lokasi outbound", Intent("where", topic="outbound")),
    ("Dimana masjid?", Intent("where", topic="masjid")),
    ("penutupannya di mana", Intent("where", topic="penutupan")),
    ("kapan outbound?", Intent("where", topic="outbound")),
    # help, greeting, thanks
    ("bantuan", Intent("help")),
    ("help", Intent("help")),
    ("menu", Intent("help")),
    ("/help", Intent("help")),
    ("halo", Intent("greeting")),
    ("selamat pagi", Intent("greeting")),
    ("hi", Intent("greeting")),
    ("Selamat malam bapak ibu", Intent("greeting")),
    ("terima kasih", Intent("thanks")),
    ("makasih", Intent("thanks")),
    ("thanks", Intent("thanks")),
    ("terima kasih banyak pak", Intent("thanks")),
    ("thank you so much", Intent("thanks")),
    # the day after tomorrow, the last day, tonight
    ("lusa", Intent("day_after")),
    ("jadwal lusa", Intent("day_after")),
    ("besok lusa ada apa", Intent("day_after")),
    ("day after tomorrow", Intent("day_after")),
    ("hari terakhir", Intent("last_day")),
    ("last day", Intent("last_day")),
    ("nanti malam", Intent("tonight")),
    ("ntar malam ada apa", Intent("tonight")),
    ("acara malam ini", Intent("tonight")),
    ("what's on tonight", Intent("tonight")),
    ("nanti malam makan di mana", Intent("meal", meal="dinner")),
    ("setelah ini apa", Intent("next")),
    # speakers and places, also in English
    ("Pak Menteri datang jam berapa?", Intent("where", topic="menteri")),
    ("kapan sesi Kepala BKN?", Intent("where", topic="kepala bkn")),
    ("where is the closing ceremony?", Intent("where", topic="closing ceremony")),
    ("when does the minister speak", Intent("where", topic="minister")),
    ("breakout lurah di ruang mana", Intent("where", topic="breakout lurah")),
    ("toilet di mana ya", Intent("where", topic="toilet")),
    ("closing ceremony time", Intent("where", topic="closing ceremony")),
    ("when do we go home", Intent("where", topic="home")),
    ("where's tonight's session", Intent("tonight")),
    # yesterday
    ("kemarin", Intent("yesterday")),
    ("yesterday", Intent("yesterday")),
    ("jadwal kemaren", Intent("yesterday")),
]

NEGATIVE: list[str] = [
    "saya sakit perut",
    "bagaimana cara mengurus cuti",
    "lorem ipsum dolor",
    "",
    "   ",
    "12345",
    "?!...",
    "mau ke masjid",
    "halo saya sakit perut",
    "saya tidak bisa ikut apel besok",
    "kamar saya nomor berapa",
    "oke siap laksanakan",
    "di mana?",
    "hari ²",
    "² day",
    "hari 0",
    "day 99",
    "lusa saya izin pulang",
    "malam ini saya telat datang",
    "what time is it",
    "is there free time",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_matches(text: str, expected: Intent) -> None:
    assert match_intent(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_does_not_match(text: str) -> None:
    assert match_intent(text) is None


@pytest.mark.parametrize("length", [5000, MAX_CHARS])
@pytest.mark.parametrize("alphabet", [string.printable, string.ascii_lowercase + "    ", "a"])
def test_long_random_text_is_unmatched(alphabet: str, length: int) -> None:
    # How long matching takes is measured by bench/intents.py, not asserted here.
    rng = random.Random(length)
    text = "".join(rng.choice(alphabet) for _ in range(length))
    assert match_intent(text) is None


def test_long_message_is_not_an_agenda_question() -> None:
    assert match_intent("mohon maaf " * 40 + "jadwal besok") is None


def test_intent_is_frozen() -> None:
    intent = Intent("day", day=2)
    with pytest.raises(AttributeError):
        intent.day = 3  # type: ignore[misc]
