"""Agenda templates: loading and validating the YAML contract (no Textual here).

Every problem becomes one ``FILE:LINE:COL: error: MESSAGE`` line, pointed at the
offending node through PyYAML's marks; all problems of a file are reported at once.
Hostile input (huge files, alias bombs, deep nesting, bad bytes) becomes error lines too.
"""

from __future__ import annotations

import codecs
import difflib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1_000_000
MAX_NODES = 5_000
MAX_DEPTH = 32
MAX_MINUTES = 120
KEY_RE = re.compile(r"[a-z0-9-]+")
TOP_KEYS = ("name", "type", "description", "require_commitments", "sections")
SECTION_KEYS = ("key", "title", "minutes", "prompts", "on_timeout", "metrics", "ranking")
ON_TIMEOUT = ("warn", "advance")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: error: {self.message}"


class AgendaError(Exception):
    """One or more problems with a template; ``str()`` gives one error line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    minutes: float
    prompts: tuple[str, ...] = ()
    on_timeout: str = "warn"
    metrics: tuple[str, ...] = ()
    ranking: bool = False

    @property
    def seconds(self) -> int:
        return round(self.minutes * 60)


@dataclass(frozen=True)
class Agenda:
    name: str
    type: str
    description: str
    require_commitments: int
    sections: tuple[Section, ...]
    slug: str = ""

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.sections)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy (frozen with each meeting)."""
        return {
            "name": self.name, "type": self.type, "description": self.description,
            "require_commitments": self.require_commitments, "slug": self.slug,
            "sections": [
                {"key": s.key, "title": s.title, "minutes": s.minutes, "prompts": list(s.prompts),
                 "on_timeout": s.on_timeout, "metrics": list(s.metrics), "ranking": s.ranking}
                for s in self.sections
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Agenda:
        return cls(
            name=d["name"], type=d.get("type", ""), description=d.get("description", ""),
            require_commitments=int(d.get("require_commitments", 1)), slug=d.get("slug", ""),
            sections=tuple(
                Section(s["key"], s["title"], s["minutes"], tuple(s.get("prompts", ())),
                        s.get("on_timeout", "warn"), tuple(s.get("metrics", ())),
                        bool(s.get("ranking", False)))
                for s in d["sections"]
            ),
        )


# --- parsing -------------------------------------------------------------------

def _show(value: Any) -> str:
    """A value as it appears in a message: strings quoted, numbers plain."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "nothing"}[value]
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that composes nodes only, refusing anchors/aliases and huge or deep trees."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.nodes = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, "aliases and anchors are not allowed in agendas")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(event.start_mark, f"more than {MAX_NODES} YAML values; an agenda "
                           "is far smaller")
        if self.depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Checker:
    def __init__(self, filename: str) -> None:
        self.file = filename
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def error(self, node: Node | None, message: str, mark: Any = None) -> None:
        mark = mark or (node.start_mark if node is not None else None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problems.append(Problem(self.file, line, col, " ".join(message.split("\n"))))

    def value(self, node: Node) -> Any:
        """A scalar's Python value (safe tags only); collections as empty list/dict."""
        if isinstance(node, MappingNode):
            return {}
        if isinstance(node, SequenceNode):
            return []
        try:
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError, TypeError):
            return node.value

    def mapping(self, node: MappingNode, allowed: tuple[str, ...], where: str) -> dict[str, Node]:
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if not isinstance(key, str):
                self.error(key_node, f"{where}keys must be strings, got {_show(key)}")
            elif key in found:
                self.error(key_node, f"{where}duplicate key {key!r}")
            elif key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
                self.error(key_node, f"{where}unknown key {key!r} ({hint})")
            else:
                found[key] = value_node
        return found

    def text(self, nodes: dict[str, Node], key: str, path: str, parent: Node | None) -> str:
        """A non-empty string; optional (may be empty or a number) when there's no parent."""
        node = nodes.get(key)
        value = None if node is None else self.value(node)
        if parent is None and type(value) in (type(None), str, int, float):
            return "" if value is None else str(value).strip()
        if node is None:
            self.error(parent, f"{path} is required")
        elif not isinstance(value, str) or not value.strip():
            want = "a non-empty string" if parent else "a string"
            self.error(node, f"{path} must be {want}, got {_show(value)}")
        return value.strip() if isinstance(value, str) else ""

    def check(self, nodes: dict[str, Node], key: str, path: str, default: Any,
              ok: Callable[[Any], bool], want: str) -> Any:
        """An optional value that must satisfy ``ok``; else an error and the default."""
        if key not in nodes:
            return default
        value = self.value(nodes[key])
        if ok(value):
            return value
        self.error(nodes[key], f"{path} must be {want}, got {_show(value)}")
        return default

    def strings(self, node: Node | None, path: str) -> tuple[str, ...]:
        if node is None or (isinstance(node, ScalarNode) and self.value(node) is None):
            return ()
        if not isinstance(node, SequenceNode):
            self.error(node, f"{path} must be a list of strings, got {_show(self.value(node))}")
            return ()
        out = []
        for j, item in enumerate(node.value):
            value = self.value(item)
            if isinstance(item, ScalarNode) and isinstance(value, str) and value.strip():
                out.append(value.strip())
            else:
                self.error(item, f"{path}[{j}] must be a non-empty string, got {_show(value)}")
        return tuple(out)


def parse_agenda(data: bytes | str, filename: str, slug: str = "") -> Agenda:
    """Parse one template; raise :class:`AgendaError` with every problem found."""
    c = _Checker(filename)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        c.error(None, f"file is {size} bytes; an agenda must be under 1 MB")
    elif isinstance(data, bytes):
        body = data.removeprefix(codecs.BOM_UTF8)
        try:
            data = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            start = body.rfind(b"\n", 0, exc.start) + 1
            c.problems.append(Problem(
                filename, body.count(b"\n", 0, exc.start) + 1,
                len(body[start:exc.start].decode("utf-8")) + 1,
                f"not UTF-8 text (byte 0x{body[exc.start]:02x}); save the file as UTF-8"))
    root = None if c.problems else _compose(str(data), c)
    agenda = None if root is None else _check_agenda(root, c, slug)
    if agenda is None:
        raise AgendaError(sorted(c.problems, key=lambda p: (p.line, p.col)))
    return agenda


def _compose(text: str, c: _Checker, what: str = "an agenda",
             shape: str = "name:, sections: ...",
             empty: str = "a mapping with name and sections") -> MappingNode | None:
    """The single document's node tree, or None after recording why not."""
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        loader.get_event()  # StreamStartEvent
        if loader.check_event(yaml.StreamEndEvent):
            c.error(None, f"the file is empty; {what} is {empty}")
            return None
        node = loader.compose_document()
        if not loader.check_event(yaml.StreamEndEvent):
            c.error(None, f"several YAML documents in one file; {what} is one mapping "
                    "(remove the extra '---')", mark=loader.peek_event().start_mark)
            return None
    except _Refused as exc:
        c.error(None, str(exc), mark=exc.mark)
        return None
    except yaml.reader.ReaderError as exc:
        before = text[:exc.position]
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else exc.character
        c.problems.append(Problem(c.file, before.count("\n") + 1,
                                  exc.position - before.rfind("\n"),
                                  f"character {char} is not allowed in YAML"))
        return None
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context or "invalid YAML"
        if "'\\t'" in problem:
            problem += " (indent with spaces, not tabs)"
        elif exc.context and exc.problem:
            problem += f" ({exc.context})"
        c.error(None, f"YAML syntax error: {problem}", mark=exc.problem_mark or exc.context_mark)
        return None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        c.error(None, f"YAML error: {exc}")
        return None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(node, MappingNode):
        got = "a list" if isinstance(node, SequenceNode) else _show(c.value(node))
        c.error(node, f"{what} must be a mapping ({shape}), got {got}")
        return None
    return node


def _whole(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _positive(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v > 0  # NaN fails too


def _check_agenda(root: MappingNode, c: _Checker, slug: str) -> Agenda | None:
    nodes = c.mapping(root, TOP_KEYS, "")
    name = c.text(nodes, "name", "name", root)
    kind = c.text(nodes, "type", "type", None)
    description = c.text(nodes, "description", "description", None)
    require = c.check(nodes, "require_commitments", "require_commitments", 1, _whole,
                      "a whole number >= 0")
    sections: list[Section] = []
    node = nodes.get("sections")
    if node is None:
        c.error(root, "sections is required: a list of sections with key, title, minutes")
    elif not isinstance(node, SequenceNode):
        c.error(node, f"sections must be a list of sections, got {_show(c.value(node))}")
    elif not node.value:
        c.error(node, "sections must have at least one section")
    else:
        seen: dict[str, int] = {}
        for i, item in enumerate(node.value):
            section = _check_section(item, f"sections[{i}]", c, seen, i)
            if section is not None:
                sections.append(section)
    if c.problems:
        return None
    return Agenda(name, kind, description, require, tuple(sections), slug)


def _check_section(node: Node, path: str, c: _Checker, seen: dict[str, int],
                   i: int) -> Section | None:
    if not isinstance(node, MappingNode):
        c.error(node, f"{path} must be a mapping with key, title and minutes, got "
                f"{_show(c.value(node))}")
        return None
    before = len(c.problems)
    nodes = c.mapping(node, SECTION_KEYS, f"{path}: ")
    key = c.text(nodes, "key", f"{path}.key", node)
    if key and not KEY_RE.fullmatch(key):
        c.error(nodes["key"], f"{path}.key must use only a-z, 0-9 and '-', got {key!r}")
    elif key in seen:
        c.error(nodes["key"], f"{path}.key {key!r} is already used by sections[{seen[key]}]")
    elif key:
        seen[key] = i
    title = c.text(nodes, "title", f"{path}.title", node)
    if "minutes" not in nodes:
        c.error(node, f"{path}.minutes is required (a number > 0)")
    minutes = c.check(nodes, "minutes", f"{path}.minutes", 0, _positive, "a number > 0")
    if minutes > MAX_MINUTES:
        c.error(nodes["minutes"], f"{path}.minutes must be at most {MAX_MINUTES}, got "
                f"{_show(minutes)}")
    elif minutes > 0 and round(minutes * 60) < 1:
        c.error(nodes["minutes"], f"{path}.minutes must be at least one second, got "
                f"{_show(minutes)}")
    prompts = c.strings(nodes.get("prompts"), f"{path}.prompts")
    metrics = c.strings(nodes.get("metrics"), f"{path}.metrics")
    on_timeout = c.check(nodes, "on_timeout", f"{path}.on_timeout", "warn",
                         lambda v: isinstance(v, str) and v in ON_TIMEOUT, "'warn' or 'advance'")
    ranking = c.check(nodes, "ranking", f"{path}.ranking", False,
                      lambda v: isinstance(v, bool), "true or false")
    if len(c.problems) != before:
        return None
    return Section(key, title, minutes, prompts, on_timeout, metrics, ranking)


# --- files and folders -----------------------------------------------------------

def load_agenda_file(path: Path) -> Agenda:
    """Read and parse one template file; the slug is the file stem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AgendaError([Problem(str(path), 1, 1,
                                       f"file is {size} bytes; an agenda must be under 1 MB")])
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the file may grow between stat and read
    except OSError as exc:
        raise AgendaError([Problem(str(path), 1, 1,
                                   f"cannot read: {exc.strerror or exc}")]) from None
    return parse_agenda(data, str(path), slug=path.stem)


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
    installed = Path(__file__).parent / "_bundled_agendas"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "agendas"


NOT_AGENDAS = ("metrics.yaml", "metrics.yml")  # metric definitions live beside the agendas


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")
                      and not p.name.startswith(".") and p.name not in NOT_AGENDAS
                      and p.is_file())
    except OSError:
        return []


def _name_mark(path: Path) -> tuple[int, int]:
    """Line and column of the ``name`` value in an already validated file."""
    try:
        root = yaml.compose(path.read_bytes().decode("utf-8-sig"), Loader=yaml.SafeLoader)
        for key, value in root.value:
            if key.value == "name":
                return value.start_mark.line + 1, value.start_mark.column + 1
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        pass
    return 1, 1


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
            for a, b in ((e, other), (other, e)):
                line, col = _name_mark(a.path)
                a.problems.append(Problem(str(a.path), line, col,
                                          f"name {a.agenda.name!r} is also used by {b.path}"))
    return entries


def seed_user_agendas(user_dir: Path) -> bool:
    """Create the user's agenda folder with copies of the bundled templates, once."""
    user_dir = Path(user_dir)
    if user_dir.exists():
        return False
    from .paths import ensure_private_dir

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
