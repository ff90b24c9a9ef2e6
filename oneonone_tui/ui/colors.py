"""Theme colours for Rich renderables (DataTable cells, Text) that cannot use $variables."""

from __future__ import annotations

from textual.app import App
from textual.color import Color, ColorParseError

_FALLBACK = {
    "error": "red",
    "warning": "yellow",
    "success": "green",
    "accent": "cyan",
    "primary": "blue",
    "foreground": "white",
    "background": "black",
}


def _rich_color(color: Color) -> str:
    """A Rich colour string: hex, or for the terminal's own 16 colours (the ``ansi-*``
    themes) Rich's name for it (``red``, ``bright_blue``, ``default``), which Rich can
    parse where Textual's ``ansi_red`` fails and loses the whole style."""
    if color.ansi is not None:
        return color.hex.removeprefix("ansi_")
    return color.hex


def theme_colors(app: App) -> dict[str, str]:
    """The current theme's named colours as Rich colour strings, plus ``text-muted``."""
    variables = app.get_css_variables()
    colors: dict[str, str] = {}
    ansi = False
    for name, fallback in _FALLBACK.items():
        try:
            color = Color.parse(variables.get(name, fallback))
        except ColorParseError:
            colors[name] = fallback
        else:
            ansi = ansi or color.ansi is not None
            colors[name] = _rich_color(color)
    if ansi:
        # the terminal's colours cannot be blended: muted is the terminal's dim text,
        # as Textual's own $text-muted is in these themes (never dark grey on black)
        colors["text-muted"] = "dim"
        return colors
    try:
        muted = Color.parse(colors["background"]).blend(Color.parse(colors["foreground"]), 0.6)
        colors["text-muted"] = muted.hex
    except ColorParseError:
        colors["text-muted"] = "bright_black"
    return colors
