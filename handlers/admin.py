"""Organisers' commands: /ubah (move a session) and /status."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.changes import UnknownSession, clashes, fmt_new_time, moved_session, reschedule
from bot.models import Agenda
from bot.render import session_line
from bot.schedule import REFLECTION_KINDS
from bot.texts import Lang, t
from bot.timefmt import fmt_date, fmt_date_short, fmt_minutes, fmt_time
from db import Database
from db.conversations import clear_conversation, get_conversation, set_conversation
from db.dispatch import dispatch_counts, late_items
from db.meta import last_errors
from db.outbox import counts, expired_by_item
from db.participants import count_participants
from db.roster import list_roster, roster_size
from handlers.broadcasts import status_lines as broadcast_status
from handlers.common import (
    ORGANISER_CHATS,
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    organiser_button,
    reply,
    require_admin,
)

__all__ = ["FLOW", "HANDLERS", "parse_hhmm"]

log = logging.getLogger(__name__)

# The overlap confirmation of /ubah, kept like any conversation (survives a restart).
FLOW = "reschedule"
CONFIRM = "confirm"

# Outbox purposes that share a name with a planned kind (`kind.*` in the texts).
OUTBOX_KINDS = frozenset({"briefing", "reminder"})
# A reminder's dispatch key (bot/schedule.py): reminder:SESSION@YYYYmmddTHHMM-LEAD.
_REMINDER_KEY = re.compile(r"^reminder:(.+)@\d{8}T\d{4}-(\d+)$")
_DAY_KEY = re.compile(r"^\w+:(\d{4}-\d{2}-\d{2})$")
LATE_LINES = 5  # /status lists this many late items, then "dan N lainnya"
_HHMM = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")


def parse_hhmm(value: str) -> time | None:
    """`10.30` or `10:30` as a time; None when it is not one."""
    match = _HHMM.match(value.strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


async def reschedule_command(update: Update, ctx: Ctx) -> None:
    """/ubah ID HH.MM [HH.MM]: move a session (asking first when it would overlap another);
    reminders follow; those affected are told."""
    user = update.effective_user
    if user is None or not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    args = ctx.args or []
    agenda = ctx.svc.agenda.current
    if len(args) not in (2, 3) or agenda is None:
        await reply(update, t(lang, "admin.ubah_usage"))
        return
    times = [parse_hhmm(a) for a in args[1:]]
    for raw, parsed in zip(args[1:], times, strict=True):
        if parsed is None:
            await reply(update, t(lang, "admin.bad_time", value=escape(raw[:20])))
            return
    start, end = times[0], times[1] if len(times) > 1 else None
    assert start is not None
    if end is not None and end <= start:
        await reply(update, t(lang, "admin.end_before_start"))
        return
    try:
        moved = moved_session(agenda, args[0], start, end)
    except UnknownSession:
        await reply(update, t(lang, "attendance.unknown_session", id=escape(args[0][:64])))
        return
    people = [(e.position, e.group) for e in await list_roster(ctx.svc.db)]
    overlapping = clashes(agenda, moved, people)
    if not overlapping:
        await _move(update, ctx, lang, moved.id, moved.start, moved.end)
        return
    data = {"session": moved.id, "start": moved.start.isoformat(), "end": moved.end.isoformat()}
    await set_conversation(ctx.svc.db, user.id, FLOW, CONFIRM, data, at=ctx.svc.clock.timestamp())
    names = "\n".join(f"• {session_line(lang, s)}" for s in overlapping)
    await reply(
        update,
        t(
            lang,
            "admin.overlap",
            title=escape(moved.in_lang(lang, "title")),
            new=fmt_new_time(lang, moved, agenda),
        )
        + "\n"
        + names,
        [[(t(lang, "btn.move_anyway"), "ubah:yes"), (t(lang, "btn.cancel"), "ubah:no")]],
    )


async def confirm_button(update: Update, ctx: Ctx) -> None:
    """ubah:yes / ubah:no under an overlap warning."""
    user = update.effective_user
    if user is None or update.callback_query is None:
        return
    if not await organiser_button(update, ctx):
        return
    lang = await lang_of(update, ctx)
    conv = await get_conversation(ctx.svc.db, user.id)
    if conv is None or conv.flow != FLOW:
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    await answer_query(update)
    await clear_conversation(ctx.svc.db, user.id)
    await edit_query_message(update, None)
    if update.callback_query.data != "ubah:yes":
        await reply(update, t(lang, "admin.not_moved"))
        return
    data = conv.data
    start, end = time.fromisoformat(data["start"]), time.fromisoformat(data["end"])
    await _move(update, ctx, lang, str(data["session"]), start, end)


async def _move(
    update: Update, ctx: Ctx, lang: Lang, session_id: str, start: time, end: time
) -> None:
    agenda = ctx.svc.agenda.require()
    try:
        moved, notified = await reschedule(
            ctx.svc.db,
            ctx.svc.clock,
            agenda,
            session_id,
            start,
            end,
            default_lang=ctx.svc.settings.default_language,
        )
    except UnknownSession:
        await reply(update, t(lang, "attendance.unknown_session", id=escape(session_id[:64])))
        return
    log.info("session %s moved to %s by organiser", moved.id, moved.start)
    await ctx.svc.agenda_changed()
    text = t(
        lang,
        "admin.moved",
        title=escape(moved.in_lang(lang, "title")),
        new=fmt_new_time(lang, moved, agenda),
        count=notified,
    )
    await reply(update, text)


def moment(lang: Lang, when: datetime, *, today: date | None = None, short: bool = False) -> str:
    """ "Kamis, 15 Mei 2025, pukul 08.30 WIB" (in `when`'s zone); "pukul 08.30 WIB" alone
    on `today`; with `short`, the day as on a button ("Kam, 15 Mei")."""
    time_text = fmt_time(when, lang, when.tzinfo)
    if when.date() == today:
        return t(lang, "status.at_time", time=time_text)
    day = fmt_date_short(when.date(), lang) if short else fmt_date(when.date(), lang)
    return t(lang, "time.on_date", date=day, time=time_text)


async def status_command(update: Update, ctx: Ctx) -> None:
    """/status: the event clock, participants, outbox queue, last errors."""
    if not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    svc = ctx.svc
    # One clock throughout: every moment and the uptime on the event clock; a rehearsal
    # also says when it started in real time, labelled so.
    now = svc.local_now()
    tz = now.tzinfo
    assert tz is not None
    box = await counts(svc.db)
    plan = await dispatch_counts(svc.db)
    people = await count_participants(svc.db)
    errors = await last_errors(svc.db)
    late = await late_lines(svc.db, lang, svc.agenda.current)
    since = svc.started_at.astimezone(tz)
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
    if svc.clock.rehearsing:
        real = moment(lang, svc.clock.real_start(tz), today=svc.clock.real_now(tz).date())
        rehearsal = t(lang, "status.rehearsal", speed=f"{svc.clock.speed:g}", real=escape(real))
    await reply(
        update,
        t(
            lang,
            "status.text",
            since=escape(moment(lang, since)),
            uptime=fmt_minutes(uptime, lang),
            now=escape(moment(lang, now)),
            rehearsal=rehearsal,
            active=people.get("active", 0),
            inactive=people.get("inactive", 0),
            roster=await roster_size(svc.db),
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
        + "\n\n"
        + await broadcast_status(ctx, lang),
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


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["ubah", "reschedule"], reschedule_command, ORGANISER_CHATS),
    CallbackQueryHandler(confirm_button, pattern=r"^ubah:(yes|no)$"),
    command("status", status_command, ORGANISER_CHATS),
]
