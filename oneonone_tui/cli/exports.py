"""``export`` (a meeting as Markdown or JSON) and ``ics`` (the next one-on-one and the
open commitments as a calendar). No Textual here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oneonone_tui.domain.clock import Clock
from oneonone_tui.paths import write_private


def _emit(text: str, output: str | None, what: str) -> None:
    from oneonone_tui.services.settings import UserError

    if output is None:
        sys.stdout.write(text)
        return
    path = Path(output).expanduser()
    try:
        write_private(path, text)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"wrote {what} to {path}", file=sys.stderr)


def export_text(meeting_id: int, fmt: str, include_private: bool) -> str:
    from oneonone_tui.services.export import to_json, to_markdown
    from oneonone_tui.store.history import meeting_detail

    detail = meeting_detail(meeting_id)
    render = to_json if fmt == "json" else to_markdown
    return render(detail, include_private=include_private)


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    from oneonone_tui.services.settings import UserError
    from oneonone_tui.store.history import last_meeting_id
    from oneonone_tui.store.models import Meeting
    from oneonone_tui.store.reps import find_rep

    rep = find_rep(args.rep, include_archived=True)
    if args.meeting is not None:
        m = Meeting.get_or_none(Meeting.id == args.meeting) if 0 < args.meeting < 2**62 else None
        if m is None or m.rep_id != rep.id:
            raise UserError(
                f"{rep.name} has no meeting with id {args.meeting}; "
                f"see 'oneonone export {rep.name!r} --last' or the history screen"
            )
        meeting_id = m.id
    else:
        meeting_id = last_meeting_id(rep.id)
        if meeting_id is None:
            raise UserError(f"{rep.name} has no completed meeting yet")
    text = export_text(meeting_id, args.format, args.include_private)
    _emit(text, args.output, f"meeting {meeting_id} ({args.format})")
    return 0


def cmd_ics(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    from oneonone_tui.services.ics import build_ics
    from oneonone_tui.store.commitments import open_commitments
    from oneonone_tui.store.reps import find_rep, team_overview

    rep = find_rep(args.rep)
    row = next(r for r in team_overview(today) if r.rep_id == rep.id)
    next_meeting = max(row.next_due, today) if row.next_due else today
    text = build_ics(rep.name, next_meeting, open_commitments(rep.id), clock.now())
    _emit(text, args.output, "calendar")
    return 0
