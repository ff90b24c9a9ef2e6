"""Past meetings, for the history screens: the list newest first, one meeting in full,
search across notes and commitments, and corrections of a completed meeting. The list and
the search are read off the UI thread: :func:`meetings` and :func:`find` use a connection of
their own when the thread has none."""

from __future__ import annotations

from oneonone_tui.store.database import own_connection
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
    "find",
    "last_meeting_id",
    "meeting_detail",
    "meetings",
]


def meetings(rep_id: int | None) -> list[MeetingListRow]:
    """The rep's meetings (None: the whole team's), newest first; safe on any thread."""
    with own_connection():
        return meeting_list(rep_id)


def find(term: str, rep_id: int | None) -> list[SearchHit]:
    """What matches ``term`` in notes and commitments; safe on any thread."""
    with own_connection():
        return search(term, rep_id)
