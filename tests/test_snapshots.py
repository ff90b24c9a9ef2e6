"""Snapshots of every screen state the meeting issue names (clock fixed, no blink).

Look at a regenerated SVG before accepting it: it is a claim that the screen is right.
"""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_tui.store.reps import add_rep, find_rep

from .helpers import NOW, completed_meeting, into_sections, make_team, snap, start_with, type_text

SIZE = (110, 32)


@pytest.fixture
def team(store):
    """Four reps: one overdue with open commitments, one due soon, one never met."""
    make_team()


def test_home_with_reps(snap_compare, make_app, team):
    assert snap(snap_compare, make_app(), terminal_size=SIZE)


def test_home_empty(snap_compare, make_app):
    assert snap(snap_compare, make_app(), terminal_size=(80, 24))


def test_review_screen(snap_compare, make_app, team):
    async def run_before(pilot):
        await start_with(pilot, "Dana Scully")
        await pilot.press("d")
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=SIZE, run_before=run_before)


def test_section_mid_countdown(snap_compare, make_app, team, clock):
    assert snap(snap_compare, make_app(), terminal_size=SIZE, run_before=into_sections(clock, 90))


def test_section_warning(snap_compare, make_app, team, clock):
    assert snap(
        snap_compare, make_app(), terminal_size=(80, 24), run_before=into_sections(clock, 200)
    )


def test_section_overrun(snap_compare, make_app, team, clock):
    assert snap(snap_compare, make_app(), terminal_size=SIZE, run_before=into_sections(clock, 305))


def _second_section_overran(clock):
    """Career development (7, 6, 9, 3 minutes): section 1 three minutes over, section 2
    5:40 over, so 200 s are left for the last two (9 and 3 minutes): 2:30 and 0:50."""

    async def run_before(pilot):
        table = pilot.app.screen.query_one("#team")
        for row in range(table.row_count):
            if str(table.get_row_at(row)[0]) == "Walter Skinner":
                table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        options = pilot.app.screen.query_one("OptionList")
        options.highlighted = options.get_option_index("career-development")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Wants the team lead role")
        clock.advance(600)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Negotiation workshop done")
        clock.advance(700)
        pilot.app.screen.tick()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(130, 40), SIZE], ids=["wide", "narrow"])
def test_section_overrun_rebalances_and_squeezes(snap_compare, make_app, team, clock, size):
    assert snap(
        snap_compare, make_app(), terminal_size=size, run_before=_second_section_overran(clock)
    )


def test_commitment_form_with_field_error(snap_compare, make_app, team):
    async def run_before(pilot):
        await start_with(pilot, "Walter Skinner")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "Call Initech")
        await pilot.press("tab")
        await type_text(pilot, "31/02")
        await pilot.press("enter")
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=SIZE, run_before=run_before)


def test_summary(snap_compare, make_app, team, clock):
    async def run_before(pilot):
        await start_with(pilot, "Dana Scully")
        await pilot.press("d", "m", "x")
        await pilot.pause()
        await type_text(pilot, "account lost")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        for secs in (250, 180, 240, 60):
            clock.advance(secs)
            await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "Plan the joint call with Initech")
        await pilot.press("enter")
        await type_text(pilot, "next")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=SIZE, run_before=run_before)


# --- accountability (issue 4) --------------------------------------------------------


@pytest.fixture
def history(store):
    from .helpers import fill_team

    fill_team()
    # and one rep whose one-on-one slipped three weeks ago, with a commitment overdue
    completed_meeting(
        "Fay Fox",
        NOW - dt.timedelta(days=28),
        [("rep", "Send the Q4 forecast", dt.date(2026, 11, 2))],
    )


async def _select(pilot, name: str) -> None:
    table = pilot.app.screen.query_one("#team")
    for row in range(table.row_count):
        if str(table.get_row_at(row)[0]) == name:
            table.move_cursor(row=row)


def test_home_with_overdue_reps_and_follow_through(snap_compare, make_app, history):
    assert snap(snap_compare, make_app(), terminal_size=SIZE)


def test_rep_detail_with_sparkline(snap_compare, make_app, history):
    async def run_before(pilot):
        await _select(pilot, "Bob Baker")
        await pilot.press("d")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=(120, 40), run_before=run_before)


def test_history_with_search_hit(snap_compare, make_app, history):
    async def run_before(pilot):
        await _select(pilot, "Cy Cohen")
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("slash")
        await type_text(pilot, "territory")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=SIZE, run_before=run_before)


# --- the numbers (issue 5) -----------------------------------------------------------


def test_metrics_table_with_targets_and_sparkline(snap_compare, make_app, store):
    from oneonone_tui.domain.metrics import previous_periods, review_period
    from oneonone_tui.store import numbers

    rep = add_rep("Dana Scully", now=NOW)
    week = review_period("week", NOW.date())
    for n, start in enumerate(previous_periods("week", week, 12)[:-1]):
        for key, base in (
            ("dials", 80),
            ("conversations", 10),
            ("qualified-leads", 3),
            ("meetings-set", 2),
            ("proposals-sent", 1),
        ):
            numbers.set_actual(rep.id, key, start, base + (n * 7) % 11, NOW)
    from oneonone_tui.templates.metrics import load_metrics

    numbers.set_target(rep.id, load_metrics(None)[0]["dials"], 120, "new territory", NOW)

    async def run_before(pilot):
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        pilot.app.screen.query_one("#actual-dials").focus()
        await type_text(pilot, "104")
        await pilot.press("tab")
        await type_text(pilot, "1x")
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=(130, 40), run_before=run_before)


@pytest.fixture
def plans_history(store):
    """Dana with a coaching plan and last week's calls (one joint) to debrief."""
    from oneonone_tui.store import plans

    mid = completed_meeting(
        "Dana Scully",
        NOW - dt.timedelta(days=7),
        [("rep", "Send Acme the revised proposal", dt.date(2026, 11, 27))],
    )
    rep_id = find_rep("Dana Scully").id
    at = NOW - dt.timedelta(days=7)
    plans.add_coaching(rep_id, mid, "skill", "Asking for the next step on every call", at)
    item = plans.add_coaching(rep_id, mid, "skill", "Handling price objections", at)
    plans.next_status(item.id, mid, at)
    plans.add_coaching(rep_id, mid, "goal", "Team lead for the mid-market team in 2027", at)
    plans.add_coaching(rep_id, mid, "training", "Negotiation workshop in January", at)
    call = plans.add_call(mid, "Acme Corp", dt.date(2026, 11, 19), "CFO review")
    plans.plan_joint_call(
        call.id,
        who="CFO and IT lead",
        why="review the proposal",
        win="scope agreed",
        next_step="procurement meeting",
    )
    plans.add_call(mid, "Initech", dt.date(2026, 11, 20), "renewal")


async def _to_section(pilot, n: int) -> None:
    await pilot.press("enter", "enter")
    await pilot.pause()
    await pilot.press("d", "ctrl+n")
    await pilot.pause()
    for _ in range(n):
        await pilot.press("ctrl+n")
        await pilot.pause()


def test_coaching_plan(snap_compare, make_app, plans_history):
    async def run_before(pilot):
        await _to_section(pilot, 3)

    assert snap(snap_compare, make_app(), terminal_size=(130, 40), run_before=run_before)


def test_calls_list(snap_compare, make_app, plans_history):
    async def run_before(pilot):
        await _to_section(pilot, 4)
        from oneonone_tui.store import plans

        plans.add_call(
            pilot.app.screen.session.id, "Globex", dt.date(2026, 11, 26), "first meeting"
        )
        pilot.app.screen.query_one("#calls-panel").reload()
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=(130, 40), run_before=run_before)


# --- screen-share mode (issue 8) ----------------------------------------------------------


def _private_note_in_section(share: bool):
    async def run_before(pilot):
        await start_with(pilot, "Walter Skinner")
        await type_text(pilot, "Worried about his divorce; keep this between us")
        await pilot.press("ctrl+r")  # private
        await pilot.pause()
        if share:
            await pilot.press("f9")
            await pilot.pause()

    return run_before


def test_meeting_private_note_screen_share_off(snap_compare, make_app, team):
    assert snap(
        snap_compare, make_app(), terminal_size=SIZE, run_before=_private_note_in_section(False)
    )


def test_meeting_private_note_screen_share_on(snap_compare, make_app, team):
    assert snap(
        snap_compare, make_app(), terminal_size=SIZE, run_before=_private_note_in_section(True)
    )


def test_home_screen_share_on(snap_compare, make_app, team):
    async def run_before(pilot):
        await pilot.press("f9")
        await pilot.pause()

    assert snap(snap_compare, make_app(), terminal_size=SIZE, run_before=run_before)
