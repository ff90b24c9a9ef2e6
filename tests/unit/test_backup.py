"""oneonone backup / restore: consistent copies, never a silent overwrite."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from oneonone_tui.store.database import open_database

from ..helpers import PRIVATE_MARKER, fill_team


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oneonone_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )


def filled(path: Path) -> None:
    database = open_database(str(path))
    fill_team()
    database.close()


def test_backup_and_restore_round_trip(tmp_path: Path):
    src = tmp_path / "team.db"
    filled(src)
    for flag, name in (([], "copy.db"), (["--json"], "copy.json")):
        out = run("--db", str(src), "backup", *flag, str(tmp_path / name))
        assert out.returncode == 0, out.stderr
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
        target = tmp_path / f"restored-{name}.db"
        out = run("--db", str(target), "restore", str(tmp_path / name))
        assert out.returncode == 0, out.stderr
        assert "restored 5 reps" in out.stdout
        a = run("--db", str(src), "commitments", "--all", "--json")
        b = run("--db", str(target), "commitments", "--all", "--json")
        assert json.loads(a.stdout) == json.loads(b.stdout)
        exported = run("--db", str(target), "export", "Ann Archer", "--include-private")
        assert PRIVATE_MARKER in exported.stdout


def test_restore_refuses_a_database_with_data(tmp_path: Path):
    src = tmp_path / "team.db"
    filled(src)
    run("--db", str(src), "backup", str(tmp_path / "b.json"), "--json")
    before = src.read_bytes()
    out = run("--db", str(src), "restore", str(tmp_path / "b.json"))
    assert out.returncode == 1 and "--force" in out.stderr
    assert "Traceback" not in out.stderr
    assert src.read_bytes() == before
    assert run("--db", str(src), "restore", "--force", str(tmp_path / "b.json")).returncode == 0


def test_backup_does_not_overwrite_without_force(tmp_path: Path):
    src = tmp_path / "team.db"
    run("--db", str(src), "rep", "add", "Ann")
    existing = tmp_path / "keep.db"
    existing.write_text("precious")
    out = run("--db", str(src), "backup", str(existing))
    assert out.returncode == 1 and "exists" in out.stderr
    assert existing.read_text() == "precious"


def test_restore_rejects_files_that_are_not_backups(tmp_path: Path):
    db = str(tmp_path / "new.db")
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}')
    for path, expected in (
        (junk, "not a oneonone backup"),
        (tmp_path / "missing.json", "no such backup file"),
    ):
        out = run("--db", db, "restore", str(path))
        assert out.returncode == 1 and expected in out.stderr, out.stderr


def test_restore_refuses_a_dump_whose_rows_are_not_objects(tmp_path: Path):
    db = str(tmp_path / "team.db")
    assert run("--db", db, "rep", "add", "Ann").returncode == 0
    dump = tmp_path / "dump.json"
    assert run("--db", db, "backup", "--json", str(dump)).returncode == 0
    data = json.loads(dump.read_text())
    data["tables"]["rep"] = [[1, "Ann"], "nonsense"]
    dump.write_text(json.dumps(data))
    out = run("--db", db, "restore", "--force", str(dump))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "table 'rep' must be a list of rows" in out.stderr
    assert "Ann" in run("--db", db, "rep", "list").stdout  # nothing was changed
