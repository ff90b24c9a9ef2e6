"""The meeting's section timer: a pure state machine driven by a :class:`Clock`.

Time accrues only to the current section and only while running: paused time
counts nowhere.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from oneonone_tui.domain.clock import Clock

WARNING_FRACTION = 0.2
ON_TIMEOUT = ("warn", "advance")


@dataclass(frozen=True)
class SectionPlan:
    key: str
    title: str
    planned_seconds: int
    on_timeout: str = "warn"  # warn | advance

    def __post_init__(self) -> None:
        if self.on_timeout not in ON_TIMEOUT:
            raise ValueError(f"on_timeout must be warn or advance, not {self.on_timeout!r}")
        if self.planned_seconds < 0:
            raise ValueError(f"planned_seconds must not be negative ({self.planned_seconds})")


class TickResult(enum.Enum):
    """What :meth:`MeetingTimer.tick` did."""

    NONE = "none"
    ADVANCED = "advanced"
    LAST_TIMED_OUT = "last_timed_out"


class MeetingTimer:
    """Per-section elapsed time, banked on every pause or section change."""

    def __init__(
        self,
        sections: Sequence[SectionPlan],
        clock: Clock,
        *,
        elapsed: Sequence[float] | None = None,
        extra: Sequence[int] | None = None,
        current: int = 0,
        visited: Iterable[int] = (),
        running: bool = False,
    ) -> None:
        if not sections:
            raise ValueError("a meeting needs at least one section")
        self.sections = tuple(sections)
        self._clock = clock
        n = len(self.sections)
        self._banked = [float(e) for e in elapsed] if elapsed is not None else [0.0] * n
        self._extra = [int(x) for x in extra] if extra is not None else [0] * n
        if len(self._banked) != n or len(self._extra) != n:
            raise ValueError("elapsed and extra need one value per section")
        self._check(current)
        self._current = current
        self._visited = {i for i in visited if 0 <= i < n}
        self._run_started: float | None = None
        self._timed_out_reported = False
        if running:
            self.start()

    # -- state --------------------------------------------------------------
    @property
    def current(self) -> int:
        return self._current

    @property
    def running(self) -> bool:
        return self._run_started is not None

    @property
    def visited(self) -> frozenset[int]:
        return frozenset(self._visited)

    def _check(self, i: int) -> None:
        if not 0 <= i < len(self.sections):
            raise ValueError(f"section {i + 1} does not exist (1-{len(self.sections)})")

    def _bank(self) -> None:
        if self._run_started is not None:
            now = self._clock.monotonic()
            self._banked[self._current] += max(0.0, now - self._run_started)
            self._run_started = now

    # -- control ------------------------------------------------------------
    def start(self) -> None:
        """Start or resume the clock on the current section."""
        self._visited.add(self._current)
        if self._run_started is None:
            self._run_started = self._clock.monotonic()

    def pause(self) -> None:
        """Stop the clock; paused time counts nowhere."""
        self._bank()
        self._run_started = None

    def toggle_pause(self) -> bool:
        """Pause or resume; True if now running."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def go_to(self, i: int) -> None:
        """Bank the live time into the old section and switch, keeping the running state."""
        self._check(i)
        self._bank()
        if i != self._current:
            self._timed_out_reported = False
        self._current = i
        self._visited.add(i)

    def next(self) -> bool:
        """Move to the next section; False (no-op) at the last."""
        if self.is_last():
            return False
        self.go_to(self._current + 1)
        return True

    def previous(self) -> bool:
        """Move to the previous section; False (no-op) at the first."""
        if self._current == 0:
            return False
        self.go_to(self._current - 1)
        return True

    def add_minute(self, i: int | None = None) -> None:
        """Give the current section (or section ``i``) one more minute."""
        idx = self._current if i is None else i
        self._check(idx)
        self._extra[idx] += 60

    def is_last(self) -> bool:
        return self._current == len(self.sections) - 1

    # -- reading ------------------------------------------------------------
    def elapsed(self, i: int) -> float:
        """Seconds spent in section ``i``, including the live run of the current one."""
        self._check(i)
        value = self._banked[i]
        if i == self._current and self._run_started is not None:
            value += max(0.0, self._clock.monotonic() - self._run_started)
        return value

    def extra(self, i: int) -> int:
        self._check(i)
        return self._extra[i]

    def planned(self, i: int) -> int:
        """Planned seconds plus the minutes added."""
        self._check(i)
        return self.sections[i].planned_seconds + self._extra[i]

    def remaining(self, i: int | None = None) -> float:
        """Planned minus elapsed; negative once overrun."""
        idx = self._current if i is None else i
        return self.planned(idx) - self.elapsed(idx)

    def state(self, i: int | None = None) -> str:
        """``ok``, ``warning`` (within the last 20% of the plan) or ``overrun``."""
        idx = self._current if i is None else i
        left = self.remaining(idx)
        if left < 0:
            return "overrun"
        if left <= WARNING_FRACTION * self.planned(idx):
            return "warning"
        return "ok"

    def status(self, i: int) -> str:
        """``current``, ``done`` (visited earlier) or ``upcoming``."""
        self._check(i)
        if i == self._current:
            return "current"
        return "done" if i in self._visited else "upcoming"

    def total_planned(self) -> int:
        """The meeting's promise: planned seconds without the minutes added."""
        return sum(s.planned_seconds for s in self.sections)

    def total_elapsed(self) -> float:
        return sum(self.elapsed(i) for i in range(len(self.sections)))

    def tick(self) -> TickResult:
        """Apply ``on_timeout: advance`` once the current section's time is up."""
        if not self.running or self.remaining() > 0:
            return TickResult.NONE
        if self.sections[self._current].on_timeout != "advance":
            return TickResult.NONE
        if self.next():
            return TickResult.ADVANCED
        if self._timed_out_reported:
            return TickResult.NONE
        self._timed_out_reported = True
        return TickResult.LAST_TIMED_OUT

    def snapshot(self) -> list[tuple[float, int]]:
        """``[(elapsed, extra)]`` per section, for persistence."""
        return [(self.elapsed(i), self._extra[i]) for i in range(len(self.sections))]


def format_countdown(remaining: float) -> str:
    """``4:00`` counting down (whole seconds rounded up); ``+1:05`` once overrun."""
    if remaining >= 0:
        secs = math.ceil(remaining - 1e-9)
        return f"{secs // 60}:{secs % 60:02d}"
    secs = math.floor(-remaining + 1e-9)
    return f"+{secs // 60}:{secs % 60:02d}"


def format_duration(seconds: float) -> str:
    """``M:SS`` rounded to the nearest second, for time-taken columns."""
    secs = max(0, math.floor(seconds + 0.5))
    return f"{secs // 60}:{secs % 60:02d}"
