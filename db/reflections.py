"""Evening reflections: one per participant per day, each answer stored as it is given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from db.database import Database

__all__ = [
    "Answer",
    "Saved",
    "answers_of",
    "answers_on_day",
    "day_rows",
    "finished_users",
    "journal_answers",
    "save_answer",
    "started_users",
]


@dataclass(frozen=True)
class Answer:
    """One stored answer."""

    user_id: int
    day: str
    question_id: str
    kind: str
    value: str
    answered_at: float
    updated_at: float


@dataclass(frozen=True)
class Saved:
    """What storing an answer did."""

    changed: bool  # False: the same answer was already stored
    finished: bool  # every required question of the day is answered
    finished_now: bool  # ... and this answer completed it


def _answer(row: aiosqlite.Row) -> Answer:
    return Answer(
        user_id=row["user_id"],
        day=row["day"],
        question_id=row["question_id"],
        kind=row["kind"],
        value=row["value"],
        answered_at=row["answered_at"],
        updated_at=row["updated_at"],
    )


async def save_answer(
    db: Database,
    user_id: int,
    day: str,
    question_id: str,
    kind: str,
    value: str,
    *,
    required: Sequence[str],
    at: float,
) -> Saved:
    """Store (or overwrite) one answer in one transaction, and mark the day finished once
    every `required` question has an answer."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO reflections (user_id, day, started_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id, day) DO NOTHING",
            (user_id, day, at, at),
        )
        async with conn.execute(
            "SELECT value FROM reflection_answers"
            " WHERE user_id = ? AND day = ? AND question_id = ?",
            (user_id, day, question_id),
        ) as cur:
            old = await cur.fetchone()
        changed = old is None or old[0] != value
        if changed:
            await conn.execute(
                "INSERT INTO reflection_answers (user_id, day, question_id, kind, value,"
                " answered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id, day, question_id) DO UPDATE SET kind = excluded.kind,"
                " value = excluded.value, updated_at = excluded.updated_at",
                (user_id, day, question_id, kind, value, at, at),
            )
            await conn.execute(
                "UPDATE reflections SET updated_at = ? WHERE user_id = ? AND day = ?",
                (at, user_id, day),
            )
        async with conn.execute(
            "SELECT question_id FROM reflection_answers WHERE user_id = ? AND day = ?",
            (user_id, day),
        ) as cur:
            have = {r[0] for r in await cur.fetchall()}
        async with conn.execute(
            "SELECT finished_at FROM reflections WHERE user_id = ? AND day = ?", (user_id, day)
        ) as cur:
            row = await cur.fetchone()
        was_finished = row is not None and row[0] is not None
        finished = set(required) <= have
        if finished and not was_finished:
            await conn.execute(
                "UPDATE reflections SET finished_at = ? WHERE user_id = ? AND day = ?",
                (at, user_id, day),
            )
    return Saved(changed, finished or was_finished, finished and not was_finished)


async def answers_of(db: Database, user_id: int, day: str) -> dict[str, Answer]:
    """A participant's answers of one day, by question id."""
    rows = await db.fetchall(
        "SELECT * FROM reflection_answers WHERE user_id = ? AND day = ?", (user_id, day)
    )
    return {r["question_id"]: _answer(r) for r in rows}


async def journal_answers(db: Database, user_id: int) -> list[Answer]:
    """Every answer of a participant, by day (their journal)."""
    rows = await db.fetchall(
        "SELECT * FROM reflection_answers WHERE user_id = ? ORDER BY day, answered_at",
        (user_id,),
    )
    return [_answer(r) for r in rows]


async def finished_users(db: Database, day: str) -> set[int]:
    """Participants who have answered every question of a day."""
    rows = await db.fetchall(
        "SELECT user_id FROM reflections WHERE day = ? AND finished_at IS NOT NULL", (day,)
    )
    return {int(r[0]) for r in rows}


async def started_users(db: Database, day: str) -> set[int]:
    """Participants who have given at least one answer of a day."""
    rows = await db.fetchall(
        "SELECT DISTINCT user_id FROM reflection_answers WHERE day = ?", (day,)
    )
    return {int(r[0]) for r in rows}


async def answers_on_day(db: Database, day: str) -> list[Answer]:
    """Every answer of a day, by participant (figures such as /rekap are computed on these)."""
    rows = await db.fetchall(
        "SELECT * FROM reflection_answers WHERE day = ? ORDER BY user_id, question_id", (day,)
    )
    return [_answer(r) for r in rows]


async def day_rows(db: Database) -> list[tuple[int, str, bool, dict[str, str]]]:
    """(user_id, day, finished, {question id: answer}) for every reflection: one row per
    participant per day, as an export shows them."""
    heads = await db.fetchall(
        "SELECT user_id, day, finished_at FROM reflections ORDER BY day, user_id"
    )
    rows = await db.fetchall("SELECT user_id, day, question_id, value FROM reflection_answers")
    values: dict[tuple[int, str], dict[str, str]] = {}
    for r in rows:
        values.setdefault((r[0], r[1]), {})[r[2]] = r[3]
    return [(int(h[0]), str(h[1]), h[2] is not None, values.get((h[0], h[1]), {})) for h in heads]
