"""The baseline for keystroke latency: a bare Textual app with one focused TextArea,
configured as the meeting's notes are (soft wrap, no line numbers)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import TextArea

READY = "bare textarea ready"


class BareTextArea(App[None]):
    def compose(self) -> ComposeResult:
        area = TextArea(id="notes", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        area.border_title = READY
        yield area

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    BareTextArea().run()
