"""/rekap [day] (/summary): the day's reflection figures and their chart, for organisers in a
private chat or the organisers' group (issue 9, item 3). Everyone else gets the unknown-command
reply. The figures come from bot/recap.py; the chart is drawn in a worker thread so the bot
keeps answering everyone else meanwhile."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from telegram import Update
from telegram.ext import BaseHandler

from bot.agenda import BadDayArg, NoSuchDay
from bot.models import Agenda
from bot.recap import recap, recap_day, recap_text
from bot.recap_chart import draw_chart
from bot.texts import Lang, t
from bot.timefmt import fmt_date
from handlers.common import ORGANISER_CHATS, Ctx, command, lang_of, reply, require_admin

__all__ = ["HANDLERS"]


async def recap_command(update: Update, ctx: Ctx) -> None:
    """/rekap [day]: finished by group, ratings and values of a day, then the chart."""
    if not await require_admin(update, ctx):
        return
    chat = update.effective_chat
    lang = await lang_of(update, ctx)
    agenda = ctx.svc.agenda.current
    if chat is None:
        return
    arg = " ".join(ctx.args or []).strip() or None
    day, refusal = _day_asked(lang, agenda, arg, ctx.svc.local_now())
    if day is None or agenda is None:
        await reply(update, refusal)
        return
    figures = await recap(ctx.svc.db, agenda, day)
    await reply(update, recap_text(lang, figures))
    if figures.registered == 0:
        return  # nothing to draw
    # matplotlib holds the CPU for a while: off the event loop, so replies keep flowing
    png = await draw_chart(lang, figures)
    caption = t(lang, "rekap.caption", n=figures.number, date=fmt_date(day, lang))
    await chat.send_photo(png, caption=caption, filename=f"rekap-{day.isoformat()}.png")


def _day_asked(
    lang: Lang, agenda: Agenda | None, arg: str | None, now: datetime
) -> tuple[date | None, str]:
    """The event day /rekap [arg] means, or None and the refusal to send."""
    if agenda is None or not agenda.days():
        return None, t(lang, "rekap.no_agenda")
    days = agenda.days()
    try:
        day = recap_day(agenda, arg, now)
    except NoSuchDay as exc:
        return None, t(lang, "agenda.no_day", n=exc.number, total=exc.total)
    except BadDayArg:
        return None, t(lang, "rekap.bad_arg", arg=escape((arg or "")[:50]))
    if day is None or day not in days:
        shown = fmt_date(day, lang) if day is not None else ""
        first, last = fmt_date(days[0], lang), fmt_date(days[-1], lang)
        return None, t(lang, "rekap.outside", date=shown, first=first, last=last)
    return day, ""


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["rekap", "summary"], recap_command, ORGANISER_CHATS),
]
