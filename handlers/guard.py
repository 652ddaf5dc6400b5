"""Updates the bot cannot store, and buttons pressed where the bot never puts any, are
stopped before any handler sees them."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from handlers.common import ORGANISERS_BUTTONS, Ctx, refuse_button

__all__ = ["GROUP", "HANDLERS", "storable"]

log = logging.getLogger(__name__)

# Handler group of the guard: before every other handler (lower groups run first).
GROUP = -2

# SQLite's INTEGER is a signed 64-bit number; Telegram's ids fit in 52 bits, so anything
# beyond is forged and would end in OverflowError deep inside a handler.
_MIN, _MAX = -(2**63), 2**63 - 1


def storable(update: Update) -> bool:
    """Whether every user and chat id of the update fits an SQLite INTEGER."""
    ids = [update.effective_user, update.effective_chat, update.effective_sender]
    return all(_MIN <= x.id <= _MAX for x in ids if x is not None)


def button_in_place(update: Update, organisers_chat: int | None) -> bool:
    """Whether a button press (if the update is one) comes from where the bot puts such a
    button: any in a private chat, an organisers' button in the organisers' group. Anywhere
    else it is forged, and acting on it would answer there: a participant's reflection, or a
    name an organisers' button names, posted for the whole group to read."""
    chat, query = update.effective_chat, update.callback_query
    if query is None or chat is None:  # no chat: an inline message, not ours
        return True
    if chat.type == "private":
        return True
    return chat.id == organisers_chat and (query.data or "").startswith(ORGANISERS_BUTTONS)


async def screen(update: Update, ctx: Ctx) -> None:
    """Stop an update whose ids SQLite cannot hold, with one log line; answer a button from
    out of place as any unknown button is answered, act on nothing, and log the user id."""
    if not storable(update):
        log.warning("dropped update %d: a user or chat id outside 64 bits", update.update_id)
        raise ApplicationHandlerStop
    if not button_in_place(update, ctx.svc.settings.organizer_chat_id):
        chat = update.effective_chat
        where = f" in {chat.type} chat {chat.id}: not acted on" if chat else ""
        await refuse_button(update, ctx, "button", where)
        raise ApplicationHandlerStop


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [TypeHandler(Update, screen)]
