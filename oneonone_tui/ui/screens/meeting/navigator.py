"""Which screen of a meeting comes next: the one module that knows the review, the sections
and the summary. The screens ask it through ``app.navigator`` and never import each other,
so there is no import circle between them; it imports them only when it opens one (their
widgets cost start-up time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneonone_tui.services.commitments import review_items
from oneonone_tui.services.session import MeetingSession

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from oneonone_tui.ui.screens.meeting.sections import MeetingScreen
    from oneonone_tui.ui.screens.meeting.summary import SummaryScreen


class MeetingNavigator:
    def __init__(self, app: App) -> None:
        self.app = app

    def first_screen(self, meeting_id: int, session: MeetingSession | None = None) -> Screen:
        """The screen a meeting in progress stands on: review, sections or summary."""
        from oneonone_tui.ui.screens.meeting.review import ReviewScreen

        session = session or MeetingSession(meeting_id, self.app.clock)  # type: ignore[attr-defined]
        if session.phase == "review":
            if review_items(session.id):
                return ReviewScreen(session)
            self.app.notify("Nothing open from last time: straight to the first section.")
            session.set_phase("sections")
        if session.phase == "summary":
            return self.summary(session)
        return self.sections(session)

    def sections(self, session: MeetingSession) -> MeetingScreen:
        from oneonone_tui.ui.screens.meeting.sections import MeetingScreen

        return MeetingScreen(session)

    def summary(self, session: MeetingSession) -> SummaryScreen:
        from oneonone_tui.ui.screens.meeting.summary import SummaryScreen

        return SummaryScreen(session)

    def meeting_below(self, summary: Screen) -> MeetingScreen | None:
        """The meeting screen ``summary`` was pushed over (``MeetingScreen.open_summary``),
        if it is the one right below and holds the same meeting."""
        from oneonone_tui.ui.screens.meeting.sections import MeetingScreen

        stack = self.app.screen_stack
        if (
            len(stack) > 1
            and stack[-1] is summary
            and isinstance(stack[-2], MeetingScreen)
            and stack[-2].session is getattr(summary, "session", None)
        ):
            return stack[-2]
        return None
