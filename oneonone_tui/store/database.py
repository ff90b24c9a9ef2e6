"""Opening the database (SQLite path or URL), pragmas, schema versions and upgrades."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import peewee

from oneonone_tui.paths import create_private_file, ensure_private_dir
from oneonone_tui.store.models import (
    ALL_MODELS,
    Call,
    CoachingChange,
    CoachingItem,
    Commitment,
    Correction,
    Meeting,
    MetricActual,
    MetricTarget,
    Rep,
    ReviewMark,
    SchemaInfo,
    SectionRun,
    db,
)

SCHEMA_VERSION = 6

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
}


class StorageError(Exception):
    """A database problem explained for the user: what is wrong, where, what to do."""


def redact_url(url: str) -> str:
    """Hide the password of a database URL (``postgresql://u:***@host/db``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", url)
    query = re.sub(r"(?i)((?:^|&)(?:password|passwd|pwd)=)[^&]*", r"\1***", parts.query)
    if query != parts.query:  # ?password=... is a password too
        url = url.replace("?" + parts.query, "?" + query, 1)
        parts = parts._replace(query=query)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))


def describe_target(target: str) -> str:
    return redact_url(target) if "://" in target else target


def _sqlite_path_from(target: str) -> Path | None:
    """The file of a SQLite target, None for another database URL. A target that would
    keep nothing (no file named, an in-memory database) is refused: data is never
    accepted and then lost."""
    if "://" not in target:
        raw = target
    elif target.split("://", 1)[0].lower() == "sqlite":
        rest = target.split("://", 1)[1]
        if rest and not rest.startswith("/"):
            raise StorageError(
                f"{describe_target(target)} names no database file (the path follows a "
                f"third slash); write sqlite:///{rest}"
            )
        raw = rest[1:]  # sqlite:///relative.db and sqlite:////absolute/path.db
    else:
        return None
    if not raw.strip():
        raise StorageError(
            f"{describe_target(target) or 'an empty --db'} names no database file (an "
            "unset variable in the URL?); give a file path or sqlite:///PATH"
        )
    if raw.strip() == ":memory:" or raw.startswith("file::memory:"):
        raise StorageError(
            f"{describe_target(target)} is an in-memory database: it keeps nothing after "
            "the command; give a file path or sqlite:///PATH"
        )
    return Path(raw).expanduser()


def open_database(target: str, *, create: bool = True) -> peewee.Database:
    """Open ``target`` (a SQLite path or a database URL), bind the models, and
    create or upgrade the schema. Raises :class:`StorageError` with a message
    for the user; never leaves a half-created file for a database it refused."""
    path = _sqlite_path_from(target)
    database: peewee.Database
    if path is not None:
        database = _open_sqlite(path, create=create)
        where = str(path)
    else:
        database = _open_url(target)
        where = redact_url(target)
    db.initialize(database)
    try:
        _ensure_schema(database, where)
    except StorageError:
        database.close()
        raise
    except peewee.DatabaseError as exc:
        database.close()
        raise StorageError(explain(exc, where)) from None
    return database


def _open_sqlite(path: Path, *, create: bool) -> peewee.SqliteDatabase:
    if path.is_dir():
        raise StorageError(f"{path} is a directory; give a database file path with --db")
    if not path.exists():
        if not create:
            raise StorageError(f"{path}: no such database file")
        try:
            ensure_private_dir(path.parent)
            create_private_file(path)
        except OSError as exc:
            raise StorageError(
                f"cannot create the database {path}: {exc.strerror or exc}; "
                "choose a writable location with --db or ONEONONE_DB"
            ) from None
    _refuse_foreign(path)  # before the pragmas below switch the file to WAL
    database = peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=5)
    # SQLite's own LOWER() only knows ASCII: search uses this one ('École' ~ 'école')
    database.register_function(_unicode_lower, "unicode_lower", 1)
    try:
        database.connect(reuse_if_open=True)
        _execute_sql(database, "PRAGMA schema_version").fetchone()
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        database.close()
        raise StorageError(explain(exc, str(path))) from None
    return database


def _refuse_foreign(path: Path) -> None:
    """A SQLite file of another program is left as it is: looked at read-only, before
    anything (journal mode, schema) is written to it."""
    if path.stat().st_size == 0:
        return  # new (ours, just created) or empty
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            tables = {
                row[0]
                for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            probe.close()
    except sqlite3.DatabaseError:
        return  # not readable as SQLite: the connection below explains it
    foreign = sorted(t for t in tables if not t.startswith("sqlite_"))
    if foreign and SchemaInfo._meta.table_name not in tables:
        raise StorageError(
            f"{path} holds other tables ({', '.join(foreign[:5])}) and no oneonone schema; "
            "it was left untouched. Point --db at a new file."
        )


def _execute_sql(database: peewee.Database, sql: str) -> Any:
    """``database.execute_sql(sql)``: its cursor (typed here, as peewee's stub leaves
    ``execute_sql`` unannotated)."""
    return database.execute_sql(sql)  # type: ignore[no-untyped-call]


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def lower(expression: object) -> peewee.Function:
    """A case-folding SQL expression that understands more than ASCII on SQLite."""
    if isinstance(db.obj, peewee.SqliteDatabase):
        return peewee.fn.unicode_lower(expression)
    return peewee.fn.LOWER(expression)


@contextmanager
def own_connection() -> Iterator[None]:
    """For reads on another thread (a UI worker): peewee keeps a connection per thread, so
    open this thread's own if it has none, and close it at the end (a thread that has one,
    the UI's, keeps it open)."""
    opened = db.is_closed()
    if opened:
        db.connect()
    try:
        yield
    finally:
        if opened:
            db.close()


def _open_url(url: str) -> peewee.Database:
    from playhouse.db_url import connect

    from oneonone_tui.store.driver import give_peewee_psycopg2, is_sqlite_target

    if not is_sqlite_target(url):
        give_peewee_psycopg2()  # peewee may have been loaded without it (cli, SQLite)
    shown = redact_url(url)
    try:
        database: peewee.Database = connect(url)
    except peewee.ImproperlyConfigured:
        raise StorageError(
            f"{shown}: PostgreSQL support needs the psycopg2 driver: "
            "pip install 'oneonone[postgres]'"
        ) from None
    except (ValueError, RuntimeError, KeyError) as exc:
        raise StorageError(
            f"{shown}: not a database URL I can open ({exc}); "
            "use a file path, sqlite:///PATH or postgresql://..."
        ) from None
    try:
        database.connect(reuse_if_open=True)
    except peewee.ImproperlyConfigured:
        raise StorageError(
            f"{shown}: PostgreSQL support needs the psycopg2 driver: "
            "pip install 'oneonone[postgres]'"
        ) from None
    except Exception as exc:  # driver errors vary; never echo the password
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        secrets = [urlsplit(url).password or ""]
        secrets += re.findall(r"(?i)(?:^|&)(?:password|passwd|pwd)=([^&]*)", urlsplit(url).query)
        for secret in filter(None, secrets):
            msg = msg.replace(secret, "***")
        raise StorageError(f"cannot connect to {shown}: {msg}") from None
    return database


def explain(exc: Exception, where: str) -> str:
    text = str(exc)
    low = text.lower()
    if "not a database" in low or "malformed" in low:
        return (
            f"{where} is not a oneonone database (not a readable SQLite file: {text}). "
            "It was left untouched; point --db at another file or restore a backup."
        )
    if "readonly" in low or "read-only" in low:
        return (
            f"{where} is read-only: {text}. Fix its permissions (and its directory's), "
            "or use another file with --db."
        )
    if "locked" in low or "busy" in low:
        return (
            f"{where} is busy in another oneonone process and stayed locked for 5 s; "
            "try again in a moment."
        )
    if "disk" in low and ("full" in low or "i/o" in low):
        return f"cannot write {where}: {text}. Free some disk space and try again."
    if "unable to open" in low:
        return f"cannot open {where}: {text}. Check the path and its permissions."
    return f"database error on {where}: {text}"


# --- schema versions -------------------------------------------------------


def _v1_to_v2(database: peewee.Database) -> None:
    from playhouse.migrate import SchemaMigrator, migrate  # only for an upgrade: slow import

    migrator = SchemaMigrator.from_database(database)
    migrate(
        migrator.add_column("meeting", "phase", Meeting.phase),
        migrator.add_column("meeting", "current_section", Meeting.current_section),
        migrator.add_column("meeting", "review_skipped", Meeting.review_skipped),
        migrator.add_column("section_run", "extra_seconds", SectionRun.extra_seconds),
        migrator.add_column("section_run", "visited", SectionRun.visited),
        migrator.add_column("commitment", "carry_count", Commitment.carry_count),
        migrator.add_column("commitment", "section_key", Commitment.section_key),
    )
    database.create_tables([ReviewMark])
    # Meetings finished under v1 went through every section.
    Meeting.update(phase="summary").where(Meeting.status == "completed").execute()
    SectionRun.update(visited=True).where(SectionRun.actual_seconds > 0).execute()


def _v2_to_v3(database: peewee.Database) -> None:
    database.create_tables([Correction])


def _v3_to_v4(database: peewee.Database) -> None:
    from playhouse.migrate import SchemaMigrator, migrate

    migrate(
        SchemaMigrator.from_database(database).add_column(
            "meeting", "confidence", Meeting.confidence
        )
    )
    database.create_tables([MetricActual, MetricTarget])


def _v4_to_v5(database: peewee.Database) -> None:
    database.create_tables([CoachingItem, CoachingChange, Call])


def _v5_to_v6(database: peewee.Database) -> None:
    """Reps and meetings get a manager: the one opening the file (--manager) owns what
    was there; a rep's name becomes unique per manager instead of database-wide."""
    from playhouse.migrate import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(database)
    migrate(
        migrator.add_column("rep", "manager", Rep.manager),
        migrator.add_column("meeting", "manager", Meeting.manager),
    )
    if "rep_name" in {i.name for i in database.get_indexes("rep")}:
        migrate(migrator.drop_index("rep", "rep_name"))
    migrate(migrator.add_index("rep", ("manager", "name"), True))


# version N -> upgrade function taking the database from N to N+1
UPGRADES: dict[int, Callable[[peewee.Database], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
}


def schema_version(database: peewee.Database) -> int | None:
    """The stored schema version, or None for a database with no oneonone schema."""
    if not database.table_exists("schema_info"):
        return None
    row = SchemaInfo.select().order_by(SchemaInfo.id.desc()).first()
    return row.version if row else None


def _ensure_schema(database: peewee.Database, where: str) -> None:
    version = schema_version(database)
    if version is None:
        foreign = [t for t in database.get_tables() if not t.startswith("sqlite_")]
        if foreign:
            raise StorageError(
                f"{where} holds other tables ({', '.join(sorted(foreign)[:5])}) and no "
                "oneonone schema; it was left untouched. Point --db at a new file."
            )
        with database.atomic():
            database.create_tables(ALL_MODELS)
            SchemaInfo.create(version=SCHEMA_VERSION)
        return
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{where} was written by a newer oneonone (schema v{version}; this version knows "
            f"up to v{SCHEMA_VERSION}). Upgrade oneonone; the file was not changed."
        )
    sqlite = isinstance(database, peewee.SqliteDatabase)
    if sqlite:
        # SQLite rebuilds tables to add NOT NULL columns: with foreign keys on, dropping
        # the old table would cascade-delete its children. Off for the upgrade only.
        _execute_sql(database, "PRAGMA foreign_keys = OFF")
    try:
        while version < SCHEMA_VERSION:
            with database.atomic():
                UPGRADES[version](database)
                version += 1
                SchemaInfo.update(version=version).execute()
            if sqlite:
                broken = _execute_sql(database, "PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StorageError(
                        f"{where}: the upgrade to schema v{version} found "
                        f"{len(broken)} broken references; restore a backup"
                    )
    finally:
        if sqlite:
            _execute_sql(database, "PRAGMA foreign_keys = ON")
