"""config.yaml: keys remapped by binding id, the theme; a bad file never stops the app."""

from __future__ import annotations

from textual.widgets import TextArea

from oneonone_tui.store.reps import add_rep
from oneonone_tui.templates.config import load_config, remembered_theme
from oneonone_tui.ui.app import binding_ids
from oneonone_tui.ui.screens.meeting.sections import MeetingScreen

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
    add_rep("Ann", now=NOW)
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
    assert remembered_theme("nord") == "gruvbox"  # picked over config.yaml's nord


async def test_bad_config_starts_with_defaults_and_says_so(make_app, tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("keys: [oops\n")
    monkeypatch.setenv("ONEONONE_CONFIG", str(config))
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("config.yaml has problems" in str(n.title) for n in app._notifications)
        assert any(f"{config}:" in m for m in messages)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)


async def test_hints_name_the_remapped_keys(make_app, tmp_path, monkeypatch):
    """Every hint reads its key from the keymap: after a remap it names the new key."""
    from textual.widgets import Static

    from oneonone_tui.ui.screens.meeting.summary import SummaryScreen

    config = tmp_path / "config.yaml"
    config.write_text(
        "keys:\n  meeting.commitment: f3\n  meeting.private: f4\n  meeting.finish: f5\n"
        "  summary.commitment: f7\n  app.help: f12\n"
    )
    monkeypatch.setenv("ONEONONE_CONFIG", str(config))
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        help_line = str(app.screen.query_one("#commitments-help", Static).render())
        assert help_line.startswith("F3 add") and "^O" not in help_line
        note_label = str(app.screen.query_one("#note-label", Static).render())
        assert "(F4 makes them private)" in note_label
        await pilot.press("f5")  # finish: the summary, with no commitment yet
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        problems = str(app.screen.query_one("#summary-problems", Static).render())
        assert problems.endswith("so far): add 1 with f7") and "ctrl+o" not in problems
        await pilot.press("f12")
        await pilot.pause()
        shown = str(app.screen.query_one(Static).render())
        assert "f7" in shown and "Add commitment" in shown and "ctrl+o" not in shown
        assert "F12" in shown and "this help" in shown


def test_config_keys_that_cannot_work_are_refused(tmp_path, monkeypatch):
    """A key bound to two actions of one screen (or to an action and one of the app's
    keys), a binding id set twice, or a key that is not a name: each a FILE:LINE:COL line,
    never a traceback."""
    from oneonone_tui.ui.app import default_keys

    bad = tmp_path / "config.yaml"
    bad.write_text(
        "keys:\n"
        "  ? [a, b]\n"
        "  : f3\n"
        "  app.help: ctrl+q\n"
        "  meeting.next: ctrl+b\n"
        "  summary.export: f6\n"
        "  summary.export: f7\n"
    )
    monkeypatch.setenv("ONEONONE_CONFIG", str(bad))
    problems = [str(p) for p in load_config(default_keys).problems]
    assert problems == [
        f"{bad}:2:5: error: keys: a binding id is a name, got a list",
        f"{bad}:4:3: error: keys.app.help: ctrl+q is also the key of app.quit; one key does "
        "one thing (line 4: pick another key, or move app.quit too)",
        f"{bad}:5:3: error: keys.meeting.next: ctrl+b is also the key of meeting.previous; "
        "one key does one thing (line 5: pick another key, or move meeting.previous too)",
        f"{bad}:7:3: error: keys: 'summary.export' is already set on line 6",
    ]
    good = tmp_path / "good.yaml"
    good.write_text("keys:\n  meeting.next: ctrl+b\n  meeting.previous: ctrl+n\n")
    monkeypatch.setenv("ONEONONE_CONFIG", str(good))
    assert load_config(default_keys).problems == []  # two keys of one screen swapped


async def test_config_theme_is_not_a_pick_and_a_later_edit_wins(make_app, tmp_path, monkeypatch):
    """config.yaml's theme is applied, not remembered as if picked; a theme picked in the
    app is kept until config.yaml's theme is changed, which then wins."""
    config = tmp_path / "config.yaml"
    config.write_text("theme: nord\n")
    monkeypatch.setenv("ONEONONE_CONFIG", str(config))
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    assert remembered_theme("nord") is None  # nothing was picked
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "gruvbox"  # picked in the palette
        await pilot.pause()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"  # the pick is kept
    config.write_text("theme: dracula\n")  # edited later
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "dracula"
