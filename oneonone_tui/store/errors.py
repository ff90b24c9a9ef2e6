"""How storage fails, as the layers above the store see it: they catch these, never a
driver's own classes (the UI and the services never import peewee)."""

from __future__ import annotations

import peewee

# Every fault of either driver (locked, full disk, read-only, a lost PostgreSQL connection:
# peewee's DatabaseError and InterfaceError are both PeeweeExceptions) and of the file
# system under SQLite.
DATABASE_FAULTS: tuple[type[Exception], ...] = (peewee.PeeweeException, OSError)


def first_line(exc: BaseException) -> str:
    """What a fault says, in one line, for a banner or a notice."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
