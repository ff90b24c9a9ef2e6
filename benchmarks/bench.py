#!/usr/bin/env python
"""oneonone against bare Textual, side by side on this machine.

    .venv/bin/python benchmarks/bench.py           # full: 50 reps x 260 weeks, 7 runs
    .venv/bin/python benchmarks/bench.py --quick   # smoke: 10 reps x 52 weeks, 3 runs

Builds (and caches under benchmarks/.cache/) a demo database, then measures in a tmux pane
of 120x40 the start-up to the home screen, keystroke-to-screen latency in a meeting's
notes, section switches, the summary and the history screen, peak RSS, and the CLI
reports; section switch and summary are also timed in-process with Pilot. Writes a
Markdown table with budgets to benchmarks/RESULTS.md (``--quick``: to .cache/) and, for
every missed budget, a profile summary of where the time goes. Not part of the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import hashlib
import json
import math
import os
import platform
import pstats
import random
import re
import shlex
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
RESULTS = HERE / "RESULTS.md"
PYTHON = Path(sys.executable)
ONEONONE = PYTHON.parent / "oneonone"
BARE_STATIC = HERE / "bare_static.py"
BARE_TEXTAREA = HERE / "bare_textarea.py"
WIDTH, HEIGHT = 120, 40
POLL = 0.010  # seconds between two looks at the pane
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# typed one at a time; each appears once per session and nowhere in either UI
KEYS = "αβγδεζηθικλμνξπρστυφχψωбгджзийклмнптфцчшщыэюя"
NOTES_START, NOTES_END = "<!-- notes:start -->", "<!-- notes:end -->"
SUMMARY_NEEDLE = "What we agreed today"
HISTORY_NEEDLE = "newest first"


class BenchError(Exception):
    pass


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# --- the pane ---------------------------------------------------------------------------------


class Pane:
    """A private tmux server (its own socket) with one 120x40 pane, status bar off."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"oneonone-bench-{os.getpid()}"
        self.env = env
        self.tmux(
            "new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT), "sleep 100000"
        )
        for option in (("remain-on-exit", "on"), ("status", "off"), ("window-size", "manual")):
            self.tmux("set-option", "-t", "bench", *option)
        self.tmux("resize-window", "-t", "bench", "-x", str(WIDTH), "-y", str(HEIGHT))
        size = self.tmux(
            "display-message", "-p", "-t", "bench", "#{pane_width}x#{pane_height}"
        ).stdout.strip()
        if size != f"{WIDTH}x{HEIGHT}":
            raise BenchError(f"the tmux pane is {size}, not {WIDTH}x{HEIGHT}")
        self.socket_path = self.tmux(
            "display-message", "-p", "#{socket_path}", check=False
        ).stdout.strip()

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
            env={**os.environ, "LANG": "C.UTF-8"},
        )

    def launch(self, argv: list[str]) -> float:
        """Replace what runs in the pane by ``argv`` (under ``env -i``); the launch time."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"exec env -i {exports} " + " ".join(shlex.quote(a) for a in argv)
        self.tmux("clear-history", "-t", "bench", check=False)
        started = time.perf_counter()
        self.tmux("respawn-pane", "-k", "-t", "bench", command)
        return started

    def stop(self) -> None:
        self.tmux("respawn-pane", "-k", "-t", "bench", "sleep 100000", check=False)

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench", check=False).stdout

    def keys(self, *keys: str) -> float:
        started = time.perf_counter()
        self.tmux("send-keys", "-t", "bench", *keys)
        return started

    def literal(self, text: str) -> float:
        started = time.perf_counter()
        self.tmux("send-keys", "-t", "bench", "-l", text)
        return started

    def wait(
        self, check: Callable[[str], bool] | str, since: float | None = None, timeout: float = 60.0
    ) -> float:
        """Seconds from ``since`` until the pane shows what ``check`` wants (polled every
        ~10 ms); raises with the screen after ``timeout``."""
        if isinstance(check, str):
            needle = check
            check = lambda screen: needle in screen  # noqa: E731
        since = time.perf_counter() if since is None else since
        next_look = time.perf_counter()
        while True:
            screen = self.text()
            now = time.perf_counter()
            if check(screen):
                return now - since
            if now - since > timeout:
                raise BenchError(f"timed out waiting on the pane; it shows:\n{screen}")
            next_look += POLL
            pause = next_look - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            else:
                next_look = time.perf_counter()

    def dead(self) -> bool:
        return (
            self.tmux("display-message", "-p", "-t", "bench", "#{pane_dead}").stdout.strip() == "1"
        )

    def wait_dead(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise BenchError("the app did not exit")
            time.sleep(0.05)

    def python_pid(self) -> int:
        """The pane's process, or its deepest python child (``exec`` keeps them one)."""
        pid = int(self.tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").stdout.strip())
        for _ in range(5):
            if "python" in _read(f"/proc/{pid}/cmdline").replace("\0", " "):
                return pid
            children = _read(f"/proc/{pid}/task/{pid}/children").split()
            if not children:
                break
            pid = int(children[0])
        return pid

    def cpu_seconds(self) -> float:
        """user + system CPU time the pane's process has used so far."""
        stat = _read(f"/proc/{self.python_pid()}/stat")
        fields = stat.rsplit(")", 1)[-1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS if len(fields) > 12 else 0.0

    def wait_idle(self, window: float = 0.3, busy: float = 0.06, timeout: float = 10.0) -> None:
        """Until the pane's process used under ``busy`` s of CPU in ``window`` s (20%: an
        open meeting's 4 Hz clock alone stays below): what an action started before (a
        screen reload, say) has finished."""
        deadline = time.monotonic() + timeout
        last = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(window)
            now = self.cpu_seconds()
            if now - last < busy:
                return
            last = now

    def peak_rss_kb(self) -> int:
        status = _read(f"/proc/{self.python_pid()}/status")
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        if not found:
            raise BenchError("cannot read VmHWM of the pane's process")
        return int(found.group(1))

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


# --- other load on the machine ------------------------------------------------------------

QUIET = {"waited": 0.0, "checks": 0, "busy": []}


def cpu_busy(interval: float = 0.5) -> float:
    """Share of all CPUs busy over ``interval`` (the harness itself is asleep then)."""

    def snap() -> tuple[int, int]:
        fields = [int(x) for x in _read("/proc/stat").splitlines()[0].split()[1:9]]
        return fields[3] + fields[4], sum(fields)

    idle1, total1 = snap()
    time.sleep(interval)
    idle2, total2 = snap()
    return 1 - (idle2 - idle1) / max(1, total2 - total1)


def wait_quiet(limit: float = 0.25, patience: float = 30.0) -> None:
    """Before a measurement: wait (up to ``patience`` s) while other processes keep more
    than ``limit`` of the CPUs busy; what was found is reported."""
    started = time.monotonic()
    busy = cpu_busy()
    while busy > limit and time.monotonic() - started < patience:
        busy = cpu_busy(1.0)
    QUIET["waited"] += time.monotonic() - started
    QUIET["checks"] += 1
    QUIET["busy"].append(busy)


# --- the demo database ------------------------------------------------------------------------


def build_db(reps: int, weeks: int) -> tuple[Path, float | None]:
    """The cached demo database (rebuilt when demo.py changes or the day changes) and how
    long building it took (remembered next to it for the runs that find it cached)."""
    simulation = ROOT / "oneonone_tui" / "demo" / "simulation.py"
    digest = hashlib.sha256(simulation.read_bytes()).hexdigest()[:10]
    name = f"demo-{reps}x{weeks}-s1-{dt.date.today():%Y%m%d}-{digest}.db"
    CACHE.mkdir(exist_ok=True)
    path = CACHE / name
    took_file = CACHE / (name + ".seconds")
    if path.exists():
        return path, float(took_file.read_text()) if took_file.exists() else None
    for old in CACHE.glob(f"demo-{reps}x{weeks}-*.db*"):
        old.unlink()
    partial = CACHE / (name + ".partial")
    for extra in ("", "-wal", "-shm"):
        Path(str(partial) + extra).unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "oneonone_tui",
            "--db",
            str(partial),
            "demo",
            "--reps",
            str(reps),
            "--weeks",
            str(weeks),
            "--seed",
            "1",
        ],
        check=True,
        cwd=ROOT,
    )
    took = time.perf_counter() - started
    partial.rename(path)
    took_file.write_text(f"{took:.2f}")
    return path, took


def copy_db(source: Path, target: Path) -> Path:
    for extra in ("", "-wal", "-shm"):
        Path(str(target) + extra).unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    os.chmod(target, 0o600)
    return target


@dataclass
class Team:
    first: str  # the most overdue rep: first row of the home screen
    meet: str  # a rep whose last meeting ran the weekly agenda
    titles: list[str]  # the weekly agenda's section titles
    meetings: int
    rows: dict[str, int]


def read_team(db: Path) -> Team:
    from oneonone_tui.store import queries
    from oneonone_tui.store.database import open_database
    from oneonone_tui.store.models import (
        Commitment,
        Meeting,
        Note,
        ReviewMark,
        SectionRun,
    )
    from oneonone_tui.store.models import (
        db as bound,
    )
    from oneonone_tui.templates.agendas import discover_agendas, find_agenda

    open_database(str(db))
    try:
        rows = queries.team_overview(dt.date.today())
        meet = next((r.name for r in rows[::-1] if r.last_agenda == "weekly"), rows[-1].name)
        weekly = find_agenda(discover_agendas(None), "weekly").agenda
        counts = {
            "meetings": Meeting.select().count(),
            "sections": SectionRun.select().count(),
            "notes": Note.select().count(),
            "commitments": Commitment.select().count(),
            "review marks": ReviewMark.select().count(),
        }
        return Team(
            rows[0].name,
            meet,
            [s.title for s in weekly.sections],
            counts["meetings"],
            {"reps": len(rows), **counts},
        )
    finally:
        bound.close()


# --- measurements in the pane ----------------------------------------------------------------


@dataclass
class Samples:
    values: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, value: float) -> None:
        self.values[name].append(value)

    def med(self, name: str) -> float:
        return median(self.values.get(name, []))


def app_argv(db: Path, *args: str) -> list[str]:
    return [str(ONEONONE), "--db", str(db), *args]


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


def _type_keys(pane: Pane, keys: str, s: Samples, name: str, rng: random.Random) -> None:
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
        _type_keys(pane, chars[:2], Samples(), "warm-up", rng)
        _type_keys(pane, chars[2:], s, "key.app", rng)
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
        _type_keys(pane, chars[:2], Samples(), "warm-up", rng)
        _type_keys(pane, chars[2:], s, "key.bare", rng)
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


def measure_cli(env: dict[str, str], db: Path, team: Team, runs: int, s: Samples) -> None:
    commands = {
        "cli.due": app_argv(db, "due"),
        "cli.commitments": app_argv(db, "commitments", "--open"),
        "cli.export": app_argv(db, "export", team.first, "--last"),
        "cli.baseline": [str(PYTHON), "-c", "import peewee, yaml"],
    }
    for run in range(runs + 1):
        wait_quiet()
        for name, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(
                argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True
            )
            if run:
                s.add(name, time.perf_counter() - started)
    print("  CLI: " + ", ".join(f"{k.split('.')[1]} {ms(s.med(k))}" for k in commands), flush=True)


# --- in-process, with Pilot ---------------------------------------------------------------------


def measure_inprocess(
    db: Path, work: Path, team: Team, rounds: int, s: Samples, profile: Path | None = None
) -> dict[str, Any]:
    """Run :func:`_inprocess` in a fresh interpreter on a copy of the database; with
    ``profile`` (a folder), one cProfile file per measured activity lands there."""
    copy = copy_db(db, work / "inprocess.db")
    wait_quiet()
    argv = [
        str(PYTHON),
        str(Path(__file__).resolve()),
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
    from oneonone_tui.store import queries
    from oneonone_tui.store.database import open_database
    from oneonone_tui.templates.agendas import discover_agendas
    from oneonone_tui.ui.app import OneOnOneApp
    from oneonone_tui.ui.screens.history import HistoryScreen
    from oneonone_tui.ui.screens.home import HomeScreen
    from oneonone_tui.ui.screens.meeting import MeetingScreen
    from oneonone_tui.ui.screens.review import ReviewScreen
    from oneonone_tui.ui.screens.summary import SummaryScreen

    open_database(db)
    rep = queries.find_rep(rep_name)
    other = queries.find_rep(history_rep)
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


# --- budgets and the report --------------------------------------------------------------------


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


def load_average() -> str:
    return _read("/proc/loadavg").split(" ")[0] or "?"


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Textual": metadata.version("textual"),
        "Rich": metadata.version("rich"),
        "Peewee": metadata.version("peewee"),
        "tmux": tmux,
        "SQLite": sqlite3.sqlite_version,
        "Date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def kept_notes(path: Path) -> str:
    text = _read(str(path))
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


# --- profiles ------------------------------------------------------------------------------------

IDLE = ("select", "poll", "epoll", "sleep", "acquire", "wait")


def _package(filename: str, func: str) -> str:
    if filename == "~":
        if any(f"'{w}" in func or f".{w}" in func for w in IDLE) or "select." in func:
            return "(idle wait)"
        if "sqlite3" in func:
            return "sqlite3 (C)"
        if any(w in func for w in ("marshal", "open_code", "posix.stat", "_imp.", "exec")):
            return "imports (C)"
        if "write" in func or "os.read" in func:
            return "terminal I/O (C)"
        return "builtins (C)"
    if "<frozen importlib" in filename or "importlib" in filename:
        return "imports (machinery)"
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "oneonone_tui" in filename:
        return "oneonone_tui"
    if "/benchmarks/" in filename:
        return "benchmark harness"
    found = re.search(r"python3\.\d+/([^/]+)", filename)
    if found:
        return "stdlib " + found.group(1).removesuffix(".py")
    return filename


# labels -> predicate on (filename, function name)
MARKERS: dict[str, Callable[[str, str], bool]] = {
    "all imports (cumulative)": lambda f, n: n == "_find_and_load",
    "open the database + schema check": lambda f, n: n == "open_database",
    "agenda templates (discover + parse YAML)": lambda f, n: n == "discover_agendas",
    "seed the user's agenda copies": lambda f, n: n == "seed_user_agendas",
    "HomeScreen.reload (queries + table)": lambda f, n: f.endswith("home.py") and n == "reload",
    "queries.team_overview": lambda f, n: n == "team_overview",
    "reports.follow_through_by_rep": lambda f, n: n == "follow_through_by_rep",
    "DataTable.add_row": lambda f, n: "data_table" in f and n == "add_row",
    "compose (all widgets)": lambda f, n: f.endswith("_compose.py") and n == "compose",
    "CSS parse + apply (stylesheet)": lambda f, n: "stylesheet" in f and n in ("parse", "apply"),
    "compositor render": lambda f, n: "_compositor" in f and n == "render_update",
    "terminal write (driver)": lambda f, n: "driver" in f and n == "write",
    "layout (Screen._refresh_layout)": lambda f, n: (
        f.endswith("screen.py") and n == "_refresh_layout"
    ),
    "switching screens (App.switch_screen)": lambda f, n: n == "switch_screen",
    "Footer (re)compose on screen change": lambda f, n: (
        "_footer" in f and n in ("recompose", "_watch_compact", "compose")
    ),
    "Static.update (each one asks for a layout)": lambda f, n: (
        f.endswith("_static.py") and n == "update"
    ),
    "MeetingScreen.on_text_area_changed": lambda f, n: n == "on_text_area_changed",
    "MeetingSession.flush_notes (note saves)": lambda f, n: n == "flush_notes",
    "MeetingScreen.tick (4/s clock redraw)": lambda f, n: f.endswith("meeting.py") and n == "tick",
    "MeetingScreen.refresh_clocks": lambda f, n: n == "refresh_clocks",
    "MeetingScreen.show_section": lambda f, n: n == "show_section",
    "MeetingSession.go_to (save timings)": lambda f, n: n == "go_to",
    "SummaryScreen.reload": lambda f, n: f.endswith("summary.py") and n == "reload",
    "queries.meeting_summary": lambda f, n: n == "meeting_summary",
    "TextArea key handling": lambda f, n: "text_area" in f and n in ("_on_key", "insert"),
    "report handler (cmd_*)": lambda f, n: f.endswith("cli/reports.py") and n.startswith("cmd_"),
    "export_text (meeting_detail + render)": lambda f, n: n == "export_text",
}


def summarize_profile(path: Path, title: str, wall: float | None = None) -> list[str]:
    stats = pstats.Stats(str(path))
    raw = stats.stats  # type: ignore[attr-defined]
    by_package: dict[str, float] = defaultdict(float)
    total = idle = 0.0
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in raw.items():
        package = _package(filename, func)
        by_package[package] += tt
        total += tt
        if package == "(idle wait)":
            idle += tt
    busy = total - idle
    lines = [
        f"### {title}",
        "",
        f"cProfile of the run: {busy * 1000:.0f} ms busy"
        + (f" (+{idle * 1000:.0f} ms idle waiting)" if idle > 0.001 else "")
        + (f"; unprofiled wall time {wall * 1000:.0f} ms" if wall and not math.isnan(wall) else "")
        + ". Profiling inflates Python-heavy code, so read the shares, not the "
        "absolute times.",
        "",
        "| Own time by package | ms | share of busy |",
        "| --- | ---: | ---: |",
    ]
    for package, tt in sorted(by_package.items(), key=lambda kv: -kv[1])[:9]:
        if package == "(idle wait)":
            continue
        lines.append(f"| {package} | {tt * 1000:.0f} | {tt / busy * 100:.0f}% |")
    marks = []
    for label, wanted in MARKERS.items():
        cum = max(
            (ct for (f, _l, n), (_cc, _nc, _tt, ct, _c) in raw.items() if wanted(f, n)), default=0.0
        )
        if cum > 0.0005:
            marks.append((label, cum))
    if marks:
        lines += ["", "| Cumulative time in | ms | share of busy |", "| --- | ---: | ---: |"]
        lines += [
            f"| {label} | {cum * 1000:.0f} | {cum / busy * 100:.0f}% |" for label, cum in marks
        ]
    top = sorted(
        (
            (tt, f, line, n)
            for (f, line, n), (_cc, _nc, tt, _ct, _c) in raw.items()
            if _package(f, n) != "(idle wait)"
        ),
        reverse=True,
    )[:8]
    lines += [
        "",
        "Hottest functions (own time): "
        + "; ".join(f"`{_short(f)}:{line}({n})` {tt * 1000:.0f} ms" for tt, f, line, n in top),
        "",
    ]
    return lines


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/main/", "python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


PROFILED = """\
import cProfile, runpy, signal, sys
profile = cProfile.Profile()
out, start, script = sys.argv[1], sys.argv[2] == "on", sys.argv[3]
sys.argv = sys.argv[3:]
signal.signal(signal.SIGUSR1, lambda *_: profile.enable())
signal.signal(signal.SIGUSR2, lambda *_: profile.disable())
if start:
    profile.enable()
try:
    runpy.run_path(script, run_name="__main__")
except SystemExit:
    pass
finally:
    profile.disable()
    profile.dump_stats(out)
"""


def profile_in_pane(
    pane: Pane,
    work: Path,
    name: str,
    argv: list[str],
    drive: Callable[[Callable[[bool], None]], None],
    *,
    from_start: bool,
) -> Path:
    """Run ``argv`` (a Python script and its arguments) in the pane with a cProfile that
    ``drive`` switches on and off (``mark(True)``: SIGUSR1, ``mark(False)``: SIGUSR2) on
    the way to making it quit; on from the first line when ``from_start``."""
    wrapper = work / "profiled.py"
    wrapper.write_text(PROFILED)
    out = work / f"{name}.prof"
    out.unlink(missing_ok=True)
    pane.launch([str(PYTHON), str(wrapper), str(out), "on" if from_start else "off", *argv])

    def mark(on: bool) -> None:
        os.kill(pane.python_pid(), signal.SIGUSR1 if on else signal.SIGUSR2)

    drive(mark)
    pane.wait_dead()
    pane.stop()
    if not out.exists():
        raise BenchError(f"no profile written for {name}")
    return out


# peewee loaded as the oneonone command loads it for a SQLite file (without psycopg2)
AS_THE_COMMAND = (
    "from oneonone_tui.store.driver import load_peewee_for; load_peewee_for('team.db'); "
)


def import_breakdown(code: str, env: dict[str, str]) -> list[tuple[str, float]]:
    """Import time of ``code`` by root package (python -X importtime, self times summed:
    what importing each package costs on its own), largest first."""
    best: dict[str, float] = {}
    for _ in range(3):  # the least of three runs per package: other load only adds
        out = subprocess.run(
            [str(PYTHON), "-X", "importtime", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        per: dict[str, float] = defaultdict(float)
        for line in out.stderr.splitlines():
            found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)", line)
            if found:
                per[found.group(3).split(".")[0].lstrip("_")] += int(found.group(1)) / 1e6
        for package, took in per.items():
            best[package] = min(took, best.get(package, took))
    return sorted(best.items(), key=lambda kv: -kv[1])


def import_table(
    ours: list[tuple[str, float]],
    theirs: list[tuple[str, float]],
    title: str,
    our_name: str,
    their_name: str,
) -> list[str]:
    base = dict(theirs)
    lines = [
        f"### {title}",
        "",
        f"Total: {our_name} {sum(t for _p, t in ours) * 1000:.0f} ms, {their_name} "
        f"{sum(base.values()) * 1000:.0f} ms (python -X importtime, self times summed "
        "by root package).",
        "",
        f"| Package | {our_name} | {their_name} |",
        "| --- | ---: | ---: |",
    ]
    lines += [
        f"| {pkg} | {t * 1000:.0f} ms | "
        + (f"{base[pkg] * 1000:.0f} ms |" if pkg in base else "- |")
        for pkg, t in ours[:12]
    ]
    return [*lines, ""]


def rss_steps(env: dict[str, str], db: Path) -> list[tuple[str, float]]:
    code = r"""
import json, re
def rss():
    return int(re.search(r"VmRSS:\s+(\d+)", open("/proc/self/status").read()).group(1)) / 1024
steps = [("python", rss())]
import textual.app, textual.widgets
steps.append(("+ textual.app, textual.widgets (what the bare app imports)", rss()))
from oneonone_tui.store.driver import load_peewee_for
load_peewee_for(DB)  # as the oneonone command does: no psycopg2 for a SQLite file
import peewee, sqlite3, sys
pg = "psycopg2" in sys.modules
steps.append(("+ peewee, sqlite3" + (" (peewee also loads psycopg2, installed here "
              "for the PostgreSQL tests: libpq, libssl)" if pg else ""), rss()))
import oneonone_tui.cli.main, oneonone_tui.ui.app
from oneonone_tui.ui.screens import home, meeting, review, summary, history
steps.append(("+ oneonone_tui (cli, app, screens) and what they import", rss()))
from oneonone_tui.store.database import open_database
from oneonone_tui.templates.agendas import discover_agendas
from oneonone_tui.store import queries, reports
import datetime
open_database(DB)
discover_agendas(None)
queries.team_overview(datetime.date.today()); reports.follow_through_by_rep(datetime.date.today())
steps.append(("+ open the database, agendas, home queries", rss()))
print(json.dumps(steps))
""".replace("DB", repr(str(db)))
    out = subprocess.run(
        [str(PYTHON), "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return [tuple(step) for step in json.loads(out.stdout)]


def profiles_for(
    failed: list[Row], pane: Pane, env: dict[str, str], db: Path, work: Path, team: Team, s: Samples
) -> list[str]:
    lines: list[str] = []
    keys = {r.key for r in failed}
    if "startup" in keys:
        print("profiling start-up ...", flush=True)

        def quit_at(needle: str) -> Callable[[Callable[[bool], None]], None]:
            def drive(mark: Callable[[bool], None]) -> None:
                pane.wait(needle, timeout=120)
                mark(False)
                pane.keys("C-q")

            return drive

        app = profile_in_pane(
            pane,
            work,
            "startup-app",
            [str(ONEONONE), "--db", str(db)],
            quit_at(team.first),
            from_start=True,
        )
        bare = profile_in_pane(
            pane,
            work,
            "startup-bare",
            [str(BARE_STATIC)],
            quit_at("bare textual static ready"),
            from_start=True,
        )
        lines += summarize_profile(
            app, "Start-up: oneonone, launch to the home screen", s.med("startup.app")
        )
        lines += summarize_profile(
            bare, "Start-up: the bare Static app, launch to its text", s.med("startup.bare")
        )
        lines += import_table(
            import_breakdown(
                f"{AS_THE_COMMAND}import oneonone_tui.cli.main, oneonone_tui.ui.app; "
                "from oneonone_tui.ui.screens import home",
                env,
            ),
            import_breakdown("import textual.app, textual.widgets", env),
            "Start-up: what the imports cost",
            "oneonone",
            "bare",
        )
    if "keystroke" in keys:
        print("profiling typing ...", flush=True)
        rng = random.Random(7)
        n = len(team.titles)
        first = f"1/{n}  {team.titles[0][:16]}"

        def drive_meeting(mark: Callable[[bool], None]) -> None:
            pane.wait("Pick the agenda", timeout=120)
            pane.keys("Enter")
            pane.wait(lambda sc: "What we committed" in sc or first in sc)
            if first not in pane.text():
                pane.keys("s")
                pane.wait("Skip the review?")
                pane.keys("y")
                pane.wait(first)
            pane.wait_idle()
            mark(True)
            _type_keys(pane, KEYS[:30], Samples(), "profile", rng)
            mark(False)
            pane.keys("C-q")
            pane.wait("Leave the meeting?")
            pane.keys("p")

        def drive_bare(mark: Callable[[bool], None]) -> None:
            pane.wait("bare textarea ready", timeout=120)
            pane.wait_idle()
            mark(True)
            _type_keys(pane, KEYS[:30], Samples(), "profile", rng)
            mark(False)
            pane.keys("C-q")

        copy = copy_db(db, work / "profile-meet.db")
        app = profile_in_pane(
            pane,
            work,
            "typing-app",
            [str(ONEONONE), "--db", str(copy), "meet", team.meet],
            drive_meeting,
            from_start=False,
        )
        bare = profile_in_pane(
            pane, work, "typing-bare", [str(BARE_TEXTAREA)], drive_bare, from_start=False
        )
        lines += summarize_profile(
            app, "Typing: 30 keys into a meeting's notes (profiled from the first key to the last)"
        )
        lines += summarize_profile(bare, "Typing: 30 keys into the bare TextArea (same)")
    if "inprocess" in keys:
        print("profiling section switch and summary in-process ...", flush=True)
        folder = work / "inprocess-profiles"
        measure_inprocess(db, work, team, 5, Samples(), profile=folder)
        lines += summarize_profile(
            folder / "switch.prof",
            "In-process: next section x 20 (action until shown and drawn once, Pilot)",
        )
        lines += summarize_profile(
            folder / "summary.prof",
            "In-process: open the summary x 5 (action until mounted and drawn once, Pilot)",
        )
    for cmd in ("due", "commitments", "export"):
        if f"cli.{cmd}" not in keys:
            continue
        print(f"profiling oneonone {cmd} ...", flush=True)
        args = {
            "due": ["due"],
            "commitments": ["commitments", "--open"],
            "export": ["export", team.first, "--last"],
        }[cmd]
        out = work / f"cli-{cmd}.prof"
        subprocess.run(
            [str(PYTHON), "-m", "cProfile", "-o", str(out), str(ONEONONE), "--db", str(db), *args],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        lines += summarize_profile(out, f"CLI: oneonone {' '.join(args)}", s.med(f"cli.{cmd}"))
    if any(k.startswith("cli.") for k in keys):
        lines += import_table(
            import_breakdown(
                f"{AS_THE_COMMAND}import oneonone_tui.cli.main, "
                "oneonone_tui.cli.reports, oneonone_tui.store.queries, "
                "oneonone_tui.store.reports, oneonone_tui.store.database, "
                "oneonone_tui.services.export",
                env,
            ),
            import_breakdown("import peewee, yaml", env),
            "CLI: what the imports cost",
            "oneonone CLI",
            "baseline",
        )
    if "rss" in keys:
        print("measuring memory by import step ...", flush=True)
        steps = rss_steps(env, db)
        lines += [
            "### Peak RSS: resident memory after each step (VmRSS)",
            "",
            "| Step | MiB | added |",
            "| --- | ---: | ---: |",
        ]
        last = 0.0
        for label, mib in steps:
            lines.append(
                f"| {label} | {mib:.1f} | {mib - last:+.1f} |"
                if last
                else f"| {label} | {mib:.1f} | |"
            )
            last = mib
        lines.append("")
    return lines


# --- main -----------------------------------------------------------------------------------


def clean_env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "LANG": "C.UTF-8",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="10 reps x 52 weeks and 3 runs: a smoke check"
    )
    parser.add_argument("--runs", type=int, help="runs per measurement (default 7, quick 3)")
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the Markdown "
        "(default benchmarks/RESULTS.md, quick: benchmarks/.cache/)",
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip profiling the missed budgets"
    )
    parser.add_argument("--inprocess", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--rep", help=argparse.SUPPRESS)
    parser.add_argument("--history-rep", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help=argparse.SUPPRESS)
    parser.add_argument("--profile", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inprocess:
        return inprocess_main(args)
    if shutil.which("tmux") is None:
        print("bench: tmux is needed (apt-get install tmux)", file=sys.stderr)
        return 1
    if not ONEONONE.exists():
        print(
            f"bench: run me with the venv's python ({ONEONONE} is missing: pip install -e .)",
            file=sys.stderr,
        )
        return 1
    load_before = load_average()
    quick = args.quick
    reps, weeks = (10, 52) if quick else (50, 260)
    runs = args.runs or (3 if quick else 7)
    sessions, keys = (1, 20) if quick else (3, 40)
    output = args.output or (CACHE / "RESULTS-quick.md" if quick else RESULTS)
    settings = {
        "quick": quick,
        "reps": reps,
        "weeks": weeks,
        "runs": runs,
        "sessions": sessions,
        "keys": keys,
    }

    print(f"demo database {reps} reps x {weeks} weeks ...", flush=True)
    cached, build_time = build_db(reps, weeks)
    print(
        f"  {cached.name}" + (f" built in {build_time:.1f} s" if build_time else " (cached)"),
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="oneonone-bench-"))
    env = clean_env(work / "home")
    s = Samples()
    rng = random.Random(1)
    pane = Pane(env)
    try:
        db = copy_db(cached, work / "team.db")
        team = read_team(db)
        # seed the agenda copies once, as a first run would, so no measured run does it
        subprocess.run(
            app_argv(db, "agenda", "list"), env=env, check=True, stdout=subprocess.DEVNULL
        )
        print("start-up ...", flush=True)
        measure_startup(pane, db, team, runs, s)
        print("typing, section switches, summary ...", flush=True)
        measure_meeting(pane, db, work, team, sessions, keys, s, rng)
        measure_bare_typing(pane, sessions, keys, s, rng)
        print("history ...", flush=True)
        measure_history(pane, db, team, runs, s)
        print("CLI ...", flush=True)
        measure_cli(env, db, team, runs, s)
        print("in-process ...", flush=True)
        measure_inprocess(db, work, team, runs, s)
        rows = build_rows(s, build_time, quick)
        failed = [r for r in rows if r.passed is False]
        profiles = (
            []
            if args.no_profile or not failed
            else profiles_for(failed, pane, env, db, work, team, s)
        )
    finally:
        pane.close()
    info = machine()
    info["Load average (1 min) before / after"] = f"{load_before} / {load_average()}"
    write_report(output, rows, info, team, settings, s, profiles)
    shutil.rmtree(work, ignore_errors=True)
    print()
    for r in rows:
        ratio = f" ({r.ratio:.2f}x {r.baseline_name})" if r.ratio is not None else ""
        print(f"{r.name}: {r.show(r.value)}{ratio}  {r.verdict()}")
    print(f"\nwrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
