"""The agenda file's reflection block is checked field by field (issue 9, item 1)."""

from __future__ import annotations

from datetime import date

from bot.agenda_io import load_agenda

HEAD = (
    b"event: {name: R, venue: V}\n"
    b'sessions: [{id: a, date: 2025-05-15, start: "08:00", end: "09:00", title: T}]\n'
)


def _problems(block: str) -> list[tuple[str, int | None, str | None]]:
    agenda, problems = load_agenda(HEAD + block.encode(), "a.yaml", today=date(2025, 5, 1))
    assert agenda is None
    return [(p.code, p.row, p.column) for p in problems]


def test_options_on_a_rating_or_text_question_and_repeated_options_are_refused() -> None:
    block = (
        "reflection:\n  questions:\n"
        "    - {id: r, type: rating, text: Nilai?, options: [a, b]}\n"
        "    - {id: v, type: choice, text: Nilai?, options: [Loyal, Adaptif, loyal]}\n"
    )
    assert _problems(block) == [
        ("question_options_unused", None, "reflection.questions[1].options"),
        ("duplicate_option", None, "reflection.questions[2].options[3]"),
    ]
