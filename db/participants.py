"""Users who have written to the bot, and registered participants."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from db.database import Database

__all__ = [
    "AlreadyBound",
    "Participant",
    "User",
    "count_participants",
    "get_participant",
    "get_participant_by_nip",
    "get_user",
    "list_participants",
    "reactivate",
    "register",
    "set_language",
    "set_reminders",
    "set_status",
    "touch_user",
    "unregister",
]


class AlreadyBound(Exception):
    """The NIP is registered to another Telegram account."""

    def __init__(self, other_user_id: int) -> None:
        super().__init__("NIP bound to another account")
        self.other_user_id = other_user_id


@dataclass(frozen=True)
class User:
    """Someone who has written to the bot."""

    user_id: int
    chat_id: int
    language: str | None
    first_name: str


@dataclass(frozen=True)
class Participant:
    """A registered participant, with the language they read."""

    user_id: int
    chat_id: int
    nip: str
    name: str
    position: str
    unit: str
    group: str
    verified: bool
    status: str
    reminders: bool
    language: str | None
    registered_at: float
    salutation: str = ""  # the roster's Bapak/Ibu, '' to take it from the NIP

    @property
    def active(self) -> bool:
        """False once Telegram said the bot was blocked."""
        return self.status == "active"


_SELECT = (
    "SELECT p.*, u.chat_id, u.language, COALESCE(r.salutation, '') AS salutation"
    " FROM participants p JOIN users u USING (user_id) LEFT JOIN roster r ON r.nip = p.nip"
)


def _participant(row: aiosqlite.Row) -> Participant:
    return Participant(
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        nip=row["nip"],
        name=row["name"],
        position=row["position"],
        unit=row["unit"],
        group=row["grp"],
        verified=bool(row["verified"]),
        status=row["status"],
        reminders=bool(row["reminders"]),
        language=row["language"],
        registered_at=row["registered_at"],
        salutation=row["salutation"],
    )


async def touch_user(
    db: Database, user_id: int, chat_id: int, first_name: str, *, at: float
) -> User:
    """Record that a user wrote to us (private chat id, name); returns their stored row."""
    row = await db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
    if row is None or row["chat_id"] != chat_id or row["first_name"] != first_name:
        await db.execute(
            "INSERT INTO users (user_id, chat_id, first_name, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id,"
            " first_name = excluded.first_name",
            (user_id, chat_id, first_name, at),
        )
        row = await db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
    assert row is not None
    return User(row["user_id"], row["chat_id"], row["language"], row["first_name"])


async def get_user(db: Database, user_id: int) -> User | None:
    """A user by Telegram id."""
    row = await db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
    return User(row["user_id"], row["chat_id"], row["language"], row["first_name"]) if row else None


async def set_language(db: Database, user_id: int, language: str) -> None:
    """Store a user's chosen language."""
    await db.execute("UPDATE users SET language = ? WHERE user_id = ?", (language, user_id))


async def register(
    db: Database,
    *,
    user_id: int,
    nip: str,
    name: str,
    position: str,
    unit: str,
    group: str,
    verified: bool,
    language: str,
    at: float,
) -> Participant:
    """Bind a NIP to a Telegram account; raises AlreadyBound if another account holds it."""
    async with db.transaction() as conn:
        async with conn.execute("SELECT user_id FROM participants WHERE nip = ?", (nip,)) as cur:
            other = await cur.fetchone()
        if other is not None and other[0] != user_id:
            raise AlreadyBound(int(other[0]))
        await conn.execute("UPDATE users SET language = ? WHERE user_id = ?", (language, user_id))
        await conn.execute(
            "INSERT INTO participants (user_id, nip, name, position, unit, grp, verified,"
            " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " nip = excluded.nip, name = excluded.name, position = excluded.position,"
            " unit = excluded.unit, grp = excluded.grp, verified = excluded.verified,"
            " status = 'active'",
            (user_id, nip, name, position, unit, group, int(verified), at),
        )
    found = await get_participant(db, user_id)
    assert found is not None
    return found


async def get_participant(db: Database, user_id: int) -> Participant | None:
    """A participant by Telegram id."""
    row = await db.fetchone(f"{_SELECT} WHERE p.user_id = ?", (user_id,))
    return _participant(row) if row else None


async def get_participant_by_nip(db: Database, nip: str) -> Participant | None:
    """A participant by NIP."""
    row = await db.fetchone(f"{_SELECT} WHERE p.nip = ?", (nip,))
    return _participant(row) if row else None


async def list_participants(db: Database, *, active_only: bool = False) -> list[Participant]:
    """All participants by name."""
    where = " WHERE p.status = 'active'" if active_only else ""
    rows = await db.fetchall(f"{_SELECT}{where} ORDER BY p.name, p.user_id")
    return [_participant(r) for r in rows]


async def count_participants(db: Database) -> dict[str, int]:
    """Participants by status."""
    rows = await db.fetchall("SELECT status, COUNT(*) FROM participants GROUP BY status")
    return {r[0]: int(r[1]) for r in rows}


async def set_reminders(db: Database, user_id: int, on: bool) -> None:
    """Switch session reminders on or off for one participant."""
    await db.execute("UPDATE participants SET reminders = ? WHERE user_id = ?", (int(on), user_id))


async def set_status(db: Database, user_id: int, status: str) -> None:
    """Mark a participant active or inactive (blocked the bot)."""
    await db.execute("UPDATE participants SET status = ? WHERE user_id = ?", (status, user_id))


async def reactivate(db: Database, user_id: int) -> bool:
    """Mark an inactive participant active again (they wrote or unblocked); True if they were
    inactive. A read first, so the common case (already active) takes no write lock."""
    row = await db.fetchone("SELECT status FROM participants WHERE user_id = ?", (user_id,))
    if row is None or row[0] == "active":
        return False
    changed = await db.execute(
        "UPDATE participants SET status = 'active' WHERE user_id = ? AND status = 'inactive'",
        (user_id,),
    )
    return changed > 0


async def unregister(db: Database, user_id: int) -> Participant | None:
    """Remove an account's registration (the NIP is free again); the removed participant, or
    None when the account was not registered. Its attendance goes with it."""
    found = await get_participant(db, user_id)
    if found is not None:
        await db.execute("DELETE FROM participants WHERE user_id = ?", (user_id,))
    return found
