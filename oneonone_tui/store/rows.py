"""Values as they come back from either driver, made plain for the rows the store returns.

SQLite hands back an aggregate or a joined date column as text, PostgreSQL as a date or a
datetime: :func:`as_date` makes all of them a :class:`datetime.date`."""

from __future__ import annotations

import datetime as dt
from typing import overload


@overload
def as_date(value: None) -> None: ...
@overload
def as_date(value: dt.date | str) -> dt.date: ...
def as_date(value: object) -> dt.date | None:
    """The day of a date, a datetime or their ISO text; None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()
