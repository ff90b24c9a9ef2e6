"""Time rebalancing: what the sections still to come have left if the meeting is to end on
time. Display only: nothing here changes a plan, a timing or a template.

The meeting has ``total`` seconds (the planned seconds plus the minutes added). Of that,
``sum(elapsed)`` is spent, and the current section keeps at least the rest of its own plan
(an overrunning one keeps nothing more: its overrun so far is already spent). What is left
after the current section is shared among the *remaining* sections, those after the
current one that were never visited, in proportion to their planned seconds. Everything
else (sections already done, skipped ones visited for no time, sections after the current
one visited earlier, sections before it that were jumped over) has what it took and
nothing more reserved.

- On or ahead of schedule (what is left covers the remaining plans): no change, every
  remaining section keeps its plan; time gained is not handed out.
- Behind (earlier sections ran over, or the current one runs over): the left time is
  shared out; a section getting under a minute is *squeezed*.
- Past the meeting's total: every remaining section gets 0 and is squeezed.
- Paused: nothing accrues, so the result stands still.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from oneonone_tui.domain.timer import MeetingTimer

SQUEEZED_BELOW = 60.0  # seconds: a section rebalanced under this is squeezed


@dataclass(frozen=True)
class RebalancedSection:
    index: int
    planned: float  # the section's plan (with minutes added), unchanged
    seconds: float  # what it has left to end the meeting on time
    squeezed: bool  # rebalanced below SQUEEZED_BELOW seconds


@dataclass(frozen=True)
class Rebalance:
    sections: tuple[RebalancedSection, ...]  # the remaining sections, in order
    left: float  # seconds left after the current section; negative once past the total
    behind: bool  # the remaining plans no longer fit: they are cut to end on time

    @property
    def squeezed(self) -> tuple[int, ...]:
        """Indexes of the squeezed sections."""
        return tuple(s.index for s in self.sections if s.squeezed)

    def get(self, index: int) -> RebalancedSection | None:
        """The rebalanced section ``index``, or None when it is not a remaining one."""
        for s in self.sections:
            if s.index == index:
                return s
        return None


def rebalance(
    planned: Sequence[float],
    elapsed: Sequence[float],
    current: int,
    total: float,
    visited: Collection[int] = (),
) -> Rebalance:
    """Share the time left after section ``current`` among the remaining sections.

    ``planned`` and ``elapsed`` are seconds per section (``planned`` with the minutes
    added), ``total`` the meeting's planned length (with the minutes added), ``visited``
    the sections ever opened. The remaining sections are those after ``current`` not in
    ``visited``.
    """
    n = len(planned)
    if len(elapsed) != n:
        raise ValueError("planned and elapsed need one value per section")
    if not 0 <= current < n:
        raise ValueError(f"section {current + 1} does not exist (1-{n})")
    spent = sum(max(0.0, float(e)) for e in elapsed)
    current_keeps = max(0.0, planned[current] - max(0.0, elapsed[current]))
    left = total - spent - current_keeps
    remaining = [i for i in range(current + 1, n) if i not in visited]
    plan_left = sum(max(0.0, float(planned[i])) for i in remaining)
    if left >= plan_left:  # on or ahead of schedule: the plan stands
        return Rebalance(
            tuple(RebalancedSection(i, planned[i], planned[i], False) for i in remaining),
            left,
            False,
        )
    share = max(0.0, left)
    out = []
    for i in remaining:
        seconds = share * max(0.0, planned[i]) / plan_left if plan_left > 0 else 0.0
        out.append(RebalancedSection(i, planned[i], seconds, seconds < SQUEEZED_BELOW))
    return Rebalance(tuple(out), left, True)


def rebalance_timer(timer: MeetingTimer) -> Rebalance:
    """:func:`rebalance` on a running meeting: the total is the plan with the minutes
    added, so one more minute for the current section takes nothing from the others."""
    count = len(timer.sections)
    planned = [timer.planned(i) for i in range(count)]
    return rebalance(
        planned,
        [timer.elapsed(i) for i in range(count)],
        timer.current,
        sum(planned),
        timer.visited,
    )
