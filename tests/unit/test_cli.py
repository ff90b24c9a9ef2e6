"""The command line, run as a user runs it (a subprocess of the installed entry point)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "oneonone_tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


@pytest.fixture
def db(db_target: str) -> str:
    """The database under test: a SQLite path or a PostgreSQL URL (see conftest)."""
    return db_target


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("oneonone ")
    out = run("--help")
    assert out.returncode == 0
    for command in ("rep", "agenda", "meet"):
        assert command in out.stdout
    assert run("rep", "--help").returncode == 0


def test_rep_add_list_archive(db):
    assert "no reps yet" in run("--db", db, "rep", "list").stdout
    out = run("--db", db, "rep", "add", "Dana Scully")
    assert (out.returncode, out.stdout.strip()) == (0, "added Dana Scully (weekly)")
    assert run("--db", db, "rep", "add", "Fox Mulder", "--cadence", "monthly").returncode == 0
    listing = run("--db", db, "rep", "list").stdout.splitlines()
    assert listing[0].split() == ["NAME", "CADENCE", "STATUS"]
    assert listing[2].split() == ["Dana", "Scully", "weekly", "active"]
    assert listing[3].split() == ["Fox", "Mulder", "monthly", "active"]
    assert run("--db", db, "rep", "archive", "fox mulder").returncode == 0
    assert "Fox" not in run("--db", db, "rep", "list").stdout
    assert "archived" in run("--db", db, "rep", "list", "--all").stdout
    if "://" not in db:
        assert stat.S_IMODE(Path(db).stat().st_mode) == 0o600


def test_wrong_postgres_password_is_never_printed(pg_server):
    if pg_server.url is None:
        pytest.skip(f"PostgreSQL could not be started: {pg_server.reason}")
    wrong = pg_server.url.replace("test-only-secret", "Wr0ng-Pa55word")
    out = run("--db", wrong, "rep", "list")
    assert out.returncode == 1
    assert "Wr0ng-Pa55word" not in out.stderr + out.stdout
    assert "oneonone:***@" in out.stderr and "Traceback" not in out.stderr


def test_db_from_environment(db):
    assert run("rep", "add", "Ann", env={"ONEONONE_DB": db}).returncode == 0
    assert "Ann" in run("--db", db, "rep", "list").stdout


def test_user_mistakes_are_one_line_errors(db, tmp_path):
    cases = [
        (["--db", db, "rep", "archive", "Nobody"], "no rep named 'Nobody'"),
        (["--db", db, "rep", "add", "X", "--cadence", "hourly"], "unknown cadence"),
        (["--db", db, "meet", "Nobody"], "no rep named 'Nobody'"),
        (["--db", str(tmp_path), "rep", "list"], "is a directory"),
        (["--db", "postgresql://u:pw-secret@127.0.0.1:1/x", "rep", "list"], "postgresql://"),
        (["--db", "nosuch://what", "rep", "list"], "nosuch://what"),
    ]
    (tmp_path / "notadb").write_text("hello")
    cases.append((["--db", str(tmp_path / "notadb"), "rep", "list"], "not a oneonone database"))
    for args, expected in cases:
        out = run(*args)
        assert out.returncode == 1, (args, out)
        assert expected in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr
        assert out.stderr.startswith("oneonone: error: ")
        assert "pw-secret" not in out.stderr + out.stdout


def test_usage_errors_exit_2(db):
    out = run("--db", db, "rep", "frobnicate")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_add_duplicate_rep(db):
    run("--db", db, "rep", "add", "Ann")
    out = run("--db", db, "rep", "add", "ann")
    assert out.returncode == 1 and "already exists" in out.stderr


def test_agenda_list_and_check_seed_user_copies(db, isolated_home):
    out = run("--db", db, "agenda", "list")
    assert out.returncode == 0, out.stderr
    for slug in ("weekly", "monthly-results", "pipeline-review", "career-development"):
        assert slug in out.stdout
    weekly = next(line for line in out.stdout.splitlines() if line.startswith("weekly"))
    assert weekly.split()[-2:] == ["20", "5"]
    seeded = isolated_home / "config" / "oneonone" / "agendas"
    assert (seeded / "weekly.yaml").exists()
    out = run("--db", db, "agenda", "check")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count(": ok (") == 4


def test_agenda_check_reports_error_lines(tmp_path, db):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsections:\n  - key: a\n    title: A\n    minuts: 4\n")
    out = run("--db", db, "agenda", "check", str(bad))
    assert out.returncode == 1
    assert (
        f"{bad}:5:5: error: sections[0]: unknown key 'minuts' (did you mean 'minutes'?)"
        in out.stderr.splitlines()
    )
    assert f"{bad}:3:5: error: sections[0].minutes is required (a number > 0)" in out.stderr


def test_broken_user_agenda_is_listed_not_fatal(tmp_path, db):
    agendas = tmp_path / "agendas"
    agendas.mkdir()
    (agendas / "mine.yaml").write_text("name: [unclosed\n")
    out = run("--db", db, "--agendas", str(agendas), "agenda", "list")
    assert out.returncode == 0
    line = next(x for x in out.stdout.splitlines() if x.startswith("mine"))
    assert "BROKEN" in line and "error" in line
    assert "weekly" in out.stdout


def test_missing_agendas_dir_is_explained(tmp_path, db):
    out = run("--db", db, "--agendas", str(tmp_path / "nope"), "agenda", "list")
    assert out.returncode == 1 and "does not exist" in out.stderr


def test_tui_refuses_without_a_terminal(db):
    run("--db", db, "rep", "add", "Ann")
    out = run("--db", db, "meet", "Ann")
    assert out.returncode == 1 and "needs a terminal" in out.stderr


def test_oneonone_now_sets_the_day_for_every_command(tmp_path):
    """ONEONONE_NOW is the program's one clock: the same team is due or overdue by it."""
    import datetime as dt
    import json

    from oneonone_tui.store.database import open_database

    from ..helpers import completed_meeting

    target = str(tmp_path / "team.db")
    database = open_database(target)
    met = dt.datetime(2026, 11, 23, 9, 0)
    completed_meeting("Dana Scully", met, [("rep", "Send the proposal", dt.date(2026, 11, 27))])
    database.close()

    def due_on(now: str) -> tuple[str, int]:
        out = run("--db", target, "due", "--json", env={"ONEONONE_NOW": now})
        assert out.returncode == 0, out.stderr
        (row,) = json.loads(out.stdout)
        return row["status"], row["days_overdue"]

    assert due_on("2026-11-24T10:00") == ("in 6d", -6)
    assert due_on("2026-11-30") == ("due today", 0)
    assert due_on("2027-03-01T10:30") == ("overdue 91d", 91)
    overdue = run("--db", target, "commitments", "--overdue", env={"ONEONONE_NOW": "2026-11-26"})
    assert "Send the proposal" not in overdue.stdout
    overdue = run("--db", target, "commitments", "--overdue", env={"ONEONONE_NOW": "2026-11-28"})
    assert "Send the proposal" in overdue.stdout


@pytest.mark.parametrize("value", ["next tuesday", "2026-02-30"])
def test_a_bad_oneonone_now_is_one_line_that_says_what_to_write(tmp_path, value):
    out = run("--db", str(tmp_path / "team.db"), "rep", "list", env={"ONEONONE_NOW": value})
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().startswith("oneonone: error: ONEONONE_NOW=")
    assert "2026-11-23T09:00" in out.stderr and not (tmp_path / "team.db").exists()
