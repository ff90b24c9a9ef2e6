"""One completed one-on-one of the demo, as the app records it: the review of what was
open (each commitment marked done, missed, dropped or carried, see
:func:`oneonone_tui.store.commitments.mark_review`), the sections with their timings and notes,
the commitments made along the way; the numbers, confidence, coaching plan and calls come
from :class:`oneonone_tui.demo.plans.Plans`."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from oneonone_tui.demo.rows import (
    C_CARRIES,
    C_CLOSED,
    C_DUE,
    C_ID,
    C_NOTE,
    C_OWNER,
    C_STATUS,
    DemoData,
)
from oneonone_tui.demo.words import (
    ACCOUNTS,
    COMMITMENT_SECTIONS,
    CONTACTS,
    DROP_REASONS,
    MANAGER_COMMITMENTS,
    OBJECTIONS,
    PRIVATE_SENTENCES,
    REP_COMMITMENTS,
    SECTION_KIND,
    SECTION_SENTENCES,
    SKILLS,
    WEEKDAYS,
)
from oneonone_tui.domain.cadence import parse_cadence
from oneonone_tui.store.scope import current_manager

if TYPE_CHECKING:
    from oneonone_tui.demo.plans import Plans
    from oneonone_tui.demo.team import SimRep
    from oneonone_tui.domain.agenda import Agenda

MAX_CARRIES = 4


class Filler:
    """Random values for the phrase bank's placeholders, drawn lazily per text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def context(self) -> dict[str, Any]:
        r = self.rng
        pct = r.randint(38, 128)
        amount = r.randrange(15, 320, 5)
        ctx = {
            "pct": pct,
            "days": r.randint(2, 18),
            "amount": amount,
            "goal": amount + r.randrange(0, 120, 5),
            "cover": round(r.uniform(1.4, 4.2), 1),
            "gap": r.randrange(10, 150, 5),
            "account": r.choice(ACCOUNTS),
            "contact": r.choice(CONTACTS),
            "weekday": r.choice(WEEKDAYS),
            "weekday2": r.choice(WEEKDAYS),
            "objection": r.choice(OBJECTIONS),
            "skill": r.choice(SKILLS),
            "dials": r.randrange(60, 260, 10),
            "convos": r.randint(8, 45),
            "target": r.randrange(150, 260, 25),
            "target2": r.randint(4, 8),
            "n": r.randint(2, 8),
            "rank": r.randint(1, 12),
            "pipeline": r.randrange(200, 1800, 25),
        }
        ctx["meetings"] = ctx["n"]  # a fact may replace it (see Plans.before)
        return ctx

    def note(self, section_key: str, facts: dict[str, Any] | None = None) -> str:
        """A few sentences for the section; ``facts`` (the rep's real numbers, calls and
        coaching plan) replace random placeholders without changing what is drawn."""
        pool = SECTION_SENTENCES[SECTION_KIND.get(section_key, "goal")]
        ctx = self.context()
        if facts:
            ctx.update(facts)
        count = min(len(pool), self.rng.choice((1, 2, 2, 3, 3, 3, 4, 5)))
        return " ".join(s.format(**ctx) for s in self.rng.sample(pool, count))

    def commitment(self, owner: str) -> str:
        bank = REP_COMMITMENTS if owner == "rep" else MANAGER_COMMITMENTS
        return self.rng.choice(bank).format(**self.context())


def run_meeting(
    data: DemoData,
    ids: dict[str, int],
    rep: SimRep,
    at: dt.datetime,
    agenda_row: tuple[str, str, str, Agenda],
    rng: random.Random,
    fill: Filler,
    plans: Plans,
    *,
    last: bool = False,
) -> None:
    """One completed meeting as the app records it: review, sections, commitments; the
    numbers, confidence, coaching plan and calls (see :class:`Plans`)."""
    slug, name, frozen_json, agenda = agenda_row
    mid = ids["meetings"]
    ids["meetings"] += 1
    rep.meetings += 1
    if rep.meetings % 4 == 0:  # follow-through drifts month to month
        rep.reliability = min(0.98, max(0.4, rep.reliability + rng.uniform(-0.08, 0.08)))
    cadence = parse_cadence(rep.cadence)
    next_day = cadence.next_after(at.date())
    next_at = rep.slots[rep.meetings][0] if rep.meetings < len(rep.slots) else None
    facts = plans.before(rep, mid, at, agenda, next_at)

    # the review of what is still open
    clock = at + dt.timedelta(seconds=rng.randint(20, 90))
    skipped = bool(rep.open) and rng.random() < 0.02
    if not skipped:
        still_open = []
        for c in rep.open:
            clock += dt.timedelta(seconds=rng.randint(10, 45))
            verdict, reason, new_due = _verdict(rep, c, at.date(), next_day, rng)
            data.review_marks.append(
                (
                    ids["review_marks"],
                    mid,
                    c[C_ID],
                    verdict,
                    reason,
                    c[C_DUE],
                    new_due,
                    c[C_STATUS],
                    c[C_CARRIES],
                    clock,
                )
            )
            ids["review_marks"] += 1
            if verdict == "carried":
                c[C_STATUS], c[C_DUE], c[C_CARRIES], c[C_CLOSED] = (
                    "carried",
                    new_due,
                    c[C_CARRIES] + 1,
                    None,
                )
                still_open.append(c)
            else:
                c[C_STATUS], c[C_CLOSED] = verdict, mid
                if reason:
                    c[C_NOTE] = reason
        rep.open = still_open

    # the sections: notes, timings, and the commitments made along the way
    owners = ["rep"] * rng.choice((1, 1, 2, 2, 2, 3)) + ["manager"] * rng.choice((0, 1, 1, 2))
    if last:  # the latest meeting leaves a few commitments open for the next one
        owners = ["rep"] * rng.choice((2, 2, 3)) + ["manager"] * rng.choice((1, 1, 2))
    keys = [s.key for s in agenda.sections]
    made: list[tuple[str, str]] = []
    for owner in owners:
        fitting = [k for k in keys if k in COMMITMENT_SECTIONS[owner]] or keys
        made.append((owner, rng.choice(fitting)))
    private_at = rng.randrange(len(keys)) if rng.random() < 0.12 else -1
    if private_at >= 0 and "coaching-plan" in keys and rng.random() < 0.6:
        private_at = keys.index("coaching-plan")
    corrected_at = rng.randrange(len(keys)) if rng.random() < 0.004 else -1
    starts: list[tuple[Any, dt.datetime, float]] = []
    for pos, section in enumerate(agenda.sections):
        planned = section.seconds
        if section.key == "coaching-plan" and rng.random() < 0.6:
            factor = rng.uniform(0.3, 0.7)  # coaching is what gets squeezed
        else:
            factor = min(1.8, max(0.4, rng.gauss(1.02, 0.17)))
        extra = 60 if factor > 1.15 and rng.random() < 0.4 else 0
        actual = round(planned * factor + rng.random(), 1)
        data.section_runs.append(
            (
                ids["section_runs"],
                mid,
                pos,
                section.key,
                section.title,
                planned,
                actual,
                extra,
                True,
            )
        )
        ids["section_runs"] += 1
        start = clock
        clock += dt.timedelta(seconds=int(actual))
        starts.append((section, start, float(int(actual))))
        for owner, key in made:
            if key == section.key:
                created = start + dt.timedelta(seconds=rng.randint(0, max(1, int(actual))))
                data.commitments.append(
                    _commitment(ids, mid, rep, owner, key, created, at.date(), next_day, rng, fill)
                )
                rep.open.append(data.commitments[-1])
        text = fill.note(section.key, facts.get(section.key))
        private = pos == private_at
        if private:
            text = rng.choice(PRIVATE_SENTENCES) + " " + text
        updated = clock - dt.timedelta(seconds=rng.randint(1, 20))
        if pos == corrected_at:
            fixed = dt.datetime.combine(
                at.date() + dt.timedelta(days=rng.randint(0, 3)), dt.time(17, rng.randint(0, 59))
            )
            fixed = max(fixed, clock + dt.timedelta(hours=1))
            old, text = text, text + " (Corrected: " + fill.note(section.key) + ")"
            data.corrections.append(
                (ids["corrections"], mid, "note", section.key, "text", old, text, fixed)
            )
            ids["corrections"] += 1
            updated = fixed
        data.notes.append((ids["notes"], mid, section.key, text, private, updated))
        ids["notes"] += 1
    ended = clock + dt.timedelta(seconds=rng.randint(40, 150))
    confidence = plans.after(rep, mid, at, starts)
    data.meetings.append(
        (
            mid,
            rep.id,
            slug,
            name,
            frozen_json,
            "completed",
            at,
            ended,
            "summary",
            len(keys) - 1,
            skipped,
            confidence,
            current_manager(),
        )
    )


def _commitment(
    ids: dict[str, int],
    mid: int,
    rep: SimRep,
    owner: str,
    section_key: str,
    created: dt.datetime,
    day: dt.date,
    next_day: dt.date,
    rng: random.Random,
    fill: Filler,
) -> list:
    roll = rng.random()
    if roll < 0.55:
        due = next_day  # "next": the next one-on-one by cadence
    elif roll < 0.85:
        due = day + dt.timedelta(days=rng.randint(1, max(1, (next_day - day).days)))
    else:
        due = day + dt.timedelta(days=rng.choice((14, 21, 28)))
    row = [
        ids["commitments"],
        mid,
        rep.id,
        owner,
        fill.commitment(owner),
        due,
        "open",
        None,
        "",
        created,
        0,
        section_key,
    ]
    ids["commitments"] += 1
    return row


def _verdict(
    rep: SimRep, c: list, day: dt.date, next_day: dt.date, rng: random.Random
) -> tuple[str, str, dt.date | None]:
    carries = c[C_CARRIES]
    roll = rng.random()
    carry = (0.13, 0.1, 0.07, 0.05)[min(carries, 3)] if carries < MAX_CARRIES else 0.0
    if c[C_DUE] > day:
        carry += 0.25  # not due yet: most often carried to the next meeting
    if roll < carry:
        if c[C_DUE] > day:
            return "carried", "", c[C_DUE]  # not due yet: carried with its date
        new_due = next_day if rng.random() < 0.7 else day + dt.timedelta(days=14)
        return "carried", "", new_due
    if roll < carry + 0.05:
        return "dropped", rng.choice(DROP_REASONS), None
    chance = rep.reliability if c[C_OWNER] == "rep" else rep.manager_reliability
    return ("done" if rng.random() < chance else "missed"), "", None
