"""The command palette (ctrl+p): every action of the current screen, plus the team."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..store import queries


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """One palette entry per described binding of ``screen`` (what its footer offers)."""
    seen = set()
    for binding in getattr(type(screen), "BINDINGS", []):
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if binding.action in seen:
            continue
        seen.add(binding.action)
        key = binding.key.split(",")[0]
        yield SystemCommand(binding.description, f"{key} · on this screen",
                            partial(screen.run_action, binding.action))


def team_commands(app) -> Iterable[SystemCommand]:
    """Start a meeting with, or open the history of, any rep of the team."""
    from .screens.home import HomeScreen

    home = next((s for s in app.screen_stack if isinstance(s, HomeScreen)), None)
    if home is None or any(hasattr(s, "session") for s in app.screen_stack):
        return
    for rep in queries.list_reps():
        yield SystemCommand(f"Start meeting with {rep.name}", "resume or start a one-on-one",
                            partial(_on_home, app, home, "open_meeting", rep.id))
        yield SystemCommand(f"Open history of {rep.name}", "meetings, search, corrections",
                            partial(_on_home, app, home, "open_history", rep.id))


def _on_home(app, home, method: str, rep_id: int) -> None:
    while app.screen is not home:
        app.pop_screen()
    getattr(home, method)(rep_id)
