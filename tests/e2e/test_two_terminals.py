"""Two oneonone processes on one SQLite file: both keep working, nothing is locked out."""

from __future__ import annotations

import sqlite3
import subprocess
import time

import pytest

from .tmux import CONSOLE_SCRIPT, Terminal, app_env, require_tmux

pytestmark = pytest.mark.e2e


def read_notes(target: str) -> list[str]:
    if "://" in target:
        import psycopg2

        con = psycopg2.connect(target)
        with con.cursor() as cur:
            cur.execute("select text from note")
            rows = cur.fetchall()
        con.close()
    else:
        con = sqlite3.connect(target)
        rows = con.execute("select text from note").fetchall()
        con.close()
    return sorted(t for (t,) in rows)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_apps_and_the_cli_share_one_database(tmp_path, backend, pg_server):
    """Two managers' terminals (and a script) writing at once lose nothing."""
    require_tmux()
    env = app_env(tmp_path)
    if backend == "postgresql":
        if pg_server.url is None:
            pytest.skip(f"PostgreSQL could not be started: {pg_server.reason}")
        pg_server.reset()
        env["ONEONONE_DB"] = pg_server.url
    for name in ("Ann Archer", "Bob Baker"):
        subprocess.run(
            [str(CONSOLE_SCRIPT), "rep", "add", name], env=env, check=True, capture_output=True
        )
    first, second = Terminal(env), Terminal(env)
    try:
        for term, rep in ((first, "Ann Archer"), (second, "Bob Baker")):
            term.start("meet", rep)
            term.wait_for("Pick the agenda")
            term.keys("Enter")
            term.wait_for("1/5")
        for n in range(3):
            first.type(f"ann {n} ")
            second.type(f"bob {n} ")
            # meanwhile a third process writes through the CLI
            out = subprocess.run(
                [str(CONSOLE_SCRIPT), "rep", "add", f"Extra {n}"],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert out.returncode == 0, out.stderr
            assert "locked" not in out.stderr
        first.wait_for("ann 2")
        second.wait_for("bob 2")
        time.sleep(1.5)
        for term in (first, second):
            assert "Traceback" not in term.text() and "NOT SAVED" not in term.text()
        assert read_notes(env["ONEONONE_DB"]) == ["ann 0 ann 1 ann 2 ", "bob 0 bob 1 bob 2 "]
    finally:
        first.close()
        second.close()
