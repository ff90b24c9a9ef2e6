"""Commitments for the meeting screens: the review of earlier ones, and the ones a meeting
makes (add, edit, remove, list)."""

from __future__ import annotations

from oneonone_tui.store.commitments import (
    CommitmentRow,
    ReviewItem,
    add_commitment,
    delete_commitment,
    mark_review,
    meeting_commitments,
    review_items,
    unmark_review,
    update_commitment,
)

__all__ = [
    "CommitmentRow",
    "ReviewItem",
    "add_commitment",
    "delete_commitment",
    "mark_review",
    "meeting_commitments",
    "review_items",
    "unmark_review",
    "update_commitment",
]
