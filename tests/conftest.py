"""Shared fixtures: the fake Bot API, a real SQLite file, the real bot running against both."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.app import running
from bot.clock import Clock
from bot.context import RetretApp
from bot.roster import load_roster_file
from bot.services import Services
from bot.settings import Settings
from db import Database
from db.roster import upsert_roster
from tests.fakebot import FakeTelegram, FakeUser, SentMessage

# Hypothesis (tests/test_fuzz.py): "ci", the default, runs 2,000 examples the same way every
# time (derandomized, no example database); `pytest --hypothesis-profile=big` runs 20,000.
# One bot serves every example, so the function-scoped fixtures are meant.
hypothesis_settings.register_profile(
    "ci",
    max_examples=2000,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
hypothesis_settings.register_profile(
    "big", parent=hypothesis_settings.get_profile("ci"), max_examples=20_000
)
hypothesis_settings.register_profile(  # a quick look while working on the fuzz test
    "dev", parent=hypothesis_settings.get_profile("ci"), max_examples=100
)
if hypothesis_settings.get_current_profile_name() == "default":  # no --hypothesis-profile
    hypothesis_settings.load_profile("ci")

JKT = ZoneInfo("Asia/Jakarta")
DATA = Path(__file__).parent / "data"
ROSTER = DATA / "roster_sample.csv"
ADMIN_ID = 900001

# People of tests/data/roster_sample.csv used by name in tests.
BUDI = "198507142010011003"  # Kepala OPD, Kelompok 1


def at(text: str) -> datetime:
    """`2025-05-15 04:25` in Asia/Jakarta."""
    return datetime.fromisoformat(text).replace(tzinfo=JKT)


def has_button(message: SentMessage, data: str) -> bool:
    """Whether a bot message carries a button with this callback data."""
    return any(d == data for _, d in message.buttons)


def roster_rows() -> list[dict[str, str]]:
    """The sample roster as dicts (nip, name, position, unit, group)."""
    import csv

    with ROSTER.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def first_with(position: str) -> dict[str, str]:
    """The first roster row with a position."""
    return next(r for r in roster_rows() if r["position"] == position)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    """A fake Telegram Bot API server on loopback."""
    async with FakeTelegram() as server:
        yield server


def make_settings(tmp_path: Path, fake: FakeTelegram, **overrides: Any) -> Settings:
    """Settings pointing at the fake server and a database in tmp_path; no .env."""
    values: dict[str, Any] = {
        "bot_token": fake.token,
        "telegram_base_url": fake.base_url,
        "telegram_base_file_url": fake.base_file_url,
        "database_path": tmp_path / "retret.db",
        "admin_ids": frozenset({ADMIN_ID}),
        "send_rate": 25.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def seed_roster(settings: Settings) -> None:
    """Import the sample roster into the settings' database."""
    entries, problems = load_roster_file(ROSTER)
    assert problems == []
    db = await Database.open(settings.database_path)
    try:
        await upsert_roster(db, entries, at=0.0)
    finally:
        await db.close()


@dataclass
class Rig:
    """The running bot, its fake Telegram and its clock."""

    fake: FakeTelegram
    settings: Settings
    clock: Clock
    app: RetretApp
    users: dict[int, FakeUser] = field(default_factory=dict)

    @property
    def svc(self) -> Services:
        """The bot's services."""
        services = self.app.bot_data.services
        assert services is not None
        return services

    def user(
        self, user_id: int, name: str = "Peserta", language_code: str | None = "id"
    ) -> FakeUser:
        """A simulated participant."""
        u = self.fake.user(user_id, name, language_code=language_code)
        self.users[user_id] = u
        return u

    async def register(self, user: FakeUser, nip: str, lang: str = "id") -> None:
        """Go through the registration conversation."""
        await user.send("/daftar")
        choose = await user.reply_where(lambda m: has_button(m, f"lang:{lang}"))
        await user.press(choose, f"lang:{lang}")
        await user.reply_where(lambda m: "NIP" in m.text)
        await user.send(nip)
        confirm = await user.reply_where(lambda m: has_button(m, "reg:yes"))
        await user.press(confirm, "reg:yes")
        await user.reply_where(lambda m: "✅" in m.text)
        await user.reply_where(lambda m: "📅" in m.text)  # the first look at the agenda


@asynccontextmanager
async def start_rig(fake: FakeTelegram, settings: Settings, clock: Clock) -> AsyncIterator[Rig]:
    """The real bot (long polling over HTTP) running against the fake server."""
    async with running(settings, clock=clock, poll_timeout=1) as app:
        yield Rig(fake=fake, settings=settings, clock=clock, app=app)


@pytest.fixture
async def rig(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[Rig]:
    """The bot with the sample agenda and roster, clock at 2025-05-15 09:00 WIB (day 1)."""
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    clock = Clock(start=at("2025-05-15 09:00"))
    async with start_rig(fake, settings, clock) as r:
        yield r


# ---------------------------------------------------------------- helpers for end-to-end tests


def relax_chat_limits(fake: FakeTelegram, per_second: float = 50.0) -> None:
    """Let the fake accept quick bursts in one chat, so conversation tests run fast.

    Telegram's own per-chat pace (about one message a second) is kept by default; tests of
    what the bot says, not of its pacing, may lift it.
    """
    fake.per_chat_rate = per_second
    fake.per_chat_burst = int(per_second)


async def enrol(rig: Rig, user: FakeUser, nip: str, lang: str = "id") -> None:
    """Register `user` with a roster NIP straight in the database (no conversation)."""
    from db.roster import get_entry
    from tests.helpers import enrol_entry

    db = rig.svc.db
    entry = await get_entry(db, nip)
    assert entry is not None, f"{nip} is not on the roster"
    await enrol_entry(db, user.id, user.first_name, entry, lang=lang, at=rig.clock.timestamp())


async def answer_to(fake: FakeTelegram, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
    """The bot's answerCallbackQuery for a pressed button (fails if it never comes)."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while query_id not in fake.callback_answers:
        if loop.time() > deadline:
            raise AssertionError(f"callback query {query_id} was never answered\n" + fake.dump())
        await asyncio.sleep(0.02)
    return fake.callback_answers[query_id]
