"""Names are data, never markup: a rep named with brackets is shown as typed, everywhere."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Static

from oneonone_tui.store.reps import add_rep
from oneonone_tui.ui.screens.meeting.commitment_form import CommitmentForm
from oneonone_tui.ui.screens.meeting.sections import MeetingScreen

from ..helpers import NOW, type_text

BRACKETS = "Jo (on leave) [/sales]"


async def test_a_name_with_brackets_in_the_palette_and_the_commitment_form(make_app):
    add_rep(BRACKETS, now=NOW)
    add_rep("Dana [EMEA]", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Start meeting with Jo")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        shown = [str(option.prompt) for option in app.screen.query_one("CommandList").options]
        assert any(f"Start meeting with {BRACKETS}" in text for text in shown), shown
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter", "enter")  # the first rep (Dana [EMEA]), the weekly agenda
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentForm)
        owner = str(app.screen.query_one("#c-owner", Static).render())
        assert "Rep: Dana [EMEA]" in owner
