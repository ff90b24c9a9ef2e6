"""The coaching plan and the customer calls, for the panels of a meeting's sections."""

from __future__ import annotations

from oneonone_tui.store.plans import (
    KIND_LABELS,
    OUTCOMES,
    CallRow,
    CoachingRow,
    add_call,
    add_coaching,
    calls_to_debrief,
    coaching_plan,
    meeting_calls,
    next_status,
    plan_joint_call,
    record_outcome,
    remove_call,
    remove_coaching,
)

__all__ = [
    "KIND_LABELS",
    "OUTCOMES",
    "CallRow",
    "CoachingRow",
    "add_call",
    "add_coaching",
    "calls_to_debrief",
    "coaching_plan",
    "meeting_calls",
    "next_status",
    "plan_joint_call",
    "record_outcome",
    "remove_call",
    "remove_coaching",
]
