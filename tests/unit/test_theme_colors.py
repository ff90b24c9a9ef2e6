"""The theme colours handed to Rich (table cells, Text) parse in every Textual theme.

In the ``ansi-*`` themes Textual names colours ``ansi_red`` / ``ansi_default``, which Rich
cannot parse: a table cell silently lost its whole style and the meeting's section list
crashed the app with ``MissingStyle: 'ansi_default'``.
"""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App

from oneonone_tui.ui.colors import theme_colors

THEMES = sorted(App().available_themes)


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_colour_is_a_rich_style(theme):
    app = App()
    app.theme = theme
    colors = theme_colors(app)
    assert set(colors) >= {
        "error",
        "warning",
        "success",
        "accent",
        "primary",
        "foreground",
        "background",
        "text-muted",
    }
    for name, value in colors.items():
        Style.parse(value)  # raises on a colour Rich does not know
        Style.parse(f"bold {value}")  # how the screens combine them
        assert value, name


def test_ansi_themes_use_the_terminal_colours_and_dim_for_muted():
    app = App()
    app.theme = "ansi-dark"
    colors = theme_colors(app)
    assert colors["error"] == "red" and colors["foreground"] == "default"
    assert colors["text-muted"] == "dim"  # as Textual's own $text-muted renders there
