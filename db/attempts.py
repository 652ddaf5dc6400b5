"""Attempts that guard NIP lookups, invite codes and check-in codes, per account."""

from __future__ import annotations

from dataclasses import dataclass

from db.database import Database

__all__ = ["Attempt", "add_attempt", "add_report_once", "add_revealed_once", "recent_attempts"]


@dataclass(frozen=True)
class Attempt:
    """One counted attempt: `kind` is failed, revealed or reported; `detail` a masked NIP or ''."""

    kind: str
    subject: str
    detail: str
    at: float


_ACCOUNT = "user_id = ? AND purpose = ? AND scope = ?"


async def recent_attempts(
    db: Database, user_id: int, purpose: str, scope: str, *, since: float
) -> list[Attempt]:
    """An account's attempts for one purpose and scope made after `since`, oldest first."""
    rows = await db.fetchall(
        f"SELECT kind, subject, detail, at FROM attempts WHERE {_ACCOUNT} AND at > ?"
        " ORDER BY at, id",
        (user_id, purpose, scope, since),
    )
    return [Attempt(str(r[0]), str(r[1]), str(r[2]), float(r[3])) for r in rows]


async def add_attempt(
    db: Database,
    user_id: int,
    purpose: str,
    scope: str,
    kind: str,
    *,
    detail: str = "",
    at: float,
    forget_before: float,
) -> None:
    """Record an attempt, and forget this account's ones at or before `forget_before`."""
    async with db.transaction() as conn:
        await conn.execute(
            f"DELETE FROM attempts WHERE {_ACCOUNT} AND at <= ?",
            (user_id, purpose, scope, forget_before),
        )
        await conn.execute(
            "INSERT INTO attempts (user_id, purpose, scope, kind, detail, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, purpose, scope, kind, detail, at),
        )


async def add_revealed_once(
    db: Database,
    user_id: int,
    purpose: str,
    scope: str,
    subject: str,
    *,
    detail: str,
    at: float,
    since: float,
) -> bool:
    """Record that `subject` was shown to the account, unless it already was after `since`."""
    async with db.transaction() as conn:
        async with conn.execute(
            f"SELECT 1 FROM attempts WHERE {_ACCOUNT} AND kind = 'revealed' AND subject = ?"
            " AND at > ?",
            (user_id, purpose, scope, subject, since),
        ) as cursor:
            if await cursor.fetchone() is not None:
                return False
        await conn.execute(
            f"DELETE FROM attempts WHERE {_ACCOUNT} AND at <= ?",
            (user_id, purpose, scope, since),
        )
        await conn.execute(
            "INSERT INTO attempts (user_id, purpose, scope, kind, subject, detail, at)"
            " VALUES (?, ?, ?, 'revealed', ?, ?, ?)",
            (user_id, purpose, scope, subject, detail, at),
        )
    return True


async def add_report_once(
    db: Database, user_id: int, purpose: str, scope: str, *, at: float, since: float
) -> bool:
    """Note that the organisers are told about this account, unless they were after `since`."""
    async with db.transaction() as conn:
        async with conn.execute(
            f"SELECT 1 FROM attempts WHERE {_ACCOUNT} AND kind = 'reported' AND at > ?",
            (user_id, purpose, scope, since),
        ) as cursor:
            if await cursor.fetchone() is not None:
                return False
        await conn.execute(
            "INSERT INTO attempts (user_id, purpose, scope, kind, at)"
            " VALUES (?, ?, ?, 'reported', ?)",
            (user_id, purpose, scope, at),
        )
    return True
