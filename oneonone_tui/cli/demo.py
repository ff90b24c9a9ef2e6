"""``oneonone demo``: fill an empty database with years of made-up one-on-ones."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from oneonone_tui.demo import MAX_REPS, MAX_WEEKS
from oneonone_tui.services.settings import Settings


def _bounded(low: int, high: int) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, got {value}")
        return value

    return parse


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help="the database to fill (must hold no reps yet)",
    )
    parser.add_argument(
        "--reps", type=_bounded(1, MAX_REPS), default=50, help="how many reps (default 50)"
    )
    parser.add_argument(
        "--weeks",
        type=_bounded(1, MAX_WEEKS),
        default=260,
        help="how many weeks of history (default 260, five years)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        help="random seed: the same seed gives the same history (default 1)",
    )


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``demo`` to the ``oneonone`` sub-commands. ``--db`` may come before or after
    ``demo``; given after, it replaces the global one."""
    parser = subparsers.add_parser(
        "demo",
        help="fill an empty database with a realistic team history (for trying out)",
        description="Fill an empty database with years of realistic, made-up one-on-ones.",
    )
    _add_arguments(parser)
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Open the database, refuse it if it holds reps, fill it up to the run's today; 0 on
    success, 1 on error."""
    from oneonone_tui.demo.writer import NotEmpty, fill

    db_target, today = settings.db, settings.clock.today()
    from oneonone_tui.store.database import StorageError, describe_target, open_database
    from oneonone_tui.store.models import db

    started = time.perf_counter()
    try:
        open_database(db_target)
    except StorageError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return 1
    try:
        counts = fill(args.reps, args.weeks, args.seed, today=today)
    except NotEmpty as exc:
        print(f"oneonone: error: {describe_target(db_target)}: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(
        f"filled {describe_target(db_target)} with {counts['reps']} reps, "
        f"{counts['meetings']} meetings, {counts['commitments']} commitments, "
        f"{counts['notes']} notes, {counts['actuals']} actuals, {counts['targets']} "
        f"target changes, {counts['coaching items']} coaching items "
        f"({counts['coaching changes']} changes), {counts['calls']} calls "
        f"({counts['joint calls']} joint) in {time.perf_counter() - started:.1f} s"
    )
    return 0
