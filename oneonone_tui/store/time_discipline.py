"""Time discipline as stored: the planned and actual seconds of each section of the
latest completed meetings (the averaging is :mod:`oneonone_tui.domain.accountability`'s).
Two queries, whatever the history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from oneonone_tui.domain.accountability import TimeDiscipline, time_discipline
from oneonone_tui.store.access import in_scope
from oneonone_tui.store.models import Meeting, Rep, SectionRun

TIME_WINDOW = 10  # meetings per rep for time discipline


def time_stats(rep_id: int | None = None, last: int = TIME_WINDOW) -> TimeDiscipline:
    """Average actual vs planned per section over each rep's last ``last`` completed
    meetings (one rep, or every active rep pooled). Two queries."""
    meetings = (
        Meeting.select(Meeting.id, Meeting.rep)
        .join(Rep)
        .where((Meeting.status == "completed") & (Rep.archived == False))  # noqa: E712
        .order_by(Meeting.started_at.desc(), Meeting.id.desc())
    )
    meetings = meetings.where(Meeting.rep == rep_id) if rep_id is not None else in_scope(meetings)
    chosen: list[int] = []
    per_rep: dict[int, int] = defaultdict(int)
    for mid, rep in cast(Iterable[tuple[int, int]], meetings.tuples()):
        if per_rep[rep] < last:
            per_rep[rep] += 1
            chosen.append(mid)
    if not chosen:
        return TimeDiscipline(0, 0, [])
    runs = (
        SectionRun.select(
            SectionRun.meeting,
            SectionRun.key,
            SectionRun.title,
            SectionRun.planned_seconds,
            SectionRun.actual_seconds,
        )
        .where(SectionRun.meeting.in_(chosen))
        .order_by(SectionRun.meeting, SectionRun.position)
        .tuples()
    )
    return time_discipline(cast(Iterable[tuple[int, str, str, float, float]], runs))
