"""Retrying interactive replies after a flood wait; the outbox paces itself and opts out."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.budget import SEND_ENDPOINTS, SendBudget

__all__ = ["ReplyRateLimiter"]

log = logging.getLogger(__name__)


class ReplyRateLimiter(BaseRateLimiter[dict[str, Any]]):
    """A reply that meets 429 waits `retry_after` and tries again (twice at most).

    Unlike PTB's AIORateLimiter this never pauses the whole bot on one 429 (PTB #3689),
    so a broadcast's flood wait does not hold up everybody's answers.
    """

    def __init__(self, budget: SendBudget | None = None, max_retries: int = 2) -> None:
        self._budget = budget
        self._max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Call the API; on RetryAfter wait and retry unless the caller opted out."""
        outbox = bool(rate_limit_args and rate_limit_args.get("outbox"))
        retries = 0 if outbox else self._max_retries
        attempt = 0
        while True:
            if not outbox and self._budget is not None and endpoint in SEND_ENDPOINTS:
                self._budget.note()  # the outbox counts its own sends
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt >= retries:
                    raise
                attempt += 1
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                log.info("%s: flood wait %.1fs, retry %d", endpoint, seconds, attempt)
                await asyncio.sleep(seconds)
