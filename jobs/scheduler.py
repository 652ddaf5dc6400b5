"""The schedule: durable dispatch rows, JobQueue jobs that fire them, and their messages."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime

from telegram.ext import JobQueue

from bot.agenda import own_sessions
from bot.changes import diff_agendas, notify_changes
from bot.context import RetretContext
from bot.models import Agenda
from bot.reflections import reflection_messages
from bot.render import Keyboard, briefing, reminder
from bot.salutation import addressed
from bot.schedule import REFLECTION_KINDS, Planned, plan, planned_row
from bot.services import Services
from bot.texts import normalise_language
from db.dispatch import DispatchItem, complete, pending_items, sync_plan
from db.outbox import URGENT, NewMessage, pending_ahead
from db.participants import Participant, list_participants

__all__ = ["Scheduler", "messages_for"]

log = logging.getLogger(__name__)

JOB_PREFIX = "dispatch:"
# A safety net beside the exact jobs: picks up imports made by the CLI in another process
# and anything a job did not fire for.
SWEEP_SECONDS = 5.0


def recipients_of(planned: Planned, people: Sequence[Participant]) -> list[Participant]:
    """Who gets one planned message: their own agenda, their reminder choice."""
    active = [p for p in people if p.active]
    if planned.kind == "briefing" or planned.kind in REFLECTION_KINDS:
        return active  # a nudge's are fewer: bot.reflections.reflection_messages
    s = planned.session
    assert s is not None
    return [
        p for p in active if s.is_for(p.position, p.group) and (p.reminders or s.kind == "assembly")
    ]


def messages_for(
    agenda: Agenda,
    planned: Planned,
    people: Sequence[Participant],
    *,
    default_lang: str,
) -> list[NewMessage]:
    """The outbox rows of one planned message, one per recipient in their language.

    A reminder's "in N minutes" is not written here: the outbox fills it in when the message
    actually goes (`bot.render.at_send_time`), so one that waited in the queue is still right.
    """
    out: list[NewMessage] = []
    # A reminder reads the same for everyone of a language: rendered once per language, the
    # one text shared by all the rows (10,000 participants: 10,000 copies were about 5 MB at
    # the start of a fan-out, bench/run_all.py).
    reminders: dict[str, tuple[str, Keyboard]] = {}
    for p in recipients_of(planned, people):
        lang = normalise_language(p.language, normalise_language(default_lang))
        payload: dict[str, object]
        if planned.kind == "briefing":
            mine = own_sessions(agenda, p.position, p.group)
            name = addressed(lang, p.name, p.nip, p.salutation)
            text, keyboard = briefing(lang, agenda, mine, date.fromisoformat(planned.item), name)
            payload = {"text": text}
        else:
            assert planned.session is not None and planned.lead is not None
            if lang not in reminders:
                reminders[lang] = reminder(lang, planned.session, agenda.event.tz)
            text, keyboard = reminders[lang]
            payload = {
                "text": text,
                "lang": lang,
                "starts_at": planned.session.start_at(agenda.event.tz).timestamp(),
                "lead": planned.lead,
            }
        if keyboard:
            payload["keyboard"] = [[list(b) for b in row] for row in keyboard]
        out.append(planned_row(planned, p, payload))
    return out


def at_risk(*, ahead: int, count: int, now: float, expires: float, rate: float) -> int:
    """How many of `count` new messages, queued behind `ahead` others and sent at `rate` a
    second, are predicted to miss `expires`."""
    in_time = max(0, int((expires - now) * rate) - ahead)
    return max(0, count - in_time)


class Scheduler:
    """Keeps one JobQueue job per pending dispatch row, and turns due rows into messages."""

    def __init__(self, services: Services, job_queue: JobQueue[RetretContext]) -> None:
        self._svc = services
        self._jobs = job_queue
        self._lock = asyncio.Lock()
        self._plan: dict[str, Planned] = {}

    async def start(self) -> None:
        """Rebuild from the database (jobs do not survive restarts), catch up, start the sweep."""
        await self.resync()
        self._jobs.run_repeating(
            self._sweep,
            interval=SWEEP_SECONDS,
            first=SWEEP_SECONDS,
            name="dispatch-sweep",
            job_kwargs={"misfire_grace_time": None, "coalesce": True},
        )

    async def resync(self) -> None:
        """Match dispatch rows and jobs to the agenda in force; fire what is already due."""
        agenda = self._svc.agenda.current
        planned = plan(agenda, include_reserved=True) if agenda is not None else []
        self._plan = {p.key: p for p in planned}
        added, cancelled = await sync_plan(
            self._svc.db,
            [
                DispatchItem(p.key, p.kind, p.item, p.due.timestamp(), p.expires.timestamp())
                for p in self._plan.values()
            ],
            now=self._svc.clock.timestamp(),
        )
        if added or cancelled:
            log.info("schedule: %d items added, %d cancelled", added, cancelled)
        for job in self._jobs.jobs():
            if job.name and job.name.startswith(JOB_PREFIX):
                job.schedule_removal()
        pending = await pending_items(self._svc.db)
        now = self._svc.clock.timestamp()
        for item in pending:
            if item.due_at > now:
                self._jobs.run_once(
                    self._fire,
                    when=self._svc.clock.real_when(datetime.fromtimestamp(item.due_at, UTC)),
                    name=JOB_PREFIX + item.key,
                    data=item.key,
                    # APScheduler drops a job that is late by more than a second; we decide
                    # lateness ourselves from the item's expiry.
                    job_kwargs={"misfire_grace_time": None, "coalesce": True},
                )
        await self.run_due()

    async def _fire(self, context: RetretContext) -> None:
        """A job's time has come."""
        await self.run_due()

    async def _sweep(self, context: RetretContext) -> None:
        """Reload an agenda changed elsewhere; run anything due that no job fired for."""
        before = self._svc.agenda.current
        if await self._svc.agenda.refresh():
            log.info("agenda changed elsewhere; rescheduling")
            after = self._svc.agenda.current
            if before is not None and after is not None:
                # The importer queued notices by its own clock; ours may be a rehearsal's.
                # Notices are keyed per change and person, so nobody is told twice.
                await notify_changes(
                    self._svc.db,
                    self._svc.clock,
                    after,
                    diff_agendas(before, after),
                    version=self._svc.agenda.version,
                    default_lang=self._svc.settings.default_language,
                )
            await self.resync()
        else:
            await self.run_due()
        if self._svc.outbox is not None:
            self._svc.outbox.wake()

    async def run_due(self) -> int:
        """Queue the messages of every pending item now due (late or expired); returns how many."""
        async with self._lock:
            now = self._svc.clock.timestamp()
            due = await pending_items(self._svc.db, due_by=now)
            if not due:
                return 0
            agenda = self._svc.agenda.current
            people = await list_participants(self._svc.db, active_only=True)
            done = 0
            for item in due:
                planned = self._plan.get(item.key)
                if agenda is None or planned is None:
                    continue  # not in the agenda in force; the next resync cancels it
                expired = item.expires_at <= now
                if expired:
                    # Too late for everyone: one row says so, not one per person.
                    messages: list[NewMessage] = []
                    count = len(recipients_of(planned, people))
                    risk = 0
                else:
                    lang = self._svc.settings.default_language
                    if planned.kind in REFLECTION_KINDS:  # who and what depend on the answers
                        messages = await reflection_messages(
                            self._svc.db, agenda, planned, people, default_lang=lang
                        )
                    else:
                        messages = messages_for(agenda, planned, people, default_lang=lang)
                    count = len(messages)
                    risk = at_risk(
                        ahead=await pending_ahead(self._svc.db, priority=URGENT),
                        count=count,
                        now=now,
                        expires=item.expires_at,
                        rate=self._svc.settings.send_rate,
                    )
                status = "expired" if expired else "done"
                if await complete(
                    self._svc.db,
                    item.key,
                    status,
                    messages,
                    at=now,
                    recipients=count,
                    at_risk=risk,
                ):
                    done += 1
                    log.info(
                        "%s %s: %d messages%s",
                        planned.kind,
                        planned.item,
                        count,
                        " (expired, not sent)" if expired else "",
                    )
                    if risk:
                        log.warning(
                            "%s %s: %d of %d predicted to arrive too late (queue ahead)",
                            planned.kind,
                            planned.item,
                            risk,
                            count,
                        )
        if done and self._svc.outbox is not None:
            self._svc.outbox.wake()
        return done
