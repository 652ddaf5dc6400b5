"""Personal data (SPEC §12): what is held on one participant, forgetting them, and purging a
finished event's personal data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from db.database import Database
from db.outbox import NewMessage, insert_messages

__all__ = [
    "ANON",
    "FORGOTTEN",
    "PURGE_KINDS",
    "Holdings",
    "compact",
    "forget_person",
    "holdings_of",
    "purge_counts",
    "purge_personal_data",
]

# The outbox purpose of the note telling organisers that someone deleted their data: its
# text (a name) is wiped once it has been sent or given up (db.outbox.mark_sent/mark_failed).
FORGOTTEN = "forgotten"
# The key of a delivery record kept as a count only (its recipient's id is no longer in it).
ANON = "anon"


@dataclass(frozen=True)
class Holdings:
    """What the database holds on one participant beyond their registration row."""

    phone: str
    attended: tuple[tuple[str, float], ...]  # (session id, checked at), in order
    reflections: int  # days with a reflection started
    questions: int


async def holdings_of(db: Database, user_id: int) -> Holdings:
    """The participant's phone (from the roster), check-ins, reflections and questions."""
    phone = await db.fetchone(
        "SELECT r.phone FROM participants p JOIN roster r ON r.nip = p.nip WHERE p.user_id = ?",
        (user_id,),
    )
    attended = await db.fetchall(
        "SELECT session_id, checked_at FROM attendance WHERE user_id = ?"
        " ORDER BY checked_at, session_id",
        (user_id,),
    )
    counts = await db.fetchone(
        "SELECT (SELECT COUNT(*) FROM reflections WHERE user_id = ?),"
        " (SELECT COUNT(*) FROM questions WHERE user_id = ?)",
        (user_id, user_id),
    )
    assert counts is not None
    return Holdings(
        phone=str(phone[0]) if phone is not None else "",
        attended=tuple((str(r[0]), float(r[1])) for r in attended),
        reflections=int(counts[0]),
        questions=int(counts[1]),
    )


async def _ids(conn: aiosqlite.Connection, sql: str, params: Sequence[object]) -> list[int]:
    async with conn.execute(sql, params) as cur:
        return [int(r[0]) for r in await cur.fetchall()]


async def _count(conn: aiosqlite.Connection, sql: str, params: Sequence[object] = ()) -> int:
    cursor = await conn.execute(sql, params)
    return cursor.rowcount


async def forget_person(
    db: Database,
    user_id: int,
    *,
    registered_at: float,
    traces: Sequence[str],
    notices: Sequence[NewMessage],
    at: float,
) -> dict[str, int] | None:
    """Delete one person's data in one transaction; None (nothing changed) unless they are
    registered with exactly this `registered_at` (a stale confirmation deletes nothing).

    Deleted: registration, Telegram account row, reflections and answers, questions,
    check-ins, conversation state, and their outbox rows still pending. Their delivery
    records (and the organisers' copies of their questions) stay as counts: recipient,
    chat and text are wiped. Any other row whose text holds one of `traces` (their name or
    NIP as stored) loses that text. Organisers' `notices` are queued in the same transaction.
    The roster entry stays (the committee's list); attempts stay (they hold only a masked
    NIP and a hash, and guard against guessing)."""
    async with db.transaction() as conn:
        found = await _ids(
            conn,
            "SELECT user_id FROM participants WHERE user_id = ? AND registered_at = ?",
            (user_id, registered_at),
        )
        if not found:
            return None
        chat = await _ids(conn, "SELECT chat_id FROM users WHERE user_id = ?", (user_id,))
        chats = [user_id, *chat]
        mine = "(user_id = ? OR (user_id IS NULL AND chat_id IN (?, ?)))"
        mine_params = (user_id, chats[0], chats[-1])
        questions = await _ids(conn, "SELECT id FROM questions WHERE user_id = ?", (user_id,))
        items = [str(q) for q in questions]
        marks = ",".join("?" * len(items))
        counts = {
            "pending": await _count(
                conn, f"DELETE FROM outbox WHERE status = 'pending' AND {mine}", mine_params
            ),
            "deliveries": await _count(
                conn,
                "UPDATE outbox SET user_id = NULL, chat_id = 0, payload_json = '{}',"
                f" error = NULL, key = '{ANON}:' || id WHERE {mine}",
                mine_params,
            ),
        }
        if items:  # the organisers' copies of the questions, and "answered by" notes
            counts["pending"] += await _count(
                conn,
                "DELETE FROM outbox WHERE status = 'pending'"
                f" AND purpose IN ('question', 'answered') AND item IN ({marks})",
                items,
            )
            await conn.execute(
                "UPDATE outbox SET payload_json = '{}', error = NULL"
                f" WHERE purpose IN ('question', 'answered') AND item IN ({marks})",
                items,
            )
        for trace in dict.fromkeys(x for x in traces if x):
            await conn.execute(
                "DELETE FROM outbox WHERE status = 'pending' AND purpose <> 'broadcast'"
                " AND instr(payload_json, ?) > 0",
                (trace,),
            )
            await conn.execute(
                "UPDATE outbox SET payload_json = '{}', error = NULL"
                " WHERE purpose <> 'broadcast' AND instr(payload_json, ?) > 0",
                (trace,),
            )
            await conn.execute(
                "UPDATE errors SET text = '(removed: personal data)' WHERE instr(text, ?) > 0",
                (trace,),
            )
        counts["answers"] = await _count(
            conn, "DELETE FROM reflection_answers WHERE user_id = ?", (user_id,)
        )
        counts["reflections"] = await _count(
            conn, "DELETE FROM reflections WHERE user_id = ?", (user_id,)
        )
        counts["questions"] = await _count(
            conn, "DELETE FROM questions WHERE user_id = ?", (user_id,)
        )
        counts["attendance"] = await _count(
            conn, "DELETE FROM attendance WHERE user_id = ?", (user_id,)
        )
        counts["conversations"] = await _count(
            conn, "DELETE FROM conversations WHERE user_id = ?", (user_id,)
        )
        counts["participants"] = await _count(
            conn, "DELETE FROM participants WHERE user_id = ?", (user_id,)
        )
        counts["users"] = await _count(conn, "DELETE FROM users WHERE user_id = ?", (user_id,))
        await insert_messages(conn, notices, at=at)
    return counts


# What `purge` removes, in the order it reports them (text keys privacy.kind.<kind>).
PURGE_KINDS = (
    "participants",
    "users",
    "roster",
    "invites",
    "reflections",
    "answers",
    "questions",
    "attendance",
    "codes",
    "conversations",
    "attempts",
    "recipients",
    "deliveries",
    "errors",
)

_PURGE_DELETE = {  # kind -> table whose rows all go
    "answers": "reflection_answers",
    "reflections": "reflections",
    "questions": "questions",
    "attendance": "attendance",
    "codes": "checkin_codes",
    "conversations": "conversations",
    "attempts": "attempts",
    "invites": "invites",
    "participants": "participants",
    "users": "users",
    "roster": "roster",
    "errors": "errors",
}
# Delivery rows that still name someone (a recipient, a chat, a text, an error).
_NAMED = (
    "(user_id IS NOT NULL OR chat_id <> 0 OR payload_json <> '{}' OR error IS NOT NULL"
    f" OR key NOT LIKE '{ANON}:%')"
)


async def purge_counts(db: Database) -> dict[str, int]:
    """How many rows of each kind `purge_personal_data` would remove (or wipe)."""
    counts = {}
    for kind, table in _PURGE_DELETE.items():
        row = await db.fetchone(f"SELECT COUNT(*) FROM {table}")
        counts[kind] = int(row[0]) if row else 0
    row = await db.fetchone(
        f"SELECT SUM(purpose = 'broadcast'), SUM(purpose <> 'broadcast') FROM outbox WHERE {_NAMED}"
    )
    counts["recipients"] = int(row[0] or 0) if row else 0
    counts["deliveries"] = int(row[1] or 0) if row else 0
    return {kind: counts[kind] for kind in PURGE_KINDS}


async def purge_personal_data(db: Database) -> dict[str, int]:
    """Remove every participant's personal data in one transaction; counts per kind.

    All rows go from the registration, account, roster, invite, reflection, question,
    check-in, conversation, attempt and error tables; outbox rows stay as counts (status,
    purpose, item, times) with recipient, chat, text and error wiped, but those still queued
    go. The agenda, the
    dispatch plan and the organisers' announcements stay."""
    counts = {}
    async with db.transaction() as conn:
        row_cur = await conn.execute(
            f"SELECT SUM(purpose = 'broadcast'), SUM(purpose <> 'broadcast') FROM outbox"
            f" WHERE {_NAMED}"
        )
        row = await row_cur.fetchone()
        await row_cur.close()
        counts["recipients"] = int(row[0] or 0) if row else 0
        counts["deliveries"] = int(row[1] or 0) if row else 0
        # Still queued (the bot stopped mid-announcement): deleted, not kept as counts; with
        # no text and no chat the next start would try to send them.
        await conn.execute(
            f"DELETE FROM outbox WHERE status IN ('pending', 'sending') AND {_NAMED}"
        )
        await conn.execute(
            "UPDATE outbox SET user_id = NULL, chat_id = 0, payload_json = '{}', error = NULL,"
            f" key = '{ANON}:' || id WHERE {_NAMED}"
        )
        for kind, table in _PURGE_DELETE.items():  # children before parents
            counts[kind] = await _count(conn, f"DELETE FROM {table}")
    return {kind: counts[kind] for kind in PURGE_KINDS}


async def compact(db: Database) -> tuple[int, bool]:
    """VACUUM the file so that deleted rows are gone from it (no free page keeps them), then
    copy the WAL into it and empty it (checkpoint TRUNCATE). Returns the file's size in bytes
    and whether the WAL could be emptied (False while another process reads the database)."""
    # VACUUM cannot run inside a transaction: transaction() is taken for its write lock
    # only, its BEGIN committed at once and a new one opened for its own COMMIT.
    async with db.transaction() as conn:
        await conn.execute("COMMIT")
        try:
            await conn.execute("VACUUM")
            async with conn.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cur:
                row = await cur.fetchone()
        finally:
            await conn.execute("BEGIN")
    busy = row is None or int(row[0]) != 0
    return db.path.stat().st_size, not busy
