"""Search over years of notes: the newest hits first, the limit keeping the latest; and
``oneonone search`` on the command line (both backends)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from oneonone_tui.store.history import search
from oneonone_tui.store.meetings import save_note, start_meeting
from oneonone_tui.store.models import Meeting
from oneonone_tui.store.reps import add_rep
from oneonone_tui.templates.agendas import discover_agendas, find_agenda

from ..helpers import NOW


def _history(weeks: int) -> int:
    """A rep with ``weeks`` weekly meetings, each with a note that says 'pricing'."""
    rep = add_rep("Dana Scully", now=NOW)
    agenda = find_agenda(discover_agendas(None), "weekly").agenda
    for n in range(weeks):
        at = NOW - dt.timedelta(weeks=weeks - n)
        mid = start_meeting(rep.id, agenda, at)
        save_note(mid, agenda.sections[0].key, f"week {n}: pricing talk", False, at)
        save_note(mid, agenda.sections[1].key, f"week {n}: private pricing", True, at)
        Meeting.update(status="completed", ended_at=at + dt.timedelta(minutes=20)).where(
            Meeting.id == mid
        ).execute()
    return rep.id


def test_the_limit_keeps_the_newest_hits(store):
    _history(30)
    hits = search("PRICING", limit=5)
    assert [h.text.split(":")[0] for h in hits] == [f"week {n}" for n in (29, 29, 28, 28, 27)]
    shared = search("pricing", include_private=False, limit=3)
    assert [h.text for h in shared] == [f"week {n}: pricing talk" for n in (29, 28, 27)]


def _cli(db: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oneonone_tui", "--db", db, *args],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=60,
    )


def test_search_on_the_command_line(store, db_target):
    _history(3)
    store.close()
    table = _cli(db_target, "search", "pricing")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["WHEN", "REP", "MEETING", "WHERE", "TEXT"]
    assert "week 2: pricing talk" in lines[2] and "private" not in table.stdout
    with_private = _cli(db_target, "search", "pricing", "--include-private", "--json")
    rows = json.loads(with_private.stdout)
    assert [r["text"] for r in rows][:2] == ["week 2: pricing talk", "week 2: private pricing"]
    assert {"meeting_id", "rep", "started_at", "kind", "where"} <= set(rows[0])
    assert _cli(db_target, "search", "nothing-like-it").stdout.startswith("nothing found")
    nobody = _cli(db_target, "search", "pricing", "--rep", "Nobody")
    assert nobody.returncode == 1 and "no rep named 'Nobody'" in nobody.stderr
