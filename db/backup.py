"""Copies of the database taken while the bot runs (SQLite's online backup API), and what a
copy holds: its integrity check and its schema version."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from db.database import _migrations

__all__ = ["PAGES_PER_STEP", "CopyFacts", "copy_database", "inspect_copy", "latest_schema"]

PAGES_PER_STEP = 256  # 1 MB a step with 4 KB pages: the copy yields between steps


def latest_schema() -> int:
    """The newest schema version this bot knows (its last migration's number)."""
    steps = _migrations()
    return steps[-1][0] if steps else 0


class CopyCancelled(Exception):
    """Raised inside the copy's thread to make SQLite abandon the backup."""


def _copy(
    source: Path,
    target: Path,
    pages: int,
    progress: Callable[[int], object] | None,
    cancelled: threading.Event,
) -> int:
    """The copy, start to end in one thread: both connections live and die in it."""
    with closing(sqlite3.connect(source, isolation_level=None)) as src:
        src.execute("PRAGMA query_only=ON")
        src.execute("PRAGMA busy_timeout=10000")
        with closing(sqlite3.connect(target, isolation_level=None)) as dst:
            src.execute("BEGIN")
            # the snapshot starts with the first read, not with BEGIN
            src.execute("SELECT count(*) FROM sqlite_schema").fetchall()

            def step(_status: int, left: int, _total: int) -> None:
                if cancelled.is_set():
                    raise CopyCancelled
                if progress is not None:
                    progress(left)

            src.backup(dst, pages=pages, progress=step, sleep=0.0)
            src.execute("COMMIT")
            dst.execute("PRAGMA journal_mode=DELETE")
            return int(dst.execute("PRAGMA page_count").fetchone()[0])


async def copy_database(
    source: Path,
    target: Path,
    *,
    pages: int = PAGES_PER_STEP,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Copy the database `source` into the new file `target`, `pages` pages a step, from a
    read connection of its own; returns the copy's size in pages.

    The copy is one snapshot: a read transaction is held on the source for the whole copy.
    In WAL mode a reader never blocks the bot's writer, and the backup API reads every step
    from that snapshot. Without it, any commit by the running bot (an outbox row marked sent,
    many times a second during a fan-out) restarts the copy from page 1, for ever.
    `progress` is told the pages remaining after each step (in the copy's thread).
    The copy is left in rollback-journal mode: one self-contained file, no -wal beside it.
    Cancelled (Ctrl+C), the copy stops at its next step and its connections are closed in
    their own thread, never under a step still running.
    """
    cancelled = threading.Event()
    work = asyncio.get_running_loop().run_in_executor(
        None, _copy, source, target, pages, progress, cancelled
    )
    try:
        return await asyncio.shield(work)
    except asyncio.CancelledError:
        cancelled.set()
        with contextlib.suppress(CopyCancelled, sqlite3.Error):
            await work
        raise


@dataclass(frozen=True)
class CopyFacts:
    """What a database file holds, read without changing it."""

    integrity: list[str]  # PRAGMA integrity_check's lines: ["ok"] when sound
    schema: int  # PRAGMA user_version: the migrations it has reached
    participants: int | None  # registered participants, when the table is there and sound


async def inspect_copy(path: Path) -> CopyFacts:
    """Open `path` read-only and run `PRAGMA integrity_check`; sqlite3.Error when it is not a
    database at all (or too damaged to say)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
    try:
        integrity = [str(r[0]) for r in await conn.execute_fetchall("PRAGMA integrity_check")]
        schema = int(next(iter(await conn.execute_fetchall("PRAGMA user_version")))[0])
        participants = None
        if integrity == ["ok"]:
            try:
                found = await conn.execute_fetchall("SELECT count(*) FROM participants")
                participants = int(next(iter(found))[0])
            except sqlite3.OperationalError:  # no such table: not one of ours
                participants = None
        return CopyFacts(integrity=integrity, schema=schema, participants=participants)
    finally:
        await conn.close()
