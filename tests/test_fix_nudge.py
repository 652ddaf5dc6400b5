"""The reflection nudge to someone who never started says it is not filled in yet, with a
"Mulai refleksi" button; to someone halfway, that the answers given are kept, with "Lanjutkan
refleksi" (tester's finding C). The sample's nudge comes after Apel Malam."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from bot.agenda_io import sample_agenda
from bot.reflections import reflection_messages
from bot.schedule import plan
from db import Database
from db.participants import list_participants, set_language
from db.reflections import save_answer
from tests.conftest import make_settings
from tests.fakebot import FakeTelegram
from tests.helpers import register_many

STARTED, NEVER, NEVER_EN = 7201, 7202, 7203


async def test_the_nudge_tells_those_who_never_started_to_start(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(
        settings,
        fake,
        [(STARTED, "Camat", "K1"), (NEVER, "Camat", "K1"), (NEVER_EN, "Lurah", "K2")],
    )
    agenda = sample_agenda()
    nudge = next(p for p in plan(agenda, include_reserved=True) if p.kind == "nudge")
    db = await Database.open(Path(settings.database_path))
    try:
        await set_language(db, NEVER_EN, "en")
        await save_answer(
            db, STARTED, nudge.item, "rating", "rating", "4", required=["rating", "lesson"], at=1.0
        )
        people = await list_participants(db, active_only=True)
        messages = await reflection_messages(db, agenda, nudge, people, default_lang="id")
    finally:
        await db.close()
    by_user = {m.user_id: m.payload for m in messages}
    started, never, never_en = by_user[STARTED], by_user[NEVER], by_user[NEVER_EN]
    assert "belum selesai" in str(started["text"]), started
    assert "Lanjutkan refleksi" in str(started["keyboard"]), started
    assert "tetap tersimpan" not in str(never["text"]), never
    assert "belum diisi" in str(never["text"]), never
    assert "Mulai refleksi" in str(never["keyboard"]), never
    assert "not filled in yet" in str(never_en["text"]), never_en
    assert "Start the reflection" in str(never_en["keyboard"]), never_en


def test_the_sample_nudge_comes_after_apel_malam() -> None:
    agenda = sample_agenda()
    assert agenda.schedule.reflection_nudge is not None
    for s in agenda.sessions:
        if s.kind == "assembly" and s.start >= time(21, 0):
            assert not s.start <= agenda.schedule.reflection_nudge < s.end, s
            assert agenda.schedule.reflection_nudge >= s.end, s
