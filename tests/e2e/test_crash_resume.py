"""End to end: type a note and a commitment, kill -9, start again, resume, find both."""

from __future__ import annotations

import sqlite3
import subprocess
import time

import pytest

from .tmux import CONSOLE_SCRIPT, Terminal, app_env, require_tmux

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminal(tmp_path):
    require_tmux()
    term = Terminal(app_env(tmp_path))
    yield term
    term.close()


def test_kill_dash_nine_mid_meeting_then_resume(terminal, tmp_path):
    env = terminal.env
    subprocess.run(
        [str(CONSOLE_SCRIPT), "rep", "add", "Dana Scully"], env=env, check=True, capture_output=True
    )
    terminal.start()
    terminal.wait_for("Dana Scully")
    terminal.keys("Enter")
    terminal.wait_for("Pick the agenda")
    terminal.keys("Enter")
    terminal.wait_for("1/5")
    terminal.type("Pipeline is up twenty percent")
    terminal.wait_for("twenty percent")
    terminal.keys("C-o")
    terminal.wait_for("New commitment")
    terminal.type("Send Acme the proposal")
    terminal.keys("Enter")  # moves to the due date field
    time.sleep(0.3)  # a person's pause: keys sent at once would race the focus change
    terminal.type("fri")
    terminal.wait_for("→ ")  # the parsed date is shown under the field
    terminal.keys("Enter")
    terminal.wait_for("Commitments 1")
    time.sleep(1.5)  # the note reaches the database within a second of the last keystroke
    terminal.kill9()

    db = tmp_path / "team.db"
    con = sqlite3.connect(db)
    assert con.execute("select text from note").fetchall() == [("Pipeline is up twenty percent",)]
    assert con.execute("select owner, text from commitment").fetchall() == [
        ("rep", "Send Acme the proposal")
    ]
    assert con.execute("pragma integrity_check").fetchone() == ("ok",)
    con.close()

    terminal.start()
    terminal.wait_for("in progress")
    terminal.keys("Enter")
    terminal.wait_for("Meeting in progress")
    terminal.keys("r")
    terminal.wait_for("Pipeline is up twenty percent")
    screen = terminal.wait_for("Send Acme the proposal")
    assert "1/5" in screen
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from meeting").fetchone() == (1,)
    assert con.execute("select count(*) from commitment").fetchone() == (1,)
    con.close()
