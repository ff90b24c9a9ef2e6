"""A rep's numbers, for the metrics panel: actuals against targets, the team's totals for
the rank, the confidence rating, and saving each of them."""

from __future__ import annotations

from oneonone_tui.store.numbers import (
    TargetChange,
    actuals,
    confidence,
    set_actual,
    set_confidence,
    set_target,
    target_history,
    targets,
    team_totals,
)

__all__ = [
    "TargetChange",
    "actuals",
    "confidence",
    "set_actual",
    "set_confidence",
    "set_target",
    "target_history",
    "targets",
    "team_totals",
]
