"""config.yaml: keys remapped by binding id, the theme; a bad file never stops the app."""

from __future__ import annotations

from textual.widgets import TextArea

from oneonone_tui.store import queries
from oneonone_tui.templates.config import load_config, remembered_theme
from oneonone_tui.ui.app import binding_ids
from oneonone_tui.ui.screens.meeting import MeetingScreen

from ..helpers import NOW, type_text


def test_every_binding_has_an_id_and_the_config_names_them(tmp_path, monkeypatch):
    ids = binding_ids()
    assert {"meeting.next", "meeting.commitment", "review.done", "summary.confirm"} <= ids
    bad = tmp_path / "config.yaml"
    bad.write_text("theme: 42\nkeys:\n  meeting.nxet: f8\n  meeting.next: '!!'\n")
    monkeypatch.setenv("ONEONONE_CONFIG", str(bad))
    problems = [str(p) for p in load_config(ids).problems]
    assert problems == [
        f"{bad}:1:8: error: theme must be a theme name, got 42",
        f"{bad}:3:3: error: keys: unknown binding id 'meeting.nxet' (did you mean 'meeting.next'?)",
        f"{bad}:4:17: error: keys.meeting.next must be keys like 'ctrl+right' or 'f3', got '!!'",
    ]


async def test_remapped_key_and_theme(make_app, tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("theme: nord\nkeys:\n  meeting.next: f8\n")
    monkeypatch.setenv("ONEONONE_CONFIG", str(config))
    queries.add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "nord"
        await pilot.press("enter", "enter")
        await pilot.pause()
        await type_text(pilot, "one")
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.session.timer.current == 1
        app.theme = "gruvbox"
        await pilot.pause()
    assert remembered_theme() == "gruvbox"


async def test_bad_config_starts_with_defaults_and_says_so(make_app, tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("keys: [oops\n")
    monkeypatch.setenv("ONEONONE_CONFIG", str(config))
    queries.add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("config.yaml has problems" in str(n.title) for n in app._notifications)
        assert any(f"{config}:" in m for m in messages)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
