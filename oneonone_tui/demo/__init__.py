"""The demo team: a deterministic simulation of years of one-on-ones, written to an empty
database (``oneonone demo``).

:mod:`.simulation` simulates the history in memory (:func:`~.simulation.generate`): the
team (:mod:`.team`), each meeting (:mod:`.meeting`) and what the sections' structure
records (:mod:`.plans`: :mod:`.numbers`, :mod:`.targets`, :mod:`.coaching`, :mod:`.calls`),
in rows of :mod:`.rows`, with the phrases of :mod:`.words` and :mod:`.plan_words`;
:mod:`.writer` writes them (:func:`~.writer.fill`). The CLI imports this package at start-up
for the limits below: it imports nothing.
"""

MAX_REPS = 500
MAX_WEEKS = 1040  # twenty years
