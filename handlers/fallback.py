"""Everything else: free text (conversations, agenda questions), unknown commands, media,
edited and group messages, stale buttons — a reply or a deliberate silence, never an exception."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.intents import match_intent
from bot.salutation import addressed
from bot.texts import Lang, t
from bot.timefmt import fmt_count
from db.conversations import Conversation, clear_conversation, get_conversation
from handlers import admin, attendance, broadcasts, imports, questions, reflections, registration
from handlers.agenda import answer_intent
from handlers.common import (
    Ctx,
    answer_query,
    lang_of,
    organisers_command,
    participant_of,
    remember_user,
    reply,
    unknown_command,
)
from handlers.preferences import help_text

__all__ = ["HANDLERS", "MAX_TEXT"]

log = logging.getLogger(__name__)

# Longest free text we take in a conversation (reflection answers are capped at 2,000).
MAX_TEXT = 2000

PRIVATE = filters.ChatType.PRIVATE


async def on_text(update: Update, ctx: Ctx) -> None:
    """Private free text: the open conversation's next step, else an agenda question, else help."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or msg.text is None:
        return
    await remember_user(update, ctx)
    lang = await lang_of(update, ctx)
    text = msg.text
    if await questions.on_reply(update, ctx, text):  # an organiser answering a question
        return
    conv = await get_conversation(ctx.svc.db, user.id)
    if conv is not None and conv.flow == broadcasts.FLOW:  # an announcement may be long
        await broadcasts.on_text(update, ctx, conv)
        return
    # A reflection answer says itself what is wrong with an over-long text, and asks again.
    if conv is not None and conv.flow == reflections.FLOW:
        if await reflections.on_text(update, ctx, conv, text):
            return
        conv = None  # the reflection has closed: answer the text as usual
    if len(text) > MAX_TEXT:
        length, limit = fmt_count(len(text), lang), fmt_count(MAX_TEXT, lang)
        await reply(update, t(lang, "fallback.too_long", length=length, limit=limit))
        return
    if conv is not None and await _continue(update, ctx, user.id, conv, text, lang):
        return
    await _free_text(update, ctx, user.id, text, lang)


async def _free_text(update: Update, ctx: Ctx, user_id: int, text: str, lang: Lang) -> None:
    """Free text outside any conversation: an agenda question, thanks, a greeting, a call
    for help, else the short help with buttons."""
    intent = match_intent(text)
    if intent is not None and await answer_intent(update, ctx, intent):
        return
    kind = intent.kind if intent is not None else None
    if kind == "thanks":
        await reply(update, t(lang, "ask.thanks"))
        return
    p = await participant_of(update, ctx)
    if kind == "greeting":
        name = f", {escape(addressed(lang, p.name, p.nip, p.salutation))}" if p else ""
        await reply(update, t(lang, "ask.greeting", name=name), _menu(lang, p is not None))
        return
    if kind == "help":
        admin = ctx.svc.settings.is_admin(user_id)
        await reply(update, help_text(lang, admin), _menu(lang, True))
        return
    if intent is not None and kind == "where" and intent.topic:
        answer = t(lang, "ask.where_none", topic=escape(intent.topic[:60]))
    else:
        answer = t(lang, "fallback.text")
    if p is not None:  # a participant may ask the organisers instead
        answer += t(lang, "fallback.ask")
    await reply(update, answer, _menu(lang, p is not None))


async def _continue(
    update: Update, ctx: Ctx, user_id: int, conv: Conversation, text: str, lang: Lang
) -> bool:
    """The open conversation's next step; False when the text is not for it (answer it as a
    question)."""
    if conv.flow == registration.FLOW:
        await registration.on_text(update, ctx, conv.state, text)
        return True
    if conv.flow == attendance.FLOW:
        # Only something that looks like a code goes to the code prompt; "jadwal besok" is
        # answered as usual and the prompt still stands.
        if not await attendance.takes_text(ctx, user_id, text, conv.data):
            return False
        await attendance.on_text(update, ctx, conv.state, text, conv.data)
        return True
    if conv.flow == admin.FLOW:
        return False  # the overlap warning waits for its buttons; text is answered as usual
    if conv.flow == questions.FLOW:
        await questions.on_text(update, ctx, text)
        return True
    if conv.flow == imports.FLOW:
        await reply(update, t(lang, "import.ask"))
        return True
    log.warning("dropping unknown conversation flow %r", conv.flow)
    await clear_conversation(ctx.svc.db, user_id)
    return False


def _menu(lang: str, registered: bool) -> list[list[tuple[str, str]]]:
    rows = [
        [(t(lang, "btn.today"), "menu:today"), (t(lang, "btn.now"), "menu:now")],
        [(t(lang, "btn.tomorrow"), "menu:tomorrow"), (t(lang, "btn.help"), "menu:help")],
    ]
    if not registered:
        rows.append([(t(lang, "btn.register"), "menu:register")])
    return rows


async def on_media(update: Update, ctx: Ctx) -> None:
    """Stickers, photos, voice, files...: we read text only."""
    user = update.effective_user
    conv = await get_conversation(ctx.svc.db, user.id) if user is not None else None
    in_reflection = conv is not None and conv.flow == reflections.FLOW
    if conv is not None and in_reflection and await reflections.on_media(update, ctx, conv):
        return
    lang = await lang_of(update, ctx)
    # Mid-conversation, say what that conversation takes (its draft or prompt still waits).
    flow = conv.flow if conv is not None else None
    key = {broadcasts.FLOW: "bc.media_unusable", questions.FLOW: "question.text_only"}.get(
        flow or "", "fallback.media"
    )
    await reply(update, t(lang, key))


async def on_edited(update: Update, ctx: Ctx) -> None:
    """An edited message is not acted on again; say so, so nobody waits for an answer."""
    if update.edited_message is None or update.edited_message.chat.type != "private":
        return  # deliberate silence outside private chats
    lang = await lang_of(update, ctx)
    await reply(update, t(lang, "fallback.edited"))


async def on_group_command(update: Update, ctx: Ctx) -> None:
    """A command in a group: point the person to the private chat, now and then, or stay silent.
    An organisers' command from anyone else gets the unknown-command reply (and is logged)."""
    user, chat, msg = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None:
        return
    if not ctx.svc.group_replies.allow(chat.id, user.id, ctx.svc.clock.monotonic()):
        return  # deliberate silence: pointed there a moment ago, or the group is busy
    intruder = bool(msg and msg.text and organisers_command(msg.text))
    intruder = intruder and not ctx.svc.settings.is_admin(user.id)
    try:
        if intruder:
            await unknown_command(update, ctx)
            return
        lang = await lang_of(update, ctx)
        await reply(update, t(lang, "fallback.group", bot=escape(ctx.svc.bot_username or "")))
    except RetryAfter:  # the group's own limit: a late pointer helps nobody
        log.info("group %d is in a flood wait; pointer not sent", chat.id)


async def stale_button(update: Update, ctx: Ctx) -> None:
    """A button we do not know (old message, forged data): say so, change nothing."""
    query = update.callback_query
    if query is None:
        return
    log.info("unknown callback data %r", (query.data or "")[:64])
    lang = await lang_of(update, ctx)
    await answer_query(update, t(lang, "fallback.stale_button"))


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, on_text),
    MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
    MessageHandler(filters.UpdateType.EDITED, on_edited),
    MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, on_media),
    MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, on_group_command),
    CallbackQueryHandler(stale_button),
]
