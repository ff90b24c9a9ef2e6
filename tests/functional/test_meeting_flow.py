"""Pilot walks of a whole meeting, asserting on the database afterwards."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, TextArea

from oneonone_tui.store.meetings import save_note
from oneonone_tui.store.models import Commitment, Meeting, Note, ReviewMark, SectionRun
from oneonone_tui.store.reps import add_rep, find_rep
from oneonone_tui.ui.dialogs import AgendaPickerScreen, PromptScreen, ResumeScreen
from oneonone_tui.ui.screens.home import HomeScreen
from oneonone_tui.ui.screens.meeting.commitment_form import CommitmentForm
from oneonone_tui.ui.screens.meeting.review import ReviewScreen
from oneonone_tui.ui.screens.meeting.sections import MeetingScreen
from oneonone_tui.ui.screens.meeting.summary import SummaryScreen

from ..helpers import NOW, completed_meeting, type_text

LAST_WEEK = NOW - dt.timedelta(days=7)


async def add_commitment(pilot, text: str, due: str, *, manager: bool = False) -> None:
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommitmentForm)
    await type_text(pilot, text)
    if manager:
        await pilot.press("ctrl+o")
    await pilot.press("enter")
    await type_text(pilot, due)
    await pilot.press("enter")
    await pilot.pause()


async def test_whole_meeting(make_app, clock):
    completed_meeting(
        "Dana Scully",
        LAST_WEEK,
        [
            ("rep", "Send Acme the proposal", dt.date(2026, 11, 20)),
            ("manager", "Get pricing approval", dt.date(2026, 11, 27)),
        ],
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaPickerScreen)
        await pilot.press("enter")  # weekly: the last agenda used with Dana
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert [i.commitment.text for i in review.items] == [
            "Send Acme the proposal",
            "Get pricing approval",
        ]

        # continuing is refused until each one is looked at
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is review
        await pilot.press("d")  # first: done
        await pilot.press("c")  # second: carried, asks for a new date
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await type_text(pilot, "31/02")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # refused, text kept
        await pilot.press(*["backspace"] * 5)
        await type_text(pilot, "next")
        await pilot.press("enter")
        await pilot.pause()
        assert review.pending == 0
        await pilot.press("ctrl+n")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        mid = meeting.session.id

        # notes in every section; the clock drives the sections
        section_seconds = [250, 200, 240, 100, 130]
        for n, secs in enumerate(section_seconds):
            assert app.focused is meeting.query_one("#notes", TextArea)
            await type_text(pilot, f"note {n + 1}")
            clock.advance(secs)
            meeting.tick()
            await pilot.pause()
            if n == 0:
                assert meeting.query_one("#countdown").has_class("overrun")
                assert "+0:10" in str(meeting.query_one("#countdown").render())
            if n < 4:
                await pilot.press("ctrl+n")
                await pilot.pause()

        # the summary refuses while the agenda's minimum (1) is not met
        await pilot.press("ctrl+f")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.summary.problems
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert Meeting.get_by_id(mid).status == "in_progress"

        await pilot.press("escape")  # back to the meeting
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await add_commitment(pilot, "Book the joint call with Acme", "fri")
        await add_commitment(pilot, "Send the pricing sheet", "+2w", manager=True)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert not app.screen.summary.problems
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    m = Meeting.get_by_id(mid)
    assert m.status == "completed" and m.ended_at is not None
    notes = {n.section_key: n.text for n in Note.select().where(Note.meeting == mid)}
    assert notes == {
        "goal-status": "note 1",
        "help": "note 2",
        "behavior-plan": "note 3",
        "coaching-plan": "note 4",
        "upcoming-calls": "note 5",
    }
    runs = SectionRun.select().where(SectionRun.meeting == mid).order_by(SectionRun.position)
    assert [round(r.actual_seconds) for r in runs] == section_seconds
    made = {(c.owner, c.text, c.due) for c in Commitment.select().where(Commitment.meeting == mid)}
    assert made == {
        ("rep", "Book the joint call with Acme", dt.date(2026, 11, 27)),
        ("manager", "Send the pricing sheet", dt.date(2026, 12, 7)),
    }
    marks = {m.commitment.text: (m.verdict, m.new_due) for m in ReviewMark.select()}
    assert marks == {
        "Send Acme the proposal": ("done", None),
        "Get pricing approval": ("carried", dt.date(2026, 11, 30)),
    }
    carried = Commitment.get(Commitment.text == "Get pricing approval")
    assert (carried.status, carried.carry_count, carried.due) == (
        "carried",
        1,
        dt.date(2026, 11, 30),
    )


async def test_pause_counts_nowhere_and_add_minute(make_app, clock):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        meeting = app.screen  # nothing to review: straight on
        assert isinstance(meeting, MeetingScreen)
        clock.advance(30)
        await pilot.press("ctrl+t")  # pause
        clock.advance(600)
        meeting.tick()
        assert meeting.session.timer.elapsed(0) == 30
        await pilot.press("ctrl+t")  # resume
        await pilot.press("ctrl+l")  # +1 minute
        clock.advance(10)
        meeting.tick()
        timer = meeting.session.timer
        assert timer.planned(0) == 300 and timer.elapsed(0) == 40
        assert str(meeting.query_one("#countdown").render()) == "4:20"
        await pilot.press("ctrl+g")
        await pilot.pause()
        await type_text(pilot, "4")
        await pilot.press("enter")
        await pilot.pause()
        assert timer.current == 3
        await pilot.press("ctrl+b")
        assert timer.current == 2
        mid = meeting.session.id
        meeting.session.save_timing(force=True)
    run = SectionRun.get((SectionRun.meeting == mid) & (SectionRun.position == 0))
    assert (run.actual_seconds, run.extra_seconds) == (40, 60)


async def test_on_timeout_advance_moves_on_by_itself(make_app, clock):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen
        picker.query_one("OptionList").highlighted = picker.query_one(
            "OptionList"
        ).get_option_index("monthly-results")
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        meeting.session.timer.go_to(3)  # "commitments", on_timeout: advance, and the last
        clock.advance(4 * 60 + 1)
        meeting.tick()
        meeting.tick()
        assert meeting.session.timer.current == 3  # last section: it warns, never loops
        meeting.session.timer.go_to(0)
        assert meeting.session.agenda.sections[0].on_timeout == "warn"


async def test_commitment_form_refuses_missing_fields_and_keeps_text(make_app):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a text" in str(form.query_one("#c-text-error").render())
        assert "due date is required" in str(form.query_one("#c-due-error").render())
        await type_text(pilot, "Call Bob")
        await pilot.press("tab")
        await type_text(pilot, "yesterday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "in the past" in str(form.query_one("#c-due-error").render())
        assert form.query_one("#c-text").value == "Call Bob"
        assert Commitment.select().count() == 0


async def test_quit_mid_meeting_pauses_and_resume_is_offered(make_app, clock):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await type_text(pilot, "kept")
        clock.advance(42)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
    m = Meeting.get()
    assert m.status == "in_progress"
    assert Note.get().text == "kept"

    clock.advance(3600)  # an hour away: paused time counts nowhere
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert meeting.query_one("#notes", TextArea).text == "kept"
        assert round(meeting.session.timer.elapsed(0)) == 42
    assert Meeting.select().count() == 1


async def test_commitment_edit_and_remove_from_side_list(make_app):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await add_commitment(pilot, "Call Bob", "tomorrow")
        await add_commitment(pilot, "Call Cy", "fri")
        await pilot.press("tab")  # to the commitments list
        await pilot.pause()
        await pilot.press("enter")  # edit the first
        await pilot.pause()
        assert isinstance(app.screen, CommitmentForm)
        await type_text(pilot, "!")
        await pilot.press("ctrl+o", "ctrl+s")
        await pilot.pause()
        await pilot.press("down", "backspace")  # backspace never deletes
        await pilot.pause()
        await pilot.press("delete")  # Del asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    rows = [(c.owner, c.text) for c in Commitment.select()]
    assert rows == [("manager", "Call Bob!")]


async def test_home_lists_team_and_add_rep(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert "No reps yet" in str(app.screen.query_one("#home-empty").render())
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Dana Scully")
        await pilot.press("tab")
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "hourly")
        await pilot.press("enter")
        await pilot.pause()
        assert "unknown cadence" in str(app.screen.query_one("#rep-cadence-error").render())
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "monthly")
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#team", DataTable)
        assert table.row_count == 1
    assert find_rep("Dana Scully").cadence == "monthly"


async def test_tiny_terminal_does_not_crash(make_app):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await type_text(pilot, "abc")
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        assert "too small" in str(app.screen.query_one("#too-small").render()).lower()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#notes", TextArea).text == "abc"


async def test_command_palette_offers_screen_actions_and_reps(make_app):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Add rep" in titles and "Start meeting with Ann" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "start meeting with ann")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaPickerScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Next" in titles and "Commitment" in titles
        assert "Start meeting with Ann" not in titles  # not while a meeting runs


async def test_write_failures_keep_the_meeting_on_screen_and_retry(make_app, clock, monkeypatch):
    import peewee

    from oneonone_tui.services import session as session_module

    add_rep("Ann", now=NOW)
    app = make_app()
    real_save = save_note
    failing = {"on": True}

    def flaky_save(*args):
        if failing["on"]:
            raise peewee.OperationalError("disk I/O error")
        return real_save(*args)

    monkeypatch.setattr(session_module.meetings, "save_note", flaky_save)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        meeting = app.screen
        await type_text(pilot, "do not lose me")
        await pilot.pause(0.7)  # the debounced save runs and fails
        meeting.tick()
        await pilot.pause()
        warning = meeting.query_one("#save-warning")
        assert warning.display and "NOT SAVED" in str(warning.render())
        assert meeting.query_one("#notes", TextArea).text == "do not lose me"
        failing["on"] = False
        clock.advance(1)
        meeting.tick()
        await pilot.pause()
        assert not meeting.query_one("#save-warning").display
    assert Note.get().text == "do not lose me"


async def test_big_and_strange_text_is_stored_as_typed(make_app, clock):
    add_rep("Ann", now=NOW)
    strange = (
        "emoji 🎯🔥 👩🏽‍💼, right-to-left: שלום עולם مرحبا, "
        "control \x07\x1b[2J\x1b]0;pwned\x07 escape, tab\tend\n"
    )
    big = strange + ("pipeline " * 9 + "\n") * 12_346  # about 1 MB of lines
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        meeting = app.screen
        area = meeting.query_one("#notes", TextArea)
        area.insert(big)  # a paste
        await pilot.pause(0.8)
        await pilot.press("ctrl+n")  # and a section change flushes too
        await pilot.pause()
        await pilot.resize_terminal(20, 8)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert meeting.query_one("#notes", TextArea).text == big
    assert Note.get(Note.section_key == "goal-status").text == big


async def test_square_brackets_anywhere_are_text_not_markup(make_app, clock):
    completed_meeting(
        "Zed [/] [b]", LAST_WEEK, [("rep", "Order [/] brochures [red]", dt.date(2026, 11, 27))]
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")  # the review shows the commitment
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("x")
        await pilot.pause()
        await type_text(pilot, "[/] gone")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await add_commitment(pilot, "Call [bold]Acme[/]", "fri")
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("slash")
        await type_text(pilot, "[/]")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("DataTable").row_count >= 1


async def test_keys_typed_before_a_section_switch_stay_in_their_section(make_app):
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        # one burst, as a fast typist (or a stalled event loop) delivers it
        await pilot.press(*"aaaa", "ctrl+n", *"bbbb", "ctrl+n", *"cccc", "ctrl+b", *"dddd")
        await pilot.pause(0.8)
        await pilot.press("ctrl+f")
        await pilot.pause()
    notes = {n.section_key: n.text for n in Note.select()}
    assert notes == {"goal-status": "aaaa", "help": "bbbbdddd", "behavior-plan": "cccc"}


async def test_the_summary_goes_over_the_meeting_and_is_kept(make_app):
    """Ctrl+f pushes the summary over the meeting (no new screen each way); ctrl+b is the
    meeting as it was, running again; the summary shown again is the same one, reloaded;
    confirming closes both."""
    completed_meeting(
        "Dana Scully", LAST_WEEK, [("rep", "Send Acme the proposal", dt.date(2026, 11, 20))]
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the agenda picker
        await pilot.pause()
        await pilot.press("enter")  # the review
        await pilot.pause()
        await pilot.press("d", "ctrl+n")  # done; the sections
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await type_text(pilot, "first notes")
        await pilot.press("ctrl+f")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert app.screen_stack[-2] is meeting
        assert not meeting.session.timer.running
        await pilot.press("f9")  # screen share, turned on while the summary shows
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen is meeting and meeting.session.phase == "sections"
        assert meeting.session.timer.running
        assert meeting.query_one("#notes", TextArea).text == "first notes"
        assert meeting.query_one("#share-banner").display  # its styles follow F9
        await add_commitment(pilot, "Send Acme the deck", "fri")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen is summary
        assert "Send Acme the deck" in str(summary.query_one("#summary-commitments").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [type(s) for s in app.screen_stack[1:]] == [HomeScreen]
        assert not app.is_screen_installed(summary)
    assert Meeting.get_by_id(meeting.session.id).status == "completed"


async def test_keys_typed_after_screen_share_on_and_off_reach_the_private_note(make_app):
    """F9 hides a private note box (focus goes with it); F9 again gives the focus back to
    where the manager was typing, so nothing typed next is dropped."""
    add_rep("Ann", now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await pilot.press("ctrl+r")  # this section's note is private
        await type_text(pilot, "before ")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await type_text(pilot, "after")
        await pilot.pause()
        notes = meeting.query_one("#notes", TextArea)
        assert app.focused is notes
        assert notes.text == "before after"
