"""Problems of imported files: reading spreadsheet tables and rendering problems for people."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath
from typing import Literal

from bot.models import Problem
from bot.texts import TEXTS, t

__all__ = [
    "Cell",
    "Table",
    "cell_text",
    "file_extension",
    "read_table",
    "render_problem",
    "render_problems",
    "source_of",
]

Cell = str | int | float | bool | datetime | date | time | timedelta | None
Source = Literal["sheet", "yaml"]

_DELIMITERS = (",", ";", "\t")


@dataclass
class Table:
    """A spreadsheet's data rows, with the canonical column names found in its header."""

    columns: dict[str, int]  # canonical column name -> index in each row
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (spreadsheet row, cells)
    kind: Literal["csv", "xlsx"] = "csv"

    def get(self, cells: Sequence[Cell], column: str) -> Cell:
        """The cell of `column` in a row, None when the column or cell is absent."""
        index = self.columns.get(column)
        if index is None or index >= len(cells):
            return None
        return cells[index]


def file_extension(filename: str) -> str:
    """The lower-case extension of a file name, with its dot ("" when none)."""
    return PurePath(filename).suffix.lower()


def cell_text(value: Cell) -> str:
    """A cell as stripped text (numbers without a spurious ".0")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _blank(cells: Sequence[Cell]) -> bool:
    """Whether a row holds nothing but empty cells."""
    return all(cell_text(c) == "" for c in cells)


def _decode(data: bytes) -> str | None:
    """CSV bytes as text: UTF-8 (with or without BOM), else Windows-1252; None if neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    """The delimiter of the first non-blank line: the most frequent of `,` `;` tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(data: bytes) -> tuple[list[list[Cell]] | None, list[Problem]]:
    """Every record of a CSV file, or the problem reading it."""
    text = _decode(data)
    if text is None:
        return None, [Problem("bad_encoding")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows: list[list[Cell]] = [list(r) for r in reader]
    except csv.Error as exc:
        return None, [Problem("bad_csv", params={"line": reader.line_num, "detail": str(exc)})]
    return rows, []


def _xlsx_rows(data: bytes) -> tuple[list[list[Cell]] | None, list[Problem]]:
    """Every row of the first sheet of an XLSX workbook, or the problem reading it."""
    import openpyxl  # imported here: only spreadsheets need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()
                rows: list[list[Cell]] = [list(r) for r in sheet.iter_rows(values_only=True)]
            finally:
                workbook.close()
    except Exception:  # a broken or foreign file: zip, XML, key and value errors alike
        return None, [Problem("bad_xlsx")]
    return rows, []


def _header_key(value: Cell) -> str:
    """A header cell as a comparable key: trimmed, lower case, single spaces."""
    return " ".join(cell_text(value).casefold().replace("_", " ").split())


def read_table(
    data: bytes,
    filename: str,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> tuple[Table | None, list[Problem]]:
    """Read a CSV or XLSX file into a Table, checking its header; problems if it cannot be read."""
    extension = file_extension(filename)
    if extension == ".csv":
        raw, problems = _csv_rows(data)
        kind: Literal["csv", "xlsx"] = "csv"
    elif extension == ".xlsx":
        raw, problems = _xlsx_rows(data)
        kind = "xlsx"
    else:
        return None, [Problem("file_type", params={"filename": filename, "allowed": ".csv, .xlsx"})]
    if raw is None:
        return None, problems

    numbered = [(n, cells) for n, cells in enumerate(raw, start=1) if not _blank(cells)]
    if not numbered:
        return None, [Problem("empty_file")]
    header_row, header = numbered[0]

    known = {_header_key(name): name for name in (*required, *optional)}
    for alias, name in (aliases or {}).items():
        known.setdefault(_header_key(alias), name)
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        found = known.get(_header_key(cell))
        if found is None:
            continue  # extra columns (a running number, notes) are ignored
        if found in columns:
            problems.append(Problem("duplicate_column", header_row, found, {"column": found}))
        else:
            columns[found] = index
    problems.extend(
        Problem("missing_column", header_row, name, {"column": name})
        for name in required
        if name not in columns
    )
    if problems:
        return None, problems
    return Table(columns, numbered[1:], kind), []


def source_of(filename: str) -> Source:
    """How a file numbers its problems: YAML by session, spreadsheets by row."""
    return "yaml" if file_extension(filename) in (".yaml", ".yml") else "sheet"


def _where(problem: Problem, lang: str, source: Source) -> str | None:
    """Where a problem is, in words ("Baris 3, kolom nip"), or None when nowhere in particular."""
    prefix = "problem.where_item" if source == "yaml" else "problem.where_row"
    if problem.row is not None and problem.column:
        return t(lang, prefix + "_col", row=problem.row, column=problem.column)
    if problem.row is not None:
        return t(lang, prefix, row=problem.row)
    if problem.column:
        return t(lang, "problem.where_col", column=problem.column)
    return None


def render_problem(problem: Problem, lang: str, *, source: Source = "sheet") -> str:
    """One problem as one line of text: where it is, then what is wrong."""
    key = f"problem.{problem.code}"
    if source == "yaml" and f"{key}.yaml" in TEXTS:
        key += ".yaml"
    message = t(lang, key, **problem.params)
    where = _where(problem, lang, source)
    return f"{where}: {message}" if where else message


def render_problems(
    problems: Iterable[Problem], lang: str, *, source: Source = "sheet"
) -> list[str]:
    """Every problem as one line of plain text (escape it before sending as HTML).

    `source="yaml"` numbers YAML sessions as items ("Sesi ke-3") instead of rows.
    """
    return [render_problem(p, lang, source=source) for p in problems]
