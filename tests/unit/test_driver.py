"""Peewee loaded without psycopg2 for a SQLite database (start-up time, 6 MiB resident),
and a PostgreSQL URL that still works when one is opened later in the same process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from oneonone_tui.store.driver import is_sqlite_target


def test_what_counts_as_sqlite():
    assert is_sqlite_target("team.db") and is_sqlite_target("/tmp/x/team.db")
    assert is_sqlite_target("sqlite:///team.db")
    assert not is_sqlite_target("postgresql://u:p@host/db")


def _run(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()


def test_sqlite_leaves_the_postgresql_driver_unloaded(tmp_path):
    code = (
        "import sys\n"
        "from oneonone_tui.store.driver import load_peewee_for\n"
        f"load_peewee_for({str(tmp_path / 'team.db')!r})\n"
        "print('peewee' in sys.modules, 'psycopg2' in sys.modules, sys.modules.get('psycopg2'))\n"
    )
    assert _run(code)[-1] == "True False None"


def test_postgresql_after_a_sqlite_start(tmp_path, pg_server):
    if pg_server.url is None:
        pytest.skip(f"PostgreSQL could not be started: {pg_server.reason}")
    pg_server.reset()
    code = (
        "from oneonone_tui.store.driver import load_peewee_for\n"
        f"load_peewee_for({str(tmp_path / 'team.db')!r})\n"
        "from oneonone_tui.store.reps import add_rep, list_reps\n"
        "from oneonone_tui.store.database import open_database\n"
        f"database = open_database({pg_server.url!r})\n"
        "import datetime\n"
        "add_rep('Dana Scully', now=datetime.datetime(2026, 11, 23, 9))\n"
        "print(type(database).__name__, [r.name for r in list_reps()])\n"
        "database.close()\n"
    )
    assert _run(code)[-1] == "PostgresqlDatabase ['Dana Scully']"
