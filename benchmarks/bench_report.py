"""The results: one row per measurement with its baseline and budget, and the Markdown
report (machine, data, results table, spread, profiles, the kept hand-written notes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_common import Samples, median, read_or_empty
from bench_data import Team
from bench_machine import QUIET

NOTES_START, NOTES_END = "<!-- notes:start -->", "<!-- notes:end -->"


@dataclass
class Row:
    name: str
    value: float
    unit: str  # "ms" (value in seconds), "MiB", "s"
    baseline: float | None = None
    baseline_name: str = ""
    budget: str = ""
    limit: float | None = None  # ratio limit when baseline, else absolute (value's unit)
    samples: int = 0
    key: str = ""  # what to profile when it fails

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def passed(self) -> bool | None:
        if self.limit is None:
            return None
        measured = self.ratio if self.baseline is not None else self.value
        return measured is not None and measured <= self.limit

    def show(self, value: float | None) -> str:
        if value is None:
            return "-"
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms"
        if self.unit == "s":
            return f"{value:.1f} s"
        return f"{value:.1f} {self.unit}"

    def verdict(self) -> str:
        if self.passed is None:
            return "-"
        if self.passed:
            return "pass"
        measured = self.ratio if self.baseline is not None else self.value
        over = (measured / self.limit - 1) * 100
        if self.baseline is not None:
            return f"**FAIL**: {measured:.2f}x vs {self.limit}x, {over:.0f}% over"
        return f"**FAIL**: {self.show(measured)}, {over:.0f}% over"


def build_rows(s: Samples, build_time: float | None, quick: bool) -> list[Row]:
    rows = []
    if build_time is not None:
        rows.append(
            Row(
                "Demo database build (`oneonone demo`)",
                build_time,
                "s",
                budget="< 60 s",
                limit=60.0 if not quick else None,
                samples=1,
            )
        )

    def add(
        name: str,
        key: str,
        base: str | None,
        base_name: str,
        budget: str,
        limit: float | None,
        unit: str = "ms",
        profile: str = "",
    ) -> None:
        if not s.values.get(key):
            return
        rows.append(
            Row(
                name,
                s.med(key),
                unit,
                s.med(base) if base else None,
                base_name,
                budget,
                limit,
                len(s.values[key]),
                profile,
            )
        )

    add(
        "Start-up to home screen with rep rows (tmux 120x40)",
        "startup.app",
        "startup.bare",
        "bare Static+Footer",
        "<= 1.25x bare",
        1.25,
        profile="startup",
    )
    add(
        "Keystroke to screen, meeting notes",
        "key.app",
        "key.bare",
        "bare TextArea",
        "<= 1.2x bare",
        1.2,
        profile="keystroke",
    )
    add(
        "Start-up CPU time (user+sys) to home screen",
        "startup.app.cpu",
        "startup.bare.cpu",
        "bare Static+Footer",
        "",
        None,
    )
    add(
        "Next section, in-process: `action_next_section()` until the section is shown "
        "and drawn once",
        "inproc.switch",
        None,
        "",
        "< 50 ms",
        0.050,
        profile="inprocess",
    )
    add(
        "Open the summary, in-process: `action_finish()` until the summary is mounted and "
        "drawn once",
        "inproc.summary",
        None,
        "",
        "< 50 ms",
        0.050,
        profile="inprocess",
    )
    add(
        "Next section, in-process: the `action_next_section()` call alone",
        "inproc.switch_call",
        None,
        "",
        "",
        None,
    )
    add(
        "Next section, in-process: until the section changed (before drawing)",
        "inproc.switch_work",
        None,
        "",
        "",
        None,
    )
    add(
        "Next section, in-process: action + `pilot.pause()`",
        "inproc.switch_pause",
        None,
        "",
        "",
        None,
    )
    add(
        "Open the summary, in-process: `action_finish()` + `pilot.pause()`",
        "inproc.summary_pause",
        None,
        "",
        "",
        None,
    )
    add("Next/previous section, wall (key to screen)", "switch.wall", None, "", "", None)
    add("Open the summary, wall (ctrl+f to screen)", "summary.wall", None, "", "", None)
    add("History screen of one rep, wall (h to screen)", "history.wall", None, "", "", None)
    add("History screen of one rep, in-process", "inproc.history", None, "", "", None)
    add("Home screen reload, in-process", "inproc.home_reload", None, "", "", None)
    for cmd, label in (
        ("due", "`oneonone due`"),
        ("commitments", "`oneonone commitments --open`"),
        ("export", "`oneonone export REP --last`"),
    ):
        add(
            label,
            f"cli.{cmd}",
            "cli.baseline",
            '`python -c "import peewee, yaml"`',
            "<= 1.5x",
            1.5,
            profile=f"cli.{cmd}",
        )
    add(
        "Peak RSS, home screen",
        "rss.home",
        "rss.bare_static",
        "bare Static+Footer",
        "<= 1.5x bare",
        1.5,
        unit="MiB",
        profile="rss",
    )
    add(
        "Peak RSS, meeting after typing and switching",
        "rss.meeting",
        "rss.bare_textarea",
        "bare TextArea",
        "<= 1.5x bare",
        1.5,
        unit="MiB",
        profile="rss",
    )
    return rows


def kept_notes(path: Path) -> str:
    text = read_or_empty(str(path))
    if NOTES_START in text and NOTES_END in text:
        return text[text.index(NOTES_START) : text.index(NOTES_END) + len(NOTES_END)]
    return (
        f"{NOTES_START}\n_Hand-written analysis goes here; bench.py keeps this block "
        f"when it rewrites the file._\n{NOTES_END}"
    )


def write_report(
    path: Path,
    rows: list[Row],
    info: dict[str, str],
    team: Team,
    settings: dict[str, Any],
    s: Samples,
    profiles: list[str],
) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/bench.py{' --quick' if settings['quick'] else ''}` "
        f"on {info['Date']}; every number is from this machine, oneonone and its "
        "baseline measured side by side. See benchmarks/README.md for the method.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    lines += [
        "",
        "## Data",
        "",
        f"Demo database: {settings['reps']} reps x {settings['weeks']} weeks, seed 1: "
        + ", ".join(f"{v:,} {k}" for k, v in team.rows.items())
        + ".",
        "",
        f"Runs: start-up {settings['runs']} per app (after one warm-up), keystrokes "
        f"{settings['sessions']} session(s) x {settings['keys']} keys per app, "
        f"in-process {settings['runs']} rounds; medians throughout. Other load: "
        f"before each of {QUIET['checks']} measurement blocks the other processes kept "
        f"a median {median(QUIET['busy']) * 100:.0f}% (max "
        f"{max(QUIET['busy'] or [0]) * 100:.0f}%) of the CPUs busy; "
        f"{QUIET['waited']:.0f} s were spent waiting for them to calm down.",
        "",
        "## Results",
        "",
        "| Measurement | oneonone | Baseline | Ratio | Budget | Result |",
        "| --- | ---: | --- | ---: | --- | --- |",
    ]
    for r in rows:
        base = f"{r.show(r.baseline)} ({r.baseline_name})" if r.baseline is not None else "-"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        lines.append(
            f"| {r.name} | {r.show(r.value)} | {base} | {ratio} | "
            f"{r.budget or '-'} | {r.verdict()} |"
        )
    failed = [r for r in rows if r.passed is False]
    lines += [
        "",
        f"**{len(failed)} of {sum(1 for r in rows if r.passed is not None)} budgets missed.**"
        if failed
        else "**Every budget met.**",
        "",
        "## Spread (min / median / max, samples)",
        "",
        "| Series | min | median | max | n |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, values in sorted(s.values.items()):
        unit = 1 if name.startswith("rss") else 1000
        suffix = " MiB" if name.startswith("rss") else " ms"
        lines.append(
            f"| {name} | {min(values) * unit:.1f}{suffix} | "
            f"{median(values) * unit:.1f}{suffix} | {max(values) * unit:.1f}{suffix} "
            f"| {len(values)} |"
        )
    if profiles:
        lines += ["", "## Where the time goes (profiles of the missed budgets)", ""]
        lines += profiles
    lines += ["", "## Notes", "", kept_notes(path), ""]
    path.write_text("\n".join(lines))
