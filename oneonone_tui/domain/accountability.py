"""Accountability arithmetic: follow-through rates and time discipline (no Textual, no SQL).

Follow-through = commitments marked done / commitments that reached a verdict (done +
missed). Dropped commitments count neither way; carried ones are still open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from oneonone_tui.domain.cadence import add_months

SQUEEZED_BELOW = 0.7  # a section that routinely gets under 70% of its plan is squeezed
OVER_ABOVE = 1.2


@dataclass(frozen=True)
class FollowThrough:
    done: int = 0
    missed: int = 0

    @property
    def verdicts(self) -> int:
        return self.done + self.missed

    @property
    def rate(self) -> float | None:
        return self.done / self.verdicts if self.verdicts else None

    def label(self) -> str:
        if self.rate is None:
            return "-"
        return f"{round(self.rate * 100)}% ({self.done}/{self.verdicts})"

    def __add__(self, other: FollowThrough) -> FollowThrough:
        return FollowThrough(self.done + other.done, self.missed + other.missed)


def follow_through(
    marks: Iterable[tuple[str, str, date]], since: date | None = None
) -> dict[str, FollowThrough]:
    """``marks`` are (owner, verdict, day); returns per owner ('rep', 'manager')."""
    counts: dict[str, list[int]] = {"rep": [0, 0], "manager": [0, 0]}
    for owner, verdict, day in marks:
        if since is not None and day < since:
            continue
        if verdict == "done":
            counts.setdefault(owner, [0, 0])[0] += 1
        elif verdict == "missed":
            counts.setdefault(owner, [0, 0])[1] += 1
    return {owner: FollowThrough(d, m) for owner, (d, m) in counts.items()}


def month_starts(today: date, months: int) -> list[date]:
    """The first day of each of the last ``months`` months, oldest first, this month last."""
    first = today.replace(day=1)
    return [add_months(first, -n) for n in range(months - 1, -1, -1)]


def monthly_rates(
    marks: Iterable[tuple[str, str, date]], today: date, months: int = 12, owner: str | None = "rep"
) -> list[float | None]:
    """Follow-through per calendar month (None for a month without verdicts)."""
    starts = month_starts(today, months)
    index = {(s.year, s.month): i for i, s in enumerate(starts)}
    per_month: dict[int, list[tuple[str, str, date]]] = defaultdict(list)
    for mark in marks:
        if owner is not None and mark[0] != owner:
            continue
        i = index.get((mark[2].year, mark[2].month))
        if i is not None:
            per_month[i].append(mark)
    rates = []
    for i in range(len(starts)):
        total = sum(follow_through(per_month[i]).values(), FollowThrough())
        rates.append(total.rate)
    return rates


@dataclass(frozen=True)
class SectionStat:
    key: str
    title: str
    meetings: int
    avg_actual: float
    avg_planned: float

    @property
    def ratio(self) -> float | None:
        return self.avg_actual / self.avg_planned if self.avg_planned else None

    @property
    def flag(self) -> str:
        """'squeezed', 'over' or '' : what stands out about this section."""
        if self.ratio is None:
            return ""
        if self.ratio < SQUEEZED_BELOW:
            return "squeezed"
        if self.ratio > OVER_ABOVE:
            return "over"
        return ""


@dataclass(frozen=True)
class TimeDiscipline:
    meetings: int
    over_total: int
    sections: list[SectionStat]


def time_discipline(runs: Iterable[tuple[int, str, str, float, float]]) -> TimeDiscipline:
    """``runs`` are (meeting id, section key, title, planned s, actual s) of finished
    meetings. Averages per section key, in first-seen order; meetings over their total."""
    by_key: dict[str, list[tuple[float, float]]] = {}
    titles: dict[str, str] = {}
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for meeting_id, key, title, planned, actual in runs:
        by_key.setdefault(key, []).append((planned, actual))
        titles.setdefault(key, title)
        totals[meeting_id][0] += planned
        totals[meeting_id][1] += actual
    sections = [
        SectionStat(
            key,
            titles[key],
            len(values),
            sum(a for _p, a in values) / len(values),
            sum(p for p, _a in values) / len(values),
        )
        for key, values in by_key.items()
    ]
    over = sum(1 for planned, actual in totals.values() if actual > planned + 0.5)
    return TimeDiscipline(len(totals), over, sections)
