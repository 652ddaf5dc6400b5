"""Updates the bot cannot store are dropped before any handler sees them."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from handlers.common import Ctx

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


async def drop_unstorable(update: Update, ctx: Ctx) -> None:
    """Stop an update whose ids SQLite cannot hold, with one log line."""
    if not storable(update):
        log.warning("dropped update %d: a user or chat id outside 64 bits", update.update_id)
        raise ApplicationHandlerStop


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [TypeHandler(Update, drop_unstorable)]
