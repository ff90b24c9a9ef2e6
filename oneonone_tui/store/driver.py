"""Loading peewee without the PostgreSQL driver when the database is SQLite.

Peewee imports psycopg2 as it loads, whenever psycopg2 is installed (the ``postgres``
extra, and the test extra): libpq and libssl, ~6 MiB resident and ~10 ms of start-up
that a SQLite database never uses. The CLI, which knows the target before anything
imports peewee, loads peewee through :func:`load_peewee_for`; should a PostgreSQL URL
be opened later in the same process, :func:`give_peewee_psycopg2` hands peewee the
driver it was kept from (what peewee's own import would have done).
"""

from __future__ import annotations

import sys

DRIVER = "psycopg2"


def is_sqlite_target(target: str) -> bool:
    """A file path or a ``sqlite:`` URL (what :func:`store.database.open_database` opens
    with SQLite)."""
    return "://" not in target or target.startswith("sqlite:")


def load_peewee_for(target: str) -> None:
    """Import peewee now; without psycopg2 when ``target`` is a SQLite database.
    Does nothing when peewee is already loaded."""
    if "peewee" in sys.modules:
        return
    if not is_sqlite_target(target) or DRIVER in sys.modules:
        import peewee

        return
    sys.modules[DRIVER] = None  # type: ignore[assignment]  # `import psycopg2` fails
    try:
        import peewee  # noqa: F401
    finally:
        if sys.modules.get(DRIVER, 0) is None:
            del sys.modules[DRIVER]


def give_peewee_psycopg2() -> None:
    """If peewee was loaded without psycopg2 and psycopg2 is installed, import it and
    set peewee up as its own import does; else nothing (peewee then says the driver is
    missing, as it would have)."""
    import peewee

    if getattr(peewee, "psycopg2", None) is not None:
        return
    try:
        import psycopg2
        from psycopg2 import extensions
        from psycopg2.extras import Json, register_uuid
    except ImportError:
        return
    register_uuid()
    # the module attributes peewee's own import sets; its stub does not declare them
    peewee.psycopg2 = psycopg2  # type: ignore[attr-defined]
    peewee.pg_extensions = extensions  # type: ignore[attr-defined]
    peewee.pg_register_uuid = register_uuid  # type: ignore[attr-defined]
    peewee.Json_pg2 = Json  # type: ignore[attr-defined]
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
