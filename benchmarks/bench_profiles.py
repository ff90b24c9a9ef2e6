"""Profiles of the missed budgets: the real process in the pane under cProfile, the
in-process actions, the CLI commands, and the breakdowns of imports and memory."""

from __future__ import annotations

import os
import random
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from bench_breakdown import import_breakdown, import_table, rss_steps, summarize_profile
from bench_common import BARE_STATIC, BARE_TEXTAREA, KEYS, ONEONONE, PYTHON, BenchError, Samples
from bench_data import Team, copy_db
from bench_in_process import measure_inprocess
from bench_in_tmux import type_keys
from bench_report import Row
from bench_tmux_pane import Pane

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
            type_keys(pane, KEYS[:30], Samples(), "profile", rng)
            mark(False)
            pane.keys("C-q")
            pane.wait("Leave the meeting?")
            pane.keys("p")

        def drive_bare(mark: Callable[[bool], None]) -> None:
            pane.wait("bare textarea ready", timeout=120)
            pane.wait_idle()
            mark(True)
            type_keys(pane, KEYS[:30], Samples(), "profile", rng)
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
                "oneonone_tui.cli.reports, oneonone_tui.store.reps, "
                "oneonone_tui.store.commitments, oneonone_tui.store.follow_through, "
                "oneonone_tui.store.time_discipline, oneonone_tui.store.history, "
                "oneonone_tui.store.database, oneonone_tui.services.export",
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
