"""The delivery worker: drains the outbox paced, spaced per chat, retrying what can be retried."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot

from bot.budget import SendBudget
from bot.chunks import cut_html, split_html
from bot.clock import Clock
from bot.limiter import is_group_chat, retry_seconds
from bot.markup import markup
from bot.render import at_send_time
from db import Database
from db.outbox import (
    OutboxRow,
    expire_overdue,
    mark_failed,
    mark_retry,
    mark_sending,
    mark_sent,
    mark_skipped,
    mark_uncertain,
    next_pending,
    recover_inflight,
    skip_user,
)
from db.participants import set_status

__all__ = ["CATCH_UP", "OutboxWorker"]

log = logging.getLogger(__name__)

# Telegram's limit on a caption (a message's text: bot.chunks.LIMIT).
CAPTION_LIMIT = 1024
# Telegram: about one message a second to one chat (short bursts tolerated).
PER_CHAT_INTERVAL = 1.05
# Telegram: at most 20 messages a minute to one group (the organisers' group, say).
GROUP_INTERVAL = 60.0 / 20
# Sends under way at once; also the most messages a crash can send twice (at-least-once).
MAX_IN_FLIGHT = 8
# Attempts at one message, in all: transient faults (5xx, network) are retried with back-off.
MAX_ATTEMPTS = 8
# Sends the pace may make up at once after the event loop was late (see OutboxWorker).
CATCH_UP = 4
# Rows looked at per pass. Small, so that a reminder queued in the middle of a long
# broadcast is picked up within a couple of seconds (the queue is ordered by priority).
BATCH = 64


class OutboxWorker:
    """One task that sends every queued message exactly as the rules of SPEC §8b say."""

    def __init__(
        self,
        bot: ExtBot[dict[str, Any]],
        db: Database,
        clock: Clock,
        *,
        send_rate: float,
        per_chat_interval: float = PER_CHAT_INTERVAL,
        budget: SendBudget | None = None,
        send_timeout: float | None = None,
    ) -> None:
        self._bot = bot
        self._db = db
        self._clock = clock
        # An even pace: one message every 1/send_rate seconds on average. Slots missed while the
        # loop was late are made up, CATCH_UP at once at most (a bucket of one lost them:
        # about 10 % of the rate on two busy cores); the budget still caps any second.
        self._pace = AsyncLimiter(CATCH_UP, CATCH_UP / send_rate)
        # Shared with interactive replies: bulk sending yields when they are busy.
        self._budget = budget or SendBudget()
        self._per_chat_interval = per_chat_interval
        self.backoff_base = 0.5  # seconds before the first retry; doubled each time
        self.send_timeout = send_timeout  # PTB's read timeout for a send (None: its default)
        self._wake = asyncio.Event()
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._in_flight: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._chat_ready: dict[int, float] = {}  # chat -> monotonic time it may get the next one
        self._retry_at: dict[int, float] = {}  # row id -> monotonic time of its next attempt
        self._paused_until = 0.0  # a global flood-wait from Telegram
        self._last_sent: dict[int, float] = {}
        self._runner: asyncio.Task[None] | None = None
        self._stopping = False
        # `uncertain`: sends that timed out; Telegram may have delivered them, so a retry that
        # goes through may be a duplicate (at-least-once).
        self.stats: dict[str, int] = {
            "sent": 0,
            "retry_after": 0,
            "retried": 0,
            "failed": 0,
            "uncertain": 0,
        }

    def interval(self, chat_id: int) -> float:
        """Seconds between two sends to one chat: a group allows 20 a minute, a person about
        one a second."""
        if is_group_chat(chat_id):
            return max(GROUP_INTERVAL, self._per_chat_interval)
        return self._per_chat_interval

    def wake(self) -> None:
        """Something was queued: look at the outbox now rather than at the next poll."""
        self._wake.set()

    async def start(self) -> None:
        """Put back sends a crash interrupted, then start draining."""
        self._stopping = False
        recovered = await recover_inflight(self._db, at=self._clock.timestamp())
        if recovered:
            log.warning("re-queued %d messages whose send was interrupted", recovered)
        self._runner = asyncio.create_task(self._run(), name="outbox")

    async def stop(self) -> None:
        """Stop taking new messages and let the sends under way finish."""
        if self._runner is not None:
            # The flag ends the loop even if the cancellation is lost: on Python 3.11,
            # asyncio.wait_for swallows a cancel that arrives as the event it waits for is
            # set (gh-86296), and the runner then waited for ever (seen as a hung shutdown).
            self._stopping = True
            self._wake.set()
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
            self._runner = None
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait until nothing is pending or under way (tests and the CLI)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if not self._in_flight and not await next_pending(self._db, limit=1):
                return
            await asyncio.sleep(0.05)
        raise TimeoutError("outbox did not drain")

    async def _run(self) -> None:
        while not self._stopping:
            try:
                delay = await self._pass()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox pass failed")
                delay = 1.0
            if self._stopping:
                return
            self._wake.clear()
            if delay > 0:
                await self._sleep(delay)

    async def _sleep(self, delay: float) -> None:
        """Wait `delay` seconds or until woken. Not asyncio.wait_for, whose 3.11 version can
        swallow a cancellation (gh-86296)."""
        waiter = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({waiter}, timeout=delay)
        finally:
            waiter.cancel()

    async def _pass(self) -> float:
        """Send what may be sent now; return how long to wait before the next look."""
        await expire_overdue(self._db, now=self._clock.timestamp())
        rows = await next_pending(self._db, limit=BATCH)
        if not rows:
            return 1.0
        waiting: set[int] = set()  # chats with an earlier message still waiting: keep order
        soonest = 1.0
        started = 0
        for row in rows:
            mono = self._clock.monotonic()
            if row.id in self._in_flight or row.chat_id in waiting:
                waiting.add(row.chat_id)
                continue
            not_before = max(
                self._chat_ready.get(row.chat_id, 0.0), self._retry_at.get(row.id, 0.0)
            )
            if not_before > mono:
                waiting.add(row.chat_id)
                soonest = min(soonest, not_before - mono)
                continue
            if self._paused_until > mono:
                return self._paused_until - mono
            if row.expires_at is not None and row.expires_at <= self._clock.timestamp():
                continue  # expire_overdue marks it on the next pass
            await self._slots.acquire()
            await self._pace.acquire()
            # The batch was read a while ago (each send waits its turn): a Stop, a block or
            # an expiry since then must win, so the row is claimed only if still pending.
            # Under way from before the claim, so drain() waits for it: counted only once
            # claimed, drain() could look between the claim's commit and this task's resumption
            # (or while the budget had no room) and find the row neither pending nor under way.
            self._in_flight.add(row.id)
            going = False
            try:
                if await mark_sending(self._db, row.id, at=self._clock.timestamp()):
                    await self._budget.wait_for_room()
                    going = True
            finally:
                if not going:  # not claimed (or an error): neither under way nor a slot
                    self._in_flight.discard(row.id)
                    self._slots.release()
            if not going:
                continue
            self._chat_ready[row.chat_id] = self._clock.monotonic() + self.interval(row.chat_id)
            waiting.add(row.chat_id)
            task = asyncio.create_task(self._send(row), name=f"outbox-{row.id}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            started += 1
        return 0.0 if started else min(soonest, 1.0)

    async def _send(self, row: OutboxRow) -> None:
        try:
            await self._deliver(row)
        finally:
            self._in_flight.discard(row.id)
            self._slots.release()

    async def _deliver(self, row: OutboxRow) -> None:
        now = self._clock.timestamp
        self._retry_at.pop(row.id, None)  # this attempt uses it up; a retry sets a new one
        attempt = row.attempts + 1  # mark_sending counted this one in the database
        if not row.payload:  # wiped meanwhile: its person's data deleted (/hapusdata, purge)
            await mark_skipped(self._db, row.id, reason="removed", at=now())
            return
        try:
            message = await self._call(row.chat_id, row.payload)
        except RetryAfter as exc:
            wait = retry_seconds(exc.retry_after)
            mono = self._clock.monotonic()
            self.stats["retry_after"] += 1
            self._chat_ready[row.chat_id] = mono + wait
            # A flood-wait on a chat we have not written to for a second cannot be that chat's
            # own limit: the whole bot is over its rate, so everyone waits.
            if mono - self._last_sent.get(row.chat_id, -1e9) > self.interval(row.chat_id):
                self._paused_until = max(self._paused_until, mono + wait)
            log.info("flood wait %.1fs (chat %d)", wait, row.chat_id)
            await mark_retry(self._db, row.id, error=f"retry_after {wait:g}s", at=now())
        except Forbidden as exc:
            log.info("participant %s blocked the bot", row.user_id)
            await mark_failed(self._db, row.id, error=f"forbidden: {exc.message}", at=now())
            self.stats["failed"] += 1
            if row.user_id is not None:
                await set_status(self._db, row.user_id, "inactive")
                await skip_user(self._db, row.user_id, reason="blocked", at=now())
        except BadRequest as exc:
            # Permanent: the message itself or the chat is wrong; retrying cannot help.
            log.error("outbox message %d refused: %s", row.id, exc.message)
            await mark_failed(self._db, row.id, error=f"bad request: {exc.message}", at=now())
            self.stats["failed"] += 1
        except NetworkError as exc:  # 5xx, time-outs, connection faults
            timed_out = isinstance(exc, TimedOut)
            if timed_out:
                # The request went out; Telegram may have delivered it and only the answer
                # was lost. Retried all the same (a reminder must arrive), but counted.
                self.stats["uncertain"] += 1
            if attempt >= MAX_ATTEMPTS:
                await mark_failed(self._db, row.id, error=f"network: {exc.message}", at=now())
                self.stats["failed"] += 1
                return
            backoff = min(60.0, self.backoff_base * 2 ** (attempt - 1))
            self._retry_at[row.id] = self._clock.monotonic() + backoff
            self.stats["retried"] += 1
            error = f"network: {exc.message}"
            if timed_out:
                await mark_uncertain(self._db, row.id, error=error, at=now())
            else:
                await mark_retry(self._db, row.id, error=error, at=now())
        else:
            self._last_sent[row.chat_id] = self._clock.monotonic()
            await mark_sent(self._db, row.id, message_id=message, at=now())
            self.stats["sent"] += 1
        finally:
            self.wake()

    async def _call(self, chat_id: int, payload: dict[str, Any]) -> int:
        """Send one stored payload as it should read now; returns Telegram's message id (of
        the last part, when a long text goes in several)."""
        # Outbox sends handle flood waits themselves; the reply limiter must not retry them.
        limiter_args = {"outbox": True}
        text = at_send_time(payload, self._clock.timestamp()) if "text" in payload else None
        # An explicit read_timeout=None would mean "wait for ever": pass it only when set.
        timeout: dict[str, Any] = (
            {"read_timeout": self.send_timeout} if self.send_timeout is not None else {}
        )
        caption = cut_html(text, CAPTION_LIMIT) if text else None
        if payload.get("photo_id") is not None:  # an announcement's photo, by file_id
            msg = await self._bot.send_photo(
                chat_id,
                photo=payload["photo_id"],
                caption=caption,
                parse_mode=ParseMode.HTML,
                rate_limit_args=limiter_args,
                **timeout,
            )
        elif payload.get("document_id") is not None:  # an announcement's document, by file_id
            msg = await self._bot.send_document(
                chat_id,
                document=payload["document_id"],
                caption=caption,
                parse_mode=ParseMode.HTML,
                rate_limit_args=limiter_args,
                **timeout,
            )
        elif payload.get("document") is not None:
            msg = await self._bot.send_document(
                chat_id,
                document=bytes.fromhex(payload["document"]),
                filename=payload.get("filename"),
                caption=cut_html(text, CAPTION_LIMIT) if text is not None else None,
                parse_mode=ParseMode.HTML,
                rate_limit_args=limiter_args,
                **timeout,
            )
        else:
            assert text is not None
            # A text over Telegram's limit (a briefing of a 60-session day) goes in parts,
            # the buttons with the last. A retry after a fault resends every part.
            parts = split_html(text) or [text]
            for part in parts[:-1]:
                await self._bot.send_message(
                    chat_id,
                    part,
                    parse_mode=ParseMode.HTML,
                    rate_limit_args=limiter_args,
                    **timeout,
                )
            msg = await self._bot.send_message(
                chat_id,
                parts[-1],
                parse_mode=ParseMode.HTML,
                reply_markup=markup(payload.get("keyboard")),
                rate_limit_args=limiter_args,
                **timeout,
            )
        return msg.message_id
