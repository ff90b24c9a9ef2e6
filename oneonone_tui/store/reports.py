"""Queries behind accountability: due list, commitments, follow-through, time discipline,
history, search and corrections. Fixed query counts; no Textual."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from peewee import fn

from oneonone_tui.domain.accountability import FollowThrough, TimeDiscipline, time_discipline
from oneonone_tui.store.database import lower
from oneonone_tui.store.models import (
    OPEN_STATUSES,
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
from oneonone_tui.store.queries import (
    CommitmentRow,
    MeetingState,
    NotFound,
    QueryError,
    ReviewItem,
    _as_date,
    _commitment_row,
    in_scope,
    load_meeting,
    require_writable,
)

RECENT_DAYS = 90
TIME_WINDOW = 10  # meetings per rep for time discipline


# --- follow-through ----------------------------------------------------------------


def verdict_marks(rep_id: int | None = None) -> dict[int, list[tuple[str, str, dt.date]]]:
    """rep id -> [(owner, verdict, day)] for every done/missed verdict. One query."""
    query = (
        ReviewMark.select(
            Commitment.rep, Commitment.owner, ReviewMark.verdict, ReviewMark.marked_at
        )
        .join(Commitment)
        .where(ReviewMark.verdict.in_(("done", "missed")))
    )
    if rep_id is not None:
        query = query.where(Commitment.rep == rep_id)
    marks: dict[int, list[tuple[str, str, dt.date]]] = defaultdict(list)
    for rep, owner, verdict, marked_at in query.tuples():
        marks[rep].append((owner, verdict, _as_date(marked_at)))
    return marks


@dataclass(frozen=True)
class RepFollowThrough:
    recent: dict[str, FollowThrough]
    all_time: dict[str, FollowThrough]


def follow_through_by_rep(
    today: dt.date, rep_id: int | None = None, *, all_time: bool = True
) -> dict[int, RepFollowThrough]:
    """Done and missed verdicts counted in SQL (two grouped queries, whatever the history):
    the last 90 days and all time, per rep and per owner. ``all_time=False`` (the team
    list and ``due`` show only the 90 days): one query, the reps with a verdict in the 90
    days, each with an empty ``all_time``."""
    since = dt.datetime.combine(today - dt.timedelta(days=RECENT_DAYS), dt.time())

    def counts(recent: bool) -> dict[int, dict[str, FollowThrough]]:
        query = (
            ReviewMark.select(
                Commitment.rep, Commitment.owner, ReviewMark.verdict, fn.COUNT(ReviewMark.id)
            )
            .join(Commitment)
            .where(ReviewMark.verdict.in_(("done", "missed")))
            .group_by(Commitment.rep, Commitment.owner, ReviewMark.verdict)
        )
        if recent:
            query = query.where(ReviewMark.marked_at >= since)
        if rep_id is not None:
            query = query.where(Commitment.rep == rep_id)
        out: dict[int, dict[str, FollowThrough]] = defaultdict(
            lambda: {"rep": FollowThrough(), "manager": FollowThrough()}
        )
        for rep, owner, verdict, n in query.tuples():
            done, missed = (int(n), 0) if verdict == "done" else (0, int(n))
            out[rep][owner] = out[rep].get(owner, FollowThrough()) + FollowThrough(done, missed)
        return out

    recent = counts(True)
    if not all_time:
        return {rep: RepFollowThrough(totals, {}) for rep, totals in recent.items()}
    totals_by_rep = counts(False)
    empty = {"rep": FollowThrough(), "manager": FollowThrough()}
    return {
        rep: RepFollowThrough(recent.get(rep, dict(empty)), totals)
        for rep, totals in totals_by_rep.items()
    }


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
        TeamCommitment(c.rep.name, _commitment_row(c, _as_date(c.meeting.started_at)))
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


# --- time discipline -----------------------------------------------------------------------


def time_stats(rep_id: int | None = None, last: int = TIME_WINDOW) -> TimeDiscipline:
    """Average actual vs planned per section over each rep's last ``last`` completed
    meetings (one rep, or every active rep pooled). Two queries."""
    meetings = (
        Meeting.select(Meeting.id, Meeting.rep)
        .join(Rep)
        .where((Meeting.status == "completed") & (Rep.archived == False))  # noqa: E712
        .order_by(Meeting.started_at.desc(), Meeting.id.desc())
    )
    meetings = meetings.where(Meeting.rep == rep_id) if rep_id is not None else in_scope(meetings)
    chosen: list[int] = []
    per_rep: dict[int, int] = defaultdict(int)
    for mid, rep in meetings.tuples():
        if per_rep[rep] < last:
            per_rep[rep] += 1
            chosen.append(mid)
    if not chosen:
        return TimeDiscipline(0, 0, [])
    runs = (
        SectionRun.select(
            SectionRun.meeting,
            SectionRun.key,
            SectionRun.title,
            SectionRun.planned_seconds,
            SectionRun.actual_seconds,
        )
        .where(SectionRun.meeting.in_(chosen))
        .order_by(SectionRun.meeting, SectionRun.position)
        .tuples()
    )
    return time_discipline(runs)


# --- history -----------------------------------------------------------------------------


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
        Commitment.select(Commitment.meeting, fn.COUNT(Commitment.id))
        .where(Commitment.meeting.in_(ids))
        .group_by(Commitment.meeting)
        .tuples()
    )
    times = {
        mid: (actual, planned)
        for mid, actual, planned in SectionRun.select(
            SectionRun.meeting,
            fn.SUM(SectionRun.actual_seconds),
            fn.SUM(SectionRun.planned_seconds),
        )
        .where(SectionRun.meeting.in_(ids))
        .group_by(SectionRun.meeting)
        .tuples()
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
    return row.id if row else None


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
    calls: list = field(default_factory=list)
    coaching: list = field(default_factory=list)


def meeting_detail(meeting_id: int) -> MeetingDetail:
    """Everything recorded about one meeting, for the read-only view and the exports."""
    state = load_meeting(meeting_id)
    made = [
        _commitment_row(c)
        for c in Commitment.select()
        .where(Commitment.meeting == meeting_id)
        .order_by(Commitment.created_at, Commitment.id)
    ]
    review = [
        ReviewItem(
            _commitment_row(m.commitment),
            m.verdict,
            m.reason,
            _as_date(m.old_due),
            _as_date(m.new_due),
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
    numbers = [
        NumberRow(metric, _as_date(start), value)
        for metric, start, value in MetricActual.select(
            MetricActual.metric, MetricActual.period_start, MetricActual.value
        )
        .where(MetricActual.meeting == meeting_id)
        .order_by(MetricActual.id)
        .tuples()
    ]
    confidence = Meeting.select(Meeting.confidence).where(Meeting.id == meeting_id).scalar()
    from oneonone_tui.store.plans import coaching_changes, meeting_calls

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
    hits = [SearchHit(*row[:3], "note", *row[3:]) for row in notes.limit(limit).tuples()]
    hits += [
        SearchHit(*row[:3], "commitment", *row[3:]) for row in commitments.limit(limit).tuples()
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
        for field, new in (("text", text), ("due", due)):
            if new is None:
                continue
            if field == "text" and not str(new).strip():
                raise QueryError("a commitment needs a text")
            old = getattr(c, field)
            if str(old) == str(new):
                continue
            Correction.create(
                meeting=c.meeting_id,
                kind="commitment",
                target=str(c.id),
                field=field,
                old_value=str(old),
                new_value=str(new),
                corrected_at=now,
            )
            setattr(c, field, new)
            changed += 1
        if changed:
            c.save()
    return changed
