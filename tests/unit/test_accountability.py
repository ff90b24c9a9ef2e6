"""The accountability arithmetic on small hand-made inputs (no database, no Textual)."""

from __future__ import annotations

from datetime import date

import pytest

from oneonone_tui.domain.accountability import (
    FollowThrough,
    SectionStat,
    follow_through,
    month_starts,
    monthly_rates,
    time_discipline,
)

D = date(2026, 11, 20)


# --- follow-through -------------------------------------------------------------------


def test_rate_is_done_over_done_plus_missed():
    marks = [("rep", "done", D)] * 3 + [("rep", "missed", D)]
    ft = follow_through(marks)["rep"]
    assert (ft.done, ft.missed, ft.verdicts) == (3, 1, 4)
    assert ft.rate == pytest.approx(0.75)


def test_dropped_and_carried_count_neither_way():
    marks = [
        ("rep", "done", D),
        ("rep", "missed", D),
        ("rep", "dropped", D),
        ("rep", "dropped", D),
        ("rep", "carried", D),
        ("rep", "carried", D),
    ]
    ft = follow_through(marks)["rep"]
    assert (ft.done, ft.missed) == (1, 1)
    assert ft.rate == pytest.approx(0.5)
    only_open = follow_through([("rep", "carried", D), ("rep", "dropped", D)])["rep"]
    assert only_open == FollowThrough(0, 0)
    assert only_open.rate is None


def test_since_keeps_only_recent_verdicts():
    since = date(2026, 8, 22)  # 90 days before D
    marks = [
        ("rep", "missed", date(2026, 8, 21)),  # one day too old
        ("rep", "missed", date(2026, 1, 5)),
        ("rep", "done", since),  # the boundary day counts
        ("rep", "done", D),
    ]
    assert follow_through(marks, since)["rep"] == FollowThrough(2, 0)
    assert follow_through(marks)["rep"] == FollowThrough(2, 2)


def test_rep_and_manager_are_counted_separately():
    marks = [
        ("rep", "done", D),
        ("rep", "missed", D),
        ("rep", "missed", D),
        ("manager", "done", D),
        ("manager", "done", D),
    ]
    result = follow_through(marks)
    assert result["rep"] == FollowThrough(1, 2)
    assert result["manager"] == FollowThrough(2, 0)
    assert result["rep"].rate == pytest.approx(1 / 3)
    assert result["manager"].rate == 1.0


def test_both_owners_present_even_without_marks():
    result = follow_through([])
    assert set(result) == {"rep", "manager"}
    for ft in result.values():
        assert ft.rate is None and ft.label() == "-" and ft.verdicts == 0


def test_label():
    assert FollowThrough(3, 1).label() == "75% (3/4)"
    assert FollowThrough(2, 1).label() == "67% (2/3)"
    assert FollowThrough(1, 2).label() == "33% (1/3)"
    assert FollowThrough(5, 0).label() == "100% (5/5)"
    assert FollowThrough(0, 4).label() == "0% (0/4)"
    assert FollowThrough().label() == "-"
    assert FollowThrough().rate is None


def test_follow_through_adds_up():
    assert FollowThrough(1, 2) + FollowThrough(3, 4) == FollowThrough(4, 6)


# --- by calendar month ----------------------------------------------------------------


def test_month_starts_oldest_first_this_month_last():
    assert month_starts(date(2026, 2, 15), 4) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert month_starts(date(2026, 3, 31), 1) == [date(2026, 3, 1)]


def test_monthly_rates_bucket_by_calendar_month():
    today = date(2026, 3, 10)
    marks = [
        ("rep", "done", date(2026, 1, 1)),
        ("rep", "done", date(2026, 1, 31)),
        ("rep", "missed", date(2026, 1, 15)),
        ("rep", "missed", date(2026, 1, 20)),
        # February: only a dropped one and a manager verdict -> no rep verdict
        ("rep", "dropped", date(2026, 2, 3)),
        ("manager", "missed", date(2026, 2, 4)),
        ("rep", "done", date(2026, 3, 1)),  # this month
        ("rep", "done", date(2025, 12, 31)),  # before the window (3 months)
        ("rep", "missed", date(2026, 4, 1)),  # after it
    ]
    assert monthly_rates(marks, today, months=3) == [0.5, None, 1.0]
    # the manager's own, and both pooled
    assert monthly_rates(marks, today, months=3, owner="manager") == [None, 0.0, None]
    assert monthly_rates(marks, today, months=3, owner=None) == [0.5, 0.0, 1.0]
    # a verdict on the last day of a month (Dec 31) falls in that month
    assert monthly_rates(marks, today, months=4) == [1.0, 0.5, None, 1.0]


def test_monthly_rates_default_is_twelve_months_of_none():
    rates = monthly_rates([], date(2026, 11, 23))
    assert rates == [None] * 12


def test_monthly_rates_across_a_year_end():
    marks = [
        ("rep", "done", date(2025, 12, 5)),
        ("rep", "missed", date(2026, 1, 5)),
        ("rep", "done", date(2026, 1, 6)),
        ("rep", "done", date(2026, 1, 7)),
        ("rep", "done", date(2026, 1, 8)),
    ]
    assert monthly_rates(marks, date(2026, 1, 31), months=2) == [1.0, 0.75]


# --- time discipline ----------------------------------------------------------------


def test_time_discipline_averages_per_section_in_first_seen_order():
    runs = [
        (1, "goal", "Goal", 240, 200),
        (1, "help", "Help", 240, 300),
        (1, "coach", "Coach", 240, 60),
        (2, "goal", "Goal (renamed)", 240, 280),
        (2, "help", "Help", 240, 300),
        (2, "coach", "Coach", 240, 120),
        (3, "goal", "Goal", 300, 300),  # a meeting with one section only
    ]
    td = time_discipline(runs)
    assert td.meetings == 3
    assert [s.key for s in td.sections] == ["goal", "help", "coach"]
    goal, help_, coach = td.sections
    assert goal.title == "Goal"  # the first title seen
    assert (goal.meetings, goal.avg_actual, goal.avg_planned) == (3, 260.0, 260.0)
    assert goal.ratio == pytest.approx(1.0) and goal.flag == ""
    assert (help_.meetings, help_.avg_actual, help_.avg_planned) == (2, 300.0, 240.0)
    assert help_.ratio == pytest.approx(1.25) and help_.flag == "over"
    assert (coach.avg_actual, coach.avg_planned) == (90.0, 240.0)
    assert coach.ratio == pytest.approx(0.375) and coach.flag == "squeezed"
    # meeting 1: 560 of 720, meeting 2: 700 of 720, meeting 3: 300 of 300 -> none over
    assert td.over_total == 0


def test_meetings_over_their_total_are_counted():
    runs = [
        (1, "a", "A", 600, 700),
        (1, "b", "B", 600, 400),  # 1100 of 1200: not over
        (2, "a", "A", 600, 700),
        (2, "b", "B", 600, 600),  # 1300 of 1200: over
        (3, "a", "A", 600, 600.4),
        (3, "b", "B", 600, 600),  # 0.4 s over: within slack
        (4, "a", "A", 600, 601),
        (4, "b", "B", 600, 600),  # a second over: over
    ]
    td = time_discipline(runs)
    assert (td.meetings, td.over_total) == (4, 2)


@pytest.mark.parametrize(
    ("actual", "flag"),
    [
        (0, "squeezed"),
        (69, "squeezed"),
        (70, ""),
        (100, ""),
        (120, ""),
        (121, "over"),
        (300, "over"),
    ],
)
def test_flag_thresholds(actual, flag):
    assert SectionStat("k", "K", 1, actual, 100).flag == flag


def test_flag_with_no_plan():
    stat = SectionStat("k", "K", 1, 50, 0)
    assert stat.ratio is None and stat.flag == ""


def test_time_discipline_of_nothing():
    td = time_discipline([])
    assert (td.meetings, td.over_total, td.sections) == (0, 0, [])
