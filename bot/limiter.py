"""Retrying interactive replies after a flood wait that holds back only the chat it concerns;
the outbox paces itself and opts out."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.budget import SEND_ENDPOINTS, SendBudget

__all__ = ["MAX_IN_FLIGHT", "ReplyRateLimiter", "is_group_chat", "retry_seconds"]

log = logging.getLogger(__name__)

# Bot API requests on their way at once (replies and the outbox alike); the rest wait their
# turn here, first come first served. Hundreds at once (a burst of updates handled
# concurrently) made httpcore's connection pool rescan every waiting request on each change,
# which cost more than the replies themselves, and a request left waiting for a connection
# past PTB's pool timeout failed. 16 carry far more than Telegram's 30 a second.
MAX_IN_FLIGHT = 16

# The Bot API's answers, as PTB's BaseRateLimiter types them.
Answer = bool | dict[str, Any] | list[dict[str, Any]]


def is_group_chat(chat_id: object) -> bool:
    """Groups, supergroups and channels have negative ids; private chats positive ones."""
    return isinstance(chat_id, int) and chat_id < 0


def retry_seconds(value: float | timedelta) -> float:
    """A RetryAfter's wait in seconds (a timedelta with PTB_TIMEDELTA=1, else a number)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class ReplyRateLimiter(BaseRateLimiter[dict[str, Any]]):
    """A reply that meets 429 waits `retry_after` and tries again (twice at most).

    Unlike PTB's AIORateLimiter this never pauses the whole bot on one 429 (PTB #3689): the
    wait holds back only requests to the chat that drew it. Replies to a group are never
    retried: a group's limit (20 a minute) means waits of tens of seconds, and a late answer
    in a group helps nobody; the caller gets RetryAfter at once and stays silent.
    """

    def __init__(
        self,
        budget: SendBudget | None = None,
        max_retries: int = 2,
        now: Callable[[], float] = time.monotonic,
        max_in_flight: int = MAX_IN_FLIGHT,
    ) -> None:
        self._budget = budget
        self._in_flight = asyncio.Semaphore(max_in_flight)
        self._max_retries = max_retries
        self._now = now
        self._held: dict[int, float] = {}  # chat -> monotonic time its flood wait ends

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def held_for(self, chat_id: int) -> float:
        """Seconds a chat's flood wait still runs (0 when none)."""
        until = self._held.get(chat_id)
        if until is None:
            return 0.0
        left = until - self._now()
        if left <= 0:
            del self._held[chat_id]
            return 0.0
        return left

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Answer]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> Answer:
        """Call the API; a chat in a flood wait waits it out first (groups: fail at once)."""
        outbox = bool(rate_limit_args and rate_limit_args.get("outbox"))
        chat_id = data.get("chat_id")
        group = is_group_chat(chat_id)
        retries = 0 if outbox or group else self._max_retries
        attempt = 0
        while True:
            if isinstance(chat_id, int) and not outbox:
                left = self.held_for(chat_id)
                if left > 0:
                    if group:
                        raise RetryAfter(timedelta(seconds=max(1, round(left))))
                    await asyncio.sleep(left)
            if not outbox and self._budget is not None and endpoint in SEND_ENDPOINTS:
                # Replies keep the whole bot under Telegram's ~30/s too (the outbox counts
                # its own sends): fifty people at once wait a moment rather than draw 429s.
                await self._budget.wait_for_room()
            try:
                async with self._in_flight:  # flood waits above are slept outside it
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = retry_seconds(exc.retry_after)
                if isinstance(chat_id, int):
                    self._held[chat_id] = max(self._held.get(chat_id, 0.0), self._now() + seconds)
                if attempt >= retries:
                    raise
                attempt += 1
                log.info("%s: flood wait %.1fs, retry %d", endpoint, seconds, attempt)
