"""The close of a meeting, for the summary screen: what the meeting produced (commitments,
review, calls, coaching changes) and completing it."""

from __future__ import annotations

from oneonone_tui.store.meetings import Summary, complete_meeting, meeting_summary
from oneonone_tui.store.plans import KIND_LABELS, coaching_changes, meeting_calls

__all__ = [
    "KIND_LABELS",
    "Summary",
    "coaching_changes",
    "complete_meeting",
    "meeting_calls",
    "meeting_summary",
]
