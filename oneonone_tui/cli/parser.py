"""The one parser of ``oneonone``: global options and every command's arguments."""

from __future__ import annotations

import argparse

from oneonone_tui import __version__
from oneonone_tui.paths import ENV_AGENDAS, ENV_DB


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oneonone",
        description="Run timed, keyboard-driven sales one-on-ones from the terminal.",
        epilog="With no command, opens the team on the home screen.",
    )
    parser.add_argument("--version", action="version", version=f"oneonone {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"SQLite file or database URL (env {ENV_DB}; default: "
        "oneonone.db in the user data dir)",
    )
    parser.add_argument(
        "--agendas",
        metavar="DIR",
        help=f"agenda templates folder (env {ENV_AGENDAS}; default: the user "
        "config dir's agendas/, seeded with the bundled templates)",
    )
    parser.add_argument(
        "--manager",
        metavar="NAME",
        help="whose team (env ONEONONE_MANAGER; default: your OS user name); "
        "reps and meetings belong to the manager who added or held them",
    )
    parser.add_argument(
        "--all-managers",
        action="store_true",
        help="see every manager's team, read-only (for a sales director)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rep = sub.add_parser("rep", help="add, list or archive reps")
    rep_sub = rep.add_subparsers(dest="rep_command", metavar="ACTION", required=True)
    add = rep_sub.add_parser("add", help="add a rep to the team")
    add.add_argument("name", help='the rep\'s name (quote it: "Dana Scully")')
    add.add_argument(
        "--cadence", default="weekly", help="weekly (default), biweekly, monthly or 'every N days'"
    )
    rep_sub.add_parser("list", help="list the team").add_argument(
        "--all", action="store_true", help="include archived reps"
    )
    rep_sub.add_parser("archive", help="archive a rep (history is kept)").add_argument("name")

    agenda = sub.add_parser("agenda", help="list or check agenda templates")
    agenda_sub = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    agenda_sub.add_parser("list", help="list the agenda templates")
    check = agenda_sub.add_parser("check", help="validate templates (all known when no FILE)")
    check.add_argument("files", nargs="*", metavar="FILE")

    from oneonone_tui.cli.demo import add_parser as add_demo_parser
    from oneonone_tui.cli.reports import add_parsers
    from oneonone_tui.cli.search import add_parser as add_search_parser
    from oneonone_tui.cli.serve import add_parser as add_serve_parser

    add_parsers(sub)
    add_search_parser(sub)
    add_demo_parser(sub)
    add_serve_parser(sub)

    bk = sub.add_parser("backup", help="a consistent online copy of the database")
    bk.add_argument("file", metavar="FILE")
    bk.add_argument(
        "--json",
        action="store_true",
        help="a JSON dump (always for PostgreSQL) instead of a SQLite copy",
    )
    bk.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    rs = sub.add_parser("restore", help="load a backup (SQLite copy or JSON dump)")
    rs.add_argument("file", metavar="FILE")
    rs.add_argument(
        "--force",
        action="store_true",
        help="replace a database that already holds reps or meetings",
    )

    met = sub.add_parser("metrics", help="metric definitions and CRM imports")
    met_sub = met.add_subparsers(dest="metrics_command", metavar="ACTION", required=True)
    met_sub.add_parser("list", help="the metrics (metrics.yaml beside the agendas)")
    imp = met_sub.add_parser("import", help="actuals from a CRM export (CSV)")
    imp.add_argument(
        "file", metavar="FILE.csv", help="columns rep,metric,period_start,value with a header row"
    )
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
    meet.add_argument(
        "--agenda",
        metavar="NAME",
        help="agenda template (default: the last one used with this rep, else weekly)",
    )
    return parser
