"""The durable outbox: every bot-initiated message, its state and outcome."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from db.database import Database

__all__ = [
    "BULK",
    "URGENT",
    "NewMessage",
    "OutboxRow",
    "counts",
    "enqueue",
    "expire_overdue",
    "expired_by_item",
    "insert_messages",
    "mark_failed",
    "mark_retry",
    "mark_sending",
    "mark_sent",
    "mark_uncertain",
    "next_pending",
    "pending_ahead",
    "recover_inflight",
    "skip_user",
]


# Precedence in the queue: time-critical messages (reminders, briefings, nudges, notices,
# alerts) before bulk ones (broadcasts), whatever their order of arrival.
URGENT = 0
BULK = 1

# Messages whose text is wiped once sent or given up: the organisers' note that someone
# deleted their data names them, and nothing else may keep that name (db.privacy).
_WIPE = "payload_json = CASE WHEN purpose = 'forgotten' THEN '{}' ELSE payload_json END"


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
    priority: int = URGENT


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
    priority: int = URGENT
    uncertain: bool = False


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
        priority=row["priority"],
        uncertain=bool(row["uncertain"]),
    )


async def insert_messages(
    conn: aiosqlite.Connection, messages: Sequence[NewMessage], *, at: float
) -> int:
    """Insert inside an open transaction; keys already present are left alone."""
    before = conn.total_changes
    await conn.executemany(
        "INSERT OR IGNORE INTO outbox (key, purpose, item, user_id, chat_id, payload_json,"
        " status, created_at, expires_at, updated_at, priority)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                m.priority,
            )
            for m in messages
        ],
    )
    return conn.total_changes - before


async def enqueue(db: Database, messages: Sequence[NewMessage], *, at: float) -> int:
    """Queue messages in one transaction; returns how many were new."""
    async with db.transaction() as conn:
        return await insert_messages(conn, messages, at=at)


async def next_pending(db: Database, *, limit: int) -> list[OutboxRow]:
    """Pending messages in queue order: time-critical first, then in order of arrival."""
    rows = await db.fetchall(
        "SELECT * FROM outbox WHERE status = 'pending' ORDER BY priority, id LIMIT ?", (limit,)
    )
    return [_row(r) for r in rows]


async def pending_ahead(db: Database, *, priority: int) -> int:
    """Messages queued or under way that go before a new one of this priority."""
    row = await db.fetchone(
        "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending') AND priority <= ?",
        (priority,),
    )
    return int(row[0]) if row else 0


async def mark_sending(db: Database, row_id: int, *, at: float) -> bool:
    """Claim a pending message for sending (a crash now may send it twice). False when it is
    no longer pending: stopped, skipped or expired since the queue was read, or gone."""
    changed = await db.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?"
        " WHERE id = ? AND status = 'pending'",
        (at, row_id),
    )
    return changed == 1


async def mark_sent(db: Database, row_id: int, *, message_id: int | None, at: float) -> None:
    """Record a delivery."""
    await db.execute(
        "UPDATE outbox SET status = 'sent', sent_at = ?, updated_at = ?, message_id = ?,"
        f" error = NULL, {_WIPE} WHERE id = ?",
        (at, at, message_id, row_id),
    )


async def mark_retry(db: Database, row_id: int, *, error: str, at: float) -> None:
    """Put a message back in the queue after a transient fault."""
    await db.execute(
        "UPDATE outbox SET status = 'pending', error = ?, updated_at = ? WHERE id = ?",
        (error, at, row_id),
    )


async def mark_uncertain(db: Database, row_id: int, *, error: str, at: float) -> None:
    """A send timed out: Telegram may have delivered it. Queue it again, remembering that a
    copy may already be there (at-least-once; the figures count it)."""
    await db.execute(
        "UPDATE outbox SET status = 'pending', uncertain = 1, error = ?, updated_at = ?"
        " WHERE id = ?",
        (error, at, row_id),
    )


async def mark_failed(db: Database, row_id: int, *, error: str, at: float) -> None:
    """Give up on a message for good."""
    await db.execute(
        f"UPDATE outbox SET status = 'failed', error = ?, updated_at = ?, {_WIPE} WHERE id = ?",
        (error, at, row_id),
    )


async def mark_skipped(db: Database, row_id: int, *, reason: str, at: float) -> None:
    """Not sent, and never to be: there is nothing left of it to send."""
    await db.execute(
        "UPDATE outbox SET status = 'skipped', error = ?, updated_at = ? WHERE id = ?",
        (reason, at, row_id),
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
    """Messages by status, and `uncertain`: how many had a send time out (possibly delivered
    twice when a retry then went through, possibly delivered once when none did)."""
    rows = await db.fetchall("SELECT status, COUNT(*) FROM outbox GROUP BY status")
    found = {r[0]: int(r[1]) for r in rows}
    row = await db.fetchone("SELECT COUNT(*) FROM outbox WHERE uncertain = 1")
    if row is not None and row[0]:
        found["uncertain"] = int(row[0])
    return found


async def expired_by_item(db: Database) -> list[tuple[str, str, int]]:
    """(purpose, item, count) of messages that expired before they could be sent, most
    recent first."""
    rows = await db.fetchall(
        "SELECT purpose, item, COUNT(*), MAX(updated_at) AS last FROM outbox"
        " WHERE status = 'expired' GROUP BY purpose, item ORDER BY last DESC"
    )
    return [(r[0], r[1], int(r[2])) for r in rows]
