"""The automatic messages an agenda implies: what, when, and until when it is worth sending."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.models import Agenda, Session
from db.outbox import URGENT, NewMessage
from db.participants import Participant

__all__ = [
    "DEFAULT_SILENT_KINDS",
    "REFLECTION_KINDS",
    "RESERVED_KINDS",
    "Planned",
    "edit_deadline",
    "event_end",
    "plan",
    "reflection_times",
    "reminder_leads",
]

# Breaks, meals and free time get no reminder unless the agenda asks for one (`remind`):
# a buzz before every ISHOMA would teach people to ignore the bot.
DEFAULT_SILENT_KINDS = frozenset({"meal", "break", "free"})
# The reflection's automatic messages (bot/reflections.py builds them): their recipients and
# texts depend on stored answers, not on the agenda alone.
REFLECTION_KINDS = frozenset({"prompt", "nudge", "journal"})
RESERVED_KINDS = REFLECTION_KINDS  # the name `preview` knows them by
# On a last day that ends early, the prompt goes with the session whose title says it is the
# evaluation or reflection (SPEC §10); without one, this long before the event ends.
_REFLECTION_TITLE = re.compile(r"refleksi|reflection|evaluasi|evaluation", re.IGNORECASE)
_PROMPT_BEFORE_END = timedelta(hours=1)
# The last day's nudge leaves people this long to answer before the event ends.
_NUDGE_BEFORE_END = timedelta(minutes=30)
# A prompt or nudge is worth sending this long after its time (the last day: until the end).
_REFLECTION_EXPIRY = timedelta(hours=3)


@dataclass(frozen=True)
class Planned:
    """One automatic message (for many recipients)."""

    key: str
    kind: str  # briefing | reminder | prompt | nudge
    item: str  # the day (ISO) or the session id
    due: datetime
    expires: datetime
    session: Session | None = None
    lead: int | None = None


def planned_row(
    planned: Planned, person: Participant, payload: dict[str, object], *, key: str | None = None
) -> NewMessage:
    """The outbox row of a planned message for one person: time-critical, worth sending until
    the plan says it expires, keyed so it goes once (`key` for a message in several parts)."""
    return NewMessage(
        key=key or f"{planned.key}:{person.user_id}",
        purpose=planned.kind,
        item=planned.key,
        chat_id=person.chat_id,
        user_id=person.user_id,
        payload=payload,
        expires_at=planned.expires.timestamp(),
        priority=URGENT,
    )


def reminder_leads(agenda: Agenda, s: Session) -> tuple[int, ...]:
    """Minutes before the start at which a session is reminded."""
    if s.remind is not None:
        return tuple(sorted(set(s.remind), reverse=True))
    if s.kind == "assembly":
        return (agenda.schedule.assembly_reminder_minutes,)
    if s.kind in DEFAULT_SILENT_KINDS:
        return ()
    return (agenda.schedule.reminder_minutes,)


def _briefing_expiry(due: datetime) -> datetime:
    """A morning briefing is worth sending until noon, or two hours after its time if later."""
    noon = due.replace(hour=12, minute=0, second=0, microsecond=0)
    return max(noon, due + timedelta(hours=2))


def _at(agenda: Agenda, day: object, at: time) -> datetime:
    assert hasattr(day, "isoformat")
    return datetime.combine(day, at, tzinfo=agenda.event.tz)  # type: ignore[arg-type]


def event_end(agenda: Agenda) -> datetime | None:
    """When the event's last session ends: the journal goes then (None without sessions)."""
    tz = agenda.event.tz
    return max((s.end_at(tz) for s in agenda.sessions), default=None)


def reflection_times(agenda: Agenda) -> dict[date, tuple[datetime | None, datetime | None]]:
    """(prompt, nudge) of each event day; None where the schedule switches one off.

    Every day at `reflection_prompt` and `reflection_nudge`, except a last day that ends
    less than an hour after the prompt (people go home at noon): its prompt comes with that
    day's evaluation or reflection session, else an hour before the end, and its nudge
    before the end, so no one is asked at 20.30 after they have left.
    """
    cfg = agenda.schedule
    days = agenda.days()
    end = event_end(agenda)
    out: dict[date, tuple[datetime | None, datetime | None]] = {}
    for day in days:
        prompt = _at(agenda, day, cfg.reflection_prompt) if cfg.reflection_prompt else None
        nudge = _at(agenda, day, cfg.reflection_nudge) if cfg.reflection_nudge else None
        if day == days[-1] and end is not None and prompt is not None:
            if prompt + _PROMPT_BEFORE_END > end:
                gap = nudge - prompt if nudge is not None and nudge > prompt else None
                prompt = _last_prompt(agenda, day, end)
                nudge = prompt + gap if gap is not None else None
            if nudge is not None:
                nudge = min(nudge, end - _NUDGE_BEFORE_END)
                if nudge <= prompt:
                    nudge = None
        out[day] = (prompt, nudge)
    return out


def _last_prompt(agenda: Agenda, day: date, end: datetime) -> datetime:
    """The last day's prompt when the event ends before the usual time."""
    tz = agenda.event.tz
    fitting = [
        s
        for s in agenda.sessions
        if s.date == day
        and s.start_at(tz) < end
        and (_REFLECTION_TITLE.search(s.title) or _REFLECTION_TITLE.search(s.id))
    ]
    if fitting:
        return max(s.start_at(tz) for s in fitting)
    first = min(s.start_at(tz) for s in agenda.sessions if s.date == day)
    return max(first, end - _PROMPT_BEFORE_END)


def edit_deadline(agenda: Agenda, day: date) -> datetime:
    """Until when a day's reflection may be answered or edited: the next event day's morning
    briefing (its first session without one); the last day's, until the journal goes."""
    days = [d for d in agenda.days() if d > day]
    if not days:
        end = event_end(agenda)
        return end if end is not None else _at(agenda, day, time(23, 59))
    following = days[0]
    if agenda.schedule.morning_briefing is not None:
        return _at(agenda, following, agenda.schedule.morning_briefing)
    tz = agenda.event.tz
    return min(s.start_at(tz) for s in agenda.sessions if s.date == following)


def plan(agenda: Agenda, *, include_reserved: bool = False) -> list[Planned]:
    """Every automatic message of the agenda, in time order.

    Reminder keys carry the session's start, so a moved session is reminded again at its
    new time while the reminders already sent for the old time stay recorded.
    """
    tz = agenda.event.tz
    items: list[Planned] = []
    cfg = agenda.schedule
    reflections = reflection_times(agenda)
    end = event_end(agenda)
    for day in agenda.days():
        if cfg.morning_briefing is not None:
            due = _at(agenda, day, cfg.morning_briefing)
            items.append(
                Planned(f"briefing:{day}", "briefing", day.isoformat(), due, _briefing_expiry(due))
            )
        if include_reserved:
            for kind, when in zip(("prompt", "nudge"), reflections[day], strict=True):
                if when is not None:
                    expires = when + _REFLECTION_EXPIRY
                    if end is not None and when < end:
                        expires = min(expires, end)  # the last day: no prompt after departure
                    items.append(Planned(f"{kind}:{day}", kind, day.isoformat(), when, expires))
    if include_reserved and end is not None:
        last = agenda.days()[-1].isoformat()
        # A journal is worth having late (the bot was down): a week to catch up.
        items.append(Planned(f"journal:{last}", "journal", last, end, end + timedelta(days=7)))
    for s in agenda.sessions:
        start = s.start_at(tz)
        for lead in reminder_leads(agenda, s):
            due = start - timedelta(minutes=lead)
            # a reminder is worth sending until its session starts (a zero lead: one minute)
            expires = start if lead > 0 else start + timedelta(minutes=1)
            key = f"reminder:{s.id}@{start.strftime('%Y%m%dT%H%M')}-{lead}"
            items.append(Planned(key, "reminder", s.id, due, expires, session=s, lead=lead))
    items.sort(key=lambda p: (p.due, p.key))
    return items
