"""Due dates as a manager types them: fri, tomorrow, +3d, +2w, 2026-12-04, next."""

from __future__ import annotations

import re
from datetime import date, timedelta

from oneonone_tui.domain.cadence import add_months

HINT = "try fri, tomorrow, +3d, +2w, next or 2026-12-04"
MAX_AHEAD_MONTHS = 24


class DueDateError(ValueError):
    """The message says what is wrong and what to type instead."""


_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
_RELATIVE = re.compile(r"^([+-]?)\s*(\d{1,4})\s*(d|day|days|w|wk|week|weeks|m|mo|month|months)$")
_ISO = re.compile(r"^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$")
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})$|^(\d{1,2})\s+([a-z]+)\.?$")


def parse_due(text: str, today: date, next_meeting: date | None = None) -> date:
    """Turn what the manager typed into a due date, today or later; else DueDateError."""
    raw = " ".join((text or "").strip().lower().split())
    if not raw:
        raise DueDateError(f"a due date is required ({HINT})")
    due = _parse(raw, text.strip(), today, next_meeting)
    if due < today:
        raise DueDateError(f"{due.isoformat()} is in the past; a commitment is due today or later")
    if due > add_months(today, MAX_AHEAD_MONTHS):
        raise DueDateError(f"{due.isoformat()} is more than two years away; pick a nearer date")
    return due


def _parse(raw: str, shown: str, today: date, next_meeting: date | None) -> date:
    if raw in ("today", "tod"):
        return today
    if raw in ("tomorrow", "tmrw", "tmr", "tom"):
        return today + timedelta(days=1)
    if raw == "yesterday":
        return today - timedelta(days=1)
    if raw in ("next", "next 1:1", "next meeting"):
        if next_meeting is None:
            raise DueDateError(
                f"'next' needs the rep's next meeting date, which is not known yet; {HINT}"
            )
        return next_meeting
    if raw in _WEEKDAYS:
        ahead = (_WEEKDAYS[raw] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    m = _RELATIVE.match(raw)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        n = sign * int(m.group(2))
        unit = m.group(3)[0]
        if unit == "d":
            return today + timedelta(days=n)
        if unit == "w":
            return today + timedelta(weeks=n)
        return add_months(today, n)
    m = _ISO.match(raw)
    if m:
        return _real_date(int(m.group(1)), int(m.group(3)), int(m.group(4)), shown)
    m = _MONTH_DAY.match(raw)
    if m:
        month_name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if month_name in _MONTHS:
            return _next_month_day(_MONTHS[month_name], int(day), today, shown)
    raise DueDateError(f"'{shown}' is not a date I understand ({HINT})")


def _next_month_day(month: int, day: int, today: date, shown: str) -> date:
    """The first real ``month``/``day`` on or after today (feb 29 may skip to a leap year)."""
    for year in range(today.year, today.year + 5):
        try:
            due = date(year, month, day)
        except ValueError:
            continue
        if due >= today:
            return due
    raise DueDateError(f"{shown} is not a real date ({HINT})")


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DueDateError(f"{shown} is not a real date ({HINT})") from None


def describe_due(due: date, today: date) -> str:
    """Short, for tables: today, tomorrow, overdue 3d, or Fri 27 Nov."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 0:
        return f"overdue {-days}d"
    text = f"{_DAY_NAMES[due.weekday()]} {due.day} {_MONTH_NAMES[due.month - 1]}"
    return text if due.year == today.year else f"{text} {due.year}"
