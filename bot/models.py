"""Domain data: the event, its sessions, the roster, and import problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

__all__ = [
    "KINDS",
    "Agenda",
    "Event",
    "Problem",
    "ReflectionQuestion",
    "RosterEntry",
    "ScheduleConfig",
    "Session",
    "SessionKind",
    "ShownField",
]

SessionKind = Literal["assembly", "session", "ceremony", "activity", "meal", "break", "free"]
KINDS: tuple[str, ...] = ("assembly", "session", "ceremony", "activity", "meal", "break", "free")
ShownField = Literal["title", "location", "description"]  # the fields with an English twin


@dataclass(frozen=True)
class ScheduleConfig:
    """Daily automations, local times; None switches one off."""

    morning_briefing: time | None = time(4, 30)
    reflection_prompt: time | None = time(20, 30)
    reflection_nudge: time | None = time(21, 30)
    reminder_minutes: int = 15
    assembly_reminder_minutes: int = 30


@dataclass(frozen=True)
class ReflectionQuestion:
    """One question of the evening reflection."""

    id: str
    type: Literal["rating", "text", "choice"]
    text: dict[str, str]  # language -> text
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """The retreat itself."""

    name: str
    venue: str
    timezone: str = "Asia/Jakarta"

    @property
    def tz(self) -> ZoneInfo:
        """The event's time zone."""
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Session:
    """One agenda item, in the event's local time."""

    id: str
    date: date
    start: time
    end: time
    title: str
    kind: str = "session"
    location: str = ""
    speaker: str = ""
    description: str = ""
    audience: tuple[str, ...] = ("all",)  # "all", or positions / groups
    remind: tuple[int, ...] | None = None  # None: the schedule's default
    checkin: bool = False
    title_en: str = ""  # the English twins: '' shows the Indonesian field to English readers
    location_en: str = ""
    description_en: str = ""

    def in_lang(self, lang: str, name: ShownField) -> str:
        """A field as its reader sees it: the English twin for English readers when the
        agenda gives one, else the Indonesian field (the one place that chooses)."""
        indonesian, english = {
            "title": (self.title, self.title_en),
            "location": (self.location, self.location_en),
            "description": (self.description, self.description_en),
        }[name]
        return english if lang == "en" and english else indonesian

    def start_at(self, tz: ZoneInfo) -> datetime:
        """Aware start time."""
        return datetime.combine(self.date, self.start, tzinfo=tz)

    def end_at(self, tz: ZoneInfo) -> datetime:
        """Aware end time (next day if it ends before it starts)."""
        end = datetime.combine(self.date, self.end, tzinfo=tz)
        return end if end > self.start_at(tz) else end + timedelta(days=1)

    @property
    def takes_attendance(self) -> bool:
        """Assemblies and sessions flagged `checkin: true` take attendance."""
        return self.kind == "assembly" or self.checkin

    def is_for(self, position: str | None, group: str | None) -> bool:
        """Whether a participant with this position and group is in the audience."""
        if not self.audience or "all" in (a.casefold() for a in self.audience):
            return True
        wanted = {a.casefold() for a in self.audience}
        return any(v is not None and v.casefold() in wanted for v in (position, group))


@dataclass(frozen=True)
class Agenda:
    """A whole agenda file: event, schedule, sessions, reflection questions."""

    event: Event
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    sessions: tuple[Session, ...] = ()
    questions: tuple[ReflectionQuestion, ...] = ()

    def days(self) -> list[date]:
        """The event's days in order."""
        return sorted({s.date for s in self.sessions})


@dataclass(frozen=True)
class RosterEntry:
    """One person on the committee's roster."""

    nip: str
    name: str
    position: str
    unit: str
    group: str = ""
    phone: str = ""
    salutation: str = ""  # Bapak or Ibu; '' to take it from the NIP (bot/salutation.py)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file: where, and a text key with its values."""

    code: str  # a key under "problem." in the texts
    row: int | None = None  # 1-based row as a spreadsheet shows it (header is row 1)
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
