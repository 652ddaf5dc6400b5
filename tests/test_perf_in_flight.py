"""A burst of replies does not put hundreds of requests on the HTTP connection pool at once
(issue 10, item 6). With 1,000 /agenda queued, every update's reply went to httpx together:
httpcore's pool rescans all waiting requests on every change, so the bot spent most of its
time scheduling connections (bench/run_all.py's /agenda figure), and a reply still waiting
for a connection after PTB's pool timeout (1 s) failed with `TimedOut: Pool timeout`."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from bot.limiter import MAX_IN_FLIGHT, ReplyRateLimiter


async def test_no_more_than_max_in_flight_requests_at_once() -> None:
    limiter = ReplyRateLimiter()
    now = 0
    most = 0

    async def call(**_: Any) -> dict[str, Any]:
        nonlocal now, most
        now += 1
        most = max(most, now)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        now -= 1
        return {"ok": True}

    async def one(chat_id: int) -> Any:
        return await limiter.process_request(
            call, (), {}, "sendMessage", {"chat_id": chat_id}, None
        )

    answers = await asyncio.gather(*(one(1000 + i) for i in range(300)))
    assert answers == [{"ok": True}] * 300  # every request made, none dropped
    assert most <= MAX_IN_FLIGHT, f"{most} requests in flight at once (at most {MAX_IN_FLIGHT})"


async def test_a_request_that_fails_gives_its_place_back() -> None:
    limiter = ReplyRateLimiter()

    async def fail(**_: Any) -> dict[str, Any]:
        raise OSError("connection refused")

    for _ in range(MAX_IN_FLIGHT + 5):
        with contextlib.suppress(OSError):
            await limiter.process_request(fail, (), {}, "sendMessage", {"chat_id": 1}, None)

    async def ok(**_: Any) -> dict[str, Any]:
        return {"ok": True}

    got = await asyncio.wait_for(
        limiter.process_request(ok, (), {}, "sendMessage", {"chat_id": 1}, None), 10
    )
    assert got == {"ok": True}


def test_the_sending_pool_is_sized_to_the_requests_in_flight(tmp_path: Path) -> None:
    """With at most MAX_IN_FLIGHT requests on their way, PTB's default pool of 256
    connections only made httpcore scan dozens of idle connections on every request."""
    from bot.app import build_application
    from bot.settings import Settings

    settings = Settings(_env_file=None, bot_token="123456:TEST", database_path=tmp_path / "x.db")  # type: ignore[call-arg]
    app = build_application(settings)
    pool = app.bot._request[1]._client._transport._pool  # type: ignore[attr-defined]
    assert MAX_IN_FLIGHT <= pool._max_connections <= 2 * MAX_IN_FLIGHT, (
        f"{pool._max_connections} connections for {MAX_IN_FLIGHT} requests in flight"
    )
