"""/ekspor (/export): the whole event's data as an XLSX document (issue 9, item 4).
Organisers only, in their private chat only: a workbook of names and NIPs is never posted
in a group, the organisers' own group included."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.texts import t
from bot.timefmt import fmt_date, fmt_time
from handlers.common import Ctx, command, lang_of, reply

__all__ = ["HANDLERS", "export_command"]

log = logging.getLogger(__name__)


async def export_command(update: Update, ctx: Ctx) -> None:
    """/ekspor: the XLSX file as a document; anyone else, or anywhere but a private chat,
    gets exactly the unknown-command reply and nothing else."""
    msg, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if msg is None or user is None or chat is None:
        return
    lang = await lang_of(update, ctx)
    if not ctx.svc.settings.is_admin(user.id) or chat.type != "private":
        typed = (msg.text or "/ekspor").split()[0][:40]
        log.warning(
            "organisers' command %s refused to user %d in a %s chat", typed, user.id, chat.type
        )
        await reply(update, t(lang, "fallback.unknown_command", command=escape(typed)))
        return
    agenda = ctx.svc.agenda.require()
    await chat.send_chat_action(ChatAction.UPLOAD_DOCUMENT)
    # openpyxl (and the numpy it pulls in) only when someone exports: not in every bot's
    # start-up and memory (bench/run_all.py)
    from bot.export import gather_and_build

    content, _ = await gather_and_build(ctx.svc.db, agenda, lang)
    now = ctx.svc.local_now()
    tz = agenda.event.tz
    await chat.send_document(
        content,
        filename=t(lang, "export.filename", stamp=now.strftime("%Y-%m-%d-%H%M")),
        caption=t(
            lang, "export.caption", date=fmt_date(now.date(), lang), time=fmt_time(now, lang, tz)
        ),
    )


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["ekspor", "export"], export_command),
]
