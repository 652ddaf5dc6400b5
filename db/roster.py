"""The committee's roster and per-person deep-link codes."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.models import RosterEntry
from db.database import Database

__all__ = [
    "ROSTER_BATCH",
    "RosterCounts",
    "get_entry",
    "get_invite_nip",
    "invites",
    "list_roster",
    "roster_size",
    "set_invite",
    "upsert_roster",
]


@dataclass(frozen=True)
class RosterCounts:
    """What an import did."""

    added: int
    updated: int
    unchanged: int


def _entry(row: aiosqlite.Row) -> RosterEntry:
    return RosterEntry(
        nip=row["nip"],
        name=row["name"],
        position=row["position"],
        unit=row["unit"],
        group=row["grp"],
        phone=row["phone"],
        salutation=row["salutation"],
    )


ROSTER_BATCH = 500  # entries a transaction: the write lock is free between batches
_UPSERT = (
    "INSERT INTO roster (nip, name, position, unit, grp, phone, salutation, imported_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (nip) DO UPDATE SET"
    " name = excluded.name, position = excluded.position, unit = excluded.unit,"
    " grp = excluded.grp, phone = excluded.phone, salutation = excluded.salutation,"
    " imported_at = excluded.imported_at"
)
_UPDATE_PARTICIPANT = (
    "UPDATE participants SET name = ?, position = ?, unit = ?, grp = ?, verified = 1 WHERE nip = ?"
)
_imports: weakref.WeakKeyDictionary[Database, asyncio.Lock] = weakref.WeakKeyDictionary()


async def upsert_roster(
    db: Database, entries: Sequence[RosterEntry], *, at: float, batch_size: int = ROSTER_BATCH
) -> RosterCounts:
    """Insert or update by NIP, `batch_size` entries a transaction; registered participants
    get the new data in the same transaction as their entry.

    Between batches other writers (the outbox) get the database, so a big roster holds
    nobody up for long. Entries are validated whole before they get here, so a bad file
    writes nothing; one roster import runs at a time. A crash between batches leaves the
    batches before it written (each entry and its participant either old or new, nothing
    deleted): importing the same file again completes it.
    """
    added = updated = unchanged = 0
    async with _imports.setdefault(db, asyncio.Lock()):
        for start in range(0, len(entries), batch_size):
            batch = entries[start : start + batch_size]
            async with db.transaction() as conn:
                marks = ", ".join("?" * len(batch))
                async with conn.execute(
                    f"SELECT * FROM roster WHERE nip IN ({marks})", [e.nip for e in batch]
                ) as cur:
                    old = {row["nip"]: _entry(row) for row in await cur.fetchall()}
                changed = [e for e in batch if old.get(e.nip) != e]
                new = sum(1 for e in changed if e.nip not in old)
                added += new
                updated += len(changed) - new
                unchanged += len(batch) - len(changed)
                await conn.executemany(
                    _UPSERT,
                    [
                        (e.nip, e.name, e.position, e.unit, e.group, e.phone, e.salutation, at)
                        for e in changed
                    ],
                )
                await conn.executemany(
                    _UPDATE_PARTICIPANT,
                    [(e.name, e.position, e.unit, e.group, e.nip) for e in changed],
                )
    return RosterCounts(added=added, updated=updated, unchanged=unchanged)


async def get_entry(db: Database, nip: str) -> RosterEntry | None:
    """The roster entry for a NIP."""
    row = await db.fetchone("SELECT * FROM roster WHERE nip = ?", (nip,))
    return _entry(row) if row else None


async def list_roster(db: Database) -> list[RosterEntry]:
    """The whole roster by name."""
    return [_entry(r) for r in await db.fetchall("SELECT * FROM roster ORDER BY name, nip")]


async def roster_size(db: Database) -> int:
    """How many people are on the roster."""
    row = await db.fetchone("SELECT COUNT(*) FROM roster")
    return int(row[0]) if row else 0


async def set_invite(db: Database, nip: str, code: str) -> None:
    """Store (or replace) the deep-link code of one roster entry."""
    await db.execute(
        "INSERT INTO invites (code, nip) VALUES (?, ?)"
        " ON CONFLICT (nip) DO UPDATE SET code = excluded.code",
        (code, nip),
    )


async def get_invite_nip(db: Database, code: str) -> str | None:
    """The NIP a deep-link code stands for."""
    row = await db.fetchone("SELECT nip FROM invites WHERE code = ?", (code,))
    return str(row[0]) if row else None


async def invites(db: Database) -> dict[str, str]:
    """Every NIP's deep-link code."""
    return {r["nip"]: r["code"] for r in await db.fetchall("SELECT nip, code FROM invites")}
