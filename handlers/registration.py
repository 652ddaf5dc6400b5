"""/start, /daftar and the registration conversation: language → NIP → confirm (SPEC §7)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict
from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, filters

from bot import alerts
from bot.agenda import default_day, own_sessions
from bot.attempts import Lockout, lockout
from bot.models import Problem
from bot.nip import nip_masked
from bot.problems import render_problem
from bot.registration import (
    Candidate,
    InviteOnly,
    NipError,
    NipTaken,
    NotOnRoster,
    TooManyAttempts,
    candidate_for_invite,
    candidate_for_nip,
    confirm,
)
from bot.render import group_line
from bot.salutation import addressed
from bot.texts import Lang, normalise_language, t
from db.conversations import clear_conversation, get_conversation, set_conversation
from db.participants import Participant, get_participant, set_language, unregister
from handlers.agenda import day_view
from handlers.common import (
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    organiser_button,
    participant_of,
    remember_user,
    reply,
)
from handlers.preferences import help_text

__all__ = ["FLOW", "HANDLERS", "alert_organisers", "hold_time", "on_text", "report_lockout"]

log = logging.getLogger(__name__)

FLOW = "register"
# Conversation states, kept in SQLite (db/conversations.py) so a restart does not lose them.
LANGUAGE, NIP, CONFIRM = "language", "nip", "confirm"

PRIVATE = filters.ChatType.PRIVATE


def _lang_keyboard() -> list[list[tuple[str, str]]]:
    return [[(t("id", "btn.lang_id"), "lang:id"), (t("en", "btn.lang_en"), "lang:en")]]


async def _welcome_registered(update: Update, ctx: Ctx, p: Participant, lang: Lang) -> None:
    await reply(
        update,
        t(lang, "start.welcome_back", name=escape(addressed(lang, p.name, p.nip, p.salutation)))
        + "\n\n"
        + t(lang, "help.text"),
        [[(t(lang, "btn.today"), "menu:today"), (t(lang, "btn.now"), "menu:now")]],
    )


async def start(update: Update, ctx: Ctx) -> None:
    """/start [code]: welcome; a deep-link code registers in one tap; else registration begins."""
    await remember_user(update, ctx)
    lang = await lang_of(update, ctx)
    user = update.effective_user
    if user is None:
        return
    p = await participant_of(update, ctx)
    if p is not None:
        await _welcome_registered(update, ctx, p, lang)
        return
    code = ctx.args[0] if ctx.args else None
    if not code and ctx.svc.settings.is_admin(user.id):
        # An organiser not on the roster runs the retreat; no NIP to ask for.
        await reply(update, t(lang, "start.organiser") + "\n\n" + help_text(lang, True))
        return
    if code:
        try:
            candidate = await candidate_for_invite(
                ctx.svc.db, ctx.svc.settings, code, user_id=user.id, at=ctx.svc.clock.timestamp()
            )
        except TooManyAttempts as exc:
            await reply(update, await _wait_text(ctx, exc.lockout, lang))
            return
        except (NipTaken, NotOnRoster) as exc:
            await _refuse(update, ctx, exc, lang, await _held(ctx, user.id))
            return
        if candidate is not None:
            await _register(update, ctx, candidate, lang)
            return
        held = await _held(ctx, user.id)
        if held is not None:
            wait = await _wait_text(ctx, held, lang)
            await reply(update, t(lang, "reg.bad_link_invite") + "\n\n" + wait)
            return
        invite_only = ctx.svc.settings.registration_mode == "invite"
        await reply(update, t(lang, "reg.bad_link_invite" if invite_only else "reg.bad_link"))
    agenda = ctx.svc.agenda.current
    event = agenda.event.name if agenda else "Retret"
    await reply(update, t(lang, "start.welcome", event=escape(event)))
    await _begin(update, ctx)


async def register_command(update: Update, ctx: Ctx) -> None:
    """/daftar: start (or restart) registration."""
    await remember_user(update, ctx)
    lang = await lang_of(update, ctx)
    p = await participant_of(update, ctx)
    if p is not None:
        await reply(
            update,
            t(
                lang,
                "reg.already",
                name=escape(p.name),
                position=escape(p.position or "-"),
                unit=escape(p.unit or "-"),
            ),
        )
        return
    await _begin(update, ctx)


async def _begin(update: Update, ctx: Ctx) -> None:
    user = update.effective_user
    if user is None:
        return
    if ctx.svc.settings.registration_mode == "invite":
        # Kept at the NIP step so that a NIP typed next is answered with the same advice.
        await set_conversation(ctx.svc.db, user.id, FLOW, NIP, {}, at=ctx.svc.clock.timestamp())
        await reply(update, t(await lang_of(update, ctx), "reg.invite_only"))
        return
    await set_conversation(ctx.svc.db, user.id, FLOW, LANGUAGE, {}, at=ctx.svc.clock.timestamp())
    await reply(update, t(await lang_of(update, ctx), "lang.choose"), _lang_keyboard())


async def menu_register(update: Update, ctx: Ctx) -> None:
    """The Daftar button."""
    await answer_query(update)
    await register_command(update, ctx)


async def language_button(update: Update, ctx: Ctx) -> None:
    """lang:id / lang:en — in registration the first step, elsewhere /bahasa."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or query.data not in ("lang:id", "lang:en"):
        return
    await remember_user(update, ctx)
    lang: Lang = "en" if query.data == "lang:en" else "id"
    await answer_query(update)
    said = t(lang, "lang.set" if await lang_of(update, ctx) != lang else "lang.unchanged")
    await set_language(ctx.svc.db, user.id, lang)
    conv = await get_conversation(ctx.svc.db, user.id)
    if conv is not None and conv.flow == FLOW and conv.state == LANGUAGE:
        if await participant_of(update, ctx) is None:
            await set_conversation(
                ctx.svc.db, user.id, FLOW, NIP, {"lang": lang}, at=ctx.svc.clock.timestamp()
            )
            invite_only = ctx.svc.settings.registration_mode == "invite"
            ask = t(lang, "reg.invite_only" if invite_only else "reg.ask_nip")
            await reply(update, said + "\n\n" + ask)
            return
        await clear_conversation(ctx.svc.db, user.id)
    await reply(update, said)


async def on_text(update: Update, ctx: Ctx, state: str, text: str) -> None:
    """A message while registering."""
    lang = await lang_of(update, ctx)
    user = update.effective_user
    if user is None:
        return
    if state == LANGUAGE:
        await reply(update, t(lang, "lang.choose"), _lang_keyboard())
        return
    if state == CONFIRM:
        conv = await get_conversation(ctx.svc.db, user.id)
        data = conv.data if conv else {}
        await _ask_confirm(update, Candidate(**data["candidate"]), lang)
        return
    try:
        candidate = await candidate_for_nip(
            ctx.svc.db,
            ctx.svc.settings,
            text,
            user_id=user.id,
            fallback_name=user.full_name,
            at=ctx.svc.clock.timestamp(),
        )
    except InviteOnly:
        await reply(update, t(lang, "reg.invite_only"))
        return
    except TooManyAttempts as exc:
        await reply(update, await _wait_text(ctx, exc.lockout, lang))
        return
    except (NipTaken, NotOnRoster, NipError) as exc:
        await _refuse(update, ctx, exc, lang, await _held(ctx, user.id), typed=True)
        return
    await set_conversation(
        ctx.svc.db,
        user.id,
        FLOW,
        CONFIRM,
        {"lang": lang, "candidate": asdict(candidate)},
        at=ctx.svc.clock.timestamp(),
    )
    await _ask_confirm(update, candidate, lang)


async def _ask_confirm(update: Update, c: Candidate, lang: Lang) -> None:
    keyboard = [[(t(lang, "btn.yes_me"), "reg:yes"), (t(lang, "btn.not_me"), "reg:no")]]
    if c.verified:
        text = t(
            lang,
            "reg.confirm",
            name=escape(c.name),
            position=escape(c.position),
            unit=escape(c.unit),
            group=group_line(lang, c.group),
        )
    else:
        text = t(lang, "reg.confirm_open", name=escape(c.name))
    await reply(update, text, keyboard)


async def _refuse(
    update: Update,
    ctx: Ctx,
    exc: Exception,
    lang: Lang,
    held: Lockout | None = None,
    *,
    typed: bool = False,
) -> None:
    """Explain why; nothing is stored. A NIP bound elsewhere also alerts the organisers.
    When this failure spent the account's attempts (`held`), the same message says until when.
    A NIP the sender `typed` is shown back in full; one behind an invite code, masked."""
    user = update.effective_user
    note = "\n\n" + await _wait_text(ctx, held, lang) if held is not None else ""
    if isinstance(exc, NipError):
        reason = escape(render_problem(Problem(exc.code, params=exc.params), lang))
        # Once held, "send your NIP again" would contradict the wait: the reason alone.
        await reply(update, t(lang, "reg.nip_retry", reason=reason) if not note else reason + note)
    elif isinstance(exc, NotOnRoster):
        # The sender typed it: shown in full so they can spot a wrong digit (logs mask it).
        shown = exc.nip if typed else nip_masked(exc.nip)
        await reply(update, t(lang, "reg.not_on_roster", nip=shown) + note)
    elif isinstance(exc, NipTaken) and user is not None:
        log.warning("NIP %s already bound; attempt by user %d", nip_masked(exc.nip), user.id)
        holder = await get_participant(ctx.svc.db, exc.bound_to)
        await clear_conversation(ctx.svc.db, user.id)
        await reply(update, t(lang, "reg.taken") + note)
        admin_lang = ctx.svc.settings.default_language
        text = t(
            admin_lang,
            "reg.taken_admin",
            name=escape(exc.name),
            unit=escape(holder.unit if holder is not None else "-"),
            who=escape(user.full_name),
            user_id=user.id,
            bound=exc.bound_to,
        )
        # the key is stored in the outbox: a digest, never the NIP itself
        key = f"nip_taken:{hashlib.sha256(exc.nip.encode()).hexdigest()[:16]}:{user.id}"
        unbind = [[(t(admin_lang, "btn.unbind"), f"unbind:{exc.bound_to}")]]
        await _queue_alert(ctx, key, text, unbind)


async def _held(ctx: Ctx, user_id: int) -> Lockout | None:
    """The hold on an account's registration attempts, if a failure just spent them."""
    return await lockout(ctx.svc.db, user_id, "nip", at=ctx.svc.clock.timestamp())


async def _wait_text(ctx: Ctx, held: Lockout, lang: Lang) -> str:
    """Tell the organisers (the first time in a window); the person's "try again at" text."""
    await report_lockout(ctx, held)
    return t(lang, "attempts.wait_nip", time=hold_time(ctx, held, lang))


def hold_time(ctx: Ctx, held: Lockout, lang: str) -> str:
    """When a held account may try again, in the event's zone: `10.45 WIB`."""
    return alerts.hold_time(ctx.svc, held, lang)


async def report_lockout(ctx: Ctx, held: Lockout, **values: object) -> None:
    """Alert the organisers of an account that spent its attempts (bot/alerts.py)."""
    await alerts.report_lockout(ctx.svc, held, **values)


async def alert_organisers(ctx: Ctx, key: str, text_key: str, **values: object) -> None:
    """Queue a message to the organisers' chat (or, without one, to each organiser)."""
    await alerts.alert_organisers(ctx.svc, key, text_key, **values)


async def _queue_alert(
    ctx: Ctx, key: str, text: str, keyboard: list[list[tuple[str, str]]] | None = None
) -> None:
    await alerts.queue_alert(ctx.svc, key, text, keyboard)


async def confirm_button(update: Update, ctx: Ctx) -> None:
    """reg:yes / reg:no on the confirmation."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    conv = await get_conversation(ctx.svc.db, user.id)
    lang = await lang_of(update, ctx)
    if conv is None or conv.flow != FLOW or conv.state != CONFIRM:
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    await answer_query(update)
    await edit_query_message(update, None)
    if query.data != "reg:yes":
        await clear_conversation(ctx.svc.db, user.id)
        await reply(update, t(lang, "reg.rejected"))
        return
    if ctx.svc.settings.registration_mode == "invite":
        # A confirmation left from before the switch to invite mode registers nobody.
        await clear_conversation(ctx.svc.db, user.id)
        await reply(update, t(lang, "reg.invite_only"))
        return
    await _register(update, ctx, Candidate(**conv.data["candidate"]), lang)


async def _register(update: Update, ctx: Ctx, candidate: Candidate, lang: Lang) -> None:
    user = update.effective_user
    if user is None:
        return
    try:
        p = await confirm(
            ctx.svc.db, candidate, user_id=user.id, language=lang, at=ctx.svc.clock.timestamp()
        )
    except NipTaken as exc:
        await _refuse(update, ctx, exc, lang)
        return
    await clear_conversation(ctx.svc.db, user.id)
    log.info("registered user %d (%s)", user.id, nip_masked(p.nip))
    await reply(
        update,
        t(
            lang,
            "reg.done",
            name=escape(addressed(lang, p.name, p.nip, p.salutation)),
            group=group_line(lang, p.group),
        ),
    )
    agenda = ctx.svc.agenda.current
    if agenda is not None:
        day = default_day(agenda.days(), ctx.svc.local_now().date())
        if day is not None:
            text, keyboard = day_view(
                lang, agenda, own_sessions(agenda, p.position, p.group), day, False
            )
            await reply(update, text, keyboard)


async def unbind_button(update: Update, ctx: Ctx) -> None:
    """unbind:USER on a taken-NIP alert: an organiser frees the NIP from the old account."""
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return
    if not await organiser_button(update, ctx):
        return
    lang = normalise_language(ctx.svc.settings.default_language)
    raw = query.data.removeprefix("unbind:")
    if not raw.isdigit():
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    await answer_query(update)
    removed = await unregister(ctx.svc.db, int(raw))
    await edit_query_message(update, None)
    if removed is None:
        await reply(update, t(lang, "reg.unbind_none"))
        return
    log.info("organiser %d unbound user %s (%s)", user.id, raw, nip_masked(removed.nip))
    await reply(
        update, t(lang, "reg.unbound", name=escape(removed.name), unit=escape(removed.unit))
    )


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command("start", start, PRIVATE),
    command(["daftar", "register"], register_command, PRIVATE),
    CallbackQueryHandler(language_button, pattern=r"^lang:(id|en)$"),
    CallbackQueryHandler(confirm_button, pattern=r"^reg:(yes|no)$"),
    CallbackQueryHandler(menu_register, pattern=r"^menu:register$"),
    CallbackQueryHandler(unbind_button, pattern=r"^unbind:"),
]
