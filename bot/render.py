"""Turning agenda facts into the texts participants read (HTML, escaped); no I/O."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from bot.agenda import checkin_window, day_index, sessions_on
from bot.models import Agenda, Session
from bot.salutation import starts_with_word
from bot.texts import t
from bot.timefmt import (
    fmt_date,
    fmt_date_short,
    fmt_minutes,
    fmt_time,
    fmt_time_range,
    zone_abbr,
)

__all__ = [
    "Keyboard",
    "agenda_day",
    "agenda_nav",
    "briefing",
    "checkin_keyboard",
    "details_text",
    "reminder",
    "session_block",
    "session_line",
]

# Inline keyboards as plain data: rows of (label, callback_data); handlers and the outbox
# turn them into Telegram markup.
Keyboard = list[list[tuple[str, str]]]


def session_line(lang: str, s: Session) -> str:
    """`08.00–09.30 Title`."""
    return t(
        lang,
        "agenda.line",
        time=fmt_time_range(s.start, s.end, lang),
        title=escape(s.in_lang(lang, "title")),
    )


def session_block(lang: str, s: Session, *, with_date: bool = False, details: bool = False) -> str:
    """A session with its place and speaker on the lines below; with `details`, also what
    to wear or bring (its description)."""
    lines = [session_line(lang, s)]
    if with_date:
        lines[0] = f"{escape(fmt_date_short(s.date, lang))} · {lines[0]}"
    location, description = s.in_lang(lang, "location"), s.in_lang(lang, "description")
    if location:
        lines.append("    " + t(lang, "agenda.location", location=escape(location)))
    if s.speaker:
        lines.append("    " + t(lang, "agenda.speaker", speaker=escape(s.speaker)))
    if details and description:
        lines.append("    " + t(lang, "agenda.description", description=escape(description)))
    return "\n".join(lines)


def agenda_day(
    lang: str, agenda: Agenda, sessions: Sequence[Session], day: date, *, guest: bool = False
) -> str:
    """One day's agenda for one participant."""
    days = agenda.days()
    head = t(
        lang,
        "agenda.header",
        date=escape(fmt_date(day, lang)),
        n=day_index(days, day),
        total=len(days),
        event=escape(agenda.event.name),
        zone=zone_abbr(agenda.event.tz),
    )
    todays = sessions_on(sessions, day)
    body = "\n".join(session_block(lang, s) for s in todays) or t(lang, "agenda.empty_day")
    text = f"{head}\n\n{body}"
    if guest:
        text += "\n\n" + t(lang, "agenda.guest_note")
    return text


def details_text(lang: str, sessions: Sequence[Session], day: date) -> str:
    """What to wear and bring on a day: its sessions that have a description, each with
    its time and title; a plain line when none has one."""
    described = [s for s in sessions_on(sessions, day) if s.in_lang(lang, "description")]
    when = escape(fmt_date(day, lang))
    if not described:
        return t(lang, "details.none", date=when)
    blocks = [
        session_line(lang, s)
        + "\n    "
        + t(lang, "agenda.description", description=escape(s.in_lang(lang, "description")))
        for s in described
    ]
    return t(lang, "details.header", date=when) + "\n\n" + "\n\n".join(blocks)


def agenda_nav(lang: str, days: Sequence[date], day: date) -> Keyboard:
    """◀ ▶ buttons to the neighbouring event days."""
    row: list[tuple[str, str]] = []
    i = days.index(day) if day in days else -1
    if i > 0:
        prev = days[i - 1]
        row.append((t(lang, "btn.prev_day", day=fmt_date_short(prev, lang)), f"day:{prev}"))
    if 0 <= i < len(days) - 1:
        nxt = days[i + 1]
        row.append((t(lang, "btn.next_day", day=fmt_date_short(nxt, lang)), f"day:{nxt}"))
    return [row] if row else []


def group_line(lang: str, group: str) -> str:
    """ "Kelompok: Garuda", or "Kelompok 1" alone when the name already says Kelompok (HTML)."""
    text = group or t(lang, "reg.no_group")
    if starts_with_word(text, t(lang, "group.word")):
        return escape(text)
    return t(lang, "group.line", group=escape(text))


def checkin_keyboard(lang: str, session: Session) -> Keyboard:
    """The Hadir button of an attendance-taking session."""
    return [[(t(lang, "btn.checkin"), f"hadir:{session.id}")]]


def briefing(
    lang: str, agenda: Agenda, sessions: Sequence[Session], day: date, name: str
) -> tuple[str, Keyboard]:
    """The morning briefing: greeting, the assembly, the day's own agenda; `name` as
    addressed ("Ibu Sri Wahyuni, M.Si.", see bot.salutation.addressed)."""
    tz = agenda.event.tz
    days = agenda.days()
    parts = [
        t(
            lang,
            "briefing.greeting",
            name=escape(name),
            date=escape(fmt_date(day, lang)),
            n=day_index(days, day),
            total=len(days),
        )
    ]
    todays = sessions_on(sessions, day)
    assembly = next((s for s in todays if s.kind == "assembly"), None)
    if assembly is not None:
        parts.append(
            t(
                lang,
                "briefing.assembly",
                title=escape(assembly.in_lang(lang, "title")),
                time=fmt_time(assembly.start, lang, tz),
                location=escape(assembly.in_lang(lang, "location") or "-"),
            )
        )
    body = "\n".join(session_line(lang, s) for s in todays) or t(lang, "agenda.empty_day")
    parts.append(f"{t(lang, 'briefing.agenda', zone=zone_abbr(tz))}\n{body}")
    parts.append(t(lang, "briefing.closing"))
    keyboard = checkin_keyboard(lang, assembly) if assembly is not None else []
    return "\n\n".join(parts), keyboard


# Stands in a queued message for "N minutes", filled in when the message is sent. A NUL
# cannot come from an agenda (imports refuse control characters), so it never collides.
MINUTES_MARK = "\x00minutes\x00"


def reminder(lang: str, session: Session, tz: ZoneInfo) -> tuple[str, Keyboard]:
    """The reminder before a session, with a Hadir button where attendance is taken; how
    long is left is filled in at send time (`at_send_time`)."""
    lines = [
        t(
            lang,
            "reminder.text",
            title=escape(session.in_lang(lang, "title")),
            minutes=MINUTES_MARK,
            time=fmt_time(session.start, lang, tz),
        )
    ]
    location = session.in_lang(lang, "location")
    description = session.in_lang(lang, "description")
    if location:
        lines.append(t(lang, "agenda.location", location=escape(location)))
    if session.speaker:
        lines.append(t(lang, "agenda.speaker", speaker=escape(session.speaker)))
    if description:  # what to wear, what to bring, where to gather
        lines.append(t(lang, "agenda.description", description=escape(description)))
    keyboard: Keyboard = []
    if session.takes_attendance:
        opens, closes = checkin_window(session, tz)
        lines.append(
            "\n"
            + t(
                lang,
                "reminder.checkin",
                open=fmt_time(opens, lang, None),
                close=fmt_time(closes, lang, tz),
            )
        )
        keyboard = checkin_keyboard(lang, session)
    return "\n".join(lines), keyboard


def minutes_until(now: datetime, s: Session, tz: ZoneInfo) -> int:
    """Whole minutes from now to the session's start, rounded up."""
    seconds = (s.start_at(tz) - now).total_seconds()
    return max(0, int(-(-seconds // 60)))


def at_send_time(payload: dict[str, Any], now: float) -> str:
    """A queued message's text as it should read now: a reminder says how long is really
    left (never more than its lead), however long it waited in the queue."""
    text = str(payload["text"])
    if MINUTES_MARK not in text:
        return text
    lead = int(payload.get("lead") or 0)
    left = max(1, math.ceil((float(payload["starts_at"]) - now) / 60))
    minutes = min(left, lead) if lead > 0 else 0
    return text.replace(MINUTES_MARK, fmt_minutes(minutes, str(payload.get("lang") or "id")))
