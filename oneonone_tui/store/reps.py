"""Reps: adding, finding, listing and archiving them, and the team at a glance.

Each function is one short transaction and returns plain dataclasses, never Peewee
query objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from peewee import Case, IntegrityError, fn

from oneonone_tui.domain.cadence import CadenceError, next_meeting_date, parse_cadence
from oneonone_tui.store.access import in_scope, require_writable
from oneonone_tui.store.errors import NotFound, QueryError
from oneonone_tui.store.meetings import in_progress_meeting
from oneonone_tui.store.models import OPEN_STATUSES, Commitment, Meeting, Rep, db
from oneonone_tui.store.rows import as_date
from oneonone_tui.store.scope import current_scope

MAX_NAME = 80


@dataclass(frozen=True)
class RepInfo:
    id: int
    name: str
    cadence: str
    archived: bool
    manager: str = ""


def _rep_info(rep: Rep) -> RepInfo:
    return RepInfo(rep.id, rep.name, rep.cadence, rep.archived, rep.manager)


def add_rep(name: str, cadence: str = "weekly", *, now: dt.datetime) -> RepInfo:
    clean = " ".join((name or "").split())
    if not clean:
        raise QueryError("a rep needs a name")
    if len(clean) > MAX_NAME:
        raise QueryError(f"a rep's name is at most {MAX_NAME} characters (got {len(clean)})")
    try:
        label = parse_cadence(cadence).label
    except CadenceError as exc:
        raise QueryError(str(exc)) from None
    require_writable()
    manager = current_scope().manager
    with db.atomic():
        existing = Rep.get_or_none((fn.LOWER(Rep.name) == clean.lower()) & (Rep.manager == manager))
        if existing is not None:
            state = " (archived)" if existing.archived else ""
            raise QueryError(f"a rep named {existing.name!r} already exists{state}")
        try:
            rep = Rep.create(name=clean, cadence=label, manager=manager, created_at=now)
        except IntegrityError:
            raise QueryError(f"a rep named {clean!r} already exists") from None
    return _rep_info(rep)


def find_rep(name: str, *, include_archived: bool = False) -> RepInfo:
    clean = " ".join((name or "").split()).lower()
    query = in_scope(Rep.select().where(fn.LOWER(Rep.name) == clean))
    if not include_archived:
        query = query.where(Rep.archived == False)  # noqa: E712
    found = list(query.order_by(Rep.manager).limit(10))
    if not found:
        raise NotFound(f"no rep named {name!r}; see 'oneonone rep list'")
    if len(found) > 1:
        managers = ", ".join(r.manager for r in found)
        raise QueryError(
            f"{len(found)} reps are named {found[0].name!r} (teams of "
            f"{managers}); pick one team with --manager NAME"
        )
    return _rep_info(found[0])


def find_rep_by_id(rep_id: int) -> RepInfo:
    rep = Rep.get_or_none(Rep.id == rep_id)
    if rep is None:
        raise NotFound(f"no rep with id {rep_id}")
    return _rep_info(rep)


def list_reps(*, include_archived: bool = False) -> list[RepInfo]:
    query = in_scope(Rep.select()).order_by(fn.LOWER(Rep.name), Rep.manager)
    if not include_archived:
        query = query.where(Rep.archived == False)  # noqa: E712
    return [_rep_info(r) for r in query]


def archive_rep(name: str) -> RepInfo:
    require_writable()
    rep = find_rep(name)
    if in_progress_meeting(rep.id) is not None:
        raise QueryError(
            f"{rep.name} has a meeting in progress: finish it (oneonone meet "
            f"{rep.name!r}, then its summary) before archiving"
        )
    Rep.update(archived=True).where(Rep.id == rep.id).execute()
    return RepInfo(rep.id, rep.name, rep.cadence, True, rep.manager)


# --- the team at a glance ----------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    rep_id: int
    name: str
    cadence: str
    last_met: dt.date | None
    next_due: dt.date | None
    open_count: int
    overdue_count: int
    in_progress_id: int | None
    last_agenda: str | None
    manager: str = ""

    def days_overdue(self, today: dt.date) -> int | None:
        """Days past the next due date (0 = due today, negative = not yet due)."""
        return None if self.next_due is None else (today - self.next_due).days


def team_overview(today: dt.date) -> list[TeamRow]:
    """One row per active rep, most overdue first. Four queries, whatever the history."""
    reps = list(in_scope(Rep.select().where(Rep.archived == False)))  # noqa: E712
    latest = _latest_completed()
    counts: dict[int, tuple[int, int]] = {}
    late = fn.SUM(Case(None, [(Commitment.due < today, 1)], 0))
    open_counts = (
        Commitment.select(Commitment.rep, fn.COUNT(Commitment.id).alias("n"), late.alias("late"))
        # "of any rep" changes nothing but lets SQLite read the (rep, status) index rep
        # by rep instead of every commitment ever made (0.1 ms, not 9, on five years)
        .where(Commitment.status.in_(OPEN_STATUSES) & Commitment.rep.in_(Rep.select(Rep.id)))
        .group_by(Commitment.rep)
        .namedtuples()
    )
    for row in cast(Iterable[Any], open_counts):  # (rep: rep id, n, late)
        counts[row.rep] = (row.n, int(row.late or 0))
    in_progress_rows = (
        Meeting.select(Meeting.id, Meeting.rep).where(Meeting.status == "in_progress").tuples()
    )
    in_progress = {rep_id: mid for mid, rep_id in cast(Iterable[tuple[int, int]], in_progress_rows)}
    rows = []
    for rep in reps:
        started, slug = latest.get(rep.id, (None, None))
        last_met = as_date(started)
        next_due = next_meeting_date(rep.cadence, last_met) if last_met else None
        n_open, n_late = counts.get(rep.id, (0, 0))
        rows.append(
            TeamRow(
                rep.id,
                rep.name,
                rep.cadence,
                last_met,
                next_due,
                n_open,
                n_late,
                in_progress.get(rep.id),
                slug,
                rep.manager,
            )
        )

    def order(row: TeamRow) -> tuple[bool, dt.date, str]:
        # never met first (the most overdue of all), then the earliest due date
        return (row.next_due is not None, row.next_due or dt.date.min, row.name.lower())

    return sorted(rows, key=order)


def _latest_completed() -> dict[int, tuple[dt.datetime, str]]:
    """rep id -> (start of the latest completed meeting, its agenda slug), in one query."""
    m2 = Meeting.alias()
    newest = (
        m2.select(m2.rep.alias("rid"), fn.MAX(m2.started_at).alias("mx"))
        .where(m2.status == "completed")
        .group_by(m2.rep)
        .alias("newest")
    )
    query = (
        Meeting.select(Meeting.rep, Meeting.started_at, Meeting.agenda_slug)
        .join(newest, on=(Meeting.rep == newest.c.rid) & (Meeting.started_at == newest.c.mx))
        .where(Meeting.status == "completed")
        .order_by(Meeting.id)
        .tuples()
    )
    rows = cast(Iterable[tuple[int, dt.datetime, str]], query)
    return {rep_id: (started, slug) for rep_id, started, slug in rows}
