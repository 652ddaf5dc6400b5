"""The counts behind /rekap (issue 9, item 3): registrations and finished reflections by group,
and how often each rating or option was chosen on a day. Counts only: no answer text and no
participant leaves here."""

from __future__ import annotations

from dataclasses import dataclass

from db.database import Database

__all__ = ["DayCounts", "day_counts"]


@dataclass(frozen=True)
class DayCounts:
    """The raw counts of one day's reflections, by group ('' for none) and by answer."""

    registered: dict[str, int]  # group -> registered participants
    finished: dict[str, int]  # group -> participants who finished the day's reflection
    started: dict[str, int]  # group -> participants who began it but have not finished
    # (question id, kind, value) -> how many chose it, for rating and choice answers
    chosen: dict[tuple[str, str, str], int]


async def day_counts(db: Database, day: str) -> DayCounts:
    """Every count /rekap shows for `day` (YYYY-MM-DD), read in three grouped queries."""
    registered = await db.fetchall("SELECT grp, COUNT(*) FROM participants GROUP BY grp")
    progress = await db.fetchall(
        "SELECT p.grp, r.finished_at IS NOT NULL AS done, COUNT(*)"
        " FROM reflections r JOIN participants p USING (user_id)"
        " WHERE r.day = ? GROUP BY p.grp, done",
        (day,),
    )
    chosen = await db.fetchall(
        "SELECT question_id, kind, value, COUNT(*) FROM reflection_answers"
        " WHERE day = ? AND kind IN ('rating', 'choice') GROUP BY question_id, kind, value",
        (day,),
    )
    finished: dict[str, int] = {}
    started: dict[str, int] = {}
    for grp, done, n in progress:
        (finished if done else started)[str(grp)] = int(n)
    return DayCounts(
        registered={str(r[0]): int(r[1]) for r in registered},
        finished=finished,
        started=started,
        chosen={(str(r[0]), str(r[1]), str(r[2])): int(r[3]) for r in chosen},
    )
