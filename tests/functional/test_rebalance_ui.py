"""Time rebalancing in the meeting's section list: display only, with a FakeClock."""

from __future__ import annotations

from textual.widgets import Static

from oneonone_tui.store.models import SectionRun
from oneonone_tui.store.reps import add_rep
from oneonone_tui.templates.agendas import find_agenda
from oneonone_tui.ui.screens.home import HomeScreen
from oneonone_tui.ui.screens.meeting.sections import MeetingScreen
from oneonone_tui.ui.screens.meeting.summary import SummaryScreen

from ..helpers import NOW, plain, type_text


def section_list(meeting: MeetingScreen) -> list[str]:
    return [
        line.rstrip()
        for line in plain(meeting.query_one("#section-list", Static)).splitlines()
        if line.strip()
    ]


async def test_overrun_rebalances_the_list_and_changes_no_plan(make_app, clock):
    add_rep("Ann", now=NOW)
    app = make_app()
    template = find_agenda(app.agendas, "weekly")
    template_file = template.path.read_bytes()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "enter")  # the weekly: five sections of 4:00
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        listing = meeting.query_one("#section-list", Static)
        clock.advance(240)
        meeting.tick()
        await pilot.press("ctrl+n")
        await pilot.pause()
        clock.advance(200)  # on schedule: the plan stands
        meeting.tick()
        assert section_list(meeting)[2:] == [
            "· 3 Let's look at the be…  4:00",
            "· 4 Let's look at the co…  4:00",
            "· 5 What are the most im…  4:00",
        ]

        clock.advance(400)  # section 2 is 6:00 over: 360 s left for 720 planned
        meeting.tick()
        await pilot.pause()
        rows = section_list(meeting)
        assert rows[1].endswith("10:00")
        assert rows[2:] == [
            "· 3 Let's look at th… 4:00→2:00",
            "· 4 Let's look at th… 4:00→2:00",
            "· 5 What are the mos… 4:00→2:00",
        ]
        assert "To end on time" not in plain(listing)

        clock.advance(250)  # 110 s left: 36.7 s each, under a minute
        meeting.tick()
        await pilot.pause()
        rows = section_list(meeting)
        assert rows[2:] == [
            "! 3 Let's look at th… 4:00→0:37",
            "! 4 Let's look at th… 4:00→0:37",
            "! 5 What are the mos… 4:00→0:37",
            "! To end on time: 3 squeezed <1m",
        ]

        # a tick that changes nothing on screen does not redraw the list; one that does
        # redraws it without a layout
        updates = []
        real_update = listing.update
        listing.update = lambda content="", *, layout=True: (  # type: ignore[method-assign]
            updates.append(layout),
            real_update(content, layout=layout),
        )[1]
        meeting.tick()
        meeting.tick()
        assert updates == []
        clock.advance(3)  # 107 s left: 35.7 s each
        meeting.tick()
        assert updates == [False]
        assert "4:00→0:36" in plain(listing)
        del listing.update

        await pilot.resize_terminal(110, 32)  # narrow: numbers and times only
        await pilot.pause()
        assert section_list(meeting)[2:] == ["!3 →0:36", "!4 →0:36", "!5 →0:36", "! 3 <1m"]

        # display only: the timer's plans are untouched
        timer = meeting.session.timer
        assert [timer.planned(i) for i in range(5)] == [240] * 5
        assert timer.total_planned() == 1200

        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "Shorter sections next time")
        await pilot.press("enter")
        await type_text(pilot, "fri")
        await pilot.press("enter")
        await pilot.pause()
        mid = meeting.session.id
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    runs = list(SectionRun.select().where(SectionRun.meeting == mid).order_by(SectionRun.position))
    assert [r.planned_seconds for r in runs] == [240] * 5
    assert [round(r.actual_seconds) for r in runs] == [240, 853, 0, 0, 0]
    assert [r.extra_seconds for r in runs] == [0] * 5
    assert [s.seconds for s in find_agenda(app.agendas, "weekly").agenda.sections] == [240] * 5
    assert template.path.read_bytes() == template_file
