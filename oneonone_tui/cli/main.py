"""The ``oneonone`` command line: one parser, one table of commands. Only the app and
``serve`` import Textual."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from typing import TextIO

from oneonone_tui.cli import commands, demo, exports, reports, search, serve
from oneonone_tui.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from oneonone_tui.cli.parser import build_parser
from oneonone_tui.domain.clock import Clock
from oneonone_tui.domain.text import printable
from oneonone_tui.services.settings import Settings, UserError, settings_from

Handler = Callable[[argparse.Namespace, Settings], int]

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


def _report(handler: Callable[[argparse.Namespace, Clock], int]) -> Handler:
    """A report command: the database opened, a query's refusal said as a user error."""

    def run(args: argparse.Namespace, settings: Settings) -> int:
        from oneonone_tui.services.settings import open_store
        from oneonone_tui.store.errors import QueryError

        open_store(settings)
        try:
            return handler(args, settings.clock)
        except QueryError as exc:
            raise UserError(str(exc)) from None

    return run


# every command: name -> handler(args, settings) -> exit code (None: no command, the app)
COMMANDS: dict[str | None, Handler] = {
    None: commands.cmd_tui,
    "meet": commands.cmd_tui,
    "rep": commands.cmd_rep,
    "agenda": commands.cmd_agenda,
    "backup": commands.cmd_backup,
    "restore": commands.cmd_restore,
    "metrics": commands.cmd_metrics,
    "target": commands.cmd_metrics,
    "due": _report(reports.cmd_due),
    "commitments": _report(reports.cmd_commitments),
    "stats": _report(reports.cmd_stats),
    "export": _report(exports.cmd_export),
    "ics": _report(exports.cmd_ics),
    "search": _report(search.cmd_search),
    "demo": demo.run,
    "serve": serve.run,
}


class _PrintableStream:
    """A text stream that drops terminal control characters from what is written: user
    text (names, notes, imported fields) is data, never terminal control, on every output
    of the command line."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Run one command; every output is stripped of control characters, and a terminal
    that cannot show a character gets a replacement, never a traceback."""
    streams = sys.stdout, sys.stderr
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")  # LC_ALL=C and a rep named Zoë: "Zo?"
    sys.stdout, sys.stderr = (_PrintableStream(s) for s in streams)  # type: ignore[assignment]
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _text_argv(argv: list[str]) -> list[str]:
    """Arguments as text: under a non-UTF-8 locale (LC_ALL=C) Python keeps the bytes of
    ``Zoë`` as surrogates, which no database takes; they are read as UTF-8 (what terminals
    send), anything else replaced."""
    return [os.fsencode(a).decode("utf-8", "replace") if _SURROGATE.search(a) else a for a in argv]


_SURROGATE = re.compile("[\udc80-\udcff]")


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(_text_argv(sys.argv[1:] if argv is None else argv))
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
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        # a database that stops cooperating mid-command (disk full, locked, read-only):
        # explained in one line, never a traceback, never the password
        from oneonone_tui.store.errors import DATABASE_FAULTS

        if not isinstance(exc, DATABASE_FAULTS):
            raise
        from oneonone_tui.store.database import describe_target, explain

        print(f"oneonone: error: {explain(exc, describe_target(settings.db))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
