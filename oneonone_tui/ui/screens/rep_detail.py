"""One rep at a glance: follow-through over time, open commitments, last meetings, time."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static
from textual.worker import get_current_worker

from oneonone_tui.domain.accountability import month_starts, monthly_rates
from oneonone_tui.domain.duedate import describe_due
from oneonone_tui.domain.metrics import Metric
from oneonone_tui.domain.timer import format_duration
from oneonone_tui.services.rep_profile import (
    TIME_WINDOW,
    RepProfile,
    find_rep_by_id,
    rep_profile,
)
from oneonone_tui.store.errors import DATABASE_FAULTS, first_line
from oneonone_tui.ui.colors import theme_colors

MONTHS = 12


class RepDetailScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="rep.back"),
        Binding("h", "history", "History", id="rep.history"),
        Binding("enter", "start", "Start meeting", id="rep.start"),
    ]

    class Loaded(Message):
        """The rep's profile as of ``today``, read by a worker."""

        def __init__(self, profile: RepProfile, today: date) -> None:
            super().__init__()
            self.profile = profile
            self.today = today

    def __init__(self, rep_id: int) -> None:
        super().__init__()
        self.rep_id = rep_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="rep-body"):
            with Horizontal(id="rep-top"):
                with Vertical(id="rep-rates"):
                    yield Static("", id="rep-rate-table")
                    yield Static("", id="rep-spark-label")
                    yield Sparkline([], id="rep-spark")
                    yield Static("", id="rep-spark-axis")
                yield Static("", id="rep-time")
            yield Static("", id="rep-open")
            yield Static("", id="rep-targets")
            yield Static("", id="rep-meetings")
        yield Footer()

    def on_mount(self) -> None:
        rep = find_rep_by_id(self.rep_id)
        self.title = rep.name
        self.sub_title = f"{rep.cadence} · follow-through and history"
        self.reload()

    def reload(self) -> None:
        self._read(self.app.clock.today(), self.app.metrics)

    @work(thread=True, group="rep-read", exit_on_error=False)
    def _read(self, today: date, metrics: dict[str, Metric]) -> None:
        """The profile, off the UI thread; :class:`Loaded` brings it back. A database that
        fails the read is said in a notice; the app goes on."""
        try:
            profile = rep_profile(self.rep_id, today, metrics)
        except DATABASE_FAULTS as exc:
            self.app.call_from_thread(
                self.notify, f"Cannot read this rep's record: {first_line(exc)}", severity="error"
            )
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(profile, today))

    def on_rep_detail_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        self._show(message.profile, message.today)

    def _show(self, profile: RepProfile, today: date) -> None:
        colors = theme_colors(self.app)
        marks = profile.marks
        ft = profile.follow_through

        table = Table(
            title="Follow-through (done / done + missed)",
            title_justify="left",
            title_style="bold",
            box=None,
            padding=(0, 2),
        )
        for col in ("", "last 90 days", "all time"):
            table.add_column(col)
        for owner, label in (("rep", "Rep's commitments"), ("manager", "Your commitments")):
            table.add_row(
                label,
                ft.recent[owner].label() if ft else "-",
                ft.all_time[owner].label() if ft else "-",
            )
        self.query_one("#rep-rate-table", Static).update(table)

        rates = monthly_rates(marks, today, MONTHS)
        starts = month_starts(today, MONTHS)
        first = next((i for i, r in enumerate(rates) if r is not None), None)
        spark = self.query_one("#rep-spark", Sparkline)
        axis = self.query_one("#rep-spark-axis", Static)
        label = Text("Rep's follow-through by month", style="bold")
        if first is None:
            label.append("  no verdicts yet")
            spark.data, spark.display, axis.display = [], False, False
        else:
            # a month without verdicts keeps the month before's rate: the line never
            # drops to zero for a month in which nothing was due
            series: list[float] = []
            for r in rates[first:]:
                series.append(r if r is not None else series[-1])
            spark.data, spark.display, axis.display = series, True, True
            low, high = min(series), max(series)
            label.append(f"  {round(low * 100)}%-{round(high * 100)}%")
            axis.update(f"{starts[first]:%b %Y}".ljust(24) + f"{starts[-1]:%b %Y}".rjust(24))
        self.query_one("#rep-spark-label", Static).update(label)

        times = profile.times
        t = Table(
            title=f"Time per section, last {TIME_WINDOW} meetings "
            f"({times.over_total} of {times.meetings} ran over)",
            title_justify="left",
            title_style="bold",
            box=None,
            padding=(0, 1),
        )
        for col, justify in (
            ("Section", "left"),
            ("Actual", "right"),
            ("Plan", "right"),
            ("", "left"),
        ):
            t.add_column(
                col,
                justify=justify,
                no_wrap=True,
                overflow="ellipsis",
                max_width=30 if col == "Section" else None,
            )
        for s in times.sections:
            flag = {
                "squeezed": Text("squeezed", style=f"bold {colors['warning']}"),
                "over": Text("runs over", style=f"bold {colors['error']}"),
            }.get(s.flag, "")
            t.add_row(
                Text(s.title), format_duration(s.avg_actual), format_duration(s.avg_planned), flag
            )
        if not times.sections:
            t.add_row("no completed meetings yet", "", "", "")
        self.query_one("#rep-time", Static).update(t)

        open_rows = profile.open_commitments
        text = Text()
        text.append(f"Open commitments ({len(open_rows)})\n", style="bold")
        for c in open_rows:
            late = c.due < today
            text.append("  Rep     " if c.owner == "rep" else "  Manager ")
            text.append(
                f"{describe_due(c.due, today):<12}", style=f"bold {colors['error']}" if late else ""
            )
            text.append(c.text)
            if c.carry_count:
                text.append(f"  carried x{c.carry_count}", style=f"bold {colors['warning']}")
            text.append("\n")
        if not open_rows:
            text.append("  nothing open\n", style=colors["text-muted"])
        self.query_one("#rep-open", Static).update(text)

        current = profile.targets
        history = profile.target_history
        targets = Text()
        targets.append("Targets", style="bold")
        targets.append(
            "  "
            + " · ".join(
                f"{m.label.split(' ')[0]} {m.format(current[k])}"
                for k, m in self.app.metrics.items()
            )
            + "\n"
        )
        for h in history[:6]:
            metric = self.app.metrics.get(h.metric)
            label = metric.label if metric else h.metric
            shown = metric.format(h.target) if metric else f"{h.target:g}"
            targets.append(
                f"  {h.changed_at:%d %b %Y}  {label} -> {shown}: {h.reason}\n",
                style=colors["text-muted"],
            )
        if not history:
            targets.append("  the team defaults; no change yet\n", style=colors["text-muted"])
        self.query_one("#rep-targets", Static).update(targets)

        meetings = profile.meetings
        mt = Table(
            title="Last meetings",
            title_justify="left",
            title_style="bold",
            box=None,
            padding=(0, 2),
        )
        for col in ("Date", "Agenda", "Status", "Commitments", "Time"):
            mt.add_column(col)
        for m in meetings:
            mt.add_row(
                f"{m.started_at:%a %d %b %Y}",
                Text(m.agenda_name),
                m.status.replace("_", " "),
                str(m.commitments),
                f"{format_duration(m.actual_seconds)} / {format_duration(m.planned_seconds)}",
            )
        self.query_one("#rep-meetings", Static).update(mt)

    def action_history(self) -> None:
        from oneonone_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.rep_id))

    def action_start(self) -> None:
        if self.app.refuse_if_read_only("hold a one-on-one"):
            return
        self.app.pop_screen()
        self.app.screen.open_meeting(self.rep_id)
