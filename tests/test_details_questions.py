""" "Besok pakai baju apa?", "bawa apa?", "what should I wear tomorrow?": answered from the
sessions' descriptions, the day's sessions that have one, with title and time (issue 7,
item 3, rest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.agenda_io import load_agenda
from bot.clock import Clock
from bot.intents import Intent, match_intent
from bot.models import RosterEntry
from bot.render import details_text
from db import Database
from db.roster import upsert_roster
from tests.conftest import at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import enrol_entry, fake_nip, register_many

PESERTA = 7601
ENGLISH = 7602

AGENDA_YAML = """\
event: {name: Retret Uji, venue: Balai Kota}
schedule: {morning_briefing: null, reflection_prompt: null, reflection_nudge: null}
sessions:
  - {id: d1-apel, date: 2025-05-15, start: "06.00", end: "06.30", kind: assembly,
     title: Apel Pembukaan, description: PDH lengkap dengan tanda pengenal.}
  - {id: d1-materi, date: 2025-05-15, start: "08.00", end: "09.30", title: Materi Satu,
     description: Bawa laptop dan alat tulis., title_en: Lecture One,
     description_en: Bring a laptop and stationery.}
  - {id: d1-ishoma, date: 2025-05-15, start: "12.00", end: "13.00", kind: meal,
     title: ISHOMA}
  - {id: d2-senam, date: 2025-05-16, start: "05.30", end: "06.30", kind: activity,
     title: Senam Pagi, description: Pakaian olahraga dan sepatu kets.}
  - {id: d2-materi, date: 2025-05-16, start: "08.00", end: "10.00", title: Materi Dua}
"""


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("besok pakai baju apa?", "besok"),
        ("bawa apa?", None),
        ("hari kedua bawa apa", "2"),
        ("lusa pakai seragam apa", "lusa"),
        ("what should I wear tomorrow?", "besok"),
        ("what do I need to bring?", None),
        ("what should we bring on the last day", "terakhir"),
    ],
)
def test_a_question_about_dress_or_things_to_bring_names_its_day(text: str, on: str | None) -> None:
    assert match_intent(text) == Intent("details", on=on)


def test_the_answer_lists_the_days_sessions_with_a_description_with_title_and_time() -> None:
    agenda, problems = load_agenda(AGENDA_YAML.encode(), "a.yaml")
    assert agenda is not None, problems
    text = details_text("id", agenda.sessions, date(2025, 5, 15))
    assert "Kamis, 15 Mei 2025" in text
    assert "06.00–06.30" in text and "Apel Pembukaan" in text and "PDH lengkap" in text
    assert "08.00–09.30" in text and "Bawa laptop" in text
    assert "ISHOMA" not in text  # no description: nothing to say about it
    assert "Senam Pagi" not in text  # another day
    english = details_text("en", agenda.sessions, date(2025, 5, 15))
    assert "Lecture One" in english and "Bring a laptop and stationery." in english
    assert "Thursday, 15 May 2025" in english
    nothing = details_text("id", agenda.sessions[4:], date(2025, 5, 16))
    assert "Materi Dua" not in nothing and "Jumat, 16 Mei 2025" in nothing


async def test_participants_asking_what_to_wear_or_bring_get_the_descriptions(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    event = tmp_path / "event.yaml"
    event.write_text(AGENDA_YAML, encoding="utf-8")
    settings = make_settings(tmp_path, fake, event_file=event)
    await register_many(settings, fake, [(PESERTA, "Lurah", "Kelompok 1")])
    db = await Database.open(settings.database_path)
    try:
        camat = RosterEntry(fake_nip(5), "Peserta Inggris", "Camat", "Unit 5", "Kelompok 2")
        await upsert_roster(db, [camat], at=0.0)
        await enrol_entry(db, ENGLISH, "Peserta", camat, lang="en", at=0.0)
    finally:
        await db.close()
    fake.user(ENGLISH, "Peserta", language_code="en")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 19:00"))):
        u = fake.user(PESERTA)
        await u.send("besok pakai baju apa?")
        answer = await u.reply_where(lambda m: "Senam Pagi" in m.text)
        assert "Pakaian olahraga dan sepatu kets." in answer.plain_text
        assert "05.30–06.30" in answer.plain_text
        assert "Materi Dua" not in answer.plain_text
        assert "Apel Pembukaan" not in answer.plain_text  # today's, not tomorrow's
        en = fake.user(ENGLISH)
        await en.send("what do I need to bring?")
        reply = await en.reply_where(lambda m: "Lecture One" in m.text)
        assert "Bring a laptop and stationery." in reply.plain_text
        assert "PDH lengkap" in reply.plain_text  # no English given: the Indonesian one
        assert "ISHOMA" not in reply.plain_text
