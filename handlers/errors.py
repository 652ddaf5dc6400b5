"""The one error handler: log with the traceback first, keep it for /status, tell organisers."""

from __future__ import annotations

import logging
import zlib
from html import escape

from telegram import Update

from bot.texts import t
from db.meta import record_error
from db.outbox import NewMessage, enqueue
from handlers.common import Ctx, lang_of, reply

__all__ = ["on_error"]

log = logging.getLogger(__name__)


async def on_error(update: object, ctx: Ctx) -> None:
    """Log the exception, record it, alert the organisers' chat, apologise to the user."""
    error = ctx.error
    log.error("error while handling an update", exc_info=error)
    if error is None:
        return
    services = ctx.bot_data.services
    if services is None:
        return
    summary = f"{type(error).__name__}: {error}"[:300]
    at = services.clock.timestamp()
    try:
        await record_error(services.db, summary, at=at)
        if services.settings.organizer_chat_id is not None:
            chat = services.settings.organizer_chat_id
            # one alert per error text per ten minutes at most
            bucket = int(at // 600)
            await enqueue(
                services.db,
                [
                    NewMessage(
                        key=f"error:{zlib.crc32(summary.encode()):x}:{bucket}:{chat}",
                        purpose="error",
                        item=str(bucket),
                        chat_id=chat,
                        payload={
                            "text": t(
                                services.settings.default_language,
                                "admin.error_report",
                                error=escape(summary),
                            )
                        },
                    )
                ],
                at=at,
            )
        if isinstance(update, Update) and update.effective_chat is not None:
            await reply(update, t(await lang_of(update, ctx), "error.generic"))
    except Exception:  # the error path must never raise
        log.exception("error handler failed")
