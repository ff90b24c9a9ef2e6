"""Messages between the app and its screens (instead of looking up methods by name)."""

from __future__ import annotations

from textual.message import Message


class AgendasChanged(Message):
    """The agenda templates were read again (after an edit in $EDITOR or a new agenda):
    posted to every screen on the stack; those that show templates redraw."""
