"""The automatic messages an agenda implies: what, when, and until when it is worth sending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.models import Agenda, Session

__all__ = [
    "DEFAULT_SILENT_KINDS",
    "RESERVED_KINDS",
    "Planned",
    "plan",
    "reminder_leads",
]

# Breaks, meals and free time get no reminder unless the agenda asks for one (`remind`):
# a buzz before every ISHOMA would teach people to ignore the bot.
DEFAULT_SILENT_KINDS = frozenset({"meal", "break", "free"})
# Planned times whose messages arrive with the reflections feature.
RESERVED_KINDS = frozenset({"prompt", "nudge"})


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


def plan(agenda: Agenda, *, include_reserved: bool = False) -> list[Planned]:
    """Every automatic message of the agenda, in time order.

    Reminder keys carry the session's start, so a moved session is reminded again at its
    new time while the reminders already sent for the old time stay recorded.
    """
    tz = agenda.event.tz
    items: list[Planned] = []
    cfg = agenda.schedule
    for day in agenda.days():
        if cfg.morning_briefing is not None:
            due = _at(agenda, day, cfg.morning_briefing)
            items.append(
                Planned(f"briefing:{day}", "briefing", day.isoformat(), due, _briefing_expiry(due))
            )
        if include_reserved:
            for kind, at in (("prompt", cfg.reflection_prompt), ("nudge", cfg.reflection_nudge)):
                if at is not None:
                    due = _at(agenda, day, at)
                    items.append(
                        Planned(
                            f"{kind}:{day}", kind, day.isoformat(), due, due + timedelta(hours=3)
                        )
                    )
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
