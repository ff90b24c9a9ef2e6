"""The accountability queries (store/follow_through.py, time_discipline.py, history.py and
the team's commitments) on the fill_team() history.

What fill_team() builds (today = NOW.date(), 16 weeks back from ``start = today - 112d``):
weekly reps meet at ``start + 7n`` for n = 0..15, Cy (biweekly) at ``start + 14n`` for
n = 0..7. Meeting n reviews what meeting n-1 left open: Ann marks everything done (the
"Maybe" ones dropped); Bob misses every rep commitment when n is odd (his "Maybe" ones
included) and does the others; Cy's "Rebuild" is carried in meetings 1-3 then left open.
Every meeting makes a rep "Call ten prospects (week n)", a manager "Review the pipeline",
and when n % 3 == 0 a rep "Maybe attend the trade show".
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest

from oneonone_tui.domain.accountability import FollowThrough
from oneonone_tui.store.commitments import add_commitment, team_commitments
from oneonone_tui.store.database import open_database
from oneonone_tui.store.errors import NotFound, QueryError
from oneonone_tui.store.follow_through import follow_through_by_rep
from oneonone_tui.store.history import (
    CorrectionRow,
    correct_commitment,
    correct_note,
    last_meeting_id,
    meeting_detail,
    meeting_list,
    search,
)
from oneonone_tui.store.meetings import load_meeting, save_note, start_meeting
from oneonone_tui.store.models import Commitment, Correction, Meeting, Note, Rep, db
from oneonone_tui.store.reps import find_rep, team_overview
from oneonone_tui.store.time_discipline import TIME_WINDOW, time_stats
from oneonone_tui.templates.agendas import discover_agendas, find_agenda

from ..helpers import NOW, PRIVATE_MARKER, fill_team

TODAY = NOW.date()
START = TODAY - dt.timedelta(weeks=16)
WEEKLY = find_agenda(discover_agendas(None), "weekly").agenda


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled(request, tmp_path_factory: pytest.TempPathFactory, pg_server):
    """fill_team() once per module and backend (SQLite file, real PostgreSQL)."""
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("team") / "team.db")
    else:
        if pg_server.url is None:
            pytest.skip(f"PostgreSQL could not be started: {pg_server.reason}")
        pg_server.reset()
        target = pg_server.url
    database = open_database(target)
    with database.atomic():
        ids = fill_team(TODAY)
    yield database, ids
    database.close()


@pytest.fixture
def team(filled):
    """The filled database, bound; whatever a test changes is rolled back after it."""
    database, ids = filled
    db.initialize(database)
    with database.atomic() as txn:
        yield ids
        txn.rollback()


@contextmanager
def statements():
    """Every SQL statement the bound database runs inside the block."""
    database = db.obj
    seen: list[str] = []
    original = database.execute_sql

    def spy(sql, *args, **kwargs):
        seen.append(sql)
        return original(sql, *args, **kwargs)

    database.execute_sql = spy
    try:
        yield seen
    finally:
        del database.execute_sql


# --- follow-through ------------------------------------------------------------------


def test_follow_through_by_rep(team):
    ft = follow_through_by_rep(TODAY)
    ann, bob, cy = ft[team["Ann Archer"]], ft[team["Bob Baker"]], ft[team["Cy Cohen"]]
    # Ann: meetings 1..15 each mark the previous "Call" done; the last 90 days start at
    # today - 90, so meetings 4..15 (today - 84 and later) are recent.
    assert ann.all_time["rep"] == FollowThrough(15, 0)
    assert ann.recent["rep"] == FollowThrough(12, 0)
    assert ann.recent["rep"].rate == 1.0 and ann.all_time["rep"].label() == "100% (15/15)"
    # Bob: odd meetings (1, 3, .., 15) miss the Call, and the Maybe made in meeting n-1
    # when (n-1) % 3 == 0 (n = 1, 7, 13): 8 + 3 missed; even meetings 2..14 do the Call (7)
    # and drop the Maybe (n = 4, 10), which counts neither way.
    assert bob.all_time["rep"] == FollowThrough(7, 11)
    assert bob.all_time["rep"].label() == "39% (7/18)"
    # recent (n >= 4): missed 5, 7, .., 15 (6) + Maybes at 7, 13 (2); done 4, 6, .., 14 (6)
    assert bob.recent["rep"] == FollowThrough(6, 8)
    assert bob.recent["rep"].rate == pytest.approx(6 / 14)
    assert bob.recent["rep"].rate < ann.recent["rep"].rate
    # Cy: 7 reviews; the Maybes are dropped and "Rebuild" only ever carried
    assert cy.all_time["rep"] == FollowThrough(7, 0)
    assert cy.recent["rep"] == FollowThrough(6, 0)  # reviews at start + 28d on
    # the manager always follows through
    for rep in (ann, bob):
        assert rep.all_time["manager"] == FollowThrough(15, 0)
        assert rep.recent["manager"] == FollowThrough(12, 0)
    assert cy.all_time["manager"] == FollowThrough(7, 0)
    # Dee has no verdict at all
    assert team["Dee Dunn"] not in ft


def test_follow_through_for_one_rep(team):
    ft = follow_through_by_rep(TODAY, team["Bob Baker"])
    assert list(ft) == [team["Bob Baker"]]
    assert ft[team["Bob Baker"]].all_time["rep"] == FollowThrough(7, 11)
    assert follow_through_by_rep(TODAY, team["Dee Dunn"]) == {}


def test_follow_through_of_the_last_90_days_only(team):
    """What the team list and ``due`` show (one query): the same 90 days, per owner."""
    both = follow_through_by_rep(TODAY)
    recent = follow_through_by_rep(TODAY, all_time=False)
    assert set(recent) <= set(both)
    for rep_id, ft in both.items():
        got = recent.get(rep_id)
        for owner in ("rep", "manager"):
            assert (got.recent[owner] if got else FollowThrough()) == ft.recent[owner]
        assert got is None or got.all_time == {}


# --- commitments across the team ------------------------------------------------------


def test_carried_three_times_is_visible(team):
    rows = team_commitments(TODAY, rep_id=team["Cy Cohen"])
    first = rows[0]
    assert first.rep_name == "Cy Cohen"
    c = first.commitment
    assert c.text == "Rebuild the territory plan"
    assert (c.status, c.carry_count, c.owner) == ("carried", 3, "rep")
    # carried in meeting 3 (start + 42d) to a fortnight later, then never reviewed again
    assert c.due == START + dt.timedelta(days=56) == TODAY - dt.timedelta(days=56)
    assert c.made_on == START  # made in Cy's first meeting
    texts = [r.commitment.text for r in rows]
    assert texts == [
        "Rebuild the territory plan",
        "Call ten prospects (week 7)",
        "Review the pipeline with Cy Cohen",
    ]


def test_overdue_only_the_carried_one(team):
    rows = team_commitments(TODAY, which="overdue")
    assert [(r.rep_name, r.commitment.text) for r in rows] == [
        ("Cy Cohen", "Rebuild the territory plan")
    ]
    assert team_commitments(TODAY, which="overdue", owner="manager") == []


def test_open_commitments_overdue_first_then_by_due(team):
    rows = team_commitments(TODAY)
    assert rows[0].commitment.text == "Rebuild the territory plan"
    assert all(r.commitment.status in ("open", "carried") for r in rows)
    dues = [r.commitment.due for r in rows]
    assert dues == sorted(dues)
    # every weekly rep's last meeting (today - 7d) left its commitments due today
    by_rep = {}
    for r in rows:
        by_rep.setdefault(r.rep_name, []).append(r.commitment)
    assert {c.text for c in by_rep["Ann Archer"]} == {
        "Call ten prospects (week 15)",
        "Review the pipeline with Ann Archer",
        "Maybe attend the trade show",
    }
    assert all(c.due == TODAY for c in by_rep["Ann Archer"])
    assert len(by_rep["Bob Baker"]) == 3 and len(by_rep["Cy Cohen"]) == 3
    assert "Dee Dunn" not in by_rep


def test_all_commitments_with_every_status(team):
    ann = team_commitments(TODAY, rep_id=team["Ann Archer"], which="all")
    # 16 meetings x (Call + Review) + Maybes in meetings 0, 3, 6, 9, 12, 15
    assert len(ann) == 38
    statuses = [r.commitment.status for r in ann]
    assert statuses.count("done") == 30 and statuses.count("dropped") == 5
    assert statuses.count("open") == 3
    # open ones before closed ones
    assert statuses[:3] == ["open"] * 3
    bob_rep = team_commitments(TODAY, rep_id=team["Bob Baker"], owner="rep", which="all")
    counts = {
        s: [r.commitment.status for r in bob_rep].count(s)
        for s in ("done", "missed", "dropped", "open")
    }
    assert counts == {"done": 7, "missed": 11, "dropped": 2, "open": 2}
    everyone = team_commitments(TODAY, which="all")
    assert everyone[0].commitment.text == "Rebuild the territory plan"
    first_closed = next(
        i for i, r in enumerate(everyone) if r.commitment.status not in ("open", "carried")
    )
    assert all(r.commitment.status not in ("open", "carried") for r in everyone[first_closed:])


def test_filter_by_owner_and_rep(team):
    managers = team_commitments(TODAY, owner="manager", which="all", rep_id=team["Ann Archer"])
    assert len(managers) == 16
    assert {r.commitment.owner for r in managers} == {"manager"}
    assert {r.rep_name for r in managers} == {"Ann Archer"}
    open_managers = team_commitments(TODAY, owner="manager")
    assert {r.commitment.owner for r in open_managers} == {"manager"}
    assert {"Ann Archer", "Bob Baker", "Cy Cohen"} <= {r.rep_name for r in open_managers}
    assert team_commitments(TODAY, rep_id=team["Dee Dunn"], which="all") == []


# --- time discipline ------------------------------------------------------------------


def test_time_stats_flags_coaching_as_squeezed(team):
    stats = time_stats()
    # the last 10 meetings of each active rep: Ann 10, Bob 10, Cy 8 (Eve is archived)
    assert stats.meetings == 28
    assert stats.over_total == 0  # 1140 s of 1200 s planned every time
    by_key = {s.key: s for s in stats.sections}
    assert [s.key for s in stats.sections] == [s.key for s in WEEKLY.sections]
    coaching = by_key["coaching-plan"]
    assert (coaching.avg_actual, coaching.avg_planned, coaching.meetings) == (90.0, 240.0, 28)
    assert coaching.flag == "squeezed"
    assert by_key["goal-status"].flag == "over"  # 300 s of 240 s = 125%
    assert [by_key[k].flag for k in ("help", "behavior-plan", "upcoming-calls")] == [""] * 3


def test_time_stats_for_one_rep_and_window(team):
    ann = time_stats(team["Ann Archer"])
    assert ann.meetings == TIME_WINDOW == 10
    assert {s.key: s.flag for s in ann.sections}["coaching-plan"] == "squeezed"
    assert time_stats(team["Ann Archer"], last=3).meetings == 3
    nobody = time_stats(team["Dee Dunn"])
    assert (nobody.meetings, nobody.over_total, nobody.sections) == (0, 0, [])


# --- history --------------------------------------------------------------------------


def test_meeting_list_newest_first_with_counts(team):
    rows = meeting_list(team["Ann Archer"])
    assert len(rows) == 16
    starts = [r.started_at for r in rows]
    assert starts == sorted(starts, reverse=True)
    assert starts[0] == dt.datetime.combine(START + dt.timedelta(weeks=15), dt.time(9, 0))
    # meeting n made 2 commitments, 3 when n % 3 == 0; rows[0] is n = 15
    assert [r.commitments for r in rows] == [2 + (n % 3 == 0) for n in range(15, -1, -1)]
    first = rows[0]
    assert (first.rep_name, first.status, first.agenda_name) == (
        "Ann Archer",
        "completed",
        WEEKLY.name,
    )
    assert (first.actual_seconds, first.planned_seconds) == (1140.0, 1200)
    assert [r.id for r in meeting_list(team["Ann Archer"], limit=4)] == [r.id for r in rows[:4]]
    cy = meeting_list(team["Cy Cohen"])
    assert cy[-1].commitments == 4  # Call, Review, Maybe and Rebuild
    everyone = meeting_list()
    assert len(everyone) == 16 * 3 + 8
    assert [r.started_at for r in everyone] == sorted(
        (r.started_at for r in everyone), reverse=True
    )
    assert meeting_list(team["Dee Dunn"]) == []


def test_last_meeting_id(team):
    ann = meeting_list(team["Ann Archer"])
    assert last_meeting_id(team["Ann Archer"]) == ann[0].id
    assert last_meeting_id(team["Dee Dunn"]) is None


# --- search ---------------------------------------------------------------------------


def test_search_notes_case_insensitively(team):
    hits = search("ANN ARCHER WEEK 3:")
    # the four shared notes of that meeting (the coaching note was replaced by a private one)
    assert len(hits) == 4
    assert {h.kind for h in hits} == {"note"}
    assert {h.where for h in hits} == {"goal-status", "help", "behavior-plan", "upcoming-calls"}
    assert len({h.meeting_id for h in hits}) == 1
    assert all(h.rep_name == "Ann Archer" and "week 3:" in h.text for h in hits)


def test_search_commitments_newest_first_and_rep_filter(team):
    hits = search("call TEN prospects (WEEK 3)")
    assert {h.rep_name for h in hits} == {"Ann Archer", "Bob Baker", "Cy Cohen", "Eve Evans"}
    assert {(h.kind, h.where, h.text) for h in hits} == {
        ("commitment", "rep", "Call ten prospects (week 3)")
    }
    assert [h.started_at for h in hits] == sorted((h.started_at for h in hits), reverse=True)
    only_bob = search("call ten prospects (week 3)", team["Bob Baker"])
    assert [h.rep_name for h in only_bob] == ["Bob Baker"]
    assert search("Ann Archer week 3:", team["Bob Baker"]) == []
    # notes and commitments together
    both = search("pipeline with ann", team["Ann Archer"])
    assert len(both) == 16 and {h.kind for h in both} == {"commitment"}
    assert search("   ") == [] and search("") == []


def test_search_private_notes(team):
    hits = search(PRIVATE_MARKER.lower())
    assert len(hits) == 16 * 3 + 8  # one per meeting, archived Eve's included
    assert {(h.kind, h.where) for h in hits} == {("note", "coaching-plan")}
    assert search(PRIVATE_MARKER, include_private=False) == []
    assert search("manager-only view", include_private=False) == []
    # shared notes are still found without the private ones
    assert len(search("Ann Archer week 3:", include_private=False)) == 4


def test_search_wildcards_are_literal(team):
    # as LIKE wildcards these would match "week 1" in hundreds of notes
    for term in ("week%1", "week_1", "%", "_", "ann%archer", "a_n archer"):
        assert search(term) == [], term
    ann = find_rep("Ann Archer")
    mid = start_meeting(ann.id, WEEKLY, NOW)
    save_note(mid, "goal-status", "Hit 100% of quota_target", False, NOW)
    add_commitment(mid, "rep", "Raise 50%_of pipeline", TODAY, NOW)
    assert [h.text for h in search("100% of QUOTA_TARGET")] == ["Hit 100% of quota_target"]
    assert [h.text for h in search("50%_OF")] == ["Raise 50%_of pipeline"]
    assert search("100%_of") == []


def test_search_limit(team):
    assert len(search("week", limit=7)) == 7


# --- corrections ----------------------------------------------------------------------

CORRECTED_AT = NOW + dt.timedelta(days=1, hours=1)


def test_correct_note(team):
    mid = last_meeting_id(team["Ann Archer"])
    old = Note.get((Note.meeting == mid) & (Note.section_key == "help")).text
    assert old == "Ann Archer week 15: Where do you need help?"
    assert correct_note(mid, "help", "Needs help with the Acme deal", CORRECTED_AT)
    assert load_meeting(mid).notes["help"].text == "Needs help with the Acme deal"
    detail = meeting_detail(mid)
    assert detail.corrections == [
        CorrectionRow("note", "help", "text", old, "Needs help with the Acme deal", CORRECTED_AT)
    ]
    # the same text again changes nothing and records nothing
    assert not correct_note(mid, "help", "Needs help with the Acme deal", CORRECTED_AT)
    assert Correction.select().where(Correction.meeting == mid).count() == 1
    # a private note stays private when corrected
    assert correct_note(mid, "coaching-plan", "still private", CORRECTED_AT)
    note = load_meeting(mid).notes["coaching-plan"]
    assert (note.text, note.private) == ("still private", True)


def test_correct_note_of_a_section_without_one(team):
    mid = last_meeting_id(team["Bob Baker"])
    Note.delete().where((Note.meeting == mid) & (Note.section_key == "help")).execute()
    assert correct_note(mid, "help", "forgot to write this", CORRECTED_AT)
    assert load_meeting(mid).notes["help"].text == "forgot to write this"
    [row] = meeting_detail(mid).corrections
    assert (row.old_value, row.new_value) == ("", "forgot to write this")


def test_correct_commitment(team):
    mid = last_meeting_id(team["Ann Archer"])
    c = Commitment.get(
        (Commitment.meeting == mid)
        & (Commitment.owner == "rep")
        & (Commitment.text == "Call ten prospects (week 15)")
    )
    new_due = TODAY + dt.timedelta(days=3)
    changed = correct_commitment(c.id, CORRECTED_AT, text="Call twelve prospects", due=new_due)
    assert changed == 2
    fresh = Commitment.get_by_id(c.id)
    assert (fresh.text, fresh.due) == ("Call twelve prospects", new_due)
    rows = meeting_detail(mid).corrections
    assert [
        (r.kind, r.target, r.field, r.old_value, r.new_value, r.corrected_at) for r in rows
    ] == [
        (
            "commitment",
            str(c.id),
            "text",
            "Call ten prospects (week 15)",
            "Call twelve prospects",
            CORRECTED_AT,
        ),
        ("commitment", str(c.id), "due", TODAY.isoformat(), new_due.isoformat(), CORRECTED_AT),
    ]
    # nothing new: nothing recorded
    assert correct_commitment(c.id, CORRECTED_AT, text="Call twelve prospects", due=new_due) == 0
    assert correct_commitment(c.id, CORRECTED_AT) == 0
    assert Correction.select().where(Correction.meeting == mid).count() == 2
    with pytest.raises(QueryError, match="needs a text"):
        correct_commitment(c.id, CORRECTED_AT, text="   ")
    assert Commitment.get_by_id(c.id).text == "Call twelve prospects"


def test_corrections_refuse_a_meeting_in_progress(team):
    dee = team["Dee Dunn"]
    mid = start_meeting(dee, WEEKLY, NOW)
    save_note(mid, "help", "live note", False, NOW)
    c = add_commitment(mid, "rep", "Live commitment", TODAY, NOW)
    with pytest.raises(QueryError, match="in progress") as exc:
        correct_note(mid, "help", "changed", CORRECTED_AT)
    assert not isinstance(exc.value, NotFound)
    with pytest.raises(QueryError, match="in progress") as exc:
        correct_commitment(c.id, CORRECTED_AT, text="changed")
    assert not isinstance(exc.value, NotFound)
    assert load_meeting(mid).notes["help"].text == "live note"
    assert Commitment.get_by_id(c.id).text == "Live commitment"
    assert Correction.select().count() == 0


def test_corrections_of_unknown_ids(team):
    with pytest.raises(NotFound, match="no meeting with id 99999"):
        correct_note(99999, "help", "x", CORRECTED_AT)
    with pytest.raises(NotFound, match="no commitment with id 99999"):
        correct_commitment(99999, CORRECTED_AT, text="x")
    assert Correction.select().count() == 0


# --- fixed query counts ---------------------------------------------------------------


def _count(call) -> int:
    with statements() as seen:
        call()
    return len(seen)


CALLS = {
    "team_overview": lambda: team_overview(TODAY),
    "follow_through_by_rep": lambda: follow_through_by_rep(TODAY),
    "team_commitments": lambda: team_commitments(TODAY, which="all"),
    "time_stats": lambda: time_stats(),
    "meeting_list": lambda: meeting_list(),
}


def test_query_counts_do_not_grow_with_history(team):
    assert len(team_overview(TODAY)) == 4
    full = {name: _count(call) for name, call in CALLS.items()}
    # now cut the same database down to one rep with one meeting (rolled back afterwards)
    ann = team["Ann Archer"]
    last = last_meeting_id(ann)
    Rep.delete().where(Rep.id != ann).execute()
    Meeting.delete().where(Meeting.id != last).execute()
    assert [r.name for r in team_overview(TODAY)] == ["Ann Archer"]
    assert len(meeting_list()) == 1
    one_rep = {name: _count(call) for name, call in CALLS.items()}
    assert full == one_rep, (one_rep, full)
    assert all(n >= 1 for n in one_rep.values())
    assert one_rep["team_overview"] <= 4, one_rep  # "Four queries, whatever the history"
    assert one_rep["team_commitments"] == 1 and one_rep["follow_through_by_rep"] == 2


def test_meeting_detail_of_unknown_meeting(team):
    with pytest.raises(NotFound):
        meeting_detail(99999)
    assert Meeting.get_or_none(Meeting.id == 99999) is None


def test_search_is_case_insensitive_beyond_ascii(team):
    import peewee

    if isinstance(db.obj, peewee.PostgresqlDatabase):
        pytest.xfail(
            "PostgreSQL's LOWER() follows the server's locale: the test server "
            "runs in the C locale, which folds ASCII only"
        )
    ann = find_rep("Ann Archer")
    mid = start_meeting(ann.id, WEEKLY, NOW)
    save_note(mid, "help", "Visit the École Polytechnique", False, NOW)
    for term in ("école", "École", "ÉCOLE"):
        assert [h.text for h in search(term)] == ["Visit the École Polytechnique"], term
