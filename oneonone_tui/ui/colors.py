"""Theme colours for Rich renderables (DataTable cells, Text) that cannot use $variables."""

from __future__ import annotations

from textual.app import App
from textual.color import Color, ColorParseError

_FALLBACK = {"error": "red", "warning": "yellow", "success": "green", "accent": "cyan",
             "primary": "blue", "foreground": "white", "background": "black"}


def theme_colors(app: App) -> dict[str, str]:
    """The current theme's named colours as Rich colour strings, plus ``text-muted``."""
    variables = app.get_css_variables()
    colors: dict[str, str] = {}
    for name, fallback in _FALLBACK.items():
        try:
            colors[name] = Color.parse(variables.get(name, fallback)).hex
        except ColorParseError:
            colors[name] = fallback
    try:
        muted = Color.parse(colors["background"]).blend(Color.parse(colors["foreground"]), 0.6)
        colors["text-muted"] = muted.hex
    except ColorParseError:
        colors["text-muted"] = "bright_black"
    return colors
