"""The durable outbox: every bot-initiated message, its state and outcome."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from db.database import Database

__all__ = [
    "NewMessage",
    "OutboxRow",
    "counts",
    "enqueue",
    "expire_overdue",
    "insert_messages",
    "mark_failed",
    "mark_retry",
    "mark_sending",
    "mark_sent",
    "next_pending",
    "recover_inflight",
    "skip_user",
]


@dataclass(frozen=True)
class NewMessage:
    """A message to queue; `key` is unique per (purpose, item, recipient)."""

    key: str
    purpose: str
    item: str
    chat_id: int
    payload: dict[str, Any]
    user_id: int | None = None
    expires_at: float | None = None
    status: str = "pending"


@dataclass(frozen=True)
class OutboxRow:
    """A queued message as stored."""

    id: int
    key: str
    purpose: str
    item: str
    user_id: int | None
    chat_id: int
    payload: dict[str, Any] = field(hash=False)
    status: str
    attempts: int
    expires_at: float | None


def _row(row: aiosqlite.Row) -> OutboxRow:
    return OutboxRow(
        id=row["id"],
        key=row["key"],
        purpose=row["purpose"],
        item=row["item"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        payload=json.loads(row["payload_json"]),
        status=row["status"],
        attempts=row["attempts"],
        expires_at=row["expires_at"],
    )


async def insert_messages(
    conn: aiosqlite.Connection, messages: Sequence[NewMessage], *, at: float
) -> int:
    """Insert inside an open transaction; keys already present are left alone."""
    before = conn.total_changes
    await conn.executemany(
        "INSERT OR IGNORE INTO outbox (key, purpose, item, user_id, chat_id, payload_json,"
        " status, created_at, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                m.key,
                m.purpose,
                m.item,
                m.user_id,
                m.chat_id,
                json.dumps(m.payload),
                m.status,
                at,
                m.expires_at,
                at,
            )
            for m in messages
        ],
    )
    return conn.total_changes - before


async def enqueue(db: Database, messages: Sequence[NewMessage], *, at: float) -> int:
    """Queue messages in one transaction; returns how many were new."""
    async with db.transaction() as conn:
        return await insert_messages(conn, messages, at=at)


async def next_pending(db: Database, *, limit: int, after_id: int = 0) -> list[OutboxRow]:
    """Pending messages in queue order."""
    rows = await db.fetchall(
        "SELECT * FROM outbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?",
        (after_id, limit),
    )
    return [_row(r) for r in rows]


async def mark_sending(db: Database, row_id: int, *, at: float) -> None:
    """Record that a send is about to start (a crash now may send it twice)."""
    await db.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?"
        " WHERE id = ?",
        (at, row_id),
    )


async def mark_sent(db: Database, row_id: int, *, message_id: int | None, at: float) -> None:
    """Record a delivery."""
    await db.execute(
        "UPDATE outbox SET status = 'sent', sent_at = ?, updated_at = ?, message_id = ?,"
        " error = NULL WHERE id = ?",
        (at, at, message_id, row_id),
    )


async def mark_retry(db: Database, row_id: int, *, error: str, at: float) -> None:
    """Put a message back in the queue after a transient fault."""
    await db.execute(
        "UPDATE outbox SET status = 'pending', error = ?, updated_at = ? WHERE id = ?",
        (error, at, row_id),
    )


async def mark_failed(db: Database, row_id: int, *, error: str, at: float) -> None:
    """Give up on a message for good."""
    await db.execute(
        "UPDATE outbox SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
        (error, at, row_id),
    )


async def skip_user(db: Database, user_id: int, *, reason: str, at: float) -> int:
    """Skip every pending message to a participant (they blocked the bot)."""
    return await db.execute(
        "UPDATE outbox SET status = 'skipped', error = ?, updated_at = ?"
        " WHERE user_id = ? AND status = 'pending'",
        (reason, at, user_id),
    )


async def expire_overdue(db: Database, *, now: float) -> int:
    """Mark pending messages whose moment has passed as expired."""
    return await db.execute(
        "UPDATE outbox SET status = 'expired', updated_at = ?"
        " WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?",
        (now, now),
    )


async def recover_inflight(db: Database, *, at: float) -> int:
    """After a crash, sends that were under way go back in the queue (at-least-once)."""
    return await db.execute(
        "UPDATE outbox SET status = 'pending', updated_at = ?, error = 'interrupted'"
        " WHERE status = 'sending'",
        (at,),
    )


async def counts(db: Database) -> dict[str, int]:
    """Messages by status."""
    rows = await db.fetchall("SELECT status, COUNT(*) FROM outbox GROUP BY status")
    return {r[0]: int(r[1]) for r in rows}
