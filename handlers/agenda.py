"""/agenda, /besok, /sekarang, /kalender, the day buttons, and agenda questions in free text."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, filters

from bot.agenda import (
    BadDayArg,
    NoSuchDay,
    default_day,
    own_sessions,
    parse_day_arg,
)
from bot.answers import intent_answer, now_text
from bot.intents import Intent
from bot.markup import web_app_button
from bot.models import Agenda, Session
from bot.render import (
    agenda_day,
    agenda_nav,
    details_text,
    session_block,
)
from bot.texts import Lang, t
from bot.timefmt import fmt_date, fmt_date_short
from handlers.common import (
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    participant_of,
    reply,
)

__all__ = ["HANDLERS", "answer_intent", "day_view"]

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE


async def _mine(update: Update, ctx: Ctx) -> tuple[Agenda, list[Session], bool] | None:
    """The agenda and the reader's own sessions (all, as a guest); None if no agenda."""
    agenda = ctx.svc.agenda.current
    if agenda is None:
        return None
    p = await participant_of(update, ctx)
    if p is None:
        return agenda, list(agenda.sessions), True
    return agenda, own_sessions(agenda, p.position, p.group), False


def day_view(
    lang: str,
    agenda: Agenda,
    mine: list[Session],
    day: date,
    guest: bool,
    *,
    webapp_url: str | None = None,
) -> tuple[str, list[list[tuple[str, ...]]]]:
    """One day's agenda with ◀ ▶ buttons, a Detail button when its sessions say what to
    wear or bring, and (for a participant, when WEBAPP_URL is set) "Buka linimasa"."""
    keyboard: list[list[tuple[str, ...]]] = [
        list(row) for row in agenda_nav(lang, agenda.days(), day)
    ]
    if any(s.date == day and s.in_lang(lang, "description") for s in mine):
        keyboard = [*keyboard, [(t(lang, "btn.details"), f"detail:{day}")]]
    if webapp_url and not guest:
        keyboard = [*keyboard, [web_app_button(t(lang, "webapp.open_timeline"), webapp_url)]]
    return agenda_day(lang, agenda, mine, day, guest=guest), keyboard


def _webapp(update: Update, ctx: Ctx) -> str | None:
    """WEBAPP_URL where a Mini App button may go: private chats only (Telegram refuses
    web_app buttons elsewhere)."""
    chat = update.effective_chat
    return ctx.svc.settings.webapp_url if chat is not None and chat.type == "private" else None


async def _pressed_day(
    update: Update, ctx: Ctx, prefix: str
) -> tuple[Lang, tuple[Agenda, list[Session], bool], date] | None:
    """The reader's language, own agenda and the event day a `PREFIX:YYYY-MM-DD` button
    names, the press answered; None (the press answered as stale) for any other day."""
    query = update.callback_query
    if query is None or query.data is None:
        return None
    lang = await lang_of(update, ctx)
    found = await _mine(update, ctx)
    try:
        day: date | None = date.fromisoformat(query.data.removeprefix(prefix))
    except ValueError:
        day = None
    if found is None or day is None or day not in found[0].days():
        await answer_query(update, t(lang, "fallback.stale_button"))
        return None
    await answer_query(update)
    return lang, found, day


async def detail_button(update: Update, ctx: Ctx) -> None:
    """detail:DAY — the day's own sessions with what to wear, bring and where to gather."""
    pressed = await _pressed_day(update, ctx, "detail:")
    if pressed is None:
        return
    lang, (_, mine, _), day = pressed
    blocks = [session_block(lang, s, details=True) for s in mine if s.date == day]
    head = t(lang, "agenda.details_header", date=escape(fmt_date(day, lang)))
    await reply(update, head + "\n\n" + "\n\n".join(blocks))


async def _event_day(
    update: Update, ctx: Ctx, lang: Lang, agenda: Agenda, arg: str | None
) -> date | None:
    """The event day `arg` names (None: today or the nearest event day); None, after saying
    why, when it names none or a day outside the event."""
    days = agenda.days()
    today = ctx.svc.local_now().date()
    if arg is None:
        day = default_day(days, today)
    else:
        try:
            day = parse_day_arg(arg, days, today)
        except NoSuchDay as exc:
            await reply(update, t(lang, "agenda.no_day", n=exc.number, total=exc.total))
            return None
        except BadDayArg:
            await reply(update, t(lang, "agenda.bad_arg", arg=escape(arg[:50])))
            return None
    if day is None:
        await reply(update, t(lang, "agenda.none"))
        return None
    if day not in days:
        when = "agenda.when_starts" if day < days[0] else "agenda.when_ended"
        edge = days[0] if day < days[0] else days[-1]
        key = "agenda.no_tomorrow" if day == today + timedelta(days=1) else "agenda.outside"
        await reply(
            update,
            t(
                lang,
                key,
                when=t(lang, when),
                date=escape(fmt_date(edge, lang)),
                day=escape(fmt_date(day, lang)),
            ),
            [[(fmt_date_short(edge, lang), f"day:{edge}")]],
        )
        return None
    return day


async def _show_day(update: Update, ctx: Ctx, arg: str | None) -> None:
    lang = await lang_of(update, ctx)
    found = await _mine(update, ctx)
    if found is None:
        await reply(update, t(lang, "agenda.none"))
        return
    agenda, mine, guest = found
    day = await _event_day(update, ctx, lang, agenda, arg)
    if day is None:
        return
    text, keyboard = day_view(lang, agenda, mine, day, guest, webapp_url=_webapp(update, ctx))
    await reply(update, text, keyboard)


async def _show_details(update: Update, ctx: Ctx, arg: str | None) -> None:
    """What to wear and bring on a day, from its own sessions' descriptions."""
    lang = await lang_of(update, ctx)
    found = await _mine(update, ctx)
    if found is None:
        await reply(update, t(lang, "agenda.none"))
        return
    agenda, mine, _ = found
    day = await _event_day(update, ctx, lang, agenda, arg)
    if day is not None:
        await reply(update, details_text(lang, mine, day))


async def agenda_command(update: Update, ctx: Ctx) -> None:
    """/agenda [besok|N|YYYY-MM-DD]: a day's own agenda with day buttons."""
    args = ctx.args or []
    await _show_day(update, ctx, " ".join(args) if args else None)


async def tomorrow_command(update: Update, ctx: Ctx) -> None:
    """/besok: tomorrow's own agenda."""
    await _show_day(update, ctx, "besok")


async def now_command(update: Update, ctx: Ctx) -> None:
    """/sekarang: what is on now and what comes next."""
    lang = await lang_of(update, ctx)
    found = await _mine(update, ctx)
    if found is None:
        await reply(update, t(lang, "agenda.none"))
        return
    agenda, mine, _ = found
    await reply(update, now_text(lang, agenda, mine, ctx.svc.local_now()))


async def calendar_command(update: Update, ctx: Ctx) -> None:
    """/kalender: the own agenda as an .ics file."""
    lang = await lang_of(update, ctx)
    found = await _mine(update, ctx)
    chat = update.effective_chat
    if found is None or chat is None:
        await reply(update, t(lang, "agenda.none"))
        return
    agenda, mine, _ = found
    from bot.ics import agenda_ics  # icalendar only when asked for: start-up and memory

    data = agenda_ics(
        agenda.event,
        mine,
        lang=lang,
        speaker_label=t(lang, "calendar.speaker"),
        stamp=ctx.svc.clock.now(),
        prodid_host=ctx.svc.bot_username or "retret-bot",
    )
    await chat.send_document(
        document=data, filename="agenda-retret.ics", caption=t(lang, "calendar.caption")
    )


async def day_button(update: Update, ctx: Ctx) -> None:
    """◀ ▶: show another day in the same message."""
    pressed = await _pressed_day(update, ctx, "day:")
    if pressed is None or update.callback_query is None:
        return
    lang, (agenda, mine, guest), day = pressed
    query = update.callback_query
    text, keyboard = day_view(lang, agenda, mine, day, guest, webapp_url=_webapp(update, ctx))
    if query.message is not None and query.message.is_accessible:
        await edit_query_message(update, text, keyboard)
    else:
        await reply(update, text, keyboard)


async def answer_intent(update: Update, ctx: Ctx, intent: Intent) -> bool:
    """Answer an agenda question understood from free text; False if it is not an agenda one
    or nothing on the agenda matches what it asks about."""
    lang = await lang_of(update, ctx)
    if intent.day_arg is not None:
        await _show_day(update, ctx, intent.day_arg)
        return True
    if intent.kind == "details":
        await _show_details(update, ctx, intent.on)
        return True
    found = await _mine(update, ctx)
    if found is None:
        await reply(update, t(lang, "agenda.none"))
        return True
    agenda, mine, _ = found
    text = intent_answer(lang, intent, agenda, mine, ctx.svc.local_now())
    if text is None:
        return False  # the caller says so, with the help buttons
    await reply(update, text)
    return True


async def menu_button(update: Update, ctx: Ctx) -> None:
    """The fallback's buttons: today, now, tomorrow."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await answer_query(update)
    choice = query.data.removeprefix("menu:")
    if choice == "now":
        await now_command(update, ctx)
    elif choice == "tomorrow":
        await _show_day(update, ctx, "besok")
    else:
        await _show_day(update, ctx, None)


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["agenda", "jadwal"], agenda_command, PRIVATE),
    command(["besok", "tomorrow"], tomorrow_command, PRIVATE),
    command(["sekarang", "now"], now_command, PRIVATE),
    command(["kalender", "calendar"], calendar_command, PRIVATE),
    CallbackQueryHandler(day_button, pattern=r"^day:"),
    CallbackQueryHandler(detail_button, pattern=r"^detail:"),
    CallbackQueryHandler(menu_button, pattern=r"^menu:(today|now|tomorrow)$"),
]
