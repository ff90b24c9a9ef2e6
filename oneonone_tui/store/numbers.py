"""Queries for the numbers behind the talk: actuals, targets (with history), ranking,
confidence and the CSV import. Fixed query counts; no Textual."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from peewee import fn

from oneonone_tui.domain.metrics import Metric, checked_value, parse_number, period_start
from oneonone_tui.store.access import in_scope, require_writable
from oneonone_tui.store.errors import QueryError
from oneonone_tui.store.models import Meeting, MetricActual, MetricTarget, Rep, db
from oneonone_tui.store.rows import as_date


def set_actual(
    rep_id: int,
    metric: str,
    start: dt.date,
    value: float | None,
    now: dt.datetime,
    meeting_id: int | None = None,
) -> None:
    """Record (or clear, with None) one actual; one statement."""
    where = (
        (MetricActual.rep == rep_id)
        & (MetricActual.metric == metric)
        & (MetricActual.period_start == start)
    )
    if value is None:
        MetricActual.delete().where(where).execute()
        return
    checked_value(value)
    (
        MetricActual.insert(
            rep=rep_id,
            metric=metric,
            period_start=start,
            value=value,
            meeting=meeting_id,
            updated_at=now,
        )
        .on_conflict(
            conflict_target=[MetricActual.rep, MetricActual.metric, MetricActual.period_start],
            update={
                MetricActual.value: value,
                MetricActual.updated_at: now,
                MetricActual.meeting: meeting_id,
            },
        )
        .execute()
    )


def actuals(rep_id: int, metrics: list[str], since: dt.date) -> dict[tuple[str, dt.date], float]:
    """(metric, period start) -> value for one rep since a date. One query."""
    query = (
        MetricActual.select(MetricActual.metric, MetricActual.period_start, MetricActual.value)
        .where(
            (MetricActual.rep == rep_id)
            & MetricActual.metric.in_(metrics)
            & (MetricActual.period_start >= since)
        )
        .tuples()
    )
    rows = cast(Iterable[tuple[str, dt.date, float]], query)
    # a value no check would let in today (an infinity from an old import) is left out,
    # so it cannot break a screen or an export
    return {(m, as_date(start)): value for m, start, value in rows if _usable(value)}


def targets(rep_id: int, metrics: dict[str, Metric]) -> dict[str, float]:
    """Each metric's target for this rep: their latest own target, else the default."""
    latest: dict[str, float] = {}
    query = (
        MetricTarget.select(MetricTarget.metric, MetricTarget.target)
        .where(MetricTarget.rep == rep_id)
        .order_by(MetricTarget.changed_at, MetricTarget.id)
        .tuples()
    )
    for metric, target in cast(Iterable[tuple[str, float]], query):
        if _usable(target):
            latest[metric] = target
    return {key: latest.get(key, m.target) for key, m in metrics.items()}


def set_target(
    rep_id: int,
    metric: Metric,
    value: float,
    reason: str,
    now: dt.datetime,
    meeting_id: int | None = None,
) -> None:
    """Change a rep's target. The reason is required: goalposts never move silently."""
    require_writable()
    if not reason.strip():
        raise QueryError("a target change needs a reason (it is kept with the date)")
    try:
        checked_value(value)
    except ValueError as exc:
        raise QueryError(str(exc).replace("a metric", "a target")) from None
    MetricTarget.create(
        rep=rep_id,
        metric=metric.key,
        target=value,
        reason=reason.strip(),
        changed_at=now,
        meeting=meeting_id,
    )


@dataclass(frozen=True)
class TargetChange:
    metric: str
    target: float
    reason: str
    changed_at: dt.datetime


def target_history(rep_id: int) -> list[TargetChange]:
    return [
        TargetChange(t.metric, t.target, t.reason, t.changed_at)
        for t in MetricTarget.select()
        .where(MetricTarget.rep == rep_id)
        .order_by(MetricTarget.changed_at.desc(), MetricTarget.id.desc())
    ]


def team_totals(metric: str, first: dt.date, last: dt.date) -> dict[int, float]:
    """Active rep id -> sum of the metric over periods starting in [first, last]. One query."""
    query = (
        in_scope(MetricActual.select(MetricActual.rep, fn.SUM(MetricActual.value)).join(Rep))
        .where(
            (Rep.archived == False)  # noqa: E712
            & (MetricActual.metric == metric)
            & (MetricActual.period_start >= first)
            & (MetricActual.period_start <= last)
        )
        .group_by(MetricActual.rep)
        .tuples()
    )
    return {rep: float(total) for rep, total in cast(Iterable[tuple[int, float]], query)}


def set_confidence(meeting_id: int, rating: int | None) -> None:
    if rating is not None and not 1 <= rating <= 5:
        raise QueryError("confidence is 1 (not at all) to 5 (certain)")
    Meeting.update(confidence=rating).where(Meeting.id == meeting_id).execute()


def confidence(meeting_id: int) -> int | None:
    row = Meeting.select(Meeting.confidence).where(Meeting.id == meeting_id).first()
    return row.confidence if row else None


# --- CSV import ---------------------------------------------------------------------

HEADER = ("rep", "metric", "period_start", "value")


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


class ImportError_(QueryError):
    """Bad rows, each with its line number; nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _csv_rows(text: str, source: str) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The rows of a CSV text with the line each starts on (a quoted newline makes a
    record span lines), or the problem that stops reading it (an unterminated quote, a
    huge field, a NUL byte)."""
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows, []
        except csv.Error as exc:
            return rows, [f"{source}:{start}: not readable as CSV ({exc}); is a quote left open?"]
        rows.append((start, row))
        start = reader.line_num + 1


def import_actuals(
    text: str, metrics: dict[str, Metric], now: dt.datetime, source: str = "FILE"
) -> ImportResult:
    """Import a CRM export (rep, metric, period start, value; a header row). Every bad row
    is reported by line; nothing is imported unless every row is good (one transaction)."""
    rows, problems = _csv_rows(text, source)
    if problems:
        raise ImportError_(problems)
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        raise ImportError_(
            [
                f"{source}: the file is empty; expected a header row "
                f"{','.join(HEADER)} and one row per value"
            ]
        )
    header = [h.strip().lower().replace(" ", "_") for h in rows[0][1]]
    if header[:4] != list(HEADER):
        raise ImportError_(
            [
                f"{source}:{rows[0][0]}: the header must be {','.join(HEADER)}, got "
                f"{','.join(rows[0][1])}"
            ]
        )
    require_writable()
    known = cast(Iterable[tuple[int, str]], in_scope(Rep.select(Rep.id, Rep.name)).tuples())
    reps = {name.lower(): rid for rid, name in known}
    values: dict[tuple[int, str, dt.date], tuple[float, int]] = {}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(
                f"{source}:{line}: {len(row)} columns, the header has {len(header)} (a "
                'decimal comma? write 1.5, or quote the value: "1,5")'
            )
            continue
        if len(row) < 4:
            problems.append(
                f"{source}:{line}: expected 4 columns (rep, metric, period_start, "
                f"value), got {len(row)}"
            )
            continue
        name, key, day, raw = (cell.strip() for cell in row[:4])
        rep_id = reps.get(" ".join(name.split()).lower())
        if rep_id is None:
            problems.append(f"{source}:{line}: unknown rep {name!r} (see oneonone rep list)")
        metric = metrics.get(key)
        if metric is None:
            problems.append(
                f"{source}:{line}: unknown metric {key!r} (known: {', '.join(metrics)})"
            )
        try:
            start = dt.date.fromisoformat(day)
        except ValueError:
            problems.append(f"{source}:{line}: period_start {day!r} is not a date (YYYY-MM-DD)")
            start = None
        try:
            value = parse_number(raw)
        except ValueError as exc:
            problems.append(f"{source}:{line}: {exc}")
            value = None
        if rep_id is None or metric is None or start is None or value is None:
            continue
        if start != period_start(metric.period, start):
            problems.append(
                f"{source}:{line}: {start} is not the start of a {metric.period} "
                f"for {key} (use {period_start(metric.period, start)})"
            )
            continue
        if (rep_id, key, start) in values:
            first = values[(rep_id, key, start)][1]
            problems.append(f"{source}:{line}: duplicate of line {first} ({name}, {key}, {start})")
            continue
        values[(rep_id, key, start)] = (value, line)
    if problems:
        raise ImportError_(problems)
    stored = MetricActual.select(
        MetricActual.rep, MetricActual.metric, MetricActual.period_start
    ).tuples()
    existing = {(r, m, as_date(s)) for r, m, s in cast(Iterable[tuple[int, str, dt.date]], stored)}
    added = updated = 0
    with db.atomic():
        for (rep_id, key, start), (value, _line) in values.items():
            set_actual(rep_id, key, start, value, now)
            if (rep_id, key, start) in existing:
                updated += 1
            else:
                added += 1
    return ImportResult(added, updated)


def _usable(value: float) -> bool:
    try:
        checked_value(value)
    except ValueError:
        return False
    return True
