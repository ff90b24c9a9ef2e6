"""Due dates as a manager types them, and how they are shown in tables."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oneonone_tui.domain.duedate import HINT, DueDateError, describe_due, parse_due

MON = date(2026, 11, 23)  # a Monday
FRI = date(2026, 11, 27)
SUN = date(2026, 11, 22)


def test_hint_names_the_forms() -> None:
    assert HINT == "try fri, tomorrow, +3d, +2w, next or 2026-12-04"


def test_due_date_error_is_a_value_error() -> None:
    assert issubclass(DueDateError, ValueError)


# -- weekdays ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", date(2026, 11, 30)),  # typed on a Monday: next week's Monday
        ("monday", date(2026, 11, 30)),
        ("tue", date(2026, 11, 24)),
        ("tues", date(2026, 11, 24)),
        ("tuesday", date(2026, 11, 24)),
        ("wed", date(2026, 11, 25)),
        ("wednesday", date(2026, 11, 25)),
        ("thu", date(2026, 11, 26)),
        ("thur", date(2026, 11, 26)),
        ("thurs", date(2026, 11, 26)),
        ("thursday", date(2026, 11, 26)),
        ("fri", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("sat", date(2026, 11, 28)),
        ("saturday", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("sunday", date(2026, 11, 29)),
    ],
)
def test_weekday_names(text: str, expected: date) -> None:
    assert parse_due(text, MON) == expected


def test_weekday_is_strictly_after_today() -> None:
    assert parse_due("fri", FRI) == date(2026, 12, 4)
    assert parse_due("thu", FRI) == date(2026, 12, 3)
    assert parse_due("sat", FRI) == date(2026, 11, 28)
    assert parse_due("mon", SUN) == MON


def test_weekday_wraps_over_month_and_year_end() -> None:
    assert parse_due("tue", date(2026, 12, 30)) == date(2027, 1, 5)  # Wed -> next Tue
    assert parse_due("fri", date(2026, 12, 30)) == date(2027, 1, 1)


@pytest.mark.parametrize("text", ["FRI", "Friday", "  fri  ", "\tFrI\n"])
def test_case_and_surrounding_whitespace_ignored(text: str) -> None:
    assert parse_due(text, MON) == FRI


# -- today, tomorrow --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["today", "Today", " TODAY "])
def test_today(text: str) -> None:
    assert parse_due(text, MON) == MON


@pytest.mark.parametrize("text", ["tomorrow", "tmrw", "tmr", "Tomorrow"])
def test_tomorrow(text: str) -> None:
    assert parse_due(text, MON) == date(2026, 11, 24)


def test_tomorrow_crosses_year_end() -> None:
    assert parse_due("tomorrow", date(2026, 12, 31)) == date(2027, 1, 1)


# -- relative ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3d", date(2026, 11, 26)),
        ("3d", date(2026, 11, 26)),
        ("3 d", date(2026, 11, 26)),
        ("3 days", date(2026, 11, 26)),
        ("1 day", date(2026, 11, 24)),
        ("+0d", MON),
        ("+10d", date(2026, 12, 3)),
        ("+2w", date(2026, 12, 7)),
        ("2w", date(2026, 12, 7)),
        ("2 weeks", date(2026, 12, 7)),
        ("1 week", date(2026, 11, 30)),
        ("+1m", date(2026, 12, 23)),
        ("1m", date(2026, 12, 23)),
        ("2 months", date(2027, 1, 23)),
        ("+3D", date(2026, 11, 26)),
        ("+ 3 d", date(2026, 11, 26)),
    ],
)
def test_relative(text: str, expected: date) -> None:
    assert parse_due(text, MON) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),
        (date(2028, 1, 31), "+1m", date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), "+1m", date(2026, 4, 30)),
        (date(2026, 8, 31), "+1m", date(2026, 9, 30)),
        (date(2026, 12, 31), "+2m", date(2027, 2, 28)),
        (date(2026, 11, 30), "+3m", date(2027, 2, 28)),
        (date(2027, 11, 30), "+3m", date(2028, 2, 29)),
    ],
)
def test_month_clamps_the_day(today: date, text: str, expected: date) -> None:
    assert parse_due(text, today) == expected


def test_days_cross_a_leap_day() -> None:
    assert parse_due("+1d", date(2028, 2, 28)) == date(2028, 2, 29)
    assert parse_due("+1d", date(2026, 2, 28)) == date(2026, 3, 1)


# -- absolute ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-04", date(2026, 12, 4)),
        ("2026-11-23", MON),
        ("2027-1-5", date(2027, 1, 5)),
        ("2026/12/04", date(2026, 12, 4)),
        ("2028-02-29", date(2028, 2, 29)),
    ],
)
def test_iso_dates(text: str, expected: date) -> None:
    assert parse_due(text, MON) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dec 4", date(2026, 12, 4)),
        ("4 dec", date(2026, 12, 4)),
        ("december 4", date(2026, 12, 4)),
        ("4 December", date(2026, 12, 4)),
        ("Dec. 4", date(2026, 12, 4)),
        ("sept 1", date(2027, 9, 1)),
        ("nov 23", MON),  # today is fine
        ("nov 22", date(2027, 11, 22)),  # passed this year: next year
        ("jan 15", date(2027, 1, 15)),
    ],
)
def test_month_and_day(text: str, expected: date) -> None:
    assert parse_due(text, MON) == expected


def test_feb_29_goes_to_the_next_leap_year() -> None:
    assert parse_due("feb 29", date(2027, 3, 1)) == date(2028, 2, 29)
    assert parse_due("29 feb", date(2028, 1, 10)) == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["dec 32", "31 nov", "feb 30"])
def test_impossible_month_and_day(text: str) -> None:
    with pytest.raises(DueDateError) as err:
        parse_due(text, MON)
    assert str(err.value) == f"{text} is not a real date ({HINT})"


# -- next meeting -----------------------------------------------------------------------


def test_next_uses_the_next_meeting() -> None:
    assert parse_due("next", MON, next_meeting=date(2026, 11, 30)) == date(2026, 11, 30)
    assert parse_due(" NEXT ", MON, date(2026, 12, 7)) == date(2026, 12, 7)


def test_next_without_a_next_meeting() -> None:
    with pytest.raises(DueDateError) as err:
        parse_due("next", MON)
    assert str(err.value) == (
        "'next' needs the rep's next meeting date, which is not known yet; " + HINT
    )


# -- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_is_refused(text: str) -> None:
    with pytest.raises(DueDateError) as err:
        parse_due(text, MON)
    assert str(err.value) == f"a due date is required ({HINT})"


@pytest.mark.parametrize(
    "text",
    [
        "31/02",
        "someday",
        "soon",
        "12/04",
        "fri next week",
        "3x",
        "+3",
        "d",
        "dec",
        "2026-12",
        "26-12-04",
        "blursday",
        "+99999d",
        "next friday",
    ],
)
def test_unparseable_is_refused(text: str) -> None:
    with pytest.raises(DueDateError) as err:
        parse_due(text, MON)
    assert str(err.value) == f"'{text}' is not a date I understand ({HINT})"


def test_unparseable_message_shows_the_text_as_typed() -> None:
    with pytest.raises(DueDateError) as err:
        parse_due("  SomeDay ", MON)
    assert str(err.value) == f"'SomeDay' is not a date I understand ({HINT})"


@pytest.mark.parametrize("text", ["2026-02-31", "2026-13-01", "2026-00-10", "2027-02-29"])
def test_impossible_iso_dates(text: str) -> None:
    with pytest.raises(DueDateError) as err:
        parse_due(text, MON)
    assert str(err.value) == f"{text} is not a real date ({HINT})"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2026-11-01", "2026-11-01"),
        ("2026-11-21", "2026-11-21"),
        ("yesterday", "2026-11-21"),
        ("-3d", "2026-11-19"),
        ("-1w", "2026-11-15"),
        ("-1m", "2026-10-22"),
    ],
)
def test_past_dates_are_refused(text: str, shown: str) -> None:
    with pytest.raises(DueDateError) as err:
        parse_due(text, SUN)
    assert str(err.value) == f"{shown} is in the past; a commitment is due today or later"


def test_next_meeting_in_the_past_is_refused() -> None:
    with pytest.raises(DueDateError, match="2026-11-16 is in the past"):
        parse_due("next", MON, next_meeting=date(2026, 11, 16))


def test_two_years_ahead_is_the_limit() -> None:
    assert parse_due("2028-11-23", MON) == date(2028, 11, 23)
    assert parse_due("+24m", MON) == date(2028, 11, 23)
    for text in ("2028-11-24", "+25m", "+200w", "9999-12-31", "+9999d"):
        with pytest.raises(DueDateError) as err:
            parse_due(text, MON)
        message = str(err.value)
        assert "more than two years away" in message
        assert "\n" not in message


def test_every_error_message_is_one_line() -> None:
    for text in ("", "31/02", "2026-02-31", "yesterday", "next", "+3000d"):
        with pytest.raises(DueDateError) as err:
            parse_due(text, MON)
        assert str(err.value)
        assert "\n" not in str(err.value)


def test_every_weekday_and_offset_lands_within_a_week() -> None:
    for offset in range(14):
        today = MON + timedelta(days=offset)
        for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            due = parse_due(name, today)
            assert 1 <= (due - today).days <= 7
            assert due.strftime("%a").lower() == name


# -- describe_due -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "text"),
    [
        (MON, "today"),
        (date(2026, 11, 24), "tomorrow"),
        (date(2026, 11, 27), "Fri 27 Nov"),
        (date(2026, 11, 25), "Wed 25 Nov"),
        (date(2026, 12, 4), "Fri 4 Dec"),
        (date(2026, 11, 22), "overdue 1d"),
        (date(2026, 11, 20), "overdue 3d"),
        (date(2026, 10, 23), "overdue 31d"),
        (date(2027, 1, 8), "Fri 8 Jan 2027"),
    ],
)
def test_describe_due(due: date, text: str) -> None:
    assert describe_due(due, MON) == text


def test_describe_due_round_trips_with_parse() -> None:
    assert describe_due(parse_due("fri", MON), MON) == "Fri 27 Nov"
    assert describe_due(parse_due("tmrw", MON), MON) == "tomorrow"
    assert describe_due(parse_due("+0d", MON), MON) == "today"
