"""``oneonone search TERM``: notes and commitments that mention a word, newest first."""

from __future__ import annotations

import argparse
import json

from oneonone_tui.domain.clock import Clock
from oneonone_tui.domain.text import format_table

SHOWN = 200  # hits at the most, the newest


def add_parser(sub: argparse._SubParsersAction) -> None:
    search = sub.add_parser("search", help="notes and commitments that mention TERM, newest first")
    search.add_argument("term", metavar="TERM", help="a word or phrase (case does not matter)")
    search.add_argument("--rep", metavar="NAME", help="only this rep's meetings")
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.add_argument(
        "--include-private", action="store_true", help="search private notes too (manager only)"
    )


def cmd_search(args: argparse.Namespace, clock: Clock) -> int:
    from oneonone_tui.store.history import search
    from oneonone_tui.store.reps import find_rep

    rep_id = find_rep(args.rep, include_archived=True).id if args.rep else None
    hits = search(args.term, rep_id, include_private=args.include_private, limit=SHOWN)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "meeting_id": h.meeting_id,
                        "rep": h.rep_name,
                        "started_at": h.started_at.isoformat(),
                        "kind": h.kind,
                        "where": h.where,
                        "text": h.text,
                    }
                    for h in hits
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not hits:
        print(f"nothing found for {args.term.strip()!r}")
        return 0
    rows = [
        (
            f"{h.started_at:%Y-%m-%d}",
            h.rep_name,
            h.meeting_id,
            f"{h.kind} ({h.where})",
            _line(h.text, args.term),
        )
        for h in hits
    ]
    print(format_table(["WHEN", "REP", "MEETING", "WHERE", "TEXT"], rows))
    if len(hits) == SHOWN:
        print(f"\nthe newest {SHOWN} hits; narrow it with --rep or a longer term")
    return 0


def _line(text: str, term: str, width: int = 60) -> str:
    """The hit's text on one line, around the term."""
    flat = " ".join(text.split())
    at = flat.lower().find(term.strip().lower())
    start = max(0, at - width // 3) if at > 0 else 0
    piece = flat[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")
