"""The crash campaign: 20 meetings on one database, each killed with SIGKILL at a seeded
random moment (mid-typing, mid-section-change, on the summary, during the review), then
restarted and resumed. After every kill: what was on screen for more than a second is in
the database, nothing is lost or doubled, timings are within two seconds, and SQLite's
integrity check says ok."""

from __future__ import annotations

import random
import re
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field

import pytest

from .tmux import CONSOLE_SCRIPT, Terminal, app_env, require_tmux

pytestmark = pytest.mark.e2e

MEETINGS = 20
REPS = ["Ann Archer", "Bob Baker", "Cy Cohen", "Dee Dunn"]
KILL_POINTS = ["review", "typing", "section-change", "summary"]
SECTION = re.compile(r"\b([1-5])/5\b")


@dataclass
class Expected:
    """What the test saw confirmed on screen, so the database must hold it."""

    meeting_id: int | None = None
    notes: dict[str, str] = field(default_factory=dict)  # section key -> text seen
    commitments: int = 0
    marks: int = 0
    section_entered: float = 0.0
    section: int = 0


class Driver:
    def __init__(self, term: Terminal, db: str, rng: random.Random) -> None:
        self.term, self.db, self.rng = term, db, rng
        self.lost: list[str] = []

    # -- database -------------------------------------------------------------
    def sql(self, query: str, *args: object) -> list[tuple]:
        con = sqlite3.connect(self.db, timeout=10)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()

    def section_keys(self, meeting_id: int) -> list[str]:
        return [
            k
            for (k,) in self.sql(
                "select key from section_run where meeting_id=? order by position", meeting_id
            )
        ]

    # -- screen -----------------------------------------------------------------
    def screen_kind(self, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.term.text()
            if "Meeting in progress" in text:
                return "resume"
            if "Pick the agenda" in text:
                return "picker"
            if "What we committed to last time" in text:
                return "review"
            if "What we agreed today" in text:
                return "summary"
            if SECTION.search(text) and "Notes" in text:
                return "sections"
            time.sleep(0.05)
        raise AssertionError(f"unknown screen:\n{self.term.text()}")

    def current_section(self) -> int:
        return int(SECTION.search(self.term.text()).group(1)) - 1

    def open_meeting(self, rep: str) -> str:
        self.term.start("meet", rep)
        kind = self.screen_kind()
        if kind == "resume":
            self.term.keys("r")
            self.term.wait_gone("Meeting in progress")
            kind = self.screen_kind()
        elif kind == "picker":
            self.term.keys("Enter")
            self.term.wait_gone("Pick the agenda")
            kind = self.screen_kind()
        return kind

    # -- phases ------------------------------------------------------------------
    def review(self, exp: Expected, stop_after: int | None = None) -> bool:
        """Mark every open commitment; returns False when stopped early (to be killed)."""
        while True:
            text = self.term.wait_for("still to review")
            pending = int(re.search(r"(\d+) still to review", text).group(1))
            if pending == 0:
                break
            if stop_after is not None and exp.marks >= stop_after:
                return False
            if self.rng.random() < 0.3:
                self.term.keys("c")
                self.term.wait_for("Carry forward")
                self.term.type("next")
                self.term.keys("Enter")
                self.term.wait_gone("Carry forward")
            else:
                self.term.keys(self.rng.choice("dm"))
            self.term.wait_for(f"{pending - 1} still to review")
            exp.marks += 1
        self.term.keys("C-n")
        return True

    def enter_section(self, exp: Expected) -> None:
        self.term.wait_for(f"{exp.section + 1}/5")
        exp.section_entered = time.monotonic()

    def type_note(self, exp: Expected, key: str, words: str) -> None:
        self.term.type(words)
        self.term.wait_for(words[-12:])
        exp.notes[key] = exp.notes.get(key, "") + words

    def add_commitment(self, exp: Expected, n: int) -> None:
        self.term.keys("C-o")
        self.term.wait_for("New commitment")
        self.term.type(f"Crash test commitment {n}")
        self.term.keys("Enter")
        time.sleep(0.3)
        self.term.type("fri")
        self.term.wait_for("→ ")
        self.term.keys("Enter")
        exp.commitments += 1
        self.term.wait_for(f"Commitments {exp.commitments}")
        self.term.wait_gone("New commitment")

    def kill_and_check(self, exp: Expected, *, check_elapsed: bool) -> None:
        killed_at = time.monotonic()
        self.term.kill9()
        assert self.sql("pragma integrity_check") == [("ok",)]
        mid = exp.meeting_id
        notes = dict(self.sql("select section_key, text from note where meeting_id=?", mid))
        for key, text in exp.notes.items():
            if not notes.get(key, "").startswith(text):
                self.lost.append(f"meeting {mid} note {key}: {notes.get(key)!r} vs {text!r}")
        (made,) = self.sql("select count(*) from commitment where meeting_id=?", mid)[0]
        if made != exp.commitments:
            self.lost.append(f"meeting {mid}: {made} commitments stored, {exp.commitments} made")
        (marks,) = self.sql("select count(*) from review_mark where meeting_id=?", mid)[0]
        if marks != exp.marks:
            self.lost.append(f"meeting {mid}: {marks} review marks stored, {exp.marks} made")
        if check_elapsed:
            (stored,) = self.sql(
                "select actual_seconds from section_run where meeting_id=? and position=?",
                mid,
                exp.section,
            )[0]
            seen = killed_at - exp.section_entered
            if abs(stored - seen) > 2.0:
                self.lost.append(
                    f"meeting {mid} section {exp.section}: {stored:.1f}s stored, {seen:.1f}s ran"
                )


def test_crash_campaign(tmp_path):
    require_tmux()
    env = app_env(tmp_path)
    for rep in REPS:
        subprocess.run(
            [str(CONSOLE_SCRIPT), "rep", "add", rep], env=env, check=True, capture_output=True
        )
    rng = random.Random(20261122)
    term = Terminal(env)
    drv = Driver(term, env["ONEONONE_DB"], rng)
    kills = 0
    try:
        for n in range(MEETINGS):
            rep = REPS[n % len(REPS)]
            point = KILL_POINTS[n % len(KILL_POINTS)] if n < 4 else rng.choice(KILL_POINTS)
            exp = Expected()
            kind = drv.open_meeting(rep)
            exp.meeting_id = drv.sql(
                "select m.id from meeting m join rep r on r.id=m.rep_id "
                "where r.name=? and m.status='in_progress'",
                rep,
            )[0][0]
            keys = drv.section_keys(exp.meeting_id)
            if kind == "review":
                pending = int(re.search(r"(\d+) still to review", term.text()).group(1))
                if point == "review" and pending > 1:
                    drv.review(exp, stop_after=rng.randrange(1, pending))
                    drv.kill_and_check(exp, check_elapsed=False)
                    kills += 1
                    kind = drv.open_meeting(rep)
                    point = None
                drv.review(exp)
            drv.enter_section(exp)
            # walk the sections; the kill happens at the chosen moment
            while True:
                key = keys[exp.section]
                drv.type_note(exp, key, f"m{n}s{exp.section} pipeline notes ")
                if exp.section in (1, 3):
                    drv.add_commitment(exp, n)
                if point == "typing" and exp.section == rng.randrange(0, 4):
                    time.sleep(1.1)  # what is on screen for a second must survive
                    term.type("and this tail may be lost")
                    drv.kill_and_check(exp, check_elapsed=True)
                    kills += 1
                    point = None
                    assert drv.open_meeting(rep) == "sections"
                    assert drv.current_section() == exp.section
                    exp.section_entered = time.monotonic() - float(
                        drv.sql(
                            "select actual_seconds from section_run where meeting_id=? and "
                            "position=?",
                            exp.meeting_id,
                            exp.section,
                        )[0][0]
                    )
                    term.wait_for(exp.notes[key][-12:])
                    continue
                if point == "section-change" and exp.section == 2:
                    time.sleep(1.1)
                    term.keys("C-n")
                    drv.kill_and_check(exp, check_elapsed=False)
                    kills += 1
                    point = None
                    assert drv.open_meeting(rep) == "sections"
                    exp.section = drv.current_section()
                    assert exp.section in (2, 3)
                    drv.enter_section(exp)
                    continue
                if exp.section == 4:
                    break
                term.keys("C-n")
                exp.section += 1
                drv.enter_section(exp)
            time.sleep(1.1)
            term.keys("C-f")
            term.wait_for("What we agreed today")
            if point in ("summary", "review", "typing", "section-change"):
                # every meeting is killed once: a kill point not reached dies here
                drv.kill_and_check(exp, check_elapsed=False)
                kills += 1
                assert drv.open_meeting(rep) == "summary"
            term.keys("C-s")
            term.wait_for("recorded")
            (status,) = drv.sql("select status from meeting where id=?", exp.meeting_id)[0]
            assert status == "completed"
    finally:
        term.close()
    (meetings,) = drv.sql("select count(*) from meeting where status='completed'")[0]
    print(f"\nmeetings {meetings}, kills {kills}, lost {len(drv.lost)}")
    assert drv.lost == []
    assert meetings == MEETINGS and kills == MEETINGS
