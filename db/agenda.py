"""The agenda in force: event, schedule, sessions, reflection questions."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date, time
from typing import Any

import aiosqlite

from bot.models import Agenda, Event, ReflectionQuestion, ScheduleConfig, Session
from db.database import Database

__all__ = ["agenda_version", "load_agenda", "move_session", "save_agenda"]


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
    )


async def _bump_version(conn: aiosqlite.Connection) -> None:
    await conn.execute(
        "INSERT INTO meta (key, value) VALUES ('agenda_version', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


async def save_agenda(db: Database, agenda: Agenda, *, source: str, at: float) -> None:
    """Replace the event and all sessions in one transaction, and bump the agenda version."""
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
            " description, audience_json, remind_json, checkin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_session_params(s) for s in agenda.sessions],
        )
        await _bump_version(conn)


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


async def move_session(db: Database, session_id: str, start: time, end: time) -> Session | None:
    """Give a session new start and end times; None when there is no such session."""
    async with db.transaction() as conn:
        async with conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        await conn.execute(
            "UPDATE sessions SET start = ?, end = ? WHERE id = ?", (_t(start), _t(end), session_id)
        )
        await _bump_version(conn)
    return replace(_session(row), start=start, end=end)


async def agenda_version(db: Database) -> int:
    """A number that changes whenever the agenda does (also from another process)."""
    row = await db.fetchone("SELECT value FROM meta WHERE key = 'agenda_version'")
    return int(row[0]) if row else 0
