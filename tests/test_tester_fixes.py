"""Defects found by trying the personal-data, backup and deployment features as a participant
and an organiser would (task "tester")."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from bot.agenda_io import sample_agenda
from bot.privacy import Profile, profile_text
from bot.texts import t
from db.participants import Participant
from db.privacy import Holdings

# "1 days", "1 reflections": a count of one before a plural noun is not English.
ONE_PLURAL = re.compile(r"(?<![\d.,])1 (days|reflections|questions|check-ins)\b")


def test_english_profile_and_forget_question_do_not_say_1_days_or_1_reflections() -> None:
    agenda = sample_agenda()
    first = agenda.sessions[0]
    p = Participant(
        user_id=5,
        chat_id=5,
        nip="198001302005011004",
        name="Heru",
        position="Sekda",
        unit="Sekretariat Daerah",
        group="Kelompok 2",
        verified=True,
        status="active",
        reminders=True,
        language="en",
        registered_at=1747272600.0,
    )
    held = Holdings(phone="", attended=((first.id, 1.0),), reflections=1, questions=1)
    profile = profile_text("en", Profile(p, held), agenda, ZoneInfo("Asia/Jakarta"))
    ask = t("en", "privacy.forget_ask", reflections=1, questions=1, attended=1)
    for text in (profile, ask):
        found = ONE_PLURAL.findall(text)
        assert not found, f"a count of one before a plural: {found} in {text!r}"
    # the counts are still shown
    assert "1" in profile and ask.count("1") >= 3
