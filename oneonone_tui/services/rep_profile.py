"""One rep at a glance, for the rep detail screen: follow-through now and by month, time
per section, open commitments, targets and their changes, the last meetings. Read in one
call (:func:`rep_profile`) so the screen can fetch it off the UI thread."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from oneonone_tui.domain.accountability import TimeDiscipline
from oneonone_tui.domain.metrics import Metric
from oneonone_tui.store.commitments import CommitmentRow, open_commitments
from oneonone_tui.store.database import own_connection
from oneonone_tui.store.follow_through import RepFollowThrough, follow_through_by_rep, verdict_marks
from oneonone_tui.store.history import MeetingListRow, meeting_list
from oneonone_tui.store.numbers import TargetChange, target_history, targets
from oneonone_tui.store.reps import RepInfo, find_rep_by_id
from oneonone_tui.store.time_discipline import TIME_WINDOW, time_stats

__all__ = ["LAST_MEETINGS", "TIME_WINDOW", "RepInfo", "RepProfile", "find_rep_by_id", "rep_profile"]

LAST_MEETINGS = 8  # meetings listed on the rep's page


@dataclass(frozen=True)
class RepProfile:
    rep_id: int
    marks: list[tuple[str, str, dt.date]]  # (owner, verdict, day) of every done/missed
    follow_through: RepFollowThrough | None
    times: TimeDiscipline
    open_commitments: list[CommitmentRow]
    targets: dict[str, float]
    target_history: list[TargetChange]
    meetings: list[MeetingListRow]


def rep_profile(rep_id: int, today: dt.date, metrics: dict[str, Metric]) -> RepProfile:
    """Everything the rep detail screen shows about ``rep_id`` on ``today``; safe on any
    thread (a connection of its own when the thread has none)."""
    with own_connection():
        return RepProfile(
            rep_id=rep_id,
            marks=verdict_marks(rep_id).get(rep_id, []),
            follow_through=follow_through_by_rep(today, rep_id).get(rep_id),
            times=time_stats(rep_id),
            open_commitments=open_commitments(rep_id),
            targets=targets(rep_id, metrics),
            target_history=target_history(rep_id),
            meetings=meeting_list(rep_id, limit=LAST_MEETINGS),
        )
