"""Pilot walks of the accountability screens: rep detail, history, search, corrections."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Sparkline, TextArea

from oneonone_tui.store.models import Correction, Note
from oneonone_tui.ui.screens.correct import CorrectScreen
from oneonone_tui.ui.screens.history import HistoryScreen, MeetingViewScreen
from oneonone_tui.ui.screens.rep_detail import RepDetailScreen

from ..helpers import fill_team, plain, type_text


async def select_rep(pilot, name: str) -> None:
    table = pilot.app.screen.query_one("#team", DataTable)
    for row in range(table.row_count):
        if str(table.get_row_at(row)[0]) == name:
            table.move_cursor(row=row)
            return
    raise AssertionError(f"{name} not on the home screen")


async def test_rep_detail_shows_rates_sparkline_and_open(make_app):
    fill_team()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await select_rep(pilot, "Bob Baker")
        await pilot.press("d")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RepDetailScreen)
        assert len(screen.query_one(Sparkline).data) >= 3
        text = plain(screen.query_one("#rep-open"))
        assert "Call ten prospects" in text
        assert "squeezed" in plain(screen.query_one("#rep-time"))


async def test_history_search_open_and_correct(make_app):
    fill_team()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await select_rep(pilot, "Ann Archer")
        await pilot.press("h")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        await pilot.press("slash")
        await type_text(pilot, "week 3:")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = history.query_one(DataTable)
        assert table.row_count == 4  # four notes; the fifth section holds a private note
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, MeetingViewScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CorrectScreen)
        await pilot.press("enter")  # the first section's note
        await pilot.pause()
        area = app.screen.query_one("#correct-note", TextArea)
        area.load_text("Ann Archer week 3: corrected typo")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingViewScreen)
    fix = Correction.get()
    assert (fix.kind, fix.field, fix.new_value) == (
        "note",
        "text",
        "Ann Archer week 3: corrected typo",
    )
    assert Note.get(Note.text == "Ann Archer week 3: corrected typo")


async def test_search_all_from_home(make_app):
    fill_team()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.focused is app.screen.query_one(Input)
        await type_text(pilot, "territory")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1


async def test_a_database_that_fails_a_history_read_is_a_notice(make_app, monkeypatch):
    """The read runs in a worker: a fault there is said on screen, the app goes on."""
    import peewee

    from oneonone_tui.ui.screens import history as history_screen

    fill_team()

    def refused(rep_id):
        raise peewee.OperationalError("database is locked")

    monkeypatch.setattr(history_screen, "meetings", refused)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await select_rep(pilot, "Ann Archer")
        await pilot.press("h")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.is_running
        messages = [str(n.message) for n in app._notifications]
        assert any("Cannot read the history: database is locked" in m for m in messages)
