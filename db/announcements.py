"""Organisers' announcements: what was composed, for whom, when, and what became of it.

Deliveries are outbox rows (purpose `broadcast`, item = the announcement's id), so the
figures are read from the outbox and a restart keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from db.database import Database
from db.outbox import BULK, NewMessage, insert_messages

__all__ = [
    "PURPOSE",
    "Announcement",
    "Figures",
    "Member",
    "NewAnnouncement",
    "begin",
    "cancel",
    "create",
    "distinct_values",
    "due",
    "figures",
    "get",
    "last_reported",
    "latest_sent",
    "mark_reported",
    "members",
    "open_deliveries",
    "received_by",
    "scheduled",
    "set_progress_message",
    "stop",
    "unreached",
]

PURPOSE = "broadcast"


@dataclass(frozen=True)
class NewAnnouncement:
    """An announcement as composed."""

    created_by: int
    chat_id: int
    lang: str
    kind: str
    body: str
    audience: dict[str, Any] = field(hash=False)
    file_id: str | None = None
    filename: str | None = None


@dataclass(frozen=True)
class Announcement:
    """An announcement as stored."""

    id: int
    created_by: int
    created_at: float
    kind: str
    body: str
    file_id: str | None
    filename: str | None
    audience: dict[str, Any] = field(hash=False)
    status: str = "scheduled"
    send_at: float | None = None
    started_at: float | None = None
    finished_at: float | None = None
    recipients: int = 0
    chat_id: int = 0
    lang: str = "id"
    progress_message_id: int | None = None
    reported: bool = False


@dataclass(frozen=True)
class Member:
    """A participant an audience may take in."""

    user_id: int
    chat_id: int
    name: str
    active: bool


@dataclass(frozen=True)
class Figures:
    """Where an announcement's deliveries stand."""

    total: int
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    stopped: int = 0
    remaining: int = 0

    @property
    def finished(self) -> bool:
        """Nothing left to send or under way."""
        return self.remaining == 0


def _announcement(row: aiosqlite.Row) -> Announcement:
    return Announcement(
        id=row["id"],
        created_by=row["created_by"],
        created_at=row["created_at"],
        kind=row["kind"],
        body=row["body"],
        file_id=row["file_id"],
        filename=row["filename"],
        audience=json.loads(row["audience_json"]),
        status=row["status"],
        send_at=row["send_at"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        recipients=row["recipients"],
        chat_id=row["chat_id"],
        lang=row["lang"],
        progress_message_id=row["progress_message_id"],
        reported=bool(row["reported"]),
    )


def _payload(a: NewAnnouncement | Announcement) -> dict[str, Any]:
    """What the outbox sends each recipient: the text or caption, and the file by id."""
    payload: dict[str, Any] = {"text": a.body}
    if a.kind == "photo":
        payload["photo_id"] = a.file_id
    elif a.kind == "document":
        payload["document_id"] = a.file_id
        payload["filename"] = a.filename
    return payload


async def _queue(
    conn: aiosqlite.Connection,
    announcement_id: int,
    payload: dict[str, Any],
    recipients: Sequence[Member],
    *,
    at: float,
) -> None:
    messages = [
        NewMessage(
            key=f"{PURPOSE}:{announcement_id}:{m.user_id}",
            purpose=PURPOSE,
            item=str(announcement_id),
            chat_id=m.chat_id,
            user_id=m.user_id,
            payload=payload,
            priority=BULK,
        )
        for m in recipients
    ]
    await insert_messages(conn, messages, at=at)


async def create(
    db: Database,
    new: NewAnnouncement,
    *,
    at: float,
    send_at: float | None = None,
    recipients: Sequence[Member] | None = None,
) -> int:
    """Store an announcement: scheduled for `send_at`, or (with `recipients`) queued for
    them at once, in the same transaction. Returns its id."""
    sending = recipients is not None
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO announcements (created_by, created_at, kind, body, file_id, filename,"
            " audience_json, status, send_at, started_at, recipients, chat_id, lang)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.created_by,
                at,
                new.kind,
                new.body,
                new.file_id,
                new.filename,
                json.dumps(new.audience),
                "sending" if sending else "scheduled",
                send_at if send_at is not None else at,
                at if sending else None,
                len(recipients) if recipients is not None else 0,
                new.chat_id,
                new.lang,
            ),
        )
        announcement_id = cursor.lastrowid
        assert announcement_id is not None
        if recipients is not None:
            await _queue(conn, announcement_id, _payload(new), recipients, at=at)
    return announcement_id


async def begin(
    db: Database, announcement: Announcement, recipients: Sequence[Member], *, at: float
) -> bool:
    """Start a scheduled announcement: queue it for `recipients`; False if it is no longer
    scheduled (cancelled, or started by someone else)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE announcements SET status = 'sending', started_at = ?, recipients = ?"
            " WHERE id = ? AND status = 'scheduled'",
            (at, len(recipients), announcement.id),
        )
        if cursor.rowcount == 0:
            return False
        await _queue(conn, announcement.id, _payload(announcement), recipients, at=at)
    return True


async def get(db: Database, announcement_id: int) -> Announcement | None:
    """One announcement."""
    row = await db.fetchone("SELECT * FROM announcements WHERE id = ?", (announcement_id,))
    return _announcement(row) if row else None


async def scheduled(db: Database) -> list[Announcement]:
    """Announcements waiting for their time, soonest first."""
    rows = await db.fetchall(
        "SELECT * FROM announcements WHERE status = 'scheduled' ORDER BY send_at, id"
    )
    return [_announcement(r) for r in rows]


async def due(db: Database, *, now: float) -> list[Announcement]:
    """Scheduled announcements whose time has come."""
    rows = await db.fetchall(
        "SELECT * FROM announcements WHERE status = 'scheduled' AND send_at <= ?"
        " ORDER BY send_at, id",
        (now,),
    )
    return [_announcement(r) for r in rows]


async def open_deliveries(db: Database) -> list[Announcement]:
    """Announcements being sent, or stopped, whose final report is not shown yet."""
    rows = await db.fetchall(
        "SELECT * FROM announcements WHERE status IN ('sending', 'stopped', 'done')"
        " AND reported = 0 ORDER BY id"
    )
    return [_announcement(r) for r in rows]


async def last_reported(db: Database) -> Announcement | None:
    """The announcement whose delivery report came last."""
    row = await db.fetchone(
        "SELECT * FROM announcements WHERE reported = 1 ORDER BY finished_at DESC, id DESC LIMIT 1"
    )
    return _announcement(row) if row else None


async def cancel(db: Database, announcement_id: int) -> bool:
    """Cancel a scheduled announcement; False if it has started or is gone."""
    changed = await db.execute(
        "UPDATE announcements SET status = 'cancelled' WHERE id = ? AND status = 'scheduled'",
        (announcement_id,),
    )
    return changed > 0


async def stop(db: Database, announcement_id: int, *, at: float) -> int | None:
    """Stop a running announcement: what is not yet sent is skipped for good (a restart does
    not send it). Returns how many were skipped, or None if it was not running."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE announcements SET status = 'stopped' WHERE id = ? AND status = 'sending'",
            (announcement_id,),
        )
        if cursor.rowcount == 0:
            return None
        cursor = await conn.execute(
            "UPDATE outbox SET status = 'skipped', error = 'stopped', updated_at = ?"
            " WHERE purpose = ? AND item = ? AND status = 'pending'",
            (at, PURPOSE, str(announcement_id)),
        )
        return cursor.rowcount


async def figures(db: Database, announcement: Announcement) -> Figures:
    """Sent, failed, blocked (403, or skipped because the person blocked the bot), stopped,
    and still to go."""
    rows = await db.fetchall(
        "SELECT status, error LIKE 'forbidden%' OR error = 'blocked' AS blocked,"
        " error = 'stopped' AS stopped, COUNT(*) FROM outbox"
        " WHERE purpose = ? AND item = ? GROUP BY 1, 2, 3",
        (PURPOSE, str(announcement.id)),
    )
    found = {"sent": 0, "failed": 0, "blocked": 0, "stopped": 0, "remaining": 0}
    for status, blocked, stopped, count in rows:
        if status in ("pending", "sending"):
            found["remaining"] += count
        elif status == "sent":
            found["sent"] += count
        elif blocked:
            found["blocked"] += count
        elif stopped:
            found["stopped"] += count
        else:  # failed for another reason, expired, skipped
            found["failed"] += count
    return Figures(total=announcement.recipients, **found)


async def unreached(db: Database, announcement_id: int, *, limit: int = 50) -> list[str]:
    """Names of those the announcement did not reach (failed or blocked; not those left
    unsent by Stop), by name."""
    rows = await db.fetchall(
        "SELECT COALESCE(p.name, u.first_name, CAST(o.user_id AS TEXT)) FROM outbox o"
        " LEFT JOIN participants p ON p.user_id = o.user_id"
        " LEFT JOIN users u ON u.user_id = o.user_id"
        " WHERE o.purpose = ? AND o.item = ? AND o.status IN ('failed', 'expired', 'skipped')"
        " AND COALESCE(o.error, '') != 'stopped' ORDER BY 1 LIMIT ?",
        (PURPOSE, str(announcement_id), limit),
    )
    return [str(r[0]) for r in rows]


async def set_progress_message(db: Database, announcement_id: int, message_id: int) -> None:
    """Remember the organiser's progress message (edited as the delivery goes)."""
    await db.execute(
        "UPDATE announcements SET progress_message_id = ? WHERE id = ?",
        (message_id, announcement_id),
    )


async def mark_reported(db: Database, announcement_id: int, *, at: float) -> None:
    """The final report is shown: the delivery is over."""
    await db.execute(
        "UPDATE announcements SET reported = 1, finished_at = ?,"
        " status = CASE status WHEN 'sending' THEN 'done' ELSE status END WHERE id = ?",
        (at, announcement_id),
    )


async def received_by(db: Database, user_id: int, *, limit: int = 5) -> list[Announcement]:
    """The last announcements delivered to a participant, newest first."""
    rows = await db.fetchall(
        "SELECT a.* FROM announcements a JOIN outbox o"
        " ON o.purpose = ? AND o.item = CAST(a.id AS TEXT) AND o.user_id = ?"
        " WHERE o.status = 'sent' ORDER BY o.sent_at DESC, a.id DESC LIMIT ?",
        (PURPOSE, user_id, limit),
    )
    return [_announcement(r) for r in rows]


async def latest_sent(db: Database, *, limit: int = 5) -> list[Announcement]:
    """The last announcements delivered to at least one participant, newest first (what
    organisers see with /pengumuman)."""
    rows = await db.fetchall(
        "SELECT a.*, MAX(o.sent_at) AS last FROM announcements a JOIN outbox o"
        " ON o.purpose = ? AND o.item = CAST(a.id AS TEXT)"
        " WHERE o.status = 'sent' GROUP BY a.id ORDER BY last DESC, a.id DESC LIMIT ?",
        (PURPOSE, limit),
    )
    return [_announcement(r) for r in rows]


async def members(
    db: Database,
    *,
    positions: Sequence[str] = (),
    groups: Sequence[str] = (),
    units: Sequence[str] = (),
    absent_from: Sequence[str] = (),
    not_reflected: str | None = None,
) -> list[Member]:
    """Registered participants, active or not, in every dimension given (one of the
    positions, one of the groups, one of the units, not checked in to one of the
    sessions, and not finished the reflection of the day `not_reflected`); all of them when
    none is given. By name."""
    where: list[str] = []
    params: list[Any] = []
    for column, values in (("p.position", positions), ("p.grp", groups), ("p.unit", units)):
        if values:
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    if absent_from:
        where.append(
            "EXISTS (SELECT 1 FROM json_each(?) s WHERE NOT EXISTS (SELECT 1 FROM attendance a"
            " WHERE a.session_id = s.value AND a.user_id = p.user_id))"
        )
        params.append(json.dumps(list(absent_from)))
    if not_reflected:
        where.append(
            "NOT EXISTS (SELECT 1 FROM reflections r WHERE r.user_id = p.user_id"
            " AND r.day = ? AND r.finished_at IS NOT NULL)"
        )
        params.append(not_reflected)
    sql = (
        "SELECT p.user_id, u.chat_id, p.name, p.status FROM participants p"
        " JOIN users u USING (user_id)"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = await db.fetchall(sql + " ORDER BY p.name, p.user_id", params)
    return [Member(int(r[0]), int(r[1]), str(r[2]), r[3] == "active") for r in rows]


async def distinct_values(db: Database, column: str) -> list[str]:
    """The positions, groups or units registered participants have, sorted."""
    columns = {"position": "position", "group": "grp", "unit": "unit"}
    name = columns[column]
    rows = await db.fetchall(
        f"SELECT DISTINCT {name} FROM participants WHERE {name} != '' ORDER BY {name}"
    )
    return [str(r[0]) for r in rows]
