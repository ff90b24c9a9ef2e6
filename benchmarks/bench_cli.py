"""The CLI reports (``due``, ``commitments --open``, ``export REP --last``) against
``python -c "import peewee, yaml"``, each a fresh process in the clean environment."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from bench_common import PYTHON, Samples, app_argv, ms
from bench_data import Team
from bench_machine import wait_quiet


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
