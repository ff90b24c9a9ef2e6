"""The same screens in the default theme and in ``ansi-dark`` (the terminal's own 16
colours), chosen the way a manager chooses one: ``theme:`` in config.yaml.

Both must be readable: look at a regenerated SVG (as a PNG) before accepting it.
"""

from __future__ import annotations

import pytest

from .helpers import into_sections, make_team, snap

SIZE = (110, 32)
MEETING_SIZE = (130, 36)  # wide: the section list shows its titles, upcoming ones muted
THEMES = ["default", "ansi-dark"]


@pytest.fixture(params=THEMES)
def theme(request, tmp_path, monkeypatch) -> str:
    """The theme under test, set in the manager's config.yaml (none for the default)."""
    if request.param != "default":
        config = tmp_path / "config.yaml"
        config.write_text(f"theme: {request.param}\n", encoding="utf-8")
        monkeypatch.setenv("ONEONONE_CONFIG", str(config))
    else:
        monkeypatch.delenv("ONEONONE_CONFIG", raising=False)
    return request.param


@pytest.fixture
def team(store):
    make_team()


def in_theme(app, theme: str) -> None:
    """The snapshot showed the theme it is named after."""
    from textual import constants

    assert app.theme == (constants.DEFAULT_THEME if theme == "default" else theme)


def test_home(snap_compare, make_app, team, theme):
    app = make_app()
    assert snap(snap_compare, app, terminal_size=SIZE)
    in_theme(app, theme)


def test_meeting_with_notes_and_a_commitment(snap_compare, make_app, team, clock, theme):
    app = make_app()
    assert snap(snap_compare, app, terminal_size=MEETING_SIZE, run_before=into_sections(clock, 90))
    in_theme(app, theme)
