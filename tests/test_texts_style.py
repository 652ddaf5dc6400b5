"""The bot speaks formal Bahasa Indonesia and real English, and addresses people properly
(issue 7, items 1 and 2).

Rules kept here, checked on every key of bot/texts in both languages:

* no banned word (foreign or informal words and signs, `BANNED`, as written), in either
  language, plus
  `BANNED_ID` in the Indonesian texts only (English may say "roster");
* every key exists in both languages;
* a time standing alone in an Indonesian text says "pukul": a placeholder that holds a time
  of day (`TIME_FIELDS`) must be preceded by "pukul " (HTML tags such as <b> may stand
  between), or close a range right after another time ("pukul {open}–{close}"), or open the
  text (a column of a list line: "{time}  ringkasan ..."). `TIME_EXEMPT` lists the few keys
  where the placeholder is not a lone time, each with the reason.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.clock import Clock
from bot.models import RosterEntry
from bot.salutation import addressed, normalise_salutation, salutation_of
from bot.texts import TEXTS, t
from db import Database
from db.roster import upsert_roster
from tests.conftest import at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import enrol_entry, texts_to

BANNED: tuple[str, ...] = (  # as written, case and all ("Telegram ID" is fine English)
    "Outbox",
    "outbox",
    "Galat",
    "galat",
    "Telegram id",
    "refleksi-2",
    "🎌",
)
# As words; "import-roster" is a command's name. "Anda": people are addressed "Bapak/Ibu".
BANNED_ID: tuple[str, ...] = ("roster", "Anda")
TIME_FIELDS = frozenset({"time", "open", "close", "old", "new"})  # ({start} is a month: NIP)
TIME_EXEMPT = {
    # "{new}" is a whole "Kamis, 15 Mei 2025, pukul 10.30–12.00 WIB" (key time.on_date)
    "admin.moved",
    "admin.overlap",  # the same fmt_new_time
}
_TAGS = r"(?:<[^>]+>)*"


def _fields(text: str) -> list[tuple[str, int]]:
    """(placeholder name, where it starts in the literal text) of every placeholder."""
    out: list[tuple[str, int]] = []
    pos = 0
    for literal, name, spec, conv in string.Formatter().parse(text):
        pos += len(literal)
        if name is not None:
            out.append((name, pos))
            pos += len(name) + 2 + (len(spec) + 1 if spec else 0) + (len(conv) + 1 if conv else 0)
    return out


def lone_times_without_pukul(text: str) -> list[str]:
    """The time placeholders of an Indonesian text that break the "pukul" rule."""
    wrong = []
    for name, pos in _fields(text):
        if name not in TIME_FIELDS:
            continue
        before = text[:pos]
        if re.search(rf"\bpukul {_TAGS}$", before):
            continue
        if re.search(r"\}" + _TAGS + "–" + _TAGS + "$", before):  # "{open}–{close}"
            continue
        if re.fullmatch(_TAGS, before):  # the first column of a list line
            continue
        wrong.append(name)
    return wrong


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_is_in_both_languages_and_says_no_banned_word(key: str) -> None:
    entry = TEXTS[key]
    assert set(entry) == {"id", "en"}, f"{key}: missing a language, has only {sorted(entry)}"
    for lang, text in entry.items():
        words = re.sub(r"\{[^{}]*\}", "", text)  # placeholders are names, not words shown
        found = [word for word in BANNED if word in words]
        assert not found, f"{key} ({lang}) says {found}: {text!r}"
    plain = re.sub(r"\{[^{}]*\}", "", entry["id"]).replace("import-roster", "")
    found = [w for w in BANNED_ID if re.search(rf"\b{w}\b", plain, re.IGNORECASE)]
    assert not found, f"{key} (id) says {found}: {entry['id']!r}"


@pytest.mark.parametrize("key", sorted(set(TEXTS) - TIME_EXEMPT))
def test_a_lone_time_in_indonesian_says_pukul(key: str) -> None:
    text = TEXTS[key]["id"]
    assert not lone_times_without_pukul(text), (
        f"{key}: {lone_times_without_pukul(text)} without “pukul”: {text!r}"
    )


def test_the_rules_catch_what_they_are_for() -> None:
    assert lone_times_without_pukul("dipindah dari {old} ke <b>{new}</b>.") == ["old", "new"]
    assert lone_times_without_pukul("dari pukul {old} ke pukul <b>{new}</b>") == []
    assert lone_times_without_pukul("(presensi dibuka pukul {open}–{close})") == []
    assert lone_times_without_pukul("sampai {time}") == ["time"]
    assert lone_times_without_pukul("<b>{time}</b> {title}") == []
    assert lone_times_without_pukul("Presensi ditutup {close}.") == ["close"]
    for key in TIME_EXEMPT:  # an exemption names a key that exists
        assert key in TEXTS


def test_bapak_or_ibu_from_the_sex_digit_unless_the_roster_says() -> None:
    male, female = "198001012005011001", "198001012005012001"
    assert salutation_of(male) == "Bapak" and salutation_of(female) == "Ibu"
    assert salutation_of(male, "Ibu") == "Ibu" and salutation_of(female, "bpk.") == "Bapak"
    assert salutation_of("12345") == ""
    name = "Andri Wijaya, S.STP."
    assert addressed("id", name, male) == "Bapak Andri Wijaya, S.STP."
    assert addressed("id", "Sri Wahyuni", female) == "Ibu Sri Wahyuni"
    assert addressed("en", name, male) == "Mr Andri Wijaya, S.STP."
    assert addressed("en", "Sri Wahyuni", female) == "Ms Sri Wahyuni"
    assert addressed("id", "Tamu", "12345") == "Tamu"
    assert normalise_salutation("  IBU ") == "Ibu" and normalise_salutation("") == ""
    assert normalise_salutation("Dr.") is None


def test_greeting_texts_put_no_exclamation_after_a_name() -> None:
    for key, entry in TEXTS.items():
        for lang, text in entry.items():
            assert "{name}!" not in text and "{name}</b>!" not in text, f"{key} ({lang})"
    assert (
        t("id", "briefing.greeting", name="Bapak Andri Wijaya, S.STP.", date="d", n=1, total=3)
        == "🌅 <b>Selamat pagi, Bapak Andri Wijaya, S.STP.</b>\nd · hari ke-1 dari 3"
    )


ANDRI, SRI, RINA = 7101, 7102, 7103


async def test_the_briefing_greets_bapak_and_ibu(fake: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fake)
    people = [
        (ANDRI, RosterEntry("198001012005011001", "Andri Wijaya, S.STP.", "Camat", "Klojen")),
        (SRI, RosterEntry("198202022006012002", "Sri Wahyuni, M.Si.", "Lurah", "Oro-oro Dowo")),
        # the roster's salutation wins over the sex digit (a NIP with 1, written "Ibu")
        (RINA, RosterEntry("198303032007011003", "Rina", "Lurah", "Kauman", salutation="Ibu")),
    ]
    db = await Database.open(Path(settings.database_path))
    try:
        await upsert_roster(db, [entry for _, entry in people], at=0.0)
        for uid, entry in people:
            fake.user(uid, entry.name)
            await enrol_entry(db, uid, entry.name, entry, lang="id", at=0.0)
    finally:
        await db.close()
    clock = Clock(start=at("2025-05-16 04:49"), speed=600)
    async with start_rig(fake, settings, clock):
        for uid, _ in people:
            await fake.wait_for(lambda m, uid=uid: m.chat_id == uid and "Selamat pagi" in m.text)
    greeting = {uid: texts_to(fake, uid)[0].split("\n")[0] for uid, _ in people}
    assert greeting == {
        ANDRI: "🌅 <b>Selamat pagi, Bapak Andri Wijaya, S.STP.</b>",
        SRI: "🌅 <b>Selamat pagi, Ibu Sri Wahyuni, M.Si.</b>",
        RINA: "🌅 <b>Selamat pagi, Ibu Rina</b>",
    }
