"""Time rebalancing: what the remaining sections have left to end on time (display only).

Every case runs a real MeetingTimer on a FakeClock: no sleeping.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_tui.domain.clock import FakeClock
from oneonone_tui.domain.rebalance import SQUEEZED_BELOW, Rebalance, rebalance, rebalance_timer
from oneonone_tui.domain.timer import MeetingTimer, SectionPlan


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 9, 0, 0))


def timer(clock: FakeClock, *minutes: float) -> MeetingTimer:
    """A running timer on the first section of sections of ``minutes`` each."""
    t = MeetingTimer(
        [SectionPlan(f"s{n}", f"Section {n}", int(m * 60)) for n, m in enumerate(minutes)], clock
    )
    t.start()
    return t


def weekly(clock: FakeClock) -> MeetingTimer:
    """Five sections of 4:00: 20:00."""
    return timer(clock, 4, 4, 4, 4, 4)


def seconds(r: Rebalance) -> list[tuple[int, float, bool]]:
    return [(s.index, s.seconds, s.squeezed) for s in r.sections]


def test_on_schedule_changes_nothing(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(100)
    r = rebalance_timer(t)
    assert r.left == 1200 - 100 - 140 == 960
    assert not r.behind
    assert seconds(r) == [(1, 240, False), (2, 240, False), (3, 240, False), (4, 240, False)]
    assert r.squeezed == ()


def test_ahead_of_schedule_keeps_the_plan_and_hands_out_nothing(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(200)  # 40 s early
    t.next()
    clock.advance(50)
    r = rebalance_timer(t)
    assert r.left == 1200 - 250 - 190 == 760
    assert not r.behind
    assert seconds(r) == [(2, 240, False), (3, 240, False), (4, 240, False)]


def test_current_section_overrunning_cuts_the_rest_and_moves_with_the_clock(
    clock: FakeClock,
) -> None:
    t = weekly(clock)
    clock.advance(240)
    t.next()
    clock.advance(300)  # section 2 is 60 s over
    r = rebalance_timer(t)
    assert r.behind
    assert r.left == 1200 - 540 == 660
    assert seconds(r) == [(2, 220, False), (3, 220, False), (4, 220, False)]
    clock.advance(30)  # every second over comes out of the rest
    assert seconds(rebalance_timer(t)) == [(2, 210, False), (3, 210, False), (4, 210, False)]


def test_the_current_section_keeps_the_rest_of_its_plan(clock: FakeClock) -> None:
    """Section 1 ran 90 s over (time lost); section 2 is on time but keeps its 3:00."""
    t = weekly(clock)
    clock.advance(330)
    t.next()
    clock.advance(60)
    r = rebalance_timer(t)
    assert t.state() == "ok"
    assert r.left == 1200 - 390 - 180 == 630
    assert seconds(r) == [(2, 210, False), (3, 210, False), (4, 210, False)]


def test_shares_follow_the_plans_and_squeeze_below_a_minute(clock: FakeClock) -> None:
    t = timer(clock, 4, 4, 6, 3, 3)  # 20:00; after section 2: 6 + 3 + 3 = 720 s
    clock.advance(240)
    t.next()
    clock.advance(420)  # 180 over
    assert seconds(rebalance_timer(t)) == [(2, 270, False), (3, 135, False), (4, 135, False)]
    clock.advance(300)  # 720 in section 2: 240 s left for 720 planned
    r = rebalance_timer(t)
    assert seconds(r) == [(2, 120, False), (3, 60, False), (4, 60, False)]  # 60 is a minute
    assert r.squeezed == ()
    clock.advance(4)  # 236 left
    r = rebalance_timer(t)
    assert seconds(r) == [(2, 118, False), (3, 59, True), (4, 59, True)]
    assert r.squeezed == (3, 4)
    assert SQUEEZED_BELOW == 60


def test_past_the_total_everything_left_gets_nothing_and_is_squeezed(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(240)
    t.next()
    clock.advance(1000)  # 1240 s into a 1200 s meeting
    r = rebalance_timer(t)
    assert r.left == -40
    assert r.behind
    assert seconds(r) == [(2, 0, True), (3, 0, True), (4, 0, True)]
    assert r.squeezed == (2, 3, 4)


def test_exactly_at_the_total_the_rest_gets_nothing(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(1200)
    r = rebalance_timer(t)
    assert r.left == 0
    assert seconds(r) == [(1, 0, True), (2, 0, True), (3, 0, True), (4, 0, True)]


def test_a_skipped_section_gives_its_plan_back(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(300)  # 60 over
    assert seconds(rebalance_timer(t)) == [
        (1, 225, False),
        (2, 225, False),
        (3, 225, False),
        (4, 225, False),
    ]
    t.next()
    t.next()  # section 2 visited for no time: skipped, its 240 s are free again
    r = rebalance_timer(t)
    assert t.elapsed(1) == 0 and t.status(1) == "done"
    assert r.left == 1200 - 300 - 240 == 660
    assert not r.behind
    assert seconds(r) == [(3, 240, False), (4, 240, False)]


def test_a_section_jumped_over_is_skipped_and_gets_nothing(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(300)
    t.go_to(2)  # sections 2 never opened: it is before the current one, nothing reserved
    clock.advance(300)
    r = rebalance_timer(t)
    assert t.status(1) == "upcoming"
    assert r.left == 1200 - 600 == 600
    assert seconds(r) == [(3, 240, False), (4, 240, False)]


def test_going_back_counts_later_visited_sections_as_done(clock: FakeClock) -> None:
    t = weekly(clock)
    for secs in (240, 240):
        clock.advance(secs)
        t.next()
    clock.advance(300)  # section 3 is 60 over
    t.previous()  # back to section 2 (used up); section 3 was visited: not remaining
    assert t.current == 1
    r = rebalance_timer(t)
    assert r.left == 1200 - 780 == 420
    assert seconds(r) == [(3, 210, False), (4, 210, False)]
    clock.advance(30)  # a second look at section 2 costs the rest
    assert seconds(rebalance_timer(t)) == [(3, 195, False), (4, 195, False)]


def test_going_back_to_a_section_with_time_left_keeps_that_time(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(120)  # 2:00 of 4:00
    t.next()
    clock.advance(420)  # 180 over
    t.previous()
    r = rebalance_timer(t)
    assert r.left == 1200 - 540 - 120 == 540
    assert seconds(r) == [(2, 180, False), (3, 180, False), (4, 180, False)]


def test_paused_time_changes_nothing(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(300)
    t.pause()
    before = rebalance_timer(t)
    clock.advance(600)
    assert rebalance_timer(t) == before
    assert seconds(before) == [(1, 225, False), (2, 225, False), (3, 225, False), (4, 225, False)]
    t.start()
    clock.advance(40)
    assert seconds(rebalance_timer(t))[0] == (1, 215, False)


def test_one_more_minute_lengthens_the_meeting_and_takes_nothing(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(300)
    assert rebalance_timer(t).behind
    t.add_minute()  # the current section: the meeting now ends at 21:00
    r = rebalance_timer(t)
    assert not r.behind
    assert r.left == 1260 - 300 == 960
    assert seconds(r)[0] == (1, 240, False)
    t.add_minute(3)  # another section's minute counts in its plan and in the total
    r = rebalance_timer(t)
    assert [s.planned for s in r.sections] == [240, 240, 300, 240]
    clock.advance(85)  # 85 s over the 5:00: 935 s left for 1020 s planned, 11/12 each
    r = rebalance_timer(t)
    assert r.left == 1320 - 385 == 935
    assert [s.seconds for s in r.sections] == [220, 220, 275, 220]


def test_the_last_section_has_nothing_after_it(clock: FakeClock) -> None:
    t = timer(clock, 4, 4)
    clock.advance(240)
    t.next()
    clock.advance(600)
    r = rebalance_timer(t)
    assert r.sections == () and r.squeezed == ()
    assert r.left == -360
    assert r.get(1) is None


def test_rebalancing_changes_nothing_in_the_timer(clock: FakeClock) -> None:
    t = weekly(clock)
    clock.advance(600)
    snap = t.snapshot()
    plans = t.sections
    r = rebalance_timer(t)
    assert r.get(4) is not None and r.get(4).seconds == 150
    assert r.get(0) is None
    assert t.snapshot() == snap and t.sections == plans
    assert [t.planned(i) for i in range(5)] == [240] * 5


def test_bad_input_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="one value per section"):
        rebalance([60, 60], [0.0], 0, 120)
    with pytest.raises(ValueError, match="does not exist"):
        rebalance([60, 60], [0.0, 0.0], 2, 120)


@st.composite
def meetings(draw):
    n = draw(st.integers(1, 8))
    planned = draw(st.lists(st.integers(0, 7200), min_size=n, max_size=n))
    elapsed = draw(st.lists(st.floats(0, 10_000, allow_nan=False), min_size=n, max_size=n))
    current = draw(st.integers(0, n - 1))
    visited = draw(st.sets(st.integers(0, n - 1)))
    total = sum(planned) + draw(st.integers(0, 600))
    return planned, elapsed, current, total, visited


@given(meetings())
def test_rebalance_properties(meeting) -> None:
    planned, elapsed, current, total, visited = meeting
    r = rebalance(planned, elapsed, current, total, visited)
    expected_left = total - sum(elapsed) - max(0, planned[current] - elapsed[current])
    assert r.left == pytest.approx(expected_left)
    assert [s.index for s in r.sections] == [
        i for i in range(current + 1, len(planned)) if i not in visited
    ]
    plan_left = sum(s.planned for s in r.sections)
    got = [s.seconds for s in r.sections]
    assert all(g >= 0 for g in got)
    assert sum(got) == pytest.approx(min(plan_left, max(0.0, r.left)), abs=1e-6)
    assert r.behind == (r.left < plan_left)
    for s in r.sections:
        assert s.planned == planned[s.index]
        assert s.seconds <= s.planned + 1e-9
        assert s.squeezed == (r.behind and s.seconds < SQUEEZED_BELOW)
    if r.behind:  # all of what is left, shared in proportion to the plans
        assert sum(got) == pytest.approx(max(0.0, r.left), abs=1e-6)
        for a in r.sections:
            for b in r.sections:
                assert a.seconds * b.planned == pytest.approx(
                    b.seconds * a.planned, rel=1e-9, abs=1e-6
                )
    else:
        assert got == [s.planned for s in r.sections]
        assert r.squeezed == ()
