"""Check-ins to assemblies and sessions, and the on-site codes that guard them."""

from __future__ import annotations

from db.database import Database

__all__ = ["attendees", "check_in", "get_code", "set_code"]


async def check_in(db: Database, session_id: str, user_id: int, *, method: str, at: float) -> bool:
    """Record a check-in; False if this participant had already checked in."""
    changed = await db.execute(
        "INSERT OR IGNORE INTO attendance (session_id, user_id, checked_at, method)"
        " VALUES (?, ?, ?, ?)",
        (session_id, user_id, at, method),
    )
    return changed > 0


async def attendees(db: Database, session_id: str) -> dict[int, float]:
    """Who has checked in to a session, and when."""
    rows = await db.fetchall(
        "SELECT user_id, checked_at FROM attendance WHERE session_id = ?", (session_id,)
    )
    return {int(r[0]): float(r[1]) for r in rows}


async def set_code(db: Database, session_id: str, code: str, *, by: int, at: float) -> None:
    """Issue (or replace) the on-site check-in code of a session."""
    await db.execute(
        "INSERT INTO checkin_codes (session_id, code, issued_at, issued_by) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (session_id) DO UPDATE SET code = excluded.code,"
        " issued_at = excluded.issued_at, issued_by = excluded.issued_by",
        (session_id, code, at, by),
    )


async def get_code(db: Database, session_id: str) -> str | None:
    """The session's current check-in code, if one was issued."""
    row = await db.fetchone("SELECT code FROM checkin_codes WHERE session_id = ?", (session_id,))
    return str(row[0]) if row else None
