"""The coaching plan and the upcoming calls, shown and edited in their sections."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from oneonone_tui.domain.duedate import DueDateError, parse_due
from oneonone_tui.services import plans

SHORT = {"skill": "Skill", "goal": "Goal", "training": "Training"}


class CoachingPanel(Vertical):
    """The rep's coaching plan, living across meetings; changes are kept per meeting."""

    BINDINGS = [
        Binding("a", "add", "Add to plan", id="coaching.add"),
        Binding("s", "status", "Next status", id="coaching.status"),
        Binding("delete", "remove", "Remove", id="coaching.remove"),
    ]

    def __init__(self, rep_id: int, meeting_id: int) -> None:
        super().__init__(id="coaching-panel", classes="plan-panel")
        self.rep_id, self.meeting_id = rep_id, meeting_id
        self.items: list[plans.CoachingRow] = []

    def compose(self) -> ComposeResult:
        yield Static(
            "[b]Coaching plan[/b] · Tab: [b]a[/b] add · [b]s[/b] status · [b]Del[/b] remove",
            classes="m-head",
        )
        yield DataTable(id="coaching-table", cursor_type="row", show_header=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("kind", "status", "what")
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.items = plans.coaching_plan(self.rep_id)
        for item in self.items:
            table.add_row(SHORT[item.kind], item.status, Text(item.text))
        if not self.items:
            table.add_row("", "", "nothing yet: press a to add a skill, a goal or training")
        table.move_cursor(row=min(row, max(len(self.items) - 1, 0)))
        _fit(table)

    def _current(self) -> plans.CoachingRow | None:
        table = self.query_one(DataTable)
        return self.items[table.cursor_row] if self.items else None

    def action_add(self) -> None:
        from oneonone_tui.ui.dialogs import ChoiceScreen, PromptScreen

        def kind_chosen(kind: str | None) -> None:
            if kind is None:
                return

            def text_given(text: str | None) -> None:
                if text:
                    plans.add_coaching(
                        self.rep_id, self.meeting_id, kind, text, self.app.clock.now()
                    )
                    self.reload()

            self.app.push_screen(
                PromptScreen(plans.KIND_LABELS[kind], "Describe it in a few words", required=True),
                text_given,
            )

        self.app.push_screen(
            ChoiceScreen(
                "Add to the coaching plan",
                "What kind?",
                [
                    ("s", "skill", "A skill being worked on"),
                    ("g", "goal", "The long-term goal or next role"),
                    ("t", "training", "Training agreed"),
                ],
            ),
            kind_chosen,
        )

    def action_status(self) -> None:
        item = self._current()
        if item is not None:
            plans.next_status(item.id, self.meeting_id, self.app.clock.now())
            self.reload()

    def action_remove(self) -> None:
        item = self._current()
        if item is not None:
            plans.remove_coaching(item.id, self.meeting_id, self.app.clock.now())
            self.reload()


class CallsPanel(Vertical):
    """Last meeting's calls first (how did each end?), then this week's; plan joint ones."""

    BINDINGS = [
        Binding("a", "add", "Add call", id="calls.add"),
        Binding("j", "joint", "Plan joint call", id="calls.joint"),
        Binding("o", "outcome", "Outcome", id="calls.outcome"),
        Binding("delete", "remove", "Remove", id="calls.remove"),
    ]

    def __init__(self, rep_id: int, meeting_id: int, next_meeting) -> None:
        super().__init__(id="calls-panel", classes="plan-panel")
        self.rep_id, self.meeting_id, self.next_meeting = rep_id, meeting_id, next_meeting
        self.rows: list[tuple[str, plans.CallRow]] = []

    def compose(self) -> ComposeResult:
        yield Static(
            "[b]Calls[/b] · Tab: [b]a[/b] add · [b]j[/b] joint plan · "
            "[b]o[/b] outcome · [b]Del[/b] remove",
            classes="m-head",
        )
        yield DataTable(id="calls-table", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("", "When", "Account", "Purpose / outcome")
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.rows = [("earlier", c) for c in plans.calls_to_debrief(self.meeting_id)]
        self.rows += [("now", c) for c in plans.meeting_calls(self.meeting_id)]
        for kind, c in self.rows:
            if kind == "earlier":
                mark = "↺ last"
                detail = (
                    f"{plans.OUTCOMES[c.outcome]}: {c.debrief}"
                    if c.outcome
                    else "how did it end? (o)"
                )
            else:
                mark = "JOINT" if c.joint else ""
                detail = c.purpose + (f" · win: {c.plan_win}" if c.joint and c.plan_win else "")
            table.add_row(mark, f"{c.day:%a %d %b}", Text(c.account), Text(detail))
        if not self.rows:
            table.add_row("", "", "no calls yet", "press a to add the important ones")
        table.move_cursor(row=min(row, max(len(self.rows) - 1, 0)))
        _fit(table)

    def _current(self) -> tuple[str, plans.CallRow] | None:
        return self.rows[self.query_one(DataTable).cursor_row] if self.rows else None

    def action_add(self) -> None:
        from oneonone_tui.ui.dialogs import FormScreen

        today = self.app.clock.today()

        def check(values: dict[str, str]) -> dict[str, str]:
            errors = {}
            if not values["account"]:
                errors["account"] = "Who is the call with?"
            try:
                parse_due(values["day"], today, self.next_meeting)
            except DueDateError as exc:
                errors["day"] = str(exc)
            return errors

        def added(values: dict[str, str] | None) -> None:
            if values:
                plans.add_call(
                    self.meeting_id,
                    values["account"],
                    parse_due(values["day"], today, self.next_meeting),
                    values["purpose"],
                )
                self.reload()

        self.app.push_screen(
            FormScreen(
                "An important upcoming call",
                [
                    ("account", "Account", "Acme Corp"),
                    ("day", "When", "thu, +3d, 2026-12-04"),
                    ("purpose", "Purpose", "first meeting with the CFO"),
                ],
                check,
            ),
            added,
        )

    def action_joint(self) -> None:
        from oneonone_tui.ui.dialogs import FormScreen

        current = self._current()
        if current is None or current[0] != "now":
            self.notify("Pick one of this meeting's calls to plan together", severity="warning")
            return
        call = current[1]

        def check(values: dict[str, str]) -> dict[str, str]:
            return {k: "Needed for the pre-call plan." for k, v in values.items() if not v}

        def planned(values: dict[str, str] | None) -> None:
            if values:
                plans.plan_joint_call(
                    call.id,
                    who=values["who"],
                    why=values["why"],
                    win=values["win"],
                    next_step=values["next"],
                )
                self.reload()

        self.app.push_screen(
            FormScreen(
                f"Joint call: {call.account}",
                [
                    ("who", "Who we meet", "the CFO and the IT lead"),
                    ("why", "Why they think we are there", "to review the revised proposal"),
                    ("win", "What a win looks like", "agreement on scope and a date"),
                    ("next", "The next step we will ask for", "a meeting with procurement"),
                ],
                check,
            ),
            planned,
        )

    def action_outcome(self) -> None:
        from oneonone_tui.ui.dialogs import ChoiceScreen, PromptScreen

        current = self._current()
        if current is None or current[0] != "earlier":
            self.notify("Outcomes are for calls from an earlier meeting", severity="warning")
            return
        call = current[1]

        def chosen(outcome: str | None) -> None:
            if outcome is None:
                return

            def debriefed(text: str | None) -> None:
                if text is not None:
                    plans.record_outcome(call.id, self.meeting_id, outcome, text)
                    self.reload()

            self.app.push_screen(
                PromptScreen(
                    f"{call.account}: {plans.OUTCOMES[outcome]}",
                    "One line of debrief",
                    required=True,
                ),
                debriefed,
            )

        self.app.push_screen(
            ChoiceScreen(
                f"How did the call with {call.account} end?",
                "",
                [
                    ("w", "won-next-step", "Won the next step"),
                    ("l", "lost", "Lost"),
                    ("n", "no-decision", "No decision"),
                    ("x", "did-not-happen", "Did not happen"),
                ],
            ),
            chosen,
        )

    def action_remove(self) -> None:
        current = self._current()
        if current is not None and current[0] == "now":
            plans.remove_call(current[1].id, self.meeting_id)
            self.reload()


def _fit(table: DataTable) -> None:
    """Size the table to its rows (at most 9 lines, then it scrolls). With ``height: auto``
    the panel kept the height it had before the rows arrived until the next resize."""
    lines = table.row_count + (1 if table.show_header else 0)
    table.styles.height = max(1, min(lines, 9))
