"""/umumkan (/broadcast): compose → audience → preview → send now, at a time, or not;
Stop; /pengumuman (/news) for participants; the broadcast lines of /status.

The conversation is kept in SQLite (db/conversations.py) like registration, so a restart
in the middle loses nothing. Rules live in bot/broadcasts.py.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from typing import Any

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot import broadcasts as domain
from bot.broadcasts import Audience, Composed, NotRunning, TimeInThePast
from bot.chunks import cut_html, cut_words
from bot.models import Session
from bot.news import news_for
from bot.reflections import open_day
from bot.texts import Lang, t
from bot.timefmt import fmt_time
from db.announcements import (
    Announcement,
    distinct_values,
    figures,
    last_reported,
    open_deliveries,
    scheduled,
)
from db.conversations import Conversation, clear_conversation, get_conversation, set_conversation
from handlers import imports
from handlers.common import (
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    organiser_button,
    reply,
    require_admin,
)

__all__ = ["FLOW", "HANDLERS", "on_text", "status_lines"]

log = logging.getLogger(__name__)

FLOW = "broadcast"
# Conversation states, kept in SQLite so a restart does not lose them.
COMPOSE, AUDIENCE, PREVIEW, WHEN = "compose", "audience", "preview", "when"

PRIVATE = filters.ChatType.PRIVATE
# Values a page of an audience menu shows.
PAGE = 8
# Dimensions of an audience, by the short code their buttons carry (callback data ≤ 64 bytes).
DIMENSIONS = {"p": "positions", "g": "groups", "u": "units", "a": "absent_from"}
_COLUMNS = {"positions": "position", "groups": "group", "units": "unit"}

Keyboard = list[list[tuple[str, str]]]


# ----------------------------------------------------------------- /umumkan and composing


async def umumkan_command(update: Update, ctx: Ctx) -> None:
    """/umumkan: what is scheduled (cancellable), then ask for the announcement."""
    user = update.effective_user
    if user is None or not await require_admin(update, ctx):
        return
    lang = await lang_of(update, ctx)
    waiting = await scheduled(ctx.svc.db)
    if waiting:
        lines = [t(lang, "bc.scheduled_header")]
        keyboard: Keyboard = []
        for a in waiting:
            lines.append(
                t(
                    lang,
                    "bc.scheduled_line",
                    id=a.id,
                    when=_when(ctx, lang, a),
                    preview=_gist(lang, a),
                )
            )
            keyboard.append([(t(lang, "btn.bc_cancel_scheduled", id=a.id), f"bc:x:{a.id}")])
        await reply(update, "".join(lines), keyboard)
    await set_conversation(ctx.svc.db, user.id, FLOW, COMPOSE, {}, at=ctx.svc.clock.timestamp())
    await reply(update, t(lang, "bc.ask_message"))


def composed_from(msg: Message) -> Composed | None:
    """The announcement in an organiser's message (their formatting kept, the rest escaped);
    None for anything but a text, a photo or a document."""
    if msg.text is not None:
        return Composed("text", msg.text_html)
    caption = msg.caption_html if msg.caption else ""
    if msg.photo:
        return Composed("photo", caption, file_id=msg.photo[-1].file_id)
    if msg.document is not None:
        return Composed("document", caption, msg.document.file_id, msg.document.file_name)
    return None


async def on_text(update: Update, ctx: Ctx, conv: Conversation) -> None:
    """A text while composing (the announcement) or scheduling (the time)."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or msg.text is None:
        return
    lang = await lang_of(update, ctx)
    if not ctx.svc.settings.is_admin(user.id):  # no longer an organiser: forget it
        await clear_conversation(ctx.svc.db, user.id)
        return
    if conv.state == COMPOSE:
        await _composed(update, ctx, user.id, conv, msg, lang)
    elif conv.state == WHEN:
        await _when_given(update, ctx, user.id, conv, msg.text, lang)
    else:  # waiting for a button: back to the audience, whose buttons work from here
        data = dict(conv.data)
        await set_conversation(
            ctx.svc.db, user.id, FLOW, AUDIENCE, data, at=ctx.svc.clock.timestamp()
        )
        await _show_audience(update, ctx, user.id, data, lang, edit=False)


async def on_media(update: Update, ctx: Ctx) -> None:
    """A photo, document or other media: the announcement while composing; otherwise what
    the bot does with media anyway (a document may be an /impor file)."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None:
        return
    conv = await get_conversation(ctx.svc.db, user.id)
    if conv is None or conv.flow != FLOW or not ctx.svc.settings.is_admin(user.id):
        if msg.document is not None:
            await imports.on_document(update, ctx)
        else:
            await reply(update, t(await lang_of(update, ctx), "fallback.media"))
        return
    lang = await lang_of(update, ctx)
    if conv.state != COMPOSE:
        await reply(update, t(lang, "bc.unsupported"))
        return
    await _composed(update, ctx, user.id, conv, msg, lang)


async def _composed(
    update: Update, ctx: Ctx, user_id: int, conv: Conversation, msg: Message, lang: Lang
) -> None:
    message = composed_from(msg)
    if message is None or (message.kind == "text" and not message.body.strip()):
        await reply(update, t(lang, "bc.unsupported"))
        return
    data = {"msg": message.to_dict(), "aud": Audience().to_dict()}
    await set_conversation(ctx.svc.db, user_id, FLOW, AUDIENCE, data, at=ctx.svc.clock.timestamp())
    await _show_audience(update, ctx, user_id, data, lang, edit=False)


# ----------------------------------------------------------------- audience


def _today_sessions(ctx: Ctx) -> list[Session]:
    agenda = ctx.svc.agenda.current
    if agenda is None:
        return []
    return domain.absent_choices(agenda.sessions, ctx.svc.local_now(), agenda.event.tz)


def _reflection_day(ctx: Ctx) -> date | None:
    """The day whose reflection is open now (today's; after midnight, yesterday's until the
    morning briefing), else None: outside the event there is no such audience."""
    agenda = ctx.svc.agenda.current
    return open_day(agenda, ctx.svc.local_now()) if agenda is not None else None


def _titles(ctx: Ctx) -> dict[str, str]:
    agenda = ctx.svc.agenda.current
    return {s.id: s.title for s in agenda.sessions} if agenda is not None else {}


async def _show_audience(
    update: Update, ctx: Ctx, user_id: int, data: dict[str, Any], lang: Lang, *, edit: bool
) -> None:
    audience = Audience.from_dict(data.get("aud") or {})
    text = t(
        lang, "bc.choose_audience", audience=domain.audience_text(lang, audience, _titles(ctx))
    )
    tick = "✓ " if audience.everyone else ""
    keyboard: Keyboard = [
        [(tick + t(lang, "btn.bc_everyone"), "bc:all")],
        [(t(lang, "btn.bc_positions"), "bc:m:p:0"), (t(lang, "btn.bc_groups"), "bc:m:g:0")],
        [(t(lang, "btn.bc_units"), "bc:m:u:0")],
        [(t(lang, "btn.bc_preview"), "bc:pre")],
        [(t(lang, "btn.cancel"), "bc:no")],
    ]
    if _today_sessions(ctx):
        keyboard[2].append((t(lang, "btn.bc_absent"), "bc:m:a:0"))
    if _reflection_day(ctx) is not None:
        mark = "✓ " if audience.not_reflected else ""
        keyboard.insert(3, [(mark + t(lang, "btn.bc_not_reflected"), "bc:r")])
    if edit:
        await edit_query_message(update, text, keyboard)
    else:
        await reply(update, text, keyboard)


async def _options(ctx: Ctx, dimension: str, lang: Lang) -> list[tuple[str, str]]:
    """(value, label) of a dimension's choices now."""
    if dimension == "absent_from":
        return [(s.id, f"{fmt_time(s.start, lang)} {s.title}") for s in _today_sessions(ctx)]
    return [(v, v) for v in await distinct_values(ctx.svc.db, _COLUMNS[dimension])]


async def _show_values(
    update: Update,
    ctx: Ctx,
    user_id: int,
    data: dict[str, Any],
    lang: Lang,
    code: str,
    page: int,
) -> None:
    dimension = DIMENSIONS[code]
    options = await _options(ctx, dimension, lang)
    # The values as shown: a button carries an index into this list, kept with the
    # conversation (a unit's name may be longer than callback data allows).
    data["opts"] = {code: [v for v, _ in options]}
    await set_conversation(ctx.svc.db, user_id, FLOW, AUDIENCE, data, at=ctx.svc.clock.timestamp())
    audience = Audience.from_dict(data.get("aud") or {})
    chosen: Sequence[str] = getattr(audience, dimension)
    pages = max(1, -(-len(options) // PAGE))
    page = min(max(page, 0), pages - 1)
    keyboard: Keyboard = []
    for i in range(page * PAGE, min(len(options), (page + 1) * PAGE)):
        value, label = options[i]
        mark = "✓ " if value in chosen else ""
        keyboard.append([(cut_words(f"{mark}{label}", 60), f"bc:t:{code}:{i}:{page}")])
    nav: list[tuple[str, str]] = []
    if page > 0:
        nav.append((t(lang, "btn.bc_prev"), f"bc:m:{code}:{page - 1}"))
    if page < pages - 1:
        nav.append((t(lang, "btn.bc_next_page"), f"bc:m:{code}:{page + 1}"))
    if nav:
        keyboard.append(nav)
    keyboard.append([(t(lang, "btn.bc_back"), "bc:back")])
    text = t(
        lang,
        "bc.choose_values",
        audience=domain.audience_text(lang, audience, _titles(ctx)),
        what=t(lang, f"bc.what_{'absent' if code == 'a' else dimension}"),
    )
    await edit_query_message(update, text, keyboard)


# ----------------------------------------------------------------- preview and sending


async def _show_preview(
    update: Update, ctx: Ctx, user_id: int, data: dict[str, Any], lang: Lang
) -> None:
    message = Composed.from_dict(data["msg"])
    audience = Audience.from_dict(data.get("aud") or {})
    chosen = await domain.select(ctx.svc.db, audience)
    await set_conversation(ctx.svc.db, user_id, FLOW, PREVIEW, data, at=ctx.svc.clock.timestamp())
    await edit_query_message(update, None)  # the audience menu's buttons are spent
    await send_copy(update, message)
    count = len(chosen.recipients)
    text = t(
        lang,
        "bc.preview",
        audience=domain.audience_text(lang, audience, _titles(ctx)),
        count=count,
        inactive=t(lang, "bc.preview_inactive", count=chosen.inactive) if chosen.inactive else "",
    )
    keyboard: Keyboard = []
    if count:
        keyboard.append(
            [(t(lang, "btn.bc_send_now"), "bc:now"), (t(lang, "btn.bc_schedule"), "bc:later")]
        )
    else:
        text += t(lang, "bc.no_recipients")
    keyboard.append([(t(lang, "btn.bc_change"), "bc:chg"), (t(lang, "btn.cancel"), "bc:no")])
    await reply(update, text, keyboard)


async def send_copy(update: Update, message: Composed) -> None:
    """The announcement exactly as recipients get it, in the organiser's chat."""
    chat = update.effective_chat
    if chat is None:
        return
    caption = cut_html(message.body, 1024) if message.body else None
    if message.kind == "photo":
        await chat.send_photo(message.file_id or "", caption=caption)
    elif message.kind == "document":
        await chat.send_document(message.file_id or "", caption=caption)
    else:
        await reply(update, message.body)


async def _send_now(
    update: Update, ctx: Ctx, user_id: int, data: dict[str, Any], lang: Lang
) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    await clear_conversation(ctx.svc.db, user_id)
    await edit_query_message(update, None)
    started = await domain.start(
        ctx.svc.db,
        ctx.svc.clock,
        author=user_id,
        chat_id=chat.id,
        lang=lang,
        message=Composed.from_dict(data["msg"]),
        audience=Audience.from_dict(data.get("aud") or {}),
    )
    log.info("organiser %d sent announcement %d to %d", user_id, started.id, started.recipients)
    await reply(update, t(lang, "bc.sending", id=started.id, count=started.recipients))
    _wake(ctx)


def _wake(ctx: Ctx) -> None:
    if ctx.svc.outbox is not None:
        ctx.svc.outbox.wake()
    if ctx.svc.broadcasts is not None:
        ctx.svc.broadcasts.wake()


async def _when_given(
    update: Update, ctx: Ctx, user_id: int, conv: Conversation, text: str, lang: Lang
) -> None:
    now = ctx.svc.local_now()
    assert now.tzinfo is not None
    moment = domain.parse_send_time(text, now)
    if moment is None:
        await reply(update, t(lang, "bc.bad_time", value=escape(text[:40])))
        return
    audience = Audience.from_dict(conv.data.get("aud") or {})
    chat = update.effective_chat
    try:
        announcement_id = await domain.schedule(
            ctx.svc.db,
            ctx.svc.clock,
            author=user_id,
            chat_id=chat.id if chat is not None else user_id,
            lang=lang,
            message=Composed.from_dict(conv.data["msg"]),
            audience=audience,
            send_at=moment,
        )
    except TimeInThePast:
        when = domain.when_text(lang, moment, now.tzinfo)
        await reply(update, t(lang, "bc.past_time", when=when))
        return
    await clear_conversation(ctx.svc.db, user_id)
    log.info("organiser %d scheduled announcement %d for %s", user_id, announcement_id, moment)
    await reply(
        update,
        t(
            lang,
            "bc.scheduled",
            id=announcement_id,
            when=domain.when_text(lang, moment, now.tzinfo),
            audience=domain.audience_text(lang, audience, _titles(ctx)),
        ),
        [[(t(lang, "btn.bc_cancel_scheduled", id=announcement_id), f"bc:x:{announcement_id}")]],
    )
    _wake(ctx)


# ----------------------------------------------------------------- buttons


async def on_button(update: Update, ctx: Ctx) -> None:
    """Every bc:… button: audience choices, preview, send, schedule, cancel, Stop."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    if not await organiser_button(update, ctx):
        return
    lang = await lang_of(update, ctx)
    parts = (query.data or "").split(":")
    action = parts[1] if len(parts) > 1 else ""
    if action in ("x", "stop") and len(parts) == 3 and parts[2].isdigit():
        await _on_delivery_button(update, ctx, lang, action, int(parts[2]))
        return
    conv = await get_conversation(ctx.svc.db, user.id)
    if conv is None or conv.flow != FLOW or conv.state not in (AUDIENCE, PREVIEW):
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    await answer_query(update)
    data = dict(conv.data)
    if action == "no":
        await clear_conversation(ctx.svc.db, user.id)
        await edit_query_message(update, None)
        await reply(update, t(lang, "bc.discarded"))
    elif conv.state == PREVIEW and action == "now":
        await _send_now(update, ctx, user.id, data, lang)
    elif conv.state == PREVIEW and action == "later":
        await set_conversation(ctx.svc.db, user.id, FLOW, WHEN, data, at=ctx.svc.clock.timestamp())
        await edit_query_message(update, None)
        now = ctx.svc.local_now()
        assert now.tzinfo is not None
        await reply(update, t(lang, "bc.ask_time", now=domain.when_text(lang, now, now.tzinfo)))
    elif conv.state == PREVIEW and action == "chg":
        await set_conversation(
            ctx.svc.db, user.id, FLOW, AUDIENCE, data, at=ctx.svc.clock.timestamp()
        )
        await edit_query_message(update, None)
        await _show_audience(update, ctx, user.id, data, lang, edit=False)
    elif conv.state == AUDIENCE:
        await _on_audience_button(update, ctx, user.id, data, lang, parts)
    else:
        await answer_query(update, t(lang, "fallback.stale_button"))


async def _on_audience_button(
    update: Update, ctx: Ctx, user_id: int, data: dict[str, Any], lang: Lang, parts: list[str]
) -> None:
    action = parts[1] if len(parts) > 1 else ""
    if action == "all":
        data["aud"] = Audience().to_dict()
        await set_conversation(
            ctx.svc.db, user_id, FLOW, AUDIENCE, data, at=ctx.svc.clock.timestamp()
        )
        await _show_audience(update, ctx, user_id, data, lang, edit=True)
    elif action == "back":
        await _show_audience(update, ctx, user_id, data, lang, edit=True)
    elif action == "pre":
        await _show_preview(update, ctx, user_id, data, lang)
    elif action == "r" and len(parts) == 2:
        audience = Audience.from_dict(data.get("aud") or {})
        # a menu left open past the reflection's close still clears the choice
        data["aud"] = audience.reflection_toggled(_reflection_day(ctx)).to_dict()
        await set_conversation(
            ctx.svc.db, user_id, FLOW, AUDIENCE, data, at=ctx.svc.clock.timestamp()
        )
        await _show_audience(update, ctx, user_id, data, lang, edit=True)
    elif action == "m" and len(parts) == 4 and parts[2] in DIMENSIONS and parts[3].isdigit():
        await _show_values(update, ctx, user_id, data, lang, parts[2], int(parts[3]))
    elif action == "t" and len(parts) == 5 and parts[2] in DIMENSIONS and parts[3].isdigit():
        code, index, page = parts[2], int(parts[3]), parts[4]
        shown = (data.get("opts") or {}).get(code) or []
        if index >= len(shown):  # an old menu: show the current one
            await _show_values(update, ctx, user_id, data, lang, code, 0)
            return
        audience = Audience.from_dict(data.get("aud") or {})
        data["aud"] = audience.toggled(DIMENSIONS[code], str(shown[index])).to_dict()
        await _show_values(
            update, ctx, user_id, data, lang, code, int(page) if page.isdigit() else 0
        )
    else:
        await edit_query_message(update, None)


async def _on_delivery_button(
    update: Update, ctx: Ctx, lang: Lang, action: str, announcement_id: int
) -> None:
    if action == "x":
        if await domain.cancel(ctx.svc.db, announcement_id):
            log.info("scheduled announcement %d cancelled", announcement_id)
            await answer_query(update)
            await edit_query_message(update, None)
            # /umumkan opened an empty draft beside the list: cancelling was the errand, so
            # the draft goes too (else the organiser's next words would become one)
            user = update.effective_user
            conv = await get_conversation(ctx.svc.db, user.id) if user else None
            empty_draft = conv is not None and conv.flow == FLOW and conv.state == COMPOSE
            if user is not None and empty_draft:
                await clear_conversation(ctx.svc.db, user.id)
            key = "bc.cancelled_no_draft" if empty_draft else "bc.cancelled"
            await reply(update, t(lang, key, id=announcement_id))
        else:
            await answer_query(update, t(lang, "bc.cancel_too_late", id=announcement_id))
        return
    try:
        skipped = await domain.stop(ctx.svc.db, ctx.svc.clock, announcement_id)
    except NotRunning:
        await answer_query(update, t(lang, "bc.not_running"))
        return
    log.info("announcement %d stopped; %d not sent", announcement_id, skipped)
    await answer_query(update, t(lang, "bc.stopped", count=skipped))
    _wake(ctx)


# ----------------------------------------------------------------- /pengumuman, /status


async def news_command(update: Update, ctx: Ctx) -> None:
    """/pengumuman: the last five announcements sent to this person, newest first."""
    user = update.effective_user
    if user is None:
        return
    lang = await lang_of(update, ctx)
    found = await news_for(ctx.svc.db, user.id, organiser=ctx.svc.settings.is_admin(user.id))
    if not found:
        await reply(update, t(lang, "news.none"))
        return
    text = t(lang, "news.header")
    for a in found:
        body = a.body
        if a.kind == "photo":
            body = f"{t(lang, 'bc.kind_photo')} {body}".strip()
        elif a.kind == "document":
            name = escape(a.filename or "")
            body = f"{t(lang, 'bc.kind_document', name=name)} {body}".strip()
        moment = a.started_at if a.started_at is not None else a.created_at
        text += t(lang, "news.item", when=_when_at(ctx, lang, moment), body=body)
    await reply(update, text)


async def status_lines(ctx: Ctx, lang: Lang) -> str:
    """/status's broadcast lines: scheduled, running (with progress), last report."""
    db = ctx.svc.db
    lines = t(lang, "status.bc_header")
    waiting = await scheduled(db)
    running = [a for a in await open_deliveries(db) if a.status in ("sending", "stopped")]
    last = await last_reported(db)
    if not (waiting or running or last):
        return lines + t(lang, "status.bc_none")
    nxt = (
        t(lang, "status.bc_next", id=waiting[0].id, when=_when(ctx, lang, waiting[0]))
        if waiting
        else ""
    )
    lines += t(lang, "status.bc_scheduled", count=len(waiting), next=nxt)
    for a in running:
        f = await figures(db, a)
        lines += t(
            lang,
            "status.bc_running",
            id=a.id,
            sent=f.sent,
            failed=f.failed,
            blocked=f.blocked,
            remaining=f.remaining,
            total=f.total,
        )
    if last is not None:
        f = await figures(db, last)
        lines += t(
            lang,
            "status.bc_last",
            id=last.id,
            when=_when_at(ctx, lang, last.finished_at or last.created_at),
            sent=f.sent,
            failed=f.failed,
            blocked=f.blocked,
            stopped=t(lang, "status.bc_stopped", count=f.stopped) if f.stopped else "",
            total=f.total,
        )
    return lines


def _when_at(ctx: Ctx, lang: Lang, moment: float) -> str:
    tz = ctx.svc.local_now().tzinfo
    assert tz is not None
    return domain.when_text(lang, datetime.fromtimestamp(moment, tz), tz)


def _when(ctx: Ctx, lang: Lang, a: Announcement) -> str:
    return _when_at(ctx, lang, a.send_at if a.send_at is not None else a.created_at)


def _gist(lang: Lang, a: Announcement) -> str:
    """The start of an announcement, for lists."""
    short = cut_html(a.body, 60)
    if a.kind == "photo":
        return f"{t(lang, 'bc.kind_photo')} {short}".strip()
    if a.kind == "document":
        return f"{t(lang, 'bc.kind_document', name=escape(a.filename or ''))} {short}".strip()
    return short


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["umumkan", "broadcast"], umumkan_command, PRIVATE),
    command(["pengumuman", "news"], news_command, PRIVATE),
    CallbackQueryHandler(on_button, pattern=r"^bc:"),
    # Media while composing is the announcement; other media is passed on (a document to
    # /impor, the rest to the usual "text only" answer). Text comes via fallback.on_text.
    MessageHandler(
        PRIVATE & filters.UpdateType.MESSAGE & (filters.PHOTO | filters.Document.ALL), on_media
    ),
]
