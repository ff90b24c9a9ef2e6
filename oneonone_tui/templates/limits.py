"""The limits and allowed keys of an agenda template (read by the YAML checker, the agenda
parser and the template cache, whose results depend on them)."""

from __future__ import annotations

import re

MAX_BYTES = 1_000_000
MAX_NODES = 5_000
MAX_DEPTH = 32
MAX_MINUTES = 120
KEY_RE = re.compile(r"[a-z0-9-]+")
TOP_KEYS = ("name", "type", "description", "require_commitments", "sections")
SECTION_KEYS = ("key", "title", "minutes", "prompts", "on_timeout", "metrics", "ranking")
