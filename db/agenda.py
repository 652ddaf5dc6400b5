"""The agenda in force: event, schedule, sessions, reflection questions."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import date, time
from typing import Any

import aiosqlite

from bot.models import Agenda, Event, ReflectionQuestion, ScheduleConfig, Session
from db.database import Database
from db.outbox import NewMessage, insert_messages

__all__ = ["NoticeMaker", "agenda_version", "load_agenda", "move_session", "save_agenda"]

# Given the agenda's new version number, the change notices to queue with it.
NoticeMaker = Callable[[int], Sequence[NewMessage]]


def _t(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _parse_t(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _schedule_json(schedule: ScheduleConfig) -> str:
    return json.dumps(
        {
            "morning_briefing": _t(schedule.morning_briefing),
            "reflection_prompt": _t(schedule.reflection_prompt),
            "reflection_nudge": _t(schedule.reflection_nudge),
            "reminder_minutes": schedule.reminder_minutes,
            "assembly_reminder_minutes": schedule.assembly_reminder_minutes,
        }
    )


def _schedule(raw: str) -> ScheduleConfig:
    data: dict[str, Any] = json.loads(raw)
    return ScheduleConfig(
        morning_briefing=_parse_t(data.get("morning_briefing")),
        reflection_prompt=_parse_t(data.get("reflection_prompt")),
        reflection_nudge=_parse_t(data.get("reflection_nudge")),
        reminder_minutes=int(data.get("reminder_minutes", 15)),
        assembly_reminder_minutes=int(data.get("assembly_reminder_minutes", 30)),
    )


def _session(row: aiosqlite.Row) -> Session:
    remind = json.loads(row["remind_json"]) if row["remind_json"] is not None else None
    return Session(
        id=row["id"],
        date=date.fromisoformat(row["date"]),
        start=time.fromisoformat(row["start"]),
        end=time.fromisoformat(row["end"]),
        title=row["title"],
        kind=row["kind"],
        location=row["location"],
        speaker=row["speaker"],
        description=row["description"],
        audience=tuple(json.loads(row["audience_json"])),
        remind=tuple(remind) if remind is not None else None,
        checkin=bool(row["checkin"]),
        title_en=row["title_en"],
        location_en=row["location_en"],
        description_en=row["description_en"],
    )


def _session_params(s: Session) -> tuple[Any, ...]:
    return (
        s.id,
        s.date.isoformat(),
        _t(s.start),
        _t(s.end),
        s.title,
        s.kind,
        s.location,
        s.speaker,
        s.description,
        json.dumps(list(s.audience)),
        json.dumps(list(s.remind)) if s.remind is not None else None,
        int(s.checkin),
        s.title_en,
        s.location_en,
        s.description_en,
    )


async def _bump_version(
    conn: aiosqlite.Connection, notices: NoticeMaker | None, *, at: float
) -> int:
    """The next agenda version, with its change notices queued in the same transaction."""
    await conn.execute(
        "INSERT INTO meta (key, value) VALUES ('agenda_version', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )
    async with conn.execute("SELECT value FROM meta WHERE key = 'agenda_version'") as cur:
        row = await cur.fetchone()
    assert row is not None
    version = int(row[0])
    if notices is not None:
        await insert_messages(conn, notices(version), at=at)
    return version


async def save_agenda(
    db: Database, agenda: Agenda, *, source: str, at: float, notices: NoticeMaker | None = None
) -> int:
    """Replace the event and all sessions, bump the agenda version and queue the change
    notices, all in one transaction (a crash leaves the old agenda or the new one with its
    notices, never the new one without); returns the new version."""
    questions = [asdict(q) for q in agenda.questions]
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM sessions")
        await conn.execute(
            "INSERT INTO event (id, name, venue, timezone, schedule_json, questions_json, source,"
            " imported_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " name = excluded.name, venue = excluded.venue, timezone = excluded.timezone,"
            " schedule_json = excluded.schedule_json, questions_json = excluded.questions_json,"
            " source = excluded.source, imported_at = excluded.imported_at",
            (
                agenda.event.name,
                agenda.event.venue,
                agenda.event.timezone,
                _schedule_json(agenda.schedule),
                json.dumps(questions),
                source,
                at,
            ),
        )
        await conn.executemany(
            "INSERT INTO sessions (id, date, start, end, title, kind, location, speaker,"
            " description, audience_json, remind_json, checkin, title_en, location_en,"
            " description_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_session_params(s) for s in agenda.sessions],
        )
        return await _bump_version(conn, notices, at=at)


async def load_agenda(db: Database) -> Agenda | None:
    """The agenda in force, or None before the first import."""
    row = await db.fetchone("SELECT * FROM event WHERE id = 1")
    if row is None:
        return None
    sessions = await db.fetchall("SELECT * FROM sessions ORDER BY date, start, id")
    questions = tuple(
        ReflectionQuestion(
            id=q["id"], type=q["type"], text=dict(q["text"]), options=tuple(q.get("options", ()))
        )
        for q in json.loads(row["questions_json"])
    )
    return Agenda(
        event=Event(name=row["name"], venue=row["venue"], timezone=row["timezone"]),
        schedule=_schedule(row["schedule_json"]),
        sessions=tuple(_session(s) for s in sessions),
        questions=questions,
    )


async def move_session(
    db: Database,
    session_id: str,
    start: time,
    end: time,
    *,
    at: float = 0.0,
    notices: NoticeMaker | None = None,
) -> tuple[Session, int] | None:
    """Give a session new start and end times and queue its notices in one transaction;
    the moved session and the new agenda version, or None when there is no such session."""
    async with db.transaction() as conn:
        async with conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        await conn.execute(
            "UPDATE sessions SET start = ?, end = ? WHERE id = ?", (_t(start), _t(end), session_id)
        )
        version = await _bump_version(conn, notices, at=at)
    return replace(_session(row), start=start, end=end), version


async def agenda_version(db: Database) -> int:
    """A number that changes whenever the agenda does (also from another process)."""
    row = await db.fetchone("SELECT value FROM meta WHERE key = 'agenda_version'")
    return int(row[0]) if row else 0
