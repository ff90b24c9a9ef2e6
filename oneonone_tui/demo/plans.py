"""What the demo's sections' structure records besides notes and commitments, as the app
records it: the numbers (:mod:`.numbers`), the targets (:mod:`.targets`), a confidence
rating (1-5, following the rep's numbers) in every meeting with goal status, the coaching
plan (:mod:`.coaching`) and the important upcoming calls (:mod:`.calls`)."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from oneonone_tui.demo.calls import Calls
from oneonone_tui.demo.coaching import Coaching
from oneonone_tui.demo.numbers import (
    CONVERSATIONS,
    DIALS,
    MEETINGS_SET,
    PIPELINE,
    REVENUE,
    Numbers,
)
from oneonone_tui.demo.rows import (
    CALL_ACCOUNT,
    CALL_DAY,
    CALL_JOINT,
    I_KIND,
    I_STATUS,
    I_TEXT,
    DemoData,
)
from oneonone_tui.demo.targets import Targets
from oneonone_tui.demo.words import ACCOUNTS
from oneonone_tui.domain.cadence import add_months
from oneonone_tui.domain.metrics import review_period

if TYPE_CHECKING:
    from oneonone_tui.demo.team import SimRep
    from oneonone_tui.domain.agenda import Agenda
    from oneonone_tui.domain.metrics import Metric


class Plans:
    """The numbers, targets, confidence, coaching plan and calls of the simulated team,
    written to ``data`` with the ids of ``ids``.

    It draws from a random stream of its own, seeded from the same seed: the meetings,
    timings and commitments are the same as without it; the notes quote its facts (see
    :meth:`before`) in place of random ones, without drawing differently."""

    def __init__(
        self,
        seed: int,
        today: dt.date,
        agendas: dict[str, Agenda],
        metrics: dict[str, Metric],
        data: DemoData,
        ids: dict[str, int],
    ) -> None:
        self.rng = rng = random.Random(f"oneonone-demo-plans:{seed}")
        shown: list[str] = []  # the metrics the agendas' numbers show, in agenda order
        for agenda in agendas.values():
            for section in agenda.sections:
                shown += [k for k in section.metrics if k in metrics and k not in shown]
        self.metrics = {key: metrics[key] for key in shown}
        shared = (rng, today, self.metrics, data, ids)
        self.numbers = Numbers(*shared)
        self.targets = Targets(*shared)
        self.coaching = Coaching(self.targets)
        self.calls = Calls(*shared)

    def hire(self, rep: SimRep) -> None:
        """At hire: the rep's numbers from hire to now, and the plan of their targets."""
        rng = self.rng
        rep.talent = min(1.45, max(0.62, rng.gauss(1.0, 0.16)))
        rep.accounts = rng.sample(ACCOUNTS, 8)
        territory = self.numbers.simulate(rep)
        self.targets.plan(rep, territory)

    def before(
        self, rep: SimRep, mid: int, at: dt.datetime, agenda: Agenda, next_at: dt.datetime | None
    ) -> dict[str, dict[str, Any]]:
        """The calls (how last week's ended, this week's important ones) and the facts the
        notes quote (the rep's numbers, calls and coaching), by section key."""
        target_at = self.targets.at
        keys = [s.key for s in agenda.sections]
        day = at.date()
        facts: dict[str, dict[str, Any]] = {}
        if "upcoming-calls" in keys:
            call, contact = self.calls.meeting(rep, mid, day, next_at)
            said = {
                "account": call[CALL_ACCOUNT],
                "contact": contact,
                "weekday": f"{call[CALL_DAY]:%A}",
            }
            facts["upcoming-calls"] = said
            if call[CALL_JOINT]:
                facts["help"] = said
        month = day.replace(day=1)
        last_month = add_months(month, -1)
        revenue = rep.values.get((REVENUE, month))
        if "goal-status" in keys and revenue is not None:
            end = add_months(month, 1)
            share = min(1.0, 1.15 * (day - month).days / (end - month).days)
            so_far = revenue * share
            target = target_at(rep, REVENUE, day) or 1.0
            left = sum(
                1 for n in range(1, (end - day).days) if (day + dt.timedelta(days=n)).weekday() < 5
            )
            facts["goal-status"] = {
                "pct": round(100 * so_far / target),
                "days": left,
                "gap": max(5, round((target - so_far) / 1000)),
            }
        done = rep.values.get((REVENUE, last_month))
        pipeline = rep.values.get((PIPELINE, last_month))
        if done is not None and "last-month" in keys:
            target = target_at(rep, REVENUE, last_month) or 1.0
            facts["last-month"] = {
                "amount": round(done / 1000),
                "goal": round(target / 1000),
                "pct": round(100 * done / target),
            }
            months = [dt.date(month.year, n, 1) for n in range(1, month.month)] or [last_month]
            got = [
                (rep.values[(REVENUE, m)], target_at(rep, REVENUE, m))
                for m in months
                if (REVENUE, m) in rep.values
            ]
            if got and sum(t for _v, t in got):
                facts["year-to-date"] = {
                    "pct": round(100 * sum(v for v, _t in got) / sum(t for _v, t in got))
                }
        if pipeline is not None:
            for key in ("last-month", "future-results"):
                if key in keys:
                    facts.setdefault(key, {})["pipeline"] = round(pipeline / 1000)
        week = review_period("week", day)
        dials, talks = rep.values.get((DIALS, week)), rep.values.get((CONVERSATIONS, week))
        if dials is not None and talks is not None and "behavior-plan" in keys:
            facts["behavior-plan"] = {
                "dials": round(dials),
                "convos": round(talks),
                "meetings": round(rep.values.get((MEETINGS_SET, week), 0)),
                "target": round(target_at(rep, DIALS, day)),
                "target2": round(target_at(rep, MEETINGS_SET, day)),
            }
        working = [i for i in rep.coaching if i[I_KIND] == "skill" and i[I_STATUS] != "done"]
        if working and "coaching-plan" in keys:
            facts["coaching-plan"] = {"skill": working[0][I_TEXT].lower()}
        return facts

    def after(
        self, rep: SimRep, mid: int, at: dt.datetime, starts: list[tuple[Any, dt.datetime, float]]
    ) -> int | None:
        """The numbers entered in the sections that show them (``starts``: each section,
        its start and its seconds), target changes due, the coaching plan's changes;
        returns the confidence rating."""
        day = at.date()
        clocks, shown = self.numbers.enter(rep, mid, day, starts)
        self.targets.record_due(rep, mid, day, clocks, shown)
        if "coaching-plan" in clocks:
            self.coaching.step(rep, mid, day, clocks["coaching-plan"])
        if "goal-status" not in clocks:
            return None
        return self._confidence(rep, day)

    def _confidence(self, rep: SimRep, day: dt.date) -> int:
        """How sure the rep is of the goal, 1-5: this month's and last month's pace, and
        last month's pipeline, against target."""
        target_at = self.targets.at
        score = 3.0 + self.rng.gauss(0, 0.6)
        month = day.replace(day=1)
        now, before = (
            rep.values.get((REVENUE, month)),
            rep.values.get((REVENUE, add_months(month, -1))),
        )
        target = target_at(rep, REVENUE, day) if REVENUE in self.metrics else 0
        if now is not None and target:
            pace = now if before is None else 0.65 * now + 0.35 * before
            score += 2.0 * (min(pace / target, 2.0) - 1)
        pipeline = rep.values.get((PIPELINE, add_months(month, -1)))
        if pipeline is not None and PIPELINE in self.metrics:
            score += min(pipeline / (target_at(rep, PIPELINE, day) or 1.0), 2.0) - 1
        return max(1, min(5, round(score)))

    def finish(self, team: list[SimRep]) -> None:
        """At the end: the target changes no meeting made, and the actuals no meeting
        entered (from the CRM import)."""
        for rep in team:
            self.targets.record_the_rest(rep)
            self.numbers.import_the_rest(rep)
