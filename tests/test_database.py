"""The database's read/write discipline: reads see committed data only (issue 6, item 10)."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

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
