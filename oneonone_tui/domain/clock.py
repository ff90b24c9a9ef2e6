"""Injectable time: the app, the CLI and ``serve`` read every clock through a :class:`Clock`.

Which clock a run uses is decided once, at start-up, by :func:`clock_for` (the CLI passes
it the ``ONEONONE_NOW`` setting): the real one, or a :class:`PinnedClock` that starts at a
chosen moment and runs on from there, so tests and demos behave the same on any date."""

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


ENV_NOW = "ONEONONE_NOW"  # e.g. 2026-11-23T09:00 or 2026-11-23: a testing aid


class ClockError(ValueError):
    """A pinned time that cannot be read; the message says what is expected."""


class PinnedClock:
    """Wall time starts at ``start`` and runs on in real time; monotonic time is real.

    A meeting's countdown keeps moving, but "today", "now" and "overdue" are those of
    ``start`` (plus the seconds since the program began)."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._mono0 = time.monotonic()

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return (self._start + timedelta(seconds=time.monotonic() - self._mono0)).replace(
            microsecond=0
        )

    def today(self) -> date:
        return self.now().date()


def parse_now(text: str) -> datetime:
    """``2026-11-23T09:00`` (seconds optional, a space for the T) or ``2026-11-23`` (09:00)."""
    raw = text.strip()
    try:
        if len(raw) == 10:
            return datetime.combine(date.fromisoformat(raw), datetime.min.time()).replace(hour=9)
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ClockError(
            f"{ENV_NOW}={text!r} is not a date and time; use the form "
            "2026-11-23T09:00 (or 2026-11-23), or unset it for the real "
            "clock"
        ) from None
    if moment.tzinfo is not None:  # the program keeps local, naive times
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def clock_for(pinned: str | None) -> Clock:
    """The clock of this run: pinned at ``pinned`` (the ``ONEONONE_NOW`` text) or real."""
    if pinned is None or not pinned.strip():
        return SystemClock()
    return PinnedClock(parse_now(pinned))


class FakeClock:
    """A clock the tests move by hand: ``advance`` moves monotonic and wall time together."""

    def __init__(
        self, start: datetime = datetime(2026, 11, 23, 9, 0, 0), monotonic: float = 1000.0
    ) -> None:
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
