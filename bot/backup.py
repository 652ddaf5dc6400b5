"""`python -m bot backup FILE` and `check --backup FILE` (issue 10): a copy of the database
taken while the bot runs, and a check that a copy is sound and of a schema this bot knows.

Problems are `BackupProblem`s carrying a text key (bot/texts/cli.py) and its values, so the
command line says them in its own language."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.backup import copy_database, inspect_copy, latest_schema

__all__ = ["BackupProblem", "BackupTaken", "CopyChecked", "take_backup", "verify_backup"]


class BackupProblem(Exception):
    """Why a backup was not written, or a copy is not sound: a text key and its values."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class BackupTaken:
    """A backup written."""

    path: Path
    size: int  # bytes
    checked: CopyChecked


@dataclass(frozen=True)
class CopyChecked:
    """A sound copy: its schema version and how many participants it holds."""

    schema: int
    participants: int


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


async def take_backup(database: Path, target: Path, *, force: bool = False) -> BackupTaken:
    """Copy `database` into `target` (refused if it exists, unless `force`), then check
    the copy as `verify_backup` does.

    The copy is written beside `target` under a temporary name and renamed into place once
    complete, so `target` is never a half-written file (and an old backup under that name is
    only replaced by a whole new one)."""
    if not database.is_file():
        raise BackupProblem("cli.backup_no_database", path=database)
    if target.is_dir():
        raise BackupProblem("cli.backup_is_folder", path=target)
    if target.exists() and target.resolve() == database.resolve():
        raise BackupProblem("cli.backup_same_file", path=target)
    if target.exists() and not force:
        raise BackupProblem("cli.backup_exists", path=target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise BackupProblem(
            "cli.backup_cannot_write", path=target, reason=exc.strerror or _first_line(exc)
        ) from None
    partial = Path(name)
    try:
        try:
            await copy_database(database, partial)
        except sqlite3.Error as exc:
            raise BackupProblem(
                "cli.backup_failed", path=database, reason=_first_line(exc)
            ) from None
        checked = await verify_backup(partial, shown_as=target)
        try:
            os.replace(partial, target)
        except OSError as exc:
            raise BackupProblem(
                "cli.backup_cannot_write", path=target, reason=exc.strerror or _first_line(exc)
            ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return BackupTaken(path=target, size=target.stat().st_size, checked=checked)


async def verify_backup(path: Path, *, shown_as: Path | None = None) -> CopyChecked:
    """A copy that opens, passes `PRAGMA integrity_check` and has a schema version this bot
    knows; else BackupProblem. Nothing is written to the file."""
    shown = shown_as or path
    if not path.is_file():
        raise BackupProblem("cli.backup_missing", path=shown)
    try:
        facts = await inspect_copy(path)
    except sqlite3.Error as exc:
        raise BackupProblem("cli.backup_unreadable", path=shown, reason=_first_line(exc)) from None
    if facts.integrity != ["ok"]:
        raise BackupProblem(
            "cli.backup_damaged",
            path=shown,
            count=len(facts.integrity),
            first=facts.integrity[0] if facts.integrity else "?",
        )
    latest = latest_schema()
    if facts.schema == 0 or facts.participants is None:
        raise BackupProblem("cli.backup_not_ours", path=shown)
    if facts.schema > latest:
        raise BackupProblem("cli.backup_newer", path=shown, found=facts.schema, known=latest)
    return CopyChecked(schema=facts.schema, participants=facts.participants)
