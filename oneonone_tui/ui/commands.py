"""The command palette (ctrl+p): every action of the current screen, plus the team."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from oneonone_tui.services.team import find_rep_by_id, last_meeting_id, list_reps
from oneonone_tui.ui.keys import key_of
from oneonone_tui.ui.markup import escape  # the palette reads titles as markup


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """One palette entry per described binding of ``screen`` (what its footer offers)."""
    seen = set()
    for binding in getattr(type(screen), "BINDINGS", []):
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if binding.action in seen:
            continue
        seen.add(binding.action)
        if "." not in binding.action and not screen.check_action(binding.action, ()):
            continue  # not available here (the read-only team view, say)
        key = key_of(screen, binding.id) if binding.id else binding.key.split(",")[0]
        yield SystemCommand(
            binding.description,
            f"{escape(key)} · on this screen",
            partial(screen.run_action, binding.action),
        )


def team_commands(app) -> Iterable[SystemCommand]:
    """Start a meeting with, or open the history of, any rep of the team."""

    home = _home(app)
    if home is None:
        return
    for rep in list_reps():
        if not app.read_only:
            yield SystemCommand(
                f"Start meeting with {escape(rep.name)}",
                "resume or start a one-on-one",
                partial(_on_home, app, home, "open_meeting", rep.id),
            )
        team = f" ({escape(rep.manager)}'s team)" if app.read_only else ""
        yield SystemCommand(
            f"Open history of {escape(rep.name)}{team}",
            "meetings, search, corrections",
            partial(_on_home, app, home, "open_history", rep.id),
        )


def agenda_commands(app) -> Iterable[SystemCommand]:
    """Edit any agenda template in $EDITOR, start a new one, export the last meeting."""
    from oneonone_tui.ui.screens import agenda_edit

    home = _home(app)
    if home is None:
        return
    for entry in app.agendas:
        name = entry.agenda.name if entry.agenda is not None else entry.slug
        state = "in $VISUAL / $EDITOR" if entry.ok else "BROKEN: fix it in $EDITOR"
        yield SystemCommand(
            f"Edit agenda {escape(name)}",
            f"{escape(entry.path.name)} · {state}",
            partial(agenda_edit.edit_agenda, app, entry.slug),
        )
    yield SystemCommand(
        "New agenda",
        "a copy of an existing agenda under a new name",
        partial(agenda_edit.new_agenda, app),
    )
    rep_id = getattr(app.screen, "rep_id", None)
    if rep_id is None and app.screen is home:
        rep_id = home.selected_rep_id()
    if rep_id is not None:
        rep = find_rep_by_id(rep_id)
        mid = last_meeting_id(rep_id)
        if mid is not None:
            from oneonone_tui.ui.screens.history import export_meeting

            yield SystemCommand(
                f"Export last meeting with {escape(rep.name)}",
                "Markdown for the rep, private notes left out",
                partial(export_meeting, app.screen, mid),
            )


def _home(app):
    """The home screen, when no meeting is on the stack (palette extras are for outside
    meetings: a meeting's own actions are its screen's)."""
    from oneonone_tui.ui.screens.home import HomeScreen

    home = next((s for s in app.screen_stack if isinstance(s, HomeScreen)), None)
    if home is None or any(hasattr(s, "session") for s in app.screen_stack):
        return None
    return home


def _on_home(app, home, method: str, rep_id: int) -> None:
    while app.screen is not home:
        app.pop_screen()
    getattr(home, method)(rep_id)
