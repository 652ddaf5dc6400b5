"""Small facts about the running bot: recent errors."""

from __future__ import annotations

from db.database import Database

__all__ = ["last_errors", "record_error"]


async def record_error(db: Database, text: str, *, at: float) -> None:
    """Keep an error line for /status (the last 50 are kept)."""
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO errors (at, text) VALUES (?, ?)", (at, text[:500]))
        await conn.execute(
            "DELETE FROM errors WHERE id NOT IN (SELECT id FROM errors ORDER BY id DESC LIMIT 50)"
        )


async def last_errors(db: Database, limit: int = 5) -> list[tuple[float, str]]:
    """The most recent error lines, newest first."""
    rows = await db.fetchall("SELECT at, text FROM errors ORDER BY id DESC LIMIT ?", (limit,))
    return [(float(r[0]), str(r[1])) for r in rows]
