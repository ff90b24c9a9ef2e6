"""The demo database: built once and cached, copied fresh for every run, and what the
measurements need to know about its team."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench_common import CACHE, PYTHON, ROOT


def build_db(reps: int, weeks: int) -> tuple[Path, float | None]:
    """The cached demo database (rebuilt when the demo's code or the day changes) and how
    long building it took (remembered next to it for the runs that find it cached)."""
    code = sorted((ROOT / "oneonone_tui" / "demo").glob("*.py"))
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in code)).hexdigest()[:10]
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
    from oneonone_tui.store.reps import team_overview
    from oneonone_tui.templates.agendas import discover_agendas, find_agenda

    open_database(str(db))
    try:
        rows = team_overview(dt.date.today())
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
