"""The demo reps' targets, as :mod:`oneonone_tui.store.numbers` stores them: a starting
target per metric at hire, then changes with their reasons (end of the ramp-up, a new
fiscal year's quota by last year's attainment, territory changes, leading indicators
adjusted), most of them made in a meeting that shows the metric."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from oneonone_tui.demo.numbers import STOCK, round_value
from oneonone_tui.demo.plan_words import (
    LOWER_REASONS,
    RAISE_REASONS,
    REGIONS,
    TERRITORY_REASONS,
)
from oneonone_tui.demo.rows import RowMaker
from oneonone_tui.demo.team import working_day
from oneonone_tui.domain.metrics import period_start

if TYPE_CHECKING:
    from oneonone_tui.demo.team import SimRep

Change = tuple[str, float, str, bool]  # metric, new target, reason, made in a meeting


class Targets(RowMaker):
    """Plans each rep's target changes at hire and records them when they are made."""

    def plan(self, rep: SimRep, territory: list[tuple[dt.date, float]]) -> None:
        """The starting targets (recorded at hire), then the changes over the years, each
        with its reason: end of the ramp-up, a new fiscal year's quota (by last year's
        attainment), territory changes, the cookbook's leading indicators adjusted to what
        the rep really does. Most are made in a meeting (see :meth:`record_due`)."""
        rng = self.rng
        hired = rep.hired
        current: dict[str, float] = {}
        for i, (key, m) in enumerate(self.metrics.items()):
            if m.kind == "lagging":
                value = round_value(m, m.target * 0.5)
                reason = "starting target: half quota while ramping up"
            else:
                value, reason = m.target, "starting target"
            current[key] = value
            self._line(rep, key, hired.date(), value)
            self.record(rep, key, value, reason, hired + dt.timedelta(minutes=3, seconds=15 * i))

        ramp_end = working_day(hired.date() + dt.timedelta(days=rng.randint(88, 110)))
        events: list[tuple[dt.date, int, str, float]] = [(ramp_end, 0, "ramp", 0.0)]
        events += [(working_day(day), 1, "territory", change) for day, change in territory]
        for year in range(hired.year + 1, self.today.year + 1):
            day = working_day(dt.date(year, 1, 2) + dt.timedelta(days=rng.randint(0, 6)))
            if day > ramp_end + dt.timedelta(days=30):
                events.append((day, 2, "year", float(year)))
        day = ramp_end + dt.timedelta(days=45)
        while day < self.today:
            shifted = working_day(day + dt.timedelta(days=rng.randint(0, 20)))
            events.append((shifted, 3, "review", 0))
            day += dt.timedelta(days=91)
        events.sort()
        lagging = [k for k, m in self.metrics.items() if m.kind == "lagging"]
        changed: dict[str, dt.date] = {}
        for day, _order, kind, arg in events:
            if day >= self.today:
                continue
            changes: list[Change] = []
            if kind == "ramp":
                quota = min(1.35, max(0.75, 0.5 * rep.talent + 0.5 * rng.gauss(1.0, 0.1)))
                changes = [
                    (
                        k,
                        self.metrics[k].target * quota,
                        "ramp-up finished: full quota for the territory",
                        rng.random() < 0.85,
                    )
                    for k in lagging
                ]
            elif kind == "territory":
                reason = rng.choice(TERRITORY_REASONS[arg > 1]).format(
                    n=rng.randint(3, 12), region=rng.choice(REGIONS)
                )
                meeting = rng.random() < 0.4
                changes = [(k, current[k] * arg, reason, meeting) for k in lagging]
            elif kind == "year":
                changes = self._new_year(rep, int(arg), lagging, current)
            else:
                changes = self._review(rep, day, current)
            for key, value, reason, meeting in changes:
                value = round_value(self.metrics[key], value)
                if value == current[key] or (day - changed.get(key, dt.date.min)).days < 45:
                    continue
                current[key], changed[key] = value, day
                self._line(rep, key, day, value)
                at = dt.datetime.combine(
                    day, dt.time(rng.randint(9, 17), rng.randint(0, 59), rng.randint(0, 59))
                )
                rep.pending.append((day, at, key, value, reason, meeting))
        rep.pending.sort(key=lambda item: item[1])

    def _new_year(
        self, rep: SimRep, year: int, lagging: list[str], current: dict[str, float]
    ) -> list[Change]:
        rng = self.rng
        flows = [k for k in lagging if STOCK not in k]
        pct, attained = rng.randint(4, 8), None
        if flows:
            months = [dt.date(year - 1, n, 1) for n in range(1, 13)]
            done = [
                (rep.values[(flows[0], m)], self.at(rep, flows[0], m))
                for m in months
                if (flows[0], m) in rep.values and m >= rep.hired.date()
            ]
            if len(done) >= 6 and sum(t for _v, t in done):
                attained = sum(v for v, _t in done) / sum(t for _v, t in done)
                pct = (
                    rng.randint(8, 12)
                    if attained >= 1.1
                    else rng.randint(4, 7)
                    if attained >= 0.95
                    else rng.randint(1, 3)
                    if attained >= 0.8
                    else 0
                )
        meeting = rng.random() < 0.6
        quota = f"new fiscal year: quota up {pct}%" + (
            f" (last year at {attained:.0%} of quota)" if attained is not None else ""
        )
        return [
            (
                k,
                current[k] * (1 + pct / 100),
                quota if STOCK not in k else f"new fiscal year: up {pct}% with the quota",
                meeting,
            )
            for k in lagging
        ]

    def _review(self, rep: SimRep, day: dt.date, current: dict[str, float]) -> list[Change]:
        """The quarterly look at the cookbook: a leading indicator far from its target."""
        rng = self.rng
        monday = period_start("week", day)
        out = []
        for key, m in self.metrics.items():
            if m.kind != "leading" or m.period != "week":
                continue
            recent = [
                rep.values[(key, w)]
                for w in (monday - dt.timedelta(weeks=j) for j in range(1, 13))
                if (key, w) in rep.values
            ]
            if len(recent) < 8 or not current[key]:
                continue
            average = sum(recent) / len(recent)
            ratio = average / current[key]
            if ratio > 1.25 and rng.random() < 0.55:
                out.append(
                    (
                        key,
                        average * rng.uniform(0.9, 1.0),
                        rng.choice(RAISE_REASONS).format(n=rng.randint(6, 12)),
                        rng.random() < 0.85,
                    )
                )
            elif ratio < 0.7 and rng.random() < 0.4:
                out.append((key, average * 1.1, rng.choice(LOWER_REASONS), rng.random() < 0.85))
        return out

    @staticmethod
    def _line(rep: SimRep, key: str, day: dt.date, value: float) -> None:
        days, values = rep.target_line.setdefault(key, ([], []))
        days.append(day)
        values.append(value)

    def at(self, rep: SimRep, key: str, day: dt.date) -> float:
        """``rep``'s target for ``key`` on ``day``."""
        days, values = rep.target_line.get(key, ([], []))
        i = bisect.bisect_right(days, day) - 1
        return values[i] if i >= 0 else self.metrics[key].target

    def record(
        self,
        rep: SimRep,
        key: str,
        value: float,
        reason: str,
        at: dt.datetime,
        meeting: int | None = None,
    ) -> None:
        self.data.metric_targets.append(
            (self.new_id("metric_targets"), rep.id, key, float(value), reason, at, meeting)
        )

    def record_due(
        self,
        rep: SimRep,
        mid: int,
        day: dt.date,
        clocks: dict[str, list[dt.datetime]],
        shown: dict[str, str],
    ) -> None:
        """The changes due by ``day``: made in the meeting ``mid`` when it shows the metric
        (moving its section's clock on), else recorded when planned."""
        if not rep.pending or rep.pending[0][0] > day:
            return
        keep = []
        for item in rep.pending:
            when, planned, key, value, reason, in_meeting = item
            if when > day:
                keep.append(item)
            elif in_meeting and key in shown:  # F2 on the metric, in its section
                clock = clocks[shown[key]]
                clock[0] = min(clock[1], clock[0] + dt.timedelta(seconds=self.rng.uniform(5, 25)))
                self.record(rep, key, value, reason, clock[0], mid)
            elif not in_meeting or (day - when).days > 35:
                self.record(rep, key, value, reason, planned)
            else:
                keep.append(item)  # waits for a meeting that shows the metric
        rep.pending = keep

    def record_the_rest(self, rep: SimRep) -> None:
        """At the end: the changes planned before today that no meeting made."""
        for when, planned, key, value, reason, _meeting in rep.pending:
            if when < self.today:
                self.record(rep, key, value, reason, planned)
        rep.pending = []
