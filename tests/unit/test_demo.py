"""``oneonone demo``: a seeded history that the query layer cannot tell from app-made data."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from oneonone_tui.cli import demo as demo_command
from oneonone_tui.demo.rows import I_KIND, I_STATUS, M_CONFIDENCE
from oneonone_tui.demo.simulation import bundled_agendas, generate
from oneonone_tui.demo.words import ACCOUNTS
from oneonone_tui.demo.writer import NotEmpty, fill
from oneonone_tui.domain.cadence import add_months
from oneonone_tui.domain.clock import FakeClock
from oneonone_tui.domain.metrics import period_start, review_period
from oneonone_tui.services.export import to_json, to_markdown
from oneonone_tui.services.settings import Settings
from oneonone_tui.store import numbers, plans
from oneonone_tui.store.commitments import (
    add_commitment,
    mark_review,
    open_commitments,
    review_items,
)
from oneonone_tui.store.database import open_database
from oneonone_tui.store.follow_through import follow_through_by_rep
from oneonone_tui.store.history import last_meeting_id, meeting_detail, meeting_list, search
from oneonone_tui.store.meetings import complete_meeting, meeting_summary, start_meeting
from oneonone_tui.store.models import (
    ALL_MODELS,
    Call,
    CoachingChange,
    CoachingItem,
    Commitment,
    Meeting,
    MetricActual,
    MetricTarget,
    Note,
    Rep,
    ReviewMark,
    SchemaInfo,
    SectionRun,
)
from oneonone_tui.store.reps import add_rep, team_overview
from oneonone_tui.store.time_discipline import time_stats
from oneonone_tui.templates.metrics import load_metrics

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime.combine(TODAY, dt.time(9, 0))
REPS, WEEKS = 4, 20


def _dump() -> dict[str, list[tuple]]:
    """Every row of every table the demo writes, in id order."""
    return {
        model.__name__: list(model.select().order_by(model.id).tuples())
        for model in ALL_MODELS
        if model is not SchemaInfo
    }


def _filled(path: Path, seed: int = 1) -> dict[str, list[tuple]]:
    database = open_database(str(path))
    try:
        fill(REPS, WEEKS, seed, today=TODAY)
        return _dump()
    finally:
        database.close()


@pytest.fixture
def team(store) -> dict[str, int]:
    return fill(REPS, WEEKS, 1, today=TODAY)


def test_same_seed_same_history(tmp_path: Path):
    first = _filled(tmp_path / "a.db")
    second = _filled(tmp_path / "b.db")
    assert first == second
    assert all(first[table] for table in first if table != "Correction")
    other = _filled(tmp_path / "c.db", seed=2)
    assert other["Note"] != first["Note"]
    for table in ("MetricActual", "MetricTarget", "CoachingItem", "Call"):
        assert other[table] != first[table]


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
        latest = (
            Meeting.select().where(Meeting.rep == rep).order_by(Meeting.started_at.desc()).first()
        )
        left = Commitment.select().where(Commitment.meeting == latest).count()
        assert left >= 2  # the last meeting leaves a few open commitments
        assert all(
            c.status == "open" for c in Commitment.select().where(Commitment.meeting == latest)
        )


def test_no_rep_has_two_meetings_in_progress_and_some_are_overdue(team):
    rows = team_overview(TODAY)
    assert len(rows) == REPS
    assert all(r.in_progress_id is None for r in rows)
    assert all(r.open_count >= 2 for r in rows)
    overdue = [r for r in rows if r.days_overdue(TODAY) > 7]
    assert 1 <= len(overdue) <= 2
    assert rows[0] is overdue[0]  # most overdue first


def test_the_query_layer_reads_it_like_app_made_data(team):
    rows = team_overview(TODAY)
    rates = follow_through_by_rep(TODAY)
    assert set(rates) == {r.rep_id for r in rows}
    for entry in rates.values():
        assert entry.all_time["rep"].verdicts > 0
    listed = meeting_list()
    assert len(listed) == team["meetings"]
    assert all(m.commitments >= 1 and m.actual_seconds > 0 for m in listed)
    assert search("pipeline") and search("Acme") is not None
    assert time_stats().meetings > 0
    for row in rows:
        last = last_meeting_id(row.rep_id)
        items = review_items(last)
        marked = ReviewMark.select().where(ReviewMark.meeting == last).count()
        assert sum(1 for i in items if i.verdict is not None) == marked
        summary = meeting_summary(last)
        assert summary.problems == [] and summary.commitment_count >= 2
        detail = meeting_detail(last)
        assert len(detail.state.sections) == len(detail.state.notes)


def test_the_app_carries_on_from_the_demo(team):
    """A new meeting made through the query layer reviews exactly what the demo left open."""
    rep = team_overview(TODAY)[-1]
    agenda = bundled_agendas()["weekly"]
    now = dt.datetime.combine(TODAY, dt.time(9, 0))
    mid = start_meeting(rep.rep_id, agenda, now)
    items = review_items(mid)
    still_open = [c.id for c in open_commitments(rep.rep_id)]
    assert sorted(i.commitment.id for i in items) == sorted(still_open)
    for item in items:
        mark_review(mid, item.commitment.id, "done", now)
    add_commitment(mid, "rep", "Send the proposal", TODAY, now)
    complete_meeting(mid, now + dt.timedelta(minutes=20))
    row = next(r for r in team_overview(TODAY) if r.rep_id == rep.rep_id)
    assert row.last_met == TODAY and row.open_count == 1


def test_refuses_a_database_that_holds_reps(tmp_path: Path, capsys):
    path = tmp_path / "team.db"
    args = argparse.Namespace(reps=2, weeks=3, seed=1)
    settings = Settings(
        db=str(path), agendas=tmp_path, agendas_explicit=False, clock=FakeClock(NOW)
    )
    assert demo_command.run(args, settings) == 0
    assert "filled" in capsys.readouterr().out
    before = path.stat().st_size
    assert demo_command.run(args, settings) == 1
    err = capsys.readouterr().err
    assert "already holds reps" in err and err.count("\n") == 1
    assert path.stat().st_size == before


def test_fill_refuses_after_a_rep_was_added(store):
    add_rep("Dana Scully", now=NOW)
    with pytest.raises(NotEmpty):
        fill(2, 3, 1, today=TODAY)
    assert Meeting.select().count() == 0


def test_parser_takes_db_before_or_after_the_command():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    demo_command.add_parser(parser.add_subparsers(dest="command"))
    after = parser.parse_args(["demo", "--db", "x.db", "--reps", "3"])
    assert (after.db, after.reps, after.weeks, after.seed) == ("x.db", 3, 260, 1)
    before = parser.parse_args(["--db", "y.db", "demo"])
    assert before.db == "y.db" and before.reps == 50
    with pytest.raises(SystemExit):
        parser.parse_args(["demo", "--reps", "0"])


def test_the_demo_does_not_import_textual(tmp_path: Path):
    """``oneonone demo`` stays out of Textual."""
    code = (
        "import sys\n"
        "from oneonone_tui.cli.main import main\n"
        f"assert main(['--db', {str(tmp_path / 'x.db')!r}, 'demo', '--reps', '2', "
        "'--weeks', '2']) == 0\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


# --- the numbers, targets, confidence, coaching plan and calls ---------------------------------

METRICS = load_metrics(None)[0]


def _sections(meeting: Meeting) -> dict[str, dict]:
    """The meeting's frozen agenda sections by key."""
    return {s["key"]: s for s in json.loads(meeting.agenda_json)["sections"]}


def _shown(meeting: Meeting) -> set[str]:
    return {key for s in _sections(meeting).values() for key in s.get("metrics", ())}


def _at(value: dt.datetime | str) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def test_the_counts_cover_every_table(team):
    for name in (
        "actuals",
        "targets",
        "coaching items",
        "coaching changes",
        "calls",
        "joint calls",
        "confidence ratings",
    ):
        assert team[name] > 0, name
    assert team["actuals"] == MetricActual.select().count()
    assert team["targets"] == MetricTarget.select().count()
    assert team["coaching items"] == CoachingItem.select().count()
    assert team["coaching changes"] == CoachingChange.select().count()
    assert team["calls"] == Call.select().count()
    assert team["confidence ratings"] == (
        Meeting.select().where(Meeting.confidence.is_null(False)).count()
    )


def test_actuals_every_period_from_hire_entered_in_the_meeting_that_reviews_it(team):
    meetings = {m.id: m for m in Meeting.select()}
    shown = {mid: _shown(m) for mid, m in meetings.items()}
    in_agendas = {
        k for agenda in bundled_agendas().values() for s in agenda.sections for k in s.metrics
    }
    assert in_agendas == set(METRICS)  # every bundled metric is on some agenda
    rows = list(MetricActual.select())
    assert len({(a.rep_id, a.metric, a.period_start) for a in rows}) == len(rows)
    by: dict[tuple[int, str], list[MetricActual]] = defaultdict(list)
    for a in rows:
        by[(a.rep_id, a.metric)].append(a)
    for rep in Rep.select():
        for key, m in METRICS.items():
            series = sorted(by[(rep.id, key)], key=lambda a: a.period_start)
            starts = [a.period_start for a in series]
            assert starts[0] >= rep.created_at.date()
            assert starts[0] - rep.created_at.date() < dt.timedelta(days=32)
            assert starts[-1] == review_period(m.period, TODAY)  # up to the last full period
            assert all(period_start(m.period, p) == p for p in starts)
            step = 7 if m.period == "week" else 31
            assert all(0 < (b - a).days <= step for a, b in itertools.pairwise(starts))
            assert all(a.value >= 0 for a in series)
            if m.unit == "count":
                assert all(a.value == int(a.value) for a in series)
            average = statistics.mean(a.value for a in series)
            assert 0.3 * m.target < average < 1.8 * m.target, (key, average)
            assert len({a.value for a in series}) > 1  # noise, not a constant
    entered = [a for a in rows if a.meeting_id is not None]
    imported = [a for a in rows if a.meeting_id is None]
    assert entered and imported
    for a in entered:
        meeting = meetings[a.meeting_id]
        assert meeting.rep_id == a.rep_id and a.metric in shown[a.meeting_id]
        reviewed = review_period(METRICS[a.metric].period, meeting.started_at.date())
        assert reviewed == a.period_start
        assert meeting.started_at <= _at(a.updated_at) <= meeting.ended_at
    firsts: dict[tuple, dt.datetime] = {}
    for mid, meeting in sorted(meetings.items(), key=lambda kv: kv[1].started_at):
        for key in shown[mid]:
            period = review_period(METRICS[key].period, meeting.started_at.date())
            firsts.setdefault((meeting.rep_id, key, period), meeting.started_at)
    # entered in the first meeting that showed the period (now and then in a later one)
    first = [
        firsts[(a.rep_id, a.metric, a.period_start)] == meetings[a.meeting_id].started_at
        for a in entered
    ]
    assert 0.9 < sum(first) / len(first) < 1
    for a in imported:  # the CRM import runs after the period ended
        ended = (
            a.period_start + dt.timedelta(days=7)
            if METRICS[a.metric].period == "week"
            else add_months(a.period_start, 1)
        )
        assert _at(a.updated_at).date() >= min(ended, TODAY)


def test_target_history_starts_at_hire_and_every_change_has_a_reason(team):
    meetings = {m.id: m for m in Meeting.select()}
    made_in = 0
    for rep in Rep.select():
        rows = list(
            MetricTarget.select()
            .where(MetricTarget.rep == rep)
            .order_by(MetricTarget.changed_at, MetricTarget.id)
        )
        for key in METRICS:
            mine = [t for t in rows if t.metric == key]
            first = mine[0]
            assert first.reason.startswith("starting target") and first.meeting_id is None
            hired = rep.created_at
            assert hired <= _at(first.changed_at) < hired + dt.timedelta(hours=1)
            assert all(not t.reason.startswith("starting") for t in mine[1:])
            assert all(a.target != b.target for a, b in itertools.pairwise(mine))
        assert all(t.reason.strip() and t.target >= 0 for t in rows)
        assert all(_at(t.changed_at).date() < TODAY for t in rows)
        for t in rows:
            if t.meeting_id is not None:
                made_in += 1
                meeting = meetings[t.meeting_id]
                assert meeting.rep_id == rep.id and t.metric in _shown(meeting)
                assert meeting.started_at <= _at(t.changed_at) <= meeting.ended_at
        # the app's readers: the latest change per metric, the history newest first
        latest = {t.metric: t.target for t in rows}
        assert numbers.targets(rep.id, METRICS) == latest
        history = numbers.target_history(rep.id)
        assert len(history) == len(rows) and len(history) > len(METRICS)
        assert history[-1].reason.startswith("starting target")
        assert [h.changed_at for h in history] == sorted(
            (h.changed_at for h in history), reverse=True
        )
    assert made_in > 0


def test_confidence_on_every_goal_status_meeting_and_following_the_numbers(team):
    for meeting in Meeting.select():
        if "goal-status" in _sections(meeting):
            assert meeting.confidence in (1, 2, 3, 4, 5)
        else:
            assert meeting.confidence is None
    # over a longer history: a higher rating goes with a better month against target
    data = generate(12, 104, 1, today=TODAY)
    revenue = {(a[1], a[3]): a[4] for a in data.metric_actuals if a[2] == "revenue-closed"}
    targets = sorted((t[5], t[1], t[3]) for t in data.metric_targets if t[2] == "revenue-closed")
    by_rating: dict[int, list[float]] = defaultdict(list)
    for m in data.meetings:
        rating, rep, day = m[M_CONFIDENCE], m[1], m[6].date()
        value = revenue.get((rep, day.replace(day=1)))
        if rating is None or value is None:
            continue
        target = [t for at, r, t in targets if r == rep and at.date() <= day][-1]
        by_rating[rating].append(value / target)
    assert set(by_rating) >= {2, 3, 4}
    means = [statistics.mean(by_rating[r]) for r in sorted(by_rating)]
    assert means == sorted(means)


def test_coaching_plan_changes_replay_to_the_items(team):
    meetings = {m.id: m for m in Meeting.select()}
    items = {i.id: i for i in CoachingItem.select()}
    changes: dict[int, list[CoachingChange]] = defaultdict(list)
    for ch in CoachingChange.select().order_by(CoachingChange.changed_at, CoachingChange.id):
        changes[ch.item_id].append(ch)
    assert set(changes) == set(items)
    actions = {ch.action for chs in changes.values() for ch in chs}
    assert "added" in actions and actions <= {"added", "status", "removed"}
    for item_id, item in items.items():
        assert item.kind in plans.KINDS and item.status in plans.KINDS[item.kind]
        made = meetings[item.created_in_id]
        assert made.rep_id == item.rep_id and "coaching-plan" in _sections(made)
        history = changes[item_id]
        assert (history[0].action, history[0].value, history[0].meeting_id) == (
            "added",
            item.text,
            item.created_in_id,
        )
        status, removed = plans.KINDS[item.kind][0], False
        for ch in history:
            meeting = meetings[ch.meeting_id]
            assert meeting.rep_id == item.rep_id and "coaching-plan" in _sections(meeting)
            assert meeting.started_at <= _at(ch.changed_at) <= meeting.ended_at
            assert not removed  # nothing changes after a removal
            if ch.action == "status":
                cycle = plans.KINDS[item.kind]
                assert ch.value == cycle[cycle.index(status) + 1]
                status = ch.value
            elif ch.action == "removed":
                assert ch.value == ""
                removed = True
        assert (item.status, item.removed) == (status, removed)
    # over years, skills get done, goals reached, trainings taken, and old ones cleared
    data = generate(12, 156, 1, today=TODAY)
    finished = {(i[I_KIND], i[I_STATUS]) for i in data.coaching_items}
    assert {("skill", "done"), ("skill", "improving"), ("training", "done")} <= finished
    done = [ch for ch in data.coaching_changes if ch[3] == "status"]
    assert len(done) > len(data.coaching_items) / 2
    assert sum(1 for ch in data.coaching_changes if ch[3] == "removed") > 0
    per_rep = defaultdict(int)
    for i in data.coaching_items:
        per_rep[i[1]] += 1
    assert all(2 <= n <= 15 for n in per_rep.values())  # a few items per rep a year
    for rep in Rep.select():
        listed = plans.coaching_plan(rep.id)
        assert sorted(r.id for r in listed) == sorted(
            i.id for i in items.values() if i.rep_id == rep.id and not i.removed
        )
        texts = [r.text for r in listed]
        assert len(texts) == len(set(texts))


def test_calls_are_planned_then_debriefed_in_the_next_meeting(team):
    meetings = {m.id: m for m in Meeting.select()}
    calls = list(Call.select().order_by(Call.id))
    per_meeting: dict[int, list[Call]] = defaultdict(list)
    for c in calls:
        per_meeting[c.meeting_id].append(c)
    with_calls = {mid: m for mid, m in meetings.items() if "upcoming-calls" in _sections(m)}
    assert set(per_meeting) == set(with_calls)  # every calls section lists 1-3 calls
    assert all(1 <= len(cs) <= 3 for cs in per_meeting.values())
    latest = {}
    for mid, m in sorted(with_calls.items(), key=lambda kv: kv[1].started_at):
        latest[m.rep_id] = mid
    assert any(c.joint for c in calls) and not all(c.joint for c in calls)
    outcomes = set()
    for c in calls:
        made = meetings[c.meeting_id]
        assert c.rep_id == made.rep_id and c.account in ACCOUNTS and c.purpose
        assert c.day > made.started_at.date() and c.day.weekday() < 5
        plan = (c.plan_who, c.plan_why, c.plan_win, c.plan_next_step)
        assert all(plan) if c.joint else not any(plan)
        if c.meeting_id == latest[c.rep_id]:
            assert (c.outcome, c.debrief, c.outcome_in_id) == (None, "", None)  # upcoming
            continue
        assert c.outcome in plans.OUTCOMES and c.debrief
        outcomes.add(c.outcome)
        closed = meetings[c.outcome_in_id]
        assert closed.rep_id == c.rep_id and closed.started_at > made.started_at
        assert c.day < closed.started_at.date()
        # recorded in the next meeting with a calls section
        between = [
            m
            for m in with_calls.values()
            if m.rep_id == c.rep_id and made.started_at < m.started_at < closed.started_at
        ]
        assert between == []
    assert outcomes == set(plans.OUTCOMES)
    for rep_id, mid in latest.items():
        assert [c.id for c in plans.meeting_calls(mid)] == sorted(
            (c.id for c in per_meeting[mid]), key=lambda i: (Call.get_by_id(i).day, i)
        )
        # the next meeting asks how exactly these ended
        agenda = bundled_agendas()["weekly"]
        new = start_meeting(rep_id, agenda, dt.datetime.combine(TODAY, dt.time(9)))
        assert sorted(c.id for c in plans.calls_to_debrief(new)) == sorted(
            c.id for c in per_meeting[mid]
        )


def test_a_demo_meeting_shows_numbers_calls_and_coaching_in_detail_and_export(team):
    changed = {ch.meeting_id for ch in CoachingChange.select()}
    entered = {a.meeting_id for a in MetricActual.select() if a.meeting_id}
    called = {c.meeting_id for c in Call.select()}
    mid = min(changed & entered & called)
    detail = meeting_detail(mid)
    assert detail.numbers and detail.calls and detail.coaching
    assert detail.confidence in (1, 2, 3, 4, 5)
    assert {n.metric for n in detail.numbers} <= set(METRICS)
    md = to_markdown(detail)
    for heading in ("## Numbers", "## Upcoming calls", "## Coaching plan"):
        assert heading in md
    assert f"confidence: {detail.confidence} of 5" in md
    doc = json.loads(to_json(detail))
    assert doc["numbers"] and all(n["target"] is not None for n in doc["numbers"])
    assert doc["calls"] and doc["coaching_changes"] and doc["confidence"] == detail.confidence
    joint = Call.select().where(Call.joint == True).first()  # noqa: E712
    plan = json.loads(to_json(meeting_detail(joint.meeting_id)))["calls"]
    assert any(c["joint"] and c["plan"]["win"] for c in plan)
    # the numbers the meeting screen shows: the periods it reviews, with a ranking
    rep = Rep.select().first()
    values = numbers.actuals(rep.id, list(METRICS), TODAY - dt.timedelta(days=120))
    for key, m in METRICS.items():
        assert (key, review_period(m.period, TODAY)) in values
    month = review_period("month", TODAY)
    assert len(numbers.team_totals("revenue-closed", month, month)) == REPS
