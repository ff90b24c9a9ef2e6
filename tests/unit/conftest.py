"""Storage and CLI tests run twice: on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path, pg_server) -> str:
    """A fresh, empty database: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "team.db")
    if pg_server.url is None:
        pytest.skip(f"PostgreSQL could not be started: {pg_server.reason}")
    pg_server.reset()
    return pg_server.url


@pytest.fixture
def store(db_target):
    from oneonone_tui.store.database import open_database

    database = open_database(db_target)
    yield database
    database.close()
