"""Parsed templates (agendas, metrics.yaml) kept between runs in the user cache dir, so a
start-up (and ``oneonone export``) neither imports PyYAML nor parses again what it parsed
before: validating the 8 bundled and copied agendas with PyYAML's marks is most of the
time between launching the app and the team on screen that oneonone itself spends.

An entry is found by the kind, the file's path and the SHA-256 of its bytes, and holds
for the code that made it only (the parsing modules' sizes and times, the limits): a hit
is exactly what parsing those bytes gives, ``FILE:LINE:COL`` problems included. A cache
that is missing, unreadable, corrupt, from another version or on a read-only disk just
means parsing. No Textual, no PyYAML here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1
FILE_NAME = "templates.json"
# the code a cached result depends on, relative to the package folder
SOURCES = (
    "templates/agendas.py",
    "templates/agenda_yaml.py",
    "templates/yaml_checker.py",
    "templates/limits.py",
    "templates/metrics.py",
    "domain/agenda.py",
    "domain/metrics.py",
)

_stores: dict[Path, dict[str, Any]] = {}  # cache file -> its content, read once a process


def cached(
    kind: str, path: Path, data: bytes, parse: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """What ``parse()`` (JSON-able) gives for ``data``, the bytes of ``path``: kept from an
    earlier run when the path, the bytes and the code are the same, else parsed now (and
    kept for the next run)."""
    stamp = _stamp()
    if stamp is None:
        return parse()
    from oneonone_tui.paths import cache_dir

    file = cache_dir() / FILE_NAME
    store = _store(file, stamp)
    key = f"{kind}:{path}"
    digest = hashlib.sha256(data).hexdigest()
    entry = store["entries"].get(key)
    if isinstance(entry, dict) and entry.get("sha256") == digest:
        hit = entry.get("result")
        if isinstance(hit, dict):
            return hit
    result = parse()
    store["entries"][key] = {"sha256": digest, "result": result}
    _save(file, store)
    return result


def _stamp() -> list[Any] | None:
    """What the results depend on besides the bytes: this code and the limits."""
    from oneonone_tui import __version__
    from oneonone_tui.templates import limits

    here = Path(__file__).resolve().parent.parent
    try:
        files = [[name, (st := (here / name).stat()).st_size, st.st_mtime_ns] for name in SOURCES]
    except OSError:
        return None
    return [
        FORMAT,
        __version__,
        files,
        limits.MAX_BYTES,
        limits.MAX_NODES,
        limits.MAX_DEPTH,
        limits.MAX_MINUTES,
    ]


def _store(file: Path, stamp: list[Any]) -> dict[str, Any]:
    store = _stores.get(file)
    if store is None or store.get("stamp") != stamp:
        try:
            store = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            store = None
        if (
            not isinstance(store, dict)
            or store.get("stamp") != stamp
            or not isinstance(store.get("entries"), dict)
        ):
            store = {"stamp": stamp, "entries": {}}
        _stores[file] = store
    return store


def _save(file: Path, store: dict[str, Any]) -> None:
    """Replace the cache file at once (a reader never sees half of it); never raises."""
    from oneonone_tui.paths import ensure_private_dir, write_private

    temp = file.with_name(f".{file.name}.{os.getpid()}")
    try:
        ensure_private_dir(file.parent)
        write_private(temp, json.dumps(store, ensure_ascii=False))
        os.replace(temp, file)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
