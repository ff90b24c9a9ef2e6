"""The demo reps' coaching plans, as :mod:`oneonone_tui.store.plans` stores them: skills, a
long-term goal, trainings, added and moved on (working -> improving -> done, agreed ->
done, open -> reached) in coaching-plan sections, and cleared away now and then."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from oneonone_tui.demo.plan_words import GOAL_ITEMS, SKILL_ITEMS, TRAINING_ITEMS, WEAK_SKILLS
from oneonone_tui.demo.rows import I_ID, I_KIND, I_REMOVED, I_STATUS, I_TEXT, RowMaker
from oneonone_tui.domain.metrics import period_start, review_period
from oneonone_tui.store.plans import KINDS

if TYPE_CHECKING:
    from oneonone_tui.demo.targets import Targets
    from oneonone_tui.demo.team import SimRep

# how many coaching-plan sections a coaching item stays in each status (the last: until it
# is cleared from the plan)
PACE = {
    "skill": ((5, 16), (6, 20), (3, 30)),
    "goal": ((40, 200), (8, 60)),
    "training": ((2, 10), (2, 25)),
}


class Coaching(RowMaker):
    """Moves each rep's coaching plan on, one coaching-plan section at a time; what to
    work on follows the rep's numbers against their ``targets``."""

    def __init__(self, targets: Targets) -> None:
        super().__init__(targets.rng, targets.today, targets.metrics, targets.data, targets.ids)
        self.targets = targets
        self.countdown: dict[int, int] = {}  # coaching item id -> meetings to its next step

    def step(self, rep: SimRep, mid: int, day: dt.date, clock: list[dt.datetime]) -> None:
        """Skills move working -> improving -> done over months, trainings agreed -> done,
        a long-term goal is reached now and then; finished items are cleared away. Each
        change moves the section's ``clock`` ([clock, end]) on."""
        rng, data = self.rng, self.data

        def change(item: list, action: str, value: str) -> None:
            clock[0] = min(clock[1], clock[0] + dt.timedelta(seconds=rng.uniform(8, 35)))
            data.coaching_changes.append(
                (self.new_id("coaching_changes"), item[I_ID], mid, action, value, clock[0])
            )

        def add(kind: str, text: str) -> None:
            item = [self.new_id("coaching_items"), rep.id, kind, text, KINDS[kind][0], False, mid]
            self.countdown[item[I_ID]] = rng.randint(*PACE[kind][0])
            data.coaching_items.append(item)
            rep.coaching.append(item)
            rep.used.add(text)
            change(item, "added", text)

        for item in list(rep.coaching):
            self.countdown[item[I_ID]] -= 1
            cycle = KINDS[item[I_KIND]]
            step = cycle.index(item[I_STATUS])
            if self.countdown[item[I_ID]] <= 0:
                if step == len(cycle) - 1:  # finished a while ago: cleared from the plan
                    item[I_REMOVED] = True
                    rep.coaching.remove(item)
                    change(item, "removed", "")
                else:
                    item[I_STATUS] = cycle[step + 1]
                    self.countdown[item[I_ID]] = rng.randint(*PACE[item[I_KIND]][step + 1])
                    change(item, "status", item[I_STATUS])
            elif item[I_KIND] == "skill" and step == 0 and rng.random() < 0.005:
                item[I_REMOVED] = True  # not the priority any more
                rep.coaching.remove(item)
                change(item, "removed", "")
        live = {
            kind: [i for i in rep.coaching if i[I_KIND] == kind and i[I_STATUS] != done[-1]]
            for kind, done in KINDS.items()
        }
        if (not live["skill"] and rng.random() < (0.9 if not rep.used else 0.35)) or (
            len(live["skill"]) == 1 and rng.random() < 0.008
        ):
            add("skill", self._skill(rep, day))
        if not live["goal"] and rng.random() < 0.06:
            add("goal", rng.choice([g for g in GOAL_ITEMS if g not in rep.used] or GOAL_ITEMS))
        if not live["training"] and rng.random() < 0.025:
            add(
                "training",
                rng.choice([t for t in TRAINING_ITEMS if t not in rep.used] or TRAINING_ITEMS),
            )

    def _skill(self, rep: SimRep, day: dt.date) -> str:
        """What to work on next: most often what the weakest number calls for."""
        rng = self.rng
        working = {i[I_TEXT] for i in rep.coaching}
        fresh = [s for s in SKILL_ITEMS if s not in rep.used] or [
            s for s in SKILL_ITEMS if s not in working
        ]
        weakest, lowest = None, 0.9
        for key, m in self.metrics.items():
            start = review_period(m.period, day)
            step = dt.timedelta(weeks=1) if m.period == "week" else dt.timedelta(days=30)
            got = [
                rep.values[(key, p)]
                for p in (period_start(m.period, start - step * j) for j in range(6))
                if (key, p) in rep.values
            ]
            target = self.targets.at(rep, key, day)
            if got and target and sum(got) / len(got) / target < lowest:
                weakest, lowest = key, sum(got) / len(got) / target
        hinted = [s for s in WEAK_SKILLS.get(weakest or "", ()) if s in fresh]
        return rng.choice(hinted if hinted and rng.random() < 0.7 else fresh)
