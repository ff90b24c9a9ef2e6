"""Home: the team, who is due, whose commitments are open."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from oneonone_tui.services.team import (
    RepFollowThrough,
    TeamRow,
    find_rep_by_id,
    follow_through_by_rep,
    in_progress_meeting,
    last_agenda_slug,
    load_meeting,
    team_overview,
)
from oneonone_tui.store.errors import QueryError
from oneonone_tui.templates.agendas import find_agenda
from oneonone_tui.ui.colors import theme_colors
from oneonone_tui.ui.keys import key_of, short_key
from oneonone_tui.ui.markup import escape
from oneonone_tui.ui.messages import AgendasChanged


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter", "start_meeting", "Start meeting", id="home.start", priority=True),
        Binding("a", "add_rep", "Add rep", id="home.add_rep"),
        Binding("d", "rep_detail", "Rep detail", id="home.detail"),
        Binding("h", "history", "History", id="home.history"),
        Binding("slash", "search_all", "Search all", id="home.search"),
        Binding("r", "refresh", "Refresh", id="home.refresh", show=False),
        Binding("?", "app.help", "Help", id="home.help", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(
            "SCREEN SHARE · the team list is hidden · "
            f"{short_key(self, 'app.screen_share')} ends it",
            id="share-banner",
        )
        with Vertical(id="home-body"):
            yield Static("", id="home-title")
            yield DataTable(id="team", cursor_type="row", zebra_stripes=True)
            yield Static("", id="home-empty")
            yield Static("", id="agenda-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "oneonone"
        self.sub_title = "every manager's team · read-only" if self.app.read_only else "your team"
        table = self.query_one("#team", DataTable)
        if self.app.read_only:
            table.add_column("Manager", key="manager")
        table.add_column("Rep", key="rep")
        table.add_column("Cadence", key="cadence")
        table.add_column("Last 1:1", key="last")
        table.add_column("Next 1:1", key="next")
        table.add_column("Open", key="open")
        table.add_column("Overdue", key="overdue")
        table.add_column("Follow-through 90d", key="rate")
        self.reload()
        self._show_agenda_problems()
        self._loaded = True

    _loaded = False  # by on_mount, just before the screen's first resume

    def on_screen_resume(self) -> None:
        if self._loaded:  # the push that mounted this screen: the team is loaded already
            self._loaded = False
            return
        self.reload()

    def reload(self) -> None:
        today = self.app.clock.today()
        rows = team_overview(today)
        rates = follow_through_by_rep(today, all_time=False)  # shows 90 days
        table = self.query_one("#team", DataTable)
        colors = theme_colors(self.app)
        keep = table.cursor_row
        table.clear()
        read_only = self.app.read_only
        for row in rows:
            table.add_row(
                *((Text(row.manager),) if read_only else ()),
                Text(row.name, style="bold"),
                Text(row.cadence),
                row.last_met.strftime("%a %d %b") if row.last_met else "never",
                _due_cell(row, today, colors),
                str(row.open_count) if row.open_count else "·",
                Text(str(row.overdue_count), style=f"bold {colors['error']}")
                if row.overdue_count
                else "·",
                _rate_cell(rates.get(row.rep_id), colors),
                key=str(row.rep_id),
            )
        empty = self.query_one("#home-empty", Static)
        if rows:
            table.display = True
            empty.display = False
            table.move_cursor(row=min(keep, len(rows) - 1))
            table.focus()
            late = sum(1 for r in rows if r.last_met is None or r.days_overdue(today) >= 0)
            self.query_one("#home-title", Static).update(
                f"[b]{len(rows)}[/b] reps · [b]{late}[/b] due or overdue · "
                f"{today.strftime('%A %d %B %Y')}"
            )
        else:
            table.display = False
            empty.display = True
            self.query_one("#home-title", Static).update("")
            if self.app.read_only:
                empty.update(
                    "[b]No reps in any team yet.[/b]\n\nManagers add their "
                    'reps with  oneonone --manager NAME rep add "Dana Scully"'
                )
                return
            empty.update(
                "[b]No reps yet.[/b]\n\nPress [b]a[/b] to add your first rep, "
                'or from a shell:\n\n    oneonone rep add "Dana Scully" --cadence weekly\n\n'
                "Then pick the rep here and press "
                f"[b]{key_of(self, 'home.start').capitalize()}[/b] to start a one-on-one."
            )

    def _show_agenda_problems(self) -> None:
        """Broken templates stay listed, error lines and all, until they are fixed."""
        broken = [e for e in self.app.agendas if not e.ok]
        widget = self.query_one("#agenda-problems", Static)
        widget.display = bool(broken)
        lines = []
        for e in broken:
            lines.append(f"⚠ agenda {e.slug} is broken (ctrl+p › Edit agenda to fix it):")
            lines += [f"   {p}" for p in e.problems[:4]]
            if len(e.problems) > 4:
                lines.append(f"   ... and {len(e.problems) - 4} more")
        widget.update(Text("\n".join(lines)))

    def on_agendas_changed(self, message: AgendasChanged) -> None:
        self._show_agenda_problems()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.app.read_only:  # a director's view changes nothing
            if action == "start_meeting":
                return False  # hidden: Enter opens the rep instead
            if action == "add_rep":
                return None  # shown greyed out in the footer
        return True

    # -- actions --------------------------------------------------------------
    def action_refresh(self) -> None:
        self.reload()

    def action_add_rep(self) -> None:
        from oneonone_tui.ui.dialogs import AddRepScreen

        if self.app.refuse_if_read_only("add a rep"):
            return

        def added(name: str | None) -> None:
            if name:
                self.reload()
                self.notify(
                    f"Added {escape(name)}. Press "
                    f"{key_of(self, 'home.start').capitalize()} to start a one-on-one."
                )

        self.app.push_screen(AddRepScreen(), added)

    def selected_rep_id(self) -> int | None:
        table = self.query_one("#team", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def action_rep_detail(self) -> None:
        from oneonone_tui.ui.screens.rep_detail import RepDetailScreen

        rep_id = self.selected_rep_id()
        if rep_id is not None:
            self.app.push_screen(RepDetailScreen(rep_id))

    def action_history(self) -> None:
        rep_id = self.selected_rep_id()
        if rep_id is not None:
            self.open_history(rep_id)

    def open_history(self, rep_id: int) -> None:
        from oneonone_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(rep_id))

    def action_search_all(self) -> None:
        from oneonone_tui.ui.screens.history import HistoryScreen

        screen = HistoryScreen(None)
        self.app.push_screen(screen)
        self.call_after_refresh(screen.action_search)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_start_meeting()

    def action_start_meeting(self) -> None:
        rep_id = self.selected_rep_id()
        if rep_id is None:
            self.notify("Add a rep first: press a", severity="warning")
            return
        if self.app.read_only:  # a director looks: Enter opens the rep, never a meeting
            self.action_rep_detail()
            return
        self.open_meeting(rep_id)

    def open_meeting(self, rep_id: int, agenda_slug: str | None = None) -> None:
        """Resume the rep's meeting in progress if there is one (asked first),
        else pick an agenda and start a new one."""
        from oneonone_tui.ui.dialogs import AgendaPickerScreen, ResumeScreen

        if self.app.refuse_if_read_only("hold a one-on-one"):
            return
        in_progress = in_progress_meeting(rep_id)
        if in_progress is not None:

            def resumed(choice: str | None) -> None:
                if choice == "resume":
                    self.app.push_screen(self.app.navigator.first_screen(in_progress))
                elif choice == "summary":
                    from oneonone_tui.services.session import MeetingSession

                    session = MeetingSession(in_progress, self.app.clock)
                    self.app.push_screen(self.app.navigator.summary(session))

            self.app.push_screen(ResumeScreen(load_meeting(in_progress)), resumed)
            return
        ok = [e for e in self.app.agendas if e.ok]
        if not ok:
            self.notify(
                "No usable agenda: fix the templates (oneonone agenda check)", severity="error"
            )
            return
        default = agenda_slug or last_agenda_slug(rep_id) or "weekly"
        if find_agenda(ok, default) is None:
            default = "weekly" if find_agenda(ok, "weekly") else ok[0].slug

        def picked(slug: str | None) -> None:
            if slug:
                self.start_new(rep_id, slug)

        if agenda_slug and find_agenda(ok, agenda_slug):
            self.start_new(rep_id, find_agenda(ok, agenda_slug).slug)
            return
        self.app.push_screen(
            AgendaPickerScreen(self.app.agendas, default, find_rep_by_id(rep_id).name),
            picked,
        )

    def start_new(self, rep_id: int, slug: str) -> None:
        from oneonone_tui.services.session import MeetingSession

        entry = find_agenda(self.app.agendas, slug)
        try:
            session = MeetingSession.start(rep_id, entry.agenda, self.app.clock)
        except QueryError:
            # started meanwhile in another terminal: offer that one, never a second
            self.notify(
                "A meeting with this rep was just started elsewhere: resume it.", severity="warning"
            )
            self.reload()
            self.open_meeting(rep_id)
            return
        self.app.push_screen(self.app.navigator.first_screen(session.id, session))


def _due_cell(row: TeamRow, today: date, colors: dict[str, str]) -> Text:
    if row.in_progress_id is not None:
        return Text("in progress", style=f"bold {colors['accent']}")
    if row.next_due is None:
        return Text("never met", style=f"bold {colors['warning']}")
    days = row.days_overdue(today)
    if days > 0:
        return Text(f"overdue {days}d", style=f"bold {colors['error']}")
    if days == 0:
        return Text("due today", style=f"bold {colors['warning']}")
    return Text(row.next_due.strftime("%a %d %b"))


def _rate_cell(ft: RepFollowThrough | None, colors: dict[str, str]) -> Text:
    value = ft.recent["rep"] if ft else None
    if value is None or value.rate is None:
        return Text("-", style=colors["text-muted"])
    style = (
        colors["success"]
        if value.rate >= 0.8
        else (colors["warning"] if value.rate >= 0.5 else colors["error"])
    )
    return Text(value.label(), style=style)
