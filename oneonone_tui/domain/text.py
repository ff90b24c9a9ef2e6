"""Plain-text helpers for the command line (no Textual)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# C0 and C1 control characters but tab and newline: a name or note that carries them
# (ESC sequences, BEL, CR) must never drive the terminal it is printed on
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without terminal control characters (tabs and newlines kept)."""
    return _CONTROL.sub("", text)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A left-aligned plain-text table with a header rule."""
    cells = [[str(h) for h in headers]]
    cells += [["" if v is None else printable(str(v)) for v in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def minutes_label(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:g}" if minutes != int(minutes) else str(int(minutes))
