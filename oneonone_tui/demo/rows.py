"""The demo's rows in memory: one list per table the demo fills, each tied to its Peewee
model, and the positions of the fields the simulation changes in a row after making it.

A row holds one value per column of its model, in the model's field order
(``Model._meta.sorted_fields``), as the fields' ``db_value`` gives it: the models are the
one place that says what the columns are (see :func:`oneonone_tui.demo.writer.write`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from oneonone_tui.store.models import (
    Call,
    CoachingChange,
    CoachingItem,
    Commitment,
    Correction,
    Meeting,
    MetricActual,
    MetricTarget,
    Note,
    Rep,
    ReviewMark,
    SectionRun,
)

if TYPE_CHECKING:
    from oneonone_tui.domain.metrics import Metric


@dataclass
class MeetingRows:
    """The team, its meetings and what was said and agreed in them."""

    reps: list[tuple] = field(default_factory=list)
    meetings: list[tuple] = field(default_factory=list)
    section_runs: list[tuple] = field(default_factory=list)
    notes: list[tuple] = field(default_factory=list)
    commitments: list[list] = field(default_factory=list)
    review_marks: list[tuple] = field(default_factory=list)
    corrections: list[tuple] = field(default_factory=list)


@dataclass
class DemoData(MeetingRows):
    """Rows ready for ``insert_many``: one list per table, parents first, in column order;
    besides the meetings' rows, what the sections' structure records (see plans.Plans)."""

    metric_actuals: list[tuple] = field(default_factory=list)
    metric_targets: list[tuple] = field(default_factory=list)
    coaching_items: list[list] = field(default_factory=list)
    coaching_changes: list[tuple] = field(default_factory=list)
    calls: list[list] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "reps": len(self.reps),
            "meetings": len(self.meetings),
            "sections": len(self.section_runs),
            "notes": len(self.notes),
            "commitments": len(self.commitments),
            "review marks": len(self.review_marks),
            "corrections": len(self.corrections),
            "actuals": len(self.metric_actuals),
            "confidence ratings": sum(1 for m in self.meetings if m[M_CONFIDENCE]),
            "targets": len(self.metric_targets),
            "coaching items": len(self.coaching_items),
            "coaching changes": len(self.coaching_changes),
            "calls": len(self.calls),
            "joint calls": sum(1 for c in self.calls if c[CALL_JOINT]),
        }


TABLES: dict[str, Any] = {  # DemoData's lists, by the model of their rows
    "reps": Rep,
    "meetings": Meeting,
    "section_runs": SectionRun,
    "notes": Note,
    "commitments": Commitment,
    "review_marks": ReviewMark,
    "corrections": Correction,
    "metric_actuals": MetricActual,
    "metric_targets": MetricTarget,
    "coaching_items": CoachingItem,
    "coaching_changes": CoachingChange,
    "calls": Call,
}
if list(TABLES) != [f.name for f in fields(DemoData)]:
    raise RuntimeError("the demo's tables and DemoData's lists do not match")


def _positions(model: Any, *names: str) -> tuple[int, ...]:
    """Where the fields ``names`` stand in a row of ``model``."""
    return tuple(model._meta.sorted_field_names.index(name) for name in names)


(M_CONFIDENCE,) = _positions(Meeting, "confidence")
# in a commitment, coaching item and call row (lists: they change while the history is
# simulated)
C_ID, C_OWNER, C_DUE, C_STATUS, C_CLOSED, C_NOTE, C_CARRIES = _positions(
    Commitment, "id", "owner", "due", "status", "closed_in", "note", "carry_count"
)
I_ID, I_KIND, I_TEXT, I_STATUS, I_REMOVED = _positions(
    CoachingItem, "id", "kind", "text", "status", "removed"
)
CALL_ACCOUNT, CALL_DAY, CALL_JOINT, CALL_OUTCOME, CALL_DEBRIEF, CALL_OUTCOME_IN = _positions(
    Call, "account", "day", "joint", "outcome", "debrief", "outcome_in"
)


class RowMaker:
    """The base of the parts of :class:`oneonone_tui.demo.plans.Plans`: each adds rows to
    ``data``, numbered from ``ids``, drawing from the plans' ``rng``; ``metrics`` are the
    ones the agendas show, ``today`` ends the history."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        metrics: dict[str, Metric],
        data: DemoData,
        ids: dict[str, int],
    ) -> None:
        self.rng, self.today, self.metrics, self.data, self.ids = rng, today, metrics, data, ids

    def new_id(self, table: str) -> int:
        """The next free id of ``table``, taken."""
        self.ids[table] += 1
        return self.ids[table] - 1
