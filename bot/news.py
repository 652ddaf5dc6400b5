"""Which announcements /pengumuman shows: a participant's own, or, to an organiser, the
latest sent to participants (tester's finding F)."""

from __future__ import annotations

from db import Database
from db.announcements import Announcement, latest_sent, received_by

__all__ = ["news_for"]


async def news_for(
    db: Database, user_id: int, *, organiser: bool, limit: int = 5
) -> list[Announcement]:
    """The last `limit` announcements for /pengumuman, newest first: an organiser sees those
    sent to participants (also when none was sent to them), a participant those they got."""
    if organiser:
        return await latest_sent(db, limit=limit)
    return await received_by(db, user_id, limit=limit)
