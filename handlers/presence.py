"""Who can be reached: a participant who blocked the bot and is back is active again."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.ext import BaseHandler, ChatMemberHandler, TypeHandler

from db.participants import reactivate, set_status
from handlers.common import Ctx

__all__ = ["HANDLERS"]

log = logging.getLogger(__name__)


async def on_any_update(update: Update, ctx: Ctx) -> None:
    """Anything a participant does in their private chat with the bot shows they can be
    reached again, after a 403 marked them inactive."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    if await reactivate(ctx.svc.db, user.id):
        log.info("participant %d is reachable again", user.id)


async def on_membership(update: Update, ctx: Ctx) -> None:
    """Telegram's my_chat_member: the person blocked (kicked) or unblocked (member) the bot."""
    change, user = update.my_chat_member, update.effective_user
    if change is None or user is None or change.chat.type != "private":
        return
    status = change.new_chat_member.status
    if status == ChatMember.MEMBER:
        if await reactivate(ctx.svc.db, user.id):
            log.info("participant %d unblocked the bot", user.id)
    elif status == ChatMember.BANNED:
        await set_status(ctx.svc.db, user.id, "inactive")
        log.info("participant %d blocked the bot", user.id)


# Group -1: runs before the feature handlers, and lets them run too. One handler a group
# runs, the first that matches: the membership change before the catch-all.
HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    ChatMemberHandler(on_membership, ChatMemberHandler.MY_CHAT_MEMBER),
    TypeHandler(Update, on_any_update),
]
