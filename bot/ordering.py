"""Updates handled concurrently, yet each person's updates one at a time and in order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

__all__ = ["PerUserUpdateProcessor", "update_key"]

# Updates under way at once. One person's slow reply (a flood wait) holds up only their own
# later updates; everybody else's are processed beside it.
MAX_CONCURRENT = 512


def update_key(update: object) -> int | None:
    """Whose update this is: the user, else the chat; None for updates of nobody in particular."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Concurrent processing with per-user order kept (PTB's docs warn that conversations race
    under plain `concurrent_updates`).

    PTB creates one task per update in arrival order; each waits here on its person's lock,
    and asyncio locks are granted first come, first served, so a person's updates run in the
    order they arrived. A person's conversation state is therefore never read and written by
    two of their updates at once.
    """

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update's handlers once the same person's earlier updates are done."""
        key = update_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody else queued: forget the lock
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
