"""The Textual application: screens are pushed from here, time comes from ``clock``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from oneonone_tui.domain.clock import Clock, SystemClock
from oneonone_tui.domain.metrics import Metric
from oneonone_tui.services.team import RepInfo
from oneonone_tui.templates.agendas import AgendaEntry
from oneonone_tui.templates.metrics import load_metrics
from oneonone_tui.ui.keys import key_of, short_key

if TYPE_CHECKING:
    from oneonone_tui.ui.screens.meeting.navigator import MeetingNavigator

MIN_WIDTH, MIN_HEIGHT = 40, 12


class OneOnOneApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "oneonone"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+q", "request_quit", "Quit", id="app.quit", priority=True),
        Binding("f9", "toggle_screen_share", "Share", id="app.screen_share", priority=True),
    ]

    def __init__(
        self,
        agendas: list[AgendaEntry],
        *,
        clock: Clock | None = None,
        start_rep: RepInfo | None = None,
        start_agenda: str | None = None,
        metrics: dict[str, Metric] | None = None,
        agendas_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.agendas = agendas
        # where the user's templates live (edited and created from the app); None: bundled
        self.agendas_dir = agendas_dir
        self.metrics: dict[str, Metric] = metrics if metrics is not None else load_metrics(None)[0]
        self.clock: Clock = clock or SystemClock()
        self._start_rep = start_rep
        self._start_agenda = start_agenda
        self._navigator: MeetingNavigator | None = None
        self.keymap: dict[str, str] = {}  # binding id -> key(s), from config.yaml
        self._default_keys: dict[str, str] | None = None
        self._focus_before_share: Widget | None = None  # see action_toggle_screen_share
        self._config_theme: str | None = None  # config.yaml's, when the app started
        self._applying_theme = False

    @property
    def default_keys(self) -> dict[str, str]:
        """Binding id -> default key(s), what the hints show unless config.yaml remaps."""
        if self._default_keys is None:
            self._default_keys = default_keys()
        return self._default_keys

    @property
    def navigator(self) -> MeetingNavigator:
        """Which meeting screen comes next (imported at the first meeting, not at start-up)."""
        if self._navigator is None:
            from oneonone_tui.ui.screens.meeting.navigator import MeetingNavigator

            self._navigator = MeetingNavigator(self)
        return self._navigator

    def on_mount(self) -> None:
        from oneonone_tui.ui.screens.home import HomeScreen

        self._apply_config()

        home = HomeScreen()
        self.push_screen(home)
        if self._start_rep is not None:
            self.call_after_refresh(home.open_meeting, self._start_rep.id, self._start_agenda)
        self._check_size()

    def _apply_config(self) -> None:
        """Key remaps and the theme from config.yaml; the theme picked last time wins."""
        from oneonone_tui.templates.config import load_config, remembered_theme

        config = load_config(default_keys)  # called only if there is a config.yaml
        if config.problems:
            lines = "\n".join(str(p) for p in config.problems[:5])
            self.notify(
                f"{lines}\nStarting with the default keys and theme.",
                title="config.yaml has problems",
                severity="warning",
                timeout=15,
                markup=False,
            )
        if config.keys:
            self.keymap = dict(config.keys)  # what the hints show (oneonone_tui.ui.keys)
            self.set_keymap(config.keys)
        self._config_theme = config.theme
        theme = remembered_theme(config.theme) or config.theme
        if theme in self.available_themes:
            self._applying_theme = True  # config.yaml's or the remembered one: not a new pick
            try:
                self.theme = theme
            finally:
                self._applying_theme = False
        elif config.theme:
            self.notify(
                f"Unknown theme {config.theme!r} in config.yaml; using the default.",
                severity="warning",
                markup=False,
            )

    @property
    def read_only(self) -> bool:
        """Every manager's team on view (--all-managers): nothing may be changed."""
        from oneonone_tui.services import team

        return team.read_only()

    def refuse_if_read_only(self, what: str) -> bool:
        """True (and says why) when ``what`` would change data in the read-only view."""
        if not self.read_only:
            return False
        self.notify(
            f"Read-only: --all-managers shows every team without changing it. "
            f"To {what}, run oneonone --manager NAME.",
            severity="warning",
            title="Read-only",
            markup=False,
        )
        return True

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted and not self._applying_theme:  # picked in the app: remembered
            from oneonone_tui.templates.config import remember_theme

            remember_theme(theme, self._config_theme)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        from oneonone_tui.ui.dialogs import TooSmallScreen

        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from oneonone_tui.ui.commands import agenda_commands, screen_commands, team_commands

        yield from screen_commands(screen)
        yield from team_commands(self)
        yield from agenda_commands(self)
        yield from super().get_system_commands(screen)

    def action_toggle_screen_share(self) -> None:
        """Screen-share mode: everything private hidden, so the terminal can be shown to
        the rep on a call (private notes, other reps, ranking details)."""
        sharing = not self.has_class("-screen-share")
        if sharing:  # a private note box is hidden now: its focus comes back after
            self._focus_before_share = self.focused
        self.set_class(sharing, "-screen-share")
        if not sharing:
            before, self._focus_before_share = self._focus_before_share, None
            if before is not None and before.is_attached and before.screen is self.screen:
                self.call_after_refresh(before.focus)
        self.sub_title = (
            f"SCREEN SHARE: private hidden ({short_key(self, 'app.screen_share')} to end)"
            if sharing
            else ""
        )
        self.notify(
            "Screen share on: private notes, other reps and rankings are hidden"
            if sharing
            else "Screen share off",
            timeout=3,
        )

    @property
    def screen_share(self) -> bool:
        return self.has_class("-screen-share")

    def action_help(self) -> None:
        from oneonone_tui.ui.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_request_quit(self) -> None:
        """Quit, unless a meeting is on the stack: then its screen asks what to do."""
        from oneonone_tui.ui.dialogs import Dialog

        if isinstance(self.screen, Dialog):
            self.notify(
                "Finish this dialog first (Enter), or Esc to cancel it; then "
                f"{key_of(self, 'app.quit')}.",
                severity="warning",
            )
            return
        from oneonone_tui.ui.screens.meeting.flow import MeetingFlowScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, MeetingFlowScreen):  # a meeting: never quit without asking
                while self.screen is not screen:
                    self.pop_screen()
                screen.request_quit()
                return
        self.exit(0)


def default_keys() -> dict[str, str]:
    """Binding id -> its default key(s), for the app and every screen, dialog and widget."""
    from oneonone_tui.ui import dialogs
    from oneonone_tui.ui.keys import binding_keys
    from oneonone_tui.ui.screens import agenda_edit, correct, history, home, rep_detail
    from oneonone_tui.ui.screens.meeting import commitment_form, review, sections, summary
    from oneonone_tui.ui.widgets import metrics_panel, plans_panels

    keys: dict[str, str] = binding_keys(OneOnOneApp.BINDINGS)
    for module in (
        agenda_edit,
        commitment_form,
        correct,
        dialogs,
        history,
        home,
        sections,
        rep_detail,
        review,
        summary,
        metrics_panel,
        plans_panels,
    ):
        for obj in vars(module).values():
            if isinstance(obj, type):
                keys.update(
                    {
                        k: v
                        for k, v in binding_keys(getattr(obj, "BINDINGS", [])).items()
                        if k not in keys
                    }
                )
    return keys


def binding_ids() -> set[str]:
    """Every binding id of the app's screens and widgets (what config.yaml may remap)."""
    return set(default_keys())
