"""The demo reps' numbers, as :mod:`oneonone_tui.store.numbers` stores them: every metric's
value per week or month from hire, simulated (per-rep skill, a ramp-up, trends, seasons,
noise), entered in the first meeting that reviews the period
(``domain.metrics.review_period``), else from the nightly CRM import (no meeting)."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from oneonone_tui.demo.rows import RowMaker
from oneonone_tui.domain.cadence import add_months
from oneonone_tui.domain.metrics import period_start, review_period

if TYPE_CHECKING:
    from oneonone_tui.demo.team import SimRep
    from oneonone_tui.domain.metrics import Metric

SEASON = {
    1: 0.75,
    2: 0.9,
    3: 1.25,
    4: 0.9,
    5: 0.95,
    6: 1.2,
    7: 0.85,
    8: 0.7,
    9: 1.15,
    10: 0.95,
    11: 1.0,
    12: 1.3,
}  # closed business peaks at the end of a quarter
REVENUE, PIPELINE, DIALS, CONVERSATIONS, MEETINGS_SET = (
    "revenue-closed",
    "pipeline-value",
    "dials",
    "conversations",
    "meetings-set",
)
STOCK = "pipeline"  # a metric whose key holds this is a level carried over, not a flow
IMPORTED_AT = dt.time(6, 0)  # the nightly CRM import fills what no meeting entered


def round_value(m: Metric, value: float, *, actual: bool = False) -> float:
    """``value`` as a rep reports it (``actual``) or as a target is set for ``m``."""
    if m.unit == "count":
        return float(max(0 if actual else 1, round(value)))
    if m.unit == "percent":
        return round(min(100.0, value), 1 if actual else 0)
    if actual:  # a deal closes to the hundred; the pipeline is read in thousands
        return float(round(value, -3 if STOCK in m.key else -2))
    step = 1000 if m.target < 100_000 else 10_000
    return float(round(value / step) * step)


def _following(period: str, start: dt.date) -> dt.date:
    """The start of the week or month after the one that starts on ``start``."""
    return start + dt.timedelta(days=7) if period == "week" else add_months(start, 1)


class Numbers(RowMaker):
    """Simulates the reps' numbers and records the actuals, meeting by meeting."""

    def simulate(self, rep: SimRep) -> list[tuple[dt.date, float]]:
        """Every metric's value per period from hire to the period in progress: per-rep
        skill, a ramp-up, a slow trend with a random walk, seasons, weeks off, noise; the
        weekly activity feeds the month's closed business. Returns the territory changes."""
        rng = self.rng
        hired = rep.hired.date()
        hustle = rng.lognormvariate(0, 0.12)
        growth = rng.gauss(0.05, 0.05)  # a year
        skill = {key: rng.lognormvariate(0, 0.1) for key in self.metrics}
        lead: dict[dt.date, float] = {}
        lag: dict[dt.date, float] = {}
        territory: list[tuple[dt.date, float]] = []
        months: list[dt.date] = []
        month, end = hired.replace(day=1), self.today.replace(day=1)
        walk, size = rng.gauss(0, 0.05), 1.0
        while month <= end:
            walk = 0.85 * walk + rng.gauss(0, 0.06)
            if len(months) >= 6 and rng.random() < 0.011:  # about one rep in eight a year
                change = rng.uniform(0.82, 0.93) if rng.random() < 0.45 else rng.uniform(1.08, 1.22)
                size *= change
                territory.append((month + dt.timedelta(days=rng.randint(0, 20)), change))
            trend = math.exp(walk) * (1 + growth) ** (len(months) / 12)
            lead[month] = rep.talent**0.5 * hustle * trend**0.7
            lag[month] = rep.talent * hustle**0.5 * trend * size
            months.append(month)
            month = add_months(month, 1)

        weekly = [(k, m) for k, m in self.metrics.items() if m.period == "week"]
        monthly = [(k, m) for k, m in self.metrics.items() if m.period == "month"]
        activity: dict[dt.date, float] = {}
        week = hired + dt.timedelta(days=(7 - hired.weekday()) % 7)  # the first Monday
        last_week = period_start("week", self.today)
        n = 0
        while week <= last_week:
            act = rng.lognormvariate(0, 0.1) * self._season(week)
            activity[week] = act
            level = lead[week.replace(day=1)] * act * min(1.0, 0.45 + 0.09 * n)
            for key, m in weekly:
                rep.values[(key, week)] = self._draw(m, m.target * skill[key] * level)
            week += dt.timedelta(days=7)
            n += 1
        stock: dict[str, float] = {}
        for i, month in enumerate(months):
            monday = month - dt.timedelta(days=month.weekday() or 7)
            recent = [
                a
                for a in (activity.get(monday - dt.timedelta(weeks=j)) for j in range(8))
                if a is not None
            ]
            busy = sum(recent) / len(recent) if recent else 1.0
            for key, m in monthly:
                base = m.target * skill[key] * lag[month]
                if STOCK in key:
                    aim = base * min(1.0, 0.3 + 0.25 * i) * rng.lognormvariate(0, 0.15)
                    stock[key] = 0.55 * stock.get(key, aim * 0.5) + 0.45 * aim
                    value = stock[key]
                else:
                    mu = base * min(1.0, 0.15 + 0.22 * i) * SEASON[month.month] * busy**0.6
                    value = mu * rng.lognormvariate(0, 0.3)
                    roll = rng.random()
                    if roll < 0.07:
                        value += mu * rng.uniform(0.5, 1.5)  # a big deal landed
                    elif roll < 0.12:
                        value *= rng.uniform(0.15, 0.45)  # everything slipped
                rep.values[(key, month)] = round_value(m, value, actual=True)
        return territory

    def _season(self, monday: dt.date) -> float:
        if self.rng.random() < 0.035:
            return self.rng.uniform(0.05, 0.3)  # a week off
        if monday.month == 12 and monday.day >= 20:
            return 0.3  # the holidays
        if (monday.month == 12 and monday.day >= 16) or monday.month in (7, 8):
            return 0.85
        return 1.0

    def _draw(self, m: Metric, mu: float) -> float:
        if m.unit == "count":
            return float(max(0, round(self.rng.gauss(mu, max(0.8, 0.2 * mu, 0.8 * math.sqrt(mu))))))
        return round_value(m, max(0.0, self.rng.gauss(mu, 0.22 * mu)), actual=True)

    def _actual(
        self, rep: SimRep, key: str, period: dt.date, meeting: int | None, at: dt.datetime
    ) -> None:
        self.data.metric_actuals.append(
            (
                self.new_id("metric_actuals"),
                rep.id,
                key,
                period,
                rep.values[(key, period)],
                meeting,
                at,
            )
        )

    def enter(
        self, rep: SimRep, mid: int, day: dt.date, starts: list[tuple[Any, dt.datetime, float]]
    ) -> tuple[dict[str, list[dt.datetime]], dict[str, str]]:
        """The numbers entered in the sections that show them (the period each reviews).
        Returns each section's [clock, end] after them (by section key) and the section that
        shows each metric."""
        rng = self.rng
        clocks: dict[str, list[dt.datetime]] = {}  # section key -> [clock, end]
        shown: dict[str, str] = {}
        for section, start, seconds in starts:
            clock = start + dt.timedelta(seconds=min(8.0, seconds / 4))
            end = start + dt.timedelta(seconds=max(1.0, seconds - 1))
            for key in section.metrics:
                m = self.metrics.get(key)
                if m is None:
                    continue
                shown[key] = section.key
                period = review_period(m.period, day)
                if (
                    (key, period) in rep.values
                    and (key, period) not in rep.entered
                    and period >= rep.hired.date()
                    and rng.random() < 0.96
                ):
                    clock = min(end, clock + dt.timedelta(seconds=rng.uniform(3, 12)))
                    self._actual(rep, key, period, mid, clock)
                    rep.entered.add((key, period))
            clocks[section.key] = [clock, end]
        return clocks, shown

    def import_the_rest(self, rep: SimRep) -> None:
        """What no meeting entered came from the nightly CRM import after its period."""
        rng = self.rng
        cap = dt.datetime.combine(self.today, dt.time())
        hired = rep.hired.date()
        for key, m in self.metrics.items():
            period = period_start(m.period, hired)
            if period < hired:
                period = _following(m.period, period)
            while period <= review_period(m.period, self.today):
                following = _following(m.period, period)
                if (key, period) not in rep.entered and (key, period) in rep.values:
                    at = dt.datetime.combine(following, IMPORTED_AT) + dt.timedelta(
                        minutes=rng.randint(0, 40), seconds=rng.randint(0, 59)
                    )
                    self._actual(rep, key, period, None, min(at, cap))
                period = following
