"""Agenda templates: loading and validating the YAML contract (no Textual here).

Every problem becomes one ``FILE:LINE:COL: error: MESSAGE`` line, pointed at the
offending node through PyYAML's marks; all problems of a file are reported at once.
Hostile input (huge files, alias bombs, deep nesting, bad bytes) becomes error lines too.
The YAML side is :mod:`oneonone_tui.templates.agenda_yaml`, loaded only to parse a file that the
template cache (:mod:`oneonone_tui.templates.cache`) has not seen as it is now.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oneonone_tui.domain.agenda import Agenda, AgendaError, Problem
from oneonone_tui.templates import limits

# --- parsing (the YAML side is in agenda_yaml, imported when a file is parsed) ------


def parse_agenda(data: bytes | str, filename: str, slug: str = "") -> Agenda:
    """Parse one template; raise :class:`AgendaError` with every problem found."""
    from oneonone_tui.templates.agenda_yaml import parse_agenda as parse

    return parse(data, filename, slug)


# --- files and folders -----------------------------------------------------------


def load_agenda_file(path: Path) -> Agenda:
    """Read and parse one template file; the slug is the file stem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.MAX_BYTES:
            raise AgendaError(
                [Problem(str(path), 1, 1, f"file is {size} bytes; an agenda must be under 1 MB")]
            )
        with path.open("rb") as f:
            data = f.read(limits.MAX_BYTES + 1)  # the file may grow between stat and read
    except OSError as exc:
        raise AgendaError(
            [Problem(str(path), 1, 1, f"cannot read: {exc.strerror or exc}")]
        ) from None
    from oneonone_tui.templates.cache import cached

    result = cached("agenda", path, data, lambda: _parsed(data, str(path), path.stem))
    if "problems" in result:
        raise AgendaError(AgendaError.problems_from_json(result))
    return Agenda.from_dict(result["agenda"])


def _parsed(data: bytes, filename: str, slug: str) -> dict[str, Any]:
    """:func:`parse_agenda` as JSON (what the template cache keeps)."""
    try:
        return {"agenda": parse_agenda(data, filename, slug).to_dict()}
    except AgendaError as exc:
        return exc.to_json()


@dataclass
class AgendaEntry:
    slug: str
    path: Path
    agenda: Agenda | None
    problems: list[Problem] = field(default_factory=list)
    bundled: bool = False

    @property
    def ok(self) -> bool:
        return self.agenda is not None and not self.problems

    @property
    def first_error(self) -> str | None:
        return str(self.problems[0]) if self.problems else None


def bundled_agendas_dir() -> Path:
    installed = Path(__file__).resolve().parent.parent / "_bundled_agendas"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent.parent / "agendas"


NOT_AGENDAS = ("metrics.yaml", "metrics.yml")  # metric definitions live beside the agendas


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(
            p
            for p in folder.iterdir()
            if p.suffix in (".yaml", ".yml")
            and not p.name.startswith(".")
            and p.name not in NOT_AGENDAS
            and p.is_file()
        )
    except OSError:
        return []


def discover_agendas(user_dir: Path | None) -> list[AgendaEntry]:
    """Bundled templates, overridden by the user's of the same slug, sorted. Never raises."""
    found: dict[str, AgendaEntry] = {}
    sources = [(bundled_agendas_dir(), True)] + ([(Path(user_dir), False)] if user_dir else [])
    for folder, bundled in sources:
        for path in _files(folder):
            try:
                entry = AgendaEntry(path.stem, path, load_agenda_file(path), [], bundled)
            except AgendaError as exc:
                entry = AgendaEntry(path.stem, path, None, exc.problems, bundled)
            found[path.stem] = entry
    entries = sorted(found.values(), key=lambda e: e.slug)
    by_name: dict[str, AgendaEntry] = {}
    for e in entries:
        if e.agenda is None:
            continue
        other = by_name.setdefault(e.agenda.name.lower(), e)
        if other is not e:
            from oneonone_tui.templates.agenda_yaml import name_mark

            for a, b in ((e, other), (other, e)):
                assert a.agenda is not None  # both came through the None check above
                line, col = name_mark(a.path)
                a.problems.append(
                    Problem(
                        str(a.path), line, col, f"name {a.agenda.name!r} is also used by {b.path}"
                    )
                )
    return entries


def seed_user_agendas(user_dir: Path) -> bool:
    """Create the user's agenda folder with copies of the bundled templates, once."""
    user_dir = Path(user_dir)
    if user_dir.exists():
        return False
    from oneonone_tui.paths import ensure_private_dir

    ensure_private_dir(user_dir)  # the config dir too, when this creates it: 0700
    bundled = bundled_agendas_dir()
    for path in [*_files(bundled), bundled / "metrics.yaml"]:
        if path.is_file():
            shutil.copyfile(path, user_dir / path.name)
    return True


def find_agenda(entries: list[AgendaEntry], slug_or_name: str) -> AgendaEntry | None:
    """The entry whose slug matches exactly, else whose name matches ignoring case."""
    for e in entries:
        if e.slug == slug_or_name:
            return e
    wanted = slug_or_name.strip().lower()
    for e in entries:
        if e.agenda is not None and e.agenda.name.lower() == wanted:
            return e
    return None
