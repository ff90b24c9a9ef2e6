"""The demo's phrase bank for what the sections' structure records: the coaching plan's
skills, long-term goals and trainings (and which skill a weak number calls for), the
important upcoming calls (purpose, joint-call plan, debrief by outcome) and the reasons
a target changes."""

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
