"""The demo's history, simulated in memory: years of completed one-on-ones for a team of
reps (weekly mostly, some biweekly or monthly), on the bundled agendas, with notes in every
section, section timings around the plan, commitments for both owners and the reviews that
closed them (:mod:`.team`, :mod:`.meeting`), and what the sections' structure records:
numbers, targets, confidence, coaching plan and calls (:mod:`.plans`).

Everything comes from two seeded :class:`random.Random` streams (the second for the
numbers, coaching and calls: the meetings, timings and commitments are the same as without
them; the notes quote them); :mod:`.writer` writes the rows. No Textual here.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import TYPE_CHECKING

from oneonone_tui.demo import MAX_REPS, MAX_WEEKS
from oneonone_tui.demo.meeting import Filler, run_meeting
from oneonone_tui.demo.plans import Plans
from oneonone_tui.demo.rows import TABLES, DemoData
from oneonone_tui.demo.team import make_team

if TYPE_CHECKING:
    from oneonone_tui.domain.agenda import Agenda
    from oneonone_tui.domain.metrics import Metric

AGENDA_SLUGS = ("weekly", "monthly-results", "pipeline-review", "career-development")


def bundled_agendas() -> dict[str, Agenda]:
    """The bundled templates the demo runs, by slug."""
    from oneonone_tui.templates.agendas import discover_agendas, find_agenda

    entries = discover_agendas(None)
    found = {}
    for slug in AGENDA_SLUGS:
        entry = find_agenda(entries, slug)
        if entry is None or not entry.ok:
            raise RuntimeError(f"the bundled agenda {slug!r} is missing or broken")
        found[slug] = entry.agenda
    return found


def generate(
    reps: int = 50,
    weeks: int = 260,
    seed: int = 1,
    *,
    today: dt.date,
    agendas: dict[str, Agenda] | None = None,
    first_ids: dict[str, int] | None = None,
    metrics: dict[str, Metric] | None = None,
) -> DemoData:
    """Simulate the history in memory; the same arguments give the same rows."""
    if not 1 <= reps <= MAX_REPS:
        raise ValueError(f"reps must be from 1 to {MAX_REPS}")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}")
    agendas = agendas or bundled_agendas()
    if metrics is None:
        from oneonone_tui.templates.metrics import load_metrics

        metrics = load_metrics(None)[0]  # the bundled metrics.yaml, like the agendas
    ids = dict.fromkeys(TABLES, 1)
    ids.update(first_ids or {})
    rng = random.Random(seed)
    fill = Filler(rng)
    data = DemoData()
    frozen = {
        slug: (a.slug or a.name, a.name, json.dumps(a.to_dict()), a) for slug, a in agendas.items()
    }
    team = make_team(data, ids, rng, reps, today - dt.timedelta(weeks=weeks), today)

    # the numbers, targets, coaching plan and calls draw from a stream of their own
    plans = Plans(seed, today, agendas, metrics, data, ids)
    for rep in team:
        plans.hire(rep)
    events = sorted((at, i, slug) for i, rep in enumerate(team) for at, slug in rep.slots)
    for at, i, slug in events:
        rep = team[i]
        last = at == rep.slots[-1][0]
        run_meeting(data, ids, rep, at, frozen[slug], rng, fill, plans, last=last)
    plans.finish(team)
    return data
