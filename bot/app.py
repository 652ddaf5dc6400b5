"""The one wiring point: builds the Application, starts and stops the bot's parts in order."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults
from telegram.request import HTTPXRequest

from bot.agenda_io import load_agenda_file, sample_agenda
from bot.budget import SendBudget
from bot.changes import import_agenda
from bot.clock import Clock
from bot.context import BotData, RetretApp, RetretContext
from bot.imports import event_today
from bot.limiter import MAX_IN_FLIGHT, ReplyRateLimiter
from bot.models import Agenda
from bot.ordering import PerUserUpdateProcessor
from bot.problems import render_problems, source_of
from bot.services import AgendaStore, Services
from bot.settings import Settings, SettingsError
from bot.texts import t
from db import Database
from handlers import (
    admin,
    agenda,
    attendance,
    broadcasts,
    export,
    fallback,
    guard,
    imports,
    participants,
    preferences,
    presence,
    questions,
    recap,
    reflections,
    registration,
)
from handlers.common import set_organisers_chat
from handlers.errors import on_error
from jobs.broadcasts import BroadcastRunner
from jobs.outbox import OutboxWorker
from jobs.scheduler import Scheduler

__all__ = ["build_application", "make_clock", "running", "set_commands"]

log = logging.getLogger(__name__)

# (command, text key) of the participants' menu; Indonesian names, English aliases.
PARTICIPANT_MENU = [
    (("agenda", "agenda"), "cmd.agenda"),
    (("sekarang", "now"), "cmd.sekarang"),
    (("besok", "tomorrow"), "cmd.besok"),
    (("hadir", "checkin"), "cmd.hadir"),
    (("refleksi", "reflect"), "cmd.refleksi"),
    (("kalender", "calendar"), "cmd.kalender"),
    (("pengingat", "reminders"), "cmd.pengingat"),
    (("pengumuman", "news"), "cmd.pengumuman"),
    (("profil", "me"), "cmd.profil"),
    (("bahasa", "language"), "cmd.bahasa"),
    (("tanya", "ask"), "cmd.tanya"),
    (("daftar", "register"), "cmd.daftar"),
    (("bantuan", "help"), "cmd.bantuan"),
    (("batal", "cancel"), "cmd.batal"),
]
ORGANISER_MENU = [
    (("umumkan", "broadcast"), "cmd.umumkan"),
    (("kehadiran", "attendance"), "cmd.kehadiran"),
    (("ubah", "reschedule"), "cmd.ubah"),
    (("impor", "import"), "cmd.impor"),
    (("status", "status"), "cmd.status"),
    (("jawab", "reply"), "cmd.jawab"),
    (("peserta", "participants"), "cmd.peserta"),
    (("rekap", "summary"), "cmd.rekap"),
    (("ekspor", "export"), "cmd.ekspor"),
]


def build_application(settings: Settings, budget: SendBudget | None = None) -> RetretApp:
    """The Application with defaults, limiter, handlers (in order) and the error handler."""
    # One TLS context for both connections (sending, and polling): loading the CA bundle is
    # the costliest step of building the Application, and PTB's builder does it twice.
    # Sending: twice the requests the limiter lets through at once (PTB's 256 idle connections
    # were scanned on every request); polling: one, as PTB's. Timeouts: PTB's defaults.
    tls = httpx.create_ssl_context()
    # PTB's builder types the job queue with the default context; ours is RetretContext.
    app: RetretApp = (
        ApplicationBuilder()
        .token(settings.token)
        .request(HTTPXRequest(connection_pool_size=2 * MAX_IN_FLIGHT, httpx_kwargs={"verify": tls}))
        .get_updates_request(HTTPXRequest(connection_pool_size=1, httpx_kwargs={"verify": tls}))
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            )
        )
        .context_types(ContextTypes(context=RetretContext, bot_data=BotData))
        .rate_limiter(ReplyRateLimiter(budget))
        # Concurrent, in order per person: one person's flood wait stalls no one else.
        .concurrent_updates(PerUserUpdateProcessor())
        .build()  # type: ignore[assignment]
    )
    set_organisers_chat(settings.organizer_chat_id)  # where organisers' commands may answer
    app.add_handlers(guard.HANDLERS, group=guard.GROUP)  # forged ids dropped before all else
    # Group -1 sees every update next and lets the others run: someone who blocked the bot
    # and writes again (or unblocks it) is reachable again.
    app.add_handlers(presence.HANDLERS, group=-1)
    # Order matters: the first matching handler wins. Commands and known buttons first,
    # then the catch-alls of `fallback` (free text, unknown commands, media, stale buttons).
    for handlers in (
        registration.HANDLERS,  # /start, /daftar, language and confirmation buttons
        agenda.HANDLERS,  # /agenda, /besok, /sekarang, /kalender, day buttons
        preferences.HANDLERS,  # /profil, /bahasa, /pengingat, /bantuan, /batal
        attendance.HANDLERS,  # /hadir, Hadir button, /kehadiran, nudge
        reflections.HANDLERS,  # /refleksi, its start, answer and edit buttons
        admin.HANDLERS,  # /ubah, /status
        broadcasts.HANDLERS,  # /umumkan and its buttons, /pengumuman, photos/files composed
        imports.HANDLERS,  # /impor and the file that follows
        participants.HANDLERS,  # /peserta and its list pages
        recap.HANDLERS,  # /rekap: the day's reflection figures and chart
        export.HANDLERS,  # /ekspor: the XLSX file, organisers' private chat only
        questions.HANDLERS,  # /tanya, /jawab, answers by reply in the organisers' group
        fallback.HANDLERS,  # everything else, always last
    ):
        app.add_handlers(handlers)
    app.add_error_handler(on_error)
    return app


def make_clock(settings: Settings, agenda: Agenda | None) -> Clock:
    """The wall clock, or the rehearsal clock of REHEARSE_FROM in the event's zone."""
    if settings.rehearse_from is None:
        return Clock(speed=settings.rehearse_speed)
    start = settings.rehearse_from
    if start.tzinfo is None:
        tz = agenda.event.tz if agenda is not None else None
        if tz is None:
            raise SettingsError("REHEARSE_FROM needs an agenda for its time zone")
        start = start.replace(tzinfo=tz)
    return Clock(start=start, speed=settings.rehearse_speed)


async def ensure_agenda(db: Database, settings: Settings, clock: Clock) -> AgendaStore:
    """The agenda store, after loading EVENT_FILE (or the built-in sample) into an empty
    database."""
    store = AgendaStore(db)
    await store.refresh()
    if store.current is not None:
        return store
    if settings.event_file is not None:
        path = Path(settings.event_file)
        if not path.exists():
            raise SettingsError(f"EVENT_FILE: no such file: {path}")
        loaded, problems = load_agenda_file(path, today=event_today(clock, settings.rehearse_from))
        if loaded is None:
            lines = render_problems(
                problems, settings.default_language, source=source_of(path.name)
            )
            raise SettingsError(f"EVENT_FILE: {path}: " + "; ".join(lines[:5]))
        source = str(path)
    else:
        loaded, source = sample_agenda(), "built-in sample"
    await import_agenda(db, clock, loaded, source=source, default_lang=settings.default_language)
    log.info("agenda loaded from %s", source)
    await store.refresh()
    return store


async def set_commands(app: RetretApp, settings: Settings) -> None:
    """Command menus per language, and a larger one in each organiser's chat."""
    bot = app.bot
    for lang in ("id", "en"):
        cmds = [
            BotCommand(names[0 if lang == "id" else 1], t(lang, key))
            for names, key in PARTICIPANT_MENU
        ]
        await bot.set_my_commands(cmds, language_code=lang)
        if lang == settings.default_language:
            await bot.set_my_commands(cmds)
    for admin_id in sorted(settings.admin_ids):
        try:
            for code in ("id", "en", None):  # both languages, and the default for the rest
                lang = code or settings.default_language
                organiser = [
                    BotCommand(names[0 if lang == "id" else 1], t(lang, key))
                    for names, key in PARTICIPANT_MENU + ORGANISER_MENU
                ]
                await bot.set_my_commands(
                    organiser, scope=BotCommandScopeChat(admin_id), language_code=code
                )
        except (BadRequest, Forbidden) as exc:  # the organiser has not started the bot yet
            log.info("organiser menu for %d not set: %s", admin_id, exc.message)


@asynccontextmanager
async def running(
    settings: Settings, *, clock: Clock | None = None, poll_timeout: int = 10
) -> AsyncIterator[RetretApp]:
    """The bot running (long polling) until the block ends; parts stop in reverse order."""
    if settings.webhook_url:
        log.warning("WEBHOOK_URL is set, but this version only long-polls; using polling")
    db = await Database.open(settings.database_path)
    try:
        store = await ensure_agenda(db, settings, clock or Clock())
        clock = clock or make_clock(settings, store.current)
        budget = SendBudget()
        app = build_application(settings, budget)
        async with app:  # initialize (getMe) … shutdown
            services = Services(
                settings=settings,
                db=db,
                clock=clock,
                agenda=store,
                started_at=clock.now(),
                started_mono=clock.monotonic(),
                bot_username=app.bot.username,
            )
            app.bot_data.services = services

            services.outbox = OutboxWorker(
                app.bot, db, clock, send_rate=settings.send_rate, budget=budget
            )
            services.broadcasts = BroadcastRunner(app.bot, db, clock, outbox=services.outbox)
            assert app.job_queue is not None
            services.scheduler = Scheduler(services, app.job_queue)
            await set_commands(app, settings)
            await app.start()  # job queue, update processing
            await services.outbox.start()
            await services.scheduler.start()
            await services.broadcasts.start()
            assert app.updater is not None
            await app.updater.start_polling(
                poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
            )
            log.info(
                "bot @%s running; event clock %s%s",
                app.bot.username,
                services.local_now().isoformat(timespec="minutes"),
                f" (rehearsal x{clock.speed:g})" if clock.rehearsing else "",
            )
            try:
                yield app
            finally:
                await app.updater.stop()
                await services.broadcasts.stop()
                await services.outbox.stop()
                await app.stop()
    finally:
        await db.close()
