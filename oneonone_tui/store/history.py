"""The record of past meetings: lists of meetings, everything about one meeting, search in
notes and commitments, and corrections to a completed meeting (each kept with the old
value). Fixed query counts, whatever the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from peewee import fn

from oneonone_tui.store.access import in_scope, require_writable
from oneonone_tui.store.commitments import CommitmentRow, ReviewItem, commitment_row
from oneonone_tui.store.database import lower
from oneonone_tui.store.errors import NotFound, QueryError
from oneonone_tui.store.meetings import MeetingState, load_meeting
from oneonone_tui.store.models import (
    Commitment,
    Correction,
    Meeting,
    MetricActual,
    Note,
    Rep,
    ReviewMark,
    SectionRun,
    db,
)
from oneonone_tui.store.plans import CallRow, CoachingChangeRow, coaching_changes, meeting_calls
from oneonone_tui.store.rows import as_date

# --- lists of meetings ----------------------------------------------------------------


@dataclass(frozen=True)
class MeetingListRow:
    id: int
    rep_name: str
    started_at: dt.datetime
    agenda_name: str
    status: str
    commitments: int
    actual_seconds: float
    planned_seconds: int


def meeting_list(rep_id: int | None = None, limit: int | None = None) -> list[MeetingListRow]:
    """Meetings newest first with their commitment count and time. Three queries."""
    query = (
        Meeting.select(
            Meeting.id, Meeting.started_at, Meeting.agenda_name, Meeting.status, Rep.name
        )
        .join(Rep)
        .order_by(Meeting.started_at.desc(), Meeting.id.desc())
    )
    query = query.where(Meeting.rep == rep_id) if rep_id is not None else in_scope(query)
    if limit is not None:
        query = query.limit(limit)
    meetings = list(query)
    ids = [m.id for m in meetings]
    if not ids:
        return []
    counts = dict(
        cast(
            Iterable[tuple[int, int]],
            Commitment.select(Commitment.meeting, fn.COUNT(Commitment.id))
            .where(Commitment.meeting.in_(ids))
            .group_by(Commitment.meeting)
            .tuples(),
        )
    )
    sums = (
        SectionRun.select(
            SectionRun.meeting,
            fn.SUM(SectionRun.actual_seconds),
            fn.SUM(SectionRun.planned_seconds),
        )
        .where(SectionRun.meeting.in_(ids))
        .group_by(SectionRun.meeting)
        .tuples()
    )
    times = {
        mid: (actual, planned)
        for mid, actual, planned in cast(Iterable[tuple[int, float | None, int | None]], sums)
    }
    return [
        MeetingListRow(
            m.id,
            m.rep.name,
            m.started_at,
            m.agenda_name,
            m.status,
            counts.get(m.id, 0),
            float(times.get(m.id, (0, 0))[0] or 0),
            int(times.get(m.id, (0, 0))[1] or 0),
        )
        for m in meetings
    ]


def last_meeting_id(rep_id: int, *, completed_only: bool = True) -> int | None:
    query = Meeting.select(Meeting.id).where(Meeting.rep == rep_id)
    if completed_only:
        query = query.where(Meeting.status == "completed")
    row = query.order_by(Meeting.started_at.desc(), Meeting.id.desc()).first()
    meeting_id: int | None = row.id if row else None
    return meeting_id


# --- one meeting, everything recorded about it ---------------------------------------------


@dataclass(frozen=True)
class CorrectionRow:
    kind: str
    target: str
    field: str
    old_value: str
    new_value: str
    corrected_at: dt.datetime


@dataclass(frozen=True)
class NumberRow:
    metric: str
    period_start: dt.date
    actual: float


@dataclass(frozen=True)
class MeetingDetail:
    state: MeetingState
    commitments: list[CommitmentRow]
    review: list[ReviewItem]
    corrections: list[CorrectionRow]
    numbers: list[NumberRow] = field(default_factory=list)
    confidence: int | None = None
    calls: list[CallRow] = field(default_factory=list)
    coaching: list[CoachingChangeRow] = field(default_factory=list)


def meeting_detail(meeting_id: int) -> MeetingDetail:
    """Everything recorded about one meeting, for the read-only view and the exports."""
    state = load_meeting(meeting_id)
    made = [
        commitment_row(c)
        for c in Commitment.select()
        .where(Commitment.meeting == meeting_id)
        .order_by(Commitment.created_at, Commitment.id)
    ]
    review = [
        ReviewItem(
            commitment_row(m.commitment),
            m.verdict,
            m.reason,
            as_date(m.old_due),
            as_date(m.new_due),
        )
        for m in ReviewMark.select(ReviewMark, Commitment)
        .join(Commitment)
        .where(ReviewMark.meeting == meeting_id)
        .order_by(Commitment.created_at, Commitment.id)
    ]
    corrections = [
        CorrectionRow(c.kind, c.target, c.field, c.old_value, c.new_value, c.corrected_at)
        for c in Correction.select()
        .where(Correction.meeting == meeting_id)
        .order_by(Correction.corrected_at, Correction.id)
    ]
    actuals = (
        MetricActual.select(MetricActual.metric, MetricActual.period_start, MetricActual.value)
        .where(MetricActual.meeting == meeting_id)
        .order_by(MetricActual.id)
        .tuples()
    )
    numbers = [
        NumberRow(metric, as_date(start), value)
        for metric, start, value in cast(Iterable[tuple[str, dt.date, float]], actuals)
    ]
    confidence: int | None = (
        Meeting.select(Meeting.confidence).where(Meeting.id == meeting_id).scalar()
    )
    return MeetingDetail(
        state,
        made,
        review,
        corrections,
        numbers,
        confidence,
        meeting_calls(meeting_id),
        coaching_changes(meeting_id),
    )


# --- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    meeting_id: int
    rep_name: str
    started_at: dt.datetime
    kind: str  # note | commitment
    where: str  # section key, or the commitment's owner
    text: str


def search(
    term: str, rep_id: int | None = None, *, include_private: bool = True, limit: int = 200
) -> list[SearchHit]:
    """Notes and commitments containing ``term`` (case-insensitive), newest first."""
    term = term.strip()
    if not term:
        return []
    lowered = term.lower()
    notes = (
        Note.select(Meeting.id, Rep.name, Meeting.started_at, Note.section_key, Note.text)
        .join(Meeting)
        .join(Rep)
        .where(lower(Note.text).contains(lowered))
    )
    commitments = (
        Commitment.select(
            Meeting.id, Rep.name, Meeting.started_at, Commitment.owner, Commitment.text
        )
        .join(Meeting, on=(Commitment.meeting == Meeting.id))
        .join(Rep, on=(Meeting.rep == Rep.id))
        .where(lower(Commitment.text).contains(lowered))
    )
    if rep_id is not None:
        notes = notes.where(Meeting.rep == rep_id)
        commitments = commitments.where(Meeting.rep == rep_id)
    else:
        notes, commitments = in_scope(notes), in_scope(commitments)
    if not include_private:
        notes = notes.where(Note.private == False)  # noqa: E712
    # newest first before the limit: the limit keeps the latest hits, not the oldest
    newest = (Meeting.started_at.desc(), Meeting.id.desc())
    # (meeting id, rep name, started at, section key or owner, text)
    note_rows = cast(
        Iterable[tuple[int, str, dt.datetime, str, str]],
        notes.order_by(*newest, Note.id).limit(limit).tuples(),
    )
    made_rows = cast(
        Iterable[tuple[int, str, dt.datetime, str, str]],
        commitments.order_by(*newest, Commitment.id).limit(limit).tuples(),
    )
    hits = [SearchHit(mid, rep, at, "note", where, text) for mid, rep, at, where, text in note_rows]
    hits += [
        SearchHit(mid, rep, at, "commitment", where, text)
        for mid, rep, at, where, text in made_rows
    ]
    return sorted(hits, key=lambda h: (h.started_at, h.meeting_id), reverse=True)[:limit]


# --- corrections -----------------------------------------------------------------------------


def _completed(meeting_id: int) -> Meeting:
    require_writable()
    m = Meeting.get_or_none(Meeting.id == meeting_id)
    if m is None:
        raise NotFound(f"no meeting with id {meeting_id}")
    if m.status != "completed":
        raise QueryError("only completed meetings are corrected; this one is in progress")
    return m


def correct_note(meeting_id: int, section_key: str, text: str, now: dt.datetime) -> bool:
    """Change a completed meeting's note; the old text is kept as a correction."""
    with db.atomic():
        _completed(meeting_id)
        if (
            not SectionRun.select()
            .where((SectionRun.meeting == meeting_id) & (SectionRun.key == section_key))
            .exists()
        ):
            raise QueryError(f"this meeting has no section {section_key!r}")
        note = Note.get_or_none((Note.meeting == meeting_id) & (Note.section_key == section_key))
        old = note.text if note else ""
        if old == text:
            return False
        Correction.create(
            meeting=meeting_id,
            kind="note",
            target=section_key,
            field="text",
            old_value=old,
            new_value=text,
            corrected_at=now,
        )
        (
            Note.insert(meeting=meeting_id, section_key=section_key, text=text, updated_at=now)
            .on_conflict(
                conflict_target=[Note.meeting, Note.section_key],
                update={Note.text: text, Note.updated_at: now},
            )
            .execute()
        )
    return True


def correct_commitment(
    commitment_id: int, now: dt.datetime, *, text: str | None = None, due: dt.date | None = None
) -> int:
    """Fix a commitment made in a completed meeting; returns how many fields changed."""
    changed = 0
    with db.atomic():
        c = Commitment.get_or_none(Commitment.id == commitment_id)
        if c is None:
            raise NotFound(f"no commitment with id {commitment_id}")
        _completed(c.meeting_id)
        for field_name, new in (("text", text), ("due", due)):
            if new is None:
                continue
            if field_name == "text" and not str(new).strip():
                raise QueryError("a commitment needs a text")
            old = getattr(c, field_name)
            if str(old) == str(new):
                continue
            Correction.create(
                meeting=c.meeting_id,
                kind="commitment",
                target=str(c.id),
                field=field_name,
                old_value=str(old),
                new_value=str(new),
                corrected_at=now,
            )
            setattr(c, field_name, new)
            changed += 1
        if changed:
            c.save()
    return changed
