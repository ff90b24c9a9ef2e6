"""The team, for the home screen and the palette: the overview, follow-through, adding a
rep, the rep's meeting in progress, and whether this run may change anything."""

from __future__ import annotations

from oneonone_tui.store.follow_through import RepFollowThrough, follow_through_by_rep
from oneonone_tui.store.history import last_meeting_id
from oneonone_tui.store.meetings import (
    MeetingState,
    in_progress_meeting,
    last_agenda_slug,
    load_meeting,
)
from oneonone_tui.store.reps import (
    RepInfo,
    TeamRow,
    add_rep,
    archive_rep,
    find_rep_by_id,
    list_reps,
    team_overview,
)
from oneonone_tui.store.scope import current_scope

__all__ = [
    "MeetingState",
    "RepFollowThrough",
    "RepInfo",
    "TeamRow",
    "add_rep",
    "archive_rep",
    "find_rep_by_id",
    "follow_through_by_rep",
    "in_progress_meeting",
    "last_agenda_slug",
    "last_meeting_id",
    "list_reps",
    "load_meeting",
    "read_only",
    "team_overview",
]


def read_only() -> bool:
    """Every manager's team on view (--all-managers): nothing may be changed."""
    return current_scope().read_only
