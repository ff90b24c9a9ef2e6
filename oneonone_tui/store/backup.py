"""Online backups and restores: the SQLite backup API, or a JSON dump for any database."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import peewee

from oneonone_tui.paths import write_private
from oneonone_tui.store.database import SCHEMA_VERSION, StorageError, schema_version
from oneonone_tui.store.models import ALL_MODELS, Meeting, Rep, SchemaInfo, db

DUMP_FORMAT = "oneonone.dump/1"

# table name -> its rows, each a column name -> value mapping
Tables = dict[str, list[dict[str, Any]]]


def is_empty() -> bool:
    return not Rep.select().exists() and not Meeting.select().exists()


def backup(target: Path, *, as_json: bool = False) -> str:
    """Take a consistent copy of the open database into ``target`` (created 0600)."""
    database = db.obj
    source = getattr(database, "database", "")
    if (
        isinstance(database, peewee.SqliteDatabase)
        and target.exists()
        and source
        and os.path.samefile(target, source)
    ):
        raise StorageError(f"{target} is the database itself; back up to another file")
    partial = target.with_name(f".{target.name}.partial")
    try:
        if isinstance(database, peewee.SqliteDatabase) and not as_json:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.close(fd)
            dest = sqlite3.connect(partial)
            try:
                # connection() is unannotated in peewee's stub
                database.connection().backup(dest)  # type: ignore[no-untyped-call]
            finally:
                dest.close()
            kind = "sqlite"
        else:
            write_private(partial, json.dumps(dump(), ensure_ascii=False, default=_encode))
            kind = "json"
        os.chmod(partial, 0o600)
        os.replace(partial, target)  # the old file is only replaced by a complete copy
    except sqlite3.Error as exc:
        raise StorageError(f"the backup failed: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return kind


def _encode(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def dump() -> dict[str, Any]:
    """Every row of every table, in one read transaction."""
    with db.atomic():
        tables = {
            model._meta.table_name: list(model.select().dicts())
            for model in ALL_MODELS
            if model is not SchemaInfo
        }
    return {"format": DUMP_FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}


def restore(source: Path, *, force: bool = False) -> dict[str, int]:
    """Load a backup (SQLite file or JSON dump) into the open database. Refuses to
    overwrite a database that holds reps or meetings unless ``force``."""
    if not source.is_file():
        raise StorageError(f"{source}: no such backup file")
    if not is_empty() and not force:
        raise StorageError(
            "the database already holds reps or meetings; restoring would "
            "replace them. Use --force to replace, or restore into a new "
            "file with --db"
        )
    head = source.open("rb").read(16)
    data = _read_sqlite(source) if head.startswith(b"SQLite format 3") else _read_json(source)
    try:
        return _load(data)
    except (peewee.DatabaseError, TypeError, ValueError) as exc:
        raise StorageError(
            f"{source}: the backup does not fit this database ({exc}); nothing was changed"
        ) from None


def _load(data: Tables) -> dict[str, int]:
    counts = {}
    with db.atomic():
        for model in reversed(ALL_MODELS):
            if model is not SchemaInfo:
                model.delete().execute()
        for model in ALL_MODELS:
            if model is SchemaInfo:
                continue
            rows = data.get(model._meta.table_name, [])
            fields = set(model._meta.fields)
            clean = [{k: v for k, v in row.items() if k in fields} for row in rows]
            for i in range(0, len(clean), 500):
                model.insert_many(clean[i : i + 500]).execute()
            counts[model._meta.table_name] = len(clean)
        if isinstance(db.obj, peewee.PostgresqlDatabase):
            for model in ALL_MODELS:
                table = model._meta.table_name
                db.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
                )
    return counts


def _read_json(source: Path) -> Tables:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorageError(f"{source} is not a oneonone backup ({exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("format") != DUMP_FORMAT
        or not isinstance(data.get("tables"), dict)
        or not isinstance(data.get("schema_version"), int)
    ):
        raise StorageError(
            f"{source} is not a oneonone backup (no {DUMP_FORMAT} header, "
            "schema_version and tables)"
        )
    if data["schema_version"] > SCHEMA_VERSION:
        raise StorageError(
            f"{source} comes from a newer oneonone (schema "
            f"v{data['schema_version']}); upgrade oneonone first"
        )
    tables: Tables = data["tables"]
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise StorageError(
                f"{source} is not a oneonone backup: table {name!r} must be a list of rows "
                "(objects of column: value); nothing was changed"
            )
    return tables


def _read_sqlite(source: Path) -> Tables:
    """Read a SQLite backup without touching it (a copy is upgraded in memory)."""
    memory = peewee.SqliteDatabase(":memory:")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # connection() is unannotated in peewee's stub
        src.backup(memory.connection())  # type: ignore[no-untyped-call]
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{source} is not a readable SQLite backup ({exc})") from None
    finally:
        src.close()
    previous = db.obj
    db.initialize(memory)
    try:
        from oneonone_tui.store.database import _ensure_schema

        if schema_version(memory) is None:
            raise StorageError(f"{source} is not a oneonone database")
        _ensure_schema(memory, str(source))
        tables: Tables = dump()["tables"]
        return tables
    finally:
        db.initialize(previous)
