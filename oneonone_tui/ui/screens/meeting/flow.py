"""What the screens of a meeting in progress share: quitting never discards."""

from __future__ import annotations

from textual.screen import Screen

from oneonone_tui.services.session import MeetingSession


class MeetingFlowScreen(Screen):
    """Base of the review, section and summary screens of one meeting."""

    session: MeetingSession
    ready = False  # set once mounted: keys pressed during a screen switch wait for it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No meeting action runs before the screen's widgets exist (fast typists press
        keys while a screen is still being switched in)."""
        return self.ready or action in ("request_quit", "app.help")

    def request_quit(self) -> None:
        """Ask: pause and quit (kept in progress) or go to the summary. Never discard."""
        from oneonone_tui.ui.dialogs import QuitMeetingScreen

        def chosen(value: str | None) -> None:
            if value == "pause":
                self.session.pause_for_later()
                if self.session.write_error:
                    self.notify(
                        "Not quitting: the database refuses writes "
                        f"({self.session.write_error}); your notes stay here and are "
                        "retried every second.",
                        severity="error",
                        timeout=10,
                    )
                    return
                self.app.exit(0)
            elif value == "summary":
                self.go_to_summary()

        self.app.push_screen(QuitMeetingScreen(self.session.rep_name), chosen)

    def go_to_summary(self) -> None:
        """Pause the clock, save, and show the summary (the summary itself overrides this)."""
        self.session.flush_notes()
        self.session.timer.pause()
        self.session.save_timing(force=True)
        self.session.set_phase("summary")
        self.open_summary()

    def open_summary(self) -> None:
        """Show the summary in place of this screen (the meeting screen keeps itself and
        its summary instead: see ``MeetingScreen.open_summary``)."""
        self.app.switch_screen(self.app.navigator.summary(self.session))
