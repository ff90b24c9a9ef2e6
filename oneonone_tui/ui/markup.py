"""User text inside markup: names, notes and imported fields are data, never markup.

Rich's and Textual's ``escape`` leave ``[EMEA]`` alone (they escape only what looks like
a lower-case tag), yet Textual's markup reads it as a tag: ``Dana [EMEA]`` showed as
``Dana``. Here every ``[`` is escaped."""

from __future__ import annotations

import re

_BRACKET = re.compile(r"(\\*)\[")


def escape(text: str) -> str:
    """``text`` that reads as itself in Rich and Textual markup."""
    escaped = _BRACKET.sub(lambda m: m.group(1) * 2 + "\\[", text)
    if escaped.endswith("\\") and not escaped.endswith("\\\\"):
        escaped += "\\"  # a trailing backslash would escape the closing tag after it
    return escaped
