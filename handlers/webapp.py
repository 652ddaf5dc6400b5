"""The Mini App over HTTP (issue 11): its page as static files and a small JSON API.

Authentication only by Telegram's initData (bot/initdata.py), sent by the page in the
`Authorization: tma <initData>` header: no cookie, no other login. A bad or old initData gets
401; a participant asking for the organisers' figures gets 403; a participant's own data is
looked up by the id Telegram signed, never by anything the page names, so nothing of another
participant can be asked for. The handlers are thin: parse, call bot/webapp.py, answer JSON.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

import tornado.web

import bot
from bot import alerts
from bot.initdata import InitData, InvalidInitData, verify_init_data
from bot.language import reader_language
from bot.models import Agenda
from bot.services import Services
from bot.texts import TEXTS, Lang, normalise_language
from bot.webapp import as_json, dashboard, timeline, web_checkin
from db.participants import Participant, get_participant

__all__ = ["PREFIX", "STATIC_DIR", "Route", "load_page", "page_texts", "routes"]

log = logging.getLogger(__name__)

Route = tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]

PREFIX = "/webapp"
STATIC_DIR = Path(bot.__file__).resolve().parent / "data" / "webapp"  # package data
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
MAX_BODY = 2048  # a check-in is a session id and a code

# The page's own scripts and styles only; telegram-web-app.js from telegram.org.
CSP = (
    "default-src 'self'; script-src 'self' https://telegram.org; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors https://web.telegram.org "
    "https://*.telegram.org 'self'; base-uri 'none'; form-action 'none'"
)


def page_texts(lang: Lang) -> dict[str, str]:
    """The page's words in one language (the `webapp.*` texts)."""
    return {
        key.removeprefix("webapp."): entry.get(lang) or entry["id"]
        for key, entry in TEXTS.items()
        if key.startswith("webapp.")
    }


@dataclass(frozen=True)
class PageFile:
    """One file of the page, held in memory with its gzip form (a weak signal pays for
    every byte, and the server need not be set up to compress)."""

    content_type: str
    raw: bytes
    gzipped: bytes
    etag: str
    csp: str = CSP


def _file(content_type: str, raw: bytes, csp: str = CSP) -> PageFile:
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return PageFile(content_type, raw, gzip.compress(raw, 9, mtime=0), f'"{digest}"', csp)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def load_page(folder: Path = STATIC_DIR) -> dict[str, PageFile]:
    """The page's files by name, read once at start-up. index.html carries app.css and
    app.js inline (one request instead of three on a slow network, each round trip costing
    hundreds of milliseconds), allowed by their hashes in its content security policy."""
    files = {
        path.name: _file(TYPES[path.suffix], path.read_bytes())
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix in TYPES
    }
    html = files["index.html"].raw.decode()
    css = files["app.css"].raw.decode()
    js, early = files["app.js"].raw.decode(), files["early.js"].raw.decode()
    if any("</script" in s.lower() for s in (js, early)) or "</style" in css.lower():
        raise ValueError("app.js, early.js or app.css would end its inline element early")
    style = f"<style>{css}</style>"
    html = html.replace('<link rel="stylesheet" href="app.css">', style)
    html = html.replace('<script src="early.js"></script>', f"<script>{early}</script>")
    html = html.replace('<script src="app.js"></script>', f"<script>{js}</script>")
    scripts = f"{_sha256(early)} {_sha256(js)}"
    csp = CSP.replace("script-src 'self'", f"script-src {scripts}").replace(
        "style-src 'self'", f"style-src {_sha256(css)}"
    )
    files["index.html"] = _file(TYPES[".html"], html.encode(), csp)
    return files


class PageHandler(tornado.web.RequestHandler):
    """The page's files, with a content security policy, gzip when the browser takes it, and
    revalidation by ETag (a new version of the page reaches phones at once)."""

    files: dict[str, PageFile]

    def initialize(self, files: dict[str, PageFile]) -> None:
        """Routes pass the files loaded by load_page()."""
        self.files = files

    def get(self, name: str | None) -> None:
        """One file; the folder itself is index.html."""
        found = self.files.get(name or "index.html")
        if found is None:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", found.content_type)
        self.set_header("Content-Security-Policy", found.csp)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("Vary", "Accept-Encoding")
        self.set_header("ETag", found.etag)
        if found.etag in self.request.headers.get("If-None-Match", ""):
            self.set_status(304)
            self.finish()
            return
        if "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(found.gzipped)
        else:
            self.finish(found.raw)

    def compute_etag(self) -> str | None:
        """The file's own ETag is set in get()."""
        return None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A bare status line."""
        self.finish()


class _Api(tornado.web.RequestHandler):
    """A JSON endpoint; `who()` checks the initData."""

    services: Services

    def initialize(self, services: Services) -> None:
        """Routes pass the running bot's services."""
        self.services = services

    def set_default_headers(self) -> None:
        """JSON, never cached, never sniffed."""
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def answer(self, status: int, data: dict[str, Any]) -> None:
        """Finish with a status and a JSON body (gzipped when large and the browser takes it)."""
        self.set_status(status)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        self.set_header("Vary", "Accept-Encoding")
        if len(body) > 1024 and "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            body = gzip.compress(body, 6)
        self.finish(body)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors as JSON too, without a traceback."""
        self.finish(json.dumps({"error": self._reason.lower().replace(" ", "_")}))

    def who(self) -> InitData | None:
        """The verified initData of the request, or None after answering 401."""
        header = self.request.headers.get("Authorization", "")
        scheme, _, raw = header.partition(" ")
        try:
            if scheme.lower() != "tma":
                raise InvalidInitData("no tma authorization")
            now = self.services.clock.real_now().timestamp()  # never the rehearsal clock
            return verify_init_data(raw.strip(), self.services.settings.token, now=now)
        except InvalidInitData as exc:
            log.info("mini app request refused: %s", exc.reason)
            self.answer(401, {"error": "unauthorised"})
            return None

    async def lang_of(self, init: InitData) -> Lang:
        """The reader's language, by the chat's rule."""
        return await reader_language(
            self.services.db,
            init.user.id,
            init.user.language_code,
            self.services.settings.default_language,
        )

    def agenda(self) -> Agenda | None:
        """The agenda in force, or None after answering 503."""
        agenda = self.services.agenda.current
        if agenda is None:
            self.answer(503, {"error": "no_agenda"})
        return agenda

    async def reader(self, init: InitData) -> tuple[Agenda, Participant, Lang, datetime] | None:
        """The agenda, the participant who opened the page, their language and the event's
        time now; None after answering 503 (no agenda) or 403 (not registered)."""
        agenda = self.agenda()
        p = await self.participant(init) if agenda is not None else None
        if agenda is None or p is None:
            return None
        return agenda, p, await self.lang_of(init), self.services.local_now()

    async def participant(self, init: InitData) -> Participant | None:
        """The registered participant who opened the page, or None after answering 403."""
        p = await get_participant(self.services.db, init.user.id)
        if p is None:
            self.answer(403, {"error": "not_registered"})
        return p


class TextsHandler(_Api):
    """GET: the page's words in `?lang=` (public: the 401 page needs them too)."""

    async def get(self) -> None:
        """The texts of one language."""
        raw = self.get_query_argument("lang", "")
        lang = normalise_language(
            raw[:8], normalise_language(self.services.settings.default_language)
        )
        self.answer(200, {"lang": lang, "texts": page_texts(lang)})


class MeHandler(_Api):
    """GET: who opened the page, in which language, and may they see the dashboard."""

    async def get(self) -> None:
        """The reader and the page's words in their language."""
        init = self.who()
        if init is None:
            return
        lang = await self.lang_of(init)
        p = await get_participant(self.services.db, init.user.id)
        agenda = self.services.agenda.current
        organiser = self.services.settings.is_admin(init.user.id)
        # The first view comes with the first answer: one round trip less on a slow network
        # (the organisers' dashboard when they ask for it or are not participants).
        wants_dashboard = organiser and (
            p is None or self.get_query_argument("view", "") == "dashboard"
        )
        day = figures = None
        if agenda is not None:
            db, now = self.services.db, self.services.local_now()
            if wants_dashboard:
                figures = as_json(await dashboard(db, agenda, lang, now))
            elif p is not None:
                day = as_json(await timeline(db, agenda, p, lang, now, None))
        self.answer(
            200,
            {
                "lang": lang,
                "registered": p is not None,
                "organiser": organiser,
                "texts": page_texts(lang),
                "timeline": day,
                "dashboard": figures,
            },
        )


class TimelineHandler(_Api):
    """GET `?day=YYYY-MM-DD`: the reader's own sessions of a day."""

    async def get(self) -> None:
        """One day of the reader's own agenda."""
        init = self.who()
        if init is None:
            return
        raw = self.get_query_argument("day", "")
        day = None
        if raw:
            try:
                day = date.fromisoformat(raw[:10]) if len(raw) == 10 else None
            except ValueError:
                day = None
            if day is None:
                self.answer(400, {"error": "bad_day"})
                return
        reader = await self.reader(init)
        if reader is None:
            return
        agenda, p, lang, now = reader
        found = await timeline(self.services.db, agenda, p, lang, now, day)
        self.answer(200, as_json(found))


class CheckinHandler(_Api):
    """POST `{"session": ID, "code": "1234"?}`: Hadir, by the chat's own rules."""

    async def post(self) -> None:
        """Check the reader in and answer with the outcome and the day as it now stands."""
        init = self.who()
        if init is None:
            return
        body = self.request.body
        try:
            data = json.loads(body) if len(body) <= MAX_BODY else None
        except ValueError:
            data = None
        session_id = data.get("session") if isinstance(data, dict) else None
        code = data.get("code") if isinstance(data, dict) else None
        if not isinstance(session_id, str) or not 0 < len(session_id) <= 64:
            self.answer(400, {"error": "bad_request"})
            return
        if code is not None and (not isinstance(code, str) or len(code) > 20):
            self.answer(400, {"error": "bad_request"})
            return
        reader = await self.reader(init)
        if reader is None:
            return
        agenda, p, lang, now = reader
        result, said = await web_checkin(
            self.services.db, agenda, p, lang, session_id=session_id, code=code, now=now
        )
        if result.held is not None and result.session is not None:
            # as in the chat: the organisers hear of a code guessed too often, once a window
            title = escape(result.session.in_lang(lang, "title"))
            await alerts.report_lockout(
                self.services, result.held, title=title, name=escape(p.name)
            )
        day = result.session.date if result.session is not None else None
        found = await timeline(self.services.db, agenda, p, lang, now, day)
        self.answer(200, {**as_json(said), "timeline": as_json(found)})


class DashboardHandler(_Api):
    """GET: the organisers' live figures; 403 for anyone not in ADMIN_IDS."""

    async def get(self) -> None:
        """Every figure of the dashboard."""
        init = self.who()
        if init is None:
            return
        if not self.services.settings.is_admin(init.user.id):
            log.info("mini app dashboard refused to user %d", init.user.id)
            self.answer(403, {"error": "organisers_only"})
            return
        agenda = self.agenda()
        if agenda is None:
            return
        lang = await self.lang_of(init)
        found = await dashboard(self.services.db, agenda, lang, self.services.local_now())
        self.answer(200, as_json(found))


def routes(services: Services) -> list[Route]:
    """The Mini App's routes, for the bot's web server (bot/webserver.py)."""
    api = {"services": services}
    return [
        (PREFIX, tornado.web.RedirectHandler, {"url": f"{PREFIX}/"}),
        (rf"{PREFIX}/api/texts", TextsHandler, api),
        (rf"{PREFIX}/api/me", MeHandler, api),
        (rf"{PREFIX}/api/timeline", TimelineHandler, api),
        (rf"{PREFIX}/api/checkin", CheckinHandler, api),
        (rf"{PREFIX}/api/dashboard", DashboardHandler, api),
        (rf"{PREFIX}/([a-z]+\.[a-z]+)?", PageHandler, {"files": load_page()}),
    ]
