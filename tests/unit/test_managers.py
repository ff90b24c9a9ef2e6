"""A team on one database: every rep and meeting belongs to a manager; a director sees
everyone read-only. Run on SQLite and on a real PostgreSQL server (tests/unit/conftest.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oneonone_tui.domain.agenda import Agenda, Section
from oneonone_tui.store import numbers
from oneonone_tui.store.commitments import add_commitment, open_commitments, team_commitments
from oneonone_tui.store.database import SCHEMA_VERSION, open_database, schema_version
from oneonone_tui.store.errors import NotFound, QueryError, ReadOnly
from oneonone_tui.store.history import meeting_list, search
from oneonone_tui.store.meetings import complete_meeting, start_meeting
from oneonone_tui.store.models import Meeting, Rep
from oneonone_tui.store.reps import (
    RepInfo,
    add_rep,
    archive_rep,
    find_rep,
    list_reps,
    team_overview,
)
from oneonone_tui.store.scope import (
    ENV_MANAGER,
    ScopeError,
    current_scope,
    os_user,
    resolve_manager,
    set_scope,
)

NOW = dt.datetime(2026, 11, 23, 9, 0)
TODAY = NOW.date()
AGENDA = Agenda(
    name="Test agenda",
    type="weekly",
    description="",
    require_commitments=1,
    sections=(Section("goal", "Goal?", 4),),
    slug="test",
)


def _held(rep: RepInfo, days_ago: int, commitment: str = "Call Acme") -> int:
    mid = start_meeting(rep.id, AGENDA, NOW - dt.timedelta(days=days_ago))
    add_commitment(mid, "rep", commitment, TODAY - dt.timedelta(days=1), NOW)
    complete_meeting(mid, NOW - dt.timedelta(days=days_ago))
    return mid


@pytest.fixture
def two_teams(store) -> dict[str, RepInfo]:
    """Ann's team: Dana (met 3 days ago), Fox (met 20 days ago: overdue). Bob's team:
    another Dana (never met) and Gil (met yesterday)."""
    set_scope("Ann Archer")
    ann_dana = add_rep("Dana Scully", now=NOW)
    fox = add_rep("Fox Mulder", now=NOW)
    _held(ann_dana, 3, "Ann's Dana calls Acme")
    _held(fox, 20, "Fox sends the deck")
    set_scope("Bob Baker")
    bob_dana = add_rep("Dana Scully", now=NOW)  # the same name in another team is fine
    gil = add_rep("Gil Grissom", now=NOW)
    _held(gil, 1, "Gil books the demo")
    return {"ann_dana": ann_dana, "fox": fox, "bob_dana": bob_dana, "gil": gil}


def test_a_manager_sees_only_their_own_team(two_teams):
    set_scope("Ann Archer")
    assert [r.name for r in list_reps()] == ["Dana Scully", "Fox Mulder"]
    assert {r.manager for r in team_overview(TODAY)} == {"Ann Archer"}
    assert find_rep("dana scully").id == two_teams["ann_dana"].id
    with pytest.raises(NotFound):
        find_rep("Gil Grissom")  # Bob's rep: not Ann's business
    texts = [c.commitment.text for c in team_commitments(TODAY)]
    assert sorted(texts) == ["Ann's Dana calls Acme", "Fox sends the deck"]
    assert [c.text for c in open_commitments()] == [
        "Ann's Dana calls Acme",
        "Fox sends the deck",
    ]
    assert {m.rep_name for m in meeting_list()} == {"Dana Scully", "Fox Mulder"}
    assert [h.rep_name for h in search("demo")] == []
    # meetings are recorded as held by the manager who held them
    assert {m.manager for m in Meeting.select()} == {"Ann Archer", "Bob Baker"}

    set_scope("Bob Baker")
    assert [r.name for r in list_reps()] == ["Dana Scully", "Gil Grissom"]
    assert find_rep("Dana Scully").id == two_teams["bob_dana"].id
    assert [h.rep_name for h in search("demo")] == ["Gil Grissom"]


def test_names_are_unique_within_a_team_only(two_teams):
    set_scope("Bob Baker")
    with pytest.raises(QueryError, match="already exists"):
        add_rep("dana  SCULLY", now=NOW)
    set_scope("Cleo Cole")
    assert add_rep("Dana Scully", now=NOW).manager == "Cleo Cole"


def test_all_managers_sees_everyone_and_changes_nothing(two_teams):
    set_scope("Dee Director", all_managers=True)
    rows = team_overview(TODAY)
    assert sorted((r.manager, r.name) for r in rows) == [
        ("Ann Archer", "Dana Scully"),
        ("Ann Archer", "Fox Mulder"),
        ("Bob Baker", "Dana Scully"),
        ("Bob Baker", "Gil Grissom"),
    ]
    assert len(team_commitments(TODAY)) == 3
    assert find_rep("Gil Grissom").manager == "Bob Baker"
    with pytest.raises(
        QueryError,
        match=r"2 reps are named 'Dana Scully' \(teams of "
        r"Ann Archer, Bob Baker\)",
    ):
        find_rep("Dana Scully")
    before = (Rep.select().count(), Meeting.select().count())
    for write in (
        lambda: add_rep("Eve", now=NOW),
        lambda: archive_rep("Gil Grissom"),
        lambda: start_meeting(two_teams["gil"].id, AGENDA, NOW),
        lambda: numbers.import_actuals("rep,metric,period_start,value\n", {}, NOW),
    ):
        with pytest.raises(ReadOnly, match="read-only"):
            write()
    assert (Rep.select().count(), Meeting.select().count()) == before


def test_team_queries_issue_the_same_number_of_statements_for_any_scope(two_teams, monkeypatch):
    """Scoping is a WHERE clause, not a query per manager or per rep."""
    from tests.unit.test_query_counts import counting

    set_scope("Ann Archer")
    with counting(monkeypatch) as mine:
        team_overview(TODAY)
    set_scope("Dee Director", all_managers=True)
    with counting(monkeypatch) as everyone:
        team_overview(TODAY)
    assert len(mine) == len(everyone) > 0
    assert any('"manager"' in sql for sql in mine)


def test_manager_name_from_option_env_or_os_user(monkeypatch):
    assert resolve_manager("  Ann   Archer ", {}) == "Ann Archer"
    assert resolve_manager(None, {ENV_MANAGER: "Bob"}) == "Bob"
    assert resolve_manager("Ann", {ENV_MANAGER: "Bob"}) == "Ann"  # the option wins
    monkeypatch.setattr("getpass.getuser", lambda: "dscully")
    assert resolve_manager(None, {}) == "dscully" == os_user()
    for bad in ("", "   ", "x" * 81):
        with pytest.raises(ScopeError):
            resolve_manager(bad, {})
    with pytest.raises(ScopeError, match="ONEONONE_MANAGER"):
        resolve_manager(None, {ENV_MANAGER: " "})

    def no_user() -> str:
        raise KeyError("no passwd entry")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert os_user() == "manager"


def test_version_5_database_is_upgraded_to_the_manager_who_opens_it(db_target):
    database = open_database(db_target)
    rep = add_rep("Dana Scully", now=NOW)
    _held(rep, 2)
    statements = [
        "DROP INDEX rep_manager_name",
        "ALTER TABLE rep DROP COLUMN manager",
        "ALTER TABLE meeting DROP COLUMN manager",
        "CREATE UNIQUE INDEX rep_name ON rep (name)",
        "UPDATE schema_info SET version = 5",
    ]
    with database.atomic():
        for sql in statements:
            database.execute_sql(sql)
    database.close()

    set_scope("Ann Archer")
    database = open_database(db_target)
    try:
        assert schema_version(database) == SCHEMA_VERSION == 6
        assert [(r.name, r.manager) for r in list_reps()] == [("Dana Scully", "Ann Archer")]
        assert {m.manager for m in Meeting.select()} == {"Ann Archer"}
        set_scope("Bob Baker")
        # the old unique index is gone
        assert add_rep("Dana Scully", now=NOW).manager == "Bob Baker"
        assert [r.name for r in list_reps()] == ["Dana Scully"]
    finally:
        database.close()


# --- the command line ------------------------------------------------------------------


def _cli(target: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k != ENV_MANAGER}
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "oneonone_tui", "--db", target, *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
    )


def test_cli_scopes_by_manager_and_lists_the_organisations_overdue(two_teams, db_target):
    mine = _cli(db_target, "--manager", "Ann Archer", "due")
    assert mine.returncode == 0, mine.stderr
    assert "Fox Mulder" in mine.stdout and "Gil Grissom" not in mine.stdout
    from_env = _cli(db_target, "rep", "list", env={ENV_MANAGER: "Bob Baker"})
    assert "Gil Grissom" in from_env.stdout and "Fox Mulder" not in from_env.stdout

    org = _cli(db_target, "due", "--all-managers")
    assert org.returncode == 0, org.stderr
    lines = org.stdout.splitlines()
    assert lines[0].split()[:2] == ["MANAGER", "REP"]
    body = [line for line in lines[2:] if line.strip() and "overdue across" not in line]
    # Bob's Dana was never met, Fox is 13 days overdue; Ann's Dana and Gil are not due
    assert [line.split("  ")[0].strip() for line in body] == ["Bob Baker", "Ann Archer"]
    assert "Fox Mulder" in body[1] and "overdue 13d" in body[1]
    assert "2 one-on-one(s) overdue across 2 manager(s)" in org.stdout
    as_json = json.loads(_cli(db_target, "--all-managers", "due", "--json").stdout)
    assert [(r["manager"], r["rep"], r["status"]) for r in as_json] == [
        ("Bob Baker", "Dana Scully", "never met"),
        ("Ann Archer", "Fox Mulder", "overdue 13d"),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("rep", "add", "Eve"),
        ("rep", "archive", "Fox Mulder"),
        ("meet", "Fox Mulder"),
        ("target", "set", "Fox Mulder", "revenue", "1", "--reason", "x"),
    ],
)
def test_cli_refuses_writes_with_all_managers(tmp_path: Path, args):
    target = str(tmp_path / "team.db")
    result = _cli(target, "--all-managers", *args)
    assert result.returncode == 2
    assert "--all-managers is read-only" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_refuses_an_empty_manager_name(tmp_path: Path):
    result = _cli(str(tmp_path / "team.db"), "--manager", " ", "rep", "list")
    assert result.returncode == 2
    assert "a manager needs a name" in result.stderr
    assert not (tmp_path / "team.db").exists()


def test_scope_defaults_to_the_os_user():
    assert current_scope().manager == os_user()
    assert not current_scope().read_only
