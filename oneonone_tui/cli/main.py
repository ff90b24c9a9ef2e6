"""The ``oneonone`` command line: one parser, one table of commands. Only the app and
``serve`` import Textual."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from oneonone_tui.cli import commands, demo, serve
from oneonone_tui.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from oneonone_tui.cli.parser import build_parser
from oneonone_tui.services.settings import Settings, UserError, settings_from

# commands that change data: refused with --all-managers (read-only)
WRITES = {
    ("rep", "add"),
    ("rep", "archive"),
    ("meet", None),
    ("target", "set"),
    ("metrics", "import"),
    ("restore", None),
}


def resolve_settings(args: argparse.Namespace) -> Settings:
    all_managers = bool(args.all_managers or getattr(args, "due_all_managers", False))
    return settings_from(args.db, args.agendas, args.manager, all_managers)


def apply_scope(args: argparse.Namespace, settings: Settings) -> None:
    """Whose team this run sees; refuse a write when it sees everyone's read-only."""
    from oneonone_tui.store.scope import set_scope

    set_scope(settings.manager, all_managers=settings.all_managers)
    action = (
        getattr(args, "rep_command", None)
        or getattr(args, "target_command", None)
        or getattr(args, "metrics_command", None)
    )
    if settings.all_managers and (args.command, action) in WRITES:
        verb = " ".join(x for x in (args.command, action) if x)
        raise UserError(
            f"'{verb}' changes data, and --all-managers is read-only; run it "
            "with --manager NAME (or without --all-managers)"
        )


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from oneonone_tui.cli.reports import HANDLERS
    from oneonone_tui.services.settings import open_store
    from oneonone_tui.store.queries import QueryError

    open_store(settings)
    try:
        return HANDLERS[args.command](args, settings.clock)
    except QueryError as exc:
        raise UserError(str(exc)) from None


# every command: name -> handler(args, settings) -> exit code (None: no command, the app)
COMMANDS: dict[str | None, Callable[[argparse.Namespace, Settings], int]] = {
    None: commands.cmd_tui,
    "meet": commands.cmd_tui,
    "rep": commands.cmd_rep,
    "agenda": commands.cmd_agenda,
    "backup": commands.cmd_backup,
    "restore": commands.cmd_restore,
    "metrics": commands.cmd_metrics,
    "target": commands.cmd_metrics,
    "due": cmd_report,
    "commitments": cmd_report,
    "stats": cmd_report,
    "export": cmd_report,
    "ics": cmd_report,
    "demo": demo.run,
    "serve": serve.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = resolve_settings(args)
        apply_scope(args, settings)
    except UserError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from oneonone_tui.store.driver import load_peewee_for

    load_peewee_for(settings.db)  # without psycopg2 for SQLite: faster, 6 MiB smaller
    args.parser = parser  # serve repeats the global options for each browser session
    try:
        return COMMANDS[args.command](args, settings)
    except UserError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `oneonone commitments | head`: the reader went away
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        # a database that stops cooperating mid-command (disk full, locked, read-only):
        # explained in one line, never a traceback, never the password
        import peewee

        if not isinstance(exc, peewee.DatabaseError | OSError):
            raise
        from oneonone_tui.store.database import describe_target, explain

        print(f"oneonone: error: {explain(exc, describe_target(settings.db))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
