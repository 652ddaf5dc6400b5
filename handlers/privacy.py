"""/hapusdata (/forget): a participant deletes their data after a confirmation (SPEC §12)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, filters

from bot.privacy import forget, forget_token, gather_profile
from bot.texts import t
from handlers.common import (
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    participant_of,
    reply,
)

__all__ = ["HANDLERS"]

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE


async def forget_command(update: Update, ctx: Ctx) -> None:
    """/hapusdata: what would be deleted, with Ya, hapus / Batal."""
    lang = await lang_of(update, ctx)
    p = await participant_of(update, ctx)
    profile = await gather_profile(ctx.svc.db, p.user_id) if p is not None else None
    if profile is None:
        await reply(update, t(lang, "privacy.forget_nothing"))
        return
    held = profile.holdings
    await reply(
        update,
        t(
            lang,
            "privacy.forget_ask",
            reflections=held.reflections,
            questions=held.questions,
            attended=len(held.attended),
        ),
        [
            [
                (t(lang, "privacy.btn_yes"), f"forget:yes:{forget_token(profile.participant)}"),
                (t(lang, "privacy.btn_no"), "forget:no"),
            ]
        ],
    )


async def forget_button(update: Update, ctx: Ctx) -> None:
    """forget:yes:<token> deletes (the token names the registration it was offered for: a
    stale or forged one deletes nothing); forget:no keeps everything."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or query.data is None:
        return
    lang = await lang_of(update, ctx)
    if query.data == "forget:no":
        await answer_query(update)
        await edit_query_message(update, t(lang, "privacy.forget_kept"))
        return
    token = query.data.removeprefix("forget:yes:")
    svc = ctx.svc
    done = await forget(svc.db, svc.clock, svc.settings, user.id, token)
    if done is None:
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    log.info("user %d deleted their data (%d rows)", user.id, sum(done.values()))
    if svc.outbox is not None:
        svc.outbox.wake()
    await answer_query(update)
    await edit_query_message(update, t(lang, "privacy.forget_done"))


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["hapusdata", "forget"], forget_command, PRIVATE),
    CallbackQueryHandler(forget_button, pattern=r"^forget:(no|yes:[0-9a-f]{1,16})$"),
]
