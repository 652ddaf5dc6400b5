"""The roster against the registrations, for /peserta (issue 8, item 4). No NIP leaves here."""

from __future__ import annotations

from dataclasses import dataclass

from db.database import Database

__all__ = ["Person", "inactive_people", "off_roster_count", "roster_registrations"]


@dataclass(frozen=True)
class Person:
    """Someone on the roster, or a participant, as the overview shows them."""

    name: str
    position: str
    unit: str
    group: str
    registered: bool
    active: bool


async def roster_registrations(db: Database) -> list[Person]:
    """Everyone on the roster, by name, with whether their NIP is registered (and active)."""
    rows = await db.fetchall(
        "SELECT r.name, r.position, r.unit, r.grp, p.user_id IS NOT NULL AS registered,"
        " COALESCE(p.status, 'active') = 'active' AS active"
        " FROM roster r LEFT JOIN participants p ON p.nip = r.nip ORDER BY r.name, r.nip"
    )
    return [Person(r[0], r[1], r[2], r[3], registered=bool(r[4]), active=bool(r[5])) for r in rows]


async def off_roster_count(db: Database) -> int:
    """Participants whose NIP is not on the roster (registered in open mode)."""
    row = await db.fetchone(
        "SELECT COUNT(*) FROM participants p WHERE NOT EXISTS"
        " (SELECT 1 FROM roster r WHERE r.nip = p.nip)"
    )
    return int(row[0]) if row else 0


async def inactive_people(db: Database) -> list[Person]:
    """Participants who blocked the bot, by name (on the roster or not)."""
    rows = await db.fetchall(
        "SELECT name, position, unit, grp FROM participants WHERE status = 'inactive'"
        " ORDER BY name, user_id"
    )
    return [Person(r[0], r[1], r[2], r[3], registered=True, active=False) for r in rows]
