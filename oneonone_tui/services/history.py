"""Past meetings, for the history screens: the list newest first, one meeting in full,
search across notes and commitments, and corrections of a completed meeting."""

from __future__ import annotations

from oneonone_tui.store.history import (
    MeetingDetail,
    MeetingListRow,
    SearchHit,
    correct_commitment,
    correct_note,
    last_meeting_id,
    meeting_detail,
    meeting_list,
    search,
)

__all__ = [
    "MeetingDetail",
    "MeetingListRow",
    "SearchHit",
    "correct_commitment",
    "correct_note",
    "last_meeting_id",
    "meeting_detail",
    "meeting_list",
    "search",
]
