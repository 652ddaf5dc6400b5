"""Per-user conversation state, kept in SQLite so it survives a restart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from db.database import Database

__all__ = ["Conversation", "clear_conversation", "get_conversation", "set_conversation"]


@dataclass(frozen=True)
class Conversation:
    """Where a user is in a multi-step flow."""

    flow: str
    state: str
    data: dict[str, Any]
    updated_at: float


async def get_conversation(db: Database, user_id: int) -> Conversation | None:
    """The user's open conversation, if any."""
    row = await db.fetchone("SELECT * FROM conversations WHERE user_id = ?", (user_id,))
    if row is None:
        return None
    return Conversation(row["flow"], row["state"], json.loads(row["data_json"]), row["updated_at"])


async def set_conversation(
    db: Database, user_id: int, flow: str, state: str, data: dict[str, Any], *, at: float
) -> None:
    """Open or advance a conversation."""
    await db.execute(
        "INSERT INTO conversations (user_id, flow, state, data_json, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET flow = excluded.flow,"
        " state = excluded.state, data_json = excluded.data_json, updated_at = excluded.updated_at",
        (user_id, flow, state, json.dumps(data), at),
    )


async def clear_conversation(db: Database, user_id: int) -> bool:
    """Close the user's conversation; True if there was one."""
    return await db.execute("DELETE FROM conversations WHERE user_id = ?", (user_id,)) > 0
