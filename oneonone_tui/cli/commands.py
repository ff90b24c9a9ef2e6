"""The commands that manage the team, templates, numbers and backups, and the one that
opens the app. Each is ``(args, settings) -> exit code``; a user mistake is a UserError."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from oneonone_tui.cli.errors import EXIT_ERROR, EXIT_OK
from oneonone_tui.services.settings import Settings, UserError, agenda_entries, open_store


def cmd_rep(args: argparse.Namespace, settings: Settings) -> int:
    from oneonone_tui.domain.text import format_table
    from oneonone_tui.store.errors import QueryError
    from oneonone_tui.store.reps import add_rep, archive_rep, list_reps

    open_store(settings)
    try:
        if args.rep_command == "add":
            rep = add_rep(args.name, args.cadence, now=settings.clock.now())
            print(f"added {rep.name} ({rep.cadence})")
        elif args.rep_command == "archive":
            rep = archive_rep(args.name)
            print(f"archived {rep.name}; their history is kept")
        else:
            reps = list_reps(include_archived=args.all)
            if not reps:
                print('no reps yet: add one with  oneonone rep add "NAME"')
                return EXIT_OK
            if settings.all_managers:
                print(
                    format_table(
                        ["MANAGER", "NAME", "CADENCE", "STATUS"],
                        [
                            (r.manager, r.name, r.cadence, "archived" if r.archived else "active")
                            for r in reps
                        ],
                    )
                )
                return EXIT_OK
            rows = [(r.name, r.cadence, "archived" if r.archived else "active") for r in reps]
            print(format_table(["NAME", "CADENCE", "STATUS"], rows))
    except QueryError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace, settings: Settings) -> int:
    from oneonone_tui.domain.agenda import AgendaError
    from oneonone_tui.domain.text import format_table, minutes_label
    from oneonone_tui.templates.agendas import load_agenda_file

    if args.agenda_command == "list":
        rows = []
        for e in agenda_entries(settings):
            if e.ok:
                a = e.agenda
                rows.append(
                    (e.slug, a.name, a.type, minutes_label(a.total_seconds), len(a.sections))
                )
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
                print(
                    f"{name}: ok ({agenda.name}, {len(agenda.sections)} sections, "
                    f"{minutes_label(agenda.total_seconds)} min)"
                )
    else:
        for e in agenda_entries(settings):
            if e.ok:
                print(
                    f"{e.path}: ok ({e.agenda.name}, {len(e.agenda.sections)} sections, "
                    f"{minutes_label(e.agenda.total_seconds)} min)"
                )
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
        from oneonone_tui.store.errors import QueryError
        from oneonone_tui.store.reps import find_rep
        from oneonone_tui.templates.agendas import find_agenda

        try:
            start_rep = find_rep(args.rep)
        except QueryError as exc:
            raise UserError(str(exc)) from None
        if args.agenda:
            entry = find_agenda(entries, args.agenda)
            if entry is None:
                known = ", ".join(e.slug for e in entries)
                raise UserError(f"no agenda named {args.agenda!r} (known: {known})")
            if not entry.ok:
                raise UserError(f"agenda {args.agenda!r} is broken: {entry.first_error}")
    if not sys.stdout.isatty() and not os.environ.get("ONEONONE_ALLOW_NO_TTY"):
        raise UserError(
            "the oneonone app needs a terminal; run it in one (or use a "
            "command such as 'oneonone rep list')"
        )
    from oneonone_tui.templates.metrics import load_metrics
    from oneonone_tui.ui.app import OneOnOneApp

    metrics, problems = load_metrics(settings.agendas)
    for p in problems:
        print(f"oneonone: warning: {p}", file=sys.stderr)
    app = OneOnOneApp(
        agendas=entries,
        start_rep=start_rep,
        start_agenda=getattr(args, "agenda", None),
        metrics=metrics,
        agendas_dir=settings.agendas,
        clock=settings.clock,
    )
    app.run()
    return app.return_code or EXIT_OK


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from oneonone_tui.store import backup
    from oneonone_tui.store.database import StorageError

    open_store(settings)
    target = Path(args.file).expanduser()
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; use --force to overwrite it")
    try:
        kind = backup.backup(
            target,
            as_json=args.json or ("://" in settings.db and not settings.db.startswith("sqlite")),
        )
    except (OSError, StorageError) as exc:
        raise UserError(f"cannot write the backup {target}: {exc}") from None
    print(f"backed up to {target} ({kind})")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from oneonone_tui.store import backup
    from oneonone_tui.store.database import StorageError

    open_store(settings)
    try:
        counts = backup.restore(Path(args.file).expanduser(), force=args.force)
    except StorageError as exc:
        raise UserError(str(exc)) from None
    print(
        f"restored {counts.get('rep', 0)} reps, {counts.get('meeting', 0)} meetings, "
        f"{counts.get('commitment', 0)} commitments from {args.file}"
    )
    return EXIT_OK


def cmd_metrics(args: argparse.Namespace, settings: Settings) -> int:
    from oneonone_tui.domain.metrics import parse_number
    from oneonone_tui.domain.text import format_table
    from oneonone_tui.store import numbers
    from oneonone_tui.store.errors import QueryError
    from oneonone_tui.store.reps import find_rep
    from oneonone_tui.templates.metrics import load_metrics

    metrics, problems = load_metrics(settings.agendas)
    for p in problems:
        print(str(p), file=sys.stderr)
    if args.command == "metrics" and args.metrics_command == "list":
        print(
            format_table(
                ["KEY", "LABEL", "UNIT", "KIND", "PERIOD", "TARGET"],
                [
                    (m.key, m.label, m.unit, m.kind, m.period, m.format(m.target))
                    for m in metrics.values()
                ],
            )
        )
        return EXIT_ERROR if problems else EXIT_OK
    open_store(settings)
    now = settings.clock.now()
    try:
        if args.command == "metrics":
            path = Path(args.file).expanduser()
            text = _read_import(path)
            try:
                result = numbers.import_actuals(text, metrics, now, source=str(path))
            except numbers.ImportError_ as exc:
                for line in exc.problems:
                    print(line, file=sys.stderr)
                raise UserError(
                    f"nothing imported from {path}: fix the {len(exc.problems)} problem(s) above"
                ) from None
            print(f"imported {path}: {result.added} added, {result.updated} updated")
            return EXIT_OK
        rep = find_rep(args.rep)
        if args.target_command == "list":
            current = numbers.targets(rep.id, metrics)
            print(
                format_table(
                    ["METRIC", "TARGET"],
                    [(m.label, m.format(current[k])) for k, m in metrics.items()],
                )
            )
            history = numbers.target_history(rep.id)
            if history:
                print("\nChanges (newest first)")
                print(
                    format_table(
                        ["WHEN", "METRIC", "TARGET", "REASON"],
                        [
                            (f"{h.changed_at:%Y-%m-%d}", h.metric, h.target, h.reason)
                            for h in history
                        ],
                    )
                )
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
    except QueryError as exc:
        raise UserError(str(exc)) from None


MAX_IMPORT_BYTES = 50_000_000  # a CRM export of actuals is far smaller


def _read_import(path: Path) -> str:
    """The text of an import file, read no further than MAX_IMPORT_BYTES (``/dev/zero``
    or a wrong file must not fill the memory)."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise UserError(
            f"{path} is over {MAX_IMPORT_BYTES // 1_000_000} MB; a CRM export of actuals is far "
            "smaller: check that this is the right file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"cannot read {path}: not UTF-8 text (byte {exc.start + 1}); export it as UTF-8 CSV"
        ) from None
