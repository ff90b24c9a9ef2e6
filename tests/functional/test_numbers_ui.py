"""Pilot walks of a section's numbers: actuals, a non-number, ranking, a target change."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from oneonone_tui.domain.metrics import review_period
from oneonone_tui.store import numbers
from oneonone_tui.store.meetings import start_meeting
from oneonone_tui.store.models import Meeting, MetricActual, MetricTarget
from oneonone_tui.store.reps import add_rep
from oneonone_tui.templates.metrics import load_metrics
from oneonone_tui.ui.dialogs import TargetScreen

from ..helpers import NOW, plain, type_text

TODAY = NOW.date()
WEEK = review_period("week", TODAY)  # Mon 16 Nov 2026
MONTH = review_period("month", TODAY)  # Oct 2026


async def open_section(pilot, n: int) -> None:
    await pilot.press("enter")
    await pilot.pause()
    picker = pilot.app.screen
    options = picker.query_one("OptionList")
    options.highlighted = options.get_option_index("weekly")
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(n):
        await pilot.press("ctrl+n")
        await pilot.pause()


async def test_actuals_non_number_and_target_change(make_app):
    ann = add_rep("Ann Archer", now=NOW)
    app = make_app()
    async with app.run_test(size=(130, 44)) as pilot:
        await open_section(pilot, 2)  # behavior plan: the leading indicators
        screen = app.screen
        dials = screen.query_one("#actual-dials", Input)
        dials.focus()
        await type_text(pilot, "9x")
        await pilot.pause()
        assert "not a number" in str(screen.query_one("#metrics-error").render())
        assert dials.has_class("-invalid")
        await pilot.press("backspace")
        await type_text(pilot, "5")
        await pilot.press("tab")
        await type_text(pilot, "12")  # conversations
        await pilot.pause(0.7)
        assert str(screen.query_one("#metrics-error").render()) == ""
        await pilot.press("f2")  # the focused metric's target
        await pilot.pause()
        assert isinstance(app.screen, TargetScreen)
        await type_text(pilot, "20")
        await pilot.press("enter")
        await pilot.press("enter")  # no reason: refused
        await pilot.pause()
        assert "Say why" in str(app.screen.query_one("#target-error").render())
        await type_text(pilot, "bigger territory")
        await pilot.press("enter")
        await pilot.pause()
        assert "20" in plain(
            screen.query_one("#actual-conversations").parent.query(".m-target").first()
        )
        await pilot.press("ctrl+b", "ctrl+b")  # to goal status: revenue and confidence
        await pilot.pause()
        screen.query_one("#confidence", Input).focus()
        await type_text(pilot, "7")
        await pilot.pause()
        assert "1 to 5" in str(screen.query_one("#metrics-error").render())
        await pilot.press("backspace")
        await type_text(pilot, "4")
        await pilot.pause()
    rows = {(a.metric, a.period_start, a.value) for a in MetricActual.select()}
    assert rows == {("dials", WEEK, 95.0), ("conversations", WEEK, 12.0)}
    (change,) = MetricTarget.select()
    assert (change.metric, change.target, change.reason) == (
        "conversations",
        20.0,
        "bigger territory",
    )
    metrics = load_metrics(None)[0]
    assert numbers.targets(ann.id, metrics)["conversations"] == 20
    assert Meeting.get().confidence == 4


async def test_opening_a_section_does_not_rewrite_its_numbers(make_app):
    """Numbers stored before (a CRM import, an earlier meeting) are shown, not re-saved:
    the mounted value is not an edit, so nothing is re-linked to this meeting."""
    ann = add_rep("Ann Archer", now=NOW)
    earlier = dt.datetime(2026, 11, 17, 8, 0)
    numbers.set_actual(ann.id, "dials", WEEK, 80, earlier, None)
    app = make_app()
    async with app.run_test(size=(130, 44)) as pilot:
        await open_section(pilot, 2)
        assert app.screen.query_one("#actual-dials", Input).value == "80"
        await pilot.pause(0.7)  # longer than the save delay
        await pilot.press("ctrl+n", "ctrl+b")
        await pilot.pause()
    (row,) = MetricActual.select()
    assert (row.value, row.meeting_id, row.updated_at) == (80.0, None, earlier)


async def test_ranking_across_three_reps(make_app, clock):
    ids = {name: add_rep(name, now=NOW).id for name in ("Ann", "Bob", "Cy")}
    now = dt.datetime(2026, 11, 1)
    for name, october, september in (
        ("Ann", 40_000, 90_000),
        ("Bob", 70_000, 10_000),
        ("Cy", 55_000, 30_000),
    ):
        numbers.set_actual(ids[name], "revenue-closed", MONTH, october, now)
        numbers.set_actual(ids[name], "revenue-closed", dt.date(2026, 9, 1), september, now)
    app = make_app()
    async with app.run_test(size=(130, 44)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen
        options = picker.query_one("OptionList")
        options.highlighted = options.get_option_index("monthly-results")
        await pilot.press("enter")
        await pilot.pause()
        rank = plain(app.screen.query_one("#rank-revenue-closed"))
    # Ann: 3rd of 3 in October (40k), 1st of 3 year to date (130k vs 80k and 85k)
    assert "#3 of 3" in rank and "YTD #1 of 3" in rank


def test_exports_carry_the_numbers_and_confidence(store):
    import json

    from oneonone_tui.services.export import to_json, to_markdown
    from oneonone_tui.store.history import meeting_detail
    from oneonone_tui.templates.agendas import discover_agendas, find_agenda

    rep = add_rep("Ann", now=NOW)
    mid = start_meeting(rep.id, find_agenda(discover_agendas(None), "weekly").agenda, NOW)
    numbers.set_actual(rep.id, "dials", WEEK, 104, NOW, mid)
    numbers.set_confidence(mid, 4)
    detail = meeting_detail(mid)
    doc = json.loads(to_json(detail))
    assert doc["numbers"] == [
        {"metric": "dials", "period_start": WEEK.isoformat(), "actual": 104.0, "target": 100.0}
    ]
    assert doc["confidence"] == 4
    md = to_markdown(detail)
    assert "## Numbers" in md and "- dials, 2026-11-16: 104 (target 100)" in md


async def test_coaching_plan_and_calls_across_meetings(make_app, clock):
    from oneonone_tui.store import plans
    from oneonone_tui.store.models import Call, CoachingChange, CoachingItem

    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(130, 44)) as pilot:
        await open_section(pilot, 3)  # the coaching plan
        app.screen.query_one("#coaching-table").focus()
        await pilot.press("a", "s")  # a skill
        await pilot.pause()
        await type_text(pilot, "Asking for the next step")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")  # working -> improving
        await pilot.pause()
        await pilot.press("ctrl+n")  # upcoming calls
        await pilot.pause()
        app.screen.query_one("#calls-table").focus()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Acme")
        await pilot.press("enter")
        await type_text(pilot, "thu")
        await pilot.press("enter")
        await type_text(pilot, "CFO meeting")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "no joint call planned" in plain(app.screen.query_one("#summary-review"))
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#calls-table").focus()
        await pilot.press("j")
        await pilot.pause()
        for answer in ("the CFO", "revised proposal", "scope agreed", "meet procurement"):
            await type_text(pilot, answer)
            await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "joint call: Acme" in plain(app.screen.query_one("#summary-review"))
        await add_commitment_keys(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
    (item,) = CoachingItem.select()
    assert (item.kind, item.text, item.status) == ("skill", "Asking for the next step", "improving")
    assert [c.action for c in CoachingChange.select()] == ["added", "status"]
    (call,) = Call.select()
    assert (call.account, call.joint, call.plan_win, call.day) == (
        "Acme",
        True,
        "scope agreed",
        dt.date(2026, 11, 26),
    )

    clock.advance(7 * 24 * 3600)
    app = make_app()
    async with app.run_test(size=(130, 44)) as pilot:
        await open_section(pilot, 0)
        await pilot.press("d", "ctrl+n")  # last week's commitment: done
        await pilot.pause()
        for _ in range(4):
            await pilot.press("ctrl+n")
            await pilot.pause()
        panel = app.screen.query_one("#calls-panel")
        assert panel.rows[0][0] == "earlier" and panel.rows[0][1].account == "Acme"
        app.screen.query_one("#calls-table").focus()
        await pilot.press("o", "w")
        await pilot.pause()
        await type_text(pilot, "procurement booked")
        await pilot.press("enter")
        await pilot.pause()
    call = Call.get()
    assert (call.outcome, call.debrief) == ("won-next-step", "procurement booked")
    assert plans.coaching_plan(call.rep_id)[0].status == "improving"


async def add_commitment_keys(pilot) -> None:
    await pilot.press("ctrl+o")
    await pilot.pause()
    await type_text(pilot, "Send the agenda")
    await pilot.press("enter")
    await type_text(pilot, "fri")
    await pilot.press("enter")
    await pilot.pause()


async def test_a_coaching_plan_from_earlier_meetings_shows_all_its_items(make_app):
    """Items that exist before the section opens are all visible at once (the panel used
    to keep a one-line height until the terminal was resized)."""
    from oneonone_tui.store import plans

    ann = add_rep("Ann", now=NOW)
    for text in ("Asking for the next step", "Discovery questions", "Forecast accuracy"):
        plans.add_coaching(ann.id, None, "skill", text, NOW)
    app = make_app()
    async with app.run_test(size=(130, 44)) as pilot:
        await open_section(pilot, 3)
        await pilot.pause()
        panel = app.screen.query_one("#coaching-panel")
        table = panel.query_one("#coaching-table")
        assert table.row_count == 3
        assert panel.region.height >= 1 + 3  # its heading and the three rows
        assert panel.region.contains_region(table.region)
        assert "Forecast&#160;accuracy" in app.export_screenshot()


async def test_section_switches_do_not_keep_removed_number_fields_alive(make_app):
    """Every switch replaces the numbers panel; the old one's Inputs must be freed (Textual
    keeps an Input alive through its screen's text-selection signal unless unsubscribed)."""
    import gc

    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(130, 44)) as pilot:
        await open_section(pilot, 0)
        for _ in range(3):
            await pilot.press("ctrl+n", "ctrl+n", "ctrl+b", "ctrl+b")
            await pilot.pause()
        gc.collect()
        alive = [o for o in gc.get_objects() if isinstance(o, Input)]
        detached = [o for o in alive if not o.is_attached]
        assert alive and not detached
