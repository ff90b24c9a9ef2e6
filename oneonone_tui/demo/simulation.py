"""``oneonone demo``: fill an empty database with a realistic, deterministic team history.

Years of completed one-on-ones for a team of reps (weekly mostly, some biweekly or
monthly), on the bundled agendas, with notes in every section, section timings around
the plan, commitments for both owners and the reviews that closed them, stored exactly
as the app stores them (see :func:`oneonone_tui.store.queries.mark_review`).

Besides, what the sections' structure records (see :class:`_Plans`), again as the app
stores it (:mod:`oneonone_tui.store.numbers`, :mod:`oneonone_tui.store.plans`):

* actuals for every metric an agenda's numbers show, per week or month from hire: per-rep
  skill, a ramp-up, trends, seasons and noise; entered in the first meeting that reviews
  the period (``domain.metrics.review_period``), else from the nightly CRM import (no meeting);
* targets: a starting target per metric at hire, then changes with their reasons (end of
  the ramp-up, a new fiscal year's quota by last year's attainment, territory changes,
  leading indicators adjusted), most of them made in a meeting that shows the metric;
* a confidence rating (1-5, following the rep's numbers) in every meeting with goal status;
* the coaching plan: skills, a long-term goal, trainings, added and moved on (working ->
  improving -> done, agreed -> done, open -> reached) in coaching-plan sections, and
  cleared away now and then;
* one to three important upcoming calls per upcoming-calls section, some joint with the
  pre-call plan; their outcome and debrief are recorded in the next such meeting, so only
  the latest meeting's calls (and a long-overdue rep's) are still open.

Everything is simulated in memory from two seeded :class:`random.Random` streams (the
second for the numbers, coaching and calls: the meetings, timings and commitments are the
same as without them; the notes quote them), then written with bulk inserts in one
transaction, ids computed here: 50 reps x 260 weeks (about 11,000 meetings, 270,000 rows)
take about four seconds. No Textual here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oneonone_tui.demo import MAX_REPS, MAX_WEEKS
from oneonone_tui.domain.cadence import add_months, parse_cadence
from oneonone_tui.store.scope import current_manager

if TYPE_CHECKING:
    from oneonone_tui.domain.agenda import Agenda
    from oneonone_tui.domain.metrics import Metric

# Peewee, the models and PyYAML are imported where used: adding the sub-command to the
# CLI's parser costs nothing.

AGENDA_SLUGS = ("weekly", "monthly-results", "pipeline-review", "career-development")
MAX_CARRIES = 4

# --- the phrase bank ---------------------------------------------------------------------

FIRST = (
    "Ada",
    "Ben",
    "Carla",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Keiko",
    "Liam",
    "Maya",
    "Nico",
    "Olga",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Amir",
    "Bea",
    "Chen",
    "Dana",
    "Emil",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Julia",
    "Kofi",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Paula",
    "Raj",
    "Sofia",
    "Tom",
    "Vera",
    "Will",
    "Yara",
    "Zane",
    "Aisha",
)
LAST = (
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Novak",
    "Reyes",
    "Schmidt",
    "Haddad",
    "Kowalski",
    "Brennan",
    "Silva",
    "Nguyen",
    "Fischer",
    "Rossi",
    "Ivanova",
    "Patel",
    "Costa",
    "Larsen",
    "Mensah",
    "O'Neill",
    "Dubois",
    "Kim",
    "Horvat",
    "Jensen",
    "Alvarez",
    "Weber",
    "Sato",
    "Popescu",
    "Murphy",
    "Bauer",
    "Castillo",
    "Eriksen",
    "Varga",
    "Walsh",
    "Yilmaz",
    "Abbott",
    "Greco",
    "Hoffman",
    "Lambert",
    "Petrov",
)
ACCOUNTS = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Wayne Foods",
    "Hooli",
    "Soylent",
    "Vandelay Imports",
    "Wonka Retail",
    "Tyrell Systems",
    "Cyberdyne",
    "Massive Dynamic",
    "Oscorp",
    "Aperture Labs",
    "Pied Piper",
    "Dunder Mifflin",
    "Prestige Worldwide",
    "Monarch Bank",
    "Nakatomi",
    "Gekko & Co",
    "Bluth Homes",
    "Sterling Cooper",
    "Kramerica",
    "Blue Sun",
    "Virtucon",
    "Cheers Hospitality",
    "Los Pollos",
    "Duff Brewing",
    "Genco Shipping",
)
CONTACTS = (
    "the CFO",
    "the VP of Sales",
    "procurement",
    "the IT director",
    "their COO",
    "the new head of ops",
    "legal",
    "the economic buyer",
    "our champion",
    "the regional manager",
    "the CEO",
    "the purchasing lead",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
SKILLS = (
    "discovery questions",
    "handling the price objection",
    "multi-threading deals",
    "negotiating without discounting",
    "running a tight demo",
    "asking for the close",
    "qualifying out early",
    "writing shorter proposals",
    "cold-call openers",
    "building a mutual close plan",
)
OBJECTIONS = (
    "price",
    "timing",
    "the incumbent vendor",
    "budget freeze",
    "implementation risk",
    "contract length",
    "security review",
)

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
        "Booked {meetings} discovery meetings; the cookbook number is {target2}.",
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
        "Call with {account} next week; pricing will come up, so we agreed the answer.",
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
    "goal-status": "goal",
    "help": "help",
    "behavior-plan": "behavior",
    "coaching-plan": "coaching",
    "upcoming-calls": "calls",
    "last-month": "results",
    "year-to-date": "results",
    "future-results": "results",
    "commitments": "calls",
    "key-deals": "deals",
    "activity": "behavior",
    "forecast": "forecast",
    "expectations": "deals",
    "aspirations": "career",
    "progress": "career",
    "development-plan": "career",
    "support": "help",
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
    "rep": (
        "goal-status",
        "behavior-plan",
        "upcoming-calls",
        "key-deals",
        "activity",
        "future-results",
        "commitments",
        "expectations",
        "development-plan",
    ),
    "manager": ("help", "coaching-plan", "support", "commitments", "expectations"),
}


# the coaching plan (seed 003, topic 4): skills, a long-term goal, trainings
SKILL_ITEMS = (
    "Discovery questions",
    "Handling the price objection",
    "Multi-threading deals",
    "Negotiating without discounting",
    "Running a tight demo",
    "Asking for the close",
    "Qualifying out early",
    "Writing shorter proposals",
    "Cold-call openers",
    "Building a mutual close plan",
    "Getting past the gatekeeper",
    "Up-front contracts at the start of a call",
    "Time blocking for prospecting",
    "Asking for the next meeting",
    "Prospecting into existing accounts",
    "Summarising the pain before pitching",
)
WEAK_SKILLS = {  # the metric furthest under target suggests what to coach
    "dials": ("Time blocking for prospecting", "Cold-call openers"),
    "conversations": ("Cold-call openers", "Getting past the gatekeeper"),
    "qualified-leads": ("Qualifying out early", "Discovery questions"),
    "meetings-set": ("Asking for the next meeting", "Up-front contracts at the start of a call"),
    "proposals-sent": ("Discovery questions", "Summarising the pain before pitching"),
    "revenue-closed": (
        "Asking for the close",
        "Negotiating without discounting",
        "Building a mutual close plan",
    ),
    "pipeline-value": ("Multi-threading deals", "Prospecting into existing accounts"),
}
GOAL_ITEMS = (
    "Team lead within two years",
    "Move to strategic accounts",
    "President's Club this year",
    "Senior account executive by the next review",
    "Move into a sales-engineering role",
    "Own the partner channel",
    "Mentor the next new hires",
    "Run enterprise deals over $250k",
)
TRAINING_ITEMS = (
    "Negotiation course (two days)",
    "Sandler foundations, module 3",
    "Product certification: the platform",
    "Presentation skills workshop",
    "MEDDICC qualification training",
    "Time-management workshop",
    "Active listening course",
    "Financial acumen: reading a P&L",
    "Prospecting bootcamp",
    "Objection-handling role-play series",
)
# the important upcoming calls (seed 003, topic 5): purpose, and for a joint call the plan
# (why they think we come, what a win looks like, the next step we ask for)
CALL_PURPOSES = (
    (
        "First meeting with {contact}",
        "they answered our note about {topic}",
        "agreement that the problem is worth solving this year",
        "a discovery session with their team",
    ),
    (
        "Discovery session with {contact}",
        "to understand how they handle {topic} today",
        "three pains in their own words and a budget range",
        "a demo for the people who feel the pain",
    ),
    (
        "Demo for {contact} and two of their team",
        "to see how we handle {topic}",
        "they ask how the rollout would work",
        "a technical review with IT",
    ),
    (
        "Proposal review with {contact}",
        "to walk through the revised proposal",
        "agreement on scope and a start date",
        "a meeting with procurement",
    ),
    (
        "Negotiation with {contact}: price and contract length",
        "to close the gap on price",
        "signature this month within the approved discount",
        "the signed order form",
    ),
    (
        "Renewal conversation with {contact}",
        "the contract ends next quarter",
        "a two-year renewal with the new module",
        "a call with the economic buyer",
    ),
    (
        "Quarterly business review with {contact}",
        "to review what the last quarter gave them",
        "they name a second team that could use us",
        "an introduction to that team's lead",
    ),
    (
        "Technical review with {contact}",
        "to answer the security questionnaire",
        "no blockers left on the IT side",
        "the go-ahead to procurement",
    ),
    (
        "Closing call with {contact}",
        "to agree the start date",
        "signature and a kickoff date",
        "the kickoff meeting booked",
    ),
    (
        "Executive briefing with {contact}",
        "their CEO asked for our view on {topic}",
        "a sponsor at the top who wants this done",
        "a mutual close plan",
    ),
)
CALL_TOPICS = (
    "forecasting",
    "onboarding new stores",
    "their renewal process",
    "reporting for the board",
    "order handling",
    "the supplier audit",
    "field-service scheduling",
    "month-end close",
)
DEBRIEFS = {
    "won-next-step": (
        "{Contact} agreed to {next}.",
        "Good call: they asked for {next} themselves.",
        "Won the next step; {contact} wants pricing by Friday.",
        "Budget confirmed and {next} booked.",
    ),
    "lost": (
        "They went with the incumbent on price.",
        "Lost: {contact} decided to build it in-house.",
        "No budget this year after all; closed lost.",
        "A competitor got to the CFO first.",
    ),
    "no-decision": (
        "Friendly call, but no next step agreed; follow up next week.",
        "{Contact} wants to wait for their board meeting.",
        "They need procurement on board before committing to anything.",
        "Still comparing three vendors; the decision moved a month.",
    ),
    "did-not-happen": (
        "{Contact} cancelled on the day; rebooked for next week.",
        "Moved twice by their side; rebook after their quarter end.",
        "Postponed: their team is in the middle of a reorganisation.",
        "We cancelled: it clashed with a negotiation elsewhere.",
    ),
}
TERRITORY_REASONS = {
    True: (
        "territory change: took over {n} accounts from a rep who left",
        "territory change: added the {region} region",
        "moved up to mid-market accounts: bigger deals",
    ),
    False: (
        "territory change: handed {n} accounts to the new hire",
        "territory change: the {region} region went to the new team",
        "fewer, larger accounts after the territory review",
    ),
}
REGIONS = ("north", "south", "east", "west", "coastal", "metro", "central")
RAISE_REASONS = (
    "consistently above target: raised the bar",
    "beat it {n} weeks in a row: new target agreed",
    "asked for a stretch target",
)
LOWER_REASONS = (
    "lowered for a quarter: quality over volume while we fix conversion",
    "reset to a number that can be hit every week, then build up",
    "fewer, better-qualified ones: agreed in the coaching plan",
)


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


COLUMNS = {
    "reps": ("id", "name", "cadence", "archived", "created_at", "manager"),
    "meetings": (
        "id",
        "rep",
        "agenda_slug",
        "agenda_name",
        "agenda_json",
        "status",
        "started_at",
        "ended_at",
        "phase",
        "current_section",
        "review_skipped",
        "manager",
        "confidence",
    ),
    "section_runs": (
        "id",
        "meeting",
        "position",
        "key",
        "title",
        "planned_seconds",
        "actual_seconds",
        "extra_seconds",
        "visited",
    ),
    "notes": ("id", "meeting", "section_key", "text", "private", "updated_at"),
    "commitments": (
        "id",
        "meeting",
        "rep",
        "owner",
        "text",
        "due",
        "status",
        "closed_in",
        "note",
        "created_at",
        "carry_count",
        "section_key",
    ),
    "review_marks": (
        "id",
        "meeting",
        "commitment",
        "verdict",
        "reason",
        "old_due",
        "new_due",
        "prior_status",
        "prior_carry_count",
        "marked_at",
    ),
    "corrections": (
        "id",
        "meeting",
        "kind",
        "target",
        "field",
        "old_value",
        "new_value",
        "corrected_at",
    ),
    "metric_actuals": ("id", "rep", "metric", "period_start", "value", "meeting", "updated_at"),
    "metric_targets": ("id", "rep", "metric", "target", "reason", "changed_at", "meeting"),
    "coaching_items": ("id", "rep", "kind", "text", "status", "removed", "created_in"),
    "coaching_changes": ("id", "item", "meeting", "action", "value", "changed_at"),
    "calls": (
        "id",
        "rep",
        "meeting",
        "account",
        "day",
        "purpose",
        "joint",
        "plan_who",
        "plan_why",
        "plan_win",
        "plan_next_step",
        "outcome",
        "debrief",
        "outcome_in",
    ),
}
# positions in a commitment row (a list: it changes while the history is simulated)
C_ID, C_OWNER, C_DUE, C_STATUS, C_CLOSED, C_NOTE, C_CARRIES = 0, 3, 5, 6, 7, 8, 10
M_CONFIDENCE = COLUMNS["meetings"].index("confidence")  # in a meeting row
# ... in a coaching item row and a call row (lists too)
I_ID, I_KIND, I_TEXT, I_STATUS, I_REMOVED = 0, 2, 3, 4, 5
CALL_ID, CALL_DAY, CALL_JOINT, CALL_OUTCOME, CALL_DEBRIEF, CALL_OUTCOME_IN = 0, 4, 6, 11, 12, 13


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
    hired: dt.datetime = dt.datetime.min
    # the numbers (see _Plans): (metric, period start) -> value, simulated from hire to
    # the period in progress; which of them a meeting entered; target changes not yet
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


class _Filler:
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
        ctx["meetings"] = ctx["n"]  # a fact may replace it (see _Plans.before)
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
    ids = dict.fromkeys(COLUMNS, 1)
    ids.update(first_ids or {})
    rng = random.Random(seed)
    fill = _Filler(rng)
    data = DemoData()
    frozen = {
        slug: (a.slug or a.name, a.name, json.dumps(a.to_dict()), a) for slug, a in agendas.items()
    }

    # the team: unique names, mixed cadences, a slot each in the week
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    chosen = rng.sample(names, reps)
    slots = [(wd, 8 * 60 + 30 * s) for wd in range(5) for s in range(16)]
    rng.shuffle(slots)
    first_day = today - dt.timedelta(weeks=weeks)
    team: list[_Rep] = []
    manager = current_manager()  # the team is the one who runs the demo (--manager)
    for i, name in enumerate(chosen):
        roll = rng.random()
        cadence = "monthly" if roll < 0.06 else "biweekly" if roll < 0.18 else "weekly"
        weekday, minute = slots[i % len(slots)]
        rep = _Rep(
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

    # the numbers, targets, coaching plan and calls draw from a stream of their own
    plans = _Plans(seed, today, agendas, metrics)
    for rep in team:
        plans.hire(data, ids, rep)
    events = sorted((at, i, slug) for i, rep in enumerate(team) for at, slug in rep.slots)
    for at, i, slug in events:
        rep = team[i]
        _meeting(data, ids, rep, at, frozen[slug], rng, fill, plans, last=at == rep.slots[-1][0])
    plans.finish(data, ids, team)
    return data


def _meeting(
    data: DemoData,
    ids: dict[str, int],
    rep: _Rep,
    at: dt.datetime,
    agenda_row: tuple[str, str, str, Agenda],
    rng: random.Random,
    fill: _Filler,
    plans: _Plans,
    *,
    last: bool = False,
) -> None:
    """One completed meeting as the app records it: review, sections, commitments; the
    numbers, confidence, coaching plan and calls (see :class:`_Plans`)."""
    slug, name, frozen_json, agenda = agenda_row
    mid = ids["meetings"]
    ids["meetings"] += 1
    rep.meetings += 1
    if rep.meetings % 4 == 0:  # follow-through drifts month to month
        rep.reliability = min(0.98, max(0.4, rep.reliability + rng.uniform(-0.08, 0.08)))
    cadence = parse_cadence(rep.cadence)
    next_day = cadence.next_after(at.date())
    next_at = rep.slots[rep.meetings][0] if rep.meetings < len(rep.slots) else None
    facts = plans.before(data, ids, rep, mid, at, agenda, next_at)

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
    confidence = plans.after(data, ids, rep, mid, at, agenda, starts)
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
            current_manager(),
            confidence,
        )
    )


def _commitment(
    ids: dict[str, int],
    mid: int,
    rep: _Rep,
    owner: str,
    section_key: str,
    created: dt.datetime,
    day: dt.date,
    next_day: dt.date,
    rng: random.Random,
    fill: _Filler,
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
    rep: _Rep, c: list, day: dt.date, next_day: dt.date, rng: random.Random
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


# --- numbers, targets, confidence, coaching plan, calls ------------------------------------

SEASON = {
    1: 0.75,
    2: 0.9,
    3: 1.25,
    4: 0.9,
    5: 0.95,
    6: 1.2,
    7: 0.85,
    8: 0.7,
    9: 1.15,
    10: 0.95,
    11: 1.0,
    12: 1.3,
}  # closed business peaks at the end of a quarter
REVENUE, PIPELINE, DIALS, CONVERSATIONS, MEETINGS_SET = (
    "revenue-closed",
    "pipeline-value",
    "dials",
    "conversations",
    "meetings-set",
)
STOCK = "pipeline"  # a metric whose key holds this is a level carried over, not a flow
# how many coaching-plan sections a coaching item stays in each status (the last: until it
# is cleared from the plan)
PACE = {
    "skill": ((5, 16), (6, 20), (3, 30)),
    "goal": ((40, 200), (8, 60)),
    "training": ((2, 10), (2, 25)),
}
IMPORTED_AT = dt.time(6, 0)  # the nightly CRM import fills what no meeting entered


def _weekday(day: dt.date) -> dt.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


class _Plans:
    """What the app records besides notes and commitments, as it records it: the actuals a
    meeting's numbers show (entered in the first meeting that reviews the period, else
    imported from the CRM), the rep's targets and every change of them with its reason,
    the confidence rating of goal status, the coaching plan and the upcoming calls.

    It draws from a random stream of its own, seeded from the same seed: the meetings,
    timings and commitments are the same as without it; the notes quote its facts (see
    :meth:`before`) in place of random ones, without drawing differently."""

    def __init__(
        self, seed: int, today: dt.date, agendas: dict[str, Agenda], metrics: dict[str, Metric]
    ) -> None:
        from oneonone_tui.domain.metrics import period_start, review_period
        from oneonone_tui.store.plans import KINDS, OUTCOMES

        if set(DEBRIEFS) != set(OUTCOMES):
            raise RuntimeError("the demo's call outcomes no longer match the app's")
        self.rng = random.Random(f"oneonone-demo-plans:{seed}")
        self.today = today
        self.kinds = KINDS
        self.period_start, self.review_period = period_start, review_period
        shown: list[str] = []  # the metrics the agendas' numbers show, in agenda order
        for agenda in agendas.values():
            for section in agenda.sections:
                shown += [k for k in section.metrics if k in metrics and k not in shown]
        self.metrics = {key: metrics[key] for key in shown}
        self.last = {period: review_period(period, today) for period in ("week", "month")}
        self.countdown: dict[int, int] = {}  # coaching item id -> meetings to its next step

    # -- at hire: the rep's numbers from hire to now, and the plan of their targets --------
    def hire(self, data: DemoData, ids: dict[str, int], rep: _Rep) -> None:
        rng = self.rng
        rep.talent = min(1.45, max(0.62, rng.gauss(1.0, 0.16)))
        rep.accounts = rng.sample(ACCOUNTS, 8)
        territory = self._simulate(rep)
        self._plan_targets(data, ids, rep, territory)

    def _simulate(self, rep: _Rep) -> list[tuple[dt.date, float]]:
        """Every metric's value per period from hire to the period in progress: per-rep
        skill, a ramp-up, a slow trend with a random walk, seasons, weeks off, noise; the
        weekly activity feeds the month's closed business. Returns the territory changes."""
        rng = self.rng
        hired = rep.hired.date()
        hustle = rng.lognormvariate(0, 0.12)
        growth = rng.gauss(0.05, 0.05)  # a year
        skill = {key: rng.lognormvariate(0, 0.1) for key in self.metrics}
        lead: dict[dt.date, float] = {}
        lag: dict[dt.date, float] = {}
        territory: list[tuple[dt.date, float]] = []
        months: list[dt.date] = []
        month, end = hired.replace(day=1), self.today.replace(day=1)
        walk, size = rng.gauss(0, 0.05), 1.0
        while month <= end:
            walk = 0.85 * walk + rng.gauss(0, 0.06)
            if len(months) >= 6 and rng.random() < 0.011:  # about one rep in eight a year
                change = rng.uniform(0.82, 0.93) if rng.random() < 0.45 else rng.uniform(1.08, 1.22)
                size *= change
                territory.append((month + dt.timedelta(days=rng.randint(0, 20)), change))
            trend = math.exp(walk) * (1 + growth) ** (len(months) / 12)
            lead[month] = rep.talent**0.5 * hustle * trend**0.7
            lag[month] = rep.talent * hustle**0.5 * trend * size
            months.append(month)
            month = add_months(month, 1)

        weekly = [(k, m) for k, m in self.metrics.items() if m.period == "week"]
        monthly = [(k, m) for k, m in self.metrics.items() if m.period == "month"]
        activity: dict[dt.date, float] = {}
        week = hired + dt.timedelta(days=(7 - hired.weekday()) % 7)  # the first Monday
        last_week = self.period_start("week", self.today)
        n = 0
        while week <= last_week:
            act = rng.lognormvariate(0, 0.1) * self._season(week)
            activity[week] = act
            level = lead[week.replace(day=1)] * act * min(1.0, 0.45 + 0.09 * n)
            for key, m in weekly:
                rep.values[(key, week)] = self._draw(m, m.target * skill[key] * level)
            week += dt.timedelta(days=7)
            n += 1
        stock: dict[str, float] = {}
        for i, month in enumerate(months):
            monday = month - dt.timedelta(days=month.weekday() or 7)
            recent = [
                a
                for a in (activity.get(monday - dt.timedelta(weeks=j)) for j in range(8))
                if a is not None
            ]
            busy = sum(recent) / len(recent) if recent else 1.0
            for key, m in monthly:
                base = m.target * skill[key] * lag[month]
                if STOCK in key:
                    aim = base * min(1.0, 0.3 + 0.25 * i) * rng.lognormvariate(0, 0.15)
                    stock[key] = 0.55 * stock.get(key, aim * 0.5) + 0.45 * aim
                    value = stock[key]
                else:
                    mu = base * min(1.0, 0.15 + 0.22 * i) * SEASON[month.month] * busy**0.6
                    value = mu * rng.lognormvariate(0, 0.3)
                    roll = rng.random()
                    if roll < 0.07:
                        value += mu * rng.uniform(0.5, 1.5)  # a big deal landed
                    elif roll < 0.12:
                        value *= rng.uniform(0.15, 0.45)  # everything slipped
                rep.values[(key, month)] = self._round(m, value, actual=True)
        return territory

    def _season(self, monday: dt.date) -> float:
        if self.rng.random() < 0.035:
            return self.rng.uniform(0.05, 0.3)  # a week off
        if monday.month == 12 and monday.day >= 20:
            return 0.3  # the holidays
        if (monday.month == 12 and monday.day >= 16) or monday.month in (7, 8):
            return 0.85
        return 1.0

    def _draw(self, m: Metric, mu: float) -> float:
        if m.unit == "count":
            return float(max(0, round(self.rng.gauss(mu, max(0.8, 0.2 * mu, 0.8 * math.sqrt(mu))))))
        return self._round(m, max(0.0, self.rng.gauss(mu, 0.22 * mu)), actual=True)

    @staticmethod
    def _round(m: Metric, value: float, *, actual: bool = False) -> float:
        if m.unit == "count":
            return float(max(0 if actual else 1, round(value)))
        if m.unit == "percent":
            return round(min(100.0, value), 1 if actual else 0)
        if actual:  # a deal closes to the hundred; the pipeline is read in thousands
            return float(round(value, -3 if STOCK in m.key else -2))
        step = 1000 if m.target < 100_000 else 10_000
        return float(round(value / step) * step)

    def _plan_targets(
        self, data: DemoData, ids: dict[str, int], rep: _Rep, territory: list[tuple[dt.date, float]]
    ) -> None:
        """The starting targets (recorded at hire), then the changes over the years, each
        with its reason: end of the ramp-up, a new fiscal year's quota (by last year's
        attainment), territory changes, the cookbook's leading indicators adjusted to what
        the rep really does. Most are made in a meeting (see :meth:`after`)."""
        rng = self.rng
        hired = rep.hired
        current: dict[str, float] = {}
        for i, (key, m) in enumerate(self.metrics.items()):
            if m.kind == "lagging":
                value = self._round(m, m.target * 0.5)
                reason = "starting target: half quota while ramping up"
            else:
                value, reason = m.target, "starting target"
            current[key] = value
            self._line(rep, key, hired.date(), value)
            self._target(
                data,
                ids,
                rep,
                key,
                value,
                reason,
                hired + dt.timedelta(minutes=3, seconds=15 * i),
                None,
            )

        ramp_end = _weekday(hired.date() + dt.timedelta(days=rng.randint(88, 110)))
        events: list[tuple[dt.date, int, str, float]] = [(ramp_end, 0, "ramp", 0.0)]
        events += [(_weekday(day), 1, "territory", change) for day, change in territory]
        for year in range(hired.year + 1, self.today.year + 1):
            day = _weekday(dt.date(year, 1, 2) + dt.timedelta(days=rng.randint(0, 6)))
            if day > ramp_end + dt.timedelta(days=30):
                events.append((day, 2, "year", float(year)))
        day = ramp_end + dt.timedelta(days=45)
        while day < self.today:
            events.append((_weekday(day + dt.timedelta(days=rng.randint(0, 20))), 3, "review", 0))
            day += dt.timedelta(days=91)
        events.sort()
        lagging = [k for k, m in self.metrics.items() if m.kind == "lagging"]
        changed: dict[str, dt.date] = {}
        for day, _order, kind, arg in events:
            if day >= self.today:
                continue
            changes: list[tuple[str, float, str, bool]] = []
            if kind == "ramp":
                quota = min(1.35, max(0.75, 0.5 * rep.talent + 0.5 * rng.gauss(1.0, 0.1)))
                changes = [
                    (
                        k,
                        self.metrics[k].target * quota,
                        "ramp-up finished: full quota for the territory",
                        rng.random() < 0.85,
                    )
                    for k in lagging
                ]
            elif kind == "territory":
                reason = rng.choice(TERRITORY_REASONS[arg > 1]).format(
                    n=rng.randint(3, 12), region=rng.choice(REGIONS)
                )
                meeting = rng.random() < 0.4
                changes = [(k, current[k] * arg, reason, meeting) for k in lagging]
            elif kind == "year":
                changes = self._new_year(rep, int(arg), lagging, current)
            else:
                changes = self._review(rep, day, current)
            for key, value, reason, meeting in changes:
                value = self._round(self.metrics[key], value)
                if value == current[key] or (day - changed.get(key, dt.date.min)).days < 45:
                    continue
                current[key], changed[key] = value, day
                self._line(rep, key, day, value)
                at = dt.datetime.combine(
                    day, dt.time(rng.randint(9, 17), rng.randint(0, 59), rng.randint(0, 59))
                )
                rep.pending.append((day, at, key, value, reason, meeting))
        rep.pending.sort(key=lambda item: item[1])

    def _new_year(
        self, rep: _Rep, year: int, lagging: list[str], current: dict[str, float]
    ) -> list[tuple[str, float, str, bool]]:
        rng = self.rng
        flows = [k for k in lagging if STOCK not in k]
        pct, attained = rng.randint(4, 8), None
        if flows:
            months = [dt.date(year - 1, n, 1) for n in range(1, 13)]
            done = [
                (rep.values[(flows[0], m)], self.target_at(rep, flows[0], m))
                for m in months
                if (flows[0], m) in rep.values and m >= rep.hired.date()
            ]
            if len(done) >= 6 and sum(t for _v, t in done):
                attained = sum(v for v, _t in done) / sum(t for _v, t in done)
                pct = (
                    rng.randint(8, 12)
                    if attained >= 1.1
                    else rng.randint(4, 7)
                    if attained >= 0.95
                    else rng.randint(1, 3)
                    if attained >= 0.8
                    else 0
                )
        meeting = rng.random() < 0.6
        quota = f"new fiscal year: quota up {pct}%" + (
            f" (last year at {attained:.0%} of quota)" if attained is not None else ""
        )
        return [
            (
                k,
                current[k] * (1 + pct / 100),
                quota if STOCK not in k else f"new fiscal year: up {pct}% with the quota",
                meeting,
            )
            for k in lagging
        ]

    def _review(
        self, rep: _Rep, day: dt.date, current: dict[str, float]
    ) -> list[tuple[str, float, str, bool]]:
        """The quarterly look at the cookbook: a leading indicator far from its target."""
        rng = self.rng
        monday = self.period_start("week", day)
        out = []
        for key, m in self.metrics.items():
            if m.kind != "leading" or m.period != "week":
                continue
            recent = [
                rep.values[(key, w)]
                for w in (monday - dt.timedelta(weeks=j) for j in range(1, 13))
                if (key, w) in rep.values
            ]
            if len(recent) < 8 or not current[key]:
                continue
            average = sum(recent) / len(recent)
            ratio = average / current[key]
            if ratio > 1.25 and rng.random() < 0.55:
                out.append(
                    (
                        key,
                        average * rng.uniform(0.9, 1.0),
                        rng.choice(RAISE_REASONS).format(n=rng.randint(6, 12)),
                        rng.random() < 0.85,
                    )
                )
            elif ratio < 0.7 and rng.random() < 0.4:
                out.append((key, average * 1.1, rng.choice(LOWER_REASONS), rng.random() < 0.85))
        return out

    @staticmethod
    def _line(rep: _Rep, key: str, day: dt.date, value: float) -> None:
        days, values = rep.target_line.setdefault(key, ([], []))
        days.append(day)
        values.append(value)

    def target_at(self, rep: _Rep, key: str, day: dt.date) -> float:
        days, values = rep.target_line.get(key, ([], []))
        i = bisect.bisect_right(days, day) - 1
        return values[i] if i >= 0 else self.metrics[key].target

    @staticmethod
    def _target(
        data: DemoData,
        ids: dict[str, int],
        rep: _Rep,
        key: str,
        value: float,
        reason: str,
        at: dt.datetime,
        meeting: int | None,
    ) -> None:
        data.metric_targets.append(
            (ids["metric_targets"], rep.id, key, float(value), reason, at, meeting)
        )
        ids["metric_targets"] += 1

    # -- in a meeting -----------------------------------------------------------------------
    def before(
        self,
        data: DemoData,
        ids: dict[str, int],
        rep: _Rep,
        mid: int,
        at: dt.datetime,
        agenda: Agenda,
        next_at: dt.datetime | None,
    ) -> dict[str, dict[str, Any]]:
        """The calls (how last week's ended, this week's important ones) and the facts the
        notes quote (the rep's numbers, calls and coaching), by section key."""
        keys = [s.key for s in agenda.sections]
        day = at.date()
        facts: dict[str, dict[str, Any]] = {}
        if "upcoming-calls" in keys:
            call, contact = self._calls(data, ids, rep, mid, day, next_at)
            said = {"account": call[3], "contact": contact, "weekday": f"{call[CALL_DAY]:%A}"}
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
            target = self.target_at(rep, REVENUE, day) or 1.0
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
            target = self.target_at(rep, REVENUE, last_month) or 1.0
            facts["last-month"] = {
                "amount": round(done / 1000),
                "goal": round(target / 1000),
                "pct": round(100 * done / target),
            }
            months = [dt.date(month.year, n, 1) for n in range(1, month.month)] or [last_month]
            got = [
                (rep.values[(REVENUE, m)], self.target_at(rep, REVENUE, m))
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
        week = self.review_period("week", day)
        dials, talks = rep.values.get((DIALS, week)), rep.values.get((CONVERSATIONS, week))
        if dials is not None and talks is not None and "behavior-plan" in keys:
            facts["behavior-plan"] = {
                "dials": round(dials),
                "convos": round(talks),
                "meetings": round(rep.values.get((MEETINGS_SET, week), 0)),
                "target": round(self.target_at(rep, DIALS, day)),
                "target2": round(self.target_at(rep, MEETINGS_SET, day)),
            }
        working = [i for i in rep.coaching if i[I_KIND] == "skill" and i[I_STATUS] != "done"]
        if working and "coaching-plan" in keys:
            facts["coaching-plan"] = {"skill": working[0][I_TEXT].lower()}
        return facts

    def _calls(
        self,
        data: DemoData,
        ids: dict[str, int],
        rep: _Rep,
        mid: int,
        day: dt.date,
        next_at: dt.datetime | None,
    ) -> tuple[list, str]:
        """The outcome of every earlier call that has happened, then one to three upcoming
        important calls before the next one-on-one; often one planned as a joint call."""
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
        if rng.random() < 0.015:  # the book of accounts changes now and then
            fresh = [a for a in ACCOUNTS if a not in rep.accounts]
            rep.accounts[rng.randrange(len(rep.accounts))] = rng.choice(fresh)
        last = next_at.date() - dt.timedelta(days=1) if next_at else day + dt.timedelta(days=7)
        days = [
            d
            for d in (day + dt.timedelta(days=n) for n in range(1, (last - day).days + 1))
            if d.weekday() < 5
        ] or [_weekday(day + dt.timedelta(days=1))]
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
                ids["calls"],
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
            ids["calls"] += 1
            data.calls.append(row)
            rep.calls.append((row, purpose, contact))
            made.append((row, contact))
        return next(((r, c) for r, c in made if r[CALL_JOINT]), made[0])

    def after(
        self,
        data: DemoData,
        ids: dict[str, int],
        rep: _Rep,
        mid: int,
        at: dt.datetime,
        agenda: Agenda,
        starts: list[tuple[Any, dt.datetime, float]],
    ) -> int | None:
        """The numbers entered in the sections that show them (the period each reviews),
        target changes due, the coaching plan's changes; returns the confidence rating."""
        rng = self.rng
        day = at.date()
        clocks: dict[str, list[dt.datetime]] = {}  # section key -> [clock, end]
        shown: dict[str, str] = {}
        for section, start, seconds in starts:
            clock = start + dt.timedelta(seconds=min(8.0, seconds / 4))
            end = start + dt.timedelta(seconds=max(1.0, seconds - 1))
            for key in section.metrics:
                m = self.metrics.get(key)
                if m is None:
                    continue
                shown[key] = section.key
                period = self.review_period(m.period, day)
                if (
                    (key, period) in rep.values
                    and (key, period) not in rep.entered
                    and period >= rep.hired.date()
                    and rng.random() < 0.96
                ):
                    clock = min(end, clock + dt.timedelta(seconds=rng.uniform(3, 12)))
                    data.metric_actuals.append(
                        (
                            ids["metric_actuals"],
                            rep.id,
                            key,
                            period,
                            rep.values[(key, period)],
                            mid,
                            clock,
                        )
                    )
                    ids["metric_actuals"] += 1
                    rep.entered.add((key, period))
            clocks[section.key] = [clock, end]
        if rep.pending and rep.pending[0][0] <= day:
            keep = []
            for item in rep.pending:
                when, planned, key, value, reason, in_meeting = item
                if when > day:
                    keep.append(item)
                elif in_meeting and key in shown:  # F2 on the metric, in its section
                    clock = clocks[shown[key]]
                    clock[0] = min(clock[1], clock[0] + dt.timedelta(seconds=rng.uniform(5, 25)))
                    self._target(data, ids, rep, key, value, reason, clock[0], mid)
                elif not in_meeting or (day - when).days > 35:
                    self._target(data, ids, rep, key, value, reason, planned, None)
                else:
                    keep.append(item)  # waits for a meeting that shows the metric
            rep.pending = keep
        if "coaching-plan" in clocks:
            self._coaching(data, ids, rep, mid, day, clocks["coaching-plan"])
        if "goal-status" not in clocks:
            return None
        score = 3.0 + rng.gauss(0, 0.6)
        month = day.replace(day=1)
        now, before = (
            rep.values.get((REVENUE, month)),
            rep.values.get((REVENUE, add_months(month, -1))),
        )
        target = self.target_at(rep, REVENUE, day) if REVENUE in self.metrics else 0
        if now is not None and target:
            pace = now if before is None else 0.65 * now + 0.35 * before
            score += 2.0 * (min(pace / target, 2.0) - 1)
        pipeline = rep.values.get((PIPELINE, add_months(month, -1)))
        if pipeline is not None and PIPELINE in self.metrics:
            score += min(pipeline / (self.target_at(rep, PIPELINE, day) or 1.0), 2.0) - 1
        return max(1, min(5, round(score)))

    def _coaching(
        self,
        data: DemoData,
        ids: dict[str, int],
        rep: _Rep,
        mid: int,
        day: dt.date,
        clock: list[dt.datetime],
    ) -> None:
        """Skills move working -> improving -> done over months, trainings agreed -> done,
        a long-term goal is reached now and then; finished items are cleared away."""
        rng = self.rng

        def change(item: list, action: str, value: str) -> None:
            clock[0] = min(clock[1], clock[0] + dt.timedelta(seconds=rng.uniform(8, 35)))
            data.coaching_changes.append(
                (ids["coaching_changes"], item[I_ID], mid, action, value, clock[0])
            )
            ids["coaching_changes"] += 1

        def add(kind: str, text: str) -> None:
            item = [ids["coaching_items"], rep.id, kind, text, self.kinds[kind][0], False, mid]
            self.countdown[item[I_ID]] = rng.randint(*PACE[kind][0])
            ids["coaching_items"] += 1
            data.coaching_items.append(item)
            rep.coaching.append(item)
            rep.used.add(text)
            change(item, "added", text)

        for item in list(rep.coaching):
            self.countdown[item[I_ID]] -= 1
            cycle = self.kinds[item[I_KIND]]
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
            for kind, done in self.kinds.items()
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

    def _skill(self, rep: _Rep, day: dt.date) -> str:
        """What to work on next: most often what the weakest number calls for."""
        rng = self.rng
        working = {i[I_TEXT] for i in rep.coaching}
        fresh = [s for s in SKILL_ITEMS if s not in rep.used] or [
            s for s in SKILL_ITEMS if s not in working
        ]
        weakest, lowest = None, 0.9
        for key, m in self.metrics.items():
            start = self.review_period(m.period, day)
            step = dt.timedelta(weeks=1) if m.period == "week" else dt.timedelta(days=30)
            got = [
                rep.values[(key, p)]
                for p in (self.period_start(m.period, start - step * j) for j in range(6))
                if (key, p) in rep.values
            ]
            target = self.target_at(rep, key, day)
            if got and target and sum(got) / len(got) / target < lowest:
                weakest, lowest = key, sum(got) / len(got) / target
        hinted = [s for s in WEAK_SKILLS.get(weakest or "", ()) if s in fresh]
        return rng.choice(hinted if hinted and rng.random() < 0.7 else fresh)

    # -- at the end: what no meeting entered came from the CRM import --------------------------
    def finish(self, data: DemoData, ids: dict[str, int], team: list[_Rep]) -> None:
        rng = self.rng
        cap = dt.datetime.combine(self.today, dt.time())
        for rep in team:
            for when, planned, key, value, reason, _meeting in rep.pending:
                if when < self.today:
                    self._target(data, ids, rep, key, value, reason, planned, None)
            rep.pending = []
            hired = rep.hired.date()
            for key, m in self.metrics.items():
                period = self.period_start(m.period, hired)
                if period < hired:
                    period = (
                        period + dt.timedelta(days=7)
                        if m.period == "week"
                        else add_months(period, 1)
                    )
                while period <= self.last[m.period]:
                    following = (
                        period + dt.timedelta(days=7)
                        if m.period == "week"
                        else add_months(period, 1)
                    )
                    if (key, period) not in rep.entered and (key, period) in rep.values:
                        at = dt.datetime.combine(following, IMPORTED_AT) + dt.timedelta(
                            minutes=rng.randint(0, 40), seconds=rng.randint(0, 59)
                        )
                        data.metric_actuals.append(
                            (
                                ids["metric_actuals"],
                                rep.id,
                                key,
                                period,
                                rep.values[(key, period)],
                                None,
                                min(at, cap),
                            )
                        )
                        ids["metric_actuals"] += 1
                    period = following


# --- writing ------------------------------------------------------------------------------


def _models() -> dict[str, Any]:
    """The tables the demo fills, by ``COLUMNS`` name, parents first."""
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

    return {
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


class NotEmpty(Exception):
    """The target database already holds a team."""


def next_ids() -> dict[str, int]:
    """The first free id of each table in the bound database."""
    from peewee import fn

    return {
        table: (model.select(fn.MAX(model.id)).scalar() or 0) + 1
        for table, model in _models().items()
    }


def write(data: DemoData) -> None:
    """Bulk-insert ``data`` into the bound database in one transaction, parents first.

    Peewee renders each table's ``insert_many`` statement once; the rows, which already
    hold what the fields' ``db_value`` gives (int, str, bool, date, datetime, None), go
    through the driver's ``executemany`` (rendering 300,000 rows through Peewee's SQL
    builder alone would take half a minute)."""
    from peewee import PostgresqlDatabase

    from oneonone_tui.store.models import db

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
                cursor.executemany(sql, rows[start : start + 20_000])
        if isinstance(db.obj, PostgresqlDatabase):
            for model in models.values():
                table = model._meta.table_name
                db.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
                )


def fill(reps: int = 50, weeks: int = 260, seed: int = 1, *, today: dt.date) -> dict[str, int]:
    """Fill the bound, team-less database; returns the row counts written."""
    from oneonone_tui.store.models import Rep

    if Rep.select().exists():
        raise NotEmpty(
            "the database already holds reps; the demo only fills an empty "
            "database: point --db at a new file"
        )
    data = generate(reps, weeks, seed, today=today, first_ids=next_ids())
    write(data)
    return data.counts()


# --- the command ----------------------------------------------------------------------------
