"""The meeting's rules: what a meeting needs before it may be closed."""

from __future__ import annotations


def closing_problems(require_commitments: int, commitments_made: int) -> list[str]:
    """Why the meeting may not be confirmed yet; an empty list means it may. The UI says
    which key does it (keys are the keymap's, not the domain's)."""
    problems = []
    if commitments_made < require_commitments:
        missing = require_commitments - commitments_made
        noun = "commitment" if require_commitments == 1 else "commitments"
        problems.append(
            f"this agenda needs at least {require_commitments} {noun} before the meeting "
            f"can close ({commitments_made} so far): add {missing}"
        )
    return problems
