"""The timed sections: countdown, prompts, notes that take the keyboard, commitments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, ListItem, ListView, ProgressBar, Static, TextArea

from oneonone_tui.domain.timer import TickResult, format_countdown, format_duration
from oneonone_tui.services.commitments import CommitmentRow, delete_commitment, meeting_commitments
from oneonone_tui.services.session import NOTE_SAVE_DELAY, MeetingSession
from oneonone_tui.ui.colors import theme_colors
from oneonone_tui.ui.keys import key_of, short_key
from oneonone_tui.ui.markup import escape
from oneonone_tui.ui.screens.meeting.flow import MeetingFlowScreen
from oneonone_tui.ui.screens.meeting.section_view import (
    commitment_label,
    section_list,
    update_if_changed,
)
from oneonone_tui.ui.widgets.footer import Footer
from oneonone_tui.ui.widgets.metrics_panel import MetricsPanel
from oneonone_tui.ui.widgets.plans_panels import CallsPanel, CoachingPanel

if TYPE_CHECKING:
    from textual.timer import Timer

TICK_SECONDS = 0.25
NARROW_BELOW = 130  # columns: below this the section list shows numbers and times only


class MeetingScreen(MeetingFlowScreen):
    BINDINGS = [
        Binding("ctrl+n", "next_section", "Next", id="meeting.next", priority=True),
        Binding("ctrl+b", "previous_section", "Prev", id="meeting.previous", priority=True),
        Binding("ctrl+g", "jump", "Go to N", id="meeting.jump", priority=True),
        Binding("ctrl+t", "toggle_pause", "Pause", id="meeting.pause", priority=True),
        Binding("ctrl+l", "add_minute", "+1 min", id="meeting.add_minute", priority=True),
        Binding("ctrl+o", "new_commitment", "Commitment", id="meeting.commitment", priority=True),
        Binding("ctrl+r", "toggle_private", "Private", id="meeting.private", priority=True),
        Binding("ctrl+f", "finish", "Finish", id="meeting.finish", priority=True),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self._shown_section = -1
        self._save_pending = False
        self._summary: MeetingFlowScreen | None = None  # the summary, kept: see open_summary
        self._pause_key = ""
        self._ticker: Timer | None = None
        self._shared_at_summary = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            f"SCREEN SHARE · private notes and rankings hidden · "
            f"{short_key(self, 'app.screen_share')} ends it",
            id="share-banner",
        )
        with Horizontal(id="meeting-top"):
            yield Static("", id="meeting-clock")
            yield ProgressBar(
                total=max(self.session.timer.total_planned(), 1),
                show_eta=False,
                show_percentage=False,
                id="meeting-progress",
            )
            yield Static("", id="run-state")
        yield Static("", id="save-warning")
        with Horizontal(id="meeting-main"):
            yield Static("", id="section-list")
            with Vertical(id="section-pane"):
                with Horizontal(id="section-head"):
                    yield Static("", id="section-title")
                    yield Static("", id="countdown")
                yield Static("", id="prompts")
                yield Static("", id="note-label")
                yield Static(
                    "Private notes are hidden while the screen is shared.", id="private-hidden"
                )
                yield TextArea(
                    id="notes", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
                )
            with Vertical(id="commitments-pane"):
                yield Static("Commitments", id="commitments-title")
                yield ListView(id="commitment-list")
                yield Static(
                    f"[b]{short_key(self, 'meeting.commitment')}[/b] add · [b]Enter[/b] edit · "
                    "[b]Del[/b] remove",
                    id="commitments-help",
                )
        yield Footer()

    # -- life cycle ----------------------------------------------------------
    def on_mount(self) -> None:
        self._pause_key = short_key(self, "meeting.pause")  # read once: the clock ticks 4/s
        self.title = f"1:1 · {self.session.rep_name}"
        self.sub_title = self.session.agenda.name
        self.session.begin_sections()
        self.show_section()
        self.reload_commitments()
        self._ticker = self.set_interval(TICK_SECONDS, self.tick)
        self.ready = True

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 100, "-small")
        narrow = event.size.width < NARROW_BELOW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.refresh_clocks()

    def tick(self) -> None:
        """Advance on ``on_timeout: advance``, save timings, redraw the clocks."""
        result = self.session.tick()
        if result is TickResult.ADVANCED:
            timer = self.session.timer
            self.notify(f"Time is up: on to {escape(timer.sections[timer.current].title)}")
            self.show_section()
        elif result is TickResult.LAST_TIMED_OUT:
            self.notify(
                f"Time is up on the last section: {key_of(self, 'meeting.finish')} for the summary",
                severity="warning",
            )
        self.refresh_clocks()

    # -- drawing ------------------------------------------------------------
    def show_section(self) -> None:
        """Load the current section's title, prompts and notes, and focus the notes."""
        timer = self.session.timer
        i = timer.current
        agenda_section = self.session.agenda.sections[i]
        area = self.query_one("#notes", TextArea)
        if self._shown_section != i:
            text, _private = self.session.note(agenda_section.key)
            area.load_text(text)
            area.move_cursor(area.document.end)
            self._shown_section = i
            self._show_metrics(agenda_section)
        self.query_one("#section-title", Static).update(
            f"[b]{i + 1}/{len(timer.sections)}  {escape(agenda_section.title)}[/b]"
        )
        prompts = "\n".join(f"• {escape(p)}" for p in agenda_section.prompts)
        prompts_widget = self.query_one("#prompts", Static)
        prompts_widget.update(prompts)
        prompts_widget.display = bool(prompts)
        self._update_note_label()
        area.focus()
        self.refresh_clocks()

    def _show_metrics(self, section) -> None:
        """The section's structure: its numbers (agenda ``metrics:``), the coaching plan
        or the calls, replacing the last section's."""
        # the panels are the section pane's children: no walk through the whole screen
        for old in self.query_one("#section-pane").query_children("#metrics-panel, .plan-panel"):
            old.remove()
        rep_id, meeting_id = self.session.state.rep_id, self.session.id
        before = self.query_one("#note-label")
        if section.key == "coaching-plan":
            self.query_one("#section-pane").mount(CoachingPanel(rep_id, meeting_id), before=before)
        elif section.key == "upcoming-calls":
            self.query_one("#section-pane").mount(
                CallsPanel(rep_id, meeting_id, self.session.next_meeting_date()), before=before
            )
        known = [self.app.metrics[k] for k in section.metrics if k in self.app.metrics]
        confidence = section.key == "goal-status"
        if not known and not confidence:
            return
        panel = MetricsPanel(
            self.session.state.rep_id,
            self.session.id,
            known,
            self.app.clock.today(),
            ranking=section.ranking,
            confidence=confidence,
        )
        self.query_one("#section-pane").mount(panel, before=self.query_one("#note-label"))

    def _update_note_label(self) -> None:
        _text, private = self.session.note(self.session.section_key())
        label = self.query_one("#note-label", Static)
        key = short_key(self, "meeting.private")
        label.update(
            f"Notes · [b reverse] PRIVATE [/] manager only ({key} to share)"
            if private
            else f"Notes · shared ({key} makes them private)"
        )
        label.set_class(private, "private")
        self.query_one("#notes", TextArea).set_class(private, "private-note")
        self.query_one("#private-hidden", Static).set_class(private, "shown")

    def refresh_clocks(self) -> None:
        timer = self.session.timer
        countdown = self.query_one("#countdown", Static)
        update_if_changed(countdown, format_countdown(timer.remaining()))
        state = timer.state()
        countdown.set_class(state == "warning", "warning")
        countdown.set_class(state == "overrun", "overrun")
        total = timer.total_elapsed()
        update_if_changed(
            self.query_one("#meeting-clock", Static),
            f"{format_duration(total)} / {format_duration(timer.total_planned())}",
        )
        self.query_one("#meeting-progress", ProgressBar).update(
            progress=min(total, timer.total_planned())
        )
        warning = self.query_one("#save-warning", Static)
        error = self.session.write_error
        warning.display = error is not None
        if error is not None:
            warning.update(
                f"⚠ NOT SAVED: the database refuses writes ({escape(error)}). "
                "Everything stays on screen; retrying every second."
            )
        run_state = self.query_one("#run-state", Static)
        paused = f"❚❚ PAUSED ({self._pause_key})"
        update_if_changed(run_state, paused if not timer.running else "▶ running", layout=True)
        run_state.set_class(not timer.running, "paused")
        update_if_changed(
            self.query_one("#section-list", Static),
            section_list(
                self.session.timer, theme_colors(self.app), wide=not self.has_class("-narrow")
            ),
        )

    def reload_commitments(self) -> None:
        today = self.app.clock.today()
        view = self.query_one("#commitment-list", ListView)
        keep = view.index or 0
        view.clear()
        rows = meeting_commitments(self.session.id)
        for c in rows:
            item = ListItem(Static(commitment_label(c, today)))
            item.commitment = c  # type: ignore[attr-defined]
            view.append(item)
        if rows:
            self.call_after_refresh(setattr, view, "index", min(keep, len(rows) - 1))
        need = self.session.agenda.require_commitments
        self.query_one("#commitments-title", Static).update(
            f"Commitments [b]{len(rows)}[/b]" + (f" (need {need})" if len(rows) < need else "")
        )

    # -- notes ------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "notes" or self._shown_section != self.session.timer.current:
            return
        self.session.set_note(self.session.section_key(), event.text_area.text)
        if self.session.has_unsaved_notes and not self._save_pending:
            self._save_pending = True
            self.set_timer(NOTE_SAVE_DELAY, self._save_notes)

    def _save_notes(self) -> None:
        self._save_pending = False
        self.session.flush_notes()

    def action_toggle_private(self) -> None:
        self._after_typing(self._toggle_private)

    def _toggle_private(self) -> None:
        key = self.session.section_key()
        _text, private = self.session.note(key)
        self.session.set_note(key, self.query_one("#notes", TextArea).text, not private)
        self.session.flush_notes()
        self._update_note_label()

    # -- sections ----------------------------------------------------------------
    def _after_typing(self, callback) -> None:
        """Run ``callback`` after the keys already sent to the notes are typed in: the
        section keys are priority bindings, so they arrive before those keys land."""
        area = self.query_one("#notes", TextArea)
        area.call_later(callback)

    def _go(self, i: int) -> None:
        for panel in self.query_one("#section-pane").query_children(MetricsPanel):
            panel.flush()
        self.session.set_note(self.session.section_key(), self.query_one("#notes", TextArea).text)
        self.session.go_to(i)
        self.show_section()

    def action_next_section(self) -> None:
        self._after_typing(self._next_section)

    def _next_section(self) -> None:
        timer = self.session.timer
        if timer.is_last():
            self._finish()
            return
        self._go(timer.current + 1)

    def action_previous_section(self) -> None:
        self._after_typing(self._previous_section)

    def _previous_section(self) -> None:
        if self.session.timer.current > 0:
            self._go(self.session.timer.current - 1)

    def action_jump(self) -> None:
        from oneonone_tui.ui.dialogs import PromptScreen

        count = len(self.session.timer.sections)

        def check(text: str) -> str | None:
            if not text.isdigit() or not 1 <= int(text) <= count:
                return f"Type a section number from 1 to {count}."
            return None

        self.app.push_screen(
            PromptScreen("Go to section", f"Section number (1-{count})", validate=check),
            lambda text: text and self._go(int(text) - 1),
        )

    def action_toggle_pause(self) -> None:
        running = self.session.timer.toggle_pause()
        self.session.save_timing(force=True)
        self.notify("Timer running" if running else "Timer paused: paused time counts nowhere")
        self.refresh_clocks()

    def action_add_minute(self) -> None:
        self.session.timer.add_minute()
        self.session.save_timing(force=True)
        self.refresh_clocks()

    def action_finish(self) -> None:
        self._after_typing(self._finish)

    def _finish(self) -> None:
        self.session.set_note(self.session.section_key(), self.query_one("#notes", TextArea).text)
        self.go_to_summary()

    def open_summary(self) -> None:
        """The summary goes over this screen, which stays as it is, and is kept (installed)
        after ctrl+b: showing it again or going back mounts no new screen, the most part
        of either by far. Its own confirm removes both."""
        if self._summary is None:
            self._summary = self.app.navigator.summary(self.session)
            self.app.install_screen(self._summary, f"summary-{self.session.id}-{id(self)}")
        else:
            self._summary.reload()
        if self._ticker is not None:
            self._ticker.pause()  # the clock is stopped; nothing to redraw under the summary
        self._shared_at_summary = self.app.screen_share
        self.app.push_screen(self._summary)

    def back_from_summary(self) -> None:
        """Ctrl+b on the summary: the sections again, as a new meeting screen showed them."""
        if self.app.screen_share != self._shared_at_summary:
            self.update_node_styles(animate=False)  # F9 was pressed on the summary
        size = self.app.size  # the terminal may have been resized meanwhile
        self.on_resize(events.Resize(size, size))
        self.session.begin_sections()
        area = self.query_one("#notes", TextArea)  # the notes load afresh, cursor at the end
        area.load_text(self.session.note(self.session.section_key())[0])
        area.move_cursor(area.document.end)
        self.show_section()
        self.reload_commitments()
        if self._ticker is not None:
            self._ticker.resume()

    # -- commitments ---------------------------------------------------------------
    def action_new_commitment(self) -> None:
        self._open_form(None)

    def _open_form(self, commitment: CommitmentRow | None) -> None:
        from oneonone_tui.ui.screens.meeting.commitment_form import CommitmentForm

        def done(changed: bool | None) -> None:
            if changed:
                self.reload_commitments()

        self.app.push_screen(CommitmentForm(self.session, commitment), done)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        self._open_form(event.item.commitment)  # type: ignore[attr-defined]

    def on_key(self, event) -> None:
        view = self.query_one("#commitment-list", ListView)
        if event.key == "delete" and view.has_focus and view.highlighted_child:
            event.stop()
            from oneonone_tui.ui.dialogs import ChoiceScreen

            c = view.highlighted_child.commitment  # type: ignore[attr-defined]

            def chosen(value: str | None) -> None:
                if value == "remove":
                    delete_commitment(self.session.id, c.id)
                    self.notify(f"Removed: {escape(c.text)}")
                    self.reload_commitments()

            self.app.push_screen(
                ChoiceScreen(
                    "Remove this commitment?", escape(c.text), [("y", "remove", "Yes, remove it")]
                ),
                chosen,
            )
