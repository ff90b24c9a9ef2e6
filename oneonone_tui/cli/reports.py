"""Accountability commands: due, commitments, stats (and the parsers of export and ics,
whose handlers are in :mod:`oneonone_tui.cli.exports`). No Textual here."""

from __future__ import annotations

import argparse
import json
from datetime import date

from oneonone_tui.domain.clock import Clock
from oneonone_tui.domain.text import format_table


def add_parsers(sub: argparse._SubParsersAction) -> None:
    due = sub.add_parser("due", help="who is due or overdue for a one-on-one")
    due.add_argument("--json", action="store_true", help="machine-readable output")
    due.add_argument(
        "--all-managers",
        dest="due_all_managers",
        action="store_true",
        help="every overdue one-on-one in the organisation, with its manager",
    )

    com = sub.add_parser("commitments", help="commitments across the team, overdue first")
    com.add_argument("--rep", metavar="NAME")
    com.add_argument("--owner", choices=("rep", "manager"))
    which = com.add_mutually_exclusive_group()
    which.add_argument(
        "--open", dest="which", action="store_const", const="open", help="open ones (default)"
    )
    which.add_argument("--overdue", dest="which", action="store_const", const="overdue")
    which.add_argument("--all", dest="which", action="store_const", const="all")
    com.add_argument("--json", action="store_true")

    stats = sub.add_parser("stats", help="follow-through and time discipline")
    stats.add_argument("--rep", metavar="NAME")
    stats.add_argument("--json", action="store_true")

    exp = sub.add_parser("export", help="a meeting as Markdown (for the rep) or JSON")
    exp.add_argument("rep", help="the rep's name")
    pick = exp.add_mutually_exclusive_group()
    pick.add_argument("--meeting", type=int, metavar="ID", help="a meeting id (see history)")
    pick.add_argument("--last", action="store_true", help="the last completed meeting (default)")
    exp.add_argument("--format", choices=("md", "json"), default="md")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE (0600) not stdout")
    exp.add_argument(
        "--include-private", action="store_true", help="include notes marked private (manager only)"
    )

    ics = sub.add_parser("ics", help="iCalendar: next one-on-one and open commitments")
    ics.add_argument("rep", help="the rep's name")
    ics.add_argument("-o", "--output", metavar="FILE", help="write to FILE (0600) not stdout")


def _rep_id(name: str | None) -> int | None:
    from oneonone_tui.store.reps import find_rep

    return None if name is None else find_rep(name).id


def _status(row, today: date) -> str:
    if row.in_progress_id is not None:
        return "in progress"
    days = row.days_overdue(today)
    if days is None:
        return "never met"
    if days > 0:
        return f"overdue {days}d"
    if days == 0:
        return "due today"
    return f"in {-days}d"


def _overdue(row, today: date) -> bool:
    """Overdue, or never met (the most overdue of all), and not being held right now."""
    days = row.days_overdue(today)
    return row.in_progress_id is None and (days is None or days > 0)


def cmd_due(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    from oneonone_tui.store.follow_through import follow_through_by_rep
    from oneonone_tui.store.reps import team_overview
    from oneonone_tui.store.scope import current_scope

    organisation = current_scope().all_managers
    rows = team_overview(today)
    if organisation:  # a director's view: what is overdue anywhere, most overdue first
        rows = [r for r in rows if _overdue(r, today)]
    rates = follow_through_by_rep(today, all_time=False)  # 90 days only
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "rep": r.name,
                        "manager": r.manager,
                        "cadence": r.cadence,
                        "last_met": r.last_met.isoformat() if r.last_met else None,
                        "next_due": r.next_due.isoformat() if r.next_due else None,
                        "days_overdue": r.days_overdue(today),
                        "status": _status(r, today),
                        "open_commitments": r.open_count,
                        "overdue_commitments": r.overdue_count,
                        "follow_through_90d": _rate(rates, r.rep_id),
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return 0
    if organisation:
        if not rows:
            print("no one-on-one is overdue in the organisation")
            return 0
        print(
            format_table(
                ["MANAGER", "REP", "CADENCE", "LAST 1:1", "NEXT 1:1", "STATUS", "OPEN", "OVERDUE"],
                [
                    (
                        r.manager,
                        r.name,
                        r.cadence,
                        r.last_met or "never",
                        r.next_due or "-",
                        _status(r, today),
                        r.open_count,
                        r.overdue_count,
                    )
                    for r in rows
                ],
            )
        )
        managers = len({r.manager for r in rows})
        print(f"\n{len(rows)} one-on-one(s) overdue across {managers} manager(s)")
        return 0
    if not rows:
        print('no reps yet: add one with  oneonone rep add "NAME"')
        return 0
    print(
        format_table(
            [
                "REP",
                "CADENCE",
                "LAST 1:1",
                "NEXT 1:1",
                "STATUS",
                "OPEN",
                "OVERDUE",
                "FOLLOW-THROUGH",
            ],
            [
                (
                    r.name,
                    r.cadence,
                    r.last_met or "never",
                    r.next_due or "-",
                    _status(r, today),
                    r.open_count,
                    r.overdue_count,
                    rates[r.rep_id].recent["rep"].label() if r.rep_id in rates else "-",
                )
                for r in rows
            ],
        )
    )
    return 0


def _rate(rates, rep_id: int) -> float | None:
    entry = rates.get(rep_id)
    if entry is None or entry.recent["rep"].rate is None:
        return None
    return round(entry.recent["rep"].rate, 3)


def cmd_commitments(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    from oneonone_tui.domain.duedate import describe_due
    from oneonone_tui.store.commitments import team_commitments

    rows = team_commitments(
        today, rep_id=_rep_id(args.rep), owner=args.owner, which=args.which or "open"
    )
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.commitment.id,
                        "rep": r.rep_name,
                        "owner": r.commitment.owner,
                        "text": r.commitment.text,
                        "due": r.commitment.due.isoformat(),
                        "status": r.commitment.status,
                        "carry_count": r.commitment.carry_count,
                        "made_on": r.commitment.made_on.isoformat(),
                        "meeting_id": r.commitment.meeting_id,
                        "overdue": r.commitment.status in ("open", "carried")
                        and r.commitment.due < today,
                    }
                    for r in rows
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not rows:
        print("no commitments match")
        return 0
    print(
        format_table(
            ["REP", "OWNER", "DUE", "STATUS", "CARRIED", "COMMITMENT"],
            [
                (
                    r.rep_name,
                    r.commitment.owner,
                    describe_due(r.commitment.due, today)
                    if r.commitment.status in ("open", "carried")
                    else r.commitment.due,
                    r.commitment.status,
                    f"x{r.commitment.carry_count}" if r.commitment.carry_count else "",
                    r.commitment.text,
                )
                for r in rows
            ],
        )
    )
    return 0


def cmd_stats(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    from oneonone_tui.store.follow_through import follow_through_by_rep
    from oneonone_tui.store.reps import find_rep_by_id, list_reps
    from oneonone_tui.store.time_discipline import TIME_WINDOW, time_stats

    rep_id = _rep_id(args.rep)
    reps = [find_rep_by_id(rep_id)] if rep_id else list_reps()
    rates = follow_through_by_rep(today, rep_id)
    times = time_stats(rep_id)

    def ft(rep_id: int, period: str, owner: str):
        entry = rates.get(rep_id)
        return getattr(entry, period)[owner] if entry else None

    if args.json:

        def as_json(x):
            return (
                None
                if x is None
                else {
                    "done": x.done,
                    "missed": x.missed,
                    "rate": None if x.rate is None else round(x.rate, 3),
                }
            )

        print(
            json.dumps(
                {
                    "follow_through": [
                        {
                            "rep": r.name,
                            **{
                                f"{owner}_{period}": as_json(ft(r.id, period, owner))
                                for owner in ("rep", "manager")
                                for period in ("recent", "all_time")
                            },
                        }
                        for r in reps
                    ],
                    "time": {
                        "meetings": times.meetings,
                        "over_total": times.over_total,
                        "sections": [
                            {
                                "key": s.key,
                                "title": s.title,
                                "meetings": s.meetings,
                                "avg_actual_seconds": round(s.avg_actual, 1),
                                "avg_planned_seconds": round(s.avg_planned, 1),
                                "flag": s.flag,
                            }
                            for s in times.sections
                        ],
                    },
                },
                indent=2,
            )
        )
        return 0
    print("Follow-through (done / done + missed; dropped count neither way)")
    print(
        format_table(
            ["REP", "REP 90D", "REP ALL", "MANAGER 90D", "MANAGER ALL"],
            [
                (
                    r.name,
                    *[
                        (ft(r.id, p, o).label() if ft(r.id, p, o) else "-")
                        for o in ("rep", "manager")
                        for p in ("recent", "all_time")
                    ],
                )
                for r in reps
            ],
        )
    )
    print()
    scope = f"{reps[0].name}'s" if rep_id else "the team's"
    print(
        f"Time per section over {scope} last {TIME_WINDOW} meetings "
        f"({times.meetings} meetings, {times.over_total} ran over their total)"
    )
    if times.sections:
        from oneonone_tui.domain.timer import format_duration

        print(
            format_table(
                ["SECTION", "MEETINGS", "AVG ACTUAL", "AVG PLAN", ""],
                [
                    (
                        s.title,
                        s.meetings,
                        format_duration(s.avg_actual),
                        format_duration(s.avg_planned),
                        {"squeezed": "<< squeezed", "over": ">> runs over"}.get(s.flag, ""),
                    )
                    for s in times.sections
                ],
            )
        )
    return 0
