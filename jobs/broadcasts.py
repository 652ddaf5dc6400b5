"""Starts scheduled announcements on time and keeps each organiser's progress message up to
date, ending it as the delivery report. The sending itself is the outbox's."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot.broadcasts import begin_due, progress_text
from bot.chunks import cut_html
from bot.clock import Clock
from bot.markup import markup
from bot.texts import t
from db import Database
from db.announcements import (
    Announcement,
    Figures,
    figures,
    mark_reported,
    open_deliveries,
    set_progress_message,
    unreached,
)
from jobs.outbox import OutboxWorker

__all__ = ["EDIT_INTERVAL", "BroadcastRunner"]

log = logging.getLogger(__name__)

# The progress message is edited no more often than this (seconds), the final report too.
EDIT_INTERVAL = 3.0
# How often scheduled announcements and progress are looked at (real seconds).
TICK = 1.0


class BroadcastRunner:
    """One task: scheduled announcements begin when the event clock reaches their time;
    running ones get their progress message edited; finished ones their report."""

    def __init__(
        self,
        bot: ExtBot[dict[str, Any]],
        db: Database,
        clock: Clock,
        *,
        outbox: OutboxWorker | None = None,
        edit_interval: float = EDIT_INTERVAL,
    ) -> None:
        self._bot = bot
        self._db = db
        self._clock = clock
        self._outbox = outbox
        self._edit_interval = edit_interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._last_edit: dict[int, float] = {}  # announcement -> monotonic time of last edit
        self._shown: dict[int, Figures] = {}  # announcement -> figures last shown

    def wake(self) -> None:
        """Look now (an announcement was started or stopped)."""
        self._wake.set()

    async def start(self) -> None:
        """Start the loop (deliveries a restart interrupted are picked up again)."""
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="broadcasts")

    async def stop(self) -> None:
        """Stop the loop."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("broadcast pass failed")
            self._wake.clear()
            waiter = asyncio.ensure_future(self._wake.wait())
            try:  # not asyncio.wait_for: see OutboxWorker._sleep (gh-86296)
                await asyncio.wait({waiter}, timeout=TICK)
            finally:
                waiter.cancel()

    async def tick(self) -> None:
        """One pass: begin what is due, then bring every progress message up to date."""
        started = await begin_due(self._db, self._clock)
        for s in started:
            log.info("scheduled announcement %d started for %d recipients", s.id, s.recipients)
        if started and self._outbox is not None:
            self._outbox.wake()
        for announcement in await open_deliveries(self._db):
            await self._update(announcement)

    async def _update(self, announcement: Announcement) -> None:
        now = self._clock.monotonic()
        if now - self._last_edit.get(announcement.id, -1e9) < self._edit_interval:
            return
        shown = await figures(self._db, announcement)
        final = shown.finished
        if not final and self._shown.get(announcement.id) == shown:
            return
        names = await unreached(self._db, announcement.id) if final else []
        lang = announcement.lang
        text = cut_html(progress_text(lang, announcement, shown, names, final=final))
        keyboard = None if final else [[(t(lang, "btn.bc_stop"), f"bc:stop:{announcement.id}")]]
        self._last_edit[announcement.id] = now
        try:
            if announcement.progress_message_id is None:
                sent = await self._bot.send_message(
                    announcement.chat_id, text, reply_markup=markup(keyboard)
                )
                await set_progress_message(self._db, announcement.id, sent.message_id)
            else:
                await self._edit(announcement, text, keyboard)
        except (Forbidden, BadRequest) as exc:  # the organiser's chat cannot take it: the
            # delivery goes on regardless and is reported in /status
            log.warning("progress of announcement %d cannot be shown: %s", announcement.id, exc)
        except (RetryAfter, NetworkError) as exc:  # passing trouble: tried again next time
            log.info("progress of announcement %d not shown: %s", announcement.id, exc)
            return
        self._shown[announcement.id] = shown
        if final:
            await mark_reported(self._db, announcement.id, at=self._clock.timestamp())
            self._shown.pop(announcement.id, None)
            log.info("announcement %d delivered: %s", announcement.id, shown)

    async def _edit(
        self, announcement: Announcement, text: str, keyboard: list[list[tuple[str, str]]] | None
    ) -> None:
        assert announcement.progress_message_id is not None
        try:
            await self._bot.edit_message_text(
                text,
                chat_id=announcement.chat_id,
                message_id=announcement.progress_message_id,
                reply_markup=markup(keyboard),
            )
        except BadRequest as exc:
            if "not modified" in exc.message:
                return
            # The message is gone (deleted by the organiser): a new one takes its place.
            log.info("progress message of %d cannot be edited: %s", announcement.id, exc.message)
            sent = await self._bot.send_message(
                announcement.chat_id, text, reply_markup=markup(keyboard)
            )
            await set_progress_message(self._db, announcement.id, sent.message_id)
