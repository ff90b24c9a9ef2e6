"""Whose team this process sees: the manager, or every manager read-only.

Every rep and every meeting belongs to a manager. A manager sees their own reps; a
sales director (``--all-managers``) sees everyone's, read-only. Set once at start-up
by the CLI (``--manager`` / ``ONEONONE_MANAGER``, default the OS user name).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

ENV_MANAGER = "ONEONONE_MANAGER"
MAX_MANAGER = 80


class ScopeError(ValueError):
    """A manager name that cannot be used, explained."""


@dataclass(frozen=True)
class Scope:
    manager: str
    all_managers: bool = False

    @property
    def read_only(self) -> bool:
        return self.all_managers


def os_user() -> str:
    """The OS user name, or "manager" when the system cannot tell."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no passwd entry, no USER/LOGNAME
        name = ""
    return clean_manager(name) if name.strip() else "manager"


def clean_manager(name: str) -> str:
    """Collapse whitespace; refuse an empty or overlong name."""
    clean = " ".join((name or "").split())
    if not clean:
        raise ScopeError(
            "a manager needs a name: give --manager NAME or set "
            f"{ENV_MANAGER}, or drop both to use your OS user name"
        )
    if len(clean) > MAX_MANAGER:
        raise ScopeError(f"a manager's name is at most {MAX_MANAGER} characters (got {len(clean)})")
    return clean


def resolve_manager(explicit: str | None, environ: dict[str, str] | None = None) -> str:
    """--manager, else ONEONONE_MANAGER, else the OS user name."""
    env = os.environ if environ is None else environ
    if explicit is not None:
        return clean_manager(explicit)
    from_env = env.get(ENV_MANAGER)
    if from_env is not None:
        return clean_manager(from_env)
    return os_user()


_current = Scope(manager="")


def set_scope(manager: str, *, all_managers: bool = False) -> Scope:
    global _current
    _current = Scope(clean_manager(manager), all_managers)
    return _current


def current_scope() -> Scope:
    global _current
    if not _current.manager:  # nobody set it (tests, library use): the OS user
        _current = Scope(os_user(), _current.all_managers)
    return _current


def current_manager() -> str:
    """The manager new reps and meetings belong to (a Peewee field default)."""
    return current_scope().manager
