"""Roster files (CSV, XLSX, SPEC §6): reading and validating the committee's participant list."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bot.models import Problem, RosterEntry
from bot.nip import NipError, nip_masked, validate_nip
from bot.problems import Cell, cell_text, read_table

__all__ = ["ROSTER_COLUMNS", "load_roster", "load_roster_file"]

ROSTER_COLUMNS: tuple[str, ...] = ("nip", "name", "position", "unit", "group", "phone")
_REQUIRED = ("nip", "name", "position", "unit")
_OPTIONAL = ("group", "phone")
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


def load_roster(
    data: bytes, filename: str, *, today: date | None = None
) -> tuple[list[RosterEntry], list[Problem]]:
    """Read and validate a roster; ([], every problem) when anything is wrong (refused whole)."""
    table, problems = read_table(
        data, filename, required=_REQUIRED, optional=_OPTIONAL, aliases=_HEADER_ALIASES
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
        problems.extend(
            Problem("required", row, name) for name in _REQUIRED[1:] if not values[name]
        )
        if len(problems) == before:
            entries.append(RosterEntry(nip=nip, **values))
    if problems:
        return [], problems
    return entries, []


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
