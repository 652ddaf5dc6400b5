"""Webhook mode (issue 10, item 2) over real HTTP: the fake Bot API's setWebhook delivery POSTs
updates to the bot's own server with Telegram's secret header; a request without the right
secret gets 403 and is not processed; start-up without WEBHOOK_SECRET is one line."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.clock import Clock
from bot.settings import SettingsError, load_settings
from tests.conftest import Rig, at, make_settings, seed_roster, start_rig
from tests.fakebot import FakeTelegram, FakeUser
from tests.helpers import wait_until
from tests.test_cli import cli

SECRET = "rahasia_Retret-2025"
PATH = "/telegram-9f2c41"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    """A TCP port nothing listens on now (the bot binds it a moment later)."""
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def webhook_rig(fake: FakeTelegram, tmp_path: Path, **overrides: Any) -> AsyncIterator[Rig]:
    """The bot in webhook mode (WEBHOOK_URL set) on loopback against the fake; the fake
    delivers updates to WEBHOOK_URL like Telegram."""
    port = free_port()
    values: dict[str, Any] = {
        "webhook_url": f"http://127.0.0.1:{port}{PATH}",
        "webhook_secret": SECRET,
        "webhook_port": port,
        **overrides,
    }
    settings = make_settings(tmp_path, fake, **values)
    if not (tmp_path / "retret.db").exists():
        await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        assert fake.webhook_url == values["webhook_url"], (
            f"the bot did not set its webhook (fake.webhook_url={fake.webhook_url!r})"
        )
        yield rig


def calls_of(fake: FakeTelegram, method: str) -> list[dict[str, Any]]:
    """Parameters of every call of `method` the bot made."""
    return [params for name, params in fake.calls if name == method]


def start_update(user: FakeUser, update_id: int) -> dict[str, Any]:
    """A `/start` from `user`, as Telegram would POST it."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": user.as_chat(),
            "from": user.as_user(),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the bot's SQLite file."""
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"'), key=repr) for name in tables}


def record_updates(rig: Rig) -> list[int]:
    """The ids of every update the application processes from now on."""
    seen: list[int] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.update_id)

    rig.app.add_handler(TypeHandler(Update, record), group=-10_000)  # before every other
    return seen


async def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """The status of one POST."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        await response.read()
        return response.status


async def status_of_huge_post(rig: Rig) -> int:
    """The status line's code for a POST announcing a 2 MiB body (none of it sent), with the
    right secret."""
    reader, writer = await asyncio.open_connection("127.0.0.1", rig.settings.webhook_port)
    try:
        writer.write(
            f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"{HEADER}: {SECRET}\r\nContent-Length: {2 << 20}\r\n\r\n".encode()
        )
        await writer.drain()
        status_line = await reader.readline()
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):  # the server hung up first
            await writer.wait_closed()
    return int(status_line.split()[1])


# ---------------------------------------------------------------- the secret


async def test_webhook_mode_sets_the_webhook_and_handles_what_telegram_posts(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_rig(fake, tmp_path) as rig:
        (params,) = calls_of(fake, "setWebhook")
        assert params["url"] == rig.settings.webhook_url
        assert params["secret_token"] == SECRET
        assert params.get("drop_pending_updates") is False  # Telegram keeps what came meanwhile
        assert "message" in params["allowed_updates"]
        assert "callback_query" in params["allowed_updates"]
        assert calls_of(fake, "getUpdates") == []  # no polling in webhook mode

        user = rig.user(4101, "Ani")
        await user.send("/start")
        reply = await user.next_reply()
        assert reply.text
        assert (fake.last_update_id, 200) in fake.webhook_deliveries
    # Telegram keeps queueing while the bot restarts: the webhook stays set at stop.
    assert calls_of(fake, "deleteWebhook") == []
    assert fake.webhook_url


async def test_a_wrong_or_missing_secret_is_403_and_nothing_is_handled(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_rig(fake, tmp_path) as rig:
        seen = record_updates(rig)
        user = rig.user(4102, "Budi")
        url = str(rig.settings.webhook_url)
        before = snapshot(rig.settings.database_path)
        forged = [
            {},  # no header at all
            {HEADER: ""},
            {HEADER: "salah"},
            {HEADER: SECRET + "x"},
            {HEADER: SECRET[:-1]},
            {HEADER: SECRET.upper()},
        ]
        for n, headers in enumerate(forged):
            body = json.dumps(start_update(user, 880_000 + n)).encode()
            status = await post(url, body, {"Content-Type": "application/json", **headers})
            assert status == 403, f"{headers}: {status}"
        assert rig.app.update_queue.qsize() == 0
        assert fake.messages_to(user.id) == []
        assert snapshot(rig.settings.database_path) == before

        # The same person through Telegram (right secret) afterwards: only that one arrives.
        # The bot keeps one person's updates in order, so a forged update let in earlier
        # would have been processed before this one.
        await user.send("/start")
        await user.next_reply()
        assert seen == [fake.last_update_id]


async def test_an_unreadable_body_with_the_right_secret_is_400_and_the_bot_carries_on(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_rig(fake, tmp_path) as rig:
        seen = record_updates(rig)
        url = str(rig.settings.webhook_url)
        right = {HEADER: SECRET, "Content-Type": "application/json"}
        for body in (b"{not json", b"[1, 2]", b'"text"', b"", b'{"message": {}}', b"\xff\xfe"):
            assert await post(url, body, right) == 400, body
        assert await status_of_huge_post(rig) == 400  # over 1 MiB: refused before it is read
        assert seen == []
        user = rig.user(4103, "Citra")
        await user.send("/start")
        await user.next_reply()
        assert seen == [fake.last_update_id]


async def test_updates_sent_while_the_bot_restarts_arrive_after_it(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    overrides = {"webhook_url": f"http://127.0.0.1:{port}{PATH}", "webhook_port": port}
    async with webhook_rig(fake, tmp_path, **overrides) as rig:
        user = rig.user(4104, "Dewi")
    await user.send("/start")  # the bot is down: Telegram retries until it is back
    update_id = fake.last_update_id

    await wait_until(lambda: bool(fake.webhook_errors), what="a refused webhook delivery")
    async with webhook_rig(fake, tmp_path, **overrides):
        await user.next_reply()
        assert (update_id, 200) in fake.webhook_deliveries


async def test_back_to_long_polling_the_webhook_is_removed_and_nothing_is_lost(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_rig(fake, tmp_path) as rig:
        user = rig.user(4105, "Eko")
    await user.send("/start")  # while no bot runs; the webhook is still set
    settings = make_settings(tmp_path, fake)  # no WEBHOOK_URL: long polling
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))):
        await user.next_reply()
        assert fake.webhook_url == ""
        assert calls_of(fake, "deleteWebhook")


# ---------------------------------------------------------------- settings and start-up


async def test_a_port_in_use_is_one_line_naming_webhook_port(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    with closing(socket.socket()) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with pytest.raises(SettingsError) as caught:
            async with webhook_rig(fake, tmp_path, webhook_port=port):
                pass
    assert str(caught.value).startswith(f"WEBHOOK_PORT: port {port} di 127.0.0.1 tidak dapat")
    assert calls_of(fake, "setWebhook") == []


async def test_an_address_telegram_refuses_is_one_line_and_frees_the_port(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    fake.fail_next(1, 400, {"setWebhook"})
    with pytest.raises(SettingsError) as caught:
        async with webhook_rig(fake, tmp_path, webhook_port=port):
            pass
    assert str(caught.value).startswith("WEBHOOK_URL: Telegram menolak alamat webhook")
    with closing(socket.socket()) as again:  # the bot's server is gone
        again.bind(("127.0.0.1", port))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"webhook_secret": "rahasia retret"},
            "WEBHOOK_SECRET: harus 1–256 karakter A-Z, a-z, 0-9, _ atau -",
        ),
        (
            {"webhook_secret": "x" * 257},
            "WEBHOOK_SECRET: harus 1–256 karakter A-Z, a-z, 0-9, _ atau -",
        ),
        (
            {"webhook_secret": "rähasia", "default_language": "en"},
            "WEBHOOK_SECRET: must be 1–256 characters A-Z, a-z, 0-9, _ or -",
        ),
        ({"webhook_port": "70000"}, "WEBHOOK_PORT: harus berupa nomor port 1–65535, mis. 8443"),
        (
            {"webhook_url": "bot.example.go.id/telegram"},
            "WEBHOOK_URL: harus berupa alamat lengkap, mis. https://bot.example.go.id/telegram",
        ),
    ],
)
def test_a_bad_webhook_setting_is_one_plain_line(values: dict[str, object], expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, **values)
    assert str(caught.value) == expected


def test_a_good_webhook_secret_is_accepted() -> None:
    settings = load_settings(_env_file=None, webhook_secret="A-z_09" * 42 + "abcd")
    assert settings.webhook_secret is not None
    assert len(settings.webhook_secret.get_secret_value()) == 256


WEBHOOK_CASES = [
    (
        ("run", "--webhook"),
        {},
        "kesalahan: WEBHOOK_URL belum diisi: mode webhook memerlukan alamat HTTPS",
    ),
    (
        ("run", "--webhook"),
        {"WEBHOOK_URL": "https://bot.example.go.id/telegram"},
        "kesalahan: WEBHOOK_SECRET belum diisi",
    ),
    (
        ("run",),
        {"WEBHOOK_URL": "https://bot.example.go.id/telegram", "WEBHOOK_SECRET": ""},
        "kesalahan: WEBHOOK_SECRET belum diisi",
    ),
    (
        ("check",),  # says what `run` would refuse
        {"WEBHOOK_URL": "https://bot.example.go.id/telegram"},
        "kesalahan: WEBHOOK_SECRET belum diisi",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "env", "start"), WEBHOOK_CASES)
def test_webhook_mode_without_its_settings_refuses_in_one_line(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], start: str
) -> None:
    # port 9 (discard): a bot that went on to call the Bot API would fail differently
    base = {"BOT_TOKEN": "1:x", "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot"}
    result = cli(tmp_path, *args, **base, **env)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(start), lines[0]
