"""Roster files (CSV, XLSX, SPEC §6): reading and validating the committee's participant list.

Limits (see bot/problems.py): 20,000 people; name, position, unit and group at most 200
characters, phone at most 40; no control characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.models import Problem, RosterEntry
from bot.nip import NipError, nip_masked, validate_nip
from bot.problems import Cell, Sheet, cell_text, check_text, header_columns, read_sheet, table_of
from bot.salutation import SALUTATIONS, normalise_salutation

__all__ = [
    "MAX_ROSTER_ROWS",
    "ROSTER_COLUMNS",
    "ROSTER_REQUIRED",
    "load_roster",
    "load_roster_file",
    "load_roster_sheet",
    "roster_columns",
]

ROSTER_COLUMNS: tuple[str, ...] = (
    "nip",
    "name",
    "position",
    "unit",
    "group",
    "phone",
    "salutation",
)
_REQUIRED = ("nip", "name", "position", "unit")
ROSTER_REQUIRED = _REQUIRED
_OPTIONAL = ("group", "phone", "salutation")
MAX_ROSTER_ROWS = 20_000
_LIMITS = {"name": 200, "position": 200, "unit": 200, "group": 200, "phone": 40, "salutation": 40}
_HEADER_ALIASES = {  # Indonesian headers a committee is likely to write
    "nama": "name",
    "nama lengkap": "name",
    "jabatan": "position",
    "unit kerja": "unit",
    "instansi": "unit",
    "kelompok": "group",
    "grup": "group",
    "no hp": "phone",
    "no. hp": "phone",
    "nomor hp": "phone",
    "telepon": "phone",
    "hp": "phone",
    "sapaan": "salutation",
    "panggilan": "salutation",
}
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d+")  # 1.98507E+17: Excel showed a number


def _nip(value: Cell, today: date | None) -> str:
    """The NIP of a cell, normalised; raises NipError when it is not one."""
    if isinstance(value, float):
        raise NipError("nip_as_number")
    if isinstance(value, int) and not isinstance(value, bool):
        return validate_nip(str(value), today=today)
    text = cell_text(value)
    if _SCIENTIFIC.fullmatch(text.replace(" ", "")):
        raise NipError("nip_as_number")
    return validate_nip(text, today=today)


def roster_columns(header: Sequence[Cell]) -> list[str]:
    """The roster columns a spreadsheet header row names (aliases included)."""
    return header_columns(header, ROSTER_COLUMNS, _HEADER_ALIASES)


def load_roster_sheet(
    sheet: Sheet, *, today: date | None = None
) -> tuple[list[RosterEntry], list[Problem]]:
    """A roster file already read, validated; ([], every problem) when anything is wrong."""
    if sheet.more or len(sheet.data) > MAX_ROSTER_ROWS:
        return [], [Problem("too_many_rows", params={"limit": MAX_ROSTER_ROWS})]
    table, problems = table_of(
        sheet, required=_REQUIRED, optional=_OPTIONAL, aliases=_HEADER_ALIASES
    )
    if table is None:
        return [], problems
    if not table.rows:
        return [], [Problem("empty_file")]

    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    for row, cells in table.rows:
        before = len(problems)
        raw_nip = table.get(cells, "nip")
        nip = ""
        if not cell_text(raw_nip):
            problems.append(Problem("required", row, "nip"))
        else:
            try:
                nip = _nip(raw_nip, today)
            except NipError as exc:
                problems.append(Problem(exc.code, row, "nip", exc.params))
        if nip:
            first = seen.setdefault(nip, row)
            if first != row:
                problems.append(
                    Problem(
                        "duplicate_nip", row, "nip", {"first_row": first, "nip": nip_masked(nip)}
                    )
                )
        values = {name: cell_text(table.get(cells, name)) for name in ROSTER_COLUMNS[1:]}
        for name in ROSTER_COLUMNS[1:]:
            if not values[name]:
                if name in _REQUIRED:
                    problems.append(Problem("required", row, name))
            elif (wrong := check_text(values[name], _LIMITS[name])) is not None:
                problems.append(Problem(wrong.code, row, name, wrong.params))
        if values["salutation"] and len(problems) == before:
            chosen = normalise_salutation(values["salutation"])
            if chosen is None:
                problems.append(
                    Problem(
                        "bad_salutation",
                        row,
                        "salutation",
                        {"value": values["salutation"], "allowed": ", ".join(SALUTATIONS)},
                    )
                )
            else:
                values["salutation"] = chosen
        if len(problems) == before:
            entries.append(RosterEntry(nip=nip, **values))
    if problems:
        return [], problems
    return entries, []


def load_roster(
    data: bytes, filename: str, *, today: date | None = None
) -> tuple[list[RosterEntry], list[Problem]]:
    """Read and validate a roster; ([], every problem) when anything is wrong (refused whole)."""
    sheet, problems = read_sheet(data, filename, max_rows=MAX_ROSTER_ROWS)
    if sheet is None:
        return [], problems
    return load_roster_sheet(sheet, today=today)


def load_roster_file(
    path: Path, *, today: date | None = None
) -> tuple[list[RosterEntry], list[Problem]]:
    """Read and validate a roster file from disk (see load_roster)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        return [], [Problem("file_unreadable", params={"filename": str(path), "detail": detail})]
    return load_roster(data, Path(path).name, today=today)
