"""Problems of imported files: reading spreadsheet tables and rendering problems for people.

Limits on what an organiser's file may hold (a retreat has hundreds of people and a few
days of sessions; each limit is about ten times what a real event needs, and low enough
that a mistaken or hostile file is refused before it costs memory or time):

- a file: at most 5 MB as sent (`MAX_FILE_BYTES`, the same as `/impor` accepts); an XLSX
  at most 64 MB once unpacked (`MAX_XLSX_UNPACKED`: a zip bomb is refused unopened), and
  only its first 64 columns are read;
- a YAML agenda: nesting at most 20 deep and at most 250,000 values counting every alias
  written out (a "billion laughs" is refused while it is counted), no alias of itself;
- an agenda: at most 2,000 sessions over at most 60 days, every date within 5 years of
  today (the event clock's today, so a rehearsal of an old event still loads); titles,
  locations, speakers, names and venue at most 200 characters, descriptions and question
  texts at most 1,000; at most 20 reflection questions, 20 options, 50 audience entries
  and 10 reminders a session (see bot/agenda_io.py);
- a roster: at most 20,000 people; name, position, unit and group at most 200
  characters, phone at most 40 (see bot/roster.py);
- no text may hold control characters (NUL, escape, tab, …); descriptions and question
  texts may hold tabs and line breaks, other texts must be one line;
- a CSV is read strictly: a quote left open is an error, and every row must have as
  many fields as the header row (empty fields at the end of a row are not counted).
"""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath
from typing import Literal

from bot.models import Problem
from bot.texts import TEXTS, t

__all__ = [
    "MAX_FILE_BYTES",
    "TELEGRAM_TEXT_LIMIT",
    "Cell",
    "Sheet",
    "Table",
    "cell_text",
    "check_text",
    "file_extension",
    "fit_message",
    "header_columns",
    "read_sheet",
    "render_problem",
    "render_problems",
    "source_of",
    "table_of",
]

Cell = str | int | float | bool | datetime | date | time | timedelta | None
Source = Literal["sheet", "yaml"]

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_XLSX_UNPACKED = 64 * 1024 * 1024
MAX_COLUMNS = 64  # columns of an XLSX sheet that are read; ours need 12
TELEGRAM_TEXT_LIMIT = 4096  # characters of one message (UTF-16 code units, to be safe)
_MB = 1024 * 1024
_LINE_BREAKS = frozenset("\n\r")

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


def _trimmed(cells: Sequence[Cell]) -> int:
    """How many cells a row has once empty cells at its end are dropped."""
    count = len(cells)
    while count and cell_text(cells[count - 1]) == "":
        count -= 1
    return count


def _csv_rows(
    data: bytes, max_rows: int
) -> tuple[list[tuple[int, list[Cell]]] | None, bool, list[Problem]]:
    """The non-blank records of a CSV file with their numbers, whether there were more
    than `max_rows` after the header, and the problems: a malformed file (a quote left open)
    or rows with more or fewer fields than the header row."""
    text = _decode(data)
    if text is None:
        return None, False, [Problem("bad_encoding")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows: list[tuple[int, list[Cell]]] = []
    problems: list[Problem] = []
    width = 0
    # Rows are numbered by record, as a spreadsheet program shows them; a malformed record
    # is named by the line it starts on, as a text editor shows it.
    for number in itertools.count(1):
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            return None, False, [Problem("bad_csv", params={"line": line, "detail": str(exc)})]
        cells: list[Cell] = list(record)
        if _blank(cells):
            continue
        if not rows:
            width = len(cells)
        elif len(cells) < _trimmed(rows[0][1]) or _trimmed(cells) > width:
            count = len(cells) if len(cells) < width else _trimmed(cells)
            problems.append(
                Problem("csv_field_count", number, None, {"count": count, "expected": width})
            )
        rows.append((number, cells))
        if len(rows) > max_rows + 1:
            return rows, True, problems
    return rows, False, problems


def _xlsx_rows(
    data: bytes, max_rows: int
) -> tuple[list[tuple[int, list[Cell]]] | None, bool, list[Problem]]:
    """The non-blank rows of the first sheet of an XLSX workbook with their numbers, whether
    there were more than `max_rows` after the header, or the problem reading it."""
    import openpyxl  # imported here: only spreadsheets need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None, False, [Problem("bad_xlsx")]
    # zipfile stops each member at its declared size, so the sum bounds what is read.
    if unpacked > MAX_XLSX_UNPACKED:
        return None, False, [Problem("xlsx_too_big", params={"limit": MAX_XLSX_UNPACKED // _MB})]
    rows: list[tuple[int, list[Cell]]] = []
    more = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()
                # (iter_rows(max_col=…) would pad every row to that width: slower)
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    cells: list[Cell] = list(values[:MAX_COLUMNS])
                    if _blank(cells):
                        continue
                    rows.append((number, cells))
                    if len(rows) > max_rows + 1:
                        more = True
                        break
            finally:
                workbook.close()
    except Exception:  # a broken or foreign file: zip, XML, key and value errors alike
        return None, False, [Problem("bad_xlsx")]
    return rows, more, []


@dataclass
class Sheet:
    """The non-blank rows of a CSV file or an XLSX sheet, the header row first."""

    rows: list[tuple[int, list[Cell]]]  # (spreadsheet row or CSV line, cells)
    kind: Literal["csv", "xlsx"]
    more: bool = False  # there were more data rows than the reader was asked for

    @property
    def header(self) -> tuple[int, list[Cell]]:
        """The header row and its number."""
        return self.rows[0]

    @property
    def data(self) -> list[tuple[int, list[Cell]]]:
        """The rows under the header."""
        return self.rows[1:]


def read_sheet(data: bytes, filename: str, *, max_rows: int) -> tuple[Sheet | None, list[Problem]]:
    """A CSV or XLSX file's non-blank rows, read up to `max_rows` rows under the header
    (`Sheet.more` says there were more); None and the problems if it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem("file_too_big", params={"limit": MAX_FILE_BYTES // _MB})]
    extension = file_extension(filename)
    kind: Literal["csv", "xlsx"]
    if extension == ".csv":
        rows, more, problems = _csv_rows(data, max_rows)
        kind = "csv"
    elif extension == ".xlsx":
        rows, more, problems = _xlsx_rows(data, max_rows)
        kind = "xlsx"
    else:
        return None, [Problem("file_type", params={"filename": filename, "allowed": ".csv, .xlsx"})]
    if rows is None:
        return None, problems
    if not rows:
        return None, [Problem("empty_file")]
    if problems and not more:
        return None, problems
    return Sheet(rows, kind, more), []


def _header_key(value: Cell) -> str:
    """A header cell as a comparable key: trimmed, lower case, single spaces."""
    return " ".join(cell_text(value).casefold().replace("_", " ").split())


def _known(columns: Sequence[str], aliases: Mapping[str, str] | None) -> dict[str, str]:
    """Header keys that name each column: its own name and its aliases."""
    known = {_header_key(name): name for name in columns}
    for alias, name in (aliases or {}).items():
        known.setdefault(_header_key(alias), name)
    return known


def header_columns(
    header: Sequence[Cell], columns: Sequence[str], aliases: Mapping[str, str] | None = None
) -> list[str]:
    """The columns (canonical names, in header order, once each) a header row names."""
    known = _known(columns, aliases)
    found = [known[key] for key in map(_header_key, header) if key in known]
    return list(dict.fromkeys(found))


def table_of(
    sheet: Sheet,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> tuple[Table | None, list[Problem]]:
    """A sheet as a Table, checking its header; the problems if a column is missing or twice."""
    header_row, header = sheet.header
    known = _known((*required, *optional), aliases)
    columns: dict[str, int] = {}
    problems: list[Problem] = []
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
    return Table(columns, sheet.data, sheet.kind), []


def check_text(text: str, limit: int, *, multiline: bool = False) -> Problem | None:
    """What is wrong with a text field (without row or column): too long, a control
    character, or a line break where one line is expected; None when it is fine.
    A `multiline` text (a description) may hold line breaks and tabs."""
    for char in text:
        if multiline and char in "\t\n\r":
            continue
        if char in _LINE_BREAKS:
            return Problem("line_break")
        if unicodedata.category(char) == "Cc":
            return Problem("control_char", params={"char": f"U+{ord(char):04X}"})
    if len(text) > limit:
        return Problem("too_long", params={"length": len(text), "limit": limit})
    return None


def _units(text: str) -> int:
    """The length of a text as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def fit_message(
    head: str,
    items: Sequence[str],
    more: Callable[[int], str],
    *,
    limit: int = TELEGRAM_TEXT_LIMIT,
    max_items: int | None = None,
) -> str:
    """`head` and as many `items` as fit in one message, a line each; `more(n)` is appended
    when n items are left out. Lengths are measured on the text as given (HTML escapes
    count in full), so the message as Telegram parses it is never longer than `limit`."""
    cap = len(items) if max_items is None else min(max_items, len(items))
    sizes = [_units(item) + 1 for item in items[:cap]]  # each with its line break
    used = _units(head) + sum(sizes)
    for shown in range(cap, -1, -1):
        if shown < cap:
            used -= sizes[shown]
        left = len(items) - shown
        tail = more(left) if left else ""
        if used + _units(tail) <= limit:
            return "\n".join([head, *items[:shown]]) + tail
    tail = more(len(items))  # the head alone is too long: cut it (a UTF-16 unit may be half)
    return head[: max(limit - _units(tail) - 1, 0) // 2] + "…" + tail


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
