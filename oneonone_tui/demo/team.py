"""The demo's team: who the reps are, their cadence and usual slot, when each was met and
on which agenda, and what the simulation remembers about each rep as it goes."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from oneonone_tui.demo.rows import DemoData
from oneonone_tui.demo.words import FIRST, LAST
from oneonone_tui.domain.cadence import add_months, parse_cadence
from oneonone_tui.store.scope import current_manager


@dataclass
class SimRep:
    """A rep of the simulated team, and their history so far."""

    id: int
    name: str
    cadence: str
    weekday: int
    minute: int  # minutes after midnight of the usual slot
    reliability: float  # chance the rep's commitment is done when it reaches a verdict
    manager_reliability: float
    slots: list[tuple[dt.datetime, str]] = field(default_factory=list)
    open: list[list] = field(default_factory=list)  # open/carried commitment rows
    meetings: int = 0
    hired: dt.datetime = dt.datetime.min
    # the numbers (see plans.Plans): (metric, period start) -> value, simulated from hire
    # to the period in progress; which of them a meeting entered; target changes not yet
    # recorded; each metric's targets over time (dates, values)
    talent: float = 1.0
    values: dict[tuple[str, dt.date], float] = field(default_factory=dict)
    entered: set[tuple[str, dt.date]] = field(default_factory=set)
    pending: list[tuple] = field(default_factory=list)
    target_line: dict[str, tuple[list[dt.date], list[float]]] = field(default_factory=dict)
    coaching: list[list] = field(default_factory=list)  # coaching item rows, not removed
    used: set[str] = field(default_factory=set)  # coaching texts already in the plan once
    calls: list[tuple[list, int, str]] = field(default_factory=list)  # without an outcome
    accounts: list[str] = field(default_factory=list)


def working_day(day: dt.date) -> dt.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def make_team(
    data: DemoData,
    ids: dict[str, int],
    rng: random.Random,
    reps: int,
    first_day: dt.date,
    today: dt.date,
) -> list[SimRep]:
    """``reps`` reps hired just before ``first_day`` (their rows added to ``data``), each
    with the slots they were met in up to ``today``."""
    # unique names, mixed cadences, a slot each in the week
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    chosen = rng.sample(names, reps)
    slots = [(wd, 8 * 60 + 30 * s) for wd in range(5) for s in range(16)]
    rng.shuffle(slots)
    team: list[SimRep] = []
    manager = current_manager()  # the team is the one who runs the demo (--manager)
    for i, name in enumerate(chosen):
        roll = rng.random()
        cadence = "monthly" if roll < 0.06 else "biweekly" if roll < 0.18 else "weekly"
        weekday, minute = slots[i % len(slots)]
        rep = SimRep(
            ids["reps"] + i,
            name,
            parse_cadence(cadence).label,
            weekday,
            minute,
            rng.uniform(0.55, 0.95),
            rng.uniform(0.8, 0.97),
        )
        team.append(rep)
        rep.hired = hired = dt.datetime.combine(
            first_day - dt.timedelta(days=rng.randint(3, 40)),
            dt.time(
                rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999_999)
            ),
        )
        data.reps.append((rep.id, rep.name, rep.cadence, False, hired, manager))
    # one or two weekly reps have not been met for weeks: they are overdue
    weekly = [r for r in team if r.cadence == "weekly"]
    overdue = rng.sample(weekly, min(len(weekly), 2 if reps >= 6 else 1 if reps >= 2 else 0))
    gaps = {rep.id: days for rep, days in zip(overdue, (19, 40), strict=False)}
    for rep in team:
        last = today - dt.timedelta(days=gaps.get(rep.id, 1))
        previous = None
        for day in _schedule(rep, rng, first_day, last):
            jitter = rng.choice((0, 0, 0, 0, 5, 10, -5, 30))
            at = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=rep.minute + jitter)
            rep.slots.append((at, _agenda_for(rep, day, previous, rng)))
            previous = day
    return team


def _schedule(rep: SimRep, rng: random.Random, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days ``rep`` was met, from ``first`` to ``last`` (inclusive), by cadence, with
    holidays skipped and meetings moved now and then (never in the last three weeks)."""
    days: list[dt.date] = []
    if rep.cadence == "monthly":
        month = first.replace(day=1)
        while month <= last:
            day = month + dt.timedelta(days=(rep.weekday - month.weekday()) % 7)
            if first <= day <= last:
                days.append(day)
            month = add_months(month, 1)
        return days
    quiet = last - dt.timedelta(days=21)
    step = 14 if rep.cadence == "biweekly" else 7
    day = first + dt.timedelta(days=(rep.weekday - first.weekday()) % 7)
    while day <= last:
        holiday = (day.month == 12 and day.day > 22) or (day.month == 1 and day.day < 3)
        away = rng.random() < (0.03 if step == 7 else 0.015)
        if day >= quiet or not (holiday or away):
            moved = day
            if day < quiet and rng.random() < 0.08:
                moved = day + dt.timedelta(days=rng.choice((-1, 1, 2)))
                if moved.weekday() >= 5 or moved > last:
                    moved = day
            days.append(moved)
        day += dt.timedelta(days=step)
    return days


def _agenda_for(rep: SimRep, day: dt.date, previous: dt.date | None, rng: random.Random) -> str:
    """The slug of the bundled agenda the meeting on ``day`` ran."""
    roll = rng.random()
    if rep.cadence == "monthly":
        return (
            "career-development"
            if roll < 0.08
            else "pipeline-review"
            if roll < 0.2
            else "monthly-results"
        )
    if previous is None or previous.month != day.month:
        return "monthly-results"  # the first meeting of the month looks at last month
    if roll < 0.03:
        return "career-development"
    if roll < 0.12:
        return "pipeline-review"
    return "weekly"
