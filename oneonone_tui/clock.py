"""Injectable time: the app reads every clock through a :class:`Clock`."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...
    def now(self) -> datetime: ...
    def today(self) -> date: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return date.today()


class FakeClock:
    """A clock the tests move by hand: ``advance`` moves monotonic and wall time together."""

    def __init__(self, start: datetime = datetime(2026, 11, 23, 9, 0, 0),
                 monotonic: float = 1000.0) -> None:
        self._now = start
        self._mono = monotonic

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._now.replace(microsecond=0)

    def today(self) -> date:
        return self._now.date()

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._now += timedelta(seconds=seconds)

    def set_today(self, d: date) -> None:
        self._now = datetime.combine(d, self._now.time())
