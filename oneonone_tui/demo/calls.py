"""The demo reps' important upcoming calls, as :mod:`oneonone_tui.store.plans` stores them:
one to three per upcoming-calls section, some joint with the pre-call plan; their outcome
and debrief are recorded in the next such meeting, so only the latest meeting's calls (and
a long-overdue rep's) are still open."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from oneonone_tui.demo.plan_words import CALL_PURPOSES, CALL_TOPICS, DEBRIEFS
from oneonone_tui.demo.rows import (
    CALL_DAY,
    CALL_DEBRIEF,
    CALL_JOINT,
    CALL_OUTCOME,
    CALL_OUTCOME_IN,
    RowMaker,
)
from oneonone_tui.demo.team import working_day
from oneonone_tui.demo.words import ACCOUNTS, CONTACTS
from oneonone_tui.store.plans import OUTCOMES

if TYPE_CHECKING:
    from oneonone_tui.demo.team import SimRep

if set(DEBRIEFS) != set(OUTCOMES):
    raise RuntimeError("the demo's call outcomes no longer match the app's")


class Calls(RowMaker):
    """Debriefs each rep's past calls and plans the next ones, meeting by meeting."""

    def meeting(
        self, rep: SimRep, mid: int, day: dt.date, next_at: dt.datetime | None
    ) -> tuple[list, str]:
        """The outcome of every earlier call that has happened, then one to three upcoming
        important calls before the next one-on-one; often one planned as a joint call.
        Returns the call the notes talk about (the joint one if any) and its contact."""
        self._debrief(rep, mid, day)
        rng = self.rng
        if rng.random() < 0.015:  # the book of accounts changes now and then
            fresh = [a for a in ACCOUNTS if a not in rep.accounts]
            rep.accounts[rng.randrange(len(rep.accounts))] = rng.choice(fresh)
        last = next_at.date() - dt.timedelta(days=1) if next_at else day + dt.timedelta(days=7)
        days = [
            d
            for d in (day + dt.timedelta(days=n) for n in range(1, (last - day).days + 1))
            if d.weekday() < 5
        ] or [working_day(day + dt.timedelta(days=1))]
        count = rng.choice((1, 1, 2, 2, 2, 3))
        joint_at = rng.randrange(count) if rng.random() < 0.45 else -1
        made = []
        for n, (account, when) in enumerate(
            zip(
                rng.sample(rep.accounts, count),
                sorted(rng.choice(days) for _ in range(count)),
                strict=True,
            )
        ):
            purpose = rng.randrange(len(CALL_PURPOSES))
            text, why, win, next_step = CALL_PURPOSES[purpose]
            contact = rng.choice(CONTACTS)
            joint = n == joint_at or (joint_at >= 0 and rng.random() < 0.05)
            plan = ("", "", "", "")
            if joint:
                other = rng.choice([c for c in CONTACTS if c != contact])
                who = contact if rng.random() < 0.5 else f"{contact} and {other}"
                plan = (who, why.format(topic=rng.choice(CALL_TOPICS)), win, next_step)
            row = [
                self.new_id("calls"),
                rep.id,
                mid,
                account,
                when,
                text.format(contact=contact),
                joint,
                *plan,
                None,
                "",
                None,
            ]
            self.data.calls.append(row)
            rep.calls.append((row, purpose, contact))
            made.append((row, contact))
        return next(((r, c) for r, c in made if r[CALL_JOINT]), made[0])

    def _debrief(self, rep: SimRep, mid: int, day: dt.date) -> None:
        """How each call before ``day`` ended, recorded in the meeting ``mid``."""
        rng = self.rng
        still = []
        for row, purpose, contact in rep.calls:
            if row[CALL_DAY] >= day:
                still.append((row, purpose, contact))  # not happened yet: asked next time
                continue
            if rng.random() < 0.1:
                outcome = "did-not-happen"
            else:
                win = 0.5 + (0.15 if row[CALL_JOINT] else 0.0) + 0.25 * (rep.talent - 1)
                roll = rng.random()
                outcome = (
                    "won-next-step"
                    if roll < win
                    else "no-decision"
                    if roll < win + (1 - win) * 0.6
                    else "lost"
                )
            next_step = CALL_PURPOSES[purpose][3]
            if contact in next_step:
                next_step = "a follow-up next week"
            text = rng.choice(DEBRIEFS[outcome]).format(
                contact=contact, Contact=contact[0].upper() + contact[1:], next=next_step
            )
            row[CALL_OUTCOME], row[CALL_DEBRIEF], row[CALL_OUTCOME_IN] = outcome, text, mid
        rep.calls = still
