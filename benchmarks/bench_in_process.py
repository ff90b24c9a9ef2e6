"""Section switch, summary, history and home reload timed in-process with Pilot, in a
fresh interpreter (``bench.py --inprocess``) on a copy of the database."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import subprocess
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import HEIGHT, HERE, PYTHON, ROOT, WIDTH, BenchError, Samples, ms
from bench_data import Team, copy_db
from bench_machine import wait_quiet

ENTRY = HERE / "bench.py"  # the child runs the entry point with --inprocess


def measure_inprocess(
    db: Path, work: Path, team: Team, rounds: int, s: Samples, profile: Path | None = None
) -> dict[str, Any]:
    """Run :func:`_inprocess` in a fresh interpreter on a copy of the database; with
    ``profile`` (a folder), one cProfile file per measured activity lands there."""
    copy = copy_db(db, work / "inprocess.db")
    wait_quiet()
    argv = [
        str(PYTHON),
        str(ENTRY),
        "--inprocess",
        str(copy),
        "--rep",
        team.meet,
        "--history-rep",
        team.first,
        "--rounds",
        str(rounds),
    ]
    if profile is not None:
        argv += ["--profile", str(profile)]
    out = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise BenchError(f"the in-process run failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if profile is None:
        for name, values in result.items():
            for v in values:
                s.add(f"inproc.{name}", v)
        print(
            f"  in-process: switch {ms(s.med('inproc.switch'))}, summary "
            f"{ms(s.med('inproc.summary'))}, history {ms(s.med('inproc.history'))}",
            flush=True,
        )
    return result


async def _settle(pilot: Any) -> None:
    """Until the screen has handled what is queued and redrawn (Pilot.pause without its
    20 ms idle-detection sleep)."""
    for _ in range(2):
        await pilot._wait_for_screen()
        pilot.app.screen._on_timer_update()


async def _until(pilot: Any, ready: Callable[[], Any], timeout: float = 30.0) -> None:
    """Let the app work until ``ready()``; no forced redraws on the way (``pilot.pause``
    would force one every time and slow down what is measured)."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise BenchError("in-process: the screen never got there")
        await pilot._wait_for_screen()
        await asyncio.sleep(0.001)


class _Profiles:
    """One cProfile per activity, or nothing at all."""

    def __init__(self, folder: str | None) -> None:
        self.folder = Path(folder) if folder else None
        self.profiles: dict[str, cProfile.Profile] = {}

    def on(self, name: str) -> None:
        if self.folder is not None:
            self.profiles.setdefault(name, cProfile.Profile()).enable()

    def off(self, name: str) -> None:
        if self.folder is not None:
            self.profiles[name].disable()

    def dump(self) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, profile in self.profiles.items():
                profile.dump_stats(str(self.folder / f"{name}.prof"))


async def _inprocess(
    db: str, rep_name: str, history_rep: str, rounds: int, prof: _Profiles
) -> dict[str, list[float]]:
    from oneonone_tui.store.database import open_database
    from oneonone_tui.store.reps import find_rep
    from oneonone_tui.templates.agendas import discover_agendas
    from oneonone_tui.ui.app import OneOnOneApp
    from oneonone_tui.ui.screens.history import HistoryScreen
    from oneonone_tui.ui.screens.home import HomeScreen
    from oneonone_tui.ui.screens.meeting.review import ReviewScreen
    from oneonone_tui.ui.screens.meeting.sections import MeetingScreen
    from oneonone_tui.ui.screens.meeting.summary import SummaryScreen

    open_database(db)
    rep = find_rep(rep_name)
    other = find_rep(history_rep)
    out: dict[str, list[float]] = defaultdict(list)
    clock = time.perf_counter
    app = OneOnOneApp(discover_agendas(None))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await _until(
            pilot,
            lambda: isinstance(app.screen, HomeScreen) and app.screen.query_one("#team").row_count,
        )
        home = app.screen
        for _ in range(rounds):
            prof.on("home")
            t0 = clock()
            home.reload()
            await _settle(pilot)
            out["home_reload"].append(clock() - t0)
            prof.off("home")
        for _ in range(rounds):
            prof.on("history")
            t0 = clock()
            home.open_history(other.id)
            await _until(
                pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.meeting_ids
            )
            await _settle(pilot)
            out["history"].append(clock() - t0)
            prof.off("history")
            app.pop_screen()
            await _until(pilot, lambda: app.screen is home)
            await _settle(pilot)  # the home screen reloads on resume: not part of the next
            await pilot.pause()
        await pilot.pause()
        home.start_new(rep.id, "weekly")
        await _until(
            pilot, lambda: isinstance(app.screen, ReviewScreen | MeetingScreen) and app.screen.ready
        )
        if isinstance(app.screen, ReviewScreen):
            await pilot.press("s")
            await pilot.press("y")
        await _until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.ready)
        screen = app.screen

        def redraw() -> None:
            app.screen._on_timer_update()  # one layout + compositor pass, as a frame

        for variant in ("switch", "switch_pause"):
            for _ in range(rounds):
                while not screen.session.timer.is_last():
                    target = screen.session.timer.current + 1
                    prof.on(variant)
                    t0 = clock()
                    screen.action_next_section()
                    t1 = clock()
                    if variant == "switch":
                        await _until(pilot, lambda t=target: screen.session.timer.current == t)
                        t2 = clock()
                        redraw()
                        out["switch_work"].append(t2 - t0)
                        out["switch_call"].append(t1 - t0)
                    else:
                        await pilot.pause()
                        await _until(pilot, lambda t=target: screen.session.timer.current == t)
                    out[variant].append(clock() - t0)
                    prof.off(variant)
                    await _settle(pilot)
                    await pilot.pause()
                screen._go(0)
                await _settle(pilot)
                await pilot.pause()
        for variant in ("summary", "summary_pause"):
            for _ in range(rounds):
                prof.on(variant)
                t0 = clock()
                screen.action_finish()
                if variant == "summary_pause":
                    await pilot.pause()
                await _until(
                    pilot, lambda: isinstance(app.screen, SummaryScreen) and app.screen.ready
                )
                if variant == "summary":
                    redraw()
                out[variant].append(clock() - t0)
                prof.off(variant)
                await _settle(pilot)
                await pilot.pause()
                app.screen.action_back()
                await _until(
                    pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.ready
                )
                await _settle(pilot)
                await pilot.pause()
                screen = app.screen
        screen.session.pause_for_later()
    return out


def inprocess_main(args: argparse.Namespace) -> int:
    prof = _Profiles(args.profile)
    out = asyncio.run(_inprocess(args.inprocess, args.rep, args.history_rep, args.rounds, prof))
    prof.dump()
    print(json.dumps(out))
    return 0
