"""The committee's XLSX export (issue 9, item 4): one workbook of the whole retreat, built
the same way for the command line and for /ekspor."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.agenda_io import DEFAULT_QUESTIONS
from bot.broadcasts import Audience, audience_text
from bot.chunks import plain_text
from bot.models import Agenda
from bot.reflections import RATINGS, questions_of
from bot.spreadsheet import spreadsheet_safe
from bot.texts import t
from bot.timefmt import fmt_date
from db import Database
from db.announcements import Announcement, Figures
from db.export import (
    CheckIn,
    Delivery,
    PersonRow,
    QuestionRow,
    all_announcements,
    check_ins,
    deliveries,
    people,
    questions,
)
from db.reflections import day_rows

__all__ = [
    "DATETIME_FORMAT",
    "DATE_FORMAT",
    "TIME_FORMAT",
    "ExportData",
    "build_workbook",
    "counts",
    "export_workbook",
    "gather",
    "gather_and_build",
    "sheet_names",
]

# Number formats of the cells holding dates and times: naive values in the event's zone
# (Excel has no time zones), shown the way Indonesian offices read them.
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
_BOLD = Font(bold=True)
TEXT_FORMAT = "@"  # NIPs and phone numbers: text, never a number in scientific notation

_MIN_WIDTH, _MAX_WIDTH = 6, 60  # column widths, in characters


@dataclass(frozen=True)
class ExportData:
    """Everything the workbook shows, read from the database in one go."""

    agenda: Agenda
    people: list[PersonRow] = field(hash=False)
    check_ins: list[CheckIn] = field(hash=False)
    reflections: list[tuple[int, str, bool, dict[str, str]]] = field(hash=False)
    announcements: list[tuple[Announcement, Figures]] = field(hash=False)
    questions: list[QuestionRow] = field(hash=False)
    deliveries: list[Delivery] = field(hash=False)


async def gather(db: Database, agenda: Agenda) -> ExportData:
    """Read what the export shows (on the event loop; the workbook is built elsewhere)."""
    return ExportData(
        agenda=agenda,
        people=await people(db),
        check_ins=await check_ins(db),
        reflections=await day_rows(db),
        announcements=await all_announcements(db),
        questions=await questions(db),
        deliveries=await deliveries(db),
    )


async def export_workbook(db: Database, agenda: Agenda, lang: str) -> bytes:
    """The XLSX file's bytes, headers in `lang`; the workbook is built in a worker thread so
    that the bot keeps answering meanwhile."""
    data = await gather(db, agenda)
    return await asyncio.to_thread(build_workbook, data, lang)


async def gather_and_build(db: Database, agenda: Agenda, lang: str) -> tuple[bytes, dict[str, int]]:
    """The XLSX file's bytes (built in a worker thread) and what it holds: people,
    reflections, announcements, questions (for the line that says it was written)."""
    data = await gather(db, agenda)
    content = await asyncio.to_thread(build_workbook, data, lang)
    return content, counts(data)


def counts(data: ExportData) -> dict[str, int]:
    """How many people, reflections (participant-days), announcements and questions."""
    return {
        "people": len(data.people),
        "reflections": len(data.reflections),
        "announcements": len(data.announcements),
        "questions": len(data.questions),
    }


# ---------------------------------------------------------------------------- building


@dataclass
class _Sheet:
    """One sheet: its name, headers, rows, and which columns hold NIPs (text)."""

    name: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    text_columns: set[int] = field(default_factory=set)


def build_workbook(data: ExportData, lang: str) -> bytes:
    """The workbook's bytes: one sheet each for participants, agenda, attendance,
    reflections, announcements, questions and deliveries; a frozen bold header row, columns
    as wide as their content, dates and times as Excel dates in the event's zone, NIPs as
    text, and text that a spreadsheet would take for a formula made harmless."""
    tz = data.agenda.event.tz
    by_user = {p.user_id: p for p in data.people if p.user_id is not None}
    sheets = [
        _participants(data, lang, tz),
        _agenda(data, lang),
        _attendance(data, lang, tz, by_user),
        _reflections(data, lang, by_user),
        _announcements(data, lang, tz),
        _questions(data, lang, tz),
        _deliveries(data, lang, tz),
    ]
    book = Workbook(write_only=True)  # rows stream to the file: less memory, less time
    for sheet in sheets:
        _write_sheet(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(book: Workbook, sheet: _Sheet) -> None:
    """One sheet: a frozen bold header row with a filter, columns as wide as their content
    (measured first: a streamed sheet takes its widths before its rows)."""
    ws = book.create_sheet(sheet.name)
    text_columns = sheet.text_columns
    rows = [[_cell(v, n in text_columns) for n, v in enumerate(row)] for row in sheet.rows]
    widths = [len(h) for h in sheet.headers]
    for values in rows:
        for n, value in enumerate(values):
            widths[n] = max(widths[n], _width(value))
    for n, width in enumerate(widths):
        letter = get_column_letter(n + 1)
        ws.column_dimensions[letter].width = min(max(width, _MIN_WIDTH), _MAX_WIDTH) + 2
    ws.freeze_panes = "A2"
    last = get_column_letter(max(len(sheet.headers), 1))
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    ws.append([_styled(ws, h, bold=True) for h in sheet.headers])
    formats: dict[tuple[int, type], str | None] = {}
    for values in rows:
        out: list[Any] = []
        for n, value in enumerate(values):
            key = (n, type(value))
            if key not in formats:
                formats[key] = _number_format(value, n in text_columns)
            number_format = formats[key]
            out.append(_styled(ws, value, number_format=number_format) if number_format else value)
        ws.append(out)


def _styled(
    ws: Any, value: Any, *, bold: bool = False, number_format: str | None = None
) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if bold:
        cell.font = _BOLD
    if number_format:
        cell.number_format = number_format
    return cell


def _cell(value: Any, text: bool) -> Any:
    """A value as written: text made harmless (a formula start, characters XLSX cannot
    hold); in a text column, numbers as text too."""
    if text and value is not None:
        value = str(value)
    if isinstance(value, str):
        return spreadsheet_safe(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _number_format(value: Any, text: bool) -> str | None:
    if text:
        return TEXT_FORMAT
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    if isinstance(value, date):
        return DATE_FORMAT
    if isinstance(value, time):
        return TIME_FORMAT
    return None


def _width(value: Any) -> int:
    """Characters a value takes as shown (a long text's longest line)."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, date):
        return len(DATE_FORMAT)
    if isinstance(value, time):
        return len(TIME_FORMAT)
    return max((len(line) for line in str(value).split("\n")), default=0)


def _local(ts: float | None, tz: ZoneInfo) -> datetime | None:
    """A stored instant as the event's wall-clock time, naive (what Excel holds)."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, tz).replace(tzinfo=None)


def _yes(lang: str) -> Callable[[bool | None], str | None]:
    def word(value: bool | None) -> str | None:
        if value is None:
            return None
        return t(lang, "export.yes" if value else "export.no")

    return word


def _heads(lang: str, *keys: str) -> list[str]:
    return [t(lang, f"export.col.{k}") for k in keys]


def _participants(data: ExportData, lang: str, tz: ZoneInfo) -> _Sheet:
    yes = _yes(lang)
    sheet = _Sheet(
        t(lang, "export.sheet.participants"),
        _heads(
            lang,
            "nip",
            "name",
            "position",
            "unit",
            "group",
            "phone",
            "on_roster",
            "registered",
            "registered_at",
            "language",
            "reminders",
            "active",
        ),
        text_columns={0, 5},
    )
    for p in data.people:
        registered = p.user_id is not None
        sheet.rows.append(
            [
                p.nip,
                p.name,
                p.position,
                p.unit,
                p.group,
                p.phone,
                yes(p.on_roster),
                yes(registered),
                _local(p.registered_at, tz),
                _language(lang, p.language) if registered else None,
                yes(p.reminders),
                yes(p.active),
            ]
        )
    return sheet


def _language(lang: str, code: str | None) -> str | None:
    if code in ("id", "en"):
        return t(lang, f"export.language.{code}")
    return code


def _agenda(data: ExportData, lang: str) -> _Sheet:
    yes = _yes(lang)
    sheet = _Sheet(
        t(lang, "export.sheet.agenda"),
        _heads(
            lang,
            "session_id",
            "date",
            "start",
            "end",
            "title",
            "kind",
            "location",
            "speaker",
            "audience",
            "checkin",
        ),
    )
    for s in sorted(data.agenda.sessions, key=lambda s: (s.date, s.start, s.id)):
        sheet.rows.append(
            [
                s.id,
                s.date,
                s.start,
                s.end,
                s.in_lang(lang, "title"),
                s.kind,
                s.in_lang(lang, "location"),
                s.speaker,
                ", ".join(s.audience),
                yes(s.takes_attendance),
            ]
        )
    return sheet


def _attendance(data: ExportData, lang: str, tz: ZoneInfo, by_user: dict[int, PersonRow]) -> _Sheet:
    """One row per participant per session that takes attendance (those it is for, and
    anyone who checked in to it), present or not; then check-ins to sessions no longer in
    the agenda."""
    yes = _yes(lang)
    sheet = _Sheet(
        t(lang, "export.sheet.attendance"),
        _heads(
            lang,
            "date",
            "start",
            "session_id",
            "title",
            "nip",
            "name",
            "group",
            "present",
            "checked_at",
            "method",
        ),
        text_columns={4},
    )
    found = {(c.session_id, c.user_id): c for c in data.check_ins}
    registered = sorted(
        (p for p in data.people if p.user_id is not None), key=lambda p: (p.name, p.nip)
    )
    known = set()
    for s in sorted(data.agenda.sessions, key=lambda s: (s.date, s.start, s.id)):
        known.add(s.id)
        if not s.takes_attendance and not any(k[0] == s.id for k in found):
            continue
        for p in registered:
            c = found.get((s.id, p.user_id or 0))
            if c is None and not (s.takes_attendance and s.is_for(p.position, p.group)):
                continue
            sheet.rows.append(
                [
                    s.date,
                    s.start,
                    s.id,
                    s.in_lang(lang, "title"),
                    p.nip,
                    p.name,
                    p.group,
                    yes(c is not None),
                    _local(c.checked_at, tz) if c else None,
                    c.method if c else None,
                ]
            )
    for c in data.check_ins:
        if c.session_id in known:
            continue
        who = by_user.get(c.user_id)
        sheet.rows.append(
            [
                None,
                None,
                c.session_id,
                None,
                who.nip if who else None,
                who.name if who else None,
                who.group if who else None,
                yes(True),
                _local(c.checked_at, tz),
                c.method,
            ]
        )
    return sheet


def _reflections(data: ExportData, lang: str, by_user: dict[int, PersonRow]) -> _Sheet:
    """One row per participant per day, one column per question (the agenda's, then any
    other question an answer was stored for), each cell exactly the stored answer; a rating
    as a number."""
    asked = list(questions_of(data.agenda))
    ids = [q.id for q in asked]
    extra = sorted({qid for *_, values in data.reflections for qid in values} - set(ids))
    titles = {q.id: q.text.get(lang) or q.text.get("id") or q.id for q in asked}
    default = {q.id: q for q in DEFAULT_QUESTIONS}
    ratings = {q.id for q in asked if q.type == "rating"}
    ratings |= {qid for qid in extra if qid in default and default[qid].type == "rating"}
    yes = _yes(lang)
    sheet = _Sheet(
        t(lang, "export.sheet.reflections"),
        [
            *_heads(lang, "nip", "name", "position", "group", "day_number", "date", "finished"),
            *(titles.get(qid, qid) for qid in ids + extra),
        ],
        text_columns={0},
    )
    days = data.agenda.days()
    rows = []
    for user_id, day, finished, values in data.reflections:
        p = by_user.get(user_id)
        d = date.fromisoformat(day)
        answers = [_answer(values.get(qid), qid in ratings) for qid in ids + extra]
        rows.append(
            [
                p.nip if p else None,
                p.name if p else str(user_id),
                p.position if p else None,
                p.group if p else None,
                days.index(d) + 1 if d in days else None,
                d,
                yes(finished),
                *answers,
            ]
        )
    sheet.rows = sorted(rows, key=lambda r: (r[5], str(r[1]), str(r[0])))
    return sheet


def _answer(value: str | None, rating: bool) -> str | int | None:
    """A stored answer as a cell: a rating 1..5 as a number, anything else as stored."""
    if value is not None and rating and value.isdigit() and 1 <= int(value) <= RATINGS:
        return int(value)
    return value


def _announcements(data: ExportData, lang: str, tz: ZoneInfo) -> _Sheet:
    sheet = _Sheet(
        t(lang, "export.sheet.announcements"),
        _heads(
            lang,
            "number",
            "created_at",
            "kind",
            "body",
            "file",
            "audience",
            "status",
            "send_at",
            "started_at",
            "finished_at",
            "recipients",
            "sent",
            "failed",
            "blocked",
            "stopped",
            "waiting",
        ),
    )
    titles = {s.id: s.in_lang(lang, "title") for s in data.agenda.sessions}
    for a, f in data.announcements:
        audience = plain_text(audience_text(lang, Audience.from_dict(a.audience), titles))
        sheet.rows.append(
            [
                a.id,
                _local(a.created_at, tz),
                t(lang, f"export.media.{a.kind}"),
                plain_text(a.body),
                a.filename,
                audience,
                t(lang, f"export.bc_status.{a.status}"),
                _local(a.send_at, tz),
                _local(a.started_at, tz),
                _local(a.finished_at, tz),
                f.total,
                f.sent,
                f.failed,
                f.blocked,
                f.stopped,
                f.remaining,
            ]
        )
    return sheet


def _questions(data: ExportData, lang: str, tz: ZoneInfo) -> _Sheet:
    sheet = _Sheet(
        t(lang, "export.sheet.questions"),
        _heads(
            lang,
            "number",
            "asked_at",
            "nip",
            "name",
            "unit",
            "group",
            "question",
            "status",
            "answer",
            "answered_by",
            "answered_at",
        ),
        text_columns={2},
    )
    for q in data.questions:
        sheet.rows.append(
            [
                q.id,
                _local(q.asked_at, tz),
                q.nip or None,
                q.name,
                q.unit,
                q.group,
                q.text,
                t(lang, f"export.q_status.{q.status}"),
                q.answer,
                q.answerer_name,
                _local(q.answered_at, tz),
            ]
        )
    return sheet


_PURPOSES = frozenset(
    {
        "briefing",
        "reminder",
        "prompt",
        "nudge",
        "journal",
        "broadcast",
        "question",
        "answer",
        "answered",
        "change",
        "alert",
        "error",
    }
)


def _deliveries(data: ExportData, lang: str, tz: ZoneInfo) -> _Sheet:
    sheet = _Sheet(
        t(lang, "export.sheet.deliveries"),
        _heads(
            lang,
            "purpose",
            "about",
            "item",
            "first_queued",
            "last_sent",
            "recipients",
            "sent",
            "blocked",
            "failed",
            "expired",
            "stopped",
            "waiting",
            "uncertain",
        ),
    )
    titles = {s.id: s.in_lang(lang, "title") for s in data.agenda.sessions}
    for d in data.deliveries:
        purpose = t(lang, f"export.purpose.{d.purpose}") if d.purpose in _PURPOSES else d.purpose
        sheet.rows.append(
            [
                purpose,
                _about(d.item, titles, lang),
                d.item,
                _local(d.first_created, tz),
                _local(d.last_sent, tz),
                d.total,
                d.sent,
                d.blocked,
                d.failed,
                d.expired,
                d.stopped,
                d.waiting,
                d.uncertain,
            ]
        )
    return sheet


def _about(item: str, titles: dict[str, str], lang: str) -> str | None:
    """What a message was about, for people: its session's title ("reminder:d1-x@...",
    "d1-x"), its day ("briefing:2025-05-15"), or its number (an announcement, a question)."""
    rest = item.split(":", 1)[1] if ":" in item else item
    session = rest.split("@", 1)[0]
    if session in titles:
        return titles[session]
    if item in titles:
        return titles[item]
    if item.isdigit():
        return f"#{item}"
    try:
        return fmt_date(date.fromisoformat(rest), lang)
    except ValueError:
        return None


def sheet_names(lang: str) -> Sequence[str]:
    """The sheets' names in `lang`, in order."""
    return [
        t(lang, f"export.sheet.{k}")
        for k in (
            "participants",
            "agenda",
            "attendance",
            "reflections",
            "announcements",
            "questions",
            "deliveries",
        )
    ]
