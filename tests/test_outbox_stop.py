"""Stopping the outbox never hangs, even when a wake-up and the stop come together (a lost
cancellation on Python 3.11 hung a shutdown under load)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from bot.clock import Clock
from db import Database
from jobs.outbox import OutboxWorker


async def test_stop_right_after_a_wake_up_always_returns(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "retret.db")
    try:
        bot: Any = None  # an idle worker never sends
        for _ in range(100):
            worker = OutboxWorker(bot, db, Clock(), send_rate=25.0)
            await worker.start()
            for _ in range(3):  # let it reach its idle wait
                await asyncio.sleep(0)
            await asyncio.sleep(0.002)
            worker.wake()
            stopping = asyncio.ensure_future(worker.stop())
            done, _ = await asyncio.wait({stopping}, timeout=3)
            assert stopping in done, "the outbox worker did not stop"
    finally:
        await db.close()
