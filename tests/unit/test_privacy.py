"""Privacy on disk: private dirs and files from the first run, a warning otherwise."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oneonone_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_run_creates_private_dirs_and_files(isolated_home: Path):
    out = run("rep", "add", "Ann")  # the default database, in the user data dir
    assert out.returncode == 0, out.stderr
    data = isolated_home / "data" / "oneonone"
    assert mode(data) == 0o700 and mode(isolated_home / "data") == 0o700
    assert mode(data / "oneonone.db") == 0o600
    assert run("agenda", "list").returncode == 0
    config = isolated_home / "config" / "oneonone"
    assert mode(config) == 0o700 and mode(config / "agendas") == 0o700


def test_warning_when_the_database_is_readable_by_others(tmp_path: Path):
    db = tmp_path / "team.db"
    run("--db", str(db), "rep", "add", "Ann")
    os.chmod(db, 0o644)
    out = run("--db", str(db), "rep", "list")
    assert out.returncode == 0
    assert "readable by other users" in out.stderr and "chmod 600" in out.stderr
