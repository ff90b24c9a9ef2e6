"""Small modal screens: add a rep, pick an agenda, resume, quit, prompts, help."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from oneonone_tui.domain.cadence import CadenceError, parse_cadence
from oneonone_tui.domain.text import minutes_label
from oneonone_tui.services.team import MeetingState, add_rep
from oneonone_tui.store.errors import QueryError
from oneonone_tui.templates.agendas import AgendaEntry
from oneonone_tui.ui.keys import key_of, short_key
from oneonone_tui.ui.markup import escape


class TooSmallScreen(ModalScreen[None]):
    """Shown while the terminal is smaller than the app can draw."""

    def compose(self) -> ComposeResult:
        yield Static("Window too small\nfor oneonone.\nMake it at least 40x12.", id="too-small")


class Dialog(ModalScreen):
    """A centred box; Esc closes it with ``None``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(Dialog):
    """A question with one key per answer: ``choices`` maps key -> (value, label)."""

    def __init__(self, title: str, body: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._title, self._body, self._choices = title, body, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(self._body, classes="dialog-body")
            for key, _value, label in self._choices:
                yield Static(f"[b reverse] {escape(key)} [/] {label}", classes="choice")
            yield Static("[b reverse] esc [/] cancel", classes="choice")

    def on_key(self, event) -> None:
        for key, value, _label in self._choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return


class ResumeScreen(ChoiceScreen):
    def __init__(self, state: MeetingState) -> None:
        where = {"review": "reviewing last time's commitments", "summary": "on the summary"}.get(
            state.phase, f"section {state.current_section + 1} of {len(state.sections)}"
        )
        body = (
            f"{escape(state.rep_name)} has a meeting in progress: "
            f"{escape(state.agenda.name)}, started "
            f"{state.started_at:%a %d %b %H:%M}, {where}.\n"
            "It is kept until you finish it on its summary."
        )
        super().__init__(
            "Meeting in progress",
            body,
            [
                ("r", "resume", "Resume where it stood"),
                ("s", "summary", "Go to its summary to finish it"),
            ],
        )


class QuitMeetingScreen(ChoiceScreen):
    def __init__(self, rep_name: str) -> None:
        super().__init__(
            "Leave the meeting?",
            f"The meeting with {escape(rep_name)} is not finished. Nothing is discarded.",
            [
                ("p", "pause", "Pause and quit: resume later with the timer where it stood"),
                ("s", "summary", "Go to the summary to finish the meeting"),
            ],
        )


class PromptScreen(Dialog):
    """One line of input, checked by ``validate`` (returns an error message or None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(
        self,
        title: str,
        body: str,
        *,
        placeholder: str = "",
        value: str = "",
        validate: Callable[[str], str | None] | None = None,
        required: bool = False,
    ) -> None:
        super().__init__()
        self._title, self._body = title, body
        self._placeholder, self._value = placeholder, value
        self._validate, self._required = validate, required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(self._body, classes="dialog-body")
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")
            yield Label("", id="prompt-error", classes="field-error")
            yield Static("[b reverse] enter [/] ok  [b reverse] esc [/] cancel", classes="choice")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        error = None
        if self._required and not value:
            error = "This can't be empty."
        elif self._validate is not None:
            error = self._validate(value)
        if error:
            self.query_one("#prompt-error", Label).update(Text(error))
            return
        self.dismiss(value)


class AddRepScreen(Dialog):
    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Add a rep", classes="dialog-title")
            yield Label("Name")
            yield Input(placeholder="Dana Scully", id="rep-name")
            yield Label("", id="rep-name-error", classes="field-error")
            yield Label("Cadence")
            yield Input(
                value="weekly",
                placeholder="weekly, biweekly, monthly, every 10 days",
                id="rep-cadence",
            )
            yield Label("", id="rep-cadence-error", classes="field-error")
            yield Static(
                "[b reverse] enter [/] add  [b reverse] tab [/] next field  "
                "[b reverse] esc [/] cancel",
                classes="choice",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#rep-name", Input)
        cadence = self.query_one("#rep-cadence", Input)
        name_error = self.query_one("#rep-name-error", Label)
        cadence_error = self.query_one("#rep-cadence-error", Label)
        name_error.update("")
        cadence_error.update("")
        if event.input is name and not cadence.value.strip():
            cadence.focus()
            return
        if not name.value.strip():
            name_error.update("Type the rep's name.")
            name.focus()
            return
        try:
            parse_cadence(cadence.value)
        except CadenceError as exc:
            cadence_error.update(Text(str(exc)))
            cadence.focus()
            return
        try:
            rep = add_rep(name.value, cadence.value, now=self.app.clock.now())
        except QueryError as exc:
            name_error.update(Text(str(exc)))
            name.focus()
            return
        self.dismiss(rep.name)


class AgendaPickerScreen(Dialog):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="agenda_picker.cancel")]

    def __init__(self, entries: list[AgendaEntry], default: str, rep_name: str) -> None:
        super().__init__()
        self._entries, self._default, self._rep_name = entries, default, rep_name

    def compose(self) -> ComposeResult:
        options = []
        for e in self._entries:
            if e.ok:
                a = e.agenda
                options.append(
                    Option(
                        f"{escape(a.name)}  [dim]{escape(a.type)} · "
                        f"{minutes_label(a.total_seconds)} min · "
                        f"{len(a.sections)} sections[/]",
                        id=e.slug,
                    )
                )
            else:
                options.append(
                    Option(
                        f"[dim]{escape(e.slug)}: broken: {escape(e.first_error or '')}[/]",
                        id=e.slug,
                        disabled=True,
                    )
                )
        with Vertical(classes="dialog wide"):
            yield Static(f"One-on-one with {escape(self._rep_name)}", classes="dialog-title")
            yield Static("Pick the agenda (↑↓) and press Enter to start.", classes="dialog-body")
            yield OptionList(*options, id="agenda-options")
            yield Static(
                "[b reverse] enter [/] start  [b reverse] esc [/] cancel", classes="choice"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        try:
            options.highlighted = options.get_option_index(self._default)
        except Exception:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen underneath, and the app's own."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        lines = [
            f"[b]Keys on this screen ({escape(type(self._under).__name__[:-6] or 'app')})[/b]",
            "",
        ]
        for binding in getattr(type(self._under), "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                lines.append(
                    f"  [b]{escape(_pretty_keys(self._key(binding))):<18}[/b] "
                    f"{escape(binding.description)}"
                )
        lines += [
            "",
            "[b]Everywhere[/b]",
            "",
            f"  [b]{short_key(self, 'app.help'):<18}[/b] this help",
            f"  [b]{'ctrl+p':<18}[/b] command palette",
            f"  [b]{key_of(self, 'app.quit'):<18}[/b] quit (asks first during a meeting)",
            "",
            "Esc closes this help.",
        ]
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static("\n".join(lines))

    def _key(self, binding: Binding) -> str:
        """The binding's keys as the manager has them (remapped in config.yaml or not)."""
        remapped: dict[str, str] = getattr(self.app, "keymap", {})
        return remapped.get(binding.id, binding.key) if binding.id else binding.key

    def action_close(self) -> None:
        self.dismiss(None)


def _pretty_keys(keys: str) -> str:
    return " / ".join(k.replace("ctrl+", "^").replace("escape", "esc") for k in keys.split(","))


class TargetScreen(Dialog):
    """A new target and the reason for it: the goalposts never move silently."""

    def __init__(self, metric, current: float) -> None:
        super().__init__()
        self.metric, self.current = metric, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Change the target: {escape(self.metric.label)}", classes="dialog-title")
            yield Static(
                f"Now {self.metric.format(self.current)} per {self.metric.period}.",
                classes="dialog-body",
            )
            yield Label("New target")
            yield Input(id="target-value", placeholder=f"{self.current:g}")
            yield Label("Why (kept with the date)")
            yield Input(id="target-reason", placeholder="new territory with twice the accounts")
            yield Label("", id="target-error", classes="field-error")
            yield Static("[b reverse] enter [/] save  [b reverse] esc [/] cancel", classes="choice")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from oneonone_tui.domain.metrics import parse_number

        event.stop()
        error = self.query_one("#target-error", Label)
        value_input = self.query_one("#target-value", Input)
        reason_input = self.query_one("#target-reason", Input)
        if event.input is value_input and not reason_input.value.strip():
            self.set_focus(reason_input)
            return
        try:
            value = parse_number(value_input.value)
        except ValueError as exc:
            error.update(Text(str(exc)))
            self.set_focus(value_input)
            return
        if not reason_input.value.strip():
            error.update("Say why the target changes: it is kept with the date.")
            self.set_focus(reason_input)
            return
        self.dismiss((value, reason_input.value.strip()))


class FormScreen(Dialog):
    """A few labelled one-line fields; ``check`` returns {field id: error} for bad input.
    Enter moves to the next field, then saves; Esc cancels. Dismisses with the values."""

    def __init__(
        self,
        title: str,
        fields: list[tuple[str, str, str]],
        check: Callable[[dict[str, str]], dict[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self._title, self._fields, self._check = title, fields, check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self._title, classes="dialog-title")
            for field_id, label, placeholder in self._fields:
                yield Label(label)
                yield Input(placeholder=placeholder, id=f"f-{field_id}", select_on_focus=False)
                yield Label("", id=f"e-{field_id}", classes="field-error")
            yield Static(
                "[b reverse] enter [/] next / save  [b reverse] esc [/] cancel", classes="choice"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = [self.query_one(f"#f-{f}", Input) for f, _l, _p in self._fields]
        position = inputs.index(event.input)
        if position < len(inputs) - 1:
            self.set_focus(inputs[position + 1])
            return
        values = {f: i.value.strip() for (f, _l, _p), i in zip(self._fields, inputs, strict=True)}
        errors = self._check(values) if self._check else {}
        for field_id, _label, _p in self._fields:
            self.query_one(f"#e-{field_id}", Label).update(Text(errors.get(field_id, "")))
        if errors:
            first = next(f for f, _l, _p in self._fields if f in errors)
            self.set_focus(self.query_one(f"#f-{first}", Input))
            return
        self.dismiss(values)
