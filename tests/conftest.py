"""Shared fixtures: an isolated home, a fresh database, a clock the test controls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oneonone_tui.domain.clock import ENV_NOW, FakeClock

from .helpers import PINNED_NOW

TODAY = dt.date(2026, 11, 23)  # a Monday


@pytest.fixture(autouse=True, scope="session")
def pinned_now():
    """Every program a test starts (CLI, tmux, browser, wheel) inherits ONEONONE_NOW: its
    today is the fixtures' today, whatever the date. Session-wide, so module-scoped
    fixtures that run the CLI have it too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_NOW, PINNED_NOW)
        yield PINNED_NOW


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real user data/config dirs or env settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # parsed templates
    for var in ("ONEONONE_DB", "ONEONONE_AGENDAS", "ONEONONE_MANAGER", "ONEONONE_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    from oneonone_tui.store.scope import os_user, set_scope

    set_scope(os_user())  # every test starts as the OS user's own team, read-write
    yield home
    set_scope(os_user())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime.combine(TODAY, dt.time(9, 0)))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "team.db"


@pytest.fixture
def store(db_path: Path):
    """The models bound to a fresh SQLite file for the duration of the test."""
    from oneonone_tui.store.database import open_database

    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursor blink frozen so snapshots are stable."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(TextArea, "cursor_blink", False)
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def make_app(store, clock):
    """Build the app on the test database with the test clock."""
    from oneonone_tui.templates.agendas import discover_agendas
    from oneonone_tui.ui.app import OneOnOneApp

    def factory(**kwargs):
        return OneOnOneApp(discover_agendas(None), clock=clock, **kwargs)

    return factory


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session (see tests/pg.py), or one whose ``url``
    is None with the ``reason`` it could not start."""
    import os

    from .pg import PostgresServer

    server = PostgresServer()
    started = server.start()
    if not started and os.environ.get("CI"):
        server.stop()
        pytest.fail(f"PostgreSQL must run on CI (.ci/run installs it): {server.reason}")
    if not started:
        server.url = None
    yield server
    server.stop()
