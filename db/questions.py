"""Participants' questions to the organisers, and the answers (issue 8, item 3)."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from db.database import Database

__all__ = [
    "Question",
    "add_question",
    "claim_answer",
    "get_question",
    "list_open",
    "open_of_user",
    "question_of_message",
]


@dataclass(frozen=True)
class Question:
    """A question as stored; `answer` and the answerer once answered."""

    id: int
    user_id: int
    text: str
    asked_at: float
    status: str
    answer: str | None
    answered_by: int | None
    answerer_name: str | None
    answered_at: float | None

    @property
    def answered(self) -> bool:
        """Whether an organiser has answered it."""
        return self.status == "answered"


def _question(row: aiosqlite.Row) -> Question:
    return Question(
        id=row["id"],
        user_id=row["user_id"],
        text=row["text"],
        asked_at=row["asked_at"],
        status=row["status"],
        answer=row["answer"],
        answered_by=row["answered_by"],
        answerer_name=row["answerer_name"],
        answered_at=row["answered_at"],
    )


# The highest question number given so far, its question deleted or not: the organisers'
# copies of a question (outbox purpose 'question', item = number) outlive it.
_HIGHEST = (
    "MAX((SELECT COALESCE(MAX(id), 0) FROM questions),"
    " (SELECT COALESCE(MAX(CAST(item AS INTEGER)), 0) FROM outbox"
    "  WHERE purpose IN ('question', 'answer', 'answered')))"
)


async def highest_number(db: Database) -> int:
    """The highest question number given so far (0 before the first question)."""
    row = await db.fetchone(f"SELECT {_HIGHEST}")
    return int(row[0]) if row else 0


async def add_question(db: Database, user_id: int, text: str, *, at: float) -> Question:
    """Store a new open question; returns it with its number.

    A number is never given twice: not after its question was deleted (/hapusdata, purge)
    either, while the organisers' copy of that question (outbox purpose 'question', item =
    number) is still on record. Reused, "#1" in the organisers' chat would name two people,
    a reply to the old message would answer the new asker, and the new copy's outbox key
    (question:<n>:<chat>) would collide with the old one's, so it would never be sent."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"INSERT INTO questions (id, user_id, text, asked_at) VALUES (1 + {_HIGHEST}, ?, ?, ?)",
            (user_id, text, at),
        )
        question_id = cursor.lastrowid
    found = await get_question(db, int(question_id or 0))
    assert found is not None
    return found


async def get_question(db: Database, question_id: int) -> Question | None:
    """A question by number."""
    row = await db.fetchone("SELECT * FROM questions WHERE id = ?", (question_id,))
    return _question(row) if row else None


async def open_of_user(db: Database, user_id: int) -> list[Question]:
    """A participant's questions not answered yet, oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM questions WHERE user_id = ? AND status = 'open' ORDER BY id", (user_id,)
    )
    return [_question(r) for r in rows]


async def list_open(db: Database, *, limit: int) -> tuple[list[Question], int]:
    """The oldest `limit` open questions, and how many are open in all."""
    rows = await db.fetchall(
        "SELECT * FROM questions WHERE status = 'open' ORDER BY id LIMIT ?", (limit,)
    )
    total = await db.fetchone("SELECT COUNT(*) FROM questions WHERE status = 'open'")
    return [_question(r) for r in rows], int(total[0]) if total else 0


async def claim_answer(
    db: Database, question_id: int, *, answer: str, by: int, by_name: str, at: float
) -> bool:
    """Record the answer if the question is still open; False when someone answered first
    (or there is no such question)."""
    changed = await db.execute(
        "UPDATE questions SET status = 'answered', answer = ?, answered_by = ?,"
        " answerer_name = ?, answered_at = ? WHERE id = ? AND status = 'open'",
        (answer, by, by_name, at, question_id),
    )
    return changed > 0


async def question_of_message(db: Database, chat_id: int, message_id: int) -> int | None:
    """The number of the question a bot message in an organisers' chat carried, if it did."""
    row = await db.fetchone(
        "SELECT item FROM outbox WHERE purpose = 'question' AND chat_id = ? AND message_id = ?"
        " ORDER BY id DESC LIMIT 1",
        (chat_id, message_id),
    )
    if row is None or not str(row[0]).isdigit():
        return None
    return int(row[0])
