"""How storage fails, as the layers above the store see it: they catch these, never a
driver's own classes (the UI and the services never import peewee). Two kinds: a request
the data does not allow (:class:`QueryError` and its kinds, explained for the user), and a
database that stops cooperating (:data:`DATABASE_FAULTS`)."""

from __future__ import annotations

import peewee


class QueryError(Exception):
    """A request the data does not allow (unknown rep, duplicate name...), explained."""


class NotFound(QueryError):
    """No rep, meeting or commitment with that name or id."""


class ReadOnly(QueryError):
    """A write asked for while viewing every manager's team (--all-managers)."""


# Every fault of either driver (locked, full disk, read-only, a lost PostgreSQL connection:
# peewee's DatabaseError and InterfaceError are both PeeweeExceptions) and of the file
# system under SQLite.
DATABASE_FAULTS: tuple[type[Exception], ...] = (peewee.PeeweeException, OSError)


def first_line(exc: BaseException) -> str:
    """What a fault says, in one line, for a banner or a notice."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
