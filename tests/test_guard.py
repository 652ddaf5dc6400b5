"""Updates with ids SQLite cannot store are dropped before any handler (issue 6, item 16)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from db.meta import last_errors
from tests.conftest import Rig


async def test_a_user_id_beyond_64_bits_is_dropped_and_the_bot_stays_up(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    huge = rig.user(2**63 + 5, "Raksasa")
    await huge.send("/start")
    await huge.send("halo")
    await rig.fake.group_message(-(2**63) - 7, rig.user(5301, "Biasa"), "/agenda")
    normal = rig.user(5302, "Biasa")
    await normal.send("/bantuan")
    answer = await normal.next_reply()
    assert "/agenda" in answer.text

    def dropped() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "handlers.guard"]

    # Wait until the three odd updates were either dropped or failed (in whatever order
    # the bot handled them).
    deadline = asyncio.get_running_loop().time() + 5
    while len(dropped()) < 3 and not await last_errors(rig.svc.db):
        assert asyncio.get_running_loop().time() < deadline, dropped()
        await asyncio.sleep(0.02)
    assert await last_errors(rig.svc.db) == [], "an out-of-range id reached a handler"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert huge.inbox == [], "the bot answered an update it cannot store"
    assert len(dropped()) == 3, dropped()
