"""What every handler shares: the typed context, the reader's language, replying."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine, Sequence
from html import escape
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import CommandHandler, filters
from telegram.ext.filters import BaseFilter

from bot.chunks import cut_html, split_html
from bot.context import RetretContext
from bot.language import reader_language
from bot.markup import markup
from bot.texts import Lang, normalise_language, t
from db.participants import Participant, get_participant, touch_user

__all__ = [
    "ORGANISERS_BUTTONS",
    "ORGANISER_CHATS",
    "Ctx",
    "answer_query",
    "command",
    "edit_query_message",
    "lang_of",
    "organiser_button",
    "organisers_command",
    "participant_of",
    "refuse_button",
    "reply",
    "require_admin",
    "set_organisers_chat",
    "unknown_command",
]

log = logging.getLogger(__name__)


Ctx = RetretContext

# The organisers' group chat (ORGANIZER_CHAT_ID), filled in by bot.app.build_application.
_ORGANISERS_GROUP = filters.Chat()
# Where organisers' reports may be posted: private chats and the organisers' group, never an
# ordinary group (a check-in code or absentees' names posted there would be public).
ORGANISER_CHATS = filters.ChatType.PRIVATE | _ORGANISERS_GROUP


def set_organisers_chat(chat_id: int | None) -> None:
    """Tell ORGANISER_CHATS which group is the organisers' one (none when `chat_id` is None)."""
    _ORGANISERS_GROUP.chat_ids = {chat_id} if chat_id is not None else set()


def command(
    names: str | Sequence[str],
    callback: Callable[[Update, Ctx], Coroutine[Any, Any, None]],
    where: BaseFilter | None = None,
) -> CommandHandler[Ctx, None]:
    """A CommandHandler for new messages only (in chats matching `where`): PTB's default also
    runs commands again when their message is edited, and an edited /ubah must not move a
    session twice. Edited messages fall through to fallback's "edits are not acted on"."""
    only_new = filters.UpdateType.MESSAGE
    return CommandHandler(names, callback, filters=only_new & where if where else only_new)


async def lang_of(update: Update, ctx: Ctx) -> Lang:
    """The reader's language: their choice, else Telegram's language_code, else the default.
    In a group (the organisers' group) many read: always the default (DEFAULT_LANGUAGE)."""
    default = ctx.svc.settings.default_language
    user, chat = update.effective_user, update.effective_chat
    if user is None or (chat is not None and chat.type != "private"):
        return normalise_language(default)
    return await reader_language(ctx.svc.db, user.id, user.language_code, default)


async def remember_user(update: Update, ctx: Ctx) -> None:
    """Record a private-chat user (so the bot can write to them later)."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    await touch_user(ctx.svc.db, user.id, chat.id, user.first_name, at=ctx.svc.clock.timestamp())


async def participant_of(update: Update, ctx: Ctx) -> Participant | None:
    """The registered participant behind an update, if any."""
    user = update.effective_user
    return await get_participant(ctx.svc.db, user.id) if user is not None else None


async def reply(
    update: Update, text: str, keyboard: Sequence[Sequence[Sequence[str]]] | None = None
) -> Message | None:
    """Answer in the chat the update came from (HTML is the default parse mode). A text over
    Telegram's 4,096 characters goes as several messages, in order, the keyboard with the last;
    the last message is returned."""
    chat = update.effective_chat
    if chat is None:
        return None
    *first, last = split_html(text) or [text]
    for piece in first:
        await chat.send_message(piece)
    return await chat.send_message(last, reply_markup=markup(keyboard))


async def require_participant(update: Update, ctx: Ctx, lang: str) -> Participant | None:
    """The participant, or a reply asking them to register first."""
    found = await participant_of(update, ctx)
    if found is None:
        await reply(update, t(lang, "reg.needed"), [[(t(lang, "btn.register"), "menu:register")]])
    return found


async def unknown_command(update: Update, ctx: Ctx) -> None:
    """An unknown command, or an organisers' command from someone else (logged)."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or not msg.text:
        return
    typed = msg.text.split()[0][:40]
    admin_only = organisers_command(msg.text)
    if admin_only and user is not None:
        if ctx.svc.settings.is_admin(user.id):  # the organisers' commands that exist are
            # handled before this catch-all, so this one is planned but not written yet
            log.info("organisers' command %s is not implemented yet (user %d)", typed, user.id)
        else:
            log.warning("organisers' command %s tried by user %d", typed, user.id)
    lang = await lang_of(update, ctx)
    await reply(update, t(lang, "fallback.unknown_command", command=escape(typed)))


def organisers_command(text: str) -> bool:
    """Whether a message starts with one of the organisers' commands (/status@bot too)."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return first.startswith("/") and first[1:].split("@")[0].casefold() in ADMIN_COMMANDS


async def organiser_button(update: Update, ctx: Ctx) -> bool:
    """True when an organisers' button was pressed by an organiser. Anyone else gets what any
    unknown button gets ("no longer valid": a button has no command to echo) and the attempt
    is logged with the user id only."""
    user = update.effective_user
    if user is not None and ctx.svc.settings.is_admin(user.id):
        return True
    await refuse_button(update, ctx, "organisers' button")
    return False


async def refuse_button(update: Update, ctx: Ctx, what: str, where: str = "") -> None:
    """Answer a button press as any unknown button is answered ("no longer valid"), acting on
    nothing, and log it with the user id only (`what` and `where` say why in the log)."""
    query, user = update.callback_query, update.effective_user
    data = (query.data or "")[:64] if query is not None else ""
    log.warning("%s %r pressed by user %s%s", what, data, user.id if user else "?", where)
    await answer_query(update, t(await lang_of(update, ctx), "fallback.stale_button"))


async def require_admin(update: Update, ctx: Ctx) -> bool:
    """True for organisers; everyone else gets the unknown-command reply."""
    user = update.effective_user
    if user is not None and ctx.svc.settings.is_admin(user.id):
        return True
    await unknown_command(update, ctx)
    return False


ADMIN_COMMANDS = frozenset(
    {
        "kehadiran",
        "attendance",
        "ubah",
        "reschedule",
        "status",
        "umumkan",
        "broadcast",
        "peserta",
        "participants",
        "rekap",
        "summary",
        "ekspor",
        "export",
        "impor",
        "import",
        "jawab",
        "reply",
    }
)


# The organisers' buttons (callback data prefixes): the only ones the bot puts in the
# organisers' group, and so the only ones acted on there (handlers/guard.py).
ORGANISERS_BUTTONS = ("unbind:", "nudge:", "ubah:", "bc:", "pst:")


# What Telegram says when a callback query is answered after its ~15 s timeout, or twice.
_QUERY_GONE = ("query is too old", "query id is invalid")


async def answer_query(update: Update, text: str | None = None, show_alert: bool = False) -> None:
    """Answer the button press (stop its spinner, show `text`). An answer that fails is not an
    error: a busy bot answers after Telegram's timeout ("query is too old") or the network
    drops it, and the action the button asked for must happen all the same."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.answer(text, show_alert=show_alert)
    except BadRequest as exc:
        if any(gone in exc.message.casefold() for gone in _QUERY_GONE):
            log.info("button answered too late (%s); acting on it anyway", exc.message)
        else:  # our mistake (e.g. a text over 200 characters), still no reason to stop
            log.warning("answering a button failed: %s", exc.message)
    except (NetworkError, RetryAfter) as exc:  # TimedOut is a NetworkError
        log.info("answering a button failed (%s); acting on it anyway", exc)
    except TelegramError as exc:
        log.warning("answering a button failed: %s", exc)


# Telegram's answers to an edit of a message that is missing or cannot be edited.
_GONE = re.compile(
    r"message to edit not found|message can't be edited|no text in the message", re.I
)


async def edit_query_message(
    update: Update, text: str | None, keyboard: Sequence[Sequence[Sequence[str]]] | None = None
) -> None:
    """Edit the message a button sits on (text and keyboard, or the keyboard alone when `text`
    is None). A second tap that changes nothing is fine: Telegram's "message is not modified"
    is the expected answer, not an error."""
    query = update.callback_query
    if query is None:
        return
    try:
        if text is None:
            await query.edit_message_reply_markup(markup(keyboard))
        else:
            # an edit cannot become two messages: one too long is cut, with "…"
            await query.edit_message_text(cut_html(text), reply_markup=markup(keyboard))
    except BadRequest as exc:
        if "not modified" in exc.message:
            return
        if not _GONE.search(exc.message):
            raise
        # A button on a message that is gone or not ours (an old chat, forged data): the
        # answer comes as a new message instead of an apology.
        log.info("button message cannot be edited (%s); answering anew", exc.message)
        if text is not None:
            await reply(update, text, keyboard)
