"""When the reflection prompt, nudge and journal go (issue 9, item 6): pure planning."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

from bot.models import Agenda, Event, ScheduleConfig, Session
from bot.schedule import plan
from tests.conftest import at

D1, D2 = date(2025, 5, 15), date(2025, 5, 16)


def _agenda(*last_day: Session) -> Agenda:
    """Two days: a full first day until 21:00, then the given last day."""
    first = (
        Session("a1", D1, time(8, 0), time(12, 0), "Pembukaan", kind="ceremony"),
        Session("a2", D1, time(19, 0), time(21, 0), "Malam Keakraban", kind="activity"),
    )
    return Agenda(Event("R", "V"), ScheduleConfig(), first + last_day)


def _times(agenda: Agenda) -> dict[str, object]:
    return {p.key: p.due for p in plan(agenda, include_reserved=True) if p.kind != "reminder"}


def test_a_last_day_ending_at_noon_prompts_at_its_reflection_session_and_sends_the_journal() -> (
    None
):
    agenda = _agenda(
        Session("b1", D2, time(8, 0), time(10, 30), "Presentasi Rencana Aksi"),
        Session("b2", D2, time(10, 30), time(11, 15), "Evaluasi dan Refleksi Akhir", "activity"),
        Session("b3", D2, time(11, 15), time(12, 0), "Upacara Penutupan", kind="ceremony"),
    )
    due = _times(agenda)
    assert due["prompt:2025-05-15"] == at("2025-05-15 20:30")
    assert due["nudge:2025-05-15"] == at("2025-05-15 21:30")
    assert due["prompt:2025-05-16"] == at("2025-05-16 10:30"), "never a prompt at 20.30"
    nudge = due["nudge:2025-05-16"]
    assert at("2025-05-16 10:30") < nudge < at("2025-05-16 12:00"), nudge  # type: ignore[operator]
    assert due["journal:2025-05-16"] == at("2025-05-16 12:00")
    last = [p for p in plan(agenda, include_reserved=True) if p.item == "2025-05-16"]
    assert all(p.expires <= at("2025-05-16 12:00") for p in last if p.kind != "journal")


def test_without_a_reflection_session_the_prompt_comes_an_hour_before_the_last_session_ends() -> (
    None
):
    agenda = _agenda(
        Session("b1", D2, time(8, 0), time(11, 0), "Presentasi Rencana Aksi"),
        Session("b3", D2, time(11, 0), time(13, 0), "Upacara Penutupan", kind="ceremony"),
    )
    due = _times(agenda)
    assert due["prompt:2025-05-16"] == at("2025-05-16 12:00")
    assert at("2025-05-16 12:00") < due["nudge:2025-05-16"] < at("2025-05-16 13:00")  # type: ignore[operator]
    assert due["journal:2025-05-16"] == at("2025-05-16 13:00")


def test_a_last_day_that_runs_into_the_evening_keeps_its_prompt_and_the_journal_follows() -> None:
    agenda = _agenda(Session("b1", D2, time(19, 0), time(23, 0), "Malam Penutupan"))
    due = _times(agenda)
    assert due["prompt:2025-05-16"] == at("2025-05-16 20:30")
    assert due["journal:2025-05-16"] == at("2025-05-16 23:00")
    assert due["nudge:2025-05-16"] < due["journal:2025-05-16"]  # type: ignore[operator]


async def test_a_moved_reflection_session_moves_the_pending_prompt(tmp_path: Path) -> None:
    from db import Database
    from db.dispatch import DispatchItem, pending_items, sync_plan

    def items(agenda: Agenda) -> list[DispatchItem]:
        return [
            DispatchItem(p.key, p.kind, p.item, p.due.timestamp(), p.expires.timestamp())
            for p in plan(agenda, include_reserved=True)
        ]

    sessions = (
        Session("b2", D2, time(10, 30), time(11, 15), "Evaluasi dan Refleksi Akhir", "activity"),
        Session("b3", D2, time(11, 15), time(12, 0), "Upacara Penutupan", kind="ceremony"),
    )
    before = _agenda(*sessions)
    after = _agenda(replace(sessions[0], start=time(9, 45)), sessions[1])  # /ubah b2 09.45
    db = await Database.open(tmp_path / "r.db")
    try:
        await sync_plan(db, items(before))
        await sync_plan(db, items(after))
        due = {i.key: i.due_at for i in await pending_items(db)}
    finally:
        await db.close()
    assert due["prompt:2025-05-16"] == at("2025-05-16 09:45").timestamp()
