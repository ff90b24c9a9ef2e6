"""``oneonone demo``: fill an empty database with a realistic, deterministic team history.

Years of completed one-on-ones for a team of reps (weekly mostly, some biweekly or
monthly), on the bundled agendas, with notes in every section, section timings around
the plan, commitments for both owners and the reviews that closed them, stored exactly
as the app stores them (see :func:`oneonone_tui.store.queries.mark_review`).

Everything is simulated in memory from one seeded :class:`random.Random`, then written
with bulk inserts in one transaction, ids computed here: 50 reps x 260 weeks (about
11,000 meetings, 180,000 rows) take about six seconds. No Textual here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .cadence import add_months, parse_cadence

if TYPE_CHECKING:
    from .agenda import Agenda

# Peewee, the models and PyYAML are imported where used: adding the sub-command to the
# CLI's parser costs nothing.

AGENDA_SLUGS = ("weekly", "monthly-results", "pipeline-review", "career-development")
MAX_REPS = 500
MAX_WEEKS = 1040  # twenty years
MAX_CARRIES = 4

# --- the phrase bank ---------------------------------------------------------------------

FIRST = ("Ada", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
         "Keiko", "Liam", "Maya", "Nico", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
         "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Amir", "Bea", "Chen", "Dana",
         "Emil", "Fatima", "Gus", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Marco", "Nadia",
         "Omar", "Paula", "Raj", "Sofia", "Tom", "Vera", "Will", "Yara", "Zane", "Aisha")
LAST = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Reyes", "Schmidt", "Haddad",
        "Kowalski", "Brennan", "Silva", "Nguyen", "Fischer", "Rossi", "Ivanova", "Patel",
        "Costa", "Larsen", "Mensah", "O'Neill", "Dubois", "Kim", "Horvat", "Jensen", "Alvarez",
        "Weber", "Sato", "Popescu", "Murphy", "Bauer", "Castillo", "Eriksen", "Varga",
        "Walsh", "Yilmaz", "Abbott", "Greco", "Hoffman", "Lambert", "Petrov")
ACCOUNTS = ("Acme", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Foods",
            "Hooli", "Soylent", "Vandelay Imports", "Wonka Retail", "Tyrell Systems",
            "Cyberdyne", "Massive Dynamic", "Oscorp", "Aperture Labs", "Pied Piper",
            "Dunder Mifflin", "Prestige Worldwide", "Monarch Bank", "Nakatomi", "Gekko & Co",
            "Bluth Homes", "Sterling Cooper", "Kramerica", "Blue Sun", "Virtucon",
            "Cheers Hospitality", "Los Pollos", "Duff Brewing", "Genco Shipping")
CONTACTS = ("the CFO", "the VP of Sales", "procurement", "the IT director", "their COO",
            "the new head of ops", "legal", "the economic buyer", "our champion",
            "the regional manager", "the CEO", "the purchasing lead")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
SKILLS = ("discovery questions", "handling the price objection", "multi-threading deals",
          "negotiating without discounting", "running a tight demo", "asking for the close",
          "qualifying out early", "writing shorter proposals", "cold-call openers",
          "building a mutual close plan")
OBJECTIONS = ("price", "timing", "the incumbent vendor", "budget freeze", "implementation risk",
              "contract length", "security review")

SECTION_SENTENCES: dict[str, tuple[str, ...]] = {
    "goal": (
        "At {pct}% of the monthly quota with {days} selling days left.",
        "Closed {account} for ${amount}k this week; that moves the quarter to {pct}%.",
        "Pipeline coverage is {cover}x for the quarter, which is thin for the target.",
        "Forecast for the month stays at ${amount}k, commit is {pct}% of that.",
        "Still {gap}k short of goal; the gap is mostly {account} slipping a month.",
        "Sounds confident about {account}, less so about the two smaller deals.",
        "Snapshot versus last week: two deals advanced a stage, one went dark.",
        "Ahead of plan year to date thanks to the {account} renewal.",
    ),
    "help": (
        "Needs help with the {account} procurement process: {contact} keeps adding steps.",
        "Wants me on the {account} call on {weekday} to handle {objection}.",
        "Asked for a case study for {account}; marketing has one in the same industry.",
        "Struggling to get {contact} at {account} to commit to a date.",
        "Feels stretched between renewals and new business; we talked about priorities.",
        "Needs pricing approval above the standard discount for {account}.",
        "Could use a second pair of eyes on the {account} proposal before it goes out.",
        "Legal review on the {account} contract is stuck; I will escalate.",
    ),
    "behavior": (
        "{dials} dials and {convos} conversations last week against a target of {target}.",
        "Sent {n} proposals; two are waiting on legal.",
        "Booked {n} discovery meetings, below the cookbook number of {target2}.",
        "Activity is fine but conversion from conversation to meeting dropped.",
        "Dials were low on {weekday} and {weekday2} because of the offsite.",
        "CRM hygiene is better: every open opportunity has a next step and a date.",
        "Leading indicators on track; the lag is in proposals turning into closes.",
        "Blocked two hours every morning for prospecting and kept to it.",
    ),
    "coaching": (
        "Working on {skill}; better on the {account} call than last month.",
        "Practised {skill} in a role-play; still jumps to the demo too early.",
        "We listened to the {account} recording together and picked two moments to redo.",
        "Next skill after this one: {skill}.",
        "Good progress on {skill}; wants more reps on it before the QBR season.",
        "Short on time for coaching again; moved the role-play to {weekday}.",
        "Discussed how {objection} came up and a better first answer to it.",
    ),
    "calls": (
        "Big call with {contact} at {account} on {weekday}; we plan it together.",
        "Joint call with {account} next week: I take the pricing part.",
        "Renewal conversation with {account} before the end of the month.",
        "First meeting with {contact} at {account}; goal is a discovery session.",
        "Demo for {account} on {weekday}, three people from their side.",
        "Negotiation with {account} on {weekday}; walk-away point agreed.",
    ),
    "results": (
        "Last month closed ${amount}k against a goal of ${goal}k ({pct}%).",
        "Ranks {rank} of the team this month; {account} was the difference.",
        "Pipeline value is ${pipeline}k, up from last month.",
        "Year to date at {pct}% of the annual goal.",
        "Two deals slipped into next month: {account} and a smaller one.",
        "To finish ahead of goal the average deal size has to grow, not the count.",
        "Next 60-90 days look solid if {account} signs on time.",
    ),
    "deals": (
        "{account}: stage 3, next step a technical review on {weekday}.",
        "{account} has no next step on the calendar; that is the first thing to fix.",
        "{account} is in procurement; expected close in {n} weeks.",
        "Strategy for {account}: get to {contact} before the competitor does.",
        "{account} went quiet after the proposal; try a different contact.",
    ),
    "forecast": (
        "Forecast for the month is ${amount}k, best case ${goal}k.",
        "Trend is up three months in a row, mostly from expansion deals.",
        "Commit for the quarter stays where it was; upside is {account}.",
        "Win rate dropped to {pct}% because of more competitive deals.",
    ),
    "career": (
        "Wants to move into a team-lead role within two years.",
        "Interested in strategic accounts; needs bigger deals first.",
        "Strength: relationships. To improve: forecasting accuracy.",
        "Signed up for the negotiation course next quarter.",
        "Milestone for next time: run the team's pipeline meeting once.",
        "Would like to mentor the new hires on {skill}.",
        "Asked for more exposure to enterprise deals like {account}.",
    ),
}
SECTION_KIND = {
    "goal-status": "goal", "help": "help", "behavior-plan": "behavior",
    "coaching-plan": "coaching", "upcoming-calls": "calls", "last-month": "results",
    "year-to-date": "results", "future-results": "results", "commitments": "calls",
    "key-deals": "deals", "activity": "behavior", "forecast": "forecast",
    "expectations": "deals", "aspirations": "career", "progress": "career",
    "development-plan": "career", "support": "help",
}
PRIVATE_SENTENCES = (
    "Private: seems stretched at home; check in on workload before adding targets.",
    "Private: possible flight risk, mentioned a recruiter call.",
    "Private: keep an eye on the attitude in team meetings.",
    "Private: candidate for the team-lead role next year.",
    "Private: second week in a row the CRM numbers do not match the story.",
    "Private: asked about a raise; discuss with HR before the review.",
)
REP_COMMITMENTS = (
    "Send the revised proposal to {account}",
    "Book {n} discovery meetings",
    "Make {dials} dials before {weekday}",
    "Update every {account} opportunity in the CRM with a next step",
    "Get a mutual close plan agreed with {account}",
    "Follow up with {contact} at {account} on pricing",
    "Prepare the QBR deck for {account}",
    "Role-play {objection} with a peer",
    "Qualify the {account} lead and decide go or no-go",
    "Ask {account} for a reference call",
    "Send the security questionnaire back to {account}",
    "Map the buying committee at {account}",
    "Write the recap email for the {account} meeting",
    "Re-engage {contact} at {account} with the case study",
)
MANAGER_COMMITMENTS = (
    "Get pricing approval for {account}",
    "Join the {account} call on {weekday}",
    "Send the negotiation training link",
    "Introduce the rep to our sponsor at {account}",
    "Review the territory plan",
    "Ask marketing for a case study for {account}",
    "Escalate the {account} contract redlines with legal",
    "Set up a role-play on {skill}",
    "Share the forecast template",
    "Book the quarterly career conversation",
)
DROP_REASONS = (
    "no longer relevant: the account went with a competitor",
    "deal closed lost",
    "customer postponed the project to next year",
    "covered by the new marketing campaign instead",
    "the contact left the company",
    "territory reassigned",
    "replaced by a better plan agreed today",
)
COMMITMENT_SECTIONS = {
    "rep": ("goal-status", "behavior-plan", "upcoming-calls", "key-deals", "activity",
            "future-results", "commitments", "expectations", "development-plan"),
    "manager": ("help", "coaching-plan", "support", "commitments", "expectations"),
}


# --- the simulated history ------------------------------------------------------------------

@dataclass
class DemoData:
    """Rows ready for ``insert_many``: one list of tuples per table, columns as named."""

    reps: list[tuple] = field(default_factory=list)
    meetings: list[tuple] = field(default_factory=list)
    section_runs: list[tuple] = field(default_factory=list)
    notes: list[tuple] = field(default_factory=list)
    commitments: list[list] = field(default_factory=list)
    review_marks: list[tuple] = field(default_factory=list)
    corrections: list[tuple] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"reps": len(self.reps), "meetings": len(self.meetings),
                "sections": len(self.section_runs), "notes": len(self.notes),
                "commitments": len(self.commitments), "review marks": len(self.review_marks),
                "corrections": len(self.corrections)}


COLUMNS = {
    "reps": ("id", "name", "cadence", "archived", "created_at"),
    "meetings": ("id", "rep", "agenda_slug", "agenda_name", "agenda_json", "status",
                 "started_at", "ended_at", "phase", "current_section", "review_skipped"),
    "section_runs": ("id", "meeting", "position", "key", "title", "planned_seconds",
                     "actual_seconds", "extra_seconds", "visited"),
    "notes": ("id", "meeting", "section_key", "text", "private", "updated_at"),
    "commitments": ("id", "meeting", "rep", "owner", "text", "due", "status", "closed_in",
                    "note", "created_at", "carry_count", "section_key"),
    "review_marks": ("id", "meeting", "commitment", "verdict", "reason", "old_due", "new_due",
                     "prior_status", "prior_carry_count", "marked_at"),
    "corrections": ("id", "meeting", "kind", "target", "field", "old_value", "new_value",
                    "corrected_at"),
}
# positions in a commitment row (a list: it changes while the history is simulated)
C_ID, C_OWNER, C_DUE, C_STATUS, C_CLOSED, C_NOTE, C_CARRIES = 0, 3, 5, 6, 7, 8, 10


@dataclass
class _Rep:
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


def bundled_agendas() -> dict[str, Agenda]:
    """The bundled templates the demo runs, by slug."""
    from .agenda import discover_agendas, find_agenda

    entries = discover_agendas(None)
    found = {}
    for slug in AGENDA_SLUGS:
        entry = find_agenda(entries, slug)
        if entry is None or not entry.ok:
            raise RuntimeError(f"the bundled agenda {slug!r} is missing or broken")
        found[slug] = entry.agenda
    return found


class _Filler:
    """Random values for the phrase bank's placeholders, drawn lazily per text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def context(self) -> dict[str, Any]:
        r = self.rng
        pct = r.randint(38, 128)
        amount = r.randrange(15, 320, 5)
        return {
            "pct": pct, "days": r.randint(2, 18), "amount": amount,
            "goal": amount + r.randrange(0, 120, 5), "cover": round(r.uniform(1.4, 4.2), 1),
            "gap": r.randrange(10, 150, 5), "account": r.choice(ACCOUNTS),
            "contact": r.choice(CONTACTS), "weekday": r.choice(WEEKDAYS),
            "weekday2": r.choice(WEEKDAYS), "objection": r.choice(OBJECTIONS),
            "skill": r.choice(SKILLS), "dials": r.randrange(60, 260, 10),
            "convos": r.randint(8, 45), "target": r.randrange(150, 260, 25),
            "target2": r.randint(4, 8), "n": r.randint(2, 8), "rank": r.randint(1, 12),
            "pipeline": r.randrange(200, 1800, 25),
        }

    def note(self, section_key: str) -> str:
        pool = SECTION_SENTENCES[SECTION_KIND.get(section_key, "goal")]
        ctx = self.context()
        count = min(len(pool), self.rng.choice((1, 2, 2, 3, 3, 3, 4, 5)))
        return " ".join(s.format(**ctx) for s in self.rng.sample(pool, count))

    def commitment(self, owner: str) -> str:
        bank = REP_COMMITMENTS if owner == "rep" else MANAGER_COMMITMENTS
        return self.rng.choice(bank).format(**self.context())


def _schedule(rep: _Rep, rng: random.Random, first: dt.date, last: dt.date) -> list[dt.date]:
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


def _agenda_for(rep: _Rep, day: dt.date, previous: dt.date | None, rng: random.Random) -> str:
    roll = rng.random()
    if rep.cadence == "monthly":
        return ("career-development" if roll < 0.08 else
                "pipeline-review" if roll < 0.2 else "monthly-results")
    if previous is None or previous.month != day.month:
        return "monthly-results"  # the first meeting of the month looks at last month
    if roll < 0.03:
        return "career-development"
    if roll < 0.12:
        return "pipeline-review"
    return "weekly"


def generate(reps: int = 50, weeks: int = 260, seed: int = 1,
             today: dt.date | None = None, agendas: dict[str, Agenda] | None = None,
             first_ids: dict[str, int] | None = None) -> DemoData:
    """Simulate the history in memory; the same arguments give the same rows."""
    if not 1 <= reps <= MAX_REPS:
        raise ValueError(f"reps must be from 1 to {MAX_REPS}")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}")
    today = today or dt.date.today()
    agendas = agendas or bundled_agendas()
    ids = {"reps": 1, "meetings": 1, "section_runs": 1, "notes": 1, "commitments": 1,
           "review_marks": 1, "corrections": 1}
    ids.update(first_ids or {})
    rng = random.Random(seed)
    fill = _Filler(rng)
    data = DemoData()
    frozen = {slug: (a.slug or a.name, a.name, json.dumps(a.to_dict()), a)
              for slug, a in agendas.items()}

    # the team: unique names, mixed cadences, a slot each in the week
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    chosen = rng.sample(names, reps)
    slots = [(wd, 8 * 60 + 30 * s) for wd in range(5) for s in range(16)]
    rng.shuffle(slots)
    first_day = today - dt.timedelta(weeks=weeks)
    team: list[_Rep] = []
    for i, name in enumerate(chosen):
        roll = rng.random()
        cadence = "monthly" if roll < 0.06 else "biweekly" if roll < 0.18 else "weekly"
        weekday, minute = slots[i % len(slots)]
        rep = _Rep(ids["reps"] + i, name, parse_cadence(cadence).label, weekday, minute,
                   rng.uniform(0.55, 0.95), rng.uniform(0.8, 0.97))
        team.append(rep)
        hired = dt.datetime.combine(first_day - dt.timedelta(days=rng.randint(3, 40)),
                                    dt.time(rng.randint(8, 17), rng.randint(0, 59),
                                            rng.randint(0, 59), rng.randint(0, 999_999)))
        data.reps.append((rep.id, rep.name, rep.cadence, False, hired))
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

    events = sorted((at, i, slug) for i, rep in enumerate(team) for at, slug in rep.slots)
    for at, i, slug in events:
        rep = team[i]
        _meeting(data, ids, rep, at, frozen[slug], rng, fill, last=at == rep.slots[-1][0])
    return data


def _meeting(data: DemoData, ids: dict[str, int], rep: _Rep, at: dt.datetime,
             agenda_row: tuple[str, str, str, Agenda], rng: random.Random,
             fill: _Filler, *, last: bool = False) -> None:
    """One completed meeting as the app records it: review, sections, commitments."""
    slug, name, frozen_json, agenda = agenda_row
    mid = ids["meetings"]
    ids["meetings"] += 1
    rep.meetings += 1
    if rep.meetings % 4 == 0:  # follow-through drifts month to month
        rep.reliability = min(0.98, max(0.4, rep.reliability + rng.uniform(-0.08, 0.08)))
    cadence = parse_cadence(rep.cadence)
    next_day = cadence.next_after(at.date())

    # the review of what is still open
    clock = at + dt.timedelta(seconds=rng.randint(20, 90))
    skipped = bool(rep.open) and rng.random() < 0.02
    if not skipped:
        still_open = []
        for c in rep.open:
            clock += dt.timedelta(seconds=rng.randint(10, 45))
            verdict, reason, new_due = _verdict(rep, c, at.date(), next_day, rng)
            data.review_marks.append((ids["review_marks"], mid, c[C_ID], verdict, reason,
                                      c[C_DUE], new_due, c[C_STATUS], c[C_CARRIES], clock))
            ids["review_marks"] += 1
            if verdict == "carried":
                c[C_STATUS], c[C_DUE], c[C_CARRIES], c[C_CLOSED] = ("carried", new_due,
                                                                     c[C_CARRIES] + 1, None)
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
    for pos, section in enumerate(agenda.sections):
        planned = section.seconds
        if section.key == "coaching-plan" and rng.random() < 0.6:
            factor = rng.uniform(0.3, 0.7)  # coaching is what gets squeezed
        else:
            factor = min(1.8, max(0.4, rng.gauss(1.02, 0.17)))
        extra = 60 if factor > 1.15 and rng.random() < 0.4 else 0
        actual = round(planned * factor + rng.random(), 1)
        data.section_runs.append((ids["section_runs"], mid, pos, section.key, section.title,
                                  planned, actual, extra, True))
        ids["section_runs"] += 1
        start = clock
        clock += dt.timedelta(seconds=int(actual))
        for owner, key in made:
            if key == section.key:
                created = start + dt.timedelta(seconds=rng.randint(0, max(1, int(actual))))
                data.commitments.append(_commitment(ids, mid, rep, owner, key, created,
                                                    at.date(), next_day, rng, fill))
                rep.open.append(data.commitments[-1])
        text = fill.note(section.key)
        private = pos == private_at
        if private:
            text = rng.choice(PRIVATE_SENTENCES) + " " + text
        updated = clock - dt.timedelta(seconds=rng.randint(1, 20))
        if pos == corrected_at:
            fixed = dt.datetime.combine(at.date() + dt.timedelta(days=rng.randint(0, 3)),
                                        dt.time(17, rng.randint(0, 59)))
            fixed = max(fixed, clock + dt.timedelta(hours=1))
            old, text = text, text + " (Corrected: " + fill.note(section.key) + ")"
            data.corrections.append((ids["corrections"], mid, "note", section.key, "text",
                                     old, text, fixed))
            ids["corrections"] += 1
            updated = fixed
        data.notes.append((ids["notes"], mid, section.key, text, private, updated))
        ids["notes"] += 1
    ended = clock + dt.timedelta(seconds=rng.randint(40, 150))
    data.meetings.append((mid, rep.id, slug, name, frozen_json, "completed", at, ended,
                          "summary", len(keys) - 1, skipped))


def _commitment(ids: dict[str, int], mid: int, rep: _Rep, owner: str, section_key: str,
                created: dt.datetime, day: dt.date, next_day: dt.date, rng: random.Random,
                fill: _Filler) -> list:
    roll = rng.random()
    if roll < 0.55:
        due = next_day  # "next": the next one-on-one by cadence
    elif roll < 0.85:
        due = day + dt.timedelta(days=rng.randint(1, max(1, (next_day - day).days)))
    else:
        due = day + dt.timedelta(days=rng.choice((14, 21, 28)))
    row = [ids["commitments"], mid, rep.id, owner, fill.commitment(owner), due, "open", None,
           "", created, 0, section_key]
    ids["commitments"] += 1
    return row


def _verdict(rep: _Rep, c: list, day: dt.date, next_day: dt.date,
             rng: random.Random) -> tuple[str, str, dt.date | None]:
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


# --- writing ------------------------------------------------------------------------------

def _models() -> dict[str, Any]:
    from .store.models import Commitment, Correction, Meeting, Note, Rep, ReviewMark, SectionRun

    return {"reps": Rep, "meetings": Meeting, "section_runs": SectionRun, "notes": Note,
            "commitments": Commitment, "review_marks": ReviewMark, "corrections": Correction}


class NotEmpty(Exception):
    """The target database already holds a team."""


def next_ids() -> dict[str, int]:
    """The first free id of each table in the bound database."""
    from peewee import fn

    return {table: (model.select(fn.MAX(model.id)).scalar() or 0) + 1
            for table, model in _models().items()}


def write(data: DemoData) -> None:
    """Bulk-insert ``data`` into the bound database in one transaction, parents first.

    Peewee renders each table's ``insert_many`` statement once; the rows, which already
    hold what the fields' ``db_value`` gives (int, str, bool, date, datetime, None), go
    through the driver's ``executemany`` (rendering 300,000 rows through Peewee's SQL
    builder alone would take half a minute)."""
    from peewee import PostgresqlDatabase

    from .store.models import db

    models = _models()
    with db.atomic():
        cursor = db.cursor()
        for table, model in models.items():
            rows = getattr(data, table)
            if not rows:
                continue
            columns = [getattr(model, name) for name in COLUMNS[table]]
            sql, _params = model.insert_many([rows[0]], fields=columns).sql()
            sql = sql.split(" RETURNING ")[0]
            for start in range(0, len(rows), 20_000):
                cursor.executemany(sql, rows[start:start + 20_000])
        if isinstance(db.obj, PostgresqlDatabase):
            for model in models.values():
                table = model._meta.table_name
                db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                               f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))")


def fill(reps: int = 50, weeks: int = 260, seed: int = 1,
         today: dt.date | None = None) -> dict[str, int]:
    """Fill the bound, team-less database; returns the row counts written."""
    from .store.models import Rep

    if Rep.select().exists():
        raise NotEmpty("the database already holds reps; the demo only fills an empty "
                       "database: point --db at a new file")
    data = generate(reps, weeks, seed, today, first_ids=next_ids())
    write(data)
    return data.counts()


# --- the command ----------------------------------------------------------------------------

def _bounded(low: int, high: int) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, got {value}")
        return value

    return parse


def _add_arguments(parser: argparse.ArgumentParser, db_default: Any) -> None:
    parser.add_argument("--db", metavar="PATH_OR_URL", default=db_default,
                        help="the database to fill (must hold no reps yet)")
    parser.add_argument("--reps", type=_bounded(1, MAX_REPS), default=50,
                        help="how many reps (default 50)")
    parser.add_argument("--weeks", type=_bounded(1, MAX_WEEKS), default=260,
                        help="how many weeks of history (default 260, five years)")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed: the same seed gives the same history (default 1)")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``demo`` to the ``oneonone`` sub-commands. ``--db`` may come before or after
    ``demo``; given after, it replaces the global one."""
    parser = subparsers.add_parser(
        "demo", help="fill an empty database with a realistic team history (for trying out)",
        description="Fill an empty database with years of realistic, made-up one-on-ones.")
    _add_arguments(parser, argparse.SUPPRESS)
    return parser


def run(args: argparse.Namespace, db_target: str) -> int:
    """Open ``db_target``, refuse it if it holds reps, fill it; 0 on success, 1 on error."""
    from .store.database import StorageError, describe_target, open_database
    from .store.models import db

    started = time.perf_counter()
    try:
        open_database(db_target)
    except StorageError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return 1
    try:
        counts = fill(args.reps, args.weeks, args.seed)
    except NotEmpty as exc:
        print(f"oneonone: error: {describe_target(db_target)}: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"filled {describe_target(db_target)} with {counts['reps']} reps, "
          f"{counts['meetings']} meetings, {counts['commitments']} commitments, "
          f"{counts['notes']} notes in {time.perf_counter() - started:.1f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m oneonone_tui.demo --db PATH ...``: the same as ``oneonone demo``."""
    parser = argparse.ArgumentParser(prog="python -m oneonone_tui.demo",
                                     description="Fill an empty database with a demo team.")
    _add_arguments(parser, None)
    args = parser.parse_args(argv)
    if not args.db:
        parser.error("--db is required")
    return run(args, args.db)


if __name__ == "__main__":
    sys.exit(main())
