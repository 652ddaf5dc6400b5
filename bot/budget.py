"""The bot's whole sending budget: every message in the last second, replies and bulk alike."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

__all__ = ["SEND_ENDPOINTS", "SendBudget"]

# Bot API methods that count towards Telegram's ~30 messages a second.
SEND_ENDPOINTS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendAudio",
        "sendVideo",
        "sendVoice",
        "sendAnimation",
        "sendMediaGroup",
        "sendLocation",
        "sendContact",
        "sendPoll",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
    }
)


class SendBudget:
    """A sliding one-second window of sends. Replies only count; bulk sends wait for room,
    so a broadcast slows down for interactive answers instead of drawing 429s."""

    def __init__(self, per_second: float = 28.0, now: Callable[[], float] = time.monotonic) -> None:
        self._cap = per_second
        self._now = now
        self._times: deque[float] = deque()

    def _prune(self, now: float) -> None:
        while self._times and self._times[0] <= now - 1.0:
            self._times.popleft()

    def note(self) -> None:
        """Count one send now."""
        self._times.append(self._now())

    def load(self) -> int:
        """Sends in the last second."""
        self._prune(self._now())
        return len(self._times)

    async def wait_for_room(self) -> None:
        """Wait until one more send keeps the last second under the cap, then count it."""
        while True:
            now = self._now()
            self._prune(now)
            if len(self._times) < self._cap:
                self._times.append(now)
                return
            await asyncio.sleep(max(0.005, self._times[0] + 1.0 - now))
