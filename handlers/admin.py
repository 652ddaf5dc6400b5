"""Organisers' commands: /ubah (move a session) and /status."""

from __future__ import annotations

import logging
import re
from datetime import time
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.changes import UnknownSession, clashes, fmt_new_time, moved_session, reschedule
from bot.models import Agenda, Session
from bot.render import session_line
from bot.status import status_text
from bot.texts import Lang, t
from db.conversations import clear_conversation, get_conversation, set_conversation
from db.roster import list_roster
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
    agenda = ctx.svc.agenda.current
    moved, refusal = _move_asked(lang, agenda, ctx.args or [])
    if moved is None or agenda is None:
        await reply(update, refusal)
        return
    people = [(e.position, e.group) for e in await list_roster(ctx.svc.db)]
    overlapping = clashes(agenda, moved, people)
    if not overlapping:
        await _move(update, ctx, lang, moved.id, moved.start, moved.end)
        return
    data = {"session": moved.id, "start": moved.start.isoformat(), "end": moved.end.isoformat()}
    await set_conversation(ctx.svc.db, user.id, FLOW, CONFIRM, data, at=ctx.svc.clock.timestamp())
    title, new = escape(moved.in_lang(lang, "title")), fmt_new_time(lang, moved, agenda)
    names = "\n".join(f"• {session_line(lang, s)}" for s in overlapping)
    await reply(
        update,
        t(lang, "admin.overlap", title=title, new=new) + "\n" + names,
        [[(t(lang, "btn.move_anyway"), "ubah:yes"), (t(lang, "btn.cancel"), "ubah:no")]],
    )


def _move_asked(lang: Lang, agenda: Agenda | None, args: list[str]) -> tuple[Session | None, str]:
    """The session as /ubah's arguments would move it, or None and the refusal to send."""
    if len(args) not in (2, 3) or agenda is None:
        return None, t(lang, "admin.ubah_usage")
    times = [parse_hhmm(a) for a in args[1:]]
    for raw, parsed in zip(args[1:], times, strict=True):
        if parsed is None:
            return None, t(lang, "admin.bad_time", value=escape(raw[:20]))
    start, end = times[0], times[1] if len(times) > 1 else None
    assert start is not None
    if end is not None and end <= start:
        return None, t(lang, "admin.end_before_start")
    try:
        return moved_session(agenda, args[0], start, end), ""
    except UnknownSession:
        return None, t(lang, "attendance.unknown_session", id=escape(args[0][:64]))


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


async def status_command(update: Update, ctx: Ctx) -> None:
    """/status: the event clock, participants, outbox queue, late items, last errors, and
    the announcements."""
    if not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    svc = ctx.svc
    text = await status_text(
        svc.db,
        svc.clock,
        svc.agenda.current,
        now=svc.local_now(),
        started_at=svc.started_at,
        lang=lang,
    )
    await reply(update, text + "\n\n" + await broadcast_status(ctx, lang))


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["ubah", "reschedule"], reschedule_command, ORGANISER_CHATS),
    CallbackQueryHandler(confirm_button, pattern=r"^ubah:(yes|no)$"),
    command("status", status_command, ORGANISER_CHATS),
]
