"""Attendance at assemblies and check-in sessions (SPEC §8a)."""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.agenda import checkin_window, open_for_checkin, upcoming
from bot.attempts import Lockout, failed, lockout
from bot.models import Agenda, Session
from bot.texts import Lang, normalise_language, t
from bot.timefmt import fmt_time
from db import Database
from db.attendance import attendees, check_in, get_code
from db.outbox import NewMessage
from db.participants import Participant

__all__ = [
    "CheckinResult",
    "Report",
    "attempt_checkin",
    "checkin_message",
    "checkin_state",
    "code_prompt_open",
    "looks_like_code",
    "new_code",
    "nudge_allowed",
    "nudge_messages",
    "report",
    "session_for_report",
    "window_open",
]


@dataclass(frozen=True)
class CheckinResult:
    """What a check-in attempt came to."""

    # done | already | closed | not_for_you | needs_code | wrong_code | too_many | nothing_open
    status: str
    session: Session | None = None
    held: Lockout | None = None  # too_many: until when, and whether to tell the organisers


@dataclass(frozen=True)
class Report:
    """Who is expected at a session, who came, who is missing by group."""

    session: Session
    expected: int
    present: int
    missing: dict[str, list[Participant]]


_CODE_LIKE = re.compile(r"^\s*\d{3,8}\s*$")


def looks_like_code(text: str) -> bool:
    """Whether free text typed at the check-in code prompt is an attempt at the code (digits
    only); "jadwal besok" or "apel jam berapa?" are questions, answered as usual."""
    return bool(_CODE_LIKE.match(text))


def code_prompt_open(agenda: Agenda, session_id: object, now: datetime) -> bool:
    """Whether a check-in code prompt for this session still stands: it ends with the
    session's check-in window."""
    session = next((s for s in agenda.sessions if s.id == session_id), None)
    if session is None:
        return False
    return now <= checkin_window(session, agenda.event.tz)[1]


def nudge_allowed(session: Session, now: datetime, tz: ZoneInfo) -> bool:
    """Organisers may nudge the missing from the moment check-in opens until the session
    ends: before it, "go to the assembly now" would send people hours early."""
    opens, _ = checkin_window(session, tz)
    return opens <= now <= session.end_at(tz)


def window_open(session: Session, now: datetime, tz: ZoneInfo) -> bool:
    """Whether check-in to this session is open at `now` (SPEC §8a: 15 minutes either side
    of the start)."""
    opens, closes = checkin_window(session, tz)
    return opens <= now <= closes


def checkin_state(session: Session, now: datetime, tz: ZoneInfo, *, checked_in: bool) -> str | None:
    """Where a participant's check-in to a session stands, as a Hadir button would find it:
    None (the session takes no attendance), done, open, upcoming or missed."""
    if not session.takes_attendance:
        return None
    if checked_in:
        return "done"
    if window_open(session, now, tz):
        return "open"
    return "upcoming" if now < checkin_window(session, tz)[0] else "missed"


def checkin_message(lang: Lang, result: CheckinResult, now: datetime, tz: ZoneInfo) -> str:
    """The answer to a finished check-in attempt (HTML), in the chat and on the Mini App
    alike; `needs_code` and `wrong_code` are asked for where the code is typed."""
    s = result.session
    title = escape(s.in_lang(lang, "title")) if s else ""
    if result.status == "too_many" and result.held is not None:
        until = fmt_time(result.held.until, lang, tz)
        return t(lang, "attempts.wait_checkin", title=title, time=until)
    if result.status == "done":
        return t(lang, "checkin.done", title=title, time=fmt_time(now, lang, tz))
    if result.status == "already":
        return t(lang, "checkin.already", title=title)
    if result.status == "closed" and s is not None:
        opens, closes = checkin_window(s, tz)
        return t(
            lang,
            "checkin.closed",
            title=title,
            open=fmt_time(opens, lang),
            close=fmt_time(closes, lang, tz),
        )
    if result.status == "not_for_you":
        return t(lang, "checkin.not_for_you", title=title)
    return t(lang, "checkin.nothing_open")


def new_code() -> str:
    """A four-digit on-site code."""
    return f"{secrets.randbelow(10_000):04d}"


async def attempt_checkin(
    db: Database,
    agenda: Agenda,
    p: Participant,
    *,
    session_id: str | None,
    code: str | None,
    now: datetime,
    method: str,
) -> CheckinResult:
    """Check a participant in, if the window is open, the session is theirs and the code fits.

    Wrong codes are limited per participant and session like NIPs (bot/attempts.py): once
    spent, even the right code is refused with `too_many` until the time in `held`.
    """
    tz = agenda.event.tz
    if session_id is None:
        candidates = [
            s for s in open_for_checkin(agenda.sessions, now, tz) if s.is_for(p.position, p.group)
        ]
        if not candidates:
            return CheckinResult("nothing_open")
        session = candidates[0]
    else:
        found = next((s for s in agenda.sessions if s.id == session_id), None)
        if found is None or not found.takes_attendance:
            return CheckinResult("nothing_open")
        session = found
    if not session.is_for(p.position, p.group):
        return CheckinResult("not_for_you", session)
    if p.user_id in await attendees(db, session.id):
        return CheckinResult("already", session)
    if not window_open(session, now, tz):
        return CheckinResult("closed", session)
    expected = await get_code(db, session.id)
    if expected is not None:
        at = now.timestamp()
        held = await lockout(db, p.user_id, "checkin_code", scope=session.id, at=at)
        if held is not None:
            return CheckinResult("too_many", session, held)
        if code is None:
            return CheckinResult("needs_code", session)
        if code.strip() != expected:
            await failed(db, p.user_id, "checkin_code", scope=session.id, at=at)
            held = await lockout(db, p.user_id, "checkin_code", scope=session.id, at=at)
            return CheckinResult("wrong_code" if held is None else "too_many", session, held)
    await check_in(db, session.id, p.user_id, method=method, at=now.timestamp())
    return CheckinResult("done", session)


def session_for_report(agenda: Agenda, now: datetime, session_id: str | None) -> Session | None:
    """The named session, else the one open for check-in, else the next attendance session."""
    tz = agenda.event.tz
    if session_id:
        return next((s for s in agenda.sessions if s.id == session_id), None)
    open_now = open_for_checkin(agenda.sessions, now, tz)
    if open_now:
        return open_now[0]
    return upcoming(agenda.sessions, now, tz, lambda s: s.takes_attendance)


async def report(db: Database, session: Session, people: list[Participant]) -> Report:
    """Expected (the session's audience among active participants), present, missing by group."""
    came = await attendees(db, session.id)
    expected = [p for p in people if p.active and session.is_for(p.position, p.group)]
    missing: dict[str, list[Participant]] = defaultdict(list)
    for p in expected:
        if p.user_id not in came:
            missing[p.group or "-"].append(p)
    return Report(
        session=session,
        expected=len(expected),
        present=sum(1 for p in expected if p.user_id in came),
        missing=dict(sorted(missing.items())),
    )


def nudge_messages(r: Report, report_id: int, *, default_lang: str) -> list[NewMessage]:
    """A nudge with a Hadir button to everyone still missing from a report, each in their
    language; keyed by the report's message, so a double tap nudges once."""
    session = r.session
    messages: list[NewMessage] = []
    for group_missing in r.missing.values():
        for p in group_missing:
            lang = normalise_language(p.language, normalise_language(default_lang))
            text = t(
                lang,
                "attendance.nudge",
                title=escape(session.in_lang(lang, "title")),
                location=escape(session.in_lang(lang, "location") or "-"),
            )
            messages.append(
                NewMessage(
                    key=f"nudge:{session.id}:{report_id}:{p.user_id}",
                    purpose="nudge",
                    item=session.id,
                    chat_id=p.chat_id,
                    user_id=p.user_id,
                    payload={
                        "text": text,
                        "keyboard": [[[t(lang, "btn.checkin"), f"hadir:{session.id}"]]],
                    },
                )
            )
    return messages
