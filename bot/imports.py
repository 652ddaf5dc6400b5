"""Importing an organiser's file: an agenda or a roster, told apart by its columns."""

from __future__ import annotations

from dataclasses import dataclass

from bot.agenda_io import load_agenda
from bot.changes import ImportResult, import_agenda
from bot.clock import Clock
from bot.models import Problem, RosterEntry
from bot.roster import load_roster
from db import Database
from db.agenda import load_agenda as load_agenda_in_force
from db.roster import RosterCounts, roster_size, upsert_roster

__all__ = ["FileImport", "import_file"]


@dataclass(frozen=True)
class FileImport:
    """What importing one file did: an agenda or roster result, or the problems."""

    kind: str  # agenda | roster
    problems: tuple[Problem, ...] = ()
    agenda: ImportResult | None = None
    roster: RosterCounts | None = None
    roster_total: int = 0


def _roster_or_none(data: bytes, filename: str) -> tuple[list[RosterEntry], list[Problem]] | None:
    """The roster read from a spreadsheet with a `nip` column; None for an agenda file."""
    if not filename.lower().endswith((".csv", ".xlsx")):
        return None
    entries, problems = load_roster(data, filename)
    if any(p.code == "missing_column" and p.column == "nip" for p in problems):
        return None
    return entries, problems


async def import_file(
    db: Database, clock: Clock, data: bytes, filename: str, *, default_lang: str
) -> FileImport:
    """Validate and apply one file; a bad file is refused whole and nothing changes."""
    roster = _roster_or_none(data, filename)
    if roster is not None:
        entries, problems = roster
        if problems:
            return FileImport("roster", problems=tuple(problems))
        counts = await upsert_roster(db, entries, at=clock.timestamp())
        return FileImport("roster", roster=counts, roster_total=await roster_size(db))
    current = await load_agenda_in_force(db)
    agenda, problems = load_agenda(
        data,
        filename,
        event=current.event if current else None,
        schedule=current.schedule if current else None,
        questions=current.questions if current else None,
    )
    if agenda is None:
        return FileImport("agenda", problems=tuple(problems))
    result = await import_agenda(
        db, clock, agenda, source=f"telegram:{filename}", default_lang=default_lang
    )
    return FileImport("agenda", agenda=result)
