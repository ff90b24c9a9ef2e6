"""The query layer issues a fixed number of SQL statements, whatever the history's size:
no query per rep, per meeting or per commitment (N+1). Counted on a tiny team and on a
demo team of twelve reps with most of a year of weekly meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from peewee import fn

from oneonone_tui.demo.writer import fill
from oneonone_tui.store.commitments import open_commitments, review_items, team_commitments
from oneonone_tui.store.database import open_database
from oneonone_tui.store.follow_through import follow_through_by_rep
from oneonone_tui.store.history import meeting_detail, meeting_list, search
from oneonone_tui.store.meetings import load_meeting, meeting_summary
from oneonone_tui.store.models import Commitment, Meeting, ReviewMark, db
from oneonone_tui.store.reps import team_overview
from oneonone_tui.store.time_discipline import time_stats

TODAY = dt.date(2026, 11, 23)

# name -> call(meeting id, rep id)
CALLS: dict[str, Callable[[int, int], Any]] = {
    "reps.team_overview": lambda mid, rid: team_overview(TODAY),
    "follow_through.follow_through_by_rep": lambda mid, rid: follow_through_by_rep(TODAY),
    "follow_through.follow_through_by_rep(90 days)": lambda mid, rid: follow_through_by_rep(
        TODAY, all_time=False
    ),
    "commitments.review_items": lambda mid, rid: review_items(mid),
    "meetings.meeting_summary": lambda mid, rid: meeting_summary(mid),
    "meetings.load_meeting": lambda mid, rid: load_meeting(mid),
    "commitments.open_commitments": lambda mid, rid: open_commitments(),
    "history.meeting_list": lambda mid, rid: meeting_list(),
    "history.meeting_list(rep)": lambda mid, rid: meeting_list(rid),
    "commitments.team_commitments": lambda mid, rid: team_commitments(TODAY, which="all"),
    "time_discipline.time_stats": lambda mid, rid: time_stats(),
    "history.meeting_detail": lambda mid, rid: meeting_detail(mid),
    "history.search": lambda mid, rid: search("pipeline"),
}


@contextmanager
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement sent through the bound database while inside."""
    statements: list[str] = []
    database = db.obj
    original = database.execute_sql

    def execute_sql(sql: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(sql)
        return original(sql, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(database, "execute_sql", execute_sql)
        yield statements


def _busiest_meeting() -> tuple[int, int, int]:
    """(meeting id, rep id, review marks) of the meeting whose review marked the most."""
    mid, marks = (
        ReviewMark.select(ReviewMark.meeting, fn.COUNT(ReviewMark.id).alias("n"))
        .group_by(ReviewMark.meeting)
        .order_by(fn.COUNT(ReviewMark.id).desc(), ReviewMark.meeting)
        .tuples()
        .first()
    )
    return mid, Meeting.get_by_id(mid).rep_id, marks


def _counts(
    path: Path, reps: int, weeks: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, int], dict[str, int]]:
    database = open_database(str(path))
    try:
        fill(reps, weeks, 1, today=TODAY)
        mid, rid, marks = _busiest_meeting()
        size = {
            "reps": reps,
            "meetings": Meeting.select().count(),
            "marks": marks,
            "made": Commitment.select().where(Commitment.meeting == mid).count(),
        }
        counts = {}
        for name, call in CALLS.items():
            with counting(monkeypatch) as statements:
                call(mid, rid)
            counts[name] = len(statements)
        return counts, size
    finally:
        database.close()


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        folder = tmp_path_factory.mktemp("counts")
        small, small_size = _counts(folder / "small.db", 2, 3, monkeypatch)
        large, large_size = _counts(folder / "large.db", 12, 40, monkeypatch)
    return {"small": small, "large": large, "small_size": small_size, "large_size": large_size}


def test_the_two_histories_differ_in_size(measured):
    small, large = measured["small_size"], measured["large_size"]
    assert large["meetings"] > 10 * small["meetings"]
    assert large["marks"] > small["marks"] >= 1


@pytest.mark.parametrize("name", list(CALLS))
def test_statement_count_does_not_grow_with_the_history(measured, name):
    small, large = measured["small"][name], measured["large"][name]
    assert small >= 1
    assert large == small, f"{name}: {small} statements on 2 reps, {large} on 12 reps"


def test_documented_counts(measured):
    """The counts the query layer's docstrings promise."""
    counts = measured["large"]
    assert counts["reps.team_overview"] == 4
    assert counts["follow_through.follow_through_by_rep"] == 2  # 90 days and all time, grouped
    assert counts["follow_through.follow_through_by_rep(90 days)"] == 1  # home, due
    assert counts["history.meeting_list"] == 3
    assert counts["time_discipline.time_stats"] == 2
    assert counts["commitments.team_commitments"] == 1
