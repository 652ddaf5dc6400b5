"""The committee's roster and per-person deep-link codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.models import RosterEntry
from db.database import Database

__all__ = [
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
    )


async def upsert_roster(db: Database, entries: Sequence[RosterEntry], *, at: float) -> RosterCounts:
    """Insert or update by NIP in one transaction; registered participants get the new data."""
    added = updated = unchanged = 0
    async with db.transaction() as conn:
        for e in entries:
            async with conn.execute("SELECT * FROM roster WHERE nip = ?", (e.nip,)) as cur:
                row = await cur.fetchone()
            if row is None:
                added += 1
            elif _entry(row) == e:
                unchanged += 1
                continue
            else:
                updated += 1
            await conn.execute(
                "INSERT INTO roster (nip, name, position, unit, grp, phone, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (nip) DO UPDATE SET"
                " name = excluded.name, position = excluded.position, unit = excluded.unit,"
                " grp = excluded.grp, phone = excluded.phone, imported_at = excluded.imported_at",
                (e.nip, e.name, e.position, e.unit, e.group, e.phone, at),
            )
            await conn.execute(
                "UPDATE participants SET name = ?, position = ?, unit = ?, grp = ?, verified = 1"
                " WHERE nip = ?",
                (e.name, e.position, e.unit, e.group, e.nip),
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
