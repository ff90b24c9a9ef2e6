"""Follow-through as stored: the done and missed verdicts of the review, counted per rep
and per owner (the arithmetic is :mod:`oneonone_tui.domain.accountability`'s). Fixed
query counts, whatever the history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from peewee import fn

from oneonone_tui.domain.accountability import FollowThrough
from oneonone_tui.store.models import Commitment, ReviewMark
from oneonone_tui.store.rows import as_date

RECENT_DAYS = 90


def verdict_marks(rep_id: int | None = None) -> dict[int, list[tuple[str, str, dt.date]]]:
    """rep id -> [(owner, verdict, day)] for every done/missed verdict. One query."""
    query = (
        ReviewMark.select(
            Commitment.rep, Commitment.owner, ReviewMark.verdict, ReviewMark.marked_at
        )
        .join(Commitment)
        .where(ReviewMark.verdict.in_(("done", "missed")))
    )
    if rep_id is not None:
        query = query.where(Commitment.rep == rep_id)
    marks: dict[int, list[tuple[str, str, dt.date]]] = defaultdict(list)
    rows = cast(Iterable[tuple[int, str, str, dt.datetime]], query.tuples())
    for rep, owner, verdict, marked_at in rows:
        marks[rep].append((owner, verdict, as_date(marked_at)))
    return marks


@dataclass(frozen=True)
class RepFollowThrough:
    recent: dict[str, FollowThrough]
    all_time: dict[str, FollowThrough]


def follow_through_by_rep(
    today: dt.date, rep_id: int | None = None, *, all_time: bool = True
) -> dict[int, RepFollowThrough]:
    """Done and missed verdicts counted in SQL (two grouped queries, whatever the history):
    the last 90 days and all time, per rep and per owner. ``all_time=False`` (the team
    list and ``due`` show only the 90 days): one query, the reps with a verdict in the 90
    days, each with an empty ``all_time``."""
    since = dt.datetime.combine(today - dt.timedelta(days=RECENT_DAYS), dt.time())

    def counts(recent: bool) -> dict[int, dict[str, FollowThrough]]:
        query = (
            ReviewMark.select(
                Commitment.rep, Commitment.owner, ReviewMark.verdict, fn.COUNT(ReviewMark.id)
            )
            .join(Commitment)
            .where(ReviewMark.verdict.in_(("done", "missed")))
            .group_by(Commitment.rep, Commitment.owner, ReviewMark.verdict)
        )
        if recent:
            query = query.where(ReviewMark.marked_at >= since)
        if rep_id is not None:
            query = query.where(Commitment.rep == rep_id)
        out: dict[int, dict[str, FollowThrough]] = defaultdict(
            lambda: {"rep": FollowThrough(), "manager": FollowThrough()}
        )
        rows = cast(Iterable[tuple[int, str, str, int]], query.tuples())
        for rep, owner, verdict, n in rows:
            done, missed = (int(n), 0) if verdict == "done" else (0, int(n))
            out[rep][owner] = out[rep].get(owner, FollowThrough()) + FollowThrough(done, missed)
        return out

    recent = counts(True)
    if not all_time:
        return {rep: RepFollowThrough(totals, {}) for rep, totals in recent.items()}
    totals_by_rep = counts(False)
    empty = {"rep": FollowThrough(), "manager": FollowThrough()}
    return {
        rep: RepFollowThrough(recent.get(rep, dict(empty)), totals)
        for rep, totals in totals_by_rep.items()
    }
