"""The coaching plan (across meetings) and the important upcoming calls, with joint-call
plans and outcomes. One short transaction each; no Textual."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from oneonone_tui.store.errors import NotFound, QueryError
from oneonone_tui.store.models import Call, CoachingChange, CoachingItem, Meeting, db
from oneonone_tui.store.rows import as_date

KINDS = {
    "skill": ("working", "improving", "done"),
    "goal": ("open", "reached"),
    "training": ("agreed", "done"),
}
KIND_LABELS = {"skill": "Skill", "goal": "Long-term goal / next role", "training": "Training"}
OUTCOMES = {
    "won-next-step": "won the next step",
    "lost": "lost",
    "no-decision": "no decision",
    "did-not-happen": "did not happen",
}


@dataclass(frozen=True)
class CoachingRow:
    id: int
    kind: str
    text: str
    status: str


def coaching_plan(rep_id: int) -> list[CoachingRow]:
    order = {k: i for i, k in enumerate(KINDS)}
    rows = [
        CoachingRow(c.id, c.kind, c.text, c.status)
        for c in CoachingItem.select()
        .where((CoachingItem.rep == rep_id) & (CoachingItem.removed == False))  # noqa: E712
        .order_by(CoachingItem.id)
    ]
    return sorted(rows, key=lambda r: order.get(r.kind, 9))


def add_coaching(
    rep_id: int, meeting_id: int | None, kind: str, text: str, now: dt.datetime
) -> CoachingRow:
    if kind not in KINDS:
        raise QueryError(f"kind must be one of {', '.join(KINDS)}")
    if not text.strip():
        raise QueryError("say what the skill, goal or training is")
    with db.atomic():
        item = CoachingItem.create(
            rep=rep_id, kind=kind, text=text.strip(), status=KINDS[kind][0], created_in=meeting_id
        )
        CoachingChange.create(
            item=item, meeting=meeting_id, action="added", value=item.text, changed_at=now
        )
    return CoachingRow(item.id, item.kind, item.text, item.status)


def next_status(item_id: int, meeting_id: int | None, now: dt.datetime) -> str:
    """Move an item to its next status (working -> improving -> done -> working)."""
    with db.atomic():
        item = CoachingItem.get_or_none(CoachingItem.id == item_id)
        if item is None:
            raise NotFound("no such coaching item")
        cycle = KINDS[item.kind]
        item.status = (
            cycle[(cycle.index(item.status) + 1) % len(cycle)] if item.status in cycle else cycle[0]
        )
        item.save()
        CoachingChange.create(
            item=item, meeting=meeting_id, action="status", value=item.status, changed_at=now
        )
    return item.status


def remove_coaching(item_id: int, meeting_id: int | None, now: dt.datetime) -> None:
    with db.atomic():
        CoachingItem.update(removed=True).where(CoachingItem.id == item_id).execute()
        CoachingChange.create(
            item=item_id, meeting=meeting_id, action="removed", value="", changed_at=now
        )


@dataclass(frozen=True)
class CoachingChangeRow:
    kind: str
    text: str
    action: str
    value: str


def coaching_changes(meeting_id: int) -> list[CoachingChangeRow]:
    """What changed in the coaching plan during one meeting (for summary and exports)."""
    return [
        CoachingChangeRow(ch.item.kind, ch.item.text, ch.action, ch.value)
        for ch in CoachingChange.select(CoachingChange, CoachingItem)
        .join(CoachingItem)
        .where(CoachingChange.meeting == meeting_id)
        .order_by(CoachingChange.id)
    ]


# --- upcoming calls ---------------------------------------------------------------------


@dataclass(frozen=True)
class CallRow:
    id: int
    meeting_id: int
    account: str
    day: dt.date
    purpose: str
    joint: bool
    plan_who: str
    plan_why: str
    plan_win: str
    plan_next_step: str
    outcome: str | None
    debrief: str


def _row(c: Call) -> CallRow:
    return CallRow(
        c.id,
        c.meeting_id,
        c.account,
        as_date(c.day),
        c.purpose,
        c.joint,
        c.plan_who,
        c.plan_why,
        c.plan_win,
        c.plan_next_step,
        c.outcome,
        c.debrief,
    )


def add_call(
    meeting_id: int, account: str, day: dt.date, purpose: str = "", joint: bool = False
) -> CallRow:
    if not account.strip():
        raise QueryError("a call needs the account (who we call on)")
    m = Meeting.get_by_id(meeting_id)
    c = Call.create(
        rep=m.rep_id,
        meeting=meeting_id,
        account=account.strip(),
        day=day,
        purpose=purpose.strip(),
        joint=joint,
    )
    return _row(c)


def plan_joint_call(call_id: int, *, who: str, why: str, win: str, next_step: str) -> None:
    """Mark a call joint with its pre-call plan: who we meet, why they think we are there,
    what a win looks like, the next step we will ask for."""
    Call.update(
        joint=True,
        plan_who=who.strip(),
        plan_why=why.strip(),
        plan_win=win.strip(),
        plan_next_step=next_step.strip(),
    ).where(Call.id == call_id).execute()


def remove_call(call_id: int, meeting_id: int) -> None:
    if not Call.delete().where((Call.id == call_id) & (Call.meeting == meeting_id)).execute():
        raise NotFound("only calls listed in this meeting can be removed")


def meeting_calls(meeting_id: int) -> list[CallRow]:
    return [
        _row(c) for c in Call.select().where(Call.meeting == meeting_id).order_by(Call.day, Call.id)
    ]


def calls_to_debrief(meeting_id: int) -> list[CallRow]:
    """The rep's calls from earlier meetings without an outcome yet, or whose outcome
    was recorded in this meeting: the next meeting asks how each ended. One query."""
    m = Meeting.get_by_id(meeting_id)
    query = (
        Call.select()
        .where(
            (Call.rep == m.rep_id)
            & (Call.meeting != meeting_id)
            & (Call.outcome.is_null() | (Call.outcome_in == meeting_id))
        )
        .order_by(Call.day, Call.id)
    )
    return [_row(c) for c in query]


def record_outcome(call_id: int, meeting_id: int, outcome: str, debrief: str) -> None:
    if outcome not in OUTCOMES:
        raise QueryError(f"outcome must be one of {', '.join(OUTCOMES)}")
    Call.update(outcome=outcome, debrief=debrief.strip(), outcome_in=meeting_id).where(
        Call.id == call_id
    ).execute()
