"""/profil, /bahasa, /pengingat, /bantuan, /batal."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, filters

from bot.privacy import gather_profile, profile_text
from bot.texts import t
from db.conversations import clear_conversation, get_conversation
from db.participants import set_reminders
from handlers.common import (
    Ctx,
    answer_query,
    command,
    edit_query_message,
    lang_of,
    participant_of,
    remember_user,
    reply,
    require_participant,
)

__all__ = ["HANDLERS", "help_text"]

PRIVATE = filters.ChatType.PRIVATE


async def profile_command(update: Update, ctx: Ctx) -> None:
    """/profil: everything held on the participant (SPEC §12)."""
    lang = await lang_of(update, ctx)
    p = await require_participant(update, ctx, lang)
    if p is None:
        return
    profile = await gather_profile(ctx.svc.db, p.user_id)
    if profile is None:  # deleted between the two reads
        return
    agenda = ctx.svc.agenda.current
    tz = agenda.event.tz if agenda is not None else ZoneInfo("Asia/Jakarta")
    await reply(update, profile_text(lang, profile, agenda, tz))


async def language_command(update: Update, ctx: Ctx) -> None:
    """/bahasa: choose Indonesian or English."""
    await remember_user(update, ctx)
    lang = await lang_of(update, ctx)
    await reply(
        update,
        t(lang, "lang.choose"),
        [[(t("id", "btn.lang_id"), "lang:id"), (t("en", "btn.lang_en"), "lang:en")]],
    )


def _reminder_keyboard(lang: str, on: bool) -> list[list[tuple[str, str]]]:
    return (
        [[(t(lang, "btn.reminders_off"), "rem:off")]]
        if on
        else [[(t(lang, "btn.reminders_on"), "rem:on")]]
    )


async def reminders_command(update: Update, ctx: Ctx) -> None:
    """/pengingat [on|off]: session reminders on or off (assemblies always come)."""
    lang = await lang_of(update, ctx)
    p = await require_participant(update, ctx, lang)
    if p is None:
        return
    arg = (ctx.args or [""])[0].casefold()
    on = p.reminders
    if arg in ("on", "aktif", "nyala", "ya"):
        on = True
    elif arg in ("off", "nonaktif", "mati", "tidak"):
        on = False
    if on != p.reminders:
        await set_reminders(ctx.svc.db, p.user_id, on)
    state = t(lang, "state.on" if on else "state.off")
    await reply(update, t(lang, "reminders.state", state=state), _reminder_keyboard(lang, on))


async def reminders_button(update: Update, ctx: Ctx) -> None:
    """rem:on / rem:off."""
    query = update.callback_query
    if query is None:
        return
    lang = await lang_of(update, ctx)
    p = await participant_of(update, ctx)
    if p is None or query.data not in ("rem:on", "rem:off"):
        await answer_query(update, t(lang, "fallback.stale_button"))
        return
    on = query.data == "rem:on"
    await set_reminders(ctx.svc.db, p.user_id, on)
    state = t(lang, "state.on" if on else "state.off")
    await answer_query(update, state)
    await edit_query_message(
        update, t(lang, "reminders.state", state=state), _reminder_keyboard(lang, on)
    )


def help_text(lang: str, admin: bool) -> str:
    """The help, with the organisers' part for organisers."""
    organisers = (
        t(lang, "help.admin")
        + t(lang, "help.questions_admin")
        + t(lang, "help.rekap_admin")
        + t(lang, "help.export_admin")
        if admin
        else ""
    )
    return t(lang, "help.text") + t(lang, "help.questions") + t(lang, "help.privacy") + organisers


async def help_command(update: Update, ctx: Ctx) -> None:
    """/bantuan: what the bot can do."""
    lang = await lang_of(update, ctx)
    user = update.effective_user
    await reply(update, help_text(lang, ctx.svc.settings.is_admin(user.id if user else None)))


async def help_button(update: Update, ctx: Ctx) -> None:
    """The Bantuan button."""
    await answer_query(update)
    await help_command(update, ctx)


async def cancel_command(update: Update, ctx: Ctx) -> None:
    """/batal: leave any conversation; nothing half-done is kept."""
    lang = await lang_of(update, ctx)
    user = update.effective_user
    conv = await get_conversation(ctx.svc.db, user.id) if user is not None else None
    had = user is not None and await clear_conversation(ctx.svc.db, user.id)
    paused = (
        conv is not None and conv.flow == "reflect"
    )  # its answers are kept (handlers.reflections)
    await reply(
        update, t(lang, "refl.paused" if paused else "cancel.done" if had else "cancel.nothing")
    )


HANDLERS: list[BaseHandler[Update, Ctx, None]] = [
    command(["profil", "me"], profile_command, PRIVATE),
    command(["bahasa", "language"], language_command, PRIVATE),
    command(["pengingat", "reminders"], reminders_command, PRIVATE),
    command(["bantuan", "help"], help_command, PRIVATE),
    command(["batal", "cancel"], cancel_command, PRIVATE),
    CallbackQueryHandler(reminders_button, pattern=r"^rem:(on|off)$"),
    CallbackQueryHandler(help_button, pattern=r"^menu:help$"),
]
