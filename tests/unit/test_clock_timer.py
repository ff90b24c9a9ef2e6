"""The injectable clock and the meeting's section timer (no sleeping: a FakeClock moves)."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from oneonone_tui.domain.clock import (
    Clock,
    ClockError,
    FakeClock,
    PinnedClock,
    SystemClock,
    clock_for,
    parse_now,
)
from oneonone_tui.domain.timer import (
    MeetingTimer,
    SectionPlan,
    TickResult,
    format_countdown,
    format_duration,
)

START = datetime(2026, 11, 23, 9, 0, 0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def plans(*specs: tuple[int, str]) -> list[SectionPlan]:
    return [
        SectionPlan(f"s{n}", f"Section {n}", secs, on_timeout)
        for n, (secs, on_timeout) in enumerate(specs)
    ]


def standard() -> list[SectionPlan]:
    """A 20:00 meeting: 4 + 6 + 10 minutes."""
    return plans((240, "warn"), (360, "warn"), (600, "warn"))


# -- clock ------------------------------------------------------------------------------


def test_fake_clock_defaults() -> None:
    c = FakeClock()
    assert c.now() == datetime(2026, 11, 23, 9, 0, 0)
    assert c.today() == date(2026, 11, 23)
    assert c.monotonic() == 1000.0


def test_fake_clock_advance_moves_monotonic_and_wall_time_together(clock: FakeClock) -> None:
    clock.advance(90)
    assert clock.monotonic() == 1090.0
    assert clock.now() == datetime(2026, 11, 23, 9, 1, 30)
    clock.advance(15 * 3600)
    assert clock.today() == date(2026, 11, 24)
    assert clock.now() == datetime(2026, 11, 24, 0, 1, 30)


def test_fake_clock_now_has_no_microseconds(clock: FakeClock) -> None:
    clock.advance(0.75)
    assert clock.monotonic() == 1000.75
    assert clock.now() == START
    assert clock.now().microsecond == 0


def test_fake_clock_set_today_keeps_time_of_day_and_monotonic(clock: FakeClock) -> None:
    clock.advance(60)
    clock.set_today(date(2026, 12, 4))
    assert clock.today() == date(2026, 12, 4)
    assert clock.now() == datetime(2026, 12, 4, 9, 1, 0)
    assert clock.monotonic() == 1060.0


def test_system_clock_reads_real_time() -> None:
    c: Clock = SystemClock()
    a = c.monotonic()
    assert c.monotonic() >= a
    assert abs(a - time.monotonic()) < 5
    now = c.now()
    assert now.microsecond == 0 and now.tzinfo is None
    assert abs((datetime.now() - now).total_seconds()) < 5
    assert c.today() in (date.today(), now.date())


def test_both_clocks_satisfy_the_protocol() -> None:
    clocks: list[Clock] = [SystemClock(), FakeClock()]
    for c in clocks:
        assert isinstance(c.monotonic(), float)
        assert isinstance(c.now(), datetime)
        assert isinstance(c.today(), date)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-23T09:00", datetime(2026, 11, 23, 9, 0)),
        ("2026-11-23 17:45:30", datetime(2026, 11, 23, 17, 45, 30)),
        ("  2030-02-28T08:00  ", datetime(2030, 2, 28, 8, 0)),
        ("2026-11-23", datetime(2026, 11, 23, 9, 0)),  # a day alone: nine in the morning
    ],
)
def test_parse_now_reads_the_pinned_moment(text: str, expected: datetime) -> None:
    assert parse_now(text) == expected


@pytest.mark.parametrize("text", ["tomorrow", "2026-13-01", "23.11.2026", "2026-11-23T25:00"])
def test_parse_now_says_what_is_wrong_and_what_to_write(text: str) -> None:
    with pytest.raises(ClockError) as err:
        parse_now(text)
    message = str(err.value)
    assert "ONEONONE_NOW" in message and repr(text) in message
    assert "2026-11-23T09:00" in message and "unset it" in message


def test_clock_for_is_real_unless_pinned() -> None:
    assert isinstance(clock_for(None), SystemClock)
    assert isinstance(clock_for("  "), SystemClock)
    pinned = clock_for("2026-11-23T09:00")
    assert isinstance(pinned, PinnedClock)
    assert pinned.today() == date(2026, 11, 23)


def test_pinned_clock_starts_at_the_moment_and_runs_on(monkeypatch: pytest.MonkeyPatch) -> None:
    mono = [500.0]
    monkeypatch.setattr(time, "monotonic", lambda: mono[0])
    c = PinnedClock(datetime(2026, 11, 23, 23, 59, 0))
    assert c.now() == datetime(2026, 11, 23, 23, 59, 0) and c.monotonic() == 500.0
    mono[0] += 90.4  # a meeting's countdown keeps moving
    assert c.monotonic() == 590.4
    assert c.now() == datetime(2026, 11, 24, 0, 0, 30)
    assert c.today() == date(2026, 11, 24)


# -- section plan -----------------------------------------------------------------------


def test_section_plan_defaults_to_warn_and_is_frozen() -> None:
    p = SectionPlan("wins", "Wins", 120)
    assert p.on_timeout == "warn"
    with pytest.raises(AttributeError):
        p.planned_seconds = 1  # type: ignore[misc]


def test_section_plan_refuses_bad_values() -> None:
    with pytest.raises(ValueError, match="on_timeout"):
        SectionPlan("a", "A", 60, "explode")
    with pytest.raises(ValueError, match="negative"):
        SectionPlan("a", "A", -1)


# -- construction -----------------------------------------------------------------------


def test_new_timer_is_paused_at_the_first_section(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    assert t.sections == tuple(standard())
    assert t.current == 0
    assert not t.running
    assert t.visited == frozenset()
    assert [t.status(i) for i in range(3)] == ["current", "upcoming", "upcoming"]
    assert t.elapsed(0) == 0.0
    assert t.remaining() == 240
    assert t.state() == "ok"


def test_timer_needs_sections(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="at least one section"):
        MeetingTimer([], clock)


def test_timer_refuses_mismatched_restore_lists(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="one value per section"):
        MeetingTimer(standard(), clock, elapsed=[1.0, 2.0])
    with pytest.raises(ValueError, match="one value per section"):
        MeetingTimer(standard(), clock, extra=[0, 0, 0, 0])


@pytest.mark.parametrize("current", [-1, 3, 10])
def test_timer_refuses_out_of_range_current(clock: FakeClock, current: int) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        MeetingTimer(standard(), clock, current=current)


# -- running and pausing ----------------------------------------------------------------


def test_time_accrues_to_the_current_section_only_while_running(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    clock.advance(30)  # not started yet: counts nowhere
    assert t.elapsed(0) == 0
    t.start()
    assert t.running
    assert t.visited == {0}
    clock.advance(100)
    assert t.elapsed(0) == 100
    assert t.elapsed(1) == 0
    assert t.remaining() == 140
    assert t.total_elapsed() == 100


def test_pause_counts_nowhere(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(50)
    t.pause()
    assert not t.running
    clock.advance(1000)
    assert t.elapsed(0) == 50
    assert t.total_elapsed() == 50
    t.start()
    clock.advance(10)
    assert t.elapsed(0) == 60


def test_pause_twice_and_start_twice_are_harmless(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(20)
    t.start()  # already running: must not restart the segment
    clock.advance(20)
    assert t.elapsed(0) == 40
    t.pause()
    t.pause()
    clock.advance(20)
    assert t.elapsed(0) == 40


def test_toggle_pause_reports_running_state(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    assert t.toggle_pause() is True
    clock.advance(5)
    assert t.toggle_pause() is False
    clock.advance(5)
    assert t.toggle_pause() is True
    clock.advance(5)
    assert t.elapsed(0) == 10


def test_clock_going_backwards_never_subtracts_time(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(10)
    clock.advance(-30)
    assert t.elapsed(0) == 0
    t.pause()
    assert t.elapsed(0) == 0


# -- remaining, state and add_minute ----------------------------------------------------


def test_warning_starts_at_twenty_percent_remaining(clock: FakeClock) -> None:
    t = MeetingTimer(plans((300, "warn")), clock)  # 20% of 5:00 is 1:00
    t.start()
    clock.advance(239.5)
    assert t.remaining() == 60.5
    assert t.state() == "ok"
    clock.advance(0.5)
    assert t.remaining() == 60
    assert t.state() == "warning"
    clock.advance(59.5)
    assert t.state() == "warning"
    clock.advance(0.5)
    assert t.remaining() == 0
    assert t.state() == "warning"  # not over until it is over
    clock.advance(0.1)
    assert t.state() == "overrun"
    clock.advance(65)
    assert t.remaining() == pytest.approx(-65.1)
    assert format_countdown(t.remaining()) == "+1:05"


def test_state_and_remaining_of_other_sections(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock, elapsed=[300.0, 300.0, 0.0], current=2)
    assert t.remaining(0) == -60
    assert t.state(0) == "overrun"
    assert t.remaining(1) == 60
    assert t.state(1) == "warning"
    assert t.state(2) == "ok"
    assert t.remaining() == 600


def test_add_minute_extends_the_current_section(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(250)
    assert t.state() == "overrun"
    t.add_minute()
    assert t.extra(0) == 60
    assert t.planned(0) == 300
    assert t.remaining() == 50
    assert t.state() == "warning"
    t.add_minute()
    assert t.planned(0) == 360
    assert t.state() == "ok"


def test_add_minute_to_another_section(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.add_minute(2)
    assert t.extra(2) == 60
    assert t.planned(2) == 660
    assert t.extra(0) == 0
    with pytest.raises(ValueError, match="does not exist"):
        t.add_minute(3)


def test_total_planned_is_the_promise_without_extras(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    assert t.total_planned() == 20 * 60
    t.add_minute()
    t.add_minute(1)
    assert t.total_planned() == 20 * 60
    assert sum(t.planned(i) for i in range(3)) == 22 * 60


# -- moving between sections ------------------------------------------------------------


def test_go_to_banks_time_into_the_old_section_and_keeps_running(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(70)
    t.go_to(2)
    assert t.current == 2
    assert t.running
    clock.advance(30)
    assert t.elapsed(0) == 70
    assert t.elapsed(1) == 0
    assert t.elapsed(2) == 30
    assert t.total_elapsed() == 100
    assert [t.status(i) for i in range(3)] == ["done", "upcoming", "current"]
    t.go_to(0)
    clock.advance(5)
    assert t.elapsed(0) == 75
    assert t.elapsed(2) == 30
    assert [t.status(i) for i in range(3)] == ["current", "upcoming", "done"]


def test_go_to_while_paused_stays_paused(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(10)
    t.pause()
    t.go_to(1)
    assert not t.running
    clock.advance(100)
    assert t.elapsed(0) == 10
    assert t.elapsed(1) == 0
    t.start()
    clock.advance(7)
    assert t.elapsed(1) == 7


def test_go_to_same_section_changes_nothing(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(10)
    t.go_to(0)
    clock.advance(10)
    assert t.elapsed(0) == 20
    assert t.current == 0


@pytest.mark.parametrize("i", [-1, 3, 99])
def test_go_to_out_of_range_is_a_clear_value_error(clock: FakeClock, i: int) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(10)
    with pytest.raises(ValueError, match=r"does not exist \(1-3\)"):
        t.go_to(i)
    assert t.current == 0
    assert t.elapsed(0) == 10


def test_reads_out_of_range_are_value_errors(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    for read in (t.elapsed, t.planned, t.extra, t.remaining, t.state, t.status):
        with pytest.raises(ValueError):
            read(-1)
        with pytest.raises(ValueError):
            read(3)


def test_next_and_previous_stop_at_the_ends(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    assert t.previous() is False
    assert t.current == 0
    assert t.next() is True
    assert t.current == 1
    assert not t.is_last()
    assert t.next() is True
    assert t.is_last()
    assert t.next() is False
    assert t.current == 2
    assert t.previous() is True
    assert t.previous() is True
    assert t.previous() is False
    assert t.current == 0


def test_single_section_meeting_is_first_and_last(clock: FakeClock) -> None:
    t = MeetingTimer(plans((60, "warn")), clock)
    assert t.is_last()
    assert t.next() is False
    assert t.previous() is False


def test_visited_is_a_frozen_copy(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    t.next()
    v = t.visited
    assert v == {0, 1}
    assert isinstance(v, frozenset)
    t.next()
    assert v == {0, 1}
    assert t.visited == {0, 1, 2}


# -- tick -------------------------------------------------------------------------------


def test_tick_advances_a_timed_out_advance_section(clock: FakeClock) -> None:
    t = MeetingTimer(plans((60, "advance"), (60, "warn")), clock)
    t.start()
    clock.advance(59.9)
    assert t.tick() is TickResult.NONE
    assert t.current == 0
    clock.advance(0.1)  # remaining == 0: time is up
    assert t.tick() is TickResult.ADVANCED
    assert t.current == 1
    assert t.running
    assert t.elapsed(0) == pytest.approx(60)
    assert t.status(0) == "done"


def test_tick_never_acts_on_warn_sections(clock: FakeClock) -> None:
    t = MeetingTimer(plans((60, "warn"), (60, "advance")), clock)
    t.start()
    clock.advance(600)
    assert t.tick() is TickResult.NONE
    assert t.current == 0
    assert t.state() == "overrun"


def test_tick_does_nothing_while_paused(clock: FakeClock) -> None:
    t = MeetingTimer(plans((60, "advance"), (60, "warn")), clock, elapsed=[90.0, 0.0])
    assert t.tick() is TickResult.NONE
    assert t.current == 0
    t.start()
    assert t.tick() is TickResult.ADVANCED


def test_tick_respects_added_minutes(clock: FakeClock) -> None:
    t = MeetingTimer(plans((60, "advance"), (60, "warn")), clock)
    t.start()
    clock.advance(50)
    t.add_minute()
    clock.advance(30)
    assert t.tick() is TickResult.NONE
    clock.advance(40)
    assert t.tick() is TickResult.ADVANCED


def test_last_section_timing_out_is_reported_once_per_visit(clock: FakeClock) -> None:
    t = MeetingTimer(plans((60, "warn"), (60, "advance")), clock, current=1)
    t.start()
    clock.advance(60)
    assert t.tick() is TickResult.LAST_TIMED_OUT
    assert t.current == 1
    assert t.running
    for _ in range(5):
        clock.advance(1)
        assert t.tick() is TickResult.NONE
    t.go_to(1)  # staying put is not a new visit
    assert t.tick() is TickResult.NONE
    t.previous()
    t.next()  # a new visit: reported again
    assert t.tick() is TickResult.LAST_TIMED_OUT
    assert t.tick() is TickResult.NONE


def test_chain_of_advance_sections(clock: FakeClock) -> None:
    t = MeetingTimer(plans((10, "advance"), (10, "advance"), (10, "advance")), clock)
    t.start()
    results = []
    for _ in range(40):
        clock.advance(1)
        results.append(t.tick())
    assert results.count(TickResult.ADVANCED) == 2
    assert results.count(TickResult.LAST_TIMED_OUT) == 1
    assert [t.elapsed(i) for i in range(3)] == [10, 10, 20]
    assert t.total_elapsed() == 40


# -- snapshot and restore ---------------------------------------------------------------


def test_snapshot_includes_live_time_and_extras(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(100)
    t.next()
    t.add_minute()
    clock.advance(25.5)
    assert t.snapshot() == [(100.0, 0), (25.5, 60), (0.0, 0)]
    assert t.running  # snapshot does not disturb the clock
    clock.advance(1)
    assert t.elapsed(1) == 26.5


def test_restore_from_snapshot_values(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock)
    t.start()
    clock.advance(250)
    t.add_minute()
    t.next()
    clock.advance(40)
    snap = t.snapshot()

    restored = MeetingTimer(
        standard(),
        FakeClock(monotonic=5.0),
        elapsed=[e for e, _ in snap],
        extra=[x for _, x in snap],
        current=t.current,
        visited=t.visited,
    )
    assert restored.snapshot() == snap
    assert restored.current == 1
    assert not restored.running
    assert restored.visited == {0, 1}
    assert restored.planned(0) == 300
    assert restored.remaining(0) == 50
    assert [restored.status(i) for i in range(3)] == ["done", "current", "upcoming"]


def test_restore_running_starts_the_clock_at_once(clock: FakeClock) -> None:
    t = MeetingTimer(
        standard(),
        clock,
        elapsed=[240, 12, 0],
        extra=[0, 0, 0],
        current=1,
        visited=[0],
        running=True,
    )
    assert t.running
    assert t.visited == {0, 1}
    assert isinstance(t.elapsed(0), float)
    clock.advance(8)
    assert t.elapsed(1) == 20
    assert t.elapsed(0) == 240


def test_restore_ignores_unknown_visited_positions(clock: FakeClock) -> None:
    t = MeetingTimer(standard(), clock, visited=[0, 7, -2])
    assert t.visited == {0}


# -- formatting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remaining", "text"),
    [
        (240, "4:00"),
        (239.2, "4:00"),
        (239.0, "3:59"),
        (59.5, "1:00"),
        (60, "1:00"),
        (59, "0:59"),
        (0.3, "0:01"),
        (0, "0:00"),
        (-0.0, "0:00"),
        (3600, "60:00"),
        (5999, "99:59"),
        (-0.4, "+0:00"),
        (-0.999, "+0:00"),
        (-1, "+0:01"),
        (-65, "+1:05"),
        (-65.9, "+1:05"),
        (-600, "+10:00"),
    ],
)
def test_format_countdown(remaining: float, text: str) -> None:
    assert format_countdown(remaining) == text


def test_format_countdown_tolerates_float_noise() -> None:
    assert format_countdown(60 + 1e-12) == "1:00"
    assert format_countdown(-(65 - 1e-12)) == "+1:05"
    assert format_countdown(0.1 + 0.2 - 0.3) == "0:00"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (245.6, "4:06"),
        (245.4, "4:05"),
        (0.5, "0:01"),
        (2.5, "0:03"),
        (0.49, "0:00"),
        (0, "0:00"),
        (59.6, "1:00"),
        (1200, "20:00"),
        (3725, "62:05"),
        (-3, "0:00"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
