"""Limits on guessing: per account and purpose, a few attempts per window, then a wait.

Guessing NIPs reveals people's names, positions and units, and guessing a check-in code
records a false attendance; both are limited the same way (issue 6, items 15 and 16):

- an account may spend at most `LIMIT` attempts per purpose (and scope: the session of a
  check-in code) in any `WINDOW` of event time;
- a failure spends one (a NIP malformed, not on the roster or bound to another account, a
  wrong invite code, a wrong check-in code), and so does every *new* roster identity shown
  for confirmation: a successful lookup reveals a person's data, so a run of correct guesses
  is capped too, while one's own NIP typed again is free;
- once spent, nothing is looked up until the oldest counted attempt leaves the window; the
  person is told that time, rounded up to the minute so that it is never too early;
- the first time an account is held in a window, the caller is asked to tell the organisers.

Everything is kept in SQLite, so a restart does not reset it, and time is the bot's Clock.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from db import Database
from db.attempts import add_attempt, add_report_once, add_revealed_once, recent_attempts

__all__ = [
    "LIMIT",
    "WINDOW",
    "Lockout",
    "Purpose",
    "TooManyAttempts",
    "failed",
    "guard",
    "lockout",
    "revealed",
]

LIMIT = 5
WINDOW = 15 * 60  # seconds of event time

Purpose = Literal["nip", "checkin_code"]


@dataclass(frozen=True)
class Lockout:
    """An account that has spent its attempts: until when, and what it tried (masked)."""

    user_id: int
    purpose: Purpose
    scope: str
    until: datetime
    count: int
    tried: tuple[str, ...]
    report: bool  # True the first time in a window: tell the organisers


class TooManyAttempts(Exception):
    """The account has spent its attempts; nothing was looked up."""

    def __init__(self, held: Lockout) -> None:
        super().__init__("too many attempts")
        self.lockout = held


def _spent(attempts: list[float]) -> datetime | None:
    """When an account with attempts at these times may try again, or None if it may now."""
    if len(attempts) < LIMIT:
        return None
    # The attempt that must leave the window so that fewer than LIMIT remain.
    free_at = sorted(attempts)[len(attempts) - LIMIT] + WINDOW
    return datetime.fromtimestamp(math.ceil(free_at / 60) * 60, UTC)


async def lockout(
    db: Database, user_id: int, purpose: Purpose, *, scope: str = "", at: float
) -> Lockout | None:
    """The hold on this account, if its attempts are spent; the first ask in a window reports."""
    since = at - WINDOW
    recent = await recent_attempts(db, user_id, purpose, scope, since=since)
    counted = [a for a in recent if a.kind in ("failed", "revealed")]
    until = _spent([a.at for a in counted])
    if until is None:
        return None
    report = await add_report_once(db, user_id, purpose, scope, at=at, since=since)
    return Lockout(
        user_id=user_id,
        purpose=purpose,
        scope=scope,
        until=until,
        count=len(counted),
        tried=tuple(dict.fromkeys(a.detail for a in counted if a.detail)),
        report=report,
    )


async def guard(
    db: Database, user_id: int, purpose: Purpose, *, scope: str = "", at: float
) -> None:
    """Raise TooManyAttempts when the account must wait; call before looking anything up."""
    held = await lockout(db, user_id, purpose, scope=scope, at=at)
    if held is not None:
        raise TooManyAttempts(held)


async def failed(
    db: Database, user_id: int, purpose: Purpose, *, scope: str = "", detail: str = "", at: float
) -> None:
    """Count a failed attempt; `detail` is a masked NIP (never a whole one) or empty."""
    await add_attempt(
        db, user_id, purpose, scope, "failed", detail=detail, at=at, forget_before=at - WINDOW
    )


async def revealed(
    db: Database,
    user_id: int,
    purpose: Purpose,
    identity: str,
    *,
    scope: str = "",
    detail: str = "",
    at: float,
) -> bool:
    """Count an identity shown to the account, once per window; True if it was new."""
    subject = hashlib.sha256(identity.encode()).hexdigest()
    return await add_revealed_once(
        db, user_id, purpose, scope, subject, detail=detail, at=at, since=at - WINDOW
    )
