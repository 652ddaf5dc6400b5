"""The reflection's questions, answers, open days and journal as pure logic (issue 9)."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.agenda_io import BERAKHLAK_VALUES, DEFAULT_QUESTIONS
from bot.chunks import LIMIT, html_length
from bot.models import Agenda, Event, ScheduleConfig, Session
from bot.reflections import BadAnswer, journal_parts, open_day, parse_answer, questions_of
from db.reflections import Answer
from tests.conftest import at


def test_the_default_questions_ask_a_rating_two_texts_and_the_seven_berakhlak_values() -> None:
    agenda = Agenda(Event("R", "V"))
    assert questions_of(agenda) == DEFAULT_QUESTIONS
    assert [q.type for q in DEFAULT_QUESTIONS] == ["rating", "text", "text", "choice"]
    assert DEFAULT_QUESTIONS[-1].options == (
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    )
    assert DEFAULT_QUESTIONS[-1].options == BERAKHLAK_VALUES


def test_the_value_question_asks_which_value_was_felt_most_today() -> None:
    value = next(q for q in DEFAULT_QUESTIONS if q.id == "value")
    assert value.text["id"] == "Nilai BerAKHLAK mana yang paling Bapak/Ibu rasakan hari ini?"
    assert value.text["en"] == "Which BerAKHLAK value did you feel most today?"


@pytest.mark.parametrize(
    ("qid", "raw", "button", "stored"),
    [
        ("rating", "4", True, "4"),
        ("rating", " 5 ", False, "5"),
        ("value", "0", True, "Berorientasi Pelayanan"),
        ("value", "KOLABORATIF", False, "Kolaboratif"),
        ("lesson", "  Belajar mendengar.  ", False, "Belajar mendengar."),
        ("lesson", "x" * 2000, False, "x" * 2000),
    ],
)
def test_answers_are_stored_as_given(qid: str, raw: str, button: bool, stored: str) -> None:
    q = next(x for x in DEFAULT_QUESTIONS if x.id == qid)
    assert parse_answer(q, raw, button=button) == stored


@pytest.mark.parametrize(
    ("qid", "raw", "button", "code"),
    [
        ("rating", "0", True, "refl.bad_rating"),
        ("rating", "6", False, "refl.bad_rating"),
        ("rating", "empat", False, "refl.bad_rating"),
        ("value", "7", True, "refl.bad_choice"),
        ("value", "-1", True, "refl.bad_choice"),
        ("value", "Jujur", False, "refl.bad_choice"),
        ("lesson", "   ", False, "refl.empty"),
        ("lesson", "x" * 2001, False, "refl.too_long"),
        ("lesson", "1", True, "refl.bad_text"),
    ],
)
def test_bad_answers_are_refused_with_their_reason(
    qid: str, raw: str, button: bool, code: str
) -> None:
    q = next(x for x in DEFAULT_QUESTIONS if x.id == qid)
    with pytest.raises(BadAnswer) as caught:
        parse_answer(q, raw, button=button)
    assert caught.value.code == code


def _two_days() -> Agenda:
    d1, d2 = date(2025, 5, 15), date(2025, 5, 16)
    return Agenda(
        Event("R", "V"),
        ScheduleConfig(),
        (
            Session("a", d1, time(8, 0), time(21, 0), "Hari satu"),
            Session("b", d2, time(8, 0), time(11, 0), "Penutupan"),
        ),
    )


def test_the_open_day_is_yesterdays_until_the_morning_briefing_and_none_after_the_end() -> None:
    agenda = _two_days()
    assert open_day(agenda, at("2025-05-14 23:00")) is None
    assert open_day(agenda, at("2025-05-15 20:30")) == date(2025, 5, 15)
    assert open_day(agenda, at("2025-05-16 04:29")) == date(2025, 5, 15)
    assert open_day(agenda, at("2025-05-16 04:30")) == date(2025, 5, 16)
    assert open_day(agenda, at("2025-05-16 10:59")) == date(2025, 5, 16)
    assert open_day(agenda, at("2025-05-16 11:00")) is None


def test_a_long_journal_is_split_between_days_and_keeps_every_text_whole() -> None:
    agenda = _two_days()
    lessons = {d: f"Pelajaran {d}: " + "kata " * 390 for d in ("2025-05-15", "2025-05-16")}
    answers = [
        Answer(1, day, qid, kind, text, 0.0, 0.0)
        for day, lesson in lessons.items()
        for qid, kind, text in (
            ("rating", "rating", "5"),
            ("lesson", "text", lesson.strip()),
            ("action", "text", "Aksi " + "langkah " * 200 + day),
        )
    ]
    parts = journal_parts("id", agenda, answers, "Bapak Budi")
    assert len(parts) == 2
    assert all(html_length(p) <= LIMIT for p in parts)
    assert "Hari ke-1" in parts[0] and "Hari ke-2" in parts[1]
    for day, lesson in lessons.items():
        assert sum(lesson.strip() in p for p in parts) == 1, day
    assert journal_parts("en", agenda, [], "Mr Budi")[0].startswith("🙏 Thank you, Mr Budi")
