"""Helpers shared by the Pilot, snapshot and CLI tests."""

from __future__ import annotations

import datetime as dt

from oneonone_tui.store.commitments import add_commitment, mark_review, review_items
from oneonone_tui.store.errors import NotFound
from oneonone_tui.store.meetings import (
    complete_meeting,
    save_note,
    save_timing,
    set_phase,
    start_meeting,
)
from oneonone_tui.store.reps import add_rep, archive_rep, find_rep
from oneonone_tui.templates.agendas import discover_agendas, find_agenda

NOW = dt.datetime(2026, 11, 23, 9, 0)
# what every program a test starts (CLI, tmux, browser) takes for "now" (ONEONONE_NOW,
# set for the whole session by conftest.py): the fixtures' moment, whatever today's date
PINNED_NOW = NOW.isoformat(timespec="minutes")


def completed_meeting(
    rep_name: str,
    at: dt.datetime,
    commitments: list[tuple[str, str, dt.date]],
    cadence: str = "weekly",
    agenda: str = "weekly",
) -> int:
    """A finished past meeting made through the query layer, as the app makes them."""
    try:
        rep = find_rep(rep_name)
    except NotFound:
        rep = add_rep(rep_name, cadence, now=NOW)
    template = find_agenda(discover_agendas(None), agenda).agenda
    mid = start_meeting(rep.id, template, at)
    for owner, text, due in commitments:
        add_commitment(mid, owner, text, due, at)
    complete_meeting(mid, at + dt.timedelta(minutes=20))
    return mid


async def type_text(pilot, text: str) -> None:
    """Type like a person: one key press per character."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])


PRIVATE_MARKER = "PRIVATE-7f3a"  # appears only in private notes: exports must never show it


def fill_team(today: dt.date | None = None, *, weeks: int = 16) -> dict[str, int]:
    """Several reps and months of weekly meetings, made through the query layer as the app
    makes them: notes (some private), commitments for both owners, and reviews with every
    verdict (done, missed, dropped, carried). Returns rep name -> rep id.

    Ann follows through, Bob misses half of his, Cy has carried one commitment three times,
    Dee was never met, Eve is archived."""
    today = today or NOW.date()
    agenda = find_agenda(discover_agendas(None), "weekly").agenda
    ids = {}
    for name, cadence in (
        ("Ann Archer", "weekly"),
        ("Bob Baker", "weekly"),
        ("Cy Cohen", "biweekly"),
        ("Dee Dunn", "monthly"),
        ("Eve Evans", "weekly"),
    ):
        ids[name] = add_rep(name, cadence, now=NOW).id
    start = today - dt.timedelta(weeks=weeks)
    for rep_name in ("Ann Archer", "Bob Baker", "Cy Cohen", "Eve Evans"):
        rep_id = ids[rep_name]
        step = 14 if rep_name == "Cy Cohen" else 7
        day = start
        n = 0
        while day < today - dt.timedelta(days=2):
            at = dt.datetime.combine(day, dt.time(9, 0))
            mid = start_meeting(rep_id, agenda, at)
            for item in review_items(mid):
                c = item.commitment
                if c.text.startswith("Rebuild"):  # carried three times, then left open
                    if c.carry_count < 3:
                        mark_review(mid, c.id, "carried", at, new_due=day + dt.timedelta(days=step))
                elif rep_name == "Bob Baker" and c.owner == "rep" and n % 2:
                    mark_review(mid, c.id, "missed", at)
                elif c.text.startswith("Maybe"):
                    mark_review(mid, c.id, "dropped", at, reason="no longer needed")
                else:
                    mark_review(mid, c.id, "done", at)
            set_phase(mid, "sections")
            for section in agenda.sections:
                save_note(mid, section.key, f"{rep_name} week {n}: {section.title}", False, at)
            save_note(
                mid, "coaching-plan", f"{PRIVATE_MARKER} manager-only view of {rep_name}", True, at
            )
            squeeze = [300, 260, 240, 90, 250]  # coaching is routinely squeezed
            save_timing(mid, 4, [(s, 0, True) for s in squeeze])
            add_commitment(
                mid, "rep", f"Call ten prospects (week {n})", day + dt.timedelta(days=step), at
            )
            add_commitment(
                mid,
                "manager",
                f"Review the pipeline with {rep_name}",
                day + dt.timedelta(days=step),
                at,
            )
            if n == 0 and rep_name == "Cy Cohen":
                add_commitment(
                    mid, "rep", "Rebuild the territory plan", day + dt.timedelta(days=step), at
                )
            if n % 3 == 0:
                add_commitment(
                    mid, "rep", "Maybe attend the trade show", day + dt.timedelta(days=step), at
                )
            complete_meeting(mid, at + dt.timedelta(minutes=19))
            day += dt.timedelta(days=step)
            n += 1
    archive_rep("Eve Evans")
    return ids


def plain(widget) -> str:
    """What a Static shows, as plain text (Rich tables and Text included)."""
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


# --- snapshot helpers (tests/test_snapshots.py, tests/test_snapshots_themes.py) ------------


def make_team() -> None:
    """Four reps: one overdue with open commitments, one due soon, one never met."""
    completed_meeting(
        "Dana Scully",
        NOW - dt.timedelta(days=12),
        [
            ("rep", "Send Acme the revised proposal", dt.date(2026, 11, 20)),
            ("manager", "Get pricing approval from finance", dt.date(2026, 11, 27)),
            ("rep", "Book a demo with Initech", dt.date(2026, 11, 18)),
        ],
    )
    completed_meeting(
        "Fox Mulder",
        NOW - dt.timedelta(days=3),
        [("rep", "Ten dials a day", dt.date(2026, 11, 30))],
    )
    add_rep("Walter Skinner", "monthly", now=NOW)


async def start_with(pilot, rep: str) -> None:
    """On the home screen: select ``rep``, Enter, and Enter on the agenda picker."""
    table = pilot.app.screen.query_one("#team")
    for row in range(table.row_count):
        if str(table.get_row_at(row)[0]) == rep:
            table.move_cursor(row=row)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def snap(snap_compare, app, **kwargs) -> bool:
    """Snapshot after ``run_before``, with transient toasts cleared (they cover content)."""
    run_before = kwargs.pop("run_before", None)

    async def settle(pilot):
        if run_before is not None:
            await run_before(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return snap_compare(app, run_before=settle, **kwargs)


def into_sections(clock, seconds_in_second_section: float):
    """A ``run_before`` for Dana's meeting (see make_team): review skipped, a note in the
    first section, then in the second a note and a commitment due Friday, and
    ``seconds_in_second_section`` on the clock there."""

    async def run_before(pilot):
        await start_with(pilot, "Dana Scully")
        await pilot.press("s", "y")  # skip the review explicitly
        await pilot.pause()
        await type_text(pilot, "Pipeline up 20%")
        clock.advance(250)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Needs help with procurement at Acme")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "Join the Acme call")
        await pilot.press("ctrl+o", "enter")
        await type_text(pilot, "fri")
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(seconds_in_second_section)
        pilot.app.screen.tick()
        await pilot.pause()

    return run_before
