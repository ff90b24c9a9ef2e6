"""What a run of the program works on, decided once at start-up for the CLI, ``serve`` and
the app alike: the database, the agendas folder, whose team, and the clock."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from oneonone_tui.domain.clock import ENV_NOW, Clock, ClockError, SystemClock, clock_for
from oneonone_tui.paths import ENV_AGENDAS, ENV_DB, default_agendas_dir, default_db_path
from oneonone_tui.templates.agendas import AgendaEntry


class UserError(Exception):
    """A mistake the user can fix: printed as one line on stderr, exit 1."""


@dataclass
class Settings:
    db: str
    agendas: Path
    agendas_explicit: bool
    manager: str = ""
    all_managers: bool = False
    clock: Clock = field(default_factory=SystemClock)  # the one clock of this run


def settings_from(
    db: str | None, agendas: str | None, manager: str | None, all_managers: bool
) -> Settings:
    """The settings of this run from the options given (None: not given), else the
    environment (ONEONONE_DB, ONEONONE_AGENDAS, ONEONONE_MANAGER, ONEONONE_NOW), else the
    defaults. The only place the program reads the clock setting."""
    from oneonone_tui.store.scope import ScopeError, resolve_manager

    target = db or os.environ.get(ENV_DB) or str(default_db_path())
    agendas_arg = agendas or os.environ.get(ENV_AGENDAS)
    folder = Path(agendas_arg).expanduser() if agendas_arg else default_agendas_dir()
    try:
        who = resolve_manager(manager)
    except ScopeError as exc:
        raise UserError(str(exc)) from None
    try:
        clock = clock_for(os.environ.get(ENV_NOW))
    except ClockError as exc:
        raise UserError(str(exc)) from None
    return Settings(
        db=target,
        agendas=folder,
        agendas_explicit=bool(agendas_arg),
        manager=who,
        all_managers=all_managers,
        clock=clock,
    )


def open_store(settings: Settings) -> None:
    from oneonone_tui.store.database import StorageError, open_database

    try:
        open_database(settings.db)
    except StorageError as exc:
        raise UserError(str(exc)) from None
    if "://" not in settings.db:
        from oneonone_tui.paths import is_readable_by_others

        if is_readable_by_others(Path(settings.db).expanduser()):
            print(
                f"oneonone: warning: {settings.db} is readable by other users; "
                f"run: chmod 600 {settings.db}",
                file=sys.stderr,
            )


def agenda_entries(settings: Settings) -> list[AgendaEntry]:
    from oneonone_tui.templates.agendas import discover_agendas, seed_user_agendas

    if settings.agendas_explicit:
        if not settings.agendas.is_dir():
            raise UserError(
                f"agendas folder {settings.agendas} does not exist; create it or "
                "drop --agendas / ONEONONE_AGENDAS to use the defaults"
            )
    else:
        try:
            seed_user_agendas(settings.agendas)
        except OSError as exc:
            print(
                f"oneonone: warning: cannot create {settings.agendas} ({exc.strerror}); "
                "using the bundled agendas",
                file=sys.stderr,
            )
            return discover_agendas(None)
    return discover_agendas(settings.agendas)
