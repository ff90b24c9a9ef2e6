"""Measurements in the tmux pane: start-up to the home screen, keystroke to screen in a
meeting's notes and in the bare TextArea, section switch, summary and history (wall
clock), and the peak RSS of each app."""

from __future__ import annotations

import random
import time
from pathlib import Path

from bench_common import BARE_STATIC, BARE_TEXTAREA, KEYS, PYTHON, Samples, app_argv, ms
from bench_data import Team, copy_db
from bench_machine import wait_quiet
from bench_tmux_pane import Pane

SUMMARY_NEEDLE = "What we agreed today"
HISTORY_NEEDLE = "newest first"


def measure_startup(pane: Pane, db: Path, team: Team, runs: int, s: Samples) -> None:
    """Launch to the first rep row (app) / to the Static's text (bare), interleaved."""
    plans = [
        ("startup.app", app_argv(db), team.first, "rss.home"),
        (
            "startup.bare",
            [str(PYTHON), str(BARE_STATIC)],
            "bare textual static ready",
            "rss.bare_static",
        ),
    ]
    for run in range(runs + 1):  # the first round warms the caches and is not counted
        for name, argv, needle, rss in plans:
            wait_quiet()
            took = pane.wait(needle, pane.launch(argv))
            cpu = pane.cpu_seconds()
            pane.wait_idle()  # let it settle; then the peak so far
            peak = pane.peak_rss_kb()
            pane.stop()
            if run:
                s.add(name, took)
                s.add(name + ".cpu", cpu)
                s.add(rss, peak / 1024)
        if run:
            print(
                f"  start-up run {run}/{runs}: app {ms(s.values['startup.app'][-1])}, "
                f"bare {ms(s.values['startup.bare'][-1])}",
                flush=True,
            )


def type_keys(pane: Pane, keys: str, s: Samples, name: str, rng: random.Random) -> None:
    for ch in keys:
        since = pane.literal(ch)
        s.add(name, pane.wait(lambda screen, ch=ch: ch in screen, since, timeout=10))
        time.sleep(rng.uniform(0.06, 0.12))  # a fast typist's rhythm


def measure_meeting(
    pane: Pane,
    db: Path,
    work: Path,
    team: Team,
    sessions: int,
    keys: int,
    s: Samples,
    rng: random.Random,
) -> None:
    """In ``oneonone meet REP``: type into the notes, switch sections, open the summary."""
    n = len(team.titles)

    def section(i: int) -> str:
        return f"{i + 1}/{n}  {team.titles[i][:16]}"

    for session in range(sessions):
        wait_quiet()
        copy = copy_db(db, work / "meet.db")
        pane.launch(app_argv(copy, "meet", team.meet))
        pane.wait("Pick the agenda")
        pane.keys("Enter")
        screen_ = ""

        def review_or_sections(screen: str) -> bool:
            nonlocal screen_
            screen_ = screen
            return "What we committed to last time" in screen or section(0) in screen

        pane.wait(review_or_sections)
        if section(0) not in screen_:
            pane.keys("s")
            pane.wait("Skip the review?")
            pane.keys("y")
            pane.wait(section(0))
        chars = KEYS[: keys + 2]
        pane.wait_idle()
        type_keys(pane, chars[:2], Samples(), "warm-up", rng)
        type_keys(pane, chars[2:], s, "key.app", rng)
        current = 0
        for _round in range(2):
            for step in [1] * (n - 1) + [-1] * (n - 1):
                current += step
                pane.wait_idle()
                since = pane.keys("C-n" if step > 0 else "C-b")
                s.add("switch.wall", pane.wait(section(current), since))
        for _round in range(3):
            pane.wait_idle()
            since = pane.keys("C-f")
            s.add("summary.wall", pane.wait(SUMMARY_NEEDLE, since))
            pane.wait_idle()
            pane.keys("C-b")
            pane.wait(section(current))
        s.add("rss.meeting", pane.peak_rss_kb() / 1024)
        pane.stop()
        print(
            f"  meeting session {session + 1}/{sessions}: keystroke median "
            f"{ms(s.med('key.app'))}, switch {ms(s.med('switch.wall'))}, summary "
            f"{ms(s.med('summary.wall'))}",
            flush=True,
        )


def measure_bare_typing(
    pane: Pane, sessions: int, keys: int, s: Samples, rng: random.Random
) -> None:
    for session in range(sessions):
        wait_quiet()
        pane.wait("bare textarea ready", pane.launch([str(PYTHON), str(BARE_TEXTAREA)]))
        pane.wait_idle()
        chars = KEYS[: keys + 2]
        type_keys(pane, chars[:2], Samples(), "warm-up", rng)
        type_keys(pane, chars[2:], s, "key.bare", rng)
        s.add("rss.bare_textarea", pane.peak_rss_kb() / 1024)
        pane.stop()
        print(
            f"  bare TextArea session {session + 1}/{sessions}: keystroke median "
            f"{ms(s.med('key.bare'))}",
            flush=True,
        )


def measure_history(pane: Pane, db: Path, team: Team, runs: int, s: Samples) -> None:
    """``h`` on the home screen's first row until the rep's meetings are listed."""
    wait_quiet()
    pane.wait(team.first, pane.launch(app_argv(db)))
    for _run in range(runs):
        pane.wait_idle()  # back on the home screen, its reload must be over
        since = pane.keys("h")
        s.add("history.wall", pane.wait(HISTORY_NEEDLE, since))
        pane.wait_idle()
        pane.keys("Escape")
        pane.wait(lambda screen: HISTORY_NEEDLE not in screen and team.first in screen)
    pane.stop()
    print(f"  history: {ms(s.med('history.wall'))}", flush=True)
