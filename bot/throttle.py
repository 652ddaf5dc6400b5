"""How often the bot may answer in a group: Telegram allows a bot 20 messages a minute there."""

from __future__ import annotations

from collections import deque

__all__ = ["GroupThrottle"]


class GroupThrottle:
    """At most one pointer to the private chat per person per `per_user` seconds, and at most
    `per_chat` answers in one group per minute; anything beyond is a deliberate silence.

    Answers that would have to wait for the group's limit are never queued: a minute-old
    "chat with me privately" helps nobody and would hold up replies everywhere.
    """

    def __init__(self, *, per_user: float = 300.0, per_chat: int = 10) -> None:
        self._per_user = per_user
        self._per_chat = per_chat
        self._last: dict[tuple[int, int], float] = {}
        self._recent: dict[int, deque[float]] = {}

    def allow(self, chat_id: int, user_id: int, now: float) -> bool:
        """Whether to answer this person in this group now (and count it if so)."""
        last = self._last.get((chat_id, user_id))
        if last is not None and now - last < self._per_user:
            return False
        recent = self._recent.setdefault(chat_id, deque())
        while recent and recent[0] <= now - 60.0:
            recent.popleft()
        if len(recent) >= self._per_chat:
            return False
        recent.append(now)
        self._last[(chat_id, user_id)] = now
        if len(self._last) > 10_000:  # forget the oldest; a pointer again is harmless
            cutoff = now - self._per_user
            self._last = {k: v for k, v in self._last.items() if v > cutoff}
        return True
