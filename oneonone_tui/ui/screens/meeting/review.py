"""Step zero of every meeting: what both committed to last time, one verdict each."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from oneonone_tui.domain.duedate import HINT, DueDateError, describe_due, parse_due
from oneonone_tui.services.commitments import (
    ReviewItem,
    mark_review,
    review_items,
    unmark_review,
)
from oneonone_tui.services.session import MeetingSession
from oneonone_tui.store.errors import DATABASE_FAULTS
from oneonone_tui.ui.colors import theme_colors
from oneonone_tui.ui.keys import key_of
from oneonone_tui.ui.markup import escape
from oneonone_tui.ui.screens.meeting.flow import MeetingFlowScreen

VERDICT_LABELS = {
    "done": "✓ done",
    "missed": "✗ missed",
    "dropped": "– dropped",
    "carried": "↻ carried",
}


class ReviewScreen(MeetingFlowScreen):
    BINDINGS = [
        Binding("d", "mark('done')", "Done", id="review.done"),
        Binding("m", "mark('missed')", "Missed", id="review.missed"),
        Binding("x", "mark('dropped')", "Dropped", id="review.dropped"),
        Binding("c", "mark('carried')", "Carry fwd", id="review.carried"),
        Binding("u", "unmark", "Undo", id="review.undo"),
        Binding("ctrl+n", "continue", "Start sections", id="review.continue"),
        Binding("s", "skip", "Skip review", id="review.skip"),
        Binding("?", "app.help", "Help", id="review.help", show=False),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.items: list[ReviewItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review-body"):
            yield Static("", id="review-title")
            yield DataTable(id="review-table", cursor_type="row")
            yield Static("", id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"1:1 · {self.session.rep_name}"
        self.sub_title = f"{self.session.agenda.name} · review of last time"
        table = self.query_one(DataTable)
        for label, key in (
            ("#", "n"),
            ("Owner", "owner"),
            ("Commitment", "text"),
            ("Due", "due"),
            ("Made", "made"),
            ("Verdict", "verdict"),
        ):
            table.add_column(label, key=key)
        self.reload()
        # resumed mid-review: start on the first commitment still to review
        first = next((i for i, item in enumerate(self.items) if item.verdict is None), 0)
        self.query_one(DataTable).move_cursor(row=first)
        if not self.items:
            self.notify("Nothing open from last time: starting the first section.")
            self.call_after_refresh(self._go_on)
        self.ready = True

    def reload(self) -> None:
        self.items = review_items(self.session.id)
        today = self.app.clock.today()
        colors = theme_colors(self.app)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for n, item in enumerate(self.items, 1):
            c = item.commitment
            due = item.old_due or c.due
            late = due < today
            due_text = Text(
                describe_due(due, today), style=f"bold {colors['error']}" if late else ""
            )
            text = c.text + (f"  (carried ×{c.carry_count})" if c.carry_count else "")
            verdict = Text("· to review", style=colors["text-muted"])
            if item.verdict:
                verdict = Text(VERDICT_LABELS[item.verdict], style="bold")
                if item.verdict == "carried" and item.new_due:
                    verdict.append(f" to {item.new_due:%a %d %b}")
                elif item.reason:
                    verdict.append(f": {item.reason}")
            table.add_row(
                str(n),
                "Rep" if c.owner == "rep" else "Manager",
                Text(text),
                due_text,
                f"{c.made_on:%d %b}",
                verdict,
                key=str(c.id),
            )
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        table.focus()
        pending = self.pending
        self.query_one("#review-title", Static).update(
            f"[b]What we committed to last time[/b] · {len(self.items)} open · "
            f"{pending} still to review"
        )
        self.query_one("#review-status", Static).update(
            f"All looked at: [b]{key_of(self, 'review.continue')}[/b] starts the first section."
            if not pending
            else "[b]d[/b] done  [b]m[/b] missed  [b]x[/b] dropped (asks why)  "
            "[b]c[/b] carry forward (asks a new due date)  [b]u[/b] undo  "
            "[b]s[/b] skip the review"
        )

    @property
    def pending(self) -> int:
        return sum(1 for i in self.items if i.verdict is None)

    def _current(self) -> ReviewItem | None:
        table = self.query_one(DataTable)
        if not self.items:
            return None
        return self.items[table.cursor_row]

    def _advance_cursor(self) -> None:
        table = self.query_one(DataTable)
        for offset in range(1, len(self.items) + 1):
            idx = (table.cursor_row + offset) % len(self.items)
            if self.items[idx].verdict is None:
                table.move_cursor(row=idx)
                return

    def action_mark(self, verdict: str) -> None:
        from oneonone_tui.ui.dialogs import PromptScreen

        item = self._current()
        if item is None:
            return
        cid = item.commitment.id
        now = self.app.clock.now

        def apply(reason: str = "", new_due=None) -> None:
            try:
                mark_review(self.session.id, cid, verdict, now(), reason=reason, new_due=new_due)
            except DATABASE_FAULTS as exc:
                self.notify(
                    f"Not saved: the database refused the write ({escape(str(exc))}). "
                    "Mark it again in a moment.",
                    severity="error",
                    timeout=10,
                )
                return
            self.reload()
            self._advance_cursor()

        if verdict == "dropped":
            self.app.push_screen(
                PromptScreen(
                    "Drop this commitment",
                    f"[i]{escape(item.commitment.text)}[/i]\nWhy is it dropped? (a few words)",
                    placeholder="no longer relevant: the account went with a competitor",
                    required=True,
                ),
                lambda reason: reason and apply(reason=reason),
            )
        elif verdict == "carried":
            today = self.app.clock.today()
            next_meeting = self.session.next_meeting_date()

            def check(text: str) -> str | None:
                try:
                    parse_due(text, today, next_meeting)
                except DueDateError as exc:
                    return str(exc)
                return None

            self.app.push_screen(
                PromptScreen(
                    "Carry forward",
                    f"[i]{escape(item.commitment.text)}[/i]\nNew due date ({HINT})",
                    placeholder="next",
                    validate=check,
                ),
                lambda text: text and apply(new_due=parse_due(text, today, next_meeting)),
            )
        else:
            apply()

    def action_unmark(self) -> None:
        item = self._current()
        if item is not None and item.verdict is not None:
            unmark_review(self.session.id, item.commitment.id)
            self.reload()

    def action_continue(self) -> None:
        if self.pending:
            self.notify(
                f"{self.pending} commitment(s) not looked at yet: mark each "
                "(d/m/x/c) or press s to skip the review",
                severity="warning",
            )
            return
        self._go_on()

    def action_skip(self) -> None:
        from oneonone_tui.ui.dialogs import ChoiceScreen

        if not self.pending:
            self._go_on()
            return

        def chosen(value: str | None) -> None:
            if value == "skip":
                self.session.set_phase("sections", review_skipped=True)
                self._go_on()

        self.app.push_screen(
            ChoiceScreen(
                "Skip the review?",
                f"{self.pending} commitment(s) stay open, unreviewed, for the next meeting.",
                [("y", "skip", "Yes, skip it this time")],
            ),
            chosen,
        )

    def _go_on(self) -> None:
        self.app.switch_screen(self.app.navigator.sections(self.session))
