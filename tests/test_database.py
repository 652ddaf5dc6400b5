"""The database's read/write discipline: reads see committed data only (issue 6, item 10)."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from db import Database


async def test_a_read_never_sees_another_coroutines_unfinished_transaction(
    tmp_path: Path,
) -> None:
    db = await Database.open(tmp_path / "retret.db")
    try:
        inside = asyncio.Event()
        finish = asyncio.Event()

        async def writer() -> None:
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO meta (key, value) VALUES ('half', 'done')")
                # its own writes are visible through the connection it holds
                async with conn.execute("SELECT value FROM meta WHERE key = 'half'") as cur:
                    assert await cur.fetchone() is not None
                inside.set()
                await finish.wait()

        task = asyncio.create_task(writer())
        await inside.wait()
        assert await db.fetchone("SELECT value FROM meta WHERE key = 'half'") is None
        finish.set()
        await task
        row = await db.fetchone("SELECT value FROM meta WHERE key = 'half'")
        assert row is not None and row[0] == "done"
    finally:
        await db.close()


async def test_a_rolled_back_write_was_never_visible(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "retret.db")
    try:
        seen: list[object] = []

        async def failing() -> None:
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO meta (key, value) VALUES ('ghost', 'x')")
                seen.append(await db.fetchone("SELECT value FROM meta WHERE key = 'ghost'"))
                raise RuntimeError("crash mid-way")

        with contextlib.suppress(RuntimeError):
            await failing()
        assert seen == [None]
        assert await db.fetchone("SELECT value FROM meta WHERE key = 'ghost'") is None
    finally:
        await db.close()


async def test_reads_are_refused_writes(tmp_path: Path) -> None:
    """Writing through the read path is a mistake the database reports loudly."""
    import sqlite3

    import pytest

    db = await Database.open(tmp_path / "retret.db")
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await db.fetchone("INSERT INTO meta (key, value) VALUES ('sneaky', 'x')")
    finally:
        await db.close()


async def _busy(db: Database) -> asyncio.Task[Any]:
    """Keep the writer connection's thread busy for a moment (a long query), so the next
    statement waits in its queue."""
    slow = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)"
        " SELECT count(*) FROM n"
    )
    return asyncio.create_task(db._conn.execute(slow))


async def test_a_transaction_cancelled_while_it_begins_leaves_none_open(tmp_path: Path) -> None:
    """A task cancelled while its BEGIN waits on the connection's thread (an outbox worker
    stopped mid-send): the BEGIN still runs there, and must be undone, or every later write
    fails with 'cannot start a transaction within a transaction'."""
    db = await Database.open(tmp_path / "retret.db")
    try:
        busy = await _busy(db)

        async def write() -> None:
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO meta (key, value) VALUES ('lost', 'x')")

        task = asyncio.create_task(write())
        for _ in range(5):  # it takes the lock and queues its BEGIN behind the long query
            await asyncio.sleep(0)
        assert not task.done()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await busy
        await db.execute("INSERT INTO meta (key, value) VALUES ('after', 'y')")
        assert await db.fetchone("SELECT 1 FROM meta WHERE key = 'lost'") is None
        assert await db.fetchone("SELECT 1 FROM meta WHERE key = 'after'") is not None
    finally:
        await db.close()


async def test_a_transaction_cancelled_while_it_commits_is_committed_whole(tmp_path: Path) -> None:
    """Cancelled while its COMMIT waits: the COMMIT runs on the connection's thread anyway,
    so the write is kept whole and the next transaction starts cleanly."""
    db = await Database.open(tmp_path / "retret.db")
    try:
        inside = asyncio.Event()
        go_on = asyncio.Event()

        async def write() -> None:
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO meta (key, value) VALUES ('kept', 'x')")
                inside.set()
                await go_on.wait()

        task = asyncio.create_task(write())
        await inside.wait()
        busy = await _busy(db)
        go_on.set()
        for _ in range(5):  # it leaves the block and queues its COMMIT behind the query
            await asyncio.sleep(0)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await busy
        await db.execute("INSERT INTO meta (key, value) VALUES ('after', 'y')")
        assert await db.fetchone("SELECT 1 FROM meta WHERE key = 'after'") is not None
        assert await db.fetchone("SELECT 1 FROM meta WHERE key = 'kept'") is not None
    finally:
        await db.close()
