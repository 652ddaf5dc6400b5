"""Importing an organiser's file: an agenda or a roster, told apart by its columns."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from bot.agenda_io import (
    AGENDA_REQUIRED,
    DEFAULT_EVENT,
    agenda_columns,
    load_agenda,
    load_agenda_sheet,
)
from bot.changes import ImportResult, import_agenda
from bot.clock import Clock
from bot.models import Agenda, Problem, RosterEntry
from bot.problems import file_extension, read_sheet
from bot.roster import MAX_ROSTER_ROWS, ROSTER_REQUIRED, load_roster_sheet, roster_columns
from db import Database
from db.agenda import load_agenda as load_agenda_in_force
from db.roster import RosterCounts, roster_size, upsert_roster

__all__ = ["FileImport", "event_today", "import_file"]

Kind = Literal["agenda", "roster", "unknown"]


@dataclass(frozen=True)
class FileImport:
    """What importing one file did: an agenda or roster result, or the problems."""

    kind: Kind
    problems: tuple[Problem, ...] = ()
    agenda: ImportResult | None = None
    roster: RosterCounts | None = None
    roster_total: int = 0
    columns: tuple[str, ...] = ()  # a spreadsheet's header columns that told its kind


@dataclass(frozen=True)
class _Read:
    """A file read and validated, not yet applied."""

    kind: Kind
    columns: tuple[str, ...] = ()
    agenda: Agenda | None = None
    entries: tuple[RosterEntry, ...] = ()
    problems: tuple[Problem, ...] = ()


def event_today(clock: Clock, rehearse_from: datetime | None = None) -> date:
    """Today, for a file's dates: the first day of a rehearsal (REHEARSE_FROM), else the
    clock's date, so a rehearsal of a past event still loads its agenda."""
    return rehearse_from.date() if rehearse_from is not None else clock.now().date()


def _read(data: bytes, filename: str, current: Agenda | None, today: date) -> _Read:
    """Read and validate a file (CPU-bound: called in a worker thread).

    YAML is always an agenda. A spreadsheet is a roster or an agenda by which of the two
    its header row names more columns of, so a roster missing one column (nip) is still
    taken for a roster and refused for what it lacks.
    """
    event = current.event if current else None
    schedule = current.schedule if current else None
    questions = current.questions if current else None
    if file_extension(filename) not in (".csv", ".xlsx"):
        agenda, problems = load_agenda(
            data, filename, event=event, schedule=schedule, questions=questions, today=today
        )
        return _Read("agenda", agenda=agenda, problems=tuple(problems))
    sheet, problems = read_sheet(data, filename, max_rows=MAX_ROSTER_ROWS)
    if sheet is None:
        return _Read("unknown", problems=tuple(problems))
    header_row, header = sheet.header
    as_agenda, as_roster = agenda_columns(header), roster_columns(header)
    if len(as_roster) > len(as_agenda):
        entries, problems = load_roster_sheet(sheet, today=today)
        return _Read("roster", tuple(as_roster), entries=tuple(entries), problems=tuple(problems))
    if len(as_agenda) > len(as_roster):
        agenda, problems = load_agenda_sheet(
            sheet, event=event, schedule=schedule, questions=questions, today=today
        )
        return _Read("agenda", tuple(as_agenda), agenda=agenda, problems=tuple(problems))
    neither = Problem(
        "unknown_table",
        header_row,
        None,
        {"agenda": ", ".join(AGENDA_REQUIRED), "roster": ", ".join(ROSTER_REQUIRED)},
    )
    return _Read("unknown", problems=(neither,))


async def import_file(
    db: Database, clock: Clock, data: bytes, filename: str, *, default_lang: str
) -> FileImport:
    """Validate and apply one file; a bad file is refused whole and nothing changes.

    The file is read off the event loop; "today" (for dates too far away) is the event
    clock's, so a rehearsal of a past event still imports.
    """
    current = await load_agenda_in_force(db)
    zone = ZoneInfo(current.event.timezone if current else DEFAULT_EVENT.timezone)
    read = await asyncio.to_thread(_read, data, filename, current, clock.now(zone).date())
    if read.problems:
        return FileImport(read.kind, problems=read.problems, columns=read.columns)
    if read.kind == "roster":
        counts = await upsert_roster(db, read.entries, at=clock.timestamp())
        return FileImport(
            "roster", roster=counts, roster_total=await roster_size(db), columns=read.columns
        )
    if read.agenda is None:  # not reached: a file without problems is one or the other
        return FileImport(read.kind)
    result = await import_agenda(
        db, clock, read.agenda, source=f"telegram:{filename}", default_lang=default_lang
    )
    return FileImport("agenda", agenda=result, columns=read.columns)
