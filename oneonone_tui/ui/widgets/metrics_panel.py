"""The numbers of a section: actual vs target, previous periods, a sparkline, the rank.

Tab moves between the cells; only numbers are accepted (a clear inline error otherwise);
each value is saved half a second after the last keystroke and when the section changes.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Sparkline, Static

from oneonone_tui.domain.metrics import (
    Metric,
    describe_period,
    parse_number,
    previous_periods,
    rank,
    review_period,
)
from oneonone_tui.services import numbers
from oneonone_tui.ui.keys import short_key
from oneonone_tui.ui.markup import escape

SAVE_DELAY = 0.5
HISTORY = 12


class MetricsPanel(Vertical):
    BINDINGS = [Binding("f2", "change_target", "Change target", id="metrics.target")]

    def __init__(
        self,
        rep_id: int,
        meeting_id: int,
        metrics: list[Metric],
        today: date,
        *,
        ranking: bool = False,
        confidence: bool = False,
    ) -> None:
        super().__init__(id="metrics-panel")
        self.rep_id, self.meeting_id = rep_id, meeting_id
        self.metrics = metrics
        self.today = today
        self.ranking = ranking
        self.confidence = confidence
        self._pending: dict[str, float | None] = {}
        self._timer = None
        # what each input showed when mounted: Input posts Changed for its initial value,
        # which is not an edit (saving it would re-link last week's numbers to this meeting)
        self._initial: dict[str, str] = {}
        self._touched: set[str] = set()
        self.set_class(ranking, "-ranking")
        self.targets = numbers.targets(rep_id, {m.key: m for m in metrics})
        since = min(
            (
                previous_periods(m.period, review_period(m.period, today), HISTORY)[0]
                for m in metrics
            ),
            default=today,
        )
        self.values = numbers.actuals(rep_id, [m.key for m in metrics], since)

    def compose(self) -> ComposeResult:
        if self.metrics:
            period = self.metrics[0].period
            when = describe_period(period, review_period(period, self.today))
            yield Static(
                Text.assemble(
                    ("Numbers", "bold"),
                    f" · {when} · {short_key(self, 'metrics.target')} target",
                ),
                classes="m-head",
            )
            with Horizontal(classes="metric-row m-columns"):
                for text, cls in (
                    ("Metric", "m-label"),
                    ("Target", "m-target"),
                    ("Before", "m-prev"),
                    ("Actual", "m-input-head"),
                    ("Last 12", "m-spark-head"),
                    ("", "m-rank"),
                ):
                    yield Static(text, classes=cls)
        for m in self.metrics:
            start = review_period(m.period, self.today)
            series = [
                self.values.get((m.key, p)) for p in previous_periods(m.period, start, HISTORY)
            ]
            before = [v for v in series[-4:-1] if v is not None]
            current = self.values.get((m.key, start))
            with Horizontal(classes="metric-row"):
                yield Static(Text(m.label), classes="m-label")
                yield Static(m.format(self.targets[m.key]), classes="m-target")
                yield Static(" · ".join(m.format(v) for v in before) or "-", classes="m-prev")
                shown = "" if current is None else f"{current:g}"
                self._initial[f"actual-{m.key}"] = shown
                yield Input(
                    value=shown,
                    placeholder="-",
                    id=f"actual-{m.key}",
                    classes="m-input",
                    select_on_focus=False,
                )
                yield Sparkline([v or 0 for v in series], classes="m-spark", id=f"spark-{m.key}")
                yield Static(self._rank_text(m), classes="m-rank", id=f"rank-{m.key}")
        if self.confidence:
            rating = numbers.confidence(self.meeting_id)
            self._initial["confidence"] = "" if rating is None else str(rating)
            with Horizontal(classes="metric-row"):
                yield Static("Confidence (1-5)", classes="m-label")
                yield Static("how sure does the rep sound?", classes="m-hint")
                yield Input(
                    value="" if rating is None else str(rating),
                    placeholder="-",
                    id="confidence",
                    classes="m-input",
                    select_on_focus=False,
                )
        yield Label("", id="metrics-error", classes="field-error")

    def _rank_text(self, m: Metric) -> str:
        if not self.ranking or m.kind != "lagging":
            return ""
        start = review_period(m.period, self.today)
        last = rank(numbers.team_totals(m.key, start, start), self.rep_id, m.higher_is_better)
        ytd = rank(
            numbers.team_totals(m.key, start.replace(month=1, day=1), start),
            self.rep_id,
            m.higher_is_better,
        )
        parts = []
        if last:
            parts.append(f"#{last[0]} of {last[1]}")
        if ytd:
            parts.append(f"YTD #{ytd[0]} of {ytd[1]}")
        return " · ".join(parts) or "no rank yet"

    # -- typing -----------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        input_id = event.input.id or ""
        if input_id not in self._touched:
            if self._initial.get(input_id) == event.value:
                return  # the value it was mounted with: nothing typed yet
            self._touched.add(input_id)
        error = self.query_one("#metrics-error", Label)
        raw = event.value.strip()
        if event.input.id == "confidence":
            ok = raw == "" or (raw.isdigit() and 1 <= int(raw) <= 5)
            event.input.set_class(not ok, "-invalid")
            if not ok:
                error.update(Text(f"Confidence: type a whole number from 1 to 5, got {raw!r}"))
                return
            error.update("")
            numbers.set_confidence(self.meeting_id, int(raw) if raw else None)
            return
        key = (event.input.id or "").removeprefix("actual-")
        metric = next(m for m in self.metrics if m.key == key)
        try:
            value = None if raw == "" else parse_number(raw)
        except ValueError as exc:
            event.input.set_class(True, "-invalid")
            error.update(Text(f"{metric.label}: {exc}"))
            return
        event.input.set_class(False, "-invalid")
        error.update("")
        self._pending[key] = value
        if self._timer is None:
            self._timer = self.set_timer(SAVE_DELAY, self.flush)

    def flush(self) -> None:
        """Write the pending values (one statement each)."""
        self._timer = None
        now = self.app.clock.now()
        for key, value in list(self._pending.items()):
            metric = next(m for m in self.metrics if m.key == key)
            numbers.set_actual(
                self.rep_id,
                key,
                review_period(metric.period, self.today),
                value,
                now,
                self.meeting_id,
            )
            self._pending.pop(key, None)

    def on_mount(self) -> None:
        self._screen = self.screen
        self._fields = list(self.query(Input))

    def on_unmount(self) -> None:
        if self._pending:
            self.flush()
        # Textual's Input subscribes to its screen's text-selection signal with a callback
        # that holds the Input, in a WeakKeyDictionary keyed by that Input: the entry keeps
        # its own key alive, so every panel removed on a section switch left its Inputs
        # (and their blink timers) behind. Unsubscribing frees them.
        signal = self._screen.text_selection_started_signal
        for field in self._fields:
            signal.unsubscribe(field)

    # -- targets ----------------------------------------------------------------
    def action_change_target(self) -> None:
        from oneonone_tui.ui.dialogs import TargetScreen

        focused = self.app.focused
        key = (focused.id or "").removeprefix("actual-") if focused is not None else ""
        metric = next(
            (m for m in self.metrics if m.key == key), self.metrics[0] if self.metrics else None
        )
        if metric is None:
            return

        def changed(result: tuple[float, str] | None) -> None:
            if result is None:
                return
            value, reason = result
            numbers.set_target(
                self.rep_id, metric, value, reason, self.app.clock.now(), self.meeting_id
            )
            self.targets[metric.key] = value
            row = self.query_one(f"#actual-{metric.key}").parent
            row.query(".m-target").first().update(metric.format(value))
            self.notify(
                f"{escape(metric.label)} target is now {metric.format(value)} "
                "(kept with today's date and the reason)"
            )

        self.app.push_screen(TargetScreen(metric, self.targets[metric.key]), changed)
