"""The one clock every piece of domain code asks for the time (SPEC §9)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

__all__ = ["Clock"]


class Clock:
    """Event time: the wall clock, or a rehearsal that starts at a chosen moment and may run faster.

    Pacing and back-off (Telegram's limits) are physical and use `monotonic()`;
    everything the event cares about (what is on, what is due) uses `now()`.
    """

    def __init__(
        self,
        *,
        start: datetime | None = None,
        speed: float = 1.0,
        real: Callable[[], float] = time.time,
    ) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("rehearsal start must be timezone-aware")
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._real = real
        self._speed = speed
        self._real0 = self._made = real()
        self._virtual0 = start.timestamp() if start is not None else self._real0

    @property
    def speed(self) -> float:
        """How many event seconds pass per real second."""
        return self._speed

    @property
    def rehearsing(self) -> bool:
        """Whether this clock is not the wall clock."""
        return self._speed != 1.0 or abs(self._virtual0 - self._real0) > 1.0

    def real_start(self, tz: tzinfo = UTC) -> datetime:
        """The wall-clock moment this clock was made (when a rehearsal began), for telling
        organisers; never for deciding what is due."""
        return datetime.fromtimestamp(self._made, tz)

    def real_now(self, tz: tzinfo = UTC) -> datetime:
        """The wall clock now, for telling organisers; never for deciding what is due."""
        return datetime.fromtimestamp(self._real(), tz)

    def timestamp(self) -> float:
        """Event time as POSIX seconds."""
        return self._virtual0 + (self._real() - self._real0) * self._speed

    def now(self, tz: tzinfo = UTC) -> datetime:
        """Event time as an aware datetime in `tz`."""
        return datetime.fromtimestamp(self.timestamp(), tz)

    def real_delay(self, when: datetime) -> float:
        """Real seconds from now until event time `when` (negative when past)."""
        return (when.timestamp() - self.timestamp()) / self._speed

    def real_when(self, when: datetime) -> datetime:
        """The wall-clock moment (UTC) at which event time reaches `when`."""
        return datetime.fromtimestamp(self._real() + self.real_delay(when), UTC)

    def jump(self, to: datetime) -> None:
        """Set event time to `to` from now on (rehearsals and tests)."""
        if to.tzinfo is None:
            raise ValueError("jump target must be timezone-aware")
        self._real0 = self._real()
        self._virtual0 = to.timestamp()

    @staticmethod
    def monotonic() -> float:
        """Physical seconds for pacing sends; unaffected by rehearsal."""
        return time.monotonic()
