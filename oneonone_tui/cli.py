"""The ``oneonone`` command line. Only the TUI commands import Textual."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .clock import ENV_NOW, Clock, ClockError, SystemClock, clock_for
from .paths import ENV_AGENDAS, ENV_DB, default_agendas_dir, default_db_path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oneonone",
        description="Run timed, keyboard-driven sales one-on-ones from the terminal.",
        epilog="With no command, opens the team on the home screen.",
    )
    parser.add_argument("--version", action="version", version=f"oneonone {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help=f"SQLite file or database URL (env {ENV_DB}; default: "
                             "oneonone.db in the user data dir)")
    parser.add_argument("--agendas", metavar="DIR",
                        help=f"agenda templates folder (env {ENV_AGENDAS}; default: the user "
                             "config dir's agendas/, seeded with the bundled templates)")
    parser.add_argument("--manager", metavar="NAME",
                        help="whose team (env ONEONONE_MANAGER; default: your OS user name); "
                             "reps and meetings belong to the manager who added or held them")
    parser.add_argument("--all-managers", action="store_true",
                        help="see every manager's team, read-only (for a sales director)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rep = sub.add_parser("rep", help="add, list or archive reps")
    rep_sub = rep.add_subparsers(dest="rep_command", metavar="ACTION", required=True)
    add = rep_sub.add_parser("add", help="add a rep to the team")
    add.add_argument("name", help="the rep's name (quote it: \"Dana Scully\")")
    add.add_argument("--cadence", default="weekly",
                     help="weekly (default), biweekly, monthly or 'every N days'")
    rep_sub.add_parser("list", help="list the team").add_argument(
        "--all", action="store_true", help="include archived reps")
    rep_sub.add_parser("archive", help="archive a rep (history is kept)").add_argument("name")

    agenda = sub.add_parser("agenda", help="list or check agenda templates")
    agenda_sub = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    agenda_sub.add_parser("list", help="list the agenda templates")
    check = agenda_sub.add_parser("check", help="validate templates (all known when no FILE)")
    check.add_argument("files", nargs="*", metavar="FILE")

    from .cli_reports import add_parsers
    from .demo import add_parser as add_demo_parser
    from .serve import add_parser as add_serve_parser

    add_parsers(sub)
    add_demo_parser(sub)
    add_serve_parser(sub)

    bk = sub.add_parser("backup", help="a consistent online copy of the database")
    bk.add_argument("file", metavar="FILE")
    bk.add_argument("--json", action="store_true",
                    help="a JSON dump (always for PostgreSQL) instead of a SQLite copy")
    bk.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    rs = sub.add_parser("restore", help="load a backup (SQLite copy or JSON dump)")
    rs.add_argument("file", metavar="FILE")
    rs.add_argument("--force", action="store_true",
                    help="replace a database that already holds reps or meetings")

    met = sub.add_parser("metrics", help="metric definitions and CRM imports")
    met_sub = met.add_subparsers(dest="metrics_command", metavar="ACTION", required=True)
    met_sub.add_parser("list", help="the metrics (metrics.yaml beside the agendas)")
    imp = met_sub.add_parser("import", help="actuals from a CRM export (CSV)")
    imp.add_argument("file", metavar="FILE.csv",
                     help="columns rep,metric,period_start,value with a header row")
    tgt = sub.add_parser("target", help="a rep's own targets (changes are kept with a reason)")
    tgt_sub = tgt.add_subparsers(dest="target_command", metavar="ACTION", required=True)
    tset = tgt_sub.add_parser("set", help="change a rep's target for one metric")
    tset.add_argument("rep")
    tset.add_argument("metric")
    tset.add_argument("value")
    tset.add_argument("--reason", required=True, help="why the target changes (required)")
    tgt_sub.add_parser("list", help="a rep's targets and their history").add_argument("rep")

    meet = sub.add_parser("meet", help="start (or resume) a meeting with a rep")
    meet.add_argument("rep", help="the rep's name")
    meet.add_argument("--agenda", metavar="NAME", help="agenda template (default: the last "
                      "one used with this rep, else weekly)")
    return parser


# commands that change data: refused with --all-managers (read-only)
WRITES = {("rep", "add"), ("rep", "archive"), ("meet", None), ("target", "set"),
          ("metrics", "import"), ("restore", None)}


def resolve_settings(args: argparse.Namespace) -> Settings:
    from .store.scope import ScopeError, resolve_manager

    db = args.db or os.environ.get(ENV_DB) or str(default_db_path())
    agendas_arg = args.agendas or os.environ.get(ENV_AGENDAS)
    agendas = Path(agendas_arg).expanduser() if agendas_arg else default_agendas_dir()
    try:
        manager = resolve_manager(args.manager)
    except ScopeError as exc:
        raise UserError(str(exc)) from None
    all_managers = bool(args.all_managers or getattr(args, "due_all_managers", False))
    try:
        clock = clock_for(os.environ.get(ENV_NOW))  # the only place the program asks
    except ClockError as exc:
        raise UserError(str(exc)) from None
    return Settings(db=db, agendas=agendas, agendas_explicit=bool(agendas_arg),
                    manager=manager, all_managers=all_managers, clock=clock)


def apply_scope(args: argparse.Namespace, settings: Settings) -> None:
    """Whose team this run sees; refuse a write when it sees everyone's read-only."""
    from .store.scope import set_scope

    set_scope(settings.manager, all_managers=settings.all_managers)
    action = (getattr(args, "rep_command", None) or getattr(args, "target_command", None)
              or getattr(args, "metrics_command", None))
    if settings.all_managers and (args.command, action) in WRITES:
        verb = " ".join(x for x in (args.command, action) if x)
        raise UserError(f"'{verb}' changes data, and --all-managers is read-only; run it "
                        "with --manager NAME (or without --all-managers)")


def open_store(settings: Settings) -> None:
    from .store.database import StorageError, open_database

    try:
        open_database(settings.db)
    except StorageError as exc:
        raise UserError(str(exc)) from None
    if "://" not in settings.db:
        from .paths import is_readable_by_others

        if is_readable_by_others(Path(settings.db).expanduser()):
            print(f"oneonone: warning: {settings.db} is readable by other users; "
                  f"run: chmod 600 {settings.db}", file=sys.stderr)


def agenda_entries(settings: Settings) -> list:
    from .agenda import discover_agendas, seed_user_agendas

    if settings.agendas_explicit:
        if not settings.agendas.is_dir():
            raise UserError(f"agendas folder {settings.agendas} does not exist; create it or "
                            "drop --agendas / ONEONONE_AGENDAS to use the defaults")
    else:
        try:
            seed_user_agendas(settings.agendas)
        except OSError as exc:
            print(f"oneonone: warning: cannot create {settings.agendas} ({exc.strerror}); "
                  "using the bundled agendas", file=sys.stderr)
            return discover_agendas(None)
    return discover_agendas(settings.agendas)


def cmd_rep(args: argparse.Namespace, settings: Settings) -> int:
    from .store import queries
    from .textutil import format_table

    open_store(settings)
    try:
        if args.rep_command == "add":
            rep = queries.add_rep(args.name, args.cadence, now=settings.clock.now())
            print(f"added {rep.name} ({rep.cadence})")
        elif args.rep_command == "archive":
            rep = queries.archive_rep(args.name)
            print(f"archived {rep.name}; their history is kept")
        else:
            reps = queries.list_reps(include_archived=args.all)
            if not reps:
                print("no reps yet: add one with  oneonone rep add \"NAME\"")
                return EXIT_OK
            if settings.all_managers:
                print(format_table(["MANAGER", "NAME", "CADENCE", "STATUS"],
                                   [(r.manager, r.name, r.cadence,
                                     "archived" if r.archived else "active") for r in reps]))
                return EXIT_OK
            rows = [(r.name, r.cadence, "archived" if r.archived else "active") for r in reps]
            print(format_table(["NAME", "CADENCE", "STATUS"], rows))
    except queries.QueryError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace, settings: Settings) -> int:
    from .agenda import AgendaError, load_agenda_file
    from .textutil import format_table, minutes_label

    if args.agenda_command == "list":
        rows = []
        for e in agenda_entries(settings):
            if e.ok:
                a = e.agenda
                rows.append((e.slug, a.name, a.type, minutes_label(a.total_seconds),
                             len(a.sections)))
            else:
                rows.append((e.slug, f"BROKEN: {e.first_error}", "", "", ""))
        print(format_table(["AGENDA", "NAME", "TYPE", "MINUTES", "SECTIONS"], rows))
        return EXIT_OK
    failed = False
    if args.files:
        for name in args.files:
            try:
                agenda = load_agenda_file(Path(name))
            except AgendaError as exc:
                failed = True
                print(str(exc), file=sys.stderr)
            else:
                print(f"{name}: ok ({agenda.name}, {len(agenda.sections)} sections, "
                      f"{minutes_label(agenda.total_seconds)} min)")
    else:
        for e in agenda_entries(settings):
            if e.ok:
                print(f"{e.path}: ok ({e.agenda.name}, {len(e.agenda.sections)} sections, "
                      f"{minutes_label(e.agenda.total_seconds)} min)")
            else:
                failed = True
                for p in e.problems:
                    print(str(p), file=sys.stderr)
    return EXIT_ERROR if failed else EXIT_OK


def cmd_tui(args: argparse.Namespace, settings: Settings) -> int:
    open_store(settings)
    entries = agenda_entries(settings)
    start_rep = None
    if args.command == "meet":
        from .agenda import find_agenda
        from .store import queries

        try:
            start_rep = queries.find_rep(args.rep)
        except queries.QueryError as exc:
            raise UserError(str(exc)) from None
        if args.agenda:
            entry = find_agenda(entries, args.agenda)
            if entry is None:
                known = ", ".join(e.slug for e in entries)
                raise UserError(f"no agenda named {args.agenda!r} (known: {known})")
            if not entry.ok:
                raise UserError(f"agenda {args.agenda!r} is broken: {entry.first_error}")
    if not sys.stdout.isatty() and not os.environ.get("ONEONONE_ALLOW_NO_TTY"):
        raise UserError("the oneonone app needs a terminal; run it in one (or use a "
                        "command such as 'oneonone rep list')")
    from .metrics import load_metrics
    from .ui.app import OneOnOneApp

    metrics, problems = load_metrics(settings.agendas)
    for p in problems:
        print(f"oneonone: warning: {p}", file=sys.stderr)
    app = OneOnOneApp(agendas=entries, start_rep=start_rep,
                      start_agenda=getattr(args, "agenda", None), metrics=metrics,
                      agendas_dir=settings.agendas, clock=settings.clock)
    app.run()
    return app.return_code or EXIT_OK


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from .store import backup
    from .store.database import StorageError

    open_store(settings)
    target = Path(args.file).expanduser()
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; use --force to overwrite it")
    try:
        kind = backup.backup(target, as_json=args.json or ("://" in settings.db
                             and not settings.db.startswith("sqlite")))
    except (OSError, StorageError) as exc:
        raise UserError(f"cannot write the backup {target}: {exc}") from None
    print(f"backed up to {target} ({kind})")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from .store import backup
    from .store.database import StorageError

    open_store(settings)
    try:
        counts = backup.restore(Path(args.file).expanduser(), force=args.force)
    except StorageError as exc:
        raise UserError(str(exc)) from None
    print(f"restored {counts.get('rep', 0)} reps, {counts.get('meeting', 0)} meetings, "
          f"{counts.get('commitment', 0)} commitments from {args.file}")
    return EXIT_OK


def cmd_metrics(args: argparse.Namespace, settings: Settings) -> int:
    from .metrics import load_metrics, parse_number
    from .store import numbers, queries
    from .textutil import format_table

    metrics, problems = load_metrics(settings.agendas)
    for p in problems:
        print(str(p), file=sys.stderr)
    if args.command == "metrics" and args.metrics_command == "list":
        print(format_table(["KEY", "LABEL", "UNIT", "KIND", "PERIOD", "TARGET"],
                           [(m.key, m.label, m.unit, m.kind, m.period, m.format(m.target))
                            for m in metrics.values()]))
        return EXIT_ERROR if problems else EXIT_OK
    open_store(settings)
    now = settings.clock.now()
    try:
        if args.command == "metrics":
            path = Path(args.file).expanduser()
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise UserError(f"cannot read {path}: {getattr(exc, 'strerror', exc)}") from None
            try:
                result = numbers.import_actuals(text, metrics, now, source=str(path))
            except numbers.ImportError_ as exc:
                for line in exc.problems:
                    print(line, file=sys.stderr)
                raise UserError(f"nothing imported from {path}: fix the "
                                f"{len(exc.problems)} problem(s) above") from None
            print(f"imported {path}: {result.added} added, {result.updated} updated")
            return EXIT_OK
        rep = queries.find_rep(args.rep)
        if args.target_command == "list":
            current = numbers.targets(rep.id, metrics)
            print(format_table(["METRIC", "TARGET"],
                               [(m.label, m.format(current[k])) for k, m in metrics.items()]))
            history = numbers.target_history(rep.id)
            if history:
                print("\nChanges (newest first)")
                print(format_table(["WHEN", "METRIC", "TARGET", "REASON"],
                                   [(f"{h.changed_at:%Y-%m-%d}", h.metric, h.target, h.reason)
                                    for h in history]))
            return EXIT_OK
        metric = metrics.get(args.metric)
        if metric is None:
            raise UserError(f"unknown metric {args.metric!r} (known: {', '.join(metrics)})")
        try:
            value = parse_number(args.value)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        numbers.set_target(rep.id, metric, value, args.reason, now)
        print(f"{rep.name}: {metric.label} target is now {metric.format(value)}")
        return EXIT_OK
    except queries.QueryError as exc:
        raise UserError(str(exc)) from None


REPORTS = ("due", "commitments", "stats", "export", "ics")


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from .cli_reports import HANDLERS
    from .store.queries import QueryError

    open_store(settings)
    try:
        return HANDLERS[args.command](args, settings.clock)
    except QueryError as exc:
        raise UserError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = resolve_settings(args)
        apply_scope(args, settings)
    except UserError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from .store.driver import load_peewee_for

    load_peewee_for(settings.db)  # without psycopg2 for SQLite: faster, 6 MiB smaller
    handlers = {"rep": cmd_rep, "agenda": cmd_agenda, "backup": cmd_backup,
                "restore": cmd_restore, "metrics": cmd_metrics, "target": cmd_metrics}
    try:
        if args.command in REPORTS:
            return cmd_report(args, settings)
        if args.command == "demo":
            from .demo import run as run_demo

            return run_demo(args, settings.db, settings.clock.today())
        if args.command == "serve":
            from .serve import run as run_serve

            return run_serve(args, settings, parser)
        return handlers.get(args.command, cmd_tui)(args, settings)
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
        from .store.database import describe_target, explain

        print(f"oneonone: error: {explain(exc, describe_target(settings.db))}",
              file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
