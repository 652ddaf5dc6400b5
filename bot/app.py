"""The one wiring point: builds the Application, starts and stops the bot's parts in order."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    LinkPreviewOptions,
    MenuButtonWebApp,
    Update,
    WebAppInfo,
)
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
from bot.settings import DEFAULT_WEBHOOK_PORT, Settings, SettingsError, webhook_secret
from bot.texts import t
from bot.webserver import Route, WebServer, webhook_route
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
    privacy,
    questions,
    recap,
    reflections,
    registration,
    webapp,
)
from handlers.common import set_organisers_chat
from handlers.errors import on_error
from jobs.broadcasts import BroadcastRunner
from jobs.outbox import OutboxWorker
from jobs.scheduler import Scheduler

__all__ = ["build_application", "make_clock", "running", "set_commands", "set_menu_button"]

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
    (("hapusdata", "forget"), "cmd.hapusdata"),
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
        privacy.HANDLERS,  # /hapusdata and its confirmation buttons
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


async def set_menu_button(app: RetretApp, settings: Settings) -> None:
    """With WEBAPP_URL, the chat's menu button opens the Mini App (in every private chat)."""
    if not settings.webapp_url:
        return
    label = t(settings.default_language, "webapp.menu_button")
    button = MenuButtonWebApp(label, WebAppInfo(settings.webapp_url))
    try:
        await app.bot.set_chat_menu_button(menu_button=button)
    except BadRequest as exc:  # e.g. an address Telegram does not take: the chat still works
        log.warning("menu button for the Mini App not set: %s", exc.message)


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


async def _start_server(settings: Settings, routes: list[Route]) -> WebServer:
    """Our web server on WEBHOOK_PORT for `routes`; a port it cannot have is one line."""
    lang = settings.default_language
    port = settings.webhook_port or DEFAULT_WEBHOOK_PORT
    server = WebServer(routes, port=port, listen=settings.webhook_listen)
    try:
        await server.start()
    except OSError as exc:  # in use, or an address this host does not have
        where = {"port": port, "listen": settings.webhook_listen}
        reason = exc.strerror or str(exc)
        raise SettingsError(t(lang, "webhook.port_unusable", **where, reason=reason)) from None
    return server


async def _start_receiving(
    app: RetretApp, settings: Settings, poll_timeout: int, routes: list[Route]
) -> WebServer | None:
    """Updates start coming: by webhook when WEBHOOK_URL is set (our server first, then
    setWebhook, so Telegram's first POST finds it), else by long polling (which deletes a
    webhook left from an earlier run). `routes` (the Mini App's) are served by the same
    server, which runs for them alone in polling mode: one port, one process."""
    if not settings.webhook_url:
        assert app.updater is not None
        server = await _start_server(settings, routes) if routes else None
        try:
            await app.updater.start_polling(
                poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
            )
        except BaseException:
            if server is not None:
                await server.stop()
            raise
        return server
    lang = settings.default_language
    secret = webhook_secret(settings, lang)
    path = urlsplit(settings.webhook_url).path or "/"
    server = await _start_server(settings, [webhook_route(path, app, secret), *routes])
    try:
        await app.bot.set_webhook(
            settings.webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,  # what Telegram queued while we were down still counts
        )
    except BadRequest as exc:  # e.g. not HTTPS, or a host Telegram cannot resolve
        await server.stop()
        raise SettingsError(t(lang, "webhook.refused", reason=exc.message)) from None
    except BaseException:
        await server.stop()
        raise
    log.info("webhook set: %s (port %d)", settings.webhook_url, server.port)
    return server


async def _stop_receiving(app: RetretApp, server: WebServer | None) -> None:
    """No more updates come in (nor Mini App requests). The webhook stays set: Telegram
    keeps queueing updates while the bot restarts and delivers them when it is back."""
    if server is not None:
        await server.stop()
    if app.updater is not None and app.updater.running:
        await app.updater.stop()


@asynccontextmanager
async def running(
    settings: Settings, *, clock: Clock | None = None, poll_timeout: int = 10
) -> AsyncIterator[RetretApp]:
    """The bot running until the block ends (long polling, or webhook mode when WEBHOOK_URL
    is set); parts stop in reverse order."""
    if settings.webhook_url:
        webhook_secret(settings, settings.default_language)  # refuse before anything starts
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
            await set_menu_button(app, settings)
            await app.start()  # job queue, update processing
            try:
                await services.outbox.start()
                await services.scheduler.start()
                await services.broadcasts.start()
                # The Mini App (WEBAPP_URL) is served by the bot's own web server.
                pages = webapp.routes(services) if settings.webapp_url else []
                server = await _start_receiving(app, settings, poll_timeout, pages)
                log.info(
                    "bot @%s running (%s%s); event clock %s%s",
                    app.bot.username,
                    "webhook" if settings.webhook_url else "long polling",
                    f", Mini App on port {server.port}" if pages and server is not None else "",
                    services.local_now().isoformat(timespec="minutes"),
                    f" (rehearsal x{clock.speed:g})" if clock.rehearsing else "",
                )
                try:
                    yield app
                finally:
                    await _stop_receiving(app, server)
            finally:
                await services.broadcasts.stop()
                await services.outbox.stop()
                await app.stop()
    finally:
        await db.close()
