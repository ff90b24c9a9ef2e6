"""due, commitments, stats, export and ics run outside the test process, on a
fill_team() history built for the pinned today (the commands take "now" from
ONEONONE_NOW, which conftest.py sets for every test), on SQLite and on a real PostgreSQL
server.

The databases are built once per backend and only read by the commands. A few commands
run as the user runs them (``python -m oneonone_tui --db ...``, in parallel); the rest
run in one more Python process that calls ``oneonone_tui.cli.main.main(argv)`` for each, as
``__main__`` does, with its own stdout/stderr per command: the same code, without paying
the interpreter and import start-up 25 times per database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from icalendar import Calendar

from oneonone_tui.store.database import open_database
from oneonone_tui.store.history import last_meeting_id, meeting_list
from oneonone_tui.store.reps import team_overview

from ..helpers import NOW, PRIVATE_MARKER, fill_team

WORKERS = 4

# ``raise SystemExit(main())`` per command, in one process (see the module docstring).
BATCH_DRIVER = r"""
import contextlib, io, json, sys, traceback
from oneonone_tui.cli.main import main
from oneonone_tui.store.models import db

results = []
for argv in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage errors, --help
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        except BaseException:  # what an uncaught exception would print and exit with
            traceback.print_exc()
            code = 1
    if db.obj is not None:
        db.obj.close()
    results.append([code, out.getvalue(), err.getvalue()])
json.dump(results, sys.__stdout__)
"""


class Cli:
    """``oneonone --db TARGET ARGS`` with results cached by ARGS. ``{name}`` in an
    argument is filled from ``values`` (meeting ids, the output folder)."""

    def __init__(self, target: str, env: dict[str, str], values: dict[str, object]) -> None:
        self.target, self.env, self.values = target, env, values
        self.results: dict[tuple[str, ...], subprocess.CompletedProcess] = {}
        self.batched: dict[tuple[str, ...], subprocess.CompletedProcess] = {}

    def _argv(self, args: tuple[str, ...]) -> list[str]:
        return ["--db", self.target, *(a.format(**self.values) for a in args)]

    def _run(self, args: tuple[str, ...]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "oneonone_tui", *self._argv(args)],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=60,
        )

    def _run_batch(self, commands: list[tuple[str, ...]]) -> list[subprocess.CompletedProcess]:
        done = subprocess.run(
            [sys.executable, "-c", BATCH_DRIVER],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            input=json.dumps([self._argv(c) for c in commands]),
        )
        assert done.returncode == 0 and not done.stderr, done.stderr
        return [
            subprocess.CompletedProcess(self._argv(c), code, out, err)
            for c, (code, out, err) in zip(commands, json.loads(done.stdout), strict=True)
        ]

    def prefetch(self, commands: list[tuple[str, ...]], real: list[tuple[str, ...]] = ()) -> None:
        """Run ``real`` as ``python -m oneonone_tui`` each, and every other command in
        one batch process, all at once. The batch also runs ``real`` (see
        test_batch_runs_like_python_m)."""
        batch = list(dict.fromkeys(commands))
        singles = list(dict.fromkeys(real))
        with ThreadPoolExecutor(WORKERS) as pool:
            batched = pool.submit(self._run_batch, batch) if batch else None
            for args, out in zip(singles, pool.map(self._run, singles), strict=True):
                self.results[args] = out
            for args, out in zip(batch, batched.result() if batched else [], strict=True):
                self.batched[args] = out
                self.results.setdefault(args, out)

    def __call__(self, *args: str) -> subprocess.CompletedProcess:
        if args not in self.results:
            self.results[args] = self._run(args)
        return self.results[args]

    def path(self, template: str) -> Path:
        return Path(template.format(**self.values))


# What the tests run, started together per database. The query layer runs on both
# backends through the commands whose output depends on it; the command-line behaviour
# (tables, messages, exit codes, files) is checked once, on SQLite.
BOTH = [
    ("due", "--json"),
    ("commitments", "--all", "--json"),
    ("stats", "--json"),
    ("export", "Ann Archer", "--format", "json", "-o", "{out}/ann.json"),
    ("ics", "Ann Archer", "-o", "{out}/ann.ics"),
]
SQLITE_ONLY = [
    ("due",),
    ("commitments",),
    ("commitments", "--overdue"),
    ("commitments", "--owner", "manager", "--json"),
    ("commitments", "--rep", "Cy Cohen"),
    ("stats",),
    ("stats", "--rep", "Ann Archer", "--json"),
    ("export", "Ann Archer"),
    ("export", "Ann Archer", "--include-private"),
    ("export", "Ann Archer", "--meeting", "{ann_first}"),
    ("export", "Ann Archer", "--meeting", "{bob_last}"),
    ("export", "Ann Archer", "--meeting", "999999", "--format", "json"),
    ("export", "Ann Archer", "-o", "{out}/no/such/dir/ann.md"),
    ("export", "Dee Dunn"),
    ("ics", "Nobody"),
]
# Run as ``python -m oneonone_tui`` too: a report, files written, errors and exit codes.
REAL = [
    ("due", "--json"),
    ("export", "Ann Archer", "--format", "json", "-o", "{out}/ann.json"),
    ("export", "Ann Archer", "--meeting", "{bob_last}"),
    ("ics", "Nobody"),
]
EMPTY = [("due",), ("commitments",)]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ONEONONE_DB", "ONEONONE_AGENDAS")}
    env.update(
        HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config")
    )
    return env


def _filled(
    target: str, base: Path, commands: list[tuple[str, ...]], real: list[tuple[str, ...]]
) -> Cli:
    """fill_team() for the pinned today at ``target``, closed, then ``commands`` run."""
    database = open_database(target)
    day = today()
    with database.atomic():
        ids = fill_team(day)
    ann = meeting_list(ids["Ann Archer"])
    values = {
        "out": str(base),
        "ann_last": ann[0].id,
        "ann_first": ann[-1].id,
        "bob_last": last_meeting_id(ids["Bob Baker"]),
    }
    assert len(team_overview(day)) == 4
    database.close()
    (base / "home").mkdir()
    cli = Cli(target, _env(base / "home"), values)
    cli.prefetch(commands, real)
    return cli


@pytest.fixture(scope="module")
def sqlite_team(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    base = tmp_path_factory.mktemp("cli-sqlite")
    return _filled(str(base / "team.db"), base, BOTH + SQLITE_ONLY, REAL)


@pytest.fixture(scope="module")
def postgresql_team(tmp_path_factory: pytest.TempPathFactory, pg_server) -> Cli:
    if pg_server.url is None:
        pytest.skip(f"PostgreSQL could not be started: {pg_server.reason}")
    pg_server.reset()
    return _filled(pg_server.url, tmp_path_factory.mktemp("cli-pg"), BOTH, REAL[:2])


@pytest.fixture(params=["sqlite", "postgresql"])
def team(request) -> Cli:
    """The filled team on one backend, for the commands in BOTH."""
    return request.getfixturevalue(f"{request.param}_team")


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    base = tmp_path_factory.mktemp("cli-empty")
    (base / "home").mkdir()
    cli = Cli(str(base / "empty.db"), _env(base / "home"), {})
    cli.prefetch(EMPTY)
    return cli


def today() -> dt.date:
    """The commands' today: the moment conftest.py pins with ONEONONE_NOW."""
    return NOW.date()


def ok(out: subprocess.CompletedProcess) -> str:
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return out.stdout


def failed(out: subprocess.CompletedProcess, message: str) -> None:
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert out.stderr.startswith("oneonone: error: "), out.stderr
    assert message in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def data_rows(text: str) -> list[str]:
    """A table's rows, without the header and its rule."""
    lines = text.splitlines()
    assert set(lines[1]) <= {"-", " "}, lines[:2]
    return lines[2:]


# --- due --------------------------------------------------------------------------------


def test_due(sqlite_team):
    text = ok(sqlite_team("due"))
    assert text.splitlines()[0].split()[:3] == ["REP", "CADENCE", "LAST"]
    rows = data_rows(text)
    assert [r.split("  ")[0] for r in rows] == ["Dee Dunn", "Ann Archer", "Bob Baker", "Cy Cohen"]
    assert "never met" in rows[0] and "never" in rows[0]
    assert "due today" in rows[1] and rows[1].endswith("100% (12/12)")
    assert rows[2].endswith("43% (6/14)")
    assert "Eve Evans" not in text  # archived


def test_due_json(team):
    rows = json.loads(ok(team("due", "--json")))
    assert [r["rep"] for r in rows] == ["Dee Dunn", "Ann Archer", "Bob Baker", "Cy Cohen"]
    assert all(
        {
            "rep",
            "cadence",
            "last_met",
            "next_due",
            "days_overdue",
            "status",
            "open_commitments",
            "overdue_commitments",
            "follow_through_90d",
        }
        <= set(r)
        for r in rows
    )
    dee, ann, bob, cy = rows
    assert (dee["last_met"], dee["next_due"], dee["days_overdue"], dee["status"]) == (
        None,
        None,
        None,
        "never met",
    )
    assert dee["follow_through_90d"] is None and dee["cadence"] == "monthly"
    assert ann["last_met"] == (today() - dt.timedelta(days=7)).isoformat()
    assert (ann["next_due"], ann["days_overdue"], ann["status"]) == (
        today().isoformat(),
        0,
        "due today",
    )
    assert (ann["open_commitments"], ann["overdue_commitments"]) == (3, 0)
    assert ann["follow_through_90d"] == 1.0
    assert bob["follow_through_90d"] == round(6 / 14, 3)
    assert (cy["cadence"], cy["open_commitments"], cy["overdue_commitments"]) == ("biweekly", 3, 1)


# --- commitments ----------------------------------------------------------------------


def test_commitments_open_overdue_first(sqlite_team):
    rows = data_rows(ok(sqlite_team("commitments")))
    assert rows[0].split("  ")[0] == "Cy Cohen"
    for word in ("overdue 56d", "carried", "x3", "Rebuild the territory plan"):
        assert word in rows[0]
    assert all(" today " in r for r in rows[1:])
    assert not any(" done " in r or " dropped " in r or " missed " in r for r in rows)
    assert {"Ann Archer", "Bob Baker", "Cy Cohen"} <= {r.split("  ")[0] for r in rows}
    assert not any(r.startswith("Dee Dunn") for r in rows)


def test_commitments_overdue(sqlite_team):
    rows = data_rows(ok(sqlite_team("commitments", "--overdue")))
    assert len(rows) == 1 and "Rebuild the territory plan" in rows[0]


def test_commitments_all(team):
    listed = json.loads(ok(team("commitments", "--all", "--json")))
    assert all(
        {
            "id",
            "rep",
            "owner",
            "text",
            "due",
            "status",
            "carry_count",
            "made_on",
            "meeting_id",
            "overdue",
        }
        <= set(c)
        for c in listed
    )
    first = listed[0]
    assert (first["rep"], first["text"], first["status"], first["carry_count"]) == (
        "Cy Cohen",
        "Rebuild the territory plan",
        "carried",
        3,
    )
    assert first["overdue"] is True
    assert first["due"] == (today() - dt.timedelta(days=56)).isoformat()
    assert first["made_on"] == (today() - dt.timedelta(weeks=16)).isoformat()
    assert not any(c["overdue"] for c in listed[1:])
    assert {c["status"] for c in listed} == {"done", "missed", "dropped", "open", "carried"}
    per_rep = {
        name: sum(c["rep"] == name for c in listed)
        for name in ("Ann Archer", "Bob Baker", "Cy Cohen")
    }
    # weekly: 16 meetings x 2 + 6 "Maybe"; Cy: 8 x 2 + 3 "Maybe" + "Rebuild"
    assert per_rep == {"Ann Archer": 38, "Bob Baker": 38, "Cy Cohen": 20}
    bob_missed = [c for c in listed if c["rep"] == "Bob Baker" and c["status"] == "missed"]
    assert len(bob_missed) == 11
    # open ones (overdue first) before the closed ones
    closed = [c["status"] not in ("open", "carried") for c in listed]
    assert closed == sorted(closed)


def test_commitments_of_the_manager(sqlite_team):
    listed = json.loads(ok(sqlite_team("commitments", "--owner", "manager", "--json")))
    assert listed and {c["owner"] for c in listed} == {"manager"}
    assert {c["text"] for c in listed if c["rep"] == "Ann Archer"} == {
        "Review the pipeline with Ann Archer"
    }


def test_commitments_of_one_rep_show_carries(sqlite_team):
    rows = data_rows(ok(sqlite_team("commitments", "--rep", "Cy Cohen")))
    assert len(rows) == 3
    assert all(r.startswith("Cy Cohen") for r in rows)
    rebuild = next(r for r in rows if "Rebuild" in r)
    assert " x3 " in rebuild


# --- stats ------------------------------------------------------------------------------


def test_stats(sqlite_team):
    text = ok(sqlite_team("stats"))
    lines = text.splitlines()
    assert lines[0] == "Follow-through (done / done + missed; dropped count neither way)"
    ann = next(line for line in lines if line.startswith("Ann Archer"))
    assert [c.strip() for c in ann.split("  ") if c.strip()] == [
        "Ann Archer",
        "100% (12/12)",
        "100% (15/15)",
        "100% (12/12)",
        "100% (15/15)",
    ]
    bob = next(line for line in lines if line.startswith("Bob Baker"))
    assert "43% (6/14)" in bob and "39% (7/18)" in bob
    dee = next(line for line in lines if line.startswith("Dee Dunn"))
    assert dee.split()[2:] == ["-", "-", "-", "-"]
    assert "Eve Evans" not in text
    assert "the team's last 10 meetings (28 meetings, 0 ran over their total)" in text
    coaching = next(line for line in lines if line.startswith("Let's look at the coaching"))
    assert coaching.endswith("<< squeezed")
    goal = next(line for line in lines if line.startswith("Where are we in relation"))
    assert goal.endswith(">> runs over")
    help_ = next(line for line in lines if line.startswith("Where do you need help?"))
    assert "squeezed" not in help_ and "runs over" not in help_


def test_stats_of_one_rep_json(sqlite_team):
    doc = json.loads(ok(sqlite_team("stats", "--rep", "Ann Archer", "--json")))
    [ann] = doc["follow_through"]
    assert ann == {
        "rep": "Ann Archer",
        "rep_recent": {"done": 12, "missed": 0, "rate": 1.0},
        "rep_all_time": {"done": 15, "missed": 0, "rate": 1.0},
        "manager_recent": {"done": 12, "missed": 0, "rate": 1.0},
        "manager_all_time": {"done": 15, "missed": 0, "rate": 1.0},
    }
    time = doc["time"]
    assert (time["meetings"], time["over_total"]) == (10, 0)
    sections = {s["key"]: s for s in time["sections"]}
    coaching = sections["coaching-plan"]
    assert (
        coaching["flag"],
        coaching["avg_actual_seconds"],
        coaching["avg_planned_seconds"],
        coaching["meetings"],
    ) == ("squeezed", 90.0, 240.0, 10)


def test_stats_json_of_the_team(team):
    doc = json.loads(ok(team("stats", "--json")))
    by_rep = {r["rep"]: r for r in doc["follow_through"]}
    assert list(by_rep) == ["Ann Archer", "Bob Baker", "Cy Cohen", "Dee Dunn"]
    assert by_rep["Bob Baker"]["rep_all_time"] == {
        "done": 7,
        "missed": 11,
        "rate": round(7 / 18, 3),
    }
    assert by_rep["Bob Baker"]["rep_recent"] == {"done": 6, "missed": 8, "rate": round(6 / 14, 3)}
    assert by_rep["Cy Cohen"]["rep_all_time"] == {"done": 7, "missed": 0, "rate": 1.0}
    assert by_rep["Dee Dunn"]["rep_recent"] is None
    time = doc["time"]
    assert (time["meetings"], time["over_total"]) == (28, 0)
    sections = {s["key"]: s for s in time["sections"]}
    assert list(sections) == [
        "goal-status",
        "help",
        "behavior-plan",
        "coaching-plan",
        "upcoming-calls",
    ]
    assert {k: s["flag"] for k, s in sections.items()} == {
        "goal-status": "over",
        "help": "",
        "behavior-plan": "",
        "coaching-plan": "squeezed",
        "upcoming-calls": "",
    }
    assert sections["coaching-plan"]["avg_actual_seconds"] == 90.0


# --- export -----------------------------------------------------------------------------


def test_export_markdown_to_stdout(sqlite_team):
    out = sqlite_team("export", "Ann Archer")
    text = ok(out)
    assert text.startswith("# One-on-one with Ann Archer\n")
    assert "Ann Archer week 15: Where do you need help?" in text
    assert "*Private notes, not shared.*" in text
    assert PRIVATE_MARKER not in text and "manager-only" not in text
    assert f"- Call ten prospects (week 15) (due {today().isoformat()})" in text
    assert out.stderr == ""


def test_export_json_to_a_private_file(team):
    out = team("export", "Ann Archer", "--format", "json", "-o", "{out}/ann.json")
    assert ok(out) == ""
    path = team.path("{out}/ann.json")
    assert f"wrote meeting {team.values['ann_last']} (json) to {path}" in out.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert PRIVATE_MARKER not in text
    doc = json.loads(text)
    assert doc["schema"] == "oneonone.meeting/1"
    assert (doc["meeting"]["id"], doc["meeting"]["rep"], doc["meeting"]["status"]) == (
        team.values["ann_last"],
        "Ann Archer",
        "completed",
    )
    assert doc["meeting"]["started_at"] == f"{today() - dt.timedelta(days=7)}T09:00:00"
    coaching = next(s for s in doc["sections"] if s["key"] == "coaching-plan")
    assert (coaching["notes"], coaching["private"], coaching["actual_seconds"]) == (
        None,
        True,
        90.0,
    )
    assert [c["text"] for c in doc["commitments"]] == [
        "Call ten prospects (week 15)",
        "Review the pipeline with Ann Archer",
        "Maybe attend the trade show",
    ]
    assert {(r["text"], r["verdict"]) for r in doc["review"]} == {
        ("Call ten prospects (week 14)", "done"),
        ("Review the pipeline with Ann Archer", "done"),
    }


def test_export_include_private(sqlite_team):
    text = ok(sqlite_team("export", "Ann Archer", "--include-private"))
    assert f"{PRIVATE_MARKER} manager-only view of Ann Archer" in text


def test_export_a_given_meeting(sqlite_team):
    text = ok(sqlite_team("export", "Ann Archer", "--meeting", "{ann_first}"))
    assert "Ann Archer week 0: Where do you need help?" in text
    assert "*Nothing was reviewed.*" in text


def test_export_meeting_of_another_rep_or_none(sqlite_team):
    failed(
        sqlite_team("export", "Ann Archer", "--meeting", "{bob_last}"),
        f"Ann Archer has no meeting with id {sqlite_team.values['bob_last']}",
    )
    failed(
        sqlite_team("export", "Ann Archer", "--meeting", "999999", "--format", "json"),
        "Ann Archer has no meeting with id 999999",
    )


def test_export_rep_never_met(sqlite_team):
    failed(sqlite_team("export", "Dee Dunn"), "Dee Dunn has no completed meeting yet")


def test_export_to_a_folder_that_does_not_exist(sqlite_team):
    failed(sqlite_team("export", "Ann Archer", "-o", "{out}/no/such/dir/ann.md"), "cannot write")


# --- ics --------------------------------------------------------------------------------


def vcomponents(text: str, name: str) -> list:
    return [c for c in Calendar.from_ical(text).walk() if c.name == name]


def test_ics_to_a_private_file(team):
    out = team("ics", "Ann Archer", "-o", "{out}/ann.ics")
    assert ok(out) == "" and "wrote calendar to" in out.stderr
    path = team.path("{out}/ann.ics")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    [event] = vcomponents(text, "VEVENT")
    assert event.decoded("DTSTART") == today()  # the next one-on-one is due today
    assert str(event["SUMMARY"]) == "One-on-one with Ann Archer"
    todos = vcomponents(text, "VTODO")
    assert sorted(str(t["SUMMARY"]) for t in todos) == [
        "Ann Archer: Call ten prospects (week 15)",
        "Ann Archer: Maybe attend the trade show",
        "Manager: Review the pipeline with Ann Archer",
    ]
    assert {t.decoded("DUE") for t in todos} == {today()}


# --- mistakes -------------------------------------------------------------------------


def test_unknown_rep(sqlite_team):
    failed(sqlite_team("ics", "Nobody"), "no rep named 'Nobody'")


def test_empty_team(empty):
    assert ok(empty("due")).strip() == 'no reps yet: add one with  oneonone rep add "NAME"'
    assert ok(empty("commitments")).strip() == "no commitments match"


def test_batch_runs_like_python_m(team):
    """The batch process gives what ``python -m oneonone_tui`` gives, output and exit code."""
    compared = 0
    for args in REAL:
        real, batched = team.results.get(args), team.batched.get(args)
        if real is None or batched is None or real is batched:
            continue
        assert (batched.returncode, batched.stdout, batched.stderr) == (
            real.returncode,
            real.stdout,
            real.stderr,
        ), args
        compared += 1
    assert compared >= 2
