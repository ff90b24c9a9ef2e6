"""A meeting in progress: the timer, the notes and where the meeting stands.

This is the meeting's controller, free of Textual: screens call it, it calls the
query layer, and everything it changes is written at once or within a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TypedDict, Unpack

from oneonone_tui.domain import cadence
from oneonone_tui.domain.agenda import Agenda
from oneonone_tui.domain.clock import Clock
from oneonone_tui.domain.timer import MeetingTimer, SectionPlan, TickResult
from oneonone_tui.store import meetings
from oneonone_tui.store.errors import DATABASE_FAULTS, first_line

NOTE_SAVE_DELAY = 0.5  # seconds: a note reaches the database this soon after a change
TIMING_SAVE_EVERY = 1.0  # seconds of meeting time between timing saves


class MeetingSession:
    def __init__(self, meeting_id: int, clock: Clock) -> None:
        self.clock = clock
        self.state = meetings.load_meeting(meeting_id)
        self.id = meeting_id
        secs = self.state.sections
        self.timer = MeetingTimer(
            [
                SectionPlan(
                    s.key,
                    s.title,
                    s.planned_seconds,
                    self.agenda.sections[s.position].on_timeout
                    if s.position < len(self.agenda.sections)
                    else "warn",
                )
                for s in secs
            ],
            clock,
            elapsed=[s.actual_seconds for s in secs],
            extra=[s.extra_seconds for s in secs],
            current=min(self.state.current_section, max(len(secs) - 1, 0)),
            visited=[s.position for s in secs if s.visited],
            running=False,
        )
        self.notes: dict[str, tuple[str, bool]] = {
            k: (n.text, n.private) for k, n in self.state.notes.items()
        }
        self._dirty: set[str] = set()
        self._last_timing = tuple(self.timer.snapshot())
        self._errors: dict[str, str] = {}  # what the database refused, by kind of write
        self._pending_phase: tuple[str, bool | None] | None = None

    # -- construction ------------------------------------------------------
    @classmethod
    def start(cls, rep_id: int, agenda: Agenda, clock: Clock) -> MeetingSession:
        return cls(meetings.start_meeting(rep_id, agenda, clock.now()), clock)

    @property
    def agenda(self) -> Agenda:
        return self.state.agenda

    @property
    def rep_name(self) -> str:
        return self.state.rep_name

    @property
    def phase(self) -> str:
        return self.state.phase

    def next_meeting_date(self) -> dt.date:
        return cadence.next_meeting_date(self.state.rep_cadence, self.clock.today())

    # -- phases ------------------------------------------------------------
    def set_phase(self, phase: str, *, review_skipped: bool | None = None) -> None:
        """Move to another phase; if the database refuses, the move still happens on
        screen and the write is retried with the timings."""
        if not self._write(
            "phase", meetings.set_phase, self.id, phase, review_skipped=review_skipped
        ):
            self._pending_phase = (phase, review_skipped)
        changes: _Changes = {"phase": phase}
        if review_skipped is not None:
            changes["review_skipped"] = review_skipped
        self.state = _replace(self.state, **changes)

    def begin_sections(self) -> None:
        if self.phase != "sections":
            self.set_phase("sections")
        self.timer.start()
        self.save_timing(force=True)

    # -- notes -----------------------------------------------------------------
    def section_key(self, i: int | None = None) -> str:
        return self.timer.sections[self.timer.current if i is None else i].key

    def note(self, key: str) -> tuple[str, bool]:
        return self.notes.get(key, ("", False))

    def set_note(self, key: str, text: str, private: bool | None = None) -> None:
        """Record an edit in memory; :meth:`flush_notes` writes it."""
        old_text, old_private = self.note(key)
        new_private = old_private if private is None else private
        if (text, new_private) != (old_text, old_private):
            self.notes[key] = (text, new_private)
            self._dirty.add(key)

    @property
    def has_unsaved_notes(self) -> bool:
        return bool(self._dirty)

    def flush_notes(self) -> bool:
        """Write every changed note, one short statement each. On a write failure the
        notes stay in memory (and on screen) and the next call tries again."""
        now = self.clock.now()
        for key in sorted(self._dirty):
            text, private = self.notes[key]
            if not self._write("notes", meetings.save_note, self.id, key, text, private, now):
                return False
            self._dirty.discard(key)
        return True

    @property
    def write_error(self) -> str | None:
        """Why something is not saved yet (None when everything is in the database)."""
        return next(iter(self._errors.values()), None)

    def _write(self, kind: str, fn: Callable[..., object], *args: object, **kwargs: object) -> bool:
        try:
            fn(*args, **kwargs)
        except DATABASE_FAULTS as exc:
            self._errors[kind] = first_line(exc)
            return False
        self._errors.pop(kind, None)
        return True

    # -- time ------------------------------------------------------------------
    def save_timing(self, *, force: bool = False) -> None:
        snap = tuple(self.timer.snapshot())
        if (
            not force
            and self._last_timing
            and all(
                abs(a[0] - b[0]) < TIMING_SAVE_EVERY and a[1] == b[1]
                for a, b in zip(snap, self._last_timing, strict=True)
            )
            and self.timer.current == self.state.current_section
        ):
            return
        visited = self.timer.visited
        if not self._write(
            "timing",
            meetings.save_timing,
            self.id,
            self.timer.current,
            [(e, x, i in visited) for i, (e, x) in enumerate(snap)],
        ):
            return
        self._last_timing = snap
        self.state = _replace(self.state, current_section=self.timer.current)

    def tick(self) -> TickResult:
        result = self.timer.tick()
        self.save_timing(force=result is TickResult.ADVANCED or self.write_error is not None)
        if self._pending_phase is not None:
            phase, skipped = self._pending_phase
            if self._write("phase", meetings.set_phase, self.id, phase, review_skipped=skipped):
                self._pending_phase = None
        if self._dirty and self.write_error is not None:
            self.flush_notes()  # retry what the database refused
        return result

    def go_to(self, i: int) -> None:
        self.flush_notes()
        self.timer.go_to(i)
        self.save_timing(force=True)

    def pause_for_later(self) -> None:
        """Keep the meeting in progress with everything saved and the clock stopped."""
        self.flush_notes()
        self.timer.pause()
        self.save_timing(force=True)


class _Changes(TypedDict, total=False):
    """The fields of the meeting's state that the session changes."""

    phase: str
    review_skipped: bool
    current_section: int


def _replace(state: meetings.MeetingState, **changes: Unpack[_Changes]) -> meetings.MeetingState:
    return replace(state, **changes)
