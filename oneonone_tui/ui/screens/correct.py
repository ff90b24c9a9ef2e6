"""Correcting a completed meeting afterwards: a typo in a note, a due date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from oneonone_tui.domain.duedate import DueDateError, parse_due
from oneonone_tui.services.history import MeetingDetail, correct_commitment, correct_note
from oneonone_tui.store.errors import QueryError
from oneonone_tui.ui.dialogs import Dialog
from oneonone_tui.ui.keys import short_key
from oneonone_tui.ui.markup import escape


class CorrectScreen(Dialog):
    """Pick a note or a commitment; edit it; the change is recorded with its time."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save correction", id="correct.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="correct.cancel"),
    ]

    def __init__(self, detail: MeetingDetail) -> None:
        super().__init__()
        self.detail = detail
        self.choice: str | None = None

    def compose(self) -> ComposeResult:
        s = self.detail.state
        options = [Option(f"Note: {escape(run.title)}", id=f"note:{run.key}") for run in s.sections]
        options += [
            Option(f"Commitment ({c.owner}): {escape(c.text)} · due {c.due}", id=f"c:{c.id}")
            for c in self.detail.commitments
        ]
        with Vertical(classes="dialog wide", id="correct-dialog"):
            yield Static("Correct this meeting", classes="dialog-title")
            yield Static(
                "Pick what to fix (Enter). The old text is kept with the time of the correction.",
                classes="dialog-body",
            )
            yield OptionList(*options, id="correct-options")
            yield TextArea(id="correct-note", soft_wrap=True)
            yield Label("Commitment", id="correct-text-label")
            yield Input(id="correct-text", select_on_focus=False)
            yield Label("Due", id="correct-due-label")
            yield Input(id="correct-due", select_on_focus=False)
            yield Label("", id="correct-error", classes="field-error")
            yield Static(
                f"[b reverse] {short_key(self, 'correct.save')} [/] save  "
                "[b reverse] esc [/] cancel",
                classes="choice",
            )

    def on_mount(self) -> None:
        self._show_editor(None)
        self.query_one(OptionList).focus()

    def _show_editor(self, kind: str | None) -> None:
        self.query_one("#correct-note").display = kind == "note"
        for wid in ("#correct-text-label", "#correct-text", "#correct-due-label", "#correct-due"):
            self.query_one(wid).display = kind == "c"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choice = event.option.id
        kind, _, target = self.choice.partition(":")
        self._show_editor(kind)
        if kind == "note":
            note = self.detail.state.notes.get(target)
            area = self.query_one("#correct-note", TextArea)
            area.load_text(note.text if note else "")
            area.focus()
        else:
            c = next(c for c in self.detail.commitments if str(c.id) == target)
            self.query_one("#correct-text", Input).value = c.text
            self.query_one("#correct-due", Input).value = c.due.isoformat()
            self.query_one("#correct-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self.choice is None:
            self.query_one("#correct-error", Label).update("Pick a note or a commitment first.")
            return
        kind, _, target = self.choice.partition(":")
        now = self.app.clock.now()
        try:
            if kind == "note":
                changed = correct_note(
                    self.detail.state.id,
                    target,
                    self.query_one("#correct-note", TextArea).text,
                    now,
                )
            else:
                text = self.query_one("#correct-text", Input).value
                raw_due = self.query_one("#correct-due", Input).value
                c = next(c for c in self.detail.commitments if str(c.id) == target)
                due = c.due
                if raw_due.strip() != c.due.isoformat():
                    due = parse_due(raw_due, self.app.clock.today())
                changed = correct_commitment(int(target), now, text=text, due=due)
        except (DueDateError, QueryError) as exc:
            self.query_one("#correct-error", Label).update(Text(str(exc)))
            return
        self.notify("Correction recorded" if changed else "Nothing changed")
        self.dismiss(bool(changed))
