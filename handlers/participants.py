"""/peserta (/participants): registrations against the roster, and who is missing (issue 8,
item 4). Organisers only, in private chats and the organisers' group."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.overview import PAGE_SIZE, Overview, Tally, overview, page_of
from bot.texts import Lang, t
from handlers.common import (
    ORGANISER_CHATS,
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    organiser_button,
    reply,
    require_admin,
)

__all__ = ["HANDLERS"]

log = logging.getLogger(__name__)

Keyboard = list[list[tuple[str, str]]]


def _tally_lines(lang: Lang, tallies: list[Tally], empty_key: str) -> str:
    return "\n".join(
        t(
            lang,
            "peserta.tally",
            label=escape(x.label) if x.label else t(lang, empty_key),
            registered=x.registered,
            total=x.total,
        )
        for x in tallies
    )


def summary_view(lang: Lang, o: Overview) -> tuple[str, Keyboard]:
    """The figures, with buttons to the two lists."""
    if o.roster == 0 and o.off_roster == 0:
        return t(lang, "peserta.empty_roster"), []
    text = t(
        lang,
        "peserta.summary",
        registered=o.registered,
        roster=o.roster,
        missing=o.roster - o.registered,
        inactive=len(o.inactive),
    )
    if o.off_roster:
        text += t(lang, "peserta.off_roster", count=o.off_roster)
    text += "\n\n" + t(lang, "peserta.by_position") + "\n"
    text += _tally_lines(lang, o.by_position, "peserta.no_position")
    text += "\n\n" + t(lang, "peserta.by_group") + "\n"
    text += _tally_lines(lang, o.by_group, "peserta.no_group")
    keyboard = [
        [
            (t(lang, "btn.peserta_missing", count=len(o.not_registered)), "pst:u:0"),
            (t(lang, "btn.peserta_inactive", count=len(o.inactive)), "pst:i:0"),
        ]
    ]
    return text, keyboard


def list_view(lang: Lang, o: Overview, which: str, page: int) -> tuple[str, Keyboard]:
    """A page of who has not registered (`u`) or who is inactive (`i`): names and units."""
    people = o.not_registered if which == "u" else o.inactive
    shown, page, pages = page_of(people, page)
    if not people:
        text = t(lang, "peserta.nobody_missing" if which == "u" else "peserta.nobody_inactive")
    else:
        header = "peserta.missing_header" if which == "u" else "peserta.inactive_header"
        lines = [t(lang, header, count=len(people), page=page + 1, pages=pages)]
        first = page * PAGE_SIZE
        lines += [
            t(
                lang,
                "peserta.person",
                number=first + i + 1,
                name=escape(p.name),
                unit=escape(p.unit or "-"),
                where=escape(", ".join(x for x in (p.position, p.group) if x) or "-"),
            )
            for i, p in enumerate(shown)
        ]
        text = "\n".join(lines)
    nav: list[tuple[str, str]] = []
    if page > 0:
        nav.append((t(lang, "btn.peserta_prev"), f"pst:{which}:{page - 1}"))
    if page < pages - 1:
        nav.append((t(lang, "btn.peserta_next"), f"pst:{which}:{page + 1}"))
    keyboard = [nav] if nav else []
    keyboard.append([(t(lang, "btn.peserta_summary"), "pst:s:0")])
    return text, keyboard


async def participants_command(update: Update, ctx: Ctx) -> None:
    """/peserta: registered against the roster, by position and group."""
    if not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    text, keyboard = summary_view(lang, await overview(ctx.svc.db))
    await reply(update, text, keyboard)


async def participants_button(update: Update, ctx: Ctx) -> None:
    """pst:s:0 (the figures), pst:u:N and pst:i:N (page N of a list)."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    if query is None or user is None or chat is None:
        return
    if not await organiser_button(update, ctx):
        return
    lang = await lang_of(update, ctx)
    settings = ctx.svc.settings
    where_ok = chat.type == "private" or chat.id == settings.organizer_chat_id
    parts = (query.data or "").split(":")
    valid = len(parts) == 3 and parts[1] in ("s", "u", "i") and parts[2].isdigit()
    if not where_ok or not valid:
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    await answer_query(update)
    o = await overview(ctx.svc.db)
    if parts[1] == "s":
        text, keyboard = summary_view(lang, o)
    else:
        text, keyboard = list_view(lang, o, parts[1], int(parts[2][:6]))
    await edit_query_message(update, text, keyboard)


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["peserta", "participants"], participants_command, ORGANISER_CHATS),
    CallbackQueryHandler(participants_button, pattern=r"^pst:"),
]
