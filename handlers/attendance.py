"""/hadir, the Hadir button and its on-site code; /kehadiran and the nudge for organisers."""

from __future__ import annotations

import logging
from html import escape
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, filters

from bot.attendance import (
    attempt_checkin,
    checkin_message,
    code_prompt_open,
    looks_like_code,
    new_code,
    nudge_allowed,
    nudge_messages,
    report,
    session_for_report,
)
from bot.texts import Lang, t
from bot.timefmt import fmt_date, fmt_time_range
from db.attendance import get_code, set_code
from db.conversations import clear_conversation, set_conversation
from db.outbox import enqueue
from db.participants import list_participants
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
    require_participant,
)
from handlers.registration import report_lockout

__all__ = ["FLOW", "HANDLERS", "on_text"]

log = logging.getLogger(__name__)

FLOW = "checkin"
CODE = "code"

PRIVATE = filters.ChatType.PRIVATE


async def _checkin(
    update: Update, ctx: Ctx, lang: Lang, session_id: str | None, code: str | None, method: str
) -> None:
    p = await require_participant(update, ctx, lang)
    agenda = ctx.svc.agenda.current
    user = update.effective_user
    if p is None or agenda is None or user is None:
        return
    tz = agenda.event.tz
    now = ctx.svc.local_now()
    result = await attempt_checkin(
        ctx.svc.db, agenda, p, session_id=session_id, code=code, now=now, method=method
    )
    s = result.session
    title = escape(s.in_lang(lang, "title")) if s else ""
    if result.status == "needs_code" and s is not None:
        await set_conversation(
            ctx.svc.db, user.id, FLOW, CODE, {"session": s.id}, at=ctx.svc.clock.timestamp()
        )
        await reply(update, t(lang, "checkin.ask_code", title=title))
        return
    if result.status == "wrong_code" and s is not None:
        await set_conversation(
            ctx.svc.db, user.id, FLOW, CODE, {"session": s.id}, at=ctx.svc.clock.timestamp()
        )
        await reply(update, t(lang, "checkin.wrong_code"))
        return
    await clear_conversation(ctx.svc.db, user.id)
    if result.status == "too_many" and result.held is not None and s is not None:
        await report_lockout(ctx, result.held, title=title, name=escape(p.name))
    text = checkin_message(lang, result, now, tz)
    await reply(update, text)


async def checkin_command(update: Update, ctx: Ctx) -> None:
    """/hadir [code]: check in to the assembly or session whose window is open."""
    lang = await lang_of(update, ctx)
    code = ctx.args[0] if ctx.args else None
    await _checkin(update, ctx, lang, None, code, "command")


async def checkin_button(update: Update, ctx: Ctx) -> None:
    """hadir:SESSION on a briefing or reminder."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await answer_query(update)
    lang = await lang_of(update, ctx)
    await _checkin(update, ctx, lang, query.data.removeprefix("hadir:")[:64], None, "button")


async def takes_text(ctx: Ctx, user_id: int, text: str, data: dict[str, object]) -> bool:
    """Whether the code prompt takes this text: it looks like a code and the session's
    check-in window is still open (a prompt past its window is dropped)."""
    agenda = ctx.svc.agenda.current
    if agenda is None or not code_prompt_open(agenda, data.get("session"), ctx.svc.local_now()):
        await clear_conversation(ctx.svc.db, user_id)
        return False
    return looks_like_code(text)


async def on_text(update: Update, ctx: Ctx, state: str, text: str, data: dict[str, object]) -> None:
    """The on-site code typed after pressing Hadir."""
    lang = await lang_of(update, ctx)
    session_id = data.get("session")
    await _checkin(
        update, ctx, lang, str(session_id) if session_id else None, text.strip()[:20], "code"
    )


async def attendance_command(update: Update, ctx: Ctx) -> None:
    """/kehadiran [session]: who is in and who is missing by group, and a fresh code."""
    user = update.effective_user
    if user is None or not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    agenda = ctx.svc.agenda.current
    if agenda is None:
        await reply(update, t(lang, "agenda.none"))
        return
    wanted = ctx.args[0] if ctx.args else None
    session = session_for_report(agenda, ctx.svc.local_now(), wanted)
    if session is None:
        key = "attendance.unknown_session" if wanted else "attendance.no_session"
        await reply(update, t(lang, key, id=escape(wanted or "")))
        return
    # The code is shown on site; it stays the same for the session once issued, so that
    # looking at the report again does not invalidate the poster at the door.
    code = await get_code(ctx.svc.db, session.id)
    if code is None:
        code = new_code()
        await set_code(ctx.svc.db, session.id, code, by=user.id, at=ctx.svc.clock.timestamp())
    text, keyboard = await _report_text(ctx, lang, session.id)
    await reply(update, t(lang, "attendance.code", code=code) + "\n\n" + text, keyboard)


async def _report_text(
    ctx: Ctx, lang: Lang, session_id: str
) -> tuple[str, list[list[tuple[str, str]]]]:
    agenda = ctx.svc.agenda.require()
    session = next(s for s in agenda.sessions if s.id == session_id)
    tz = agenda.event.tz
    people = await list_participants(ctx.svc.db, active_only=True)
    r = await report(ctx.svc.db, session, people)
    lines = [
        t(
            lang,
            "attendance.header",
            title=escape(session.in_lang(lang, "title")),
            date=escape(fmt_date(session.date, lang)),
            time=fmt_time_range(session.start, session.end, lang, tz),
            location=escape(session.in_lang(lang, "location") or "-"),
            present=r.present,
            expected=r.expected,
        )
    ]
    missing = sum(len(v) for v in r.missing.values())
    if missing:
        lines.append(t(lang, "attendance.missing_header"))
        for group, people_missing in r.missing.items():
            # one name a line: names themselves hold commas ("Andri Wijaya, S.STP.")
            names = "\n".join(f"• {escape(p.name)}" for p in people_missing[:30])
            more = (
                "\n" + t(lang, "attendance.more", count=len(people_missing) - 30)
                if len(people_missing) > 30
                else ""
            )
            lines.append(
                t(
                    lang,
                    "attendance.group",
                    group=escape(group),
                    count=len(people_missing),
                    names=names + more,
                )
            )
        # "Segera menuju…" makes sense only once check-in is open, not hours before.
        if nudge_allowed(session, ctx.svc.local_now(), agenda.event.tz):
            keyboard = [[(t(lang, "btn.nudge", count=missing), f"nudge:{session.id}")]]
        else:
            keyboard = []
    else:
        lines.append(t(lang, "attendance.all_present"))
        keyboard = []
    return "\n".join(lines), keyboard


async def nudge_button(update: Update, ctx: Ctx) -> None:
    """nudge:SESSION — queue a reminder to everyone still missing."""
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return
    if not await organiser_button(update, ctx):
        return
    lang = await lang_of(update, ctx)
    agenda = ctx.svc.agenda.current
    session_id = query.data.removeprefix("nudge:")
    session = next((s for s in agenda.sessions if s.id == session_id), None) if agenda else None
    if session is None:
        log.info("nudge for an unknown session %r", session_id[:64])
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    if not nudge_allowed(session, ctx.svc.local_now(), session_tz(ctx)):
        await answer_query(update, t(lang, "attendance.nudge_closed"), show_alert=True)
        return
    await answer_query(update)
    people = await list_participants(ctx.svc.db, active_only=True)
    r = await report(ctx.svc.db, session, people)
    # One nudge per report message: a double tap (even seconds apart) nudges once.
    report_id = query.message.message_id if query.message is not None else 0
    messages = nudge_messages(r, report_id, default_lang=ctx.svc.settings.default_language)
    count = await enqueue(ctx.svc.db, messages, at=ctx.svc.clock.timestamp())
    if ctx.svc.outbox is not None:
        ctx.svc.outbox.wake()
    await edit_query_message(update, None)
    await reply(update, t(lang, "attendance.nudged", count=count))


def session_tz(ctx: Ctx) -> ZoneInfo:
    """The event's time zone."""
    return ctx.svc.agenda.require().event.tz


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["hadir", "checkin"], checkin_command, PRIVATE),
    command(["kehadiran", "attendance"], attendance_command, ORGANISER_CHATS),
    CallbackQueryHandler(checkin_button, pattern=r"^hadir:"),
    CallbackQueryHandler(nudge_button, pattern=r"^nudge:"),
]
