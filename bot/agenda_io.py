"""Agenda files (YAML, CSV, XLSX, SPEC §6): reading and validating them into an Agenda.

Limits (see bot/problems.py for the reasons): 2,000 sessions over 60 days, dates within
5 years of today, texts of 200 (title, location, speaker, event name and venue, the English
title and location) or 1,000 (descriptions in either language, question text) characters,
YAML nested 20 deep and 250,000 values at most.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeVar, cast
from zoneinfo import ZoneInfo

import yaml

from bot.models import (
    KINDS,
    Agenda,
    Event,
    Problem,
    ReflectionQuestion,
    ScheduleConfig,
    Session,
)
from bot.problems import (
    MAX_FILE_BYTES,
    Cell,
    Sheet,
    cell_text,
    check_text,
    file_extension,
    header_columns,
    read_sheet,
    render_problems,
    table_of,
)

__all__ = [
    "AGENDA_COLUMNS",
    "AGENDA_REQUIRED",
    "BERAKHLAK_VALUES",
    "DEFAULT_EVENT",
    "DEFAULT_QUESTIONS",
    "MAX_SESSIONS",
    "agenda_columns",
    "load_agenda",
    "load_agenda_file",
    "load_agenda_sheet",
    "render_problems",
    "sample_agenda",
]

_T = TypeVar("_T")
Numbers = Literal["yaml", "csv", "xlsx"]  # where a value came from: decides how numbers read

BERAKHLAK_VALUES: tuple[str, ...] = (
    "Berorientasi Pelayanan",
    "Akuntabel",
    "Kompeten",
    "Harmonis",
    "Loyal",
    "Adaptif",
    "Kolaboratif",
)

DEFAULT_QUESTIONS: tuple[ReflectionQuestion, ...] = (
    ReflectionQuestion(
        "rating",
        "rating",
        {
            "id": "Secara keseluruhan, bagaimana Bapak/Ibu menilai hari ini? "
            "(1 = kurang, 5 = sangat baik)",
            "en": "Overall, how would you rate today? (1 = poor, 5 = excellent)",
        },
    ),
    ReflectionQuestion(
        "lesson",
        "text",
        {
            "id": "Apa pelajaran terpenting yang Bapak/Ibu peroleh hari ini?",
            "en": "What is the most important lesson you learned today?",
        },
    ),
    ReflectionQuestion(
        "action",
        "text",
        {
            "id": "Langkah nyata apa yang akan Bapak/Ibu lakukan di unit kerja setelah ini? "
            "Sebutkan apa, kapan, dan bersama siapa.",
            "en": "What concrete step will you take in your own unit after this? "
            "Say what, when and with whom.",
        },
    ),
    ReflectionQuestion(
        "value",
        "choice",
        {
            "id": "Nilai BerAKHLAK mana yang paling Bapak/Ibu rasakan hari ini?",
            "en": "Which BerAKHLAK value did you feel most today?",
        },
        BERAKHLAK_VALUES,
    ),
)

DEFAULT_EVENT = Event(name="Retret", venue="", timezone="Asia/Jakarta")

AGENDA_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "start",
    "end",
    "title",
    "kind",
    "location",
    "speaker",
    "description",
    "audience",
    "remind",
    "checkin",
    "title_en",
    "location_en",
    "description_en",
)
_REQUIRED = ("id", "date", "start", "end", "title")
AGENDA_REQUIRED = _REQUIRED
_OPTIONAL = tuple(c for c in AGENDA_COLUMNS if c not in _REQUIRED)
_HEADER_ALIASES = {  # Indonesian headers a committee is likely to write
    "kode": "id",
    "tanggal": "date",
    "mulai": "start",
    "jam mulai": "start",
    "selesai": "end",
    "jam selesai": "end",
    "judul": "title",
    "acara": "title",
    "jenis": "kind",
    "lokasi": "location",
    "tempat": "location",
    "pembicara": "speaker",
    "narasumber": "speaker",
    "keterangan": "description",
    "deskripsi": "description",
    "peserta": "audience",
    "sasaran": "audience",
    "pengingat": "remind",
    "presensi": "checkin",
    "absensi": "checkin",
    "judul en": "title_en",
    "judul (en)": "title_en",
    "judul inggris": "title_en",
    "lokasi en": "location_en",
    "lokasi (en)": "location_en",
    "lokasi inggris": "location_en",
    "keterangan en": "description_en",
    "keterangan (en)": "description_en",
    "keterangan inggris": "description_en",
    "deskripsi en": "description_en",
}

_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,40}")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")
_MAX_MINUTES = 1440
_ALL = ("all", "semua")
_TRUE = frozenset({"true", "yes", "ya", "y", "1", "x", "v", "✓", "benar"})
_FALSE = frozenset({"", "false", "no", "tidak", "t", "n", "0", "-", "salah"})
_QUESTION_TYPES = ("rating", "text", "choice")
_EXCEL_EPOCH = date(1899, 12, 30)

MAX_SESSIONS = 2000
_MAX_DAYS = 60  # calendar days from the first session's date to the last one's
_MAX_YEARS_AWAY = 5  # a session dated further from today is a typo (1900, 2099)
_SHORT_TEXT = 200  # titles, locations, speakers, audience entries, options, event name/venue
_LONG_TEXT = 1000  # descriptions and reflection question texts
_TEXTS = {  # column -> (at most so many characters, may hold line breaks)
    "location": (_SHORT_TEXT, False),
    "speaker": (_SHORT_TEXT, False),
    "description": (_LONG_TEXT, True),
    "title_en": (_SHORT_TEXT, False),  # the English twins, shown to English readers
    "location_en": (_SHORT_TEXT, False),
    "description_en": (_LONG_TEXT, True),
}
_MAX_AUDIENCE = 50
_MAX_REMINDERS = 10
_MAX_QUESTIONS = 20
_MAX_OPTIONS = 20
_MAX_YAML_DEPTH = 20  # the agenda itself nests 5 deep (reflection.questions[1].text.id)
_MAX_YAML_NODES = 250_000  # 2,000 full sessions are about 60,000

_TOP_KEYS = ("event", "schedule", "sessions", "reflection")
_EVENT_KEYS = ("name", "venue", "timezone")
_SCHEDULE_TIMES = ("morning_briefing", "reflection_prompt", "reflection_nudge")
_SCHEDULE_MINUTES = ("reminder_minutes", "assembly_reminder_minutes")
_QUESTION_KEYS = ("id", "type", "text", "options")


try:  # libyaml parses about ten times faster than pure Python; same results
    from yaml import CSafeLoader as _SafeBase
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeBase  # type: ignore[assignment]


class _AgendaLoader(_SafeBase):
    """Safe YAML loader that keeps dates and clock times (08:00, 08.00) as text."""


_TIME_LIKE = re.compile(r"^\d{1,2}[:.]\d{2}$")
_AgendaLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _digit in "0123456789":
    _AgendaLoader.yaml_implicit_resolvers.setdefault(_digit, []).insert(
        0, ("tag:yaml.org,2002:str", _TIME_LIKE)
    )


class _Invalid(Exception):
    """A value cannot be used; carries the problem code and its values."""

    def __init__(self, code: str, **params: Any) -> None:
        """Keep the code and values."""
        super().__init__(code)
        self.code = code
        self.params = params


def _fail(code: str, **params: Any) -> NoReturn:
    """Raise _Invalid."""
    raise _Invalid(code, **params)


def _shown(value: object, numbers: Numbers = "csv") -> str:
    """A value as the organiser wrote it, shortened for a message."""
    if numbers == "yaml" and isinstance(value, int) and not isinstance(value, bool):
        text = f"{value // 60}:{value % 60:02d}" if value >= 0 else str(value)
    elif isinstance(value, str | int | float | bool | datetime | date | time | timedelta):
        text = cell_text(value)
    else:
        text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _is_blank(value: object) -> bool:
    """Whether a value is missing or empty text."""
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object, limit: int = _SHORT_TEXT, multiline: bool = False) -> str:
    """A text field: strings stripped, numbers as written; anything else, a text longer
    than `limit`, one with control characters or (unless `multiline`) line breaks is
    refused."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, bool | list | dict):
        _fail("bad_text", value=_shown(value))
    elif isinstance(value, int | float | datetime | date | time | timedelta):
        text = cell_text(value)
    else:
        _fail("bad_text", value=_shown(value))
    problem = check_text(text, limit, multiline=multiline)
    if problem is not None:
        _fail(problem.code, **problem.params)
    return text


def _parse_id(value: object) -> str:
    """A session or question id."""
    text = _text(value, _LONG_TEXT)
    if not _ID_RE.fullmatch(text):
        _fail("bad_id", value=_shown(text))
    return text


def _parse_date(value: object, numbers: Numbers) -> date:
    """A date: a date object, an Excel day number, or text YYYY-MM-DD."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    excel_day = isinstance(value, int | float) and not isinstance(value, bool)
    if numbers == "xlsx" and excel_day and 1 <= cast(float, value) < 2958466:
        return _EXCEL_EPOCH + timedelta(days=int(cast(float, value)))
    if isinstance(value, str) and _DATE_RE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    _fail("bad_date", value=_shown(value, numbers))


def _clock(hours: int, minutes: int) -> time | None:
    """A time of day from hours and minutes, None when out of range."""
    if 0 <= hours <= 23 and 0 <= minutes <= 59:
        return time(hours, minutes)
    return None


def _parse_time(value: object, numbers: Numbers) -> time:
    """A time of day from text HH:MM / HH.MM, a time object, or a number."""
    result: time | None = None
    if isinstance(value, datetime):
        result = value.time().replace(second=0, microsecond=0)
    elif isinstance(value, time):
        result = value.replace(second=0, microsecond=0, tzinfo=None)
    elif isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        if 0 <= seconds < 86400:
            result = time(seconds // 3600, seconds % 3600 // 60)
    elif isinstance(value, bool):
        result = None
    elif isinstance(value, int):
        if numbers == "yaml":  # YAML 1.1 reads 8:00 unquoted as 480 (sexagesimal, never < 60)
            result = _clock(value // 60, value % 60) if 60 <= value < _MAX_MINUTES else None
        else:  # a spreadsheet turned 08.00 into the number 8
            result = _clock(value, 0)
    elif isinstance(value, float):
        if numbers == "xlsx" and 0 <= value < 1:  # Excel's fraction of a day
            minutes = round(value * _MAX_MINUTES)
            result = _clock(minutes // 60, minutes % 60) if minutes < _MAX_MINUTES else None
        elif value >= 0:  # 8.3 was typed as 08.30
            hours = int(value)
            result = _clock(hours, round((value - hours) * 100))
    elif isinstance(value, str):
        match = _TIME_RE.fullmatch(value.strip())
        if match and match.group(3) in (None, "00"):
            result = _clock(int(match.group(1)), int(match.group(2)))
    if result is None:
        _fail("bad_time", value=_shown(value, numbers))
    return result


def _parse_kind(value: object) -> str:
    """A session kind; empty means an ordinary session."""
    text = _text(value).casefold()
    if not text:
        return "session"
    if text not in KINDS:
        _fail("bad_kind", value=_shown(value), allowed=", ".join(KINDS))
    return text


def _minutes(item: object) -> int | None:
    """A whole number of minutes 0..1440, None when it is not one."""
    number: int | None = None
    if isinstance(item, bool):
        return None
    if isinstance(item, int):
        number = item
    elif isinstance(item, float) and item.is_integer():
        number = int(item)
    elif isinstance(item, str) and item.strip().isdigit():
        number = int(item.strip())
    if number is None or not 0 <= number <= _MAX_MINUTES:
        return None
    return number


def _parse_remind(value: object) -> tuple[int, ...] | None:
    """Reminder lead times in minutes: a list, `30;5`, `-` for none; empty means the default."""
    if _is_blank(value):
        return None
    items: list[object]
    if isinstance(value, list):
        items = list(value)
    elif isinstance(value, str):
        text = value.strip()
        items = [] if text in ("-", "[]") else [p for p in re.split(r"[;,\s]+", text) if p]
    else:
        items = [value]
    if len(items) > _MAX_REMINDERS:
        _fail("too_many_items", count=len(items), limit=_MAX_REMINDERS)
    minutes = [_minutes(item) for item in items]
    if any(m is None for m in minutes):
        _fail("bad_remind", value=_shown(value))
    return tuple(sorted({m for m in minutes if m is not None}, reverse=True))


def _parse_audience(value: object) -> tuple[str, ...]:
    """The audience: all, or positions and groups (a list, or text separated by `;`)."""
    if _is_blank(value):
        return ("all",)
    entries: list[str] = []
    if isinstance(value, str):
        entries = [p.strip() for p in re.split(r"[;,]", value) if p.strip()]
    elif isinstance(value, list):
        for item in value:
            if not isinstance(item, str) or not item.strip():
                _fail("bad_audience", value=_shown("" if item is None else item))
            entries.append(item.strip())
    else:
        _fail("bad_audience", value=_shown(value))
    if len(entries) > _MAX_AUDIENCE:
        _fail("too_many_items", count=len(entries), limit=_MAX_AUDIENCE)
    for entry in entries:
        _text(entry)
    if not entries or any(e.casefold() in _ALL for e in entries):
        return ("all",)
    return tuple(dict.fromkeys(entries))


def _parse_bool(value: object) -> bool:
    """A yes/no flag (true/false, ya/tidak, 1/0, x)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    _fail("bad_bool", value=_shown(value))


class _Check:
    """Collects problems while values are parsed."""

    def __init__(self) -> None:
        """Start with no problems."""
        self.problems: list[Problem] = []

    def add(self, code: str, row: int | None, column: str | None, **params: Any) -> None:
        """Record one problem."""
        self.problems.append(Problem(code, row, column, params))

    def value(
        self, row: int | None, column: str | None, parse: Callable[..., _T], *args: object
    ) -> tuple[bool, _T | None]:
        """Run a parser on `args`; on failure record the problem and return (False, None)."""
        try:
            return True, parse(*args)
        except _Invalid as exc:
            self.add(exc.code, row, column, **exc.params)
            return False, None


def _near(day: date, today: date) -> bool:
    """Whether a date is within _MAX_YEARS_AWAY years of today."""

    def years_from(start: date, years: int) -> date:
        try:
            return start.replace(year=start.year + years)
        except ValueError:  # 29 February
            return start.replace(year=start.year + years, day=28)

    return years_from(today, -_MAX_YEARS_AWAY) <= day <= years_from(today, _MAX_YEARS_AWAY)


def _session(
    fields: Mapping[str, object],
    row: int,
    numbers: Numbers,
    seen: dict[str, int],
    check: _Check,
    today: date | None,
) -> Session | None:
    """One session from its fields, or None after recording what is wrong with it."""
    before = len(check.problems)
    for name in _REQUIRED:
        if _is_blank(fields.get(name)):
            check.add("required", row, name)
    get = fields.get

    def parsed(column: str, parse: Callable[..., Any], *extra: object) -> Any:
        """The parsed value of a field, None when it is missing or wrong."""
        if column in _REQUIRED and _is_blank(get(column)):
            return None
        return check.value(row, column, parse, get(column), *extra)[1]

    session_id = parsed("id", _parse_id)
    if isinstance(session_id, str):
        first = seen.setdefault(session_id.casefold(), row)
        if first != row:
            check.add("duplicate_id", row, "id", id=session_id, first_row=first)
    day = parsed("date", _parse_date, numbers)
    if isinstance(day, date) and today is not None and not _near(day, today):
        check.add(
            "date_out_of_range",
            row,
            "date",
            value=day.isoformat(),
            today=today.isoformat(),
            years=_MAX_YEARS_AWAY,
        )
    start = parsed("start", _parse_time, numbers)
    end = parsed("end", _parse_time, numbers)
    if isinstance(start, time) and isinstance(end, time) and end <= start:
        check.add("end_before_start", row, "end", start=start, end=end)
    title = parsed("title", _text)
    kind = parsed("kind", _parse_kind)
    texts = {c: parsed(c, _text, *_TEXTS[c]) for c in _TEXTS}
    audience = parsed("audience", _parse_audience)
    remind = parsed("remind", _parse_remind)
    checkin = parsed("checkin", _parse_bool)
    if len(check.problems) > before:
        return None
    return Session(
        id=session_id,
        date=day,
        start=start,
        end=end,
        title=title,
        kind=kind,
        location=texts["location"],
        speaker=texts["speaker"],
        description=texts["description"],
        audience=audience,
        remind=remind,
        checkin=checkin,
        title_en=texts["title_en"],
        location_en=texts["location_en"],
        description_en=texts["description_en"],
    )


def _sorted(sessions: Sequence[Session]) -> tuple[Session, ...]:
    """Sessions in agenda order: date, start, id."""
    return tuple(sorted(sessions, key=lambda s: (s.date, s.start, s.id)))


def _valid_timezone(name: str) -> bool:
    """Whether a time zone name is known."""
    try:
        ZoneInfo(name)
    except Exception:  # not found, a bad key, or a path: all unknown to us
        return False
    return True


def _unknown_keys(
    check: _Check,
    mapping: Mapping[Any, Any],
    allowed: Sequence[str],
    row: int | None,
    prefix: str,
) -> None:
    """Record every key of `mapping` that is not in `allowed`."""
    for key in mapping:
        if key not in allowed:
            check.add(
                "unknown_field",
                row,
                f"{prefix}{key}",
                field=_shown(key),
                allowed=", ".join(allowed),
            )


def _yaml_event(raw: object, fallback: Event | None, check: _Check) -> Event | None:
    """The event section of a YAML agenda."""
    if raw is None:
        if fallback is not None:
            return fallback
        check.add("required", None, "event.name")
        return None
    if not isinstance(raw, dict):
        check.add("not_a_mapping", None, "event")
        return None
    before = len(check.problems)
    _unknown_keys(check, raw, _EVENT_KEYS, None, "event.")
    if _is_blank(raw.get("name")):
        check.add("required", None, "event.name")
    name = check.value(None, "event.name", _text, raw.get("name"))[1]
    venue = check.value(None, "event.venue", _text, raw.get("venue"))[1]
    zone = check.value(None, "event.timezone", _text, raw.get("timezone"))[1]
    zone = zone or "Asia/Jakarta"
    if not _valid_timezone(zone):
        check.add("bad_timezone", None, "event.timezone", value=_shown(zone))
    if len(check.problems) > before or name is None or venue is None:
        return None
    return Event(name=name, venue=venue, timezone=zone)


def _yaml_schedule(
    raw: object, fallback: ScheduleConfig | None, check: _Check
) -> ScheduleConfig | None:
    """The schedule section of a YAML agenda; missing keys keep their defaults."""
    if raw is None:
        return fallback or ScheduleConfig()
    if not isinstance(raw, dict):
        check.add("not_a_mapping", None, "schedule")
        return None
    before = len(check.problems)
    _unknown_keys(check, raw, (*_SCHEDULE_TIMES, *_SCHEDULE_MINUTES), None, "schedule.")
    values: dict[str, Any] = {}
    for key in _SCHEDULE_TIMES:
        if key not in raw:
            continue
        value = raw[key]
        if value is None or value is False or (isinstance(value, str) and not value.strip()):
            values[key] = None  # switched off
        else:
            values[key] = check.value(None, f"schedule.{key}", _parse_time, value, "yaml")[1]
    for key in _SCHEDULE_MINUTES:
        if key not in raw:
            continue
        minutes = _minutes(raw[key]) if not isinstance(raw[key], str) else None
        if minutes is None:
            check.add("bad_minutes", None, f"schedule.{key}", value=_shown(raw[key]))
        values[key] = minutes
    if len(check.problems) > before:
        return None
    return ScheduleConfig(**values)


def _question_text(raw: object, prefix: str, check: _Check) -> dict[str, str] | None:
    """A question's text: one string for both languages, or {id: ..., en: ...}."""
    if isinstance(raw, str) and raw.strip():
        ok, text = check.value(None, f"{prefix}.text.id", _text, raw, _LONG_TEXT, True)
        return {"id": text, "en": text} if ok and text else None
    if not isinstance(raw, dict):
        check.add("required", None, f"{prefix}.text")
        return None
    _unknown_keys(check, raw, ("id", "en"), None, f"{prefix}.text.")
    texts: dict[str, str] = {}
    for lang in ("id", "en"):
        ok, value = check.value(
            None, f"{prefix}.text.{lang}", _text, raw.get(lang), _LONG_TEXT, True
        )
        if ok and value:
            texts[lang] = value
    if "id" not in texts:
        check.add("required", None, f"{prefix}.text.id")
        return None
    texts.setdefault("en", texts["id"])
    return texts


def _yaml_questions(
    raw: object, fallback: tuple[ReflectionQuestion, ...] | None, check: _Check
) -> tuple[ReflectionQuestion, ...] | None:
    """The reflection questions of a YAML agenda, or the defaults when it gives none."""
    default = fallback or DEFAULT_QUESTIONS
    if raw is None:
        return default
    if not isinstance(raw, dict):
        check.add("not_a_mapping", None, "reflection")
        return None
    _unknown_keys(check, raw, ("questions",), None, "reflection.")
    items = raw.get("questions")
    if items is None or items == []:
        return default
    if not isinstance(items, list):
        check.add("not_a_list", None, "reflection.questions")
        return None
    if len(items) > _MAX_QUESTIONS:
        check.add(
            "too_many_items",
            None,
            "reflection.questions",
            count=len(items),
            limit=_MAX_QUESTIONS,
        )
        return None
    before = len(check.problems)
    questions: list[ReflectionQuestion] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        prefix = f"reflection.questions[{index}]"
        if not isinstance(item, dict):
            check.add("not_a_mapping", None, prefix)
            continue
        _unknown_keys(check, item, _QUESTION_KEYS, None, f"{prefix}.")
        if _is_blank(item.get("id")):
            check.add("required", None, f"{prefix}.id")
            qid = None
        else:
            qid = check.value(None, f"{prefix}.id", _parse_id, item.get("id"))[1]
        if qid is not None:
            if qid in seen:
                check.add("duplicate_question_id", None, f"{prefix}.id", id=qid)
            seen.add(qid)
        qtype = item.get("type")
        if _is_blank(qtype):
            check.add("required", None, f"{prefix}.type")
        elif qtype not in _QUESTION_TYPES:
            check.add(
                "bad_question",
                None,
                f"{prefix}.type",
                value=_shown(qtype),
                allowed=", ".join(_QUESTION_TYPES),
            )
        text = _question_text(item.get("text"), prefix, check)
        options: tuple[str, ...] = ()
        if qtype == "choice":
            raw_options = item.get("options")
            if (
                not isinstance(raw_options, list)
                or not raw_options
                or any(_is_blank(o) or isinstance(o, list | dict) for o in raw_options)
            ):
                check.add("question_no_options", None, f"{prefix}.options")
            elif len(raw_options) > _MAX_OPTIONS:
                check.add(
                    "too_many_items",
                    None,
                    f"{prefix}.options",
                    count=len(raw_options),
                    limit=_MAX_OPTIONS,
                )
            else:
                parsed = [  # yes/no and numbers are options too, as written
                    check.value(None, f"{prefix}.options[{n}]", _text, cell_text(o))
                    for n, o in enumerate(raw_options, start=1)
                ]
                options = tuple(str(text) for ok, text in parsed if ok)
                seen_options: set[str] = set()
                for n, option in enumerate(options, start=1):
                    # two buttons with one label, and a typed answer that means either
                    if option.casefold() in seen_options:
                        check.add("duplicate_option", None, f"{prefix}.options[{n}]")
                    seen_options.add(option.casefold())
        elif item.get("options") not in (None, []) and qtype in _QUESTION_TYPES:
            check.add("question_options_unused", None, f"{prefix}.options")
        if qid is not None and text is not None and qtype in _QUESTION_TYPES:
            kind = cast(Literal["rating", "text", "choice"], qtype)
            questions.append(ReflectionQuestion(qid, kind, text, options))
    if len(check.problems) > before:
        return None
    return tuple(questions)


def _yaml_syntax(exc: yaml.YAMLError) -> Problem:
    """A YAML parse error as a problem with its line."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return Problem("yaml_syntax", params={"line": line, "detail": str(detail)})


def _line(event: yaml.Event) -> int:
    """The line (from 1) where a YAML parse event starts."""
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def _yaml_shape(data: bytes) -> Problem | None:
    """What makes a YAML document too big to load, from its parse events alone: nesting
    deeper than _MAX_YAML_DEPTH, more than _MAX_YAML_NODES values once every alias is
    written out (a "billion laughs"), or an alias inside its own anchor."""
    depth = nodes = 0
    sizes: dict[str, int] = {}  # anchor -> values in its node, aliases written out
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, nodes before it) per collection
    for event in yaml.parse(data, Loader=_AgendaLoader):
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in open_nodes):
                return Problem("yaml_alias_loop", params={"line": _line(event)})
            nodes += sizes.get(event.anchor or "", 1)  # an unknown anchor: the loader's to report
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_YAML_DEPTH:
                params = {"limit": _MAX_YAML_DEPTH, "line": _line(event)}
                return Problem("yaml_too_deep", params=params)
            open_nodes.append((event.anchor, nodes))
            nodes += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            anchor, before = open_nodes.pop()
            if anchor is not None:
                sizes[anchor] = nodes - before
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        if nodes > _MAX_YAML_NODES:
            return Problem("yaml_too_big", params={"limit": _MAX_YAML_NODES})
    return None


def _span(check: _Check, sessions: Sequence[Session]) -> None:
    """Record an agenda spread over more than _MAX_DAYS calendar days."""
    if not sessions:
        return
    first = min(s.date for s in sessions)
    last = max(s.date for s in sessions)
    days = (last - first).days + 1
    if days > _MAX_DAYS:
        check.add(
            "agenda_too_long",
            None,
            "date",
            days=days,
            first=first.isoformat(),
            last=last.isoformat(),
            limit=_MAX_DAYS,
        )


def _too_many_sessions() -> list[Problem]:
    """The one problem of an agenda with more than MAX_SESSIONS sessions."""
    return [Problem("too_many_sessions", params={"limit": MAX_SESSIONS})]


def _load_yaml(
    data: bytes,
    event: Event | None,
    schedule: ScheduleConfig | None,
    questions: tuple[ReflectionQuestion, ...] | None,
    today: date | None,
) -> tuple[Agenda | None, list[Problem]]:
    """A YAML agenda as in SPEC §6."""
    try:
        too_big = _yaml_shape(data)
        if too_big is not None:
            return None, [too_big]
        document = yaml.load(data, Loader=_AgendaLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        return None, [_yaml_syntax(exc)]
    if document is None:
        return None, [Problem("empty_file")]
    if not isinstance(document, dict):
        return None, [Problem("not_a_mapping")]

    check = _Check()
    _unknown_keys(check, document, _TOP_KEYS, None, "")
    the_event = _yaml_event(document.get("event"), event, check)
    the_schedule = _yaml_schedule(document.get("schedule"), schedule, check)
    sessions: list[Session] = []
    raw_sessions = document.get("sessions")
    if raw_sessions is None or raw_sessions == []:
        check.add("no_sessions", None, "sessions")
    elif not isinstance(raw_sessions, list):
        check.add("not_a_list", None, "sessions")
    elif len(raw_sessions) > MAX_SESSIONS:
        return None, _too_many_sessions()
    else:
        seen: dict[str, int] = {}
        for row, item in enumerate(raw_sessions, start=1):
            if not isinstance(item, dict):
                check.add("not_a_mapping", row, None)
                continue
            _unknown_keys(check, item, AGENDA_COLUMNS, row, "")
            session = _session(item, row, "yaml", seen, check, today)
            if session is not None:
                sessions.append(session)
        if not check.problems:
            _span(check, sessions)
    the_questions = _yaml_questions(document.get("reflection"), questions, check)
    if check.problems or the_event is None or the_schedule is None or the_questions is None:
        return None, check.problems
    return Agenda(the_event, the_schedule, _sorted(sessions), the_questions), []


def agenda_columns(header: Sequence[Cell]) -> list[str]:
    """The agenda columns a spreadsheet header row names (aliases included)."""
    return header_columns(header, AGENDA_COLUMNS, _HEADER_ALIASES)


def load_agenda_sheet(
    sheet: Sheet,
    *,
    event: Event | None = None,
    schedule: ScheduleConfig | None = None,
    questions: tuple[ReflectionQuestion, ...] | None = None,
    today: date | None = None,
) -> tuple[Agenda | None, list[Problem]]:
    """A CSV or XLSX agenda already read: one row a session; event and schedule come from
    the caller (see load_agenda)."""
    if sheet.more or len(sheet.data) > MAX_SESSIONS:
        return None, _too_many_sessions()
    table, problems = table_of(
        sheet, required=_REQUIRED, optional=_OPTIONAL, aliases=_HEADER_ALIASES
    )
    if table is None:
        return None, problems
    check = _Check()
    seen: dict[str, int] = {}
    sessions: list[Session] = []
    for row, cells in table.rows:
        fields = {name: table.get(cells, name) for name in table.columns}
        session = _session(fields, row, table.kind, seen, check, today)
        if session is not None:
            sessions.append(session)
    if not table.rows:
        check.add("no_sessions", None, None)
    if not check.problems:
        _span(check, sessions)
    if check.problems:
        return None, check.problems
    agenda = Agenda(
        event or DEFAULT_EVENT,
        schedule or ScheduleConfig(),
        _sorted(sessions),
        questions or DEFAULT_QUESTIONS,
    )
    return agenda, []


def load_agenda(
    data: bytes,
    filename: str,
    *,
    event: Event | None = None,
    schedule: ScheduleConfig | None = None,
    questions: tuple[ReflectionQuestion, ...] | None = None,
    today: date | None = None,
) -> tuple[Agenda | None, list[Problem]]:
    """Read and validate an agenda file (by extension); (None, every problem) if it is bad.

    For CSV/XLSX (and YAML files without those sections) `event`, `schedule` and
    `questions` are used, else "Retret", the default schedule and DEFAULT_QUESTIONS.
    With `today` (the event clock's date) a session dated more than 5 years away is refused.
    """
    extension = file_extension(filename)
    if extension in (".yaml", ".yml", ".csv", ".xlsx") and len(data) > MAX_FILE_BYTES:
        return None, [Problem("file_too_big", params={"limit": MAX_FILE_BYTES // (1024 * 1024)})]
    if extension in (".yaml", ".yml"):
        return _load_yaml(data, event, schedule, questions, today)
    if extension in (".csv", ".xlsx"):
        sheet, problems = read_sheet(data, filename, max_rows=MAX_SESSIONS)
        if sheet is None:
            return None, problems
        return load_agenda_sheet(
            sheet, event=event, schedule=schedule, questions=questions, today=today
        )
    return None, [
        Problem("file_type", params={"filename": filename, "allowed": ".yaml, .yml, .csv, .xlsx"})
    ]


def load_agenda_file(
    path: Path,
    *,
    event: Event | None = None,
    schedule: ScheduleConfig | None = None,
    questions: tuple[ReflectionQuestion, ...] | None = None,
    today: date | None = None,
) -> tuple[Agenda | None, list[Problem]]:
    """Read and validate an agenda file from disk (see load_agenda)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        return None, [Problem("file_unreadable", params={"filename": str(path), "detail": detail})]
    return load_agenda(
        data, Path(path).name, event=event, schedule=schedule, questions=questions, today=today
    )


@cache
def sample_agenda() -> Agenda:
    """The built-in sample event (bot/data/sample_event.yaml); it is always clean."""
    data = (resources.files("bot") / "data" / "sample_event.yaml").read_bytes()
    agenda, problems = load_agenda(data, "sample_event.yaml")
    if agenda is None:
        lines = "; ".join(render_problems(problems, "en", source="yaml"))
        raise ValueError(f"the built-in sample event is broken: {lines}")
    return agenda
