"""Edit an agenda in $VISUAL/$EDITOR, or start a new one from a copy; errors in a panel."""

from __future__ import annotations

import subprocess

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from oneonone_tui.templates.agendas import AgendaEntry, discover_agendas, find_agenda
from oneonone_tui.templates.editing import (
    AgendaFileError,
    check_new_name,
    copy_agenda,
    editable_path,
    editor_command,
)
from oneonone_tui.ui.dialogs import ChoiceScreen, Dialog, PromptScreen
from oneonone_tui.ui.markup import escape
from oneonone_tui.ui.messages import AgendasChanged

MAX_SHOWN = 30


class AgendaErrorsScreen(Dialog):
    """What is wrong with a template, line by line, until it is fixed."""

    BINDINGS = [
        Binding("e", "edit_again", "Edit again", id="agenda_errors.edit"),
        Binding("escape", "cancel", "Close", id="agenda_errors.close"),
    ]

    def __init__(self, entry: AgendaEntry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        problems = self.entry.problems
        with Vertical(classes="dialog", id="agenda-errors"):
            yield Static(
                f"Agenda {escape(self.entry.slug)} has {len(problems)} "
                f"problem{'s' if len(problems) != 1 else ''}",
                classes="dialog-title",
            )
            yield Static(
                "It is not offered for meetings until it is fixed; meetings "
                "already run keep their own copy.",
                classes="dialog-body",
            )
            with VerticalScroll(id="agenda-error-lines"):
                lines = [str(p) for p in problems[:MAX_SHOWN]]
                if len(problems) > MAX_SHOWN:
                    lines.append(f"... and {len(problems) - MAX_SHOWN} more")
                yield Static(Text("\n".join(lines)), id="agenda-error-text")
            yield Static(
                "[b reverse] e [/] edit again  [b reverse] esc [/] close (keep it broken for now)",
                classes="choice",
            )

    def action_edit_again(self) -> None:
        self.dismiss("edit")


def reload_agendas(app: App) -> None:
    """Read the templates again (after an edit) and tell the screens that show them."""
    app.agendas = discover_agendas(app.agendas_dir)
    for screen in app.screen_stack:
        screen.post_message(AgendasChanged())


def edit_agenda(app: App, slug: str) -> None:
    """Open the template in the user's editor (the app is suspended meanwhile), then
    validate it: errors stay in a panel until the file is fixed."""
    entry = find_agenda(app.agendas, slug)
    if entry is None:
        app.notify(f"No agenda {slug!r} any more.", severity="error", markup=False)
        return
    try:
        command = editor_command()
        path = editable_path(entry, app.agendas_dir) if app.agendas_dir else entry.path
    except AgendaFileError as exc:
        app.notify(str(exc), severity="error", markup=False)
        return
    if command is None:
        app.notify(
            f"Set $VISUAL or $EDITOR (for example: export EDITOR=nano) to edit "
            f"agendas from here; the template is {path}",
            title="No editor",
            severity="warning",
            timeout=15,
            markup=False,
        )
        return
    if not _run_editor(app, [*command, str(path)]):
        return
    reload_agendas(app)
    _report(app, path.stem)


def _run_editor(app: App, argv: list[str]) -> bool:
    """Run the editor in the terminal the app stands in; False (and said why) if it can't."""
    from textual.app import SuspendNotSupported

    try:
        if app.is_headless:  # tests: a scripted editor, nothing to hand the terminal to
            result = subprocess.run(argv, check=False)
        else:
            with app.suspend():
                result = subprocess.run(argv, check=False)
    except SuspendNotSupported:
        app.notify(
            "This terminal can't hand itself to an editor (in a browser, say); edit "
            f"{argv[-1]} elsewhere and check it with: oneonone agenda check",
            severity="warning",
            timeout=15,
            markup=False,
        )
        return False
    except OSError as exc:
        app.notify(
            f"Could not start the editor {argv[0]!r}: {exc.strerror or exc}. Check "
            "$VISUAL / $EDITOR.",
            severity="error",
            timeout=15,
            markup=False,
        )
        return False
    if result.returncode != 0:
        app.notify(
            f"The editor exited with status {result.returncode}; checking the file anyway.",
            severity="warning",
            markup=False,
        )
    app.refresh(layout=True)
    return True


def _report(app: App, slug: str) -> None:
    entry = find_agenda(app.agendas, slug)
    if entry is None:
        app.notify(
            f"{slug}.yaml is gone, so it is no longer offered.", severity="warning", markup=False
        )
        return
    if entry.ok:
        from oneonone_tui.domain.text import minutes_label

        agenda = entry.agenda
        app.notify(
            f"{agenda.name}: {len(agenda.sections)} sections, "
            f"{minutes_label(agenda.total_seconds)} min.",
            title="Agenda is valid",
            markup=False,
        )
        return

    def closed(choice: str | None) -> None:
        if choice == "edit":
            app.call_later(edit_agenda, app, slug)

    app.push_screen(AgendaErrorsScreen(entry), closed)


def new_agenda(app: App) -> None:
    """Pick an agenda to copy, name the new one; it opens in the editor at once."""
    sources = [e for e in app.agendas if e.ok][:9]
    if not sources:
        app.notify(
            "No valid agenda to copy: fix one first (oneonone agenda check).", severity="error"
        )
        return
    if app.agendas_dir is None:
        app.notify(
            "No agendas folder to write to: start oneonone with --agendas DIR.", severity="error"
        )
        return
    choices = [
        (str(i), e.slug, escape(f"{e.agenda.name} ({e.slug})"))
        for i, e in enumerate(sources, start=1)
    ]

    def picked(slug: str | None) -> None:
        if slug is None:
            return
        source = find_agenda(app.agendas, slug)

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = copy_agenda(source, name, app.agendas_dir, app.agendas)
            except AgendaFileError as exc:
                app.notify(str(exc), severity="error", markup=False)
                return
            reload_agendas(app)
            app.notify(f"Created {path}", title="New agenda", markup=False)
            if editor_command() is not None:
                app.call_later(edit_agenda, app, path.stem)

        app.push_screen(
            PromptScreen(
                "New agenda",
                f"A copy of {escape(source.agenda.name)}, under a new name "
                "(it also names the file):",
                placeholder="Quarterly review",
                validate=lambda value: check_new_name(value, app.agendas),
            ),
            named,
        )

    app.push_screen(ChoiceScreen("New agenda", "Start from a copy of:", choices), picked)
