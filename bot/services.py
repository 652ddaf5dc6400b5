"""What every handler and job needs, built once at start-up and reached through the context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.models import Agenda
from bot.settings import Settings
from bot.throttle import GroupThrottle
from db import Database
from db.agenda import agenda_version, load_agenda

if TYPE_CHECKING:
    from jobs.broadcasts import BroadcastRunner
    from jobs.outbox import OutboxWorker
    from jobs.scheduler import Scheduler

__all__ = ["AgendaStore", "NoAgenda", "Services"]


class NoAgenda(Exception):
    """No agenda has been imported yet."""


class AgendaStore:
    """The agenda in force, cached, reloaded when its version in the database changes."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._agenda: Agenda | None = None
        self._version = -1

    @property
    def version(self) -> int:
        """The version of the cached agenda (bumped by every change, in any process)."""
        return self._version

    @property
    def current(self) -> Agenda | None:
        """The cached agenda."""
        return self._agenda

    def require(self) -> Agenda:
        """The agenda, or NoAgenda."""
        if self._agenda is None:
            raise NoAgenda
        return self._agenda

    async def refresh(self) -> bool:
        """Reload if another writer (an import, /ubah, the CLI) changed it; True if it did."""
        version = await agenda_version(self._db)
        if version == self._version:
            return False
        self._agenda = await load_agenda(self._db)
        self._version = version
        return True


@dataclass
class Services:
    """The running bot's parts."""

    settings: Settings
    db: Database
    clock: Clock
    agenda: AgendaStore
    started_at: datetime
    started_mono: float = 0.0
    bot_username: str = ""
    outbox: OutboxWorker | None = None
    scheduler: Scheduler | None = None
    broadcasts: BroadcastRunner | None = None
    group_replies: GroupThrottle = field(default_factory=GroupThrottle)

    def local_now(self) -> datetime:
        """Event time in the event's zone."""
        agenda = self.agenda.current
        tz = agenda.event.tz if agenda is not None else None
        return self.clock.now(tz) if tz is not None else self.clock.now()

    async def agenda_changed(self) -> None:
        """Reload the agenda and move the scheduled jobs at once."""
        await self.agenda.refresh()
        if self.scheduler is not None:
            await self.scheduler.resync()
        if self.outbox is not None:
            self.outbox.wake()
