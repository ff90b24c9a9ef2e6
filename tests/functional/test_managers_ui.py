"""Pilot walks of the team views: a manager's own team, and a director's read-only view."""

from __future__ import annotations

from textual.widgets import DataTable

from oneonone_tui.store.models import Correction, Meeting, Rep
from oneonone_tui.store.reps import add_rep
from oneonone_tui.store.scope import set_scope
from oneonone_tui.ui.screens.history import HistoryScreen, MeetingViewScreen
from oneonone_tui.ui.screens.home import HomeScreen
from oneonone_tui.ui.screens.rep_detail import RepDetailScreen

from ..helpers import NOW, fill_team


def _two_teams() -> None:
    set_scope("Ann Archer")
    fill_team()  # Ann's team: four reps with history
    set_scope("Bob Baker")
    add_rep("Gil Grissom", now=NOW)


def _rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_a_manager_sees_only_their_own_team(make_app):
    _two_teams()
    set_scope("Bob Baker")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#team", DataTable)
        assert [row[0] for row in _rows(table)] == ["Gil Grissom"]
        assert app.screen.sub_title == "your team"


async def test_all_managers_is_a_read_only_view_of_every_team(make_app):
    _two_teams()
    set_scope("Dee Director", all_managers=True)
    before = (Rep.select().count(), Meeting.select().count(), Correction.select().count())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.sub_title == "every manager's team · read-only"
        table = home.query_one("#team", DataTable)
        rows = _rows(table)
        assert len(rows) == 5
        assert {row[0] for row in rows} == {"Ann Archer", "Bob Baker"}  # the Manager column
        assert "Gil Grissom" in {row[1] for row in rows}
        # the footer offers no way to start a meeting or add a rep
        enabled = {a.binding.action for a in app.active_bindings.values() if a.enabled}
        shown = {a.binding.action for a in app.active_bindings.values()}
        assert "rep_detail" in enabled
        assert "start_meeting" not in shown  # Enter opens the rep instead
        assert "add_rep" in shown and "add_rep" not in enabled  # greyed out

        await pilot.press("a")
        await pilot.pause()
        assert app.screen is home

        ann_row = next(i for i, row in enumerate(rows) if row[1] == "Ann Archer")
        table.move_cursor(row=ann_row)
        await pilot.press("enter")  # opens the rep, never a meeting
        await pilot.pause()
        assert isinstance(app.screen, RepDetailScreen)
        await pilot.press("enter")  # start from the rep screen: refused
        await pilot.pause()
        assert isinstance(app.screen, RepDetailScreen)

        app.screen.action_history()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingViewScreen)
        await pilot.press("c")  # corrections are writes: refused
        await pilot.pause()
        assert isinstance(app.screen, MeetingViewScreen)
    assert (Rep.select().count(), Meeting.select().count(), Correction.select().count()) == before
