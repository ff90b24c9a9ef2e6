"""What the sections' screen draws from the meeting's state: the section list with its
times, and a commitment in the side list."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from oneonone_tui.domain.duedate import describe_due
from oneonone_tui.domain.rebalance import rebalance_timer
from oneonone_tui.domain.timer import MeetingTimer, format_duration
from oneonone_tui.services.commitments import CommitmentRow


def section_list(timer: MeetingTimer, colors: dict[str, str], *, wide: bool) -> Text:
    """The sections and their times. When the meeting runs behind, the sections still to
    come show what they have left to end on time (``4:00→2:10``; ``!`` and a hint when
    under a minute): display only, the plan is unchanged (see ``rebalance``)."""
    i = timer.current
    fit = rebalance_timer(timer)
    lines = Text()
    for n, plan in enumerate(timer.sections):
        status = timer.status(n)
        mark = {"current": "▶", "done": "✓", "upcoming": "·"}[status]
        took = (
            format_duration(timer.elapsed(n))
            if status != "upcoming"
            else format_duration(timer.planned(n))
        )
        style = "bold" if n == i else (colors["text-muted"] if status == "upcoming" else "")
        if status != "upcoming" and timer.elapsed(n) > timer.planned(n):
            took_style = colors["error"]
        else:
            took_style = style
        times = [(took, took_style)]
        cut = fit.get(n) if fit.behind else None
        if cut is not None and (cut.squeezed or format_duration(cut.seconds) != took):
            left = format_duration(cut.seconds)
            left_style = colors["error"] if cut.squeezed else colors["warning"]
            if cut.squeezed:
                mark = "!"
            if wide:
                times = [(took, style), ("→", style), (left, left_style)]
            else:
                times = (
                    [("→", style), (left, left_style)] if len(left) < 5 else [(left, left_style)]
                )
        time_width = sum(len(text) for text, _ in times)
        width = 21 - max(0, time_width - 5) if wide else 0
        title = plan.title if len(plan.title) <= width else plan.title[: width - 1] + "…"
        head = f" {n + 1} {title:<{width}} " if width else f"{n + 1} "
        if mark == "!":
            lines.append(mark, style=colors["error"])
            lines.append(head, style=style)
        else:
            lines.append(mark + head, style=style)
        times[0] = (" " * max(0, 5 - time_width) + times[0][0], times[0][1])
        times[-1] = (times[-1][0] + "\n", times[-1][1])
        for text, text_style in times:
            lines.append(text, style=text_style)
    if fit.squeezed:
        count = len(fit.squeezed)
        lines.append(
            f"\n! To end on time: {count} squeezed <1m" if wide else f"\n! {count} <1m",
            style=colors["error"],
        )
    return lines


def commitment_label(c: CommitmentRow, today: date) -> Text:
    """``Rep Send the proposal`` over ``due Fri 27 Nov``."""
    label = Text()
    label.append("Rep " if c.owner == "rep" else "Mgr ", style="bold")
    label.append(c.text)
    label.append(f"\n  due {describe_due(c.due, today)}", style="dim")
    return label


def update_if_changed(widget: Static, content: str | Text, *, layout: bool = False) -> None:
    """Update a clock widget only when its text changed, without a new layout: the
    clocks tick four times a second while the manager types."""
    key = (
        content.plain if isinstance(content, Text) else content,
        str(getattr(content, "spans", "")),
    )
    if getattr(widget, "_shown", None) != key:
        widget._shown = key  # type: ignore[attr-defined]
        widget.update(content, layout=layout)
