"""/impor: an organiser sends an agenda or roster file in the chat (same rules as the CLI)."""

from __future__ import annotations

import logging
from dataclasses import asdict
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.imports import import_file
from bot.problems import MAX_FILE_BYTES, fit_message, render_problems, source_of
from bot.texts import t
from db.conversations import clear_conversation, get_conversation, set_conversation
from handlers.common import Ctx, command, lang_of, reply, require_admin

__all__ = ["FLOW", "HANDLERS"]

log = logging.getLogger(__name__)

FLOW = "import"
WAIT_FILE = "file"
# Agenda and roster files are small; anything bigger is a mistake (and Bot API downloads
# stop at 20 MB anyway). The readers refuse it too, whatever the size Telegram reports.
MAX_BYTES = MAX_FILE_BYTES
# Problems listed in one reply at most; fewer when they would not fit in one message
# (4,096 characters); the rest are counted.
MAX_LISTED = 25

PRIVATE = filters.ChatType.PRIVATE


async def import_command(update: Update, ctx: Ctx) -> None:
    """/impor: ask for the file."""
    user = update.effective_user
    if user is None or not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    await set_conversation(ctx.svc.db, user.id, FLOW, WAIT_FILE, {}, at=ctx.svc.clock.timestamp())
    await reply(update, t(lang, "import.ask"))


async def on_document(update: Update, ctx: Ctx) -> None:
    """A document: imported when an organiser asked for it (or captioned it /impor)."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or msg.document is None:
        return
    lang = await lang_of(update, ctx)
    conv = await get_conversation(ctx.svc.db, user.id)
    captioned = (msg.caption or "").split(maxsplit=1)[:1] in (["/impor"], ["/import"])
    waiting = conv is not None and conv.flow == FLOW
    if not ctx.svc.settings.is_admin(user.id) or not (waiting or captioned):
        await reply(update, t(lang, "fallback.media"))
        return
    doc = msg.document
    name = doc.file_name or "file"
    if doc.file_size is not None and doc.file_size > MAX_BYTES:
        await reply(update, t(lang, "import.too_big", limit=MAX_BYTES // (1024 * 1024)))
        return
    data = bytes(await (await doc.get_file()).download_as_bytearray())
    result = await import_file(
        ctx.svc.db, ctx.svc.clock, data, name, default_lang=ctx.svc.settings.default_language
    )
    await clear_conversation(ctx.svc.db, user.id)
    if result.problems:
        lines = render_problems(result.problems, lang, source=source_of(name))
        head = t(lang, "cli.refused", count=len(lines))
        if result.columns and result.kind in ("agenda", "roster"):
            columns = escape(", ".join(result.columns))
            head = f"{t(lang, f'import.read_as_{result.kind}', columns=columns)}\n{head}"
        text = fit_message(
            head,
            [f"• {escape(line)}" for line in lines],
            lambda left: t(lang, "import.more", count=left),
            max_items=MAX_LISTED,
        )
        await reply(update, text)
        return
    log.info("organiser %d imported %s (%s)", user.id, result.kind, name)
    if result.agenda is not None:
        await ctx.svc.agenda_changed()  # moves the jobs at once
        await reply(update, t(lang, "cli.agenda_imported", **asdict(result.agenda)))
    elif result.roster is not None:
        await reply(
            update,
            t(lang, "cli.roster_imported", **asdict(result.roster), total=result.roster_total),
        )


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["impor", "import"], import_command, PRIVATE),
    MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & filters.Document.ALL, on_document),
]
