"""Changing the agenda: imports and /ubah, and telling the people a change affects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from html import escape

from bot.clock import Clock
from bot.models import Agenda, Session
from bot.texts import normalise_language, t
from bot.timefmt import fmt_date, fmt_time, fmt_time_range
from db import Database
from db.agenda import load_agenda, move_session, save_agenda
from db.outbox import NewMessage, enqueue
from db.participants import Participant, list_participants

__all__ = [
    "AgendaChange",
    "ImportResult",
    "UnknownSession",
    "change_notices",
    "clashes",
    "diff_agendas",
    "import_agenda",
    "moved_session",
    "notify_changes",
    "reschedule",
]


class UnknownSession(LookupError):
    """No session with that id."""


@dataclass(frozen=True)
class AgendaChange:
    """What happened to one session: added, removed, moved (time) or relocated (place)."""

    what: str
    old: Session | None
    new: Session | None

    @property
    def session(self) -> Session:
        """The session as it is now (or was, when removed)."""
        found = self.new or self.old
        assert found is not None
        return found


@dataclass(frozen=True)
class ImportResult:
    """What an agenda import changed."""

    sessions: int
    days: int
    added: int
    changed: int
    removed: int
    notified: int


def diff_agendas(old: Agenda | None, new: Agenda) -> list[AgendaChange]:
    """Session-level differences between two agendas."""
    before = {s.id: s for s in old.sessions} if old else {}
    after = {s.id: s for s in new.sessions}
    changes: list[AgendaChange] = []
    for sid, s in after.items():
        prev = before.get(sid)
        if prev is None:
            changes.append(AgendaChange("added", None, s))
        elif (prev.date, prev.start, prev.end) != (s.date, s.start, s.end):
            changes.append(AgendaChange("moved", prev, s))
        elif (prev.location, prev.location_en) != (s.location, s.location_en):
            changes.append(AgendaChange("relocated", prev, s))
        elif prev != s:
            changes.append(AgendaChange("edited", prev, s))
    changes.extend(
        AgendaChange("removed", s, None) for sid, s in before.items() if sid not in after
    )
    return changes


# Changes people are told of; an edited description alone is not worth a message.
NOTABLE = ("added", "removed", "moved", "relocated")


def _notice(lang: str, change: AgendaChange, tz_agenda: Agenda) -> str:
    tz = tz_agenda.event.tz
    s = change.session
    old = (
        f"{fmt_time_range(change.old.start, change.old.end, lang, tz)}"
        + (
            ""
            if change.new is None or change.old.date == change.new.date
            else f" ({fmt_date(change.old.date, lang)})"
        )
        if change.old
        else ""
    )
    new = fmt_time_range(change.new.start, change.new.end, lang, tz) if change.new else ""
    return t(
        lang,
        f"change.{change.what}",
        title=escape(s.in_lang(lang, "title")),
        date=escape(fmt_date(s.date, lang)),
        old=escape(old),
        new=escape(new),
        location=escape(s.in_lang(lang, "location") or "-"),
    )


def _affected(
    change: AgendaChange, participants: Sequence[Participant], now: datetime
) -> list[Participant]:
    """Participants whose own agenda holds the session, when it is (or was) today or tomorrow."""
    soon = {now.date(), now.date() + timedelta(days=1)}
    dates = {s.date for s in (change.old, change.new) if s is not None}
    if not dates & soon:
        return []
    return [
        p
        for p in participants
        if p.active and any(s.is_for(p.position, p.group) for s in (change.old, change.new) if s)
    ]


def change_notices(
    agenda: Agenda,
    changes: Sequence[AgendaChange],
    participants: Sequence[Participant],
    *,
    now: datetime,
    version: int,
    default_lang: str,
) -> list[NewMessage]:
    """A notice of each notable change to each participant it affects.

    Keyed by the agenda version the change made: a session moved 10.15 → 11.00 → 10.15 →
    11.00 is announced four times, while the same change seen twice (the importing CLI and
    the running bot both notice it) is announced once.
    """
    messages: list[NewMessage] = []
    for change in changes:
        if change.what not in NOTABLE:
            continue
        s = change.session
        for p in _affected(change, participants, now):
            lang = normalise_language(p.language, normalise_language(default_lang))
            messages.append(
                NewMessage(
                    key=f"change:{s.id}:{change.what}:v{version}:{p.user_id}",
                    purpose="change",
                    item=s.id,
                    chat_id=p.chat_id,
                    user_id=p.user_id,
                    payload={"text": _notice(lang, change, agenda)},
                )
            )
    return messages


async def notify_changes(
    db: Database,
    clock: Clock,
    agenda: Agenda,
    changes: Sequence[AgendaChange],
    *,
    version: int,
    default_lang: str,
) -> int:
    """Queue the notices of changes another process made (its own clock may differ from
    ours); returns how many were new."""
    if not any(c.what in NOTABLE for c in changes):
        return 0
    participants = await list_participants(db, active_only=True)
    messages = change_notices(
        agenda,
        changes,
        participants,
        now=clock.now(agenda.event.tz),
        version=version,
        default_lang=default_lang,
    )
    return await enqueue(db, messages, at=clock.timestamp())


async def import_agenda(
    db: Database, clock: Clock, agenda: Agenda, *, source: str, default_lang: str
) -> ImportResult:
    """Replace the agenda in force and queue its change notices in the same transaction;
    the caller resyncs the schedule."""
    old = await load_agenda(db)
    changes = diff_agendas(old, agenda)
    participants = await list_participants(db, active_only=True) if old else []
    now = clock.now(agenda.event.tz)
    queued: list[NewMessage] = []

    def notices(version: int) -> list[NewMessage]:
        queued[:] = change_notices(
            agenda, changes, participants, now=now, version=version, default_lang=default_lang
        )
        return queued

    await save_agenda(db, agenda, source=source, at=clock.timestamp(), notices=notices)
    count = {w: sum(c.what == w for c in changes) for w in ("added", "removed")}
    return ImportResult(
        sessions=len(agenda.sessions),
        days=len(agenda.days()),
        added=count["added"],
        changed=len(changes) - count["added"] - count["removed"],
        removed=count["removed"],
        notified=len(queued),
    )


def moved_session(agenda: Agenda, session_id: str, start: time, end: time | None) -> Session:
    """The session as it would be at its new time (keeping its length when no end is given);
    UnknownSession when there is no such session."""
    old = next((s for s in agenda.sessions if s.id == session_id), None)
    if old is None:
        raise UnknownSession(session_id)
    if end is None:
        length = old.end_at(agenda.event.tz) - old.start_at(agenda.event.tz)
        end = (datetime.combine(old.date, start) + length).time()
    return replace(old, start=start, end=end)


def clashes(agenda: Agenda, moved: Session, people: Sequence[tuple[str, str]]) -> list[Session]:
    """Other sessions of the same day that the moved one would overlap for someone who
    attends both: by the roster's (position, group) pairs, or, without a roster, wherever
    their audiences meet."""

    def shared(a: Session, b: Session) -> bool:
        if people:
            return any(a.is_for(pos, grp) and b.is_for(pos, grp) for pos, grp in people)
        everyone = {"all"}
        left = {x.casefold() for x in a.audience} or everyone
        right = {x.casefold() for x in b.audience} or everyone
        return bool(left & right) or "all" in left or "all" in right

    return [
        s
        for s in agenda.sessions
        if s.id != moved.id
        and s.date == moved.date
        and s.start < moved.end
        and moved.start < s.end
        and s.kind not in ("break", "free")
        and shared(moved, s)
    ]


async def reschedule(
    db: Database,
    clock: Clock,
    agenda: Agenda,
    session_id: str,
    start: time,
    end: time | None,
    *,
    default_lang: str,
) -> tuple[Session, int]:
    """Move a session (keeping its length when no end is given) and tell those affected,
    in one transaction."""
    old = next((s for s in agenda.sessions if s.id == session_id), None)
    if old is None:
        raise UnknownSession(session_id)
    change = AgendaChange("moved", old, moved_session(agenda, session_id, start, end))
    end = change.session.end
    new_agenda = replace(
        agenda, sessions=tuple(change.session if s.id == session_id else s for s in agenda.sessions)
    )
    participants = await list_participants(db, active_only=True)
    now = clock.now(agenda.event.tz)
    queued: list[NewMessage] = []

    def notices(version: int) -> list[NewMessage]:
        queued[:] = change_notices(
            new_agenda, [change], participants, now=now, version=version, default_lang=default_lang
        )
        return queued

    result = await move_session(db, session_id, start, end, at=clock.timestamp(), notices=notices)
    if result is None:
        raise UnknownSession(session_id)
    return result[0], len(queued)


def fmt_new_time(lang: str, s: Session, agenda: Agenda) -> str:
    """`Kamis, 15 Mei 2025, pukul 10.30–12.00 WIB` for confirmations."""
    tz = agenda.event.tz
    when = f"{fmt_time(s.start, lang)}–{fmt_time(s.end, lang, tz)}"
    return t(lang, "time.on_date", date=fmt_date(s.date, lang), time=when)
