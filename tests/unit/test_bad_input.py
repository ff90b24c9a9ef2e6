"""Bad input everywhere a user can type or point: each gets a clear message naming the
file and what to do, and nothing is overwritten or "repaired" silently."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from oneonone_tui.store.database import StorageError, open_database
from oneonone_tui.store.meetings import load_meeting, save_note, start_meeting
from oneonone_tui.store.reps import add_rep
from oneonone_tui.templates.agendas import discover_agendas, find_agenda, seed_user_agendas

from ..helpers import NOW


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oneonone_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )


def assert_clean_error(out: subprocess.CompletedProcess, *needles: str) -> None:
    assert out.returncode == 1, out
    assert "Traceback" not in out.stderr, out.stderr
    assert out.stderr.startswith("oneonone: error: "), out.stderr
    for needle in needles:
        assert needle in out.stderr, out.stderr


@pytest.fixture
def tiny_mount(tmp_path: Path):
    """A real filesystem we can fill up or make read-only (needs root to mount)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    point = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    point.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(point)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("mounting a tmpfs is not allowed here")
    yield point
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_truncated_database_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "team.db"
    assert run("--db", str(path), "rep", "add", "Ann").returncode == 0
    for n in range(30):
        run("--db", str(path), "rep", "add", f"Rep {n}")
    con = sqlite3.connect(path)
    con.execute("pragma wal_checkpoint(truncate)")
    con.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3 + 100])
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    before = path.read_bytes()
    out = run("--db", str(path), "rep", "list")
    if out.returncode == 0:  # SQLite could read what is left: then it must be intact
        assert "Ann" in out.stdout
    else:
        assert_clean_error(out, str(path))
    assert path.read_bytes() == before


def test_read_only_database_file(tiny_mount: Path):
    path = tiny_mount / "team.db"
    assert run("--db", str(path), "rep", "add", "Ann").returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_mount)], check=True)
    out = run("--db", str(path), "rep", "add", "Bob")
    assert_clean_error(out, str(path))
    assert "read-only" in out.stderr or "cannot open" in out.stderr


def test_read_only_directory_for_a_new_database(tiny_mount: Path):
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_mount)], check=True)
    out = run("--db", str(tiny_mount / "new.db"), "rep", "list")
    assert_clean_error(out, "cannot create the database", str(tiny_mount / "new.db"))


def test_full_disk_is_explained(tiny_mount: Path):
    path = tiny_mount / "team.db"
    database = open_database(str(path))
    rep = add_rep("Ann", now=NOW)
    agenda = find_agenda(discover_agendas(None), "weekly").agenda
    import datetime as dt

    mid = start_meeting(rep.id, agenda, dt.datetime(2026, 11, 23, 9))
    with pytest.raises(Exception) as err:
        for n in range(400):
            save_note(mid, f"k{n}", "x" * 4000, False, dt.datetime(2026, 11, 23, 9))
    database.close()
    assert "full" in str(err.value).lower()
    out = run("--db", str(path), "rep", "add", "Bob " + "y" * 70)
    assert out.returncode in (0, 1)
    if out.returncode == 1:
        assert_clean_error(out, str(path))
        assert "disk" in out.stderr


def test_agenda_edited_or_deleted_during_a_meeting_keeps_the_frozen_copy(store, tmp_path):
    import datetime as dt

    user = tmp_path / "agendas"
    seed_user_agendas(user)
    entry = find_agenda(discover_agendas(user), "weekly")
    rep = add_rep("Ann", now=NOW)
    mid = start_meeting(rep.id, entry.agenda, dt.datetime(2026, 11, 23, 9))
    (user / "weekly.yaml").write_text("name: [broken\n")
    assert not find_agenda(discover_agendas(user), "weekly").ok
    assert load_meeting(mid).agenda == entry.agenda
    (user / "weekly.yaml").unlink()
    state = load_meeting(mid)
    assert [s.key for s in state.agenda.sections] == [s.key for s in entry.agenda.sections]


def test_names_with_quotes(tmp_path: Path):
    db = str(tmp_path / "team.db")
    name = 'Siobhán O\'Brien "Bud"'
    assert run("--db", db, "rep", "add", name).returncode == 0
    assert name in run("--db", db, "rep", "list").stdout
    out = run("--db", db, "rep", "add", name.upper())
    assert_clean_error(out, "already exists")
    assert run("--db", db, "rep", "archive", name).returncode == 0


def test_unreachable_url_and_unknown_scheme(tmp_path: Path):
    assert_clean_error(
        run("--db", "postgresql://u:secret@127.0.0.1:9/x", "due"),
        "postgresql://u:***@127.0.0.1:9/x",
    )
    assert_clean_error(run("--db", "mysql+nope://x/y", "due"), "mysql+nope://x/y")


def test_newer_schema_names_the_file(tmp_path: Path):
    path = tmp_path / "future.db"
    open_database(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("update schema_info set version = 99")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match=str(path)):
        open_database(str(path))
    assert_clean_error(run("--db", str(path), "due"), "newer oneonone", str(path))


@pytest.mark.parametrize(
    "args",
    [("rep", "list"), ("due",), ("commitments",), ("stats",), ("rep", "add", "Zoë")],
)
def test_a_terminal_without_utf8_gets_replacements_never_a_traceback(tmp_path: Path, args):
    db = str(tmp_path / "team.db")
    assert run("--db", db, "rep", "add", "Zoë Ünal").returncode == 0
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG")}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    out = subprocess.run(
        [sys.executable, "-m", "oneonone_tui", "--db", db, *args],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert b"Traceback" not in out.stderr and b"UnicodeEncodeError" not in out.stderr
    assert out.returncode in (0, 1), out.stderr
    if args == ("rep", "list"):
        assert b"Zo? ?nal" in out.stdout


def test_control_characters_in_a_name_never_reach_the_terminal(tmp_path: Path):
    db = str(tmp_path / "team.db")
    added = run("--db", db, "rep", "add", "Evil \x1b]0;PWNED\x07 Rep")
    assert added.returncode == 0 and "\x1b" not in added.stdout and "\x07" not in added.stdout
    for args in (("rep", "list"), ("due",), ("stats",)):
        out = run("--db", db, *args)
        assert out.returncode == 0, out.stderr
        assert "Evil ]0;PWNED Rep" in out.stdout
        assert not any(ch in out.stdout + out.stderr for ch in "\x1b\x07\r")
    listing = run("--db", db, "rep", "list").stdout.splitlines()
    assert len(listing[2].split("  ")[0]) == len(listing[1].split("  ")[0])  # aligned


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("sqlite://", "names no database file"),
        ("sqlite:///", "names no database file"),
        ("sqlite://team.db", "write sqlite:///team.db"),
        ("sqlite:///:memory:", "in-memory database"),
        (":memory:", "in-memory database"),
    ],
)
def test_database_targets_that_would_keep_nothing_are_refused(tmp_path: Path, target, says):
    out = subprocess.run(
        [sys.executable, "-m", "oneonone_tui", "--db", target, "rep", "add", "Ann"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert out.returncode == 1 and says in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and list(tmp_path.iterdir()) == []


def test_a_password_in_the_query_string_is_never_printed(tmp_path: Path):
    out = run("--db", "postgresql://127.0.0.1:1/team?sslmode=disable&password=S3cret-x", "due")
    assert out.returncode == 1
    assert "S3cret-x" not in out.stdout + out.stderr and "password=***" in out.stderr


def test_a_foreign_sqlite_file_is_not_touched_at_all(tmp_path: Path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("create table invoices (id integer)")
    con.commit()
    con.close()
    before = path.read_bytes()
    out = run("--db", str(path), "rep", "list")
    assert out.returncode == 1 and "left untouched" in out.stderr
    assert path.read_bytes() == before  # still in rollback-journal mode, not switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
