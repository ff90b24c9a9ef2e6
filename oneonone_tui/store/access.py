"""What this process may read and change, as queries: the current manager's reps only
(everyone's with --all-managers), and no writes while it sees everyone's read-only.

Apart from :mod:`oneonone_tui.store.scope`, which says whose team it is and is set up
before peewee is loaded (this module needs the models, hence peewee)."""

from __future__ import annotations

from typing import Any, Protocol, Self, TypeVar

from oneonone_tui.store.errors import ReadOnly
from oneonone_tui.store.models import Rep
from oneonone_tui.store.scope import current_scope


class Filterable(Protocol):
    """A query that can be narrowed (a peewee select)."""

    def where(self, *expressions: Any) -> Self: ...


Query = TypeVar("Query", bound=Filterable)


def require_writable() -> None:
    """Refuse a write when this process sees every manager's team read-only."""
    if current_scope().read_only:
        raise ReadOnly(
            "read-only: --all-managers shows every manager's team without "
            "changing it; run with --manager NAME (or without --all-managers) "
            "to make changes"
        )


def in_scope(query: Query) -> Query:
    """``query`` limited to the current manager's reps (everyone's with --all-managers).
    The query must select from, or join, :class:`Rep`."""
    scope = current_scope()
    return query if scope.all_managers else query.where(Rep.manager == scope.manager)
