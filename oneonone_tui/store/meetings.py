"""Meetings as they are held: starting one, loading it to resume, where it stands (phase,
timings), its notes, and closing it.

Each function is one short transaction and returns plain dataclasses, never Peewee
query objects."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oneonone_tui.domain.rules import closing_problems
from oneonone_tui.store.access import require_writable
from oneonone_tui.store.commitments import (
    CommitmentRow,
    ReviewItem,
    meeting_commitments,
    review_items,
)
from oneonone_tui.store.errors import NotFound, QueryError
from oneonone_tui.store.models import OWNERS, Meeting, Note, Rep, SectionRun, db

if TYPE_CHECKING:
    from oneonone_tui.domain.agenda import Agenda


def in_progress_meeting(rep_id: int) -> int | None:
    row = (
        Meeting.select(Meeting.id)
        .where((Meeting.rep == rep_id) & (Meeting.status == "in_progress"))
        .order_by(Meeting.started_at.desc())
        .first()
    )
    meeting_id: int | None = row.id if row else None
    return meeting_id


def last_agenda_slug(rep_id: int) -> str | None:
    row = (
        Meeting.select(Meeting.agenda_slug)
        .where(Meeting.rep == rep_id)
        .order_by(Meeting.started_at.desc(), Meeting.id.desc())
        .first()
    )
    slug: str | None = row.agenda_slug if row else None
    return slug


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
    values: dict[str, Any] = {"phase": phase}
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
