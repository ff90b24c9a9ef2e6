"""Cadence of one-on-ones: how often a rep should be met, and when next."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

NAMED = {"weekly": 7, "biweekly": 14, "monthly": 0}
_EVERY = re.compile(r"^(?:every\s+)?(\d{1,3})\s*(?:d|days?)$")


class CadenceError(ValueError):
    """A cadence the app does not understand; the message says what to type."""


@dataclass(frozen=True)
class Cadence:
    """``days`` is 0 for monthly (calendar months), else the interval in days."""

    label: str
    days: int

    def next_after(self, last: date) -> date:
        if self.days == 0:
            return add_months(last, 1)
        return last + timedelta(days=self.days)


def parse_cadence(text: str) -> Cadence:
    """Parse ``weekly``, ``biweekly``, ``monthly``, ``every 10 days`` or ``10d``."""
    raw = (text or "").strip().lower()
    if raw in NAMED:
        return Cadence(raw, NAMED[raw])
    m = _EVERY.match(raw)
    if m:
        n = int(m.group(1))
        if 1 <= n <= 366:
            return Cadence(f"every {n} days", n)
    raise CadenceError(
        f"unknown cadence {text!r}: use weekly, biweekly, monthly or 'every N days' (1-366)"
    )


def next_meeting_date(cadence: str, today: date) -> date:
    """When the one-on-one after today's is due, by the rep's cadence."""
    return parse_cadence(cadence).next_after(today)


def add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year = d.year + month0 // 12
    month = month0 % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)
