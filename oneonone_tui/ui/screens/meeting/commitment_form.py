"""The commitment form: what, who (one key flips it), by when."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from oneonone_tui.domain.duedate import HINT, DueDateError, describe_due, parse_due
from oneonone_tui.services.commitments import CommitmentRow, add_commitment, update_commitment
from oneonone_tui.services.session import MeetingSession
from oneonone_tui.store.errors import DATABASE_FAULTS
from oneonone_tui.ui.dialogs import Dialog
from oneonone_tui.ui.keys import short_key
from oneonone_tui.ui.markup import escape


class CommitmentForm(Dialog):
    BINDINGS = [
        Binding("ctrl+o", "flip_owner", "Flip owner", id="commitment.flip_owner", priority=True),
        Binding("ctrl+s", "save", "Save", id="commitment.save", priority=True),
        Binding(
            "enter", "submit_field", "Next / save", id="commitment.enter", priority=True, show=False
        ),
        Binding("escape", "cancel", "Cancel", id="commitment.cancel"),
    ]

    def __init__(self, session: MeetingSession, commitment: CommitmentRow | None = None) -> None:
        super().__init__()
        self.session = session
        self.commitment = commitment
        self.owner = commitment.owner if commitment else "rep"

    def compose(self) -> ComposeResult:
        c = self.commitment
        with Vertical(classes="dialog wide", id="commitment-form"):
            yield Static("Edit commitment" if c else "New commitment", classes="dialog-title")
            yield Label("What will be done")
            yield Input(
                value=c.text if c else "",
                id="c-text",
                select_on_focus=False,
                placeholder="Send the revised proposal to Acme",
            )
            yield Label("", id="c-text-error", classes="field-error")
            with Horizontal(id="c-owner-row"):
                yield Label("Owner ", id="c-owner-label")
                yield Static("", id="c-owner")
                yield Static("  [dim]^O flips rep / manager[/dim]")
            yield Label("Due")
            yield Input(
                value=c.due.isoformat() if c else "",
                id="c-due",
                placeholder=HINT,
                select_on_focus=False,
            )
            yield Label("", id="c-due-hint", classes="field-hint")
            yield Label("", id="c-due-error", classes="field-error")
            yield Static(
                "[b reverse] enter [/] save  [b reverse] tab [/] next field  "
                f"[b reverse] {short_key(self, 'commitment.flip_owner')} [/] owner  "
                "[b reverse] esc [/] cancel",
                classes="choice",
            )

    def on_mount(self) -> None:
        self._show_owner()
        self.query_one("#c-text", Input).focus()

    def _show_owner(self) -> None:
        name = escape(self.session.rep_name)  # a name is data, never markup
        self.query_one("#c-owner", Static).update(
            f"[b reverse] Rep: {name} [/]   manager"
            if self.owner == "rep"
            else "rep   [b reverse] Manager (you) [/]"
        )

    def action_flip_owner(self) -> None:
        self.owner = "manager" if self.owner == "rep" else "rep"
        self._show_owner()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "c-due":
            hint = self.query_one("#c-due-hint", Label)
            text = event.value.strip()
            if not text:
                hint.update("")
                return
            try:
                due = parse_due(text, self.app.clock.today(), self.session.next_meeting_date())
            except DueDateError:
                hint.update("")
            else:
                hint.update(f"→ {due:%A %d %B %Y} ({describe_due(due, self.app.clock.today())})")
        else:
            self.query_one("#c-text-error", Label).update("")

    def action_submit_field(self) -> None:
        """Enter in the text moves to the due date, Enter elsewhere saves: after the keys
        already typed into the field have landed (Enter is a priority binding)."""
        focused = self.focused
        if focused is None:
            self._submit_field()
        else:
            focused.call_later(self._submit_field)

    def _submit_field(self) -> None:
        due = self.query_one("#c-due", Input)
        if self.focused is self.query_one("#c-text", Input) and not due.value.strip():
            self.set_focus(due)
            return
        self.action_save()

    def action_save(self) -> None:
        text_input = self.query_one("#c-text", Input)
        due_input = self.query_one("#c-due", Input)
        text_error = self.query_one("#c-text-error", Label)
        due_error = self.query_one("#c-due-error", Label)
        text_error.update("")
        due_error.update("")
        first_bad = None
        text = text_input.value.strip()
        if not text:
            text_error.update("Write what will be done: a commitment needs a text.")
            first_bad = text_input
        due = None
        try:
            due = parse_due(
                due_input.value, self.app.clock.today(), self.session.next_meeting_date()
            )
        except DueDateError as exc:
            due_error.update(Text(str(exc)))
            first_bad = first_bad or due_input
        if first_bad is not None:
            first_bad.focus()
            return
        try:
            if self.commitment is None:
                add_commitment(
                    self.session.id,
                    self.owner,
                    text,
                    due,
                    self.app.clock.now(),
                    self.session.section_key(),
                )
            else:
                update_commitment(self.commitment.id, self.owner, text, due)
        except DATABASE_FAULTS as exc:
            due_error.update(
                Text(
                    f"Not saved: the database refused the write ({exc}). "
                    "Your text is kept: press Enter to try again."
                )
            )
            return
        self.notify(
            f"Commitment added ({self.owner}), due {due:%a %d %b}"
            if self.commitment is None
            else "Commitment updated"
        )
        self.dismiss(True)
