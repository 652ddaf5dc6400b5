"""A reminder's rows share the one text rendered for their language (issue 10, item 6): with
10,000 participants every row carried its own copy, about 8 MB more at the moment a fan-out
starts (tracemalloc over `messages_for`, 12.7 MB -> 4.7 MB), which took the bot's peak RSS
past 100 MB in bench/run_all.py."""

from __future__ import annotations

from bot.agenda_io import sample_agenda
from bot.schedule import plan
from db.participants import Participant
from jobs.scheduler import messages_for


def _person(uid: int, lang: str) -> Participant:
    return Participant(
        user_id=uid,
        chat_id=uid,
        nip=f"19850714201001{uid % 10000:04d}",
        name=f"Peserta {uid}",
        position="Lurah",
        unit="Unit",
        group="Kelompok 1",
        verified=True,
        status="active",
        reminders=True,
        language=lang,
        registered_at=0.0,
    )


def test_a_reminder_is_rendered_once_per_language() -> None:
    agenda = sample_agenda()
    planned = next(p for p in plan(agenda) if p.kind == "reminder")
    people = [_person(100 + i, "id" if i % 2 else "en") for i in range(6)]
    rows = messages_for(agenda, planned, people, default_lang="id")
    assert len(rows) == 6
    texts: dict[str, list[object]] = {}
    for row in rows:
        texts.setdefault(str(row.payload["lang"]), []).append(row.payload["text"])
    assert texts["id"][0] != texts["en"][0]  # each language its own words
    for lang, same in texts.items():
        copies = len({id(t) for t in same})
        assert copies == 1, f"{copies} copies of the {lang!r} reminder for {len(same)} people"
