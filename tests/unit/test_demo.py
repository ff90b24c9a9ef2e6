"""``oneonone demo``: a seeded history that the query layer cannot tell from app-made data."""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from oneonone_tui import demo
from oneonone_tui.store import queries, reports
from oneonone_tui.store.database import open_database
from oneonone_tui.store.models import (
    Commitment,
    Correction,
    Meeting,
    Note,
    Rep,
    ReviewMark,
    SectionRun,
)

TODAY = dt.date(2026, 11, 23)
REPS, WEEKS = 4, 20


def _dump() -> dict[str, list[tuple]]:
    """Every row of every table the demo writes, in id order."""
    return {model.__name__: list(model.select().order_by(model.id).tuples())
            for model in (Rep, Meeting, SectionRun, Note, Commitment, ReviewMark, Correction)}


def _filled(path: Path, seed: int = 1) -> dict[str, list[tuple]]:
    database = open_database(str(path))
    try:
        demo.fill(REPS, WEEKS, seed, today=TODAY)
        return _dump()
    finally:
        database.close()


@pytest.fixture
def team(store) -> dict[str, int]:
    return demo.fill(REPS, WEEKS, 1, today=TODAY)


def test_same_seed_same_history(tmp_path: Path):
    first = _filled(tmp_path / "a.db")
    second = _filled(tmp_path / "b.db")
    assert first == second
    assert first["Commitment"] and first["Note"] and first["ReviewMark"]
    other = _filled(tmp_path / "c.db", seed=2)
    assert other["Note"] != first["Note"]


def test_realistic_shape(team):
    assert team["reps"] == REPS
    meetings = list(Meeting.select())
    assert len(meetings) == team["meetings"] >= 30
    assert {m.status for m in meetings} == {"completed"}
    assert {m.phase for m in meetings} == {"summary"}
    assert all(m.started_at.date() < TODAY and m.ended_at > m.started_at for m in meetings)
    slugs = {m.agenda_slug for m in meetings}
    assert {"weekly", "monthly-results"} <= slugs
    # every section has a note of a few sentences; some notes are private
    runs = SectionRun.select().count()
    notes = list(Note.select())
    assert len(notes) == runs
    assert all(n.text.count(".") >= 1 and len(n.text) > 30 for n in notes)
    assert any(n.private for n in notes)
    # timings scatter around the plan; every section was visited
    ratios = [r.actual_seconds / r.planned_seconds for r in SectionRun.select()]
    assert min(ratios) < 0.75 and max(ratios) > 1.1
    assert all(r.visited for r in SectionRun.select())
    verdicts = {m.verdict for m in ReviewMark.select()}
    assert verdicts <= {"done", "missed", "dropped", "carried"}
    assert {"done", "missed", "carried"} <= verdicts
    owners = {c.owner for c in Commitment.select()}
    assert owners == {"rep", "manager"}


def test_every_review_mark_is_consistent(team):
    meetings = {m.id: m for m in Meeting.select()}
    marks: dict[int, list[ReviewMark]] = defaultdict(list)
    for mark in ReviewMark.select():
        marks[mark.commitment_id].append(mark)
    for c in Commitment.select():
        made = meetings[c.meeting_id]
        assert c.rep_id == made.rep_id
        assert c.due >= made.started_at.date()
        history = sorted(marks[c.id], key=lambda m: meetings[m.meeting_id].started_at)
        for n, mark in enumerate(history):
            at = meetings[mark.meeting_id]
            assert at.rep_id == c.rep_id and at.started_at > made.started_at
            assert not at.review_skipped
            assert mark.prior_status == ("open" if n == 0 else "carried")
            assert mark.prior_carry_count == n
            assert (mark.new_due is not None) == (mark.verdict == "carried")
            assert (mark.verdict == "dropped") == bool(mark.reason)
            if n:
                assert mark.old_due == history[n - 1].new_due
            if n < len(history) - 1:  # only a carried commitment comes up again
                assert mark.verdict == "carried"
        carried = sum(1 for m in history if m.verdict == "carried")
        assert c.carry_count == carried
        last = history[-1] if history else None
        if last is None:
            assert (c.status, c.closed_in_id, c.carry_count) == ("open", None, 0)
        elif last.verdict == "carried":
            assert (c.status, c.closed_in_id, c.due) == ("carried", None, last.new_due)
        else:
            assert (c.status, c.closed_in_id) == (last.verdict, last.meeting_id)
            assert c.note == last.reason
    # a commitment open at a meeting's review is marked there, unless the review is skipped
    for rep in Rep.select():
        latest = (Meeting.select().where(Meeting.rep == rep).order_by(Meeting.started_at.desc())
                  .first())
        left = Commitment.select().where(Commitment.meeting == latest).count()
        assert left >= 2  # the last meeting leaves a few open commitments
        assert all(c.status == "open" for c in
                   Commitment.select().where(Commitment.meeting == latest))


def test_no_rep_has_two_meetings_in_progress_and_some_are_overdue(team):
    rows = queries.team_overview(TODAY)
    assert len(rows) == REPS
    assert all(r.in_progress_id is None for r in rows)
    assert all(r.open_count >= 2 for r in rows)
    overdue = [r for r in rows if r.days_overdue(TODAY) > 7]
    assert 1 <= len(overdue) <= 2
    assert rows[0] is overdue[0]  # most overdue first


def test_the_query_layer_reads_it_like_app_made_data(team):
    rows = queries.team_overview(TODAY)
    rates = reports.follow_through_by_rep(TODAY)
    assert set(rates) == {r.rep_id for r in rows}
    for entry in rates.values():
        assert entry.all_time["rep"].verdicts > 0
    listed = reports.meeting_list()
    assert len(listed) == team["meetings"]
    assert all(m.commitments >= 1 and m.actual_seconds > 0 for m in listed)
    assert reports.search("pipeline") and reports.search("Acme") is not None
    assert reports.time_stats().meetings > 0
    for row in rows:
        last = reports.last_meeting_id(row.rep_id)
        items = queries.review_items(last)
        marked = ReviewMark.select().where(ReviewMark.meeting == last).count()
        assert sum(1 for i in items if i.verdict is not None) == marked
        summary = queries.meeting_summary(last)
        assert summary.problems == [] and summary.commitment_count >= 2
        detail = reports.meeting_detail(last)
        assert len(detail.state.sections) == len(detail.state.notes)


def test_the_app_carries_on_from_the_demo(team):
    """A new meeting made through the query layer reviews exactly what the demo left open."""
    rep = queries.team_overview(TODAY)[-1]
    agenda = demo.bundled_agendas()["weekly"]
    now = dt.datetime.combine(TODAY, dt.time(9, 0))
    mid = queries.start_meeting(rep.rep_id, agenda, now)
    items = queries.review_items(mid)
    still_open = [c.id for c in queries.open_commitments(rep.rep_id)]
    assert sorted(i.commitment.id for i in items) == sorted(still_open)
    for item in items:
        queries.mark_review(mid, item.commitment.id, "done", now)
    queries.add_commitment(mid, "rep", "Send the proposal", TODAY, now)
    queries.complete_meeting(mid, now + dt.timedelta(minutes=20))
    row = next(r for r in queries.team_overview(TODAY) if r.rep_id == rep.rep_id)
    assert row.last_met == TODAY and row.open_count == 1


def test_refuses_a_database_that_holds_reps(tmp_path: Path, capsys):
    path = tmp_path / "team.db"
    args = argparse.Namespace(reps=2, weeks=3, seed=1)
    assert demo.run(args, str(path)) == 0
    assert "filled" in capsys.readouterr().out
    before = path.stat().st_size
    assert demo.run(args, str(path)) == 1
    err = capsys.readouterr().err
    assert "already holds reps" in err and err.count("\n") == 1
    assert path.stat().st_size == before


def test_fill_refuses_after_a_rep_was_added(store):
    queries.add_rep("Dana Scully")
    with pytest.raises(demo.NotEmpty):
        demo.fill(2, 3, 1, today=TODAY)
    assert Meeting.select().count() == 0


def test_parser_takes_db_before_or_after_the_command():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    demo.add_parser(parser.add_subparsers(dest="command"))
    after = parser.parse_args(["demo", "--db", "x.db", "--reps", "3"])
    assert (after.db, after.reps, after.weeks, after.seed) == ("x.db", 3, 260, 1)
    before = parser.parse_args(["--db", "y.db", "demo"])
    assert before.db == "y.db" and before.reps == 50
    with pytest.raises(SystemExit):
        parser.parse_args(["demo", "--reps", "0"])


def test_the_demo_does_not_import_textual(tmp_path: Path):
    """``python -m oneonone_tui.demo`` (what ``oneonone demo`` runs) stays out of Textual."""
    code = ("import sys\n"
            "from oneonone_tui.demo import main\n"
            f"assert main(['--db', {str(tmp_path / 'x.db')!r}, '--reps', '2', '--weeks', "
            "'2']) == 0\n"
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
