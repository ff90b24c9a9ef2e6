"""The demo team: a deterministic simulation of years of one-on-ones, written to an empty
database (``oneonone demo``)."""

MAX_REPS = 500
MAX_WEEKS = 1040  # twenty years
