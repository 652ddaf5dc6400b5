"""The bot's own small HTTP server (tornado, from python-telegram-bot's `webhooks` extra): one
port, one process, for Telegram's webhook and, later, the Mini App's pages and JSON API
(issue 10 item 2, issue 11 item 1). Entry-level wiring, like bot/app.py."""

from __future__ import annotations

import hmac
import json
import logging
import re
import socket
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update

from bot.context import RetretApp

__all__ = [
    "MAX_BODY_SIZE",
    "SECRET_HEADER",
    "Route",
    "TelegramWebhook",
    "WebServer",
    "webhook_route",
]

log = logging.getLogger(__name__)

# (path pattern, handler class, the handler's initialize() keyword arguments)
Route = tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are a few kilobytes; anyone can POST, and tornado reads the whole body
# before a handler can check the secret, so the default (100 MB) would be an easy load.
MAX_BODY_SIZE = 1024 * 1024


class WebServer:
    """A tornado server for `routes`, started and stopped inside the running event loop."""

    def __init__(
        self,
        routes: list[Route],
        *,
        port: int,
        listen: str = "0.0.0.0",
        max_body_size: int = MAX_BODY_SIZE,
    ) -> None:
        """Nothing is bound until start(); port 0 binds an ephemeral port (tests). A request
        body over `max_body_size` bytes is refused before any handler sees it."""
        self._routes = list(routes)
        self._max_body_size = max_body_size
        self._wanted_port = port
        self._listen = listen
        self._server: tornado.httpserver.HTTPServer | None = None
        self._sockets: list[socket.socket] = []
        self._port: int | None = None

    async def start(self) -> None:
        """Bind the port and serve; an address in use raises OSError here, not later."""
        if self._server is not None:
            raise RuntimeError("WebServer already started")
        app = tornado.web.Application(self._routes, log_function=_log_request)
        # xheaders: behind the reverse proxy, X-Real-IP/X-Forwarded-For name the real client.
        server = tornado.httpserver.HTTPServer(
            app, xheaders=True, max_body_size=self._max_body_size
        )
        sockets = [_listening_socket(self._listen, self._wanted_port)]
        server.add_sockets(sockets)
        self._server, self._sockets = server, sockets
        self._port = int(sockets[0].getsockname()[1])
        log.info("web server listening on %s:%d", self._listen, self._port)

    async def stop(self) -> None:
        """Stop accepting, close open connections; safe to call twice or before start()."""
        server, self._server = self._server, None
        if server is None:
            return
        server.stop()
        await server.close_all_connections()
        self._sockets = []

    @property
    def port(self) -> int:
        """The bound port (the ephemeral one when started with port 0)."""
        if self._port is None:
            raise RuntimeError("WebServer is not started")
        return self._port


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """One DEBUG line per request (INFO would log every update); refusals at WARNING."""
    status = handler.get_status()
    request = handler.request
    level = logging.WARNING if status in (400, 403) else logging.DEBUG
    log.log(level, "%d %s %s from %s", status, request.method, request.path, request.remote_ip)


class TelegramWebhook(tornado.web.RequestHandler):
    """Telegram's POSTed updates: the secret header checked in constant time (wrong or
    missing: 403, nothing handled), the body read as an Update (unreadable: 400), then queued
    for the application like a polled update."""

    app: RetretApp
    secret: bytes

    def initialize(self, app: RetretApp, secret: str) -> None:
        """The application to feed and the WEBHOOK_SECRET Telegram sends back."""
        self.app = app
        self.secret = secret.encode()

    def check_xsrf_cookie(self) -> None:
        """No cookies here: the secret header is the authentication."""

    async def post(self) -> None:
        """Check, parse, queue; 200 with an empty body once queued."""
        given = self.request.headers.get(SECRET_HEADER)
        if given is None or not hmac.compare_digest(given.encode(), self.secret):
            raise tornado.web.HTTPError(403)
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # any malformed body: 400, and the bot carries on
            log.warning("webhook: unreadable update: %s", exc)
            raise tornado.web.HTTPError(400) from None
        await self.app.update_queue.put(update)
        self.set_status(200)
        self.finish()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A bare status line, no traceback or tornado page."""
        self.finish()


def webhook_route(path: str, app: RetretApp, secret: str) -> Route:
    """The route of Telegram's webhook at exactly `path` (WEBHOOK_URL's path)."""
    return (re.escape(path or "/"), TelegramWebhook, {"app": app, "secret": secret})


def _listening_socket(address: str, port: int) -> socket.socket:
    """A socket listening on the address's first form (port 0: an ephemeral port), closed
    again when it cannot bind: tornado's bind_sockets leaves the socket of a failed bind to
    the garbage collector."""
    family, kind, proto, _, where = socket.getaddrinfo(
        address or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setblocking(False)
        sock.bind(where)
        sock.listen(128)
    except BaseException:
        sock.close()
        raise
    return sock
