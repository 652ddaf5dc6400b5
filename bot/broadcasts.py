"""Organisers' announcements (issue 8, items 1, 2 and 5): audiences, sending now or at a
time, Stop, and the figures of a delivery.

Sending is the outbox's job: an announcement becomes one BULK outbox row per recipient, so
reminders and briefings (URGENT) overtake it, SEND_RATE paces it and a restart resumes it.

A script (the benchmark) starts a broadcast with one call and reads its figures::

    started = await start(db, clock, author=ADMIN, chat_id=ADMIN, lang="id",
                          message=Composed("text", "Halo"), audience=Audience())
    ...  # the running bot's outbox delivers it; its BroadcastRunner reports
    now = await progress(db, started.id)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, tzinfo
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from bot.agenda import checkin_window
from bot.clock import Clock
from bot.models import Session
from bot.texts import t
from bot.timefmt import fmt_date, fmt_time
from db import Database
from db import announcements as store
from db.announcements import Announcement, Figures, Member, NewAnnouncement

__all__ = [
    "Audience",
    "Composed",
    "NotRunning",
    "Selection",
    "Started",
    "TimeInThePast",
    "absent_choices",
    "audience_text",
    "begin_due",
    "cancel",
    "parse_send_time",
    "progress",
    "progress_text",
    "schedule",
    "select",
    "start",
    "stop",
    "when_text",
]

KINDS = ("text", "photo", "document")


class TimeInThePast(Exception):
    """A send time that has already passed (by the event clock)."""


class NotRunning(Exception):
    """The announcement is not being sent (finished, stopped, or never started)."""


@dataclass(frozen=True)
class Composed:
    """What the organiser sent: a text, or a photo or document (by file_id) with a caption.
    `body` is HTML: their formatting as typed, everything else escaped."""

    kind: str
    body: str
    file_id: str | None = None
    filename: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """For the conversation's stored data."""
        return {
            "kind": self.kind,
            "body": self.body,
            "file_id": self.file_id,
            "filename": self.filename,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Composed:
        """From the conversation's stored data."""
        kind = str(data.get("kind", "text"))
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        return cls(kind, str(data.get("body", "")), data.get("file_id"), data.get("filename"))


@dataclass(frozen=True)
class Audience:
    """Who gets it. Each dimension given narrows (a position AND a group); several values in
    one dimension widen (group 1 OR group 2). Nothing given: everyone registered.

    `not_reflected`, a day (YYYY-MM-DD), narrows to those who have not finished that day's
    reflection (filtered in db.announcements.members like `absent_from`); '' does not.
    """

    positions: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    absent_from: tuple[str, ...] = ()  # session ids: not checked in to one of them
    not_reflected: str = ""  # a day: its reflection not finished

    @property
    def everyone(self) -> bool:
        """No narrowing at all."""
        return not (
            self.positions or self.groups or self.units or self.absent_from or self.not_reflected
        )

    def to_dict(self) -> dict[str, Any]:
        """For storage (conversation data, the announcement row)."""
        return {
            "positions": list(self.positions),
            "groups": list(self.groups),
            "units": list(self.units),
            "absent_from": list(self.absent_from),
            "not_reflected": self.not_reflected,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Audience:
        """From storage; unknown keys are ignored."""

        def values(key: str) -> tuple[str, ...]:
            return tuple(str(v) for v in data.get(key) or ())

        day = data.get("not_reflected")
        return cls(
            values("positions"),
            values("groups"),
            values("units"),
            values("absent_from"),
            day if isinstance(day, str) and _is_day(day) else "",
        )

    def toggled(self, dimension: str, value: str) -> Audience:
        """This audience with `value` added to or removed from a dimension."""
        current: tuple[str, ...] = getattr(self, dimension)
        changed = tuple(v for v in current if v != value) if value in current else (*current, value)
        changes: dict[str, Any] = {dimension: changed}
        return replace(self, **changes)

    def reflection_toggled(self, day: date | None) -> Audience:
        """This audience no longer narrowed by a reflection if it was; else narrowed to
        those who have not finished `day`'s (None: unchanged)."""
        if self.not_reflected:
            return replace(self, not_reflected="")
        return replace(self, not_reflected=day.isoformat()) if day is not None else self


def _is_day(text: str) -> bool:
    """Whether stored data names a calendar day (YYYY-MM-DD)."""
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Selection:
    """The recipients of an audience now: active participants, and how many were left out
    because they blocked the bot."""

    recipients: list[Member] = field(hash=False)
    inactive: int = 0


@dataclass(frozen=True)
class Started:
    """An announcement queued for delivery."""

    id: int
    recipients: int


async def select(db: Database, audience: Audience) -> Selection:
    """Who an audience reaches now (inactive participants are not counted)."""
    found = await store.members(
        db,
        positions=audience.positions,
        groups=audience.groups,
        units=audience.units,
        absent_from=audience.absent_from,
        not_reflected=audience.not_reflected or None,
    )
    active = [m for m in found if m.active]
    return Selection(active, len(found) - len(active))


def _new(
    author: int, chat_id: int, lang: str, message: Composed, audience: Audience
) -> NewAnnouncement:
    return NewAnnouncement(
        created_by=author,
        chat_id=chat_id,
        lang=lang,
        kind=message.kind,
        body=message.body,
        audience=audience.to_dict(),
        file_id=message.file_id,
        filename=message.filename,
    )


async def start(
    db: Database,
    clock: Clock,
    *,
    author: int,
    chat_id: int,
    lang: str,
    message: Composed,
    audience: Audience,
) -> Started:
    """Send now: the announcement and one BULK outbox row per recipient, in one transaction.
    The running bot's outbox delivers them; its BroadcastRunner keeps the organiser's
    progress message (`chat_id`) up to date."""
    chosen = await select(db, audience)
    announcement_id = await store.create(
        db,
        _new(author, chat_id, lang, message, audience),
        at=clock.timestamp(),
        recipients=chosen.recipients,
    )
    return Started(announcement_id, len(chosen.recipients))


async def schedule(
    db: Database,
    clock: Clock,
    *,
    author: int,
    chat_id: int,
    lang: str,
    message: Composed,
    audience: Audience,
    send_at: datetime,
) -> int:
    """Keep an announcement to go at `send_at` (event time; the audience is taken then)."""
    if send_at.timestamp() <= clock.timestamp():
        raise TimeInThePast
    return await store.create(
        db,
        _new(author, chat_id, lang, message, audience),
        at=clock.timestamp(),
        send_at=send_at.timestamp(),
    )


async def begin_due(db: Database, clock: Clock) -> list[Started]:
    """Start every scheduled announcement whose time has come (by the event clock)."""
    started = []
    for announcement in await store.due(db, now=clock.timestamp()):
        chosen = await select(db, Audience.from_dict(announcement.audience))
        if await store.begin(db, announcement, chosen.recipients, at=clock.timestamp()):
            started.append(Started(announcement.id, len(chosen.recipients)))
    return started


async def cancel(db: Database, announcement_id: int) -> bool:
    """Cancel a scheduled announcement; False once it has started (or is gone)."""
    return await store.cancel(db, announcement_id)


async def stop(db: Database, clock: Clock, announcement_id: int) -> int:
    """Stop a delivery: whatever is not yet sent never goes, also after a restart. Returns
    how many were left unsent; NotRunning if it was not being sent."""
    skipped = await store.stop(db, announcement_id, at=clock.timestamp())
    if skipped is None:
        raise NotRunning
    return skipped


async def progress(db: Database, announcement_id: int) -> Figures:
    """An announcement's figures now (sent, failed, blocked, stopped, remaining)."""
    announcement = await store.get(db, announcement_id)
    if announcement is None:
        raise KeyError(announcement_id)
    return await store.figures(db, announcement)


_HHMM = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")
# Words people put around a time: "pukul 07.00 WIB", "jam 7.00", "at 07:00".
_NOISE = frozenset({"pukul", "jam", "at", "wib"})
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DMY = re.compile(r"^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?$")


def parse_send_time(text: str, now: datetime) -> datetime | None:
    """`HH.MM` (today), `YYYY-MM-DD HH.MM` or `DD/MM[/YYYY] HH.MM`, in `now`'s zone; None
    when it is none of these ("pukul", "jam" and "WIB" around it are fine; "0700" too).
    Whether it is in the future is the caller's question."""
    parts = [p for p in text.split() if p.casefold() not in _NOISE]
    tz: tzinfo | None = now.tzinfo
    if len(parts) == 1:
        day: date = now.date()
        clock_part = parts[0]
    elif len(parts) == 2:
        clock_part = parts[1]
        try:
            if m := _DATE.match(parts[0]):
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            elif m := _DMY.match(parts[0]):
                day = date(int(m.group(3) or now.year), int(m.group(2)), int(m.group(1)))
            else:
                return None
        except ValueError:
            return None
    else:
        return None
    if len(clock_part) == 4 and clock_part.isdigit():  # "0700"
        clock_part = f"{clock_part[:2]}.{clock_part[2:]}"
    m = _HHMM.match(clock_part)
    if m is None:
        return None
    return datetime.combine(day, time(int(m.group(1)), int(m.group(2))), tzinfo=tz)


def when_text(lang: str, moment: datetime, tz: tzinfo) -> str:
    """`Kamis, 15 Mei 2025 pukul 14.30 WIB`."""
    local = moment.astimezone(tz)
    return t(lang, "bc.when", date=fmt_date(local.date(), lang), time=fmt_time(local, lang, tz))


def audience_text(lang: str, audience: Audience, titles: dict[str, str]) -> str:
    """The audience in words; `titles` names the sessions of `absent_from`."""
    if audience.everyone:
        return t(lang, "bc.aud_everyone")
    parts = []
    for key, values in (
        ("bc.aud_positions", audience.positions),
        ("bc.aud_groups", audience.groups),
        ("bc.aud_units", audience.units),
    ):
        if values:
            named = ", ".join(values)
            # groups the roster already calls "Kelompok 1": not "kelompok Kelompok 1"
            already = key == "bc.aud_groups" and all(
                v.casefold().startswith(("kelompok", "group")) for v in values
            )
            parts.append(escape(named) if already else t(lang, key, values=escape(named)))
    if audience.absent_from:
        names = ", ".join(titles.get(s, s) for s in audience.absent_from)
        parts.append(t(lang, "bc.aud_absent", values=escape(names)))
    if audience.not_reflected:
        day = fmt_date(date.fromisoformat(audience.not_reflected), lang)
        parts.append(t(lang, "bc.aud_not_reflected", date=day))
    return t(lang, "bc.aud_and").join(parts)


def progress_text(
    lang: str, announcement: Announcement, figures: Figures, names: list[str], *, final: bool
) -> str:
    """The organiser's progress message; at the end, the delivery report."""
    values = {
        "id": announcement.id,
        "total": figures.total,
        "sent": figures.sent,
        "failed": figures.failed,
        "blocked": figures.blocked,
        "remaining": figures.remaining,
    }
    if not final:
        return t(lang, "bc.progress", **values)
    text = t(lang, "bc.report", **values)
    if figures.stopped:
        text += t(lang, "bc.report_stopped", stopped=figures.stopped)
    if names:
        listed = "\n".join(f"• {escape(n)}" for n in names)
        more = figures.failed + figures.blocked - len(names)
        text += t(lang, "bc.report_unreached", names=listed)
        if more > 0:
            text += t(lang, "bc.report_more", count=more)
    return text


def absent_choices(sessions: Sequence[Session], now: datetime, tz: ZoneInfo) -> list[Session]:
    """Today's assemblies and sessions that take attendance and whose check-in has opened,
    in order (before that, everyone is "not checked in")."""
    return sorted(
        (
            s
            for s in sessions
            if s.date == now.date() and s.takes_attendance and checkin_window(s, tz)[0] <= now
        ),
        key=lambda s: (s.start, s.id),
    )
