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
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_cli import measure_cli
from bench_common import CACHE, ONEONONE, RESULTS, Samples, app_argv
from bench_data import build_db, copy_db, read_team
from bench_in_process import inprocess_main, measure_inprocess
from bench_in_tmux import measure_bare_typing, measure_history, measure_meeting, measure_startup
from bench_machine import load_average, machine
from bench_profiles import profiles_for
from bench_report import build_rows, write_report
from bench_tmux_pane import Pane


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
