"""Editing agenda templates from the app: $EDITOR, the error panel, new agendas, palette."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Input

from oneonone_tui.store.reps import add_rep
from oneonone_tui.templates.agendas import discover_agendas, find_agenda, seed_user_agendas
from oneonone_tui.ui.screens import agenda_edit
from oneonone_tui.ui.screens.agenda_edit import AgendaErrorsScreen
from oneonone_tui.ui.screens.home import HomeScreen

from ..helpers import NOW, plain, type_text

# An "editor" the test controls: it replaces the file with the text in $NEXT_TEXT's file
# and records that it ran.
EDITOR = """
import os, sys
path = sys.argv[1]
with open(os.environ["EDITOR_LOG"], "a") as log:
    log.write(path + "\\n")
with open(os.environ["NEXT_TEXT"]) as src, open(path, "w") as dst:
    dst.write(src.read())
"""

BROKEN = """name: Weekly one-on-one
type: weekly
sections:
  - key: goal-status
    title: Where are we in relation to goal?
    minutes: -4
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    log, next_text = tmp_path / "editor.log", tmp_path / "next.yaml"
    log.write_text("")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("EDITOR_LOG", str(log))
    monkeypatch.setenv("NEXT_TEXT", str(next_text))

    class Editor:
        def will_write(self, text: str) -> None:
            next_text.write_text(text)

        @property
        def opened(self) -> list[str]:
            return log.read_text().splitlines()

    return Editor()


@pytest.fixture
def user_agendas(tmp_path: Path) -> Path:
    folder = tmp_path / "agendas"
    seed_user_agendas(folder)
    return folder


def _app(make_app, folder: Path):
    app = make_app(agendas_dir=folder)
    app.agendas = discover_agendas(folder)
    return app


async def test_a_broken_edit_shows_its_errors_until_fixed(make_app, user_agendas, editor):
    weekly = user_agendas / "weekly.yaml"
    good = weekly.read_text()
    add_rep("Dana Scully", now=NOW)
    app = _app(make_app, user_agendas)
    async with app.run_test(size=(120, 40)) as pilot:
        editor.will_write(BROKEN)
        agenda_edit.edit_agenda(app, "weekly")
        await pilot.pause()
        assert editor.opened == [str(weekly)]
        panel = app.screen
        assert isinstance(panel, AgendaErrorsScreen)
        lines = plain(panel.query_one("#agenda-error-text"))
        assert f"{weekly}:6:14: error:" in lines and "minutes" in lines
        assert not find_agenda(app.agendas, "weekly").ok  # not offered for meetings

        await pilot.press("escape")  # keep it broken for now: the home screen still says so
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert f"{weekly}:6:14: error:" in plain(home.query_one("#agenda-problems"))

        editor.will_write(BROKEN)  # edit again from the palette entry: still broken
        agenda_edit.edit_agenda(app, "weekly")
        await pilot.pause()
        assert isinstance(app.screen, AgendaErrorsScreen)
        editor.will_write(good)
        await pilot.press("e")  # edit again from the panel: fixed this time
        await pilot.pause()
        await pilot.pause()
        assert len(editor.opened) == 3
        assert app.screen is home
        assert find_agenda(app.agendas, "weekly").ok
        assert not home.query_one("#agenda-problems").display
        assert any("Agenda is valid" in str(n.title) for n in app._notifications)


async def test_editing_without_an_editor_says_how(make_app, user_agendas, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = _app(make_app, user_agendas)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda_edit.edit_agenda(app, "weekly")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        (note,) = list(app._notifications)
        assert "Set $VISUAL or $EDITOR" in note.message
        assert str(user_agendas / "weekly.yaml") in note.message


async def test_an_editor_that_is_not_installed_is_explained(make_app, user_agendas, monkeypatch):
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere --wait")
    before = (user_agendas / "weekly.yaml").read_bytes()
    app = _app(make_app, user_agendas)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda_edit.edit_agenda(app, "weekly")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any(
            "Could not start the editor 'no-such-editor-anywhere'" in n.message
            for n in app._notifications
        )
    assert (user_agendas / "weekly.yaml").read_bytes() == before


async def test_new_agenda_copies_one_under_a_new_name(make_app, user_agendas, editor):
    app = _app(make_app, user_agendas)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda_edit.new_agenda(app)
        await pilot.pause()
        slugs = [e.slug for e in app.agendas if e.ok]
        await pilot.press(str(slugs.index("weekly") + 1))
        await pilot.pause()
        await type_text(pilot, "Weekly one-on-one")  # taken: said so, nothing lost
        await pilot.press("enter")
        await pilot.pause()
        assert "already called" in plain(app.screen.query_one("#prompt-error"))
        field = app.screen.query_one(Input)
        assert field.value == "Weekly one-on-one"
        field.value = ""
        editor.will_write(
            (user_agendas / "weekly.yaml")
            .read_text()
            .replace("name: Weekly one-on-one", "name: Ramp-up weekly")
            .replace("minutes: 4", "minutes: 3", 1)
        )
        await type_text(pilot, "Ramp-up weekly")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        created = user_agendas / "ramp-up-weekly.yaml"
        assert editor.opened == [str(created)]  # opened in the editor at once
        entry = find_agenda(app.agendas, "ramp-up-weekly")
        assert entry.ok and entry.agenda.name == "Ramp-up weekly"
        assert entry.agenda.sections[0].minutes == 3
        assert find_agenda(app.agendas, "weekly").agenda.sections[0].minutes == 4


async def test_palette_offers_agendas_export_and_the_team(make_app, user_agendas):
    import datetime as dt

    from ..helpers import NOW, completed_meeting

    completed_meeting(
        "Dana Scully", NOW - dt.timedelta(days=7), [("rep", "Send the deck", NOW.date())]
    )
    app = _app(make_app, user_agendas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for expected in (
            "Start meeting with Dana Scully",
            "Open history of Dana Scully",
            "Edit agenda Weekly one-on-one",
            "New agenda",
            "Export last meeting with Dana Scully",
            "Add rep",
        ):
            assert expected in titles, expected
