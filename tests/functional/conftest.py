"""Fixtures for Pilot and snapshot tests: a fixed clock, no blinking cursors."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, TextArea

from oneonone_tui.agenda import discover_agendas
from oneonone_tui.store import queries
from oneonone_tui.ui.app import OneOnOneApp

NOW = dt.datetime(2026, 11, 23, 9, 0)


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursor blink frozen so snapshots are stable."""
    monkeypatch.setattr(TextArea, "cursor_blink", False)
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def make_app(store, clock):
    """Build the app on the test database with the test clock."""

    def factory(**kwargs) -> OneOnOneApp:
        return OneOnOneApp(discover_agendas(None), clock=clock, **kwargs)

    return factory


def completed_meeting(rep_name: str, at: dt.datetime, commitments: list[tuple[str, str, dt.date]],
                      cadence: str = "weekly") -> int:
    """A finished past meeting made through the query layer, as the app makes them."""
    from oneonone_tui.agenda import find_agenda

    try:
        rep = queries.find_rep(rep_name)
    except queries.NotFound:
        rep = queries.add_rep(rep_name, cadence)
    agenda = find_agenda(discover_agendas(None), "weekly").agenda
    mid = queries.start_meeting(rep.id, agenda, at)
    for owner, text, due in commitments:
        queries.add_commitment(mid, owner, text, due, at)
    queries.complete_meeting(mid, at + dt.timedelta(minutes=20))
    return mid
