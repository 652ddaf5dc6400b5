"""/tanya (a question to the organisers) and /jawab (their answer), issue 8 item 3."""

from __future__ import annotations

import logging
from html import escape

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.questions import (
    AlreadyAnswered,
    DuplicateQuestion,
    NoSuchQuestion,
    QuestionTooLong,
    TooManyOpen,
    answer_question,
    ask,
    open_questions_text,
    parse_answer_command,
    quote,
    who_asked,
)
from bot.texts import Lang, t
from bot.timefmt import fmt_count
from db.conversations import clear_conversation, set_conversation
from db.participants import Participant
from db.questions import question_of_message
from handlers.common import (
    ORGANISER_CHATS,
    Ctx,
    command,
    lang_of,
    remember_user,
    reply,
    require_admin,
    require_participant,
)

__all__ = ["FLOW", "HANDLERS", "on_reply", "on_text"]

log = logging.getLogger(__name__)

# The conversation of /tanya without a question: the next message is the question.
FLOW = "question"
ASK = "ask"

PRIVATE = filters.ChatType.PRIVATE


def _rest(msg: Message | None) -> str:
    """What follows the command, line breaks kept."""
    if msg is None or not msg.text:
        return ""
    parts = msg.text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def ask_command(update: Update, ctx: Ctx) -> None:
    """/tanya [question]: send it to the organisers, or ask for it in the next message."""
    user = update.effective_user
    if user is None:
        return
    await remember_user(update, ctx)
    lang = await lang_of(update, ctx)
    p = await require_participant(update, ctx, lang)
    if p is None:
        return
    text = _rest(update.effective_message)
    if text:
        await clear_conversation(ctx.svc.db, user.id)
        await _submit(update, ctx, p, text, lang)
        return
    await set_conversation(ctx.svc.db, user.id, FLOW, ASK, {}, at=ctx.svc.clock.timestamp())
    await reply(update, t(lang, "question.prompt"))


async def on_text(update: Update, ctx: Ctx, text: str) -> None:
    """The message after /tanya: the question."""
    user = update.effective_user
    if user is None:
        return
    lang = await lang_of(update, ctx)
    await clear_conversation(ctx.svc.db, user.id)
    p = await require_participant(update, ctx, lang)
    if p is not None:
        await _submit(update, ctx, p, text, lang)


async def _submit(update: Update, ctx: Ctx, p: Participant, text: str, lang: Lang) -> None:
    svc = ctx.svc
    try:
        question = await ask(svc.db, svc.clock, svc.settings, p, text)
    except QuestionTooLong as exc:
        await reply(
            update,
            t(
                lang,
                "fallback.too_long",
                length=fmt_count(exc.length, lang),
                limit=fmt_count(exc.limit, lang),
            ),
        )
        return
    except TooManyOpen as exc:
        await reply(update, t(lang, "question.too_many", count=exc.count))
        return
    except DuplicateQuestion as exc:
        await reply(update, t(lang, "question.duplicate", number=exc.question.id))
        return
    log.info("question #%d from user %d", question.id, p.user_id)
    if svc.outbox is not None:
        svc.outbox.wake()
    await reply(update, t(lang, "question.sent", number=question.id))


async def answer_command(update: Update, ctx: Ctx) -> None:
    """/jawab: the open questions; /jawab N text: answer question N."""
    if not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    rest = _rest(update.effective_message)
    if not rest:
        now = ctx.svc.local_now()
        await reply(update, await open_questions_text(ctx.svc.db, lang, now.tzinfo, now))
        return
    parsed = parse_answer_command(rest)
    if parsed is not None and not parsed[1]:  # a number and no answer
        await reply(update, t(lang, "question.answer_missing", number=parsed[0]))
        return
    if parsed is None:
        await reply(update, t(lang, "question.usage"))
        return
    await _answer(update, ctx, parsed[0], parsed[1], lang)


async def on_reply(update: Update, ctx: Ctx, text: str) -> bool:
    """An organiser's reply to a question message is the answer; False when the message is
    not such a reply (it is then handled as any other text)."""
    msg, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if msg is None or user is None or chat is None:
        return False
    target = msg.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != ctx.bot.id:
        return False
    number = await question_of_message(ctx.svc.db, chat.id, target.message_id)
    if number is None:
        log.debug("reply to bot message %d in chat %d: no question", target.message_id, chat.id)
        return False
    if not ctx.svc.settings.is_admin(user.id):
        log.warning("reply to question #%d by user %d, not an organiser", number, user.id)
        return False
    await _answer(update, ctx, number, text, await lang_of(update, ctx))
    return True


async def group_reply(update: Update, ctx: Ctx) -> None:
    """A text in the organisers' group replying to a message: an answer if it replies to a
    question (anything else in the group is not for the bot)."""
    msg = update.effective_message
    if msg is not None and msg.text:
        await on_reply(update, ctx, msg.text)


async def _answer(update: Update, ctx: Ctx, number: int, text: str, lang: Lang) -> None:
    svc, user, chat = ctx.svc, update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    try:
        done = await answer_question(
            svc.db, svc.clock, svc.settings, number, text, by=user.id, by_name=user.full_name
        )
    except (NoSuchQuestion, QuestionTooLong, AlreadyAnswered) as exc:
        await reply(update, _refusal(lang, number, exc))
        return
    log.info("question #%d answered by organiser %d", number, user.id)
    if svc.outbox is not None:
        svc.outbox.wake()
    if chat.id == svc.settings.organizer_chat_id:
        return  # the group is told who answered by the note the outbox sends there
    who = who_asked(lang, done.asker) if done.asker is not None else "-"
    await reply(update, t(lang, "question.answer_sent", number=number, who=who))


def _refusal(
    lang: Lang, number: int, exc: NoSuchQuestion | QuestionTooLong | AlreadyAnswered
) -> str:
    """What an organiser is told when an answer is not taken."""
    if isinstance(exc, QuestionTooLong):
        length, limit = fmt_count(exc.length, lang), fmt_count(exc.limit, lang)
        return t(lang, "question.answer_too_long", length=length, limit=limit)
    if isinstance(exc, AlreadyAnswered):
        by, answer = exc.question.answerer_name or "-", quote(exc.question.answer or "")
        return t(lang, "question.already", number=number, by=escape(by), answer=escape(answer))
    if exc.deleted:
        return t(lang, "tester.question_deleted", number=number)
    return t(lang, "question.unknown", number=number)


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["tanya", "ask"], ask_command, PRIVATE),
    command(["jawab", "reply"], answer_command, ORGANISER_CHATS),
    MessageHandler(
        ORGANISER_CHATS
        & filters.ChatType.GROUPS
        & filters.UpdateType.MESSAGE
        & filters.REPLY
        & filters.TEXT
        & ~filters.COMMAND,
        group_reply,
    ),
]
