"""Editing agenda templates from the app: the user's editor, new copies. No Textual here."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

from oneonone_tui.templates.agendas import AgendaEntry

MAX_AGENDA_NAME = 80
_NAME_LINE = re.compile(r"^name[ \t]*:.*$", re.MULTILINE)


class AgendaFileError(Exception):
    """A template that cannot be created or edited, explained for the user."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """``$VISUAL``, else ``$EDITOR``, split like a shell would; None when neither is set."""
    env = os.environ if environ is None else environ
    for var in ("VISUAL", "EDITOR"):
        value = (env.get(var) or "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError as exc:  # an unbalanced quote
                raise AgendaFileError(
                    f"${var} is not a command I can run ({exc}): {value}"
                ) from None
    return None


def slugify(name: str) -> str:
    """``"Quarterly review (Q3)"`` -> ``"quarterly-review-q3"``: the template's file name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def check_new_name(name: str, entries: list[AgendaEntry]) -> str | None:
    """Why ``name`` can't be a new agenda's name (or None when it can)."""
    clean = " ".join(name.split())
    if not clean:
        return "An agenda needs a name."
    if len(clean) > MAX_AGENDA_NAME:
        return f"At most {MAX_AGENDA_NAME} characters (this is {len(clean)})."
    slug = slugify(clean)
    if not slug:
        return "Use some letters or digits: the name also makes the file name."
    for e in entries:
        if e.slug == slug:
            return f"An agenda file {e.path.name} already exists; choose another name."
        if e.agenda is not None and e.agenda.name.lower() == clean.lower():
            return f"The agenda {e.slug} is already called {e.agenda.name!r}."
    return None


def editable_path(entry: AgendaEntry, user_dir: Path) -> Path:
    """The file to open in the editor: the user's own copy, made first when the entry is
    the bundled template (the installed package is never edited)."""
    if not entry.bundled:
        return entry.path
    target = Path(user_dir) / entry.path.name
    try:
        from oneonone_tui.paths import ensure_private_dir

        ensure_private_dir(Path(user_dir))
        if not target.exists():
            shutil.copyfile(entry.path, target)
    except OSError as exc:
        raise AgendaFileError(
            f"cannot copy {entry.path.name} into {user_dir} to edit it: {exc.strerror or exc}"
        ) from None
    return target


def copy_agenda(source: AgendaEntry, name: str, user_dir: Path, entries: list[AgendaEntry]) -> Path:
    """A new template ``<slug>.yaml`` in ``user_dir``: ``source`` with its name changed
    (comments and layout kept). Refuses a name or file that is taken."""
    problem = check_new_name(name, entries)
    if problem:
        raise AgendaFileError(problem)
    clean = " ".join(name.split())
    target = Path(user_dir) / f"{slugify(clean)}.yaml"
    try:
        text = source.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AgendaFileError(
            f"cannot read {source.path}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    line = f"name: {json.dumps(clean, ensure_ascii=False)}"  # a YAML double-quoted scalar
    text, found = _NAME_LINE.subn(lambda _m: line, text, count=1)
    if not found:
        text = f"{line}\n{text}"
    from oneonone_tui.paths import ensure_private_dir, write_private

    try:
        ensure_private_dir(Path(user_dir))
        if target.exists():
            raise AgendaFileError(f"{target} already exists; choose another name")
        write_private(target, text)
    except OSError as exc:
        raise AgendaFileError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
