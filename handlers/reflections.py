"""/refleksi and the reflection's buttons: one question at a time, every answer stored at once
(SPEC §10). The rules are in bot/reflections.py; this only guards, calls and replies."""

from __future__ import annotations

import logging
from datetime import date
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, filters

from bot.models import Agenda
from bot.reflections import (
    BadAnswer,
    DayClosed,
    Progress,
    answer,
    day_of,
    event_over,
    is_open,
    journal_parts,
    open_day,
    progress,
    question,
    question_view,
    summary_view,
)
from bot.salutation import addressed
from bot.texts import Lang, t
from bot.timefmt import fmt_date
from db.conversations import (
    Conversation,
    clear_conversation,
    get_conversation,
    set_conversation,
)
from db.participants import Participant
from db.reflections import journal_answers
from handlers.common import (
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    participant_of,
    remember_user,
    reply,
    require_participant,
)

__all__ = ["FLOW", "HANDLERS", "on_media", "on_text"]

log = logging.getLogger(__name__)

FLOW = "reflect"
# Conversation states (db/conversations.py, so a restart loses nothing): answering the first
# unanswered question, or changing the one named in the data.
ASK, EDIT = "ask", "edit"

PRIVATE = filters.ChatType.PRIVATE


async def reflect_command(update: Update, ctx: Ctx) -> None:
    """/refleksi: start, resume or edit the open day's reflection; the journal after the event."""
    await remember_user(update, ctx)
    lang = await lang_of(update, ctx)
    p = await require_participant(update, ctx, lang)
    agenda = ctx.svc.agenda.current
    if p is None:
        return
    if agenda is None:
        await reply(update, t(lang, "refl.no_agenda"))
        return
    now = ctx.svc.local_now()
    if event_over(agenda, now):
        name = addressed(lang, p.name, p.nip, p.salutation)
        for part in journal_parts(lang, agenda, await journal_answers(ctx.svc.db, p.user_id), name):
            await reply(update, part)
        return
    day = open_day(agenda, now)
    if day is None:
        days = agenda.days()
        before = bool(days) and now.date() < days[0]
        await reply(
            update,
            t(lang, "refl.not_yet", date=fmt_date(days[0], lang))
            if before
            else t(lang, "refl.none_today"),
        )
        return
    await _open(update, ctx, agenda, p, day, lang)


async def _open(
    update: Update, ctx: Ctx, agenda: Agenda, p: Participant, day: date, lang: Lang
) -> None:
    """Resume at the first unanswered question, or show the finished reflection."""
    pr = await progress(ctx.svc.db, agenda, p.user_id, day)
    if pr.finished:
        await clear_conversation(ctx.svc.db, p.user_id)
        text, keyboard = summary_view(lang, agenda, pr, editable=True)
        await reply(update, text, keyboard)
        return
    head = (
        t(
            lang,
            "refl.resume",
            date=fmt_date(day, lang),
            done=sum(q.id in pr.answers for q in pr.questions),
            total=len(pr.questions),
        )
        if pr.answers
        else t(lang, "refl.intro", date=fmt_date(day, lang))
    )
    await reply(update, head)
    await _ask(update, ctx, p.user_id, pr, lang)


async def _ask(update: Update, ctx: Ctx, user_id: int, pr: Progress, lang: Lang) -> None:
    """Ask the first unanswered question (the conversation remembers the day)."""
    q = pr.next
    assert q is not None
    await set_conversation(
        ctx.svc.db, user_id, FLOW, ASK, {"day": pr.day.isoformat()}, at=ctx.svc.clock.timestamp()
    )
    text, keyboard = question_view(lang, pr, q)
    await reply(update, text, keyboard)


async def _after(
    update: Update, ctx: Ctx, agenda: Agenda, user_id: int, pr: Progress, lang: Lang, edited: bool
) -> None:
    """After a stored answer: the next question, or the summary with its Edit buttons."""
    if pr.finished:
        await clear_conversation(ctx.svc.db, user_id)
        text, keyboard = summary_view(lang, agenda, pr, editable=True)
        await reply(
            update, t(lang, "refl.edited" if edited else "refl.done") + "\n\n" + text, keyboard
        )
        return
    await _ask(update, ctx, user_id, pr, lang)


def _closed(lang: Lang, day: date) -> str:
    return t(lang, "refl.closed", date=fmt_date(day, lang))


def _parts(data: str | None, count: int) -> list[str] | None:
    """`refl:x:...` split into exactly `count` fields after the prefix, else None."""
    fields = (data or "").split(":")
    return fields[2:] if len(fields) == count + 2 else None


async def start_button(update: Update, ctx: Ctx) -> None:
    """refl:s:DAY on a prompt or nudge: start or resume that day's reflection, if still open."""
    lang = await lang_of(update, ctx)
    p, agenda = await participant_of(update, ctx), ctx.svc.agenda.current
    fields = _parts(update.callback_query.data if update.callback_query else None, 1)
    day = day_of(fields[0], agenda) if fields and agenda else None
    if p is None or agenda is None or day is None:
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    if not is_open(agenda, day, ctx.svc.local_now()):
        await answer_query(update, _closed(lang, day), show_alert=True)
        return
    conv = await get_conversation(ctx.svc.db, p.user_id)
    if (
        conv is not None
        and (conv.flow, conv.state) == (FLOW, ASK)
        and conv.data.get("day") == day.isoformat()
    ):
        # under way (a second press, an old prompt): the question asked stands, sent once
        await answer_query(update, t(lang, "refl.already_started"), show_alert=True)
        return
    await answer_query(update)
    await _open(update, ctx, agenda, p, day, lang)


async def answer_button(update: Update, ctx: Ctx) -> None:
    """refl:a:DAY:QUESTION:N: a rating or a choice."""
    lang = await lang_of(update, ctx)
    p, agenda = await participant_of(update, ctx), ctx.svc.agenda.current
    fields = _parts(update.callback_query.data if update.callback_query else None, 3)
    day = day_of(fields[0], agenda) if fields and agenda else None
    if p is None or agenda is None or day is None or fields is None:
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    qid, raw = fields[1], fields[2]
    if not is_open(agenda, day, ctx.svc.local_now()):
        await answer_query(update, _closed(lang, day), show_alert=True)
        return
    conv = await get_conversation(ctx.svc.db, p.user_id)
    editing = (
        conv is not None
        and conv.flow == FLOW
        and conv.state == EDIT
        and conv.data.get("day") == day.isoformat()
        and conv.data.get("q") == qid
    )
    before = await progress(ctx.svc.db, agenda, p.user_id, day)
    if qid in before.answers and not editing:
        # a second tap, or a tap on an older question: the first answer stands
        await answer_query(update, t(lang, "refl.already"))
        return
    try:
        pr, _ = await answer(
            ctx.svc.db, agenda, p.user_id, day, qid, raw, now=ctx.svc.local_now(), button=True
        )
    except DayClosed:
        await answer_query(update, _closed(lang, day), show_alert=True)
        return
    except BadAnswer as exc:
        await answer_query(update, exc.message(lang))
        return
    await answer_query(update)
    q = question(agenda, qid)
    if q is not None:
        text, _ = question_view(lang, pr, q)
        await edit_query_message(
            update, text + "\n\n" + t(lang, "refl.chosen", answer=escape(pr.answers[qid].value))
        )
    await _after(update, ctx, agenda, p.user_id, pr, lang, editing)


async def edit_button(update: Update, ctx: Ctx) -> None:
    """refl:e:DAY:QUESTION under the summary: ask that question again, while the day is open."""
    lang = await lang_of(update, ctx)
    p, agenda = await participant_of(update, ctx), ctx.svc.agenda.current
    fields = _parts(update.callback_query.data if update.callback_query else None, 2)
    day = day_of(fields[0], agenda) if fields and agenda else None
    q = question(agenda, fields[1]) if fields and agenda else None
    if p is None or agenda is None or day is None or q is None:
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    if not is_open(agenda, day, ctx.svc.local_now()):
        await answer_query(update, _closed(lang, day), show_alert=True)
        return
    await answer_query(update)
    await set_conversation(
        ctx.svc.db,
        p.user_id,
        FLOW,
        EDIT,
        {"day": day.isoformat(), "q": q.id},
        at=ctx.svc.clock.timestamp(),
    )
    pr = await progress(ctx.svc.db, agenda, p.user_id, day)
    text, keyboard = question_view(lang, pr, q, editing=True)
    await reply(update, text, keyboard)


async def on_text(update: Update, ctx: Ctx, conv: Conversation, text: str) -> bool:
    """A message while reflecting: the answer to the question asked. False when the
    reflection is no longer open (the conversation is closed and the text answered as usual)."""
    lang = await lang_of(update, ctx)
    p, agenda = await participant_of(update, ctx), ctx.svc.agenda.current
    user = update.effective_user
    day = day_of(str(conv.data.get("day", "")), agenda) if agenda else None
    now = ctx.svc.local_now()
    if user is None:
        return False
    if p is None or agenda is None or day is None or not is_open(agenda, day, now):
        await clear_conversation(ctx.svc.db, user.id)
        return False
    pr = await progress(ctx.svc.db, agenda, p.user_id, day)
    editing = conv.state == EDIT
    q = question(agenda, str(conv.data.get("q", ""))) if editing else pr.next
    if q is None:
        await clear_conversation(ctx.svc.db, p.user_id)
        return False
    try:
        pr, _ = await answer(ctx.svc.db, agenda, p.user_id, day, q.id, text, now=now)
    except DayClosed:  # closed since the check above
        await clear_conversation(ctx.svc.db, p.user_id)
        await reply(update, _closed(lang, day))
        return True
    except BadAnswer as exc:
        body, keyboard = question_view(lang, pr, q, editing=editing)
        await reply(update, exc.message(lang))
        if q.type != "text":  # the buttons again, so the answer is one tap away
            await reply(update, body, keyboard)
        return True
    await _after(update, ctx, agenda, p.user_id, pr, lang, editing)
    return True


async def on_media(update: Update, ctx: Ctx, conv: Conversation) -> bool:
    """A sticker, photo or voice note while reflecting: say what is expected and ask again.
    False when the reflection is no longer open."""
    lang = await lang_of(update, ctx)
    p, agenda = await participant_of(update, ctx), ctx.svc.agenda.current
    day = day_of(str(conv.data.get("day", "")), agenda) if agenda else None
    if p is None or agenda is None or day is None or not is_open(agenda, day, ctx.svc.local_now()):
        return False
    pr = await progress(ctx.svc.db, agenda, p.user_id, day)
    q = question(agenda, str(conv.data.get("q", ""))) if conv.state == EDIT else pr.next
    if q is None:
        return False
    body, keyboard = question_view(lang, pr, q, editing=conv.state == EDIT)
    await reply(update, t(lang, "refl.use_text") + "\n\n" + body, keyboard)
    return True


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["refleksi", "reflect"], reflect_command, PRIVATE),
    CallbackQueryHandler(start_button, pattern=r"^refl:s:"),
    CallbackQueryHandler(answer_button, pattern=r"^refl:a:"),
    CallbackQueryHandler(edit_button, pattern=r"^refl:e:"),
]
