"""Metrics as numbers: a metric's definition, its periods (weeks, months), ranking among
reps, and numbers as a manager types them. Pure Python; metrics.yaml is read by
:mod:`oneonone_tui.templates.metrics`."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from oneonone_tui.domain.cadence import add_months

UNITS = ("count", "currency", "percent")
KINDS = ("leading", "lagging")
PERIODS = ("week", "month")


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    kind: str
    period: str
    target: float
    higher_is_better: bool = True

    def format(self, value: float | None) -> str:
        if value is None:
            return "-"
        if self.unit == "currency":
            return f"{value:,.0f}"
        if self.unit == "percent":
            return f"{value:g}%"
        return f"{value:g}"


# --- periods ---------------------------------------------------------------------


def period_start(period: str, day: date) -> date:
    """The Monday of ``day``'s week, or the first of its month."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def review_period(period: str, today: date) -> date:
    """The period a meeting reviews: the last complete week or month."""
    if period == "week":
        return period_start("week", today) - timedelta(days=7)
    return add_months(period_start("month", today), -1)


def previous_periods(period: str, start: date, count: int) -> list[date]:
    """``count`` period starts ending with ``start``, oldest first."""
    if period == "week":
        return [start - timedelta(days=7 * n) for n in range(count - 1, -1, -1)]
    return [add_months(start, -n) for n in range(count - 1, -1, -1)]


def describe_period(period: str, start: date) -> str:
    return f"week of {start:%d %b}" if period == "week" else f"{start:%b %Y}"


def rank(
    values: dict[int, float], rep_id: int, higher_is_better: bool = True
) -> tuple[int, int] | None:
    """(rank, out of) of ``rep_id`` among reps with a value; ties share the best rank."""
    if rep_id not in values:
        return None
    mine = values[rep_id]
    better = sum(1 for v in values.values() if (v > mine if higher_is_better else v < mine))
    return better + 1, len(values)


def parse_number(text: str) -> float:
    """A number as a manager types it: 12, 12.5, 50,000, $50k, 1.2m, 35%. ValueError else."""
    raw = text.strip().lower().replace(",", "").replace("$", "").replace("€", "")
    raw = raw.replace("£", "").rstrip("%").strip()
    factor = 1.0
    if raw.endswith("k"):
        factor, raw = 1_000.0, raw[:-1]
    elif raw.endswith("m"):
        factor, raw = 1_000_000.0, raw[:-1]
    if not re.fullmatch(r"-?\d+(\.\d+)?", raw):
        raise ValueError(f"{text.strip()!r} is not a number (type digits, e.g. 12 or 50k)")
    return checked_value(float(raw) * factor)


MAX_VALUE = 1e12  # a trillion: beyond any sales number, and far inside a float's range


def checked_value(value: float) -> float:
    """``value`` if a metric can hold it; ValueError (saying why) for a negative, infinite,
    NaN or absurdly large one (400 digits read as a float are infinite, and one stored
    infinity breaks every chart of that rep)."""
    if not math.isfinite(value):
        raise ValueError("that number is too large for a metric (at most 1,000,000,000,000)")
    if value < 0:
        raise ValueError("a metric is never negative")
    if value > MAX_VALUE:
        raise ValueError("that number is too large for a metric (at most 1,000,000,000,000)")
    return value
