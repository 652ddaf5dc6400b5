"""The Mini App's pieces for tests: services on a real database, its routes served by tornado
on an ephemeral port, and initData signed as Telegram would sign it."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import tornado.httpserver
import tornado.testing
import tornado.web

from bot.app import ensure_agenda
from bot.clock import Clock
from bot.initdata import sign_init_data
from bot.services import Services
from bot.settings import Settings
from db import Database
from db.roster import get_entry
from handlers.webapp import routes
from tests.conftest import ADMIN_ID, seed_roster
from tests.helpers import enrol_entry

TOKEN = "424242:webapp-test-token"
OTHER_TOKEN = "434343:another-bots-token"


def init_data(
    user_id: int,
    *,
    token: str = TOKEN,
    age: int = 60,
    language_code: str = "id",
    first_name: str = "Peserta",
) -> str:
    """A signed initData for this user, `age` seconds old by the wall clock."""
    user = {"id": user_id, "first_name": first_name, "language_code": language_code}
    fields = {
        "query_id": f"AAE{user_id}",
        "user": json.dumps(user, separators=(",", ":")),
        "auth_date": str(int(time.time()) - age),
    }
    return sign_init_data(fields, token)


@dataclass
class Web:
    """The Mini App served over HTTP, with the bot's services behind it."""

    services: Services
    port: int

    @property
    def base(self) -> str:
        """The page's address."""
        return f"http://127.0.0.1:{self.port}/webapp/"

    async def enrol(self, user_id: int, nip: str, lang: str = "id") -> None:
        """Register a roster NIP to a Telegram account."""
        entry = await get_entry(self.services.db, nip)
        assert entry is not None, nip
        at = self.services.clock.timestamp()
        await enrol_entry(self.services.db, user_id, f"U{user_id}", entry, lang=lang, at=at)


@asynccontextmanager
async def serve(tmp_path: Path, clock: Clock) -> AsyncIterator[Web]:
    """The sample agenda and roster in a fresh database, the Mini App's routes on a port."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        database_path=tmp_path / "retret.db",
        admin_ids=frozenset({ADMIN_ID}),
    )
    await seed_roster(settings)
    db = await Database.open(settings.database_path)
    server = None
    try:
        store = await ensure_agenda(db, settings, clock)
        services = Services(
            settings=settings, db=db, clock=clock, agenda=store, started_at=clock.now()
        )
        sock, port = tornado.testing.bind_unused_port()
        server = tornado.httpserver.HTTPServer(tornado.web.Application(routes(services)))
        server.add_sockets([sock])
        yield Web(services, port)
    finally:
        if server is not None:
            server.stop()
            await server.close_all_connections()
        await db.close()
