"""Meetings newest first, a search across notes and commitments, and a read-only view."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from oneonone_tui.domain.timer import format_duration
from oneonone_tui.services.history import MeetingListRow, SearchHit, find, meeting_detail, meetings
from oneonone_tui.services.team import find_rep_by_id
from oneonone_tui.store.errors import DATABASE_FAULTS, first_line
from oneonone_tui.ui.colors import theme_colors
from oneonone_tui.ui.markup import escape


def highlight(text: str, term: str, style: str) -> Text:
    """``text`` with every case-insensitive occurrence of ``term`` styled."""
    out = Text(text)
    if term:
        out.highlight_words([term], style=style, case_sensitive=False)
    return out


def snippet(text: str, term: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    at = flat.lower().find(term.lower())
    if at < 0 or len(flat) <= width:
        return flat[:width]
    start = max(0, at - width // 3)
    return ("…" if start else "") + flat[start : start + width]


class HistoryScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back"),
        Binding("slash", "search", "Search", id="history.search"),
        Binding("e", "export", "Export", id="history.export"),
    ]

    class Loaded(Message):
        """The meetings (``term`` empty) or the search hits for ``term``, read by a worker."""

        def __init__(self, term: str, rows: list[MeetingListRow] | list[SearchHit]) -> None:
            super().__init__()
            self.term = term
            self.rows = rows

    def __init__(self, rep_id: int | None = None) -> None:
        super().__init__()
        self.rep_id = rep_id
        self.term = ""
        self.meeting_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history-body"):
            yield Input(
                placeholder="Search notes and commitments (Enter), Esc to go back",
                id="history-search",
            )
            yield Static("", id="history-status")
            yield DataTable(id="history-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        name = find_rep_by_id(self.rep_id).name if self.rep_id else "the whole team"
        self.title = f"History · {name}"
        self.sub_title = "Enter opens a meeting · / searches"
        self.show_meetings()
        self.query_one(DataTable).focus()

    def show_meetings(self) -> None:
        self._read("")

    def show_hits(self, term: str) -> None:
        self._read(term)

    @work(thread=True, group="history-read", exit_on_error=False)
    def _read(self, term: str) -> None:
        """The list or the search, off the UI thread; :class:`Loaded` brings it back. A
        database that fails the read is said in a notice; the app goes on."""
        try:
            rows = find(term, self.rep_id) if term else meetings(self.rep_id)
        except DATABASE_FAULTS as exc:
            self.app.call_from_thread(
                self.notify, f"Cannot read the history: {first_line(exc)}", severity="error"
            )
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(term, rows))

    def on_history_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.term != self.term:
            return  # overtaken (no worker is cancelled: a read that lost just goes unshown)
        if message.term:
            self._fill_hits(message.term, message.rows)
        else:
            self._fill_meetings(message.rows)

    def _fill_meetings(self, rows: list[MeetingListRow]) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for col in ("Date", "Rep", "Agenda", "Status", "Commitments", "Time"):
            table.add_column(col)
        self.meeting_ids = [m.id for m in rows]
        for m in rows:
            table.add_row(
                f"{m.started_at:%a %d %b %Y}",
                Text(m.rep_name),
                Text(m.agenda_name),
                m.status.replace("_", " "),
                str(m.commitments),
                f"{format_duration(m.actual_seconds)} / {format_duration(m.planned_seconds)}",
            )
        self.query_one("#history-status", Static).update(
            f"{len(rows)} meeting(s), newest first" if rows else "No meetings yet."
        )

    def _fill_hits(self, term: str, hits: list[SearchHit]) -> None:
        colors = theme_colors(self.app)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for col in ("Date", "Rep", "In", "Text"):
            table.add_column(col)
        self.meeting_ids = [h.meeting_id for h in hits]
        for h in hits:
            where = h.where if h.kind == "note" else f"commitment ({h.where})"
            table.add_row(
                f"{h.started_at:%d %b %Y}",
                Text(h.rep_name),
                Text(where),
                highlight(snippet(h.text, term), term, f"bold reverse {colors['warning']}"),
            )
        self.query_one("#history-status", Static).update(
            Text(
                f"{len(hits)} hit(s) for {term!r}"
                if hits
                else f"Nothing found for {term!r}. Esc clears the search."
            )
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.term = event.value.strip()
        if self.term:
            self.show_hits(self.term)
        else:
            self.show_meetings()
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.meeting_ids):
            self.app.push_screen(MeetingViewScreen(self.meeting_ids[event.cursor_row], self.term))

    def action_search(self) -> None:
        self.query_one("#history-search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#history-search", Input)
        if self.term or search.value:
            search.value = ""
            self.term = ""
            self.show_meetings()
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()

    def action_export(self) -> None:
        table = self.query_one(DataTable)
        if self.meeting_ids:
            export_meeting(self, self.meeting_ids[table.cursor_row])


def export_meeting(screen: Screen, meeting_id: int) -> None:
    from oneonone_tui.paths import exports_dir
    from oneonone_tui.services.export import export_to_file

    try:
        path = export_to_file(meeting_id, exports_dir())
    except OSError as exc:
        screen.notify(f"Could not write the export: {escape(str(exc))}", severity="error")
        return
    screen.notify(
        f"Wrote {escape(str(path))}", title="Exported (private notes left out)", timeout=8
    )


class MeetingViewScreen(Screen):
    """A past meeting, read-only, with corrections that are recorded."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="meeting_view.back"),
        Binding("e", "export", "Export", id="meeting_view.export"),
        Binding("c", "correct", "Correct", id="meeting_view.correct"),
    ]

    def __init__(self, meeting_id: int, term: str = "") -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.term = term

    def compose(self) -> ComposeResult:
        yield Header()
        from textual.containers import VerticalScroll

        with VerticalScroll(id="view-body"):
            yield Static("", id="view-text")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        detail = meeting_detail(self.meeting_id)
        s = detail.state
        self.title = f"{s.rep_name} · {s.started_at:%a %d %b %Y}"
        self.sub_title = f"{s.agenda.name} · {s.status.replace('_', ' ')} · read-only"
        colors = theme_colors(self.app)
        mark = f"bold reverse {colors['warning']}"
        out = Text()
        for run in s.sections:
            note = s.notes.get(run.key)
            out.append(f"{run.title}", style=f"bold {colors['primary']}")
            out.append(
                f"   {format_duration(run.actual_seconds)} of "
                f"{format_duration(run.planned_seconds + run.extra_seconds)}",
                style=colors["text-muted"],
            )
            if note and note.private:
                out.append("   PRIVATE", style=f"bold {colors['warning']}")
            out.append("\n")
            body = note.text if note and note.text.strip() else "(no notes)"
            out.append_text(highlight(body, self.term, mark))
            out.append("\n\n")
        if detail.numbers or detail.confidence is not None:
            out.append("Numbers\n", style="bold underline")
            for n in detail.numbers:
                out.append(f"  {n.metric:<18} {n.period_start}  {n.actual:g}\n")
            if detail.confidence is not None:
                out.append(f"  confidence {detail.confidence} of 5\n")
            out.append("\n")
        if detail.calls:
            out.append("Upcoming calls\n", style="bold underline")
            for c in detail.calls:
                out.append(
                    f"  {c.day}  {c.account}{' (joint)' if c.joint else ''}"
                    f"{': ' + c.purpose if c.purpose else ''}\n"
                )
            out.append("\n")
        if detail.coaching:
            out.append("Coaching plan changes\n", style="bold underline")
            for ch in detail.coaching:
                out.append(
                    f"  {ch.action} {ch.kind}: {ch.text}"
                    f"{' -> ' + ch.value if ch.action == 'status' else ''}\n"
                )
            out.append("\n")
        out.append("Commitments made\n", style="bold underline")
        for c in detail.commitments:
            out.append(f"  {'Rep' if c.owner == 'rep' else 'Manager':<8} due {c.due}  ")
            out.append_text(highlight(c.text, self.term, mark))
            out.append(f"  [{c.status}]\n", style=colors["text-muted"])
        if not detail.commitments:
            out.append("  none\n", style=colors["text-muted"])
        out.append("\nReview of earlier commitments\n", style="bold underline")
        for i in detail.review:
            extra = f" to {i.new_due}" if i.verdict == "carried" and i.new_due else ""
            reason = f" ({i.reason})" if i.reason else ""
            out.append(f"  {i.verdict}{extra}{reason}: {i.commitment.text}\n")
        if not detail.review:
            out.append("  nothing was reviewed\n", style=colors["text-muted"])
        if detail.corrections:
            out.append("\nCorrections\n", style="bold underline")
            for c in detail.corrections:
                out.append(
                    f"  {c.corrected_at:%d %b %Y %H:%M}  {c.kind} {c.target} {c.field}: "
                    f"{c.old_value[:40]!r} -> {c.new_value[:40]!r}\n",
                    style=colors["text-muted"],
                )
        self.query_one("#view-text", Static).update(out)

    def action_export(self) -> None:
        export_meeting(self, self.meeting_id)

    def action_correct(self) -> None:
        from oneonone_tui.ui.screens.correct import CorrectScreen

        if self.app.refuse_if_read_only("correct a meeting"):
            return
        detail = meeting_detail(self.meeting_id)
        if detail.state.status != "completed":
            self.notify(
                "This meeting is in progress: resume it from the home screen to edit.",
                severity="warning",
            )
            return
        self.app.push_screen(CorrectScreen(detail), lambda changed: changed and self.reload())
