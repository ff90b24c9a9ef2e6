"""The baseline for start-up and memory: a bare Textual app, one Static and one Footer."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

READY = "bare textual static ready"


class BareStatic(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(READY)
        yield Footer()


if __name__ == "__main__":
    BareStatic().run()
