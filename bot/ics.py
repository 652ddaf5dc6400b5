"""The agenda as an RFC 5545 iCalendar file for phones' calendars."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import icalendar

from bot.models import Event, Session

__all__ = ["agenda_ics", "session_description"]


def session_description(session: Session, *, speaker_label: str, lang: str = "id") -> str:
    """The DESCRIPTION text: the speaker line, then the session's description in `lang`."""
    parts: list[str] = []
    if session.speaker.strip():
        parts.append(f"{speaker_label}: {session.speaker.strip()}")
    description = session.in_lang(lang, "description").strip()
    if description:
        parts.append(description)
    return "\n\n".join(parts)


def agenda_ics(
    event: Event,
    sessions: Sequence[Session],
    *,
    lang: str,
    speaker_label: str,
    stamp: datetime,
    prodid_host: str = "retret-bot",
) -> bytes:
    """Build the calendar: one VEVENT per session in the event's zone, with its VTIMEZONE."""
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError("stamp must be an aware datetime")
    tz = event.tz
    calendar = icalendar.Calendar.new(
        prodid=f"-//{prodid_host}//Agenda//{lang.upper()}",
        uid=f"agenda@{prodid_host}",
        name=event.name,
        calscale="GREGORIAN",
        method="PUBLISH",
    )
    calendar.add("X-WR-TIMEZONE", event.timezone)
    dtstamp = stamp.astimezone(UTC)
    for session in sorted(sessions, key=lambda s: (s.start_at(tz), s.id)):
        vevent = icalendar.Event.new(
            uid=f"{session.id}@{prodid_host}",
            stamp=dtstamp,
            start=session.start_at(tz),
            end=session.end_at(tz),
            summary=session.in_lang(lang, "title"),
            location=session.in_lang(lang, "location") or event.venue or None,
            description=session_description(session, speaker_label=speaker_label, lang=lang)
            or None,
            categories=[session.kind],
        )
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
