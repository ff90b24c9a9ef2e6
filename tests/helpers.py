"""Helpers shared by the Pilot, snapshot and CLI tests."""

from __future__ import annotations

import datetime as dt

from oneonone_tui.agenda import discover_agendas, find_agenda
from oneonone_tui.store import queries

NOW = dt.datetime(2026, 11, 23, 9, 0)


def completed_meeting(rep_name: str, at: dt.datetime, commitments: list[tuple[str, str, dt.date]],
                      cadence: str = "weekly", agenda: str = "weekly") -> int:
    """A finished past meeting made through the query layer, as the app makes them."""
    try:
        rep = queries.find_rep(rep_name)
    except queries.NotFound:
        rep = queries.add_rep(rep_name, cadence)
    template = find_agenda(discover_agendas(None), agenda).agenda
    mid = queries.start_meeting(rep.id, template, at)
    for owner, text, due in commitments:
        queries.add_commitment(mid, owner, text, due, at)
    queries.complete_meeting(mid, at + dt.timedelta(minutes=20))
    return mid


async def type_text(pilot, text: str) -> None:
    """Type like a person: one key press per character."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])
