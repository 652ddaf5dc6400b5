"""/status as organisers read it: the event clock (one clock throughout), participants, the
queue of automatic messages, what did not reach people in time, the last errors. The chat's
/status shows it; a CLI or web page can call the same function."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import escape

from bot.clock import Clock
from bot.models import Agenda
from bot.schedule import REFLECTION_KINDS
from bot.texts import Lang, t
from bot.timefmt import fmt_date, fmt_date_short, fmt_minutes, fmt_time
from db import Database
from db.dispatch import dispatch_counts, late_items
from db.meta import last_errors
from db.outbox import counts, expired_by_item
from db.participants import count_participants
from db.roster import roster_size

__all__ = ["LATE_LINES", "item_name", "late_lines", "moment", "status_text"]

# Outbox purposes that share a name with a planned kind (`kind.*` in the texts).
OUTBOX_KINDS = frozenset({"briefing", "reminder"})
# A reminder's dispatch key (bot/schedule.py): reminder:SESSION@YYYYmmddTHHMM-LEAD.
_REMINDER_KEY = re.compile(r"^reminder:(.+)@\d{8}T\d{4}-(\d+)$")
_DAY_KEY = re.compile(r"^\w+:(\d{4}-\d{2}-\d{2})$")
LATE_LINES = 5  # /status lists this many late items, then "dan N lainnya"


def moment(lang: Lang, when: datetime, *, today: date | None = None, short: bool = False) -> str:
    """ "Kamis, 15 Mei 2025, pukul 08.30 WIB" (in `when`'s zone); "pukul 08.30 WIB" alone
    on `today`; with `short`, the day as on a button ("Kam, 15 Mei")."""
    time_text = fmt_time(when, lang, when.tzinfo)
    if when.date() == today:
        return t(lang, "status.at_time", time=time_text)
    day = fmt_date_short(when.date(), lang) if short else fmt_date(when.date(), lang)
    return t(lang, "time.on_date", date=day, time=time_text)


async def status_text(
    db: Database,
    clock: Clock,
    agenda: Agenda | None,
    *,
    now: datetime,
    started_at: datetime,
    lang: Lang,
) -> str:
    """The status report (without the announcements' lines); `now` on the event clock in the
    event's zone."""
    # One clock throughout: every moment and the uptime on the event clock; a rehearsal
    # also says when it started in real time, labelled so.
    tz = now.tzinfo
    assert tz is not None
    box = await counts(db)
    plan = await dispatch_counts(db)
    people = await count_participants(db)
    errors = await last_errors(db)
    late = await late_lines(db, lang, agenda)
    since = started_at.astimezone(tz)
    uptime = max(0, int((now - since).total_seconds() // 60))
    error_lines = "\n".join(
        t(
            lang,
            "status.error_line",
            when=escape(moment(lang, datetime.fromtimestamp(at, tz), today=now.date(), short=True)),
            error=escape(text[:200]),
        )
        for at, text in errors
    ) or t(lang, "status.no_errors")
    rehearsal = ""
    if clock.rehearsing:
        real = moment(lang, clock.real_start(tz), today=clock.real_now(tz).date())
        rehearsal = t(lang, "status.rehearsal", speed=f"{clock.speed:g}", real=escape(real))
    return t(
        lang,
        "status.text",
        since=escape(moment(lang, since)),
        uptime=fmt_minutes(uptime, lang),
        now=escape(moment(lang, now)),
        rehearsal=rehearsal,
        active=people.get("active", 0),
        inactive=people.get("inactive", 0),
        roster=await roster_size(db),
        pending=box.get("pending", 0) + box.get("sending", 0),
        sent=box.get("sent", 0),
        failed=box.get("failed", 0),
        # messages of items that expired unsent count too: they are the late list's
        expired=box.get("expired", 0) + plan.get("expired_messages", 0),
        skipped=box.get("skipped", 0),
        uncertain=box.get("uncertain", 0),
        late=late,
        due=plan.get("pending", 0),
        done=plan.get("done", 0) + plan.get("expired", 0) - plan.get("before_start", 0),
        before=t(lang, "status.before_start", count=plan["before_start"])
        if plan.get("before_start")
        else "",
        errors=error_lines,
    )


def item_name(lang: Lang, agenda: Agenda | None, kind: str, key: str) -> str:
    """An automatic message as organisers know it: "pengingat Upacara Pembukaan (30 menit
    sebelum)", "ringkasan Kam, 15 Mei"; other purposes as they are."""
    reminder = _REMINDER_KEY.match(key)
    if kind == "reminder" and reminder is not None:
        session_id, lead = reminder.group(1), int(reminder.group(2))
        found = next((s for s in agenda.sessions if s.id == session_id), None) if agenda else None
        title = found.in_lang(lang, "title") if found is not None else session_id
        offset = t(lang, "status.lead", minutes=lead) if lead > 0 else t(lang, "status.lead_start")
        return f"{t(lang, 'kind.reminder')} {escape(title)} ({offset})"
    day = _DAY_KEY.match(key)
    if day is not None and kind in OUTBOX_KINDS | REFLECTION_KINDS:
        when = fmt_date_short(date.fromisoformat(day.group(1)), lang)
        return f"{t(lang, f'kind.{kind}')} {when}"
    return escape(kind if kind not in OUTBOX_KINDS else t(lang, f"kind.{kind}"))


async def late_lines(db: Database, lang: Lang, agenda: Agenda | None = None) -> str:
    """What did not, or is predicted not to, reach people in time; empty when all did.
    Items that were never sendable (planned after their moment) are not among them."""
    lines: list[str] = []
    for kind, key, status, total, risk in await late_items(db):
        name = item_name(lang, agenda, kind, key)
        if status == "expired":
            lines.append(t(lang, "status.late_expired", kind=name, count=total))
        else:
            lines.append(t(lang, "status.late_at_risk", kind=name, count=risk, total=total))
    for purpose, item, count in await expired_by_item(db):
        name = item_name(lang, agenda, purpose, item)
        lines.append(t(lang, "status.late_expired", kind=name, count=count))
    if not lines:
        return ""
    shown = "".join(lines[:LATE_LINES])
    if len(lines) > LATE_LINES:
        shown += t(lang, "status.late_more", count=len(lines) - LATE_LINES)
    return t(lang, "status.late_header") + shown
