"""Storage: opening, pragmas, privacy, schema versions and the query layer."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from oneonone_tui.domain.agenda import Agenda, Section
from oneonone_tui.store.commitments import (
    add_commitment,
    mark_review,
    open_commitments,
    review_items,
    unmark_review,
)
from oneonone_tui.store.database import (
    SCHEMA_VERSION,
    StorageError,
    open_database,
    redact_url,
    schema_version,
)
from oneonone_tui.store.errors import NotFound, QueryError
from oneonone_tui.store.meetings import (
    complete_meeting,
    last_agenda_slug,
    load_meeting,
    save_note,
    save_timing,
    start_meeting,
)
from oneonone_tui.store.models import Commitment, Meeting, ReviewMark
from oneonone_tui.store.reps import add_rep, archive_rep, find_rep, list_reps, team_overview

NOW = dt.datetime(2026, 11, 23, 9, 0)
TODAY = NOW.date()

AGENDA = Agenda(
    name="Test agenda",
    type="weekly",
    description="",
    require_commitments=1,
    sections=(Section("goal", "Goal?", 4), Section("help", "Help?", 2.5)),
    slug="test",
)


# --- opening --------------------------------------------------------------------


def test_new_database_is_private_wal_with_foreign_keys(tmp_path: Path):
    path = tmp_path / "new" / "deeper" / "team.db"
    database = open_database(str(path))
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert schema_version(database) == SCHEMA_VERSION
    finally:
        database.close()


def test_sqlite_url_is_accepted(tmp_path: Path):
    path = tmp_path / "url.db"
    database = open_database(f"sqlite:///{path}")
    database.close()
    assert path.exists()


def test_not_sqlite_file_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"these are my private notes, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a oneonone database"):
        open_database(str(path))
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("create table invoices (id integer)")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="other tables"):
        open_database(str(path))


def test_newer_schema_is_refused(tmp_path: Path):
    path = tmp_path / "future.db"
    open_database(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("update schema_info set version = ?", (SCHEMA_VERSION + 5,))
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="newer oneonone"):
        open_database(str(path))


def test_unwritable_directory_is_explained(tmp_path: Path):
    if os.geteuid() == 0:
        target = Path("/proc/oneonone-cannot-be-here/team.db")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "team.db"
    with pytest.raises(StorageError, match="cannot create the database"):
        open_database(str(target))


def test_directory_as_database_is_explained(tmp_path: Path):
    with pytest.raises(StorageError, match="is a directory"):
        open_database(str(tmp_path))


def test_password_is_redacted():
    assert (
        redact_url("postgresql://ann:s3cret@db.local:5432/team")
        == "postgresql://ann:***@db.local:5432/team"
    )
    assert "s3cret" not in redact_url("postgresql://ann:s3cret@db/x")


def test_unreachable_postgres_url_gives_message_without_password():
    with pytest.raises(StorageError) as err:
        open_database("postgresql://ann:s3cret@127.0.0.1:1/team")
    assert "s3cret" not in str(err.value)
    assert "postgresql://ann:***@127.0.0.1:1/team" in str(err.value)


# --- schema upgrade from version 1 ------------------------------------------------

V1_SCHEMA = """
CREATE TABLE schema_info (id INTEGER NOT NULL PRIMARY KEY, version INTEGER NOT NULL);
CREATE TABLE rep (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL,
  cadence VARCHAR(255) NOT NULL, archived INTEGER NOT NULL, created_at DATETIME NOT NULL);
CREATE UNIQUE INDEX rep_name ON rep (name);
CREATE TABLE meeting (id INTEGER NOT NULL PRIMARY KEY, rep_id INTEGER NOT NULL,
  agenda_slug VARCHAR(255) NOT NULL, agenda_name VARCHAR(255) NOT NULL,
  agenda_json TEXT NOT NULL, status VARCHAR(255) NOT NULL, started_at DATETIME NOT NULL,
  ended_at DATETIME, FOREIGN KEY (rep_id) REFERENCES rep (id) ON DELETE CASCADE);
CREATE INDEX meeting_rep_id_status_started_at ON meeting (rep_id, status, started_at);
CREATE TABLE section_run (id INTEGER NOT NULL PRIMARY KEY, meeting_id INTEGER NOT NULL,
  position INTEGER NOT NULL, key VARCHAR(255) NOT NULL, title VARCHAR(255) NOT NULL,
  planned_seconds INTEGER NOT NULL, actual_seconds REAL NOT NULL,
  FOREIGN KEY (meeting_id) REFERENCES meeting (id) ON DELETE CASCADE);
CREATE UNIQUE INDEX section_run_meeting_id_position ON section_run (meeting_id, position);
CREATE TABLE note (id INTEGER NOT NULL PRIMARY KEY, meeting_id INTEGER NOT NULL,
  section_key VARCHAR(255) NOT NULL, text TEXT NOT NULL, private INTEGER NOT NULL,
  updated_at DATETIME NOT NULL,
  FOREIGN KEY (meeting_id) REFERENCES meeting (id) ON DELETE CASCADE);
CREATE UNIQUE INDEX note_meeting_id_section_key ON note (meeting_id, section_key);
CREATE TABLE commitment (id INTEGER NOT NULL PRIMARY KEY, meeting_id INTEGER NOT NULL,
  rep_id INTEGER NOT NULL, owner VARCHAR(255) NOT NULL, text TEXT NOT NULL,
  due DATE NOT NULL, status VARCHAR(255) NOT NULL, closed_in_id INTEGER,
  note TEXT NOT NULL, created_at DATETIME NOT NULL,
  FOREIGN KEY (meeting_id) REFERENCES meeting (id) ON DELETE CASCADE,
  FOREIGN KEY (rep_id) REFERENCES rep (id) ON DELETE CASCADE,
  FOREIGN KEY (closed_in_id) REFERENCES meeting (id) ON DELETE SET NULL);
CREATE INDEX commitment_rep_id_status ON commitment (rep_id, status);
"""


def test_version_1_file_is_upgraded_in_place(tmp_path: Path):
    path = tmp_path / "v1.db"
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA)
    con.executescript(f"""
        INSERT INTO schema_info (version) VALUES (1);
        INSERT INTO rep VALUES (1, 'Dana Scully', 'weekly', 0, '2026-01-05 09:00:00');
        INSERT INTO meeting VALUES (1, 1, 'test', 'Test agenda',
            '{_agenda_json()}', 'completed', '2026-11-16 09:00:00', '2026-11-16 09:21:00');
        INSERT INTO section_run VALUES (1, 1, 0, 'goal', 'Goal?', 240, 250.0);
        INSERT INTO section_run VALUES (2, 1, 1, 'help', 'Help?', 150, 0);
        INSERT INTO note VALUES (1, 1, 'goal', 'Pipeline up 20%', 0, '2026-11-16 09:03:00');
        INSERT INTO commitment VALUES (1, 1, 1, 'rep', 'Call Acme', '2026-11-20', 'open',
            NULL, '', '2026-11-16 09:10:00');
    """)
    con.commit()
    con.close()

    database = open_database(str(path))
    try:
        assert schema_version(database) == SCHEMA_VERSION
        state = load_meeting(1)
        assert state.phase == "summary"
        assert [s.visited for s in state.sections] == [True, False]
        assert state.notes["goal"].text == "Pipeline up 20%"
        (item,) = open_commitments(1)
        assert (item.text, item.carry_count, item.due) == ("Call Acme", 0, dt.date(2026, 11, 20))
        assert ReviewMark.select().count() == 0
        rows = team_overview(TODAY)
        assert rows[0].last_met == dt.date(2026, 11, 16)
    finally:
        database.close()
    # opening again is a no-op
    open_database(str(path)).close()


def _agenda_json() -> str:
    import json

    return json.dumps(AGENDA.to_dict()).replace("'", "''")


# --- reps -----------------------------------------------------------------------


def test_rep_add_list_archive(store):
    add_rep("  Dana   Scully ", "weekly", now=NOW)
    add_rep("Fox Mulder", "every 10 days", now=NOW)
    assert [r.name for r in list_reps()] == ["Dana Scully", "Fox Mulder"]
    assert find_rep("dana scully").cadence == "weekly"
    assert find_rep("Fox Mulder").cadence == "every 10 days"
    with pytest.raises(QueryError, match="already exists"):
        add_rep("DANA SCULLY", now=NOW)
    with pytest.raises(QueryError, match="unknown cadence"):
        add_rep("Walter", "sometimes", now=NOW)
    with pytest.raises(QueryError, match="needs a name"):
        add_rep("   ", now=NOW)
    archive_rep("Fox Mulder")
    assert [r.name for r in list_reps()] == ["Dana Scully"]
    assert len(list_reps(include_archived=True)) == 2
    with pytest.raises(NotFound, match="no rep named 'Fox Mulder'"):
        find_rep("Fox Mulder")


# --- meetings -------------------------------------------------------------------


def _meeting(rep_name="Dana Scully", at=NOW) -> int:
    try:
        rep = find_rep(rep_name)
    except NotFound:
        rep = add_rep(rep_name, now=NOW)
    return start_meeting(rep.id, AGENDA, at)


def test_meeting_is_started_with_a_frozen_agenda(store):
    mid = _meeting()
    state = load_meeting(mid)
    assert state.agenda == AGENDA
    assert [(s.key, s.planned_seconds) for s in state.sections] == [("goal", 240), ("help", 150)]
    assert state.phase == "review" and state.status == "in_progress"
    with pytest.raises(QueryError, match="in progress"):
        start_meeting(state.rep_id, AGENDA, NOW)


def test_notes_are_upserted(store):
    mid = _meeting()
    save_note(mid, "goal", "first", False, NOW)
    save_note(mid, "goal", "first and more", True, NOW)
    note = load_meeting(mid).notes["goal"]
    assert (note.text, note.private) == ("first and more", True)


def test_timing_is_saved(store):
    mid = _meeting()
    save_timing(mid, 1, [(250.4, 60, True), (12.0, 0, True)])
    state = load_meeting(mid)
    assert state.current_section == 1
    assert [(s.actual_seconds, s.extra_seconds, s.visited) for s in state.sections] == [
        (250.4, 60, True),
        (12.0, 0, True),
    ]


def test_complete_is_refused_until_the_minimum_is_met(store):
    mid = _meeting()
    with pytest.raises(QueryError, match="at least 1 commitment"):
        complete_meeting(mid, NOW)
    add_commitment(mid, "manager", "Book the joint call", TODAY, NOW)
    complete_meeting(mid, NOW)
    m = Meeting.get_by_id(mid)
    assert (m.status, m.ended_at) == ("completed", NOW)


def test_review_marks_and_undo(store):
    first = _meeting()
    a = add_commitment(first, "rep", "Send proposal", TODAY, NOW)
    b = add_commitment(first, "manager", "Get pricing approval", TODAY, NOW)
    c = add_commitment(first, "rep", "Call Acme", TODAY, NOW)
    complete_meeting(first, NOW)
    later = NOW + dt.timedelta(days=7)
    second = _meeting(at=later)
    assert [i.commitment.text for i in review_items(second)] == [
        "Send proposal",
        "Get pricing approval",
        "Call Acme",
    ]

    mark_review(second, a.id, "done", later)
    mark_review(second, b.id, "carried", later, new_due=dt.date(2026, 12, 4))
    mark_review(second, c.id, "dropped", later, reason="account lost")
    items = {i.commitment.id: i for i in review_items(second)}
    assert items[a.id].verdict == "done"
    assert items[b.id].verdict == "carried" and items[b.id].new_due == dt.date(2026, 12, 4)
    assert items[b.id].commitment.carry_count == 1
    assert items[c.id].reason == "account lost"
    # marking again replaces, never doubles
    mark_review(second, b.id, "missed", later)
    assert Commitment.get_by_id(b.id).carry_count == 0
    assert Commitment.get_by_id(b.id).due == TODAY
    assert ReviewMark.select().where(ReviewMark.commitment == b.id).count() == 1
    unmark_review(second, a.id)
    assert Commitment.get_by_id(a.id).status == "open"
    assert [i.commitment.id for i in review_items(second) if i.verdict is None] == [a.id]


def test_team_overview_counts_and_order(store):
    old = _meeting("Ann", at=NOW - dt.timedelta(days=30))
    add_commitment(old, "rep", "late thing", TODAY - dt.timedelta(days=3), NOW)
    add_commitment(old, "rep", "future thing", TODAY + dt.timedelta(days=3), NOW)
    complete_meeting(old, NOW - dt.timedelta(days=30))
    recent = _meeting("Bob", at=NOW - dt.timedelta(days=2))
    add_commitment(recent, "rep", "x", TODAY, NOW)
    complete_meeting(recent, NOW)
    add_rep("Cleo", now=NOW)
    _meeting("Dee")  # in progress, never completed
    rows = team_overview(TODAY)
    assert [r.name for r in rows] == ["Cleo", "Dee", "Ann", "Bob"]
    ann = rows[2]
    assert (ann.open_count, ann.overdue_count, ann.days_overdue(TODAY)) == (2, 1, 23)
    assert rows[1].in_progress_id is not None
    assert rows[3].next_due == TODAY + dt.timedelta(days=5)
    assert last_agenda_slug(ann.rep_id) == "test"


# what each version added, newest first: undone to rebuild an older file in its shape
LATER = {
    6: [
        "drop index rep_manager_name",
        "alter table rep drop column manager",
        "alter table meeting drop column manager",
        "create unique index rep_name on rep (name)",
    ],
    5: ["drop table coaching_change", "drop table coaching_item", "drop table call"],
    4: [
        "drop table metric_actual",
        "drop table metric_target",
        "alter table meeting drop column confidence",
    ],
    3: ["drop table correction"],
}


@pytest.mark.parametrize("version", [2, 3, 4, 5])
def test_older_version_file_is_upgraded_in_place(tmp_path: Path, version: int):
    """Versions 2-5, each made by hand in its exact shape from the current schema."""
    path = tmp_path / f"v{version}.db"
    database = open_database(str(path))
    rep = add_rep("Ann", now=NOW)
    mid = start_meeting(rep.id, AGENDA, NOW)
    save_note(mid, "goal", "kept", False, NOW)
    add_commitment(mid, "rep", "Call Acme", TODAY, NOW)
    complete_meeting(mid, NOW)
    database.close()
    con = sqlite3.connect(path)
    for newer in range(SCHEMA_VERSION, version, -1):
        for statement in LATER[newer]:
            con.execute(statement)
    con.execute("update schema_info set version = ?", (version,))
    con.commit()
    con.close()

    database = open_database(str(path))
    try:
        assert schema_version(database) == SCHEMA_VERSION
        for table in ("correction", "metric_actual", "coaching_item", "call"):
            assert database.table_exists(table)
        assert load_meeting(mid).notes["goal"].text == "kept"
        from oneonone_tui.store.history import correct_note, meeting_detail

        assert correct_note(mid, "goal", "kept, corrected", NOW)
        assert meeting_detail(mid).corrections[0].old_value == "kept"
        assert [c.text for c in open_commitments(rep.id)] == ["Call Acme"]
    finally:
        database.close()
