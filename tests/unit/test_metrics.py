"""Metric definitions, periods, ranking, numbers as typed, and the CSV import."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_tui.domain.metrics import parse_number, period_start, rank, review_period
from oneonone_tui.store import numbers
from oneonone_tui.store.errors import QueryError
from oneonone_tui.store.models import MetricActual
from oneonone_tui.store.reps import add_rep
from oneonone_tui.templates.metrics import MetricsError, load_metrics, parse_metrics

NOW = dt.datetime(2026, 11, 23, 9, 0)
METRICS = load_metrics(None)[0]


def test_bundled_metrics_from_the_seeds():
    leading = [k for k, m in METRICS.items() if m.kind == "leading"]
    assert leading == [
        "dials",
        "conversations",
        "qualified-leads",
        "meetings-set",
        "proposals-sent",
    ]
    assert {k for k, m in METRICS.items() if m.kind == "lagging"} == {
        "revenue-closed",
        "pipeline-value",
    }


def test_metrics_file_errors_are_file_line_col():
    text = (
        "metrics:\n"
        "  - key: dials\n    label: Dials\n    unit: counts\n    kind: leading\n"
        "    period: week\n    target: -1\n    higher_is_beter: true\n"
    )
    with pytest.raises(MetricsError) as err:
        parse_metrics(text, "m.yaml")
    lines = [str(p) for p in err.value.problems]
    assert (
        "m.yaml:4:11: error: metrics[0].unit must be count or currency or percent, "
        "got 'counts'" in lines
    )
    assert "m.yaml:7:13: error: metrics[0].target must be a number >= 0, got -1" in lines
    assert any(
        "unknown key 'higher_is_beter' (did you mean 'higher_is_better'?)" in line for line in lines
    )


def test_broken_user_metrics_fall_back_to_defaults(tmp_path):
    (tmp_path / "metrics.yaml").write_text("metrics: [oops\n")
    metrics, problems = load_metrics(tmp_path)
    assert "dials" in metrics and problems and str(problems[0]).startswith(str(tmp_path))


def test_periods_and_rank():
    monday = dt.date(2026, 11, 23)
    assert period_start("week", dt.date(2026, 11, 26)) == monday
    assert review_period("week", monday) == dt.date(2026, 11, 16)
    assert review_period("month", monday) == dt.date(2026, 10, 1)
    assert review_period("month", dt.date(2026, 1, 5)) == dt.date(2025, 12, 1)
    assert rank({1: 10, 2: 30, 3: 30}, 1) == (3, 3)
    assert rank({1: 10, 2: 30, 3: 30}, 2) == (1, 3)  # ties share the best rank
    assert rank({1: 10, 2: 30}, 1, higher_is_better=False) == (1, 2)
    assert rank({2: 30}, 1) is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", 12),
        ("12.5", 12.5),
        ("50,000", 50000),
        ("$50k", 50000),
        ("1.2m", 1_200_000),
        ("35%", 35),
    ],
)
def test_numbers_as_typed(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["", "abc", "1x", "--3", "-5", "1.2.3"])
def test_not_numbers(typed):
    with pytest.raises(ValueError):
        parse_number(typed)


def _csv(*rows: str) -> str:
    return "rep,metric,period_start,value\n" + "\n".join(rows) + "\n"


def test_csv_import_good_file_then_updates(store):
    add_rep("Ann Archer", now=NOW)
    add_rep("Bob Baker", now=NOW)
    good = _csv(
        "Ann Archer,dials,2026-11-16,95",
        "bob baker,dials,2026-11-16,70",
        'Ann Archer,revenue-closed,2026-10-01,"45,000"',
    )
    assert numbers.import_actuals(good, METRICS, NOW) == numbers.ImportResult(3, 0)
    again = _csv("Ann Archer,dials,2026-11-16,99", "Ann Archer,dials,2026-11-09,80")
    assert numbers.import_actuals(again, METRICS, NOW) == numbers.ImportResult(1, 1)
    stored = {(a.metric, a.period_start, a.value) for a in MetricActual.select()}
    assert ("dials", dt.date(2026, 11, 16), 99.0) in stored
    assert ("revenue-closed", dt.date(2026, 10, 1), 45000.0) in stored
    assert len(stored) == 4


def test_csv_import_bad_rows_import_nothing(store):
    add_rep("Ann Archer", now=NOW)
    bad = _csv(
        "Ann Archer,dials,2026-11-16,95",  # line 2: fine
        "Ann Archer,dials,2026-11-09,lots",  # line 3: not a number
        "Zed,dials,2026-11-16,1",  # line 4: unknown rep
        "Ann Archer,dials,2026-11-17,3",  # line 5: not a Monday
        "Ann Archer,dials,2026-11-16,96",
    )  # line 6: duplicate of line 2
    with pytest.raises(numbers.ImportError_) as err:
        numbers.import_actuals(bad, METRICS, NOW, source="crm.csv")
    problems = err.value.problems
    assert problems[0].startswith("crm.csv:3: 'lots' is not a number")
    assert problems[1] == "crm.csv:4: unknown rep 'Zed' (see oneonone rep list)"
    assert problems[2].startswith("crm.csv:5: 2026-11-17 is not the start of a week")
    assert problems[3] == "crm.csv:6: duplicate of line 2 (Ann Archer, dials, 2026-11-16)"
    assert MetricActual.select().count() == 0


def test_csv_import_empty_or_headerless(store):
    for text, needle in (
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
        ("name,value\nAnn,1\n", "the header must be"),
    ):
        with pytest.raises(numbers.ImportError_, match=needle):
            numbers.import_actuals(text, METRICS, NOW)


def test_target_changes_keep_date_and_reason(store):
    rep = add_rep("Ann", now=NOW)
    with pytest.raises(QueryError, match="needs a reason"):
        numbers.set_target(rep.id, METRICS["dials"], 120, "  ", NOW)
    numbers.set_target(rep.id, METRICS["dials"], 120, "new territory", NOW)
    numbers.set_target(rep.id, METRICS["dials"], 110, "ramping", NOW + dt.timedelta(days=30))
    assert numbers.targets(rep.id, METRICS)["dials"] == 110
    assert numbers.targets(rep.id, METRICS)["conversations"] == 15
    history = numbers.target_history(rep.id)
    assert [(h.target, h.reason) for h in history] == [(110, "ramping"), (120, "new territory")]


def test_cli_import_names_the_bad_line(tmp_path):
    import os
    import subprocess
    import sys

    db = str(tmp_path / "t.db")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "oneonone_tui", "--db", db, *args],
            capture_output=True,
            text=True,
            env={**os.environ},
            timeout=60,
        )

    run("rep", "add", "Ann Archer")
    bad = tmp_path / "crm.csv"
    bad.write_text(_csv("Ann Archer,dials,2026-11-16,95", "Ann Archer,dials,2026-11-16,x"))
    out = run("metrics", "import", str(bad))
    assert out.returncode == 1 and f"{bad}:3: 'x' is not a number" in out.stderr
    assert "nothing imported" in out.stderr and "Traceback" not in out.stderr
    good = tmp_path / "ok.csv"
    good.write_text(_csv("Ann Archer,dials,2026-11-16,95"))
    out = run("metrics", "import", str(good))
    assert out.returncode == 0 and "1 added, 0 updated" in out.stdout
    out = run("target", "set", "Ann Archer", "dials", "120", "--reason", "new territory")
    assert out.returncode == 0
    assert "new territory" in run("target", "list", "Ann Archer").stdout


@pytest.mark.parametrize("typed", ["9" * 400, "1" * 20, "2000000000000", "1e400", "nan"])
def test_absurd_or_infinite_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        parse_number(typed)


def test_an_absurd_number_in_an_import_or_a_target_is_refused(store):
    rep = add_rep("Ann Archer", now=NOW)
    huge = _csv(f"Ann Archer,dials,2026-11-16,{'9' * 400}")
    with pytest.raises(numbers.ImportError_) as err:
        numbers.import_actuals(huge, METRICS, NOW, source="crm.csv")
    assert err.value.problems == [
        "crm.csv:2: that number is too large for a metric (at most 1,000,000,000,000)"
    ]
    with pytest.raises(ValueError, match="too large"):
        numbers.set_actual(rep.id, "dials", dt.date(2026, 11, 16), float("inf"), NOW)
    with pytest.raises(QueryError, match="too large for a target"):
        numbers.set_target(rep.id, METRICS["dials"], float("inf"), "why not", NOW)
    assert MetricActual.select().count() == 0


def test_a_stored_infinity_cannot_reach_a_screen(store):
    """An old import may have stored one: the readers leave it out."""
    rep = add_rep("Ann Archer", now=NOW)
    numbers.set_actual(rep.id, "dials", dt.date(2026, 11, 9), 80.0, NOW)
    MetricActual.insert(
        rep=rep.id,
        metric="dials",
        period_start=dt.date(2026, 11, 16),
        value=float("inf"),
        updated_at=NOW,
    ).execute()
    got = numbers.actuals(rep.id, ["dials"], dt.date(2026, 11, 1))
    assert got == {("dials", dt.date(2026, 11, 9)): 80.0}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('Ann Archer,dials,2026-11-16,"12\n', "crm.csv:2: not readable as CSV"),
        ("Ann Archer,dials,2026-11-16,1.234,5", "crm.csv:2: 5 columns, the header has 4"),
        ('"Ann\nArcher",dials,2026-11-16,x', "crm.csv:2: 'x' is not a number"),
        ('"Ann\nArcher",dials,2026-11-16,1\nAnn Archer,dials,2026-11-09,y', "crm.csv:4: 'y'"),
        ("Ann Archer,dials,2026-11-16,1\x00", "crm.csv:2: '1\\x00' is not a number"),
    ],
)
def test_csv_problems_name_the_line_and_import_nothing(store, body, problem):
    add_rep("Ann Archer", now=NOW)
    with pytest.raises(numbers.ImportError_) as err:
        numbers.import_actuals(_csv(body), METRICS, NOW, source="crm.csv")
    assert any(p.startswith(problem) for p in err.value.problems), err.value.problems
    assert MetricActual.select().count() == 0


def test_cli_import_of_an_endless_file_stops_with_a_message(tmp_path):
    import subprocess
    import sys

    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "oneonone_tui",
            "--db",
            str(tmp_path / "t.db"),
            "metrics",
            "import",
            "/dev/zero",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1 and "is over 50 MB" in out.stderr
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr
