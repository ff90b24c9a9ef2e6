"""The query layer: everything the UI and the CLI read or write goes through here.

Each function is one short transaction. Functions return plain dataclasses so
callers never hold Peewee query objects (and never build SQL themselves).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from peewee import JOIN, Case, IntegrityError, fn

from oneonone_tui.domain.cadence import CadenceError, parse_cadence
from oneonone_tui.domain.rules import closing_problems
from oneonone_tui.store.models import (
    OPEN_STATUSES,
    OWNERS,
    VERDICTS,
    Commitment,
    Meeting,
    Note,
    Rep,
    ReviewMark,
    SectionRun,
    db,
)
from oneonone_tui.store.scope import current_scope

if TYPE_CHECKING:
    from oneonone_tui.domain.agenda import Agenda

MAX_NAME = 80


class QueryError(Exception):
    """A request the data does not allow (unknown rep, duplicate name...), explained."""


class NotFound(QueryError):
    pass


class ReadOnly(QueryError):
    """A write asked for while viewing every manager's team (--all-managers)."""


def require_writable() -> None:
    """Refuse a write when this process sees every manager's team read-only."""
    if current_scope().read_only:
        raise ReadOnly(
            "read-only: --all-managers shows every manager's team without "
            "changing it; run with --manager NAME (or without --all-managers) "
            "to make changes"
        )


def in_scope(query: Any) -> Any:
    """``query`` limited to the current manager's reps (everyone's with --all-managers)."""
    scope = current_scope()
    return query if scope.all_managers else query.where(Rep.manager == scope.manager)


# --- reps ------------------------------------------------------------------


@dataclass(frozen=True)
class RepInfo:
    id: int
    name: str
    cadence: str
    archived: bool
    manager: str = ""


def _rep_info(rep: Rep) -> RepInfo:
    return RepInfo(rep.id, rep.name, rep.cadence, rep.archived, rep.manager)


def add_rep(name: str, cadence: str = "weekly", *, now: dt.datetime) -> RepInfo:
    clean = " ".join((name or "").split())
    if not clean:
        raise QueryError("a rep needs a name")
    if len(clean) > MAX_NAME:
        raise QueryError(f"a rep's name is at most {MAX_NAME} characters (got {len(clean)})")
    try:
        label = parse_cadence(cadence).label
    except CadenceError as exc:
        raise QueryError(str(exc)) from None
    require_writable()
    manager = current_scope().manager
    with db.atomic():
        existing = Rep.get_or_none((fn.LOWER(Rep.name) == clean.lower()) & (Rep.manager == manager))
        if existing is not None:
            state = " (archived)" if existing.archived else ""
            raise QueryError(f"a rep named {existing.name!r} already exists{state}")
        try:
            rep = Rep.create(name=clean, cadence=label, manager=manager, created_at=now)
        except IntegrityError:
            raise QueryError(f"a rep named {clean!r} already exists") from None
    return _rep_info(rep)


def find_rep(name: str, *, include_archived: bool = False) -> RepInfo:
    clean = " ".join((name or "").split()).lower()
    query = in_scope(Rep.select().where(fn.LOWER(Rep.name) == clean))
    if not include_archived:
        query = query.where(Rep.archived == False)  # noqa: E712
    found = list(query.order_by(Rep.manager).limit(10))
    if not found:
        raise NotFound(f"no rep named {name!r}; see 'oneonone rep list'")
    if len(found) > 1:
        managers = ", ".join(r.manager for r in found)
        raise QueryError(
            f"{len(found)} reps are named {found[0].name!r} (teams of "
            f"{managers}); pick one team with --manager NAME"
        )
    return _rep_info(found[0])


def list_reps(*, include_archived: bool = False) -> list[RepInfo]:
    query = in_scope(Rep.select()).order_by(fn.LOWER(Rep.name), Rep.manager)
    if not include_archived:
        query = query.where(Rep.archived == False)  # noqa: E712
    return [_rep_info(r) for r in query]


def archive_rep(name: str) -> RepInfo:
    require_writable()
    rep = find_rep(name)
    if in_progress_meeting(rep.id) is not None:
        raise QueryError(
            f"{rep.name} has a meeting in progress: finish it (oneonone meet "
            f"{rep.name!r}, then its summary) before archiving"
        )
    Rep.update(archived=True).where(Rep.id == rep.id).execute()
    return RepInfo(rep.id, rep.name, rep.cadence, True, rep.manager)


def next_meeting_date(cadence: str, today: dt.date) -> dt.date:
    """When the one-on-one after today's is due, by the rep's cadence."""
    return parse_cadence(cadence).next_after(today)


# --- the team at a glance ----------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    rep_id: int
    name: str
    cadence: str
    last_met: dt.date | None
    next_due: dt.date | None
    open_count: int
    overdue_count: int
    in_progress_id: int | None
    last_agenda: str | None
    manager: str = ""

    def days_overdue(self, today: dt.date) -> int | None:
        """Days past the next due date (0 = due today, negative = not yet due)."""
        return None if self.next_due is None else (today - self.next_due).days


def team_overview(today: dt.date) -> list[TeamRow]:
    """One row per active rep, most overdue first. Four queries, whatever the history."""
    reps = list(in_scope(Rep.select().where(Rep.archived == False)))  # noqa: E712
    latest = _latest_completed()
    counts: dict[int, tuple[int, int]] = {}
    late = fn.SUM(Case(None, [(Commitment.due < today, 1)], 0))
    for row in (
        Commitment.select(Commitment.rep, fn.COUNT(Commitment.id).alias("n"), late.alias("late"))
        # "of any rep" changes nothing but lets SQLite read the (rep, status) index rep
        # by rep instead of every commitment ever made (0.1 ms, not 9, on five years)
        .where(Commitment.status.in_(OPEN_STATUSES) & Commitment.rep.in_(Rep.select(Rep.id)))
        .group_by(Commitment.rep)
        .namedtuples()
    ):
        counts[row.rep] = (row.n, int(row.late or 0))
    in_progress = {
        rep_id: mid
        for mid, rep_id in Meeting.select(Meeting.id, Meeting.rep)
        .where(Meeting.status == "in_progress")
        .tuples()
    }
    rows = []
    for rep in reps:
        started, slug = latest.get(rep.id, (None, None))
        last_met = _as_date(started)
        next_due = parse_cadence(rep.cadence).next_after(last_met) if last_met else None
        n_open, n_late = counts.get(rep.id, (0, 0))
        rows.append(
            TeamRow(
                rep.id,
                rep.name,
                rep.cadence,
                last_met,
                next_due,
                n_open,
                n_late,
                in_progress.get(rep.id),
                slug,
                rep.manager,
            )
        )

    def order(row: TeamRow) -> tuple:
        # never met first (the most overdue of all), then the earliest due date
        return (row.next_due is not None, row.next_due or dt.date.min, row.name.lower())

    return sorted(rows, key=order)


def _latest_completed() -> dict[int, tuple[dt.datetime, str]]:
    """rep id -> (start of the latest completed meeting, its agenda slug), in one query."""
    m2 = Meeting.alias()
    newest = (
        m2.select(m2.rep.alias("rid"), fn.MAX(m2.started_at).alias("mx"))
        .where(m2.status == "completed")
        .group_by(m2.rep)
        .alias("newest")
    )
    query = (
        Meeting.select(Meeting.rep, Meeting.started_at, Meeting.agenda_slug)
        .join(newest, on=(Meeting.rep == newest.c.rid) & (Meeting.started_at == newest.c.mx))
        .where(Meeting.status == "completed")
        .order_by(Meeting.id)
        .tuples()
    )
    return {rep_id: (started, slug) for rep_id, started, slug in query}


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()


# --- meetings ----------------------------------------------------------------


def in_progress_meeting(rep_id: int) -> int | None:
    row = (
        Meeting.select(Meeting.id)
        .where((Meeting.rep == rep_id) & (Meeting.status == "in_progress"))
        .order_by(Meeting.started_at.desc())
        .first()
    )
    return row.id if row else None


def last_agenda_slug(rep_id: int) -> str | None:
    row = (
        Meeting.select(Meeting.agenda_slug)
        .where(Meeting.rep == rep_id)
        .order_by(Meeting.started_at.desc(), Meeting.id.desc())
        .first()
    )
    return row.agenda_slug if row else None


def start_meeting(rep_id: int, agenda: Agenda, now: dt.datetime) -> int:
    """Create a meeting with its sections from a frozen copy of ``agenda``.

    Refuses while the rep has a meeting in progress: that one is resumed, never replaced."""
    require_writable()
    with db.atomic():
        existing = in_progress_meeting(rep_id)
        if existing is not None:
            raise QueryError("this rep has a meeting in progress; resume it or finish it first")
        meeting = Meeting.create(
            rep=rep_id,
            agenda_slug=agenda.slug or agenda.name,
            agenda_name=agenda.name,
            agenda_json=json.dumps(agenda.to_dict()),
            started_at=now,
            phase="review",
        )
        SectionRun.insert_many(
            [
                {
                    "meeting": meeting.id,
                    "position": i,
                    "key": s.key,
                    "title": s.title,
                    "planned_seconds": s.seconds,
                }
                for i, s in enumerate(agenda.sections)
            ]
        ).execute()
    return meeting.id


@dataclass(frozen=True)
class SectionRow:
    position: int
    key: str
    title: str
    planned_seconds: int
    extra_seconds: int
    actual_seconds: float
    visited: bool


@dataclass(frozen=True)
class NoteRow:
    text: str
    private: bool


@dataclass(frozen=True)
class MeetingState:
    id: int
    rep_id: int
    rep_name: str
    rep_cadence: str
    agenda: Agenda
    status: str
    phase: str
    current_section: int
    review_skipped: bool
    started_at: dt.datetime
    ended_at: dt.datetime | None
    sections: list[SectionRow]
    notes: dict[str, NoteRow] = field(default_factory=dict)


def load_meeting(meeting_id: int) -> MeetingState:
    from oneonone_tui.domain.agenda import (
        Agenda,  # here: the reports that never load a meeting skip it
    )

    m = Meeting.select(Meeting, Rep).join(Rep).where(Meeting.id == meeting_id).first()
    if m is None:
        raise NotFound(f"no meeting with id {meeting_id}")
    sections = [
        SectionRow(
            s.position,
            s.key,
            s.title,
            s.planned_seconds,
            s.extra_seconds,
            s.actual_seconds,
            s.visited,
        )
        for s in SectionRun.select()
        .where(SectionRun.meeting == meeting_id)
        .order_by(SectionRun.position)
    ]
    notes = {
        n.section_key: NoteRow(n.text, n.private)
        for n in Note.select().where(Note.meeting == meeting_id)
    }
    return MeetingState(
        id=m.id,
        rep_id=m.rep.id,
        rep_name=m.rep.name,
        rep_cadence=m.rep.cadence,
        agenda=Agenda.from_dict(json.loads(m.agenda_json)),
        status=m.status,
        phase=m.phase,
        current_section=m.current_section,
        review_skipped=m.review_skipped,
        started_at=m.started_at,
        ended_at=m.ended_at,
        sections=sections,
        notes=notes,
    )


def set_phase(meeting_id: int, phase: str, *, review_skipped: bool | None = None) -> None:
    values: dict = {"phase": phase}
    if review_skipped is not None:
        values["review_skipped"] = review_skipped
    Meeting.update(**values).where(Meeting.id == meeting_id).execute()


def save_note(
    meeting_id: int, section_key: str, text: str, private: bool, now: dt.datetime
) -> None:
    """Upsert the note of one section, in one statement (NUL, which PostgreSQL cannot
    store, is the one character not kept as typed)."""
    text = text.replace("\x00", "")
    (
        Note.insert(
            meeting=meeting_id, section_key=section_key, text=text, private=private, updated_at=now
        )
        .on_conflict(
            conflict_target=[Note.meeting, Note.section_key],
            update={Note.text: text, Note.private: private, Note.updated_at: now},
        )
        .execute()
    )


def save_timing(meeting_id: int, current: int, sections: list[tuple[float, int, bool]]) -> None:
    """Store where the meeting stands: current section and (elapsed, extra, visited) of each."""
    with db.atomic():
        Meeting.update(current_section=current).where(Meeting.id == meeting_id).execute()
        for pos, (elapsed, extra, visited) in enumerate(sections):
            (
                SectionRun.update(
                    actual_seconds=round(elapsed, 1), extra_seconds=extra, visited=visited
                )
                .where((SectionRun.meeting == meeting_id) & (SectionRun.position == pos))
                .execute()
            )


# --- commitments ----------------------------------------------------------------


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


def _commitment_row(c: Commitment, made_on: dt.date | None = None) -> CommitmentRow:
    return CommitmentRow(
        c.id,
        c.owner,
        c.text,
        _as_date(c.due),
        c.status,
        c.carry_count,
        made_on or _as_date(c.created_at),
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
    return _commitment_row(c)


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
    return [_commitment_row(c) for c in query]


def open_commitments(rep_id: int | None = None) -> list[CommitmentRow]:
    query = Commitment.select().where(Commitment.status.in_(OPEN_STATUSES))
    if rep_id is not None:
        query = query.where(Commitment.rep == rep_id)
    else:
        query = in_scope(query.join(Rep, on=(Commitment.rep == Rep.id)))
    return [_commitment_row(c) for c in query.order_by(Commitment.due, Commitment.id)]


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
                    _commitment_row(c),
                    mark.verdict,
                    mark.reason,
                    _as_date(mark.old_due),
                    _as_date(mark.new_due),
                )
            )
        else:
            items.append(ReviewItem(_commitment_row(c)))
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
            c.status, c.due, c.carry_count = "carried", new_due, c.carry_count + 1
            c.closed_in = None
        else:
            c.status, c.closed_in = verdict, meeting_id
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
    values = {
        "status": mark.prior_status,
        "due": mark.old_due,
        "carry_count": mark.prior_carry_count,
        "closed_in": None,
    }
    if mark.reason:  # the reason this mark wrote goes with it
        values["note"] = ""
    Commitment.update(**values).where(Commitment.id == commitment_id).execute()
    mark.delete_instance()


# --- closing the meeting ------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    meeting: MeetingState
    commitments: dict[str, list[CommitmentRow]]
    review: list[ReviewItem]
    problems: list[str]

    @property
    def commitment_count(self) -> int:
        return sum(len(v) for v in self.commitments.values())


def meeting_summary(meeting_id: int) -> Summary:
    state = load_meeting(meeting_id)
    by_owner: dict[str, list[CommitmentRow]] = defaultdict(list)
    made = meeting_commitments(meeting_id)
    for c in made:
        by_owner[c.owner].append(c)
    review = [i for i in review_items(meeting_id) if i.verdict is not None]
    problems = closing_problems(state.agenda.require_commitments, len(made))
    return Summary(state, {o: by_owner.get(o, []) for o in OWNERS}, review, problems)


def complete_meeting(meeting_id: int, now: dt.datetime) -> None:
    """Record the meeting as completed; refused while the agenda's rules are unmet."""
    with db.atomic():
        summary = meeting_summary(meeting_id)
        if summary.meeting.status == "completed":
            return
        if summary.problems:
            raise QueryError("; ".join(summary.problems))
        Meeting.update(status="completed", ended_at=now, phase="summary").where(
            Meeting.id == meeting_id
        ).execute()


def find_rep_by_id(rep_id: int) -> RepInfo:
    rep = Rep.get_or_none(Rep.id == rep_id)
    if rep is None:
        raise NotFound(f"no rep with id {rep_id}")
    return _rep_info(rep)
