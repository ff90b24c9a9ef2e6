"""The machine the benchmark runs on: other load on it (waited out before each
measurement and reported), the load average and what the report says about it."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import subprocess
import time
from importlib import metadata

from bench_common import read_or_empty

QUIET = {"waited": 0.0, "checks": 0, "busy": []}


def cpu_busy(interval: float = 0.5) -> float:
    """Share of all CPUs busy over ``interval`` (the harness itself is asleep then)."""

    def snap() -> tuple[int, int]:
        fields = [int(x) for x in read_or_empty("/proc/stat").splitlines()[0].split()[1:9]]
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


def load_average() -> str:
    return read_or_empty("/proc/loadavg").split(" ")[0] or "?"


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in read_or_empty("/proc/cpuinfo").splitlines()
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
