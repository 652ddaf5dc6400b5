"""Personal data (SPEC §12, UU 27/2022): what the bot holds on a participant (/profil), deleting
it on request (/hapusdata), and removing a finished event's personal data (`purge`).

Plain functions over the database, called by the chat handlers and the command line alike
(a web page could call them too)."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.models import Agenda
from bot.questions import organiser_chats
from bot.render import group_line
from bot.salutation import addressed
from bot.settings import Settings
from bot.texts import normalise_language, t
from bot.timefmt import fmt_date, fmt_date_short, fmt_time
from db import Database
from db.outbox import URGENT, NewMessage
from db.participants import Participant, get_participant
from db.privacy import (
    FORGOTTEN,
    Holdings,
    compact,
    forget_person,
    holdings_of,
    purge_counts,
    purge_personal_data,
)

__all__ = [
    "Profile",
    "PurgeRefused",
    "compact",
    "event_end",
    "forget",
    "forget_token",
    "gather_profile",
    "mask_nip",
    "profile_text",
    "purge",
    "purge_check",
    "purge_counts",
]


def mask_nip(nip: str) -> str:
    """`1985••••••••••1001`: the first four and last four digits, the rest hidden."""
    if len(nip) <= 8:
        return "•" * max(0, len(nip) - 4) + nip[-4:]
    return nip[:4] + "•" * (len(nip) - 8) + nip[-4:]


@dataclass(frozen=True)
class Profile:
    """Everything the bot holds on one participant."""

    participant: Participant
    holdings: Holdings


async def gather_profile(db: Database, user_id: int) -> Profile | None:
    """The participant's registration and what else is held on them; None if not registered."""
    p = await get_participant(db, user_id)
    if p is None:
        return None
    return Profile(p, await holdings_of(db, user_id))


def _when(lang: str, moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return t(
        lang, "privacy.when", date=fmt_date(local.date(), lang), time=fmt_time(local, lang, tz)
    )


def profile_text(lang: str, profile: Profile, agenda: Agenda | None, tz: ZoneInfo) -> str:
    """The /profil message (HTML): roster data with the NIP masked, phone, language,
    reminders, registration time, check-ins, reflections, questions, and how to delete."""
    p, held = profile.participant, profile.holdings
    sessions = {s.id: s for s in agenda.sessions} if agenda is not None else {}
    lines = []
    for session_id, _at in held.attended:
        s = sessions.get(session_id)
        if s is None:
            lines.append(t(lang, "privacy.attended_gone", session=escape(session_id)))
        else:
            title = escape(s.in_lang(lang, "title"))
            lines.append(
                t(lang, "privacy.attended_line", title=title, date=fmt_date_short(s.date, lang))
            )
    return t(
        lang,
        "privacy.profile",
        name=escape(p.name),
        nip=mask_nip(p.nip),
        position=escape(p.position or "-"),
        unit=escape(p.unit or "-"),
        group=group_line(lang, p.group),
        phone=escape(held.phone) if held.phone else t(lang, "privacy.no_phone"),
        verified=t(lang, "profile.verified" if p.verified else "profile.unverified"),
        language=t(lang, "lang.name"),
        reminders=t(lang, "state.on" if p.reminders else "state.off"),
        registered=_when(lang, datetime.fromtimestamp(p.registered_at, tz), tz),
        user_id=p.user_id,
        attended=t(lang, "privacy.attended", count=len(held.attended)),
        attendance="".join(lines),
        reflections=held.reflections,
        questions=held.questions,
    )


def forget_token(p: Participant) -> str:
    """What a confirmation button carries: the registration it was offered for (milliseconds
    of its time, in hex), so a button from before a new registration deletes nothing."""
    return format(round(p.registered_at * 1000), "x")


def _traces(p: Participant) -> list[str]:
    """The person's name and NIP in every form a stored text may hold them."""
    forms = [p.name, escape(p.name), p.nip]
    return [*forms, *(json.dumps(f)[1:-1] for f in forms)]


async def forget(
    db: Database, clock: Clock, settings: Settings, user_id: int, token: str
) -> dict[str, int] | None:
    """Delete a participant's data (db.privacy.forget_person) and tell the organisers their
    name and unit; None, with nothing changed, when they are not registered or `token` is
    not the one of their current registration."""
    p = await get_participant(db, user_id)
    if p is None or not secrets.compare_digest(token, forget_token(p)):
        return None
    lang = normalise_language(settings.default_language)
    name = addressed(lang, p.name, p.nip, p.salutation)  # "Bapak …", as other notices say
    text = t(lang, "privacy.forget_notice", name=escape(name), unit=escape(p.unit or "-"))
    item = secrets.token_hex(6)  # not the person's id: nothing of theirs stays in the row
    notices = [
        NewMessage(
            key=f"{FORGOTTEN}:{item}:{chat}",
            purpose=FORGOTTEN,
            item=item,
            chat_id=chat,
            payload={"text": text},
            priority=URGENT,
        )
        for chat in organiser_chats(settings)
    ]
    return await forget_person(
        db,
        user_id,
        registered_at=p.registered_at,
        traces=_traces(p),
        notices=notices,
        at=clock.timestamp(),
    )


class PurgeRefused(Exception):
    """The event may not be purged yet; `key` and `values` say why (texts privacy.cli_*)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def event_end(agenda: Agenda) -> datetime | None:
    """When the agenda's last session ends (event time, in the event's zone)."""
    tz = agenda.event.tz
    ends = [s.end_at(tz) for s in agenda.sessions]
    return max(ends) if ends else None


def purge_check(agenda: Agenda | None, before: date, now: datetime, lang: str) -> datetime:
    """The end of the event if it may be purged, else PurgeRefused.

    The rule: the agenda's last session has ended by `now` (the event is not running or
    still to come) and it ended on a day (in the event's zone) before `before`."""
    if agenda is None or (end := event_end(agenda)) is None:
        raise PurgeRefused("privacy.cli_no_agenda")
    name = agenda.event.name
    local_now = now.astimezone(agenda.event.tz)
    last = fmt_date(end.date(), lang)
    if end > local_now:
        today = fmt_date(local_now.date(), lang)
        raise PurgeRefused("privacy.cli_not_finished", event=name, last=last, today=today)
    if end.date() >= before:
        raise PurgeRefused(
            "privacy.cli_not_before", event=name, last=last, before=fmt_date(before, lang)
        )
    return end


async def purge(db: Database) -> tuple[dict[str, int], int, bool]:
    """Remove every participant's personal data (db.privacy.purge_personal_data), then VACUUM
    and empty the WAL: counts per kind, the file's size, whether the WAL was emptied."""
    counts = await purge_personal_data(db)
    size, emptied = await compact(db)
    return counts, size, emptied
