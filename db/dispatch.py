"""The schedule's automatic messages as durable rows: what is due when, and what became of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from db.database import Database
from db.outbox import NewMessage, insert_messages

__all__ = [
    "DispatchItem",
    "complete",
    "dispatch_counts",
    "late_items",
    "pending_items",
    "sync_plan",
]


@dataclass(frozen=True)
class DispatchItem:
    """One planned automatic message (for many recipients)."""

    key: str
    kind: str
    item: str
    due_at: float
    expires_at: float
    status: str = "pending"


def _item(row: aiosqlite.Row) -> DispatchItem:
    return DispatchItem(
        key=row["key"],
        kind=row["kind"],
        item=row["item"],
        due_at=row["due_at"],
        expires_at=row["expires_at"],
        status=row["status"],
    )


async def sync_plan(
    db: Database, plan: Sequence[DispatchItem], *, now: float | None = None
) -> tuple[int, int]:
    """Make the pending rows match the plan: add new items, cancel dropped ones.

    A new item whose moment has already passed by `now` (the bot first runs, or an agenda
    is imported, after it) was never sendable: it is recorded as expired `before_start`,
    for nobody, not as a late delivery.

    Items already done or expired stay as they are; a cancelled item that is back in the
    plan (a session moved back) is pending again; a pending item whose time the plan moved
    (same key, new time) takes the new time. Returns (added, cancelled).
    """
    wanted = {p.key: p for p in plan}
    added = cancelled = 0
    async with db.transaction() as conn:
        async with conn.execute("SELECT key, status, due_at, expires_at FROM dispatch") as cur:
            rows = await cur.fetchall()
        existing = {r[0]: r[1] for r in rows}
        times = {r[0]: (r[2], r[3]) for r in rows}
        for key, status in existing.items():
            item = wanted.get(key)
            if status == "pending" and item and times[key] != (item.due_at, item.expires_at):
                # a time that follows the agenda (a last day's prompt moves with its session)
                await conn.execute(
                    "UPDATE dispatch SET due_at = ?, expires_at = ? WHERE key = ?",
                    (item.due_at, item.expires_at, key),
                )
            if status == "pending" and key not in wanted:
                await conn.execute("UPDATE dispatch SET status = 'cancelled' WHERE key = ?", (key,))
                cancelled += 1
            elif status == "cancelled" and key in wanted:
                await conn.execute("UPDATE dispatch SET status = 'pending' WHERE key = ?", (key,))
                added += 1
        new = [p for k, p in wanted.items() if k not in existing]
        passed = {p.key for p in new if now is not None and p.expires_at <= now}
        await conn.executemany(
            "INSERT INTO dispatch (key, kind, item, due_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [(p.key, p.kind, p.item, p.due_at, p.expires_at) for p in new if p.key not in passed],
        )
        await conn.executemany(
            "INSERT INTO dispatch (key, kind, item, due_at, expires_at, status, done_at,"
            " before_start) VALUES (?, ?, ?, ?, ?, 'expired', ?, 1)",
            [(p.key, p.kind, p.item, p.due_at, p.expires_at, now) for p in new if p.key in passed],
        )
        added += len(new)
    return added, cancelled


async def pending_items(db: Database, *, due_by: float | None = None) -> list[DispatchItem]:
    """Pending items in due order, optionally only those due by a time."""
    if due_by is None:
        rows = await db.fetchall(
            "SELECT * FROM dispatch WHERE status = 'pending' ORDER BY due_at, key"
        )
    else:
        rows = await db.fetchall(
            "SELECT * FROM dispatch WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, key",
            (due_by,),
        )
    return [_item(r) for r in rows]


async def complete(
    db: Database,
    key: str,
    status: str,
    messages: Sequence[NewMessage],
    *,
    at: float,
    recipients: int | None = None,
    at_risk: int = 0,
) -> bool:
    """Atomically queue an item's messages and close the item; False if it was not pending.

    `recipients` (default: one per message) is kept on the item, so an item that expired
    unsent records whom it was for without a row per person.
    """
    count = len(messages) if recipients is None else recipients
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE dispatch SET status = ?, done_at = ?, recipients = ?, at_risk = ?"
            " WHERE key = ? AND status = 'pending'",
            (status, at, count, at_risk, key),
        )
        if cursor.rowcount == 0:
            return False
        await insert_messages(conn, messages, at=at)
    return True


async def dispatch_counts(db: Database) -> dict[str, int]:
    """Items by status; `before_start`: the expired ones that were never sendable;
    `expired_messages`: how many messages the other expired items would have been."""
    rows = await db.fetchall(
        "SELECT status, before_start, COUNT(*), SUM(recipients) FROM dispatch"
        " GROUP BY status, before_start"
    )
    out: dict[str, int] = {}
    for status, before, count, recipients in rows:
        out[status] = out.get(status, 0) + int(count)
        if status == "expired" and before:
            out["before_start"] = int(count)
        elif status == "expired":
            out["expired_messages"] = int(recipients or 0)
    return out


async def late_items(db: Database) -> list[tuple[str, str, str, int, int]]:
    """Items that reached people late or not at all, in due order: (kind, key, status,
    recipients, at risk) of those expired unsent or predicted to miss their moment; not
    those that were never sendable (`before_start`)."""
    rows = await db.fetchall(
        "SELECT kind, key, status, recipients, at_risk FROM dispatch"
        " WHERE ((status = 'expired' AND recipients > 0) OR at_risk > 0) AND before_start = 0"
        " ORDER BY due_at, key"
    )
    return [(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]
