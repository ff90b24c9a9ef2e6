"""The team fixture itself is sound (other tests lean on its shape)."""

from oneonone_tui.store.models import Commitment, Meeting, ReviewMark
from oneonone_tui.store.reps import team_overview

from ..helpers import NOW, fill_team


def test_fill_team_builds_a_history(store):
    ids = fill_team()
    assert Meeting.select().where(Meeting.status == "completed").count() > 40
    verdicts = {m.verdict for m in ReviewMark.select()}
    assert verdicts == {"done", "missed", "dropped", "carried"}
    cy = Commitment.get(Commitment.text == "Rebuild the territory plan")
    assert cy.carry_count == 3 and cy.status == "carried"
    names = [r.name for r in team_overview(NOW.date())]
    assert names[0] == "Dee Dunn" and "Eve Evans" not in names
    assert ids["Dee Dunn"]
