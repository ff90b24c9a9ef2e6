"""Where the time and the memory go: a cProfile file summed by package and by the app's
main steps, import times by package (``python -X importtime``), and resident memory
after each import step."""

from __future__ import annotations

import json
import math
import pstats
import re
import subprocess
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bench_common import PYTHON, ROOT

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
    "reps.team_overview": lambda f, n: n == "team_overview",
    "follow_through.follow_through_by_rep": lambda f, n: n == "follow_through_by_rep",
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
    "MeetingScreen.tick (4/s clock redraw)": lambda f, n: f.endswith("sections.py") and n == "tick",
    "MeetingScreen.refresh_clocks": lambda f, n: n == "refresh_clocks",
    "MeetingScreen.show_section": lambda f, n: n == "show_section",
    "MeetingSession.go_to (save timings)": lambda f, n: n == "go_to",
    "SummaryScreen.reload": lambda f, n: f.endswith("summary.py") and n == "reload",
    "meetings.meeting_summary": lambda f, n: n == "meeting_summary",
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
from oneonone_tui.ui.screens import home, history
from oneonone_tui.ui.screens.meeting import review, sections, summary
steps.append(("+ oneonone_tui (cli, app, screens) and what they import", rss()))
from oneonone_tui.store.database import open_database
from oneonone_tui.templates.agendas import discover_agendas
from oneonone_tui.store.follow_through import follow_through_by_rep
from oneonone_tui.store.reps import team_overview
import datetime
open_database(DB)
discover_agendas(None)
team_overview(datetime.date.today()); follow_through_by_rep(datetime.date.today())
steps.append(("+ open the database, agendas, home queries", rss()))
print(json.dumps(steps))
""".replace("DB", repr(str(db)))
    out = subprocess.run(
        [str(PYTHON), "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return [tuple(step) for step in json.loads(out.stdout)]
