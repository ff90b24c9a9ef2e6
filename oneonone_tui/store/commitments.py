"""Commitments: made, changed and removed in a meeting, the open ones, the team's, and the
review that marks earlier meetings' commitments done, missed, dropped or carried.

Each function is one short transaction and returns plain dataclasses, never Peewee
query objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from oneonone_tui.store.access import in_scope
from oneonone_tui.store.errors import NotFound, QueryError
from oneonone_tui.store.models import (
    OPEN_STATUSES,
    OWNERS,
    VERDICTS,
    Commitment,
    Meeting,
    Rep,
    ReviewMark,
    db,
)
from oneonone_tui.store.rows import as_date


@dataclass(frozen=True)
class CommitmentRow:
    id: int
    owner: str
    text: str
    due: dt.date
    status: str
    carry_count: int
    made_on: dt.date
    meeting_id: int
    section_key: str = ""
    note: str = ""


def commitment_row(c: Commitment, made_on: dt.date | None = None) -> CommitmentRow:
    """The plain row of a commitment; ``made_on`` defaults to the day it was created."""
    return CommitmentRow(
        c.id,
        c.owner,
        c.text,
        as_date(c.due),
        c.status,
        c.carry_count,
        made_on or as_date(c.created_at),
        c.meeting_id,
        c.section_key,
        c.note,
    )


def _check_commitment(owner: str, text: str) -> str:
    if owner not in OWNERS:
        raise QueryError(f"owner must be 'rep' or 'manager', got {owner!r}")
    clean = (text or "").replace("\x00", "").strip()  # no database stores NUL in text
    if not clean:
        raise QueryError("a commitment needs a text: what will be done")
    return clean


def add_commitment(
    meeting_id: int, owner: str, text: str, due: dt.date, now: dt.datetime, section_key: str = ""
) -> CommitmentRow:
    clean = _check_commitment(owner, text)
    m = Meeting.get_by_id(meeting_id)
    c = Commitment.create(
        meeting=meeting_id,
        rep=m.rep_id,
        owner=owner,
        text=clean,
        due=due,
        created_at=now,
        section_key=section_key,
    )
    return commitment_row(c)


def update_commitment(commitment_id: int, owner: str, text: str, due: dt.date) -> None:
    clean = _check_commitment(owner, text)
    Commitment.update(owner=owner, text=clean, due=due).where(
        Commitment.id == commitment_id
    ).execute()


def delete_commitment(meeting_id: int, commitment_id: int) -> None:
    """Remove a commitment made in this meeting (a typo, a change of mind)."""
    deleted = (
        Commitment.delete()
        .where((Commitment.id == commitment_id) & (Commitment.meeting == meeting_id))
        .execute()
    )
    if not deleted:
        raise NotFound("only commitments made in this meeting can be removed")


def meeting_commitments(meeting_id: int) -> list[CommitmentRow]:
    query = (
        Commitment.select()
        .where(Commitment.meeting == meeting_id)
        .order_by(Commitment.created_at, Commitment.id)
    )
    return [commitment_row(c) for c in query]


def open_commitments(rep_id: int | None = None) -> list[CommitmentRow]:
    query = Commitment.select().where(Commitment.status.in_(OPEN_STATUSES))
    if rep_id is not None:
        query = query.where(Commitment.rep == rep_id)
    else:
        query = in_scope(query.join(Rep, on=(Commitment.rep == Rep.id)))
    return [commitment_row(c) for c in query.order_by(Commitment.due, Commitment.id)]


# --- commitments across the team --------------------------------------------------------


@dataclass(frozen=True)
class TeamCommitment:
    rep_name: str
    commitment: CommitmentRow


def team_commitments(
    today: dt.date, *, rep_id: int | None = None, owner: str | None = None, which: str = "open"
) -> list[TeamCommitment]:
    """``which``: open, overdue or all. Overdue first, then by due date. One query."""
    query = (
        Commitment.select(Commitment, Rep.name, Meeting.id, Meeting.started_at)
        .join(Rep, on=(Commitment.rep == Rep.id))
        .switch(Commitment)
        .join(Meeting, on=(Commitment.meeting == Meeting.id))
    )
    if which in ("open", "overdue"):
        query = query.where(Commitment.status.in_(OPEN_STATUSES))
    if which == "overdue":
        query = query.where(Commitment.due < today)
    if rep_id is not None:
        query = query.where(Commitment.rep == rep_id)
    else:  # the team: archived reps' commitments stay out, as in due and stats
        query = in_scope(query.where(Rep.archived == False))  # noqa: E712
    if owner is not None:
        query = query.where(Commitment.owner == owner)
    rows = [
        TeamCommitment(c.rep.name, commitment_row(c, as_date(c.meeting.started_at)))
        for c in query.order_by(Commitment.due, Commitment.id)
    ]
    overdue_first = sorted(
        rows,
        key=lambda r: (
            not (r.commitment.status in OPEN_STATUSES and r.commitment.due < today),
            r.commitment.status not in OPEN_STATUSES,
            r.commitment.due,
        ),
    )
    return overdue_first


# --- the review of last meetings' commitments --------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    commitment: CommitmentRow
    verdict: str | None = None
    reason: str = ""
    old_due: dt.date | None = None
    new_due: dt.date | None = None


def review_items(meeting_id: int) -> list[ReviewItem]:
    """Commitments from earlier meetings that were open when this one started (or have
    been marked in it), oldest first, with this meeting's verdict on each. One query."""
    m = Meeting.get_by_id(meeting_id)
    marked = ReviewMark.select(ReviewMark.commitment).where(ReviewMark.meeting == meeting_id)
    query = (
        Commitment.select(Commitment, ReviewMark)
        .join(
            ReviewMark,
            JOIN.LEFT_OUTER,
            on=(ReviewMark.commitment == Commitment.id) & (ReviewMark.meeting == meeting_id),
        )
        .where(
            (Commitment.rep == m.rep_id)
            & (Commitment.meeting != meeting_id)
            & (Commitment.status.in_(OPEN_STATUSES) | Commitment.id.in_(marked))
        )
        .order_by(Commitment.created_at, Commitment.id)
    )
    items = []
    for c in query:
        mark = getattr(c, "reviewmark", None)
        if mark is not None and mark.id is not None:
            items.append(
                ReviewItem(
                    commitment_row(c),
                    mark.verdict,
                    mark.reason,
                    as_date(mark.old_due),
                    as_date(mark.new_due),
                )
            )
        else:
            items.append(ReviewItem(commitment_row(c)))
    return items


def mark_review(
    meeting_id: int,
    commitment_id: int,
    verdict: str,
    now: dt.datetime,
    *,
    reason: str = "",
    new_due: dt.date | None = None,
) -> None:
    """Record this meeting's verdict on an earlier commitment. Marking again replaces
    the earlier verdict (the commitment is first put back as it was)."""
    if verdict not in VERDICTS:
        raise QueryError(f"verdict must be one of {', '.join(VERDICTS)}")
    if verdict == "carried" and new_due is None:
        raise QueryError("carrying a commitment forward needs a new due date")
    with db.atomic():
        _undo_mark(meeting_id, commitment_id)
        c = Commitment.get_by_id(commitment_id)
        ReviewMark.create(
            meeting=meeting_id,
            commitment=commitment_id,
            verdict=verdict,
            reason=reason.strip(),
            old_due=c.due,
            new_due=new_due,
            prior_status=c.status,
            prior_carry_count=c.carry_count,
            marked_at=now,
        )
        if verdict == "carried":
            assert new_due is not None  # refused above
            c.status, c.due, c.carry_count = "carried", new_due, c.carry_count + 1
            c.closed_in_id = None
        else:
            c.status, c.closed_in_id = verdict, meeting_id
            if reason.strip():
                c.note = reason.strip()
        c.save()


def unmark_review(meeting_id: int, commitment_id: int) -> None:
    with db.atomic():
        _undo_mark(meeting_id, commitment_id)


def _undo_mark(meeting_id: int, commitment_id: int) -> None:
    mark = ReviewMark.get_or_none(
        (ReviewMark.meeting == meeting_id) & (ReviewMark.commitment == commitment_id)
    )
    if mark is None:
        return
    values: dict[str, Any] = {
        "status": mark.prior_status,
        "due": mark.old_due,
        "carry_count": mark.prior_carry_count,
        "closed_in": None,
    }
    if mark.reason:  # the reason this mark wrote goes with it
        values["note"] = ""
    Commitment.update(**values).where(Commitment.id == commitment_id).execute()
    mark.delete_instance()
