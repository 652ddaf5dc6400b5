"""Opening the database, applying migrations, and running transactions."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

__all__ = ["Database", "DatabaseUnavailable", "SchemaError"]

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class SchemaError(Exception):
    """The database was written by a newer version of the bot."""


class DatabaseUnavailable(Exception):
    """The database file cannot be created or opened; the message names the path."""


def _migrations() -> list[tuple[int, str]]:
    """Numbered SQL files shipped in `db/migrations`, in order."""
    found = []
    for entry in resources.files("db.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """Two aiosqlite connections to one WAL file: a writer and a reader.

    Writes go through `transaction()` (or `execute`), one at a time under a lock, on the
    writer. Reads (`fetchone`, `fetchall`) go to the reader, which in WAL mode sees only
    committed data: a read can never observe another coroutine's half-done transaction.
    Inside a transaction, read through the connection it yields (it sees its own writes).
    """

    def __init__(
        self, conn: aiosqlite.Connection, path: Path, reader: aiosqlite.Connection | None = None
    ) -> None:
        self._conn = conn
        self._reader = reader or conn
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating the file and its folder), switch on WAL and foreign keys, migrate."""
        path = Path(path)
        try:
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
                # Personal data: a new file is its owner's only (0600, like a backup); SQLite
                # gives its -wal and -shm the same mode. An empty file is an empty database.
                if not path.exists():
                    with suppress(FileExistsError):  # another process created it meanwhile
                        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            conn = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseUnavailable(f"DATABASE_PATH: cannot open {path}: {exc}") from None
        conn.row_factory = aiosqlite.Row
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            await conn.close()
            raise DatabaseUnavailable(f"DATABASE_PATH: cannot use {path}: {exc}") from None
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=10000")
        await conn.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows are overwritten, not just unlinked: /hapusdata leaves no readable copy
        # in the file (Debian's SQLite does this by default; other builds do not).
        await conn.execute("PRAGMA secure_delete=ON")
        db = cls(conn, path)
        try:
            await db._migrate()
            if str(path) != ":memory:":  # an in-memory database has one connection only
                db._reader = await cls._open_reader(path)
        except BaseException:
            await conn.close()
            raise
        return db

    @staticmethod
    async def _open_reader(path: Path) -> aiosqlite.Connection:
        reader = await aiosqlite.connect(path, isolation_level=None)
        reader.row_factory = aiosqlite.Row
        await reader.execute("PRAGMA busy_timeout=10000")
        await reader.execute("PRAGMA query_only=ON")
        return reader

    async def close(self) -> None:
        """Close both connections."""
        if self._reader is not self._conn:
            await self._reader.close()
        await self._conn.close()

    async def schema_version(self) -> int:
        """The `user_version` the migrations have reached."""
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def _migrate(self) -> None:
        current = await self.schema_version()
        steps = _migrations()
        latest = steps[-1][0] if steps else 0
        if current > latest:
            raise SchemaError(
                f"database {self.path} has schema {current}, this bot knows up to {latest}"
            )
        for number, sql in steps:
            if number <= current:
                continue
            log.info("applying migration %04d", number)
            # executescript commits on its own; the version is set inside the same script
            # so a crash leaves either the old or the new schema.
            await self._conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error; one writer at a time."""
        async with self._write_lock:
            try:
                await self._to_the_end("BEGIN IMMEDIATE")
            except asyncio.CancelledError:  # it began all the same: undo it before leaving
                await self._to_the_end("ROLLBACK")
                raise
            try:
                yield self._conn
            except BaseException:
                await self._to_the_end("ROLLBACK")
                raise
            else:
                await self._to_the_end("COMMIT")

    async def _to_the_end(self, sql: str) -> None:
        """Run BEGIN, COMMIT or ROLLBACK and wait until it has run, even when the caller is
        cancelled meanwhile: the statement runs on the connection's thread anyway, and
        leaving before it has would leave a transaction open for the next writer. A
        cancellation is passed on once the statement is done."""
        statement = asyncio.ensure_future(self._conn.execute(sql))
        cancelled = False
        while not statement.done():
            try:
                await asyncio.shield(statement)
            except asyncio.CancelledError:
                cancelled = True
        statement.result()  # the statement's own error, if any
        if cancelled:
            raise asyncio.CancelledError

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write statement in its own transaction; returns rows changed."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one write statement for many rows in one transaction."""
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        """First row of a query on committed data, or None."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        """All rows of a query on committed data.

        Executed and fetched in one step on the reader's thread: a cursor left open between
        awaits would keep the reader's snapshot alive while other coroutines' reads
        interleave, and they would all see stale data.
        """
        return list(await self._reader.execute_fetchall(sql, params))
