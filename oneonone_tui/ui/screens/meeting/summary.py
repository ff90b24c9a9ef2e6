"""The required end of every meeting: what was agreed, confirmed by the manager."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from oneonone_tui.domain.timer import format_duration
from oneonone_tui.services.session import MeetingSession
from oneonone_tui.services.summary import (
    KIND_LABELS,
    Summary,
    coaching_changes,
    complete_meeting,
    meeting_calls,
    meeting_summary,
)
from oneonone_tui.store.errors import DATABASE_FAULTS, QueryError
from oneonone_tui.ui.colors import theme_colors
from oneonone_tui.ui.keys import key_of
from oneonone_tui.ui.markup import escape
from oneonone_tui.ui.screens.meeting.flow import MeetingFlowScreen
from oneonone_tui.ui.widgets.footer import Footer

VERDICT_TITLES = [
    ("done", "Done"),
    ("carried", "Carried forward"),
    ("missed", "Missed"),
    ("dropped", "Dropped"),
]


class SummaryScreen(MeetingFlowScreen):
    BINDINGS = [
        Binding("ctrl+s", "confirm", "Confirm & close", id="summary.confirm", priority=True),
        Binding("ctrl+o", "new_commitment", "Add commitment", id="summary.commitment"),
        Binding("escape,ctrl+b", "back", "Back to meeting", id="summary.back"),
        Binding("ctrl+e", "export", "Export", id="summary.export"),
        Binding("?", "app.help", "Help", id="summary.help", show=False),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.summary: Summary | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Static("", id="summary-problems")
            with Horizontal(id="summary-columns"):
                with Vertical(id="summary-left"):
                    yield Static("", id="summary-commitments")
                    yield Static("", id="summary-review")
                with Vertical(id="summary-right"):
                    yield Static("", id="summary-times")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"1:1 · {self.session.rep_name}"
        self.sub_title = f"{self.session.agenda.name} · summary"
        if self.session.phase != "summary":
            self.session.set_phase("summary")
        self.reload()
        self.ready = True

    def reload(self) -> None:
        s = meeting_summary(self.session.id)
        self.summary = s
        colors = theme_colors(self.app)
        problems = self.query_one("#summary-problems", Static)
        if s.problems:
            add = key_of(self, "summary.commitment")
            problems.update("\n".join(f"⚠ {escape(p)} with {add}" for p in s.problems))
        else:
            problems.update(
                f"[b]Ready to confirm.[/b] {s.commitment_count} commitment(s) "
                "agreed: read them back to the rep, then press "
                f"[b]{key_of(self, 'summary.confirm')}[/b]."
            )
        problems.set_class(bool(s.problems), "problem")

        made = Text()
        made.append("What we agreed today\n", style="bold underline")
        for owner, title in (("rep", f"{s.meeting.rep_name} (rep)"), ("manager", "Manager (you)")):
            rows = s.commitments[owner]
            made.append(f"\n{title}\n", style="bold")
            if not rows:
                made.append("  nothing\n", style=colors["text-muted"])
            for c in rows:
                made.append(f"  • {c.text}")
                made.append(f"  due {c.due:%a %d %b}\n", style=colors["accent"])
        self.query_one("#summary-commitments", Static).update(made)

        review = Text()
        review.append("From last time\n", style="bold underline")
        if s.meeting.review_skipped:
            review.append(
                "  review skipped this time: open commitments stay open\n", style=colors["warning"]
            )
        if not s.review:
            review.append("  nothing was reviewed\n", style=colors["text-muted"])
        for verdict, title in VERDICT_TITLES:
            items = [i for i in s.review if i.verdict == verdict]
            if not items:
                continue
            review.append(f"\n{title}\n", style="bold")
            for i in items:
                owner = "rep" if i.commitment.owner == "rep" else "manager"
                review.append(f"  • [{owner}] {i.commitment.text}")
                if verdict == "carried" and i.new_due:
                    review.append(
                        f"  now due {i.new_due:%a %d %b} (carried ×{i.commitment.carry_count})",
                        style=colors["warning"],
                    )
                elif i.reason:
                    review.append(f"  ({i.reason})", style=colors["text-muted"])
                review.append("\n")
        if any(sec.key == "upcoming-calls" for sec in self.session.agenda.sections):
            calls = meeting_calls(self.session.id)
            joint = [c for c in calls if c.joint]
            review.append("\nCalls\n", style="bold")
            for c in joint:
                review.append(
                    f"  • joint call: {c.account}, {c.day:%a %d %b} (win: {c.plan_win})\n"
                )
            if not joint:
                review.append(
                    "  ⚠ no joint call planned this week: plan at least one (upcoming calls, j)\n",
                    style=f"bold {colors['warning']}",
                )
        changes = coaching_changes(self.session.id)
        if changes:
            review.append("\nCoaching plan changes\n", style="bold")
            for ch in changes:
                review.append(
                    f"  • {ch.action} {KIND_LABELS[ch.kind].lower()}: "
                    f"{ch.text}{f' -> {ch.value}' if ch.action == 'status' else ''}\n"
                )
        self.query_one("#summary-review", Static).update(review)

        table = Table(
            title="Time per section",
            title_justify="left",
            title_style="bold",
            box=None,
            padding=(0, 2),
        )
        table.add_column("Section")
        table.add_column("Actual", justify="right")
        table.add_column("Plan", justify="right")
        timer = self.session.timer
        for n, plan in enumerate(timer.sections):
            actual = timer.elapsed(n)
            over = actual > timer.planned(n) + 0.5
            table.add_row(
                Text(plan.title),
                Text(format_duration(actual), style=colors["error"] if over else ""),
                format_duration(plan.planned_seconds),
            )
        total, planned = timer.total_elapsed(), timer.total_planned()
        table.add_row(
            Text("Total", style="bold"),
            Text(
                format_duration(total),
                style="bold " + (colors["error"] if total > planned + 0.5 else ""),
            ),
            Text(format_duration(planned), style="bold"),
        )
        self.query_one("#summary-times", Static).update(table)

    def action_confirm(self) -> None:
        if not self.session.flush_notes() or self.session.write_error:
            self.notify(
                f"Not recorded: notes are not saved yet "
                f"({escape(str(self.session.write_error))}). "
                f"Nothing is lost; press {key_of(self, 'summary.confirm')} again in a moment.",
                severity="error",
                timeout=10,
            )
            return
        try:
            complete_meeting(self.session.id, self.app.clock.now())
        except QueryError as exc:
            self.notify(str(exc), title="Not yet", severity="error")
            self.reload()
            return
        except DATABASE_FAULTS as exc:
            self.notify(
                f"Not recorded: the database refused the write ({escape(str(exc))}). "
                "Nothing is "
                f"lost; press {key_of(self, 'summary.confirm')} again in a moment.",
                severity="error",
                timeout=10,
            )
            return
        name = self.session.rep_name
        meeting = self._meeting_below()
        self.app.pop_screen()
        if meeting is not None:  # opened over the meeting screen: that one is done too
            self.app.pop_screen()
            self.app.uninstall_screen(self)  # so the pop removes it
        self.app.notify(f"Meeting with {escape(name)} recorded.", title="Done")

    def go_to_summary(self) -> None:
        """Already here."""

    def action_export(self) -> None:
        from oneonone_tui.ui.screens.history import export_meeting

        export_meeting(self, self.session.id)

    def action_new_commitment(self) -> None:
        from oneonone_tui.ui.screens.meeting.commitment_form import CommitmentForm

        self.app.push_screen(CommitmentForm(self.session), lambda changed: self.reload())

    def action_back(self) -> None:
        self.session.set_phase("sections")
        meeting = self._meeting_below()
        if meeting is not None:
            self.app.pop_screen()  # this screen stays installed for the next ctrl+f
            meeting.back_from_summary()
        else:  # opened on its own (a meeting resumed at its summary)
            self.app.switch_screen(self.app.navigator.sections(self.session))

    def _meeting_below(self) -> MeetingFlowScreen | None:  # the sections' screen, or None
        """The meeting screen this summary was pushed over, if it is the one right below."""
        return self.app.navigator.meeting_below(self)
