"""Agenda templates: loading and validating the YAML contract (no Textual here).

Every problem becomes one ``FILE:LINE:COL: error: MESSAGE`` line, pointed at the
offending node through PyYAML's marks; all problems of a file are reported at once.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1_000_000
MAX_NODES = 20_000
MAX_MINUTES = 120
KEY_RE = re.compile(r"[a-z0-9-]+")
TOP_KEYS = ("name", "type", "description", "require_commitments", "sections")
SECTION_KEYS = ("key", "title", "minutes", "prompts", "on_timeout", "metrics", "ranking")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: error: {self.message}"


class AgendaError(Exception):
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
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


class _Checker:
    def __init__(self, filename: str) -> None:
        self.file = filename
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def error(self, node: Node | None, message: str, mark: Any = None) -> None:
        mark = mark or (node.start_mark if node is not None else None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problems.append(Problem(self.file, line, col, message))

    def scalar(self, node: Node) -> Any:
        if isinstance(node, MappingNode):
            return {}
        if isinstance(node, SequenceNode):
            return []
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value

    def mapping(self, node: MappingNode, allowed: tuple[str, ...], where: str) -> dict[str, Node]:
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if not isinstance(key, str):
                self.error(key_node, f"{where}keys must be text, got {_show(key)}")
                continue
            if key in found:
                self.error(key_node, f"{where}duplicate key {key!r}")
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
                self.error(key_node, f"{where}unknown key {key!r} ({hint})")
                continue
            found[key] = value_node
        return found

    def text(self, nodes: dict[str, Node], key: str, path: str, *, required: bool,
             parent: Node, default: str = "") -> str:
        node = nodes.get(key)
        if node is None:
            if required:
                self.error(parent, f"{path} is required")
            return default
        value = self.scalar(node)
        if isinstance(node, ScalarNode) and isinstance(value, str | int | float) \
                and not isinstance(value, bool) and not required:
            return str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(node, f"{path} must be a non-empty string, got {_show(value)}")
            return default
        return value.strip()


def parse_agenda(data: bytes | str, filename: str, slug: str = "") -> Agenda:
    """Parse one template; raise :class:`AgendaError` with every problem found."""
    c = _Checker(filename)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            c.error(None, f"file is {len(data)} bytes; an agenda must be under 1 MB")
            raise AgendaError(c.problems)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            col = exc.start - (before.rfind(b"\n") + 1) + 1
            c.problems.append(Problem(filename, line, col,
                                      f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save "
                                      "the file as UTF-8"))
            raise AgendaError(c.problems) from None
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            c.error(None, "file is over 1 MB; an agenda must be under 1 MB")
            raise AgendaError(c.problems)
    root = _compose(text, c)
    if root is None:
        raise AgendaError(c.problems)
    agenda = _check_agenda(root, c, slug)
    if c.problems or agenda is None:
        raise AgendaError(c.problems)
    return agenda


def _compose(text: str, c: _Checker) -> Node | None:
    """The single document's node tree, refusing aliases, several documents, huge trees."""
    loader = yaml.SafeLoader(text)
    try:
        count = 0
        while loader.check_event():
            event = loader.get_event()
            count += 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                c.error(None, "aliases and anchors are not allowed in agendas",
                        mark=event.start_mark)
                return None
            if isinstance(event, yaml.DocumentStartEvent) and count > 2:
                c.error(None, "several YAML documents in one file; an agenda is one mapping "
                        "(remove the extra '---')", mark=event.start_mark)
                return None
            if count > MAX_NODES:
                c.error(None, f"the file has more than {MAX_NODES} YAML nodes; an agenda is "
                        "far smaller", mark=event.start_mark)
                return None
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        c.error(None, f"YAML syntax: {exc.problem or exc.context}", mark=mark)
        return None
    except yaml.YAMLError as exc:
        c.error(None, f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
    if node is None:
        c.error(None, "the file is empty; an agenda is a mapping with name and sections")
        return None
    if not isinstance(node, MappingNode):
        c.error(node, f"an agenda must be a mapping (name:, sections: ...), got "
                f"{'a list' if isinstance(node, SequenceNode) else _show(c.scalar(node))}")
        return None
    return node


def _check_agenda(root: MappingNode, c: _Checker, slug: str) -> Agenda | None:
    nodes = c.mapping(root, TOP_KEYS, "")
    name = c.text(nodes, "name", "name", required=True, parent=root)
    kind = c.text(nodes, "type", "type", required=False, parent=root)
    description = c.text(nodes, "description", "description", required=False, parent=root)
    require = 1
    if "require_commitments" in nodes:
        node = nodes["require_commitments"]
        value = c.scalar(node)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            c.error(node, f"require_commitments must be a whole number >= 0, got {_show(value)}")
        else:
            require = value
    sections: list[Section] = []
    node = nodes.get("sections")
    if node is None:
        c.error(root, "sections is required: a list of sections with key, title, minutes")
    elif not isinstance(node, SequenceNode):
        c.error(node, f"sections must be a list of sections, got {_show(c.scalar(node))}")
    elif not node.value:
        c.error(node, "sections must have at least one section")
    else:
        seen: dict[str, int] = {}
        for i, item in enumerate(node.value):
            section = _check_section(item, i, c, seen)
            if section is not None:
                sections.append(section)
    if c.problems:
        return None
    return Agenda(name, kind, description, require, tuple(sections), slug)


def _check_section(node: Node, i: int, c: _Checker, seen: dict[str, int]) -> Section | None:
    path = f"sections[{i}]"
    if not isinstance(node, MappingNode):
        c.error(node, f"{path} must be a mapping with key, title and minutes, got "
                f"{_show(c.scalar(node))}")
        return None
    before = len(c.problems)
    nodes = c.mapping(node, SECTION_KEYS, f"{path}: ")
    key = c.text(nodes, "key", f"{path}.key", required=True, parent=node)
    if key and not KEY_RE.fullmatch(key):
        c.error(nodes["key"], f"{path}.key must use only a-z, 0-9 and '-', got {key!r}")
    elif key in seen:
        c.error(nodes["key"], f"{path}.key {key!r} is already used by sections[{seen[key]}]")
    elif key:
        seen[key] = i
    title = c.text(nodes, "title", f"{path}.title", required=True, parent=node)
    minutes: float = 0
    if "minutes" not in nodes:
        c.error(node, f"{path}.minutes is required (a number > 0)")
    else:
        value = c.scalar(nodes["minutes"])
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value \
                or value <= 0:
            c.error(nodes["minutes"], f"{path}.minutes must be a number > 0, got {_show(value)}")
        elif value > MAX_MINUTES:
            c.error(nodes["minutes"], f"{path}.minutes must be at most {MAX_MINUTES}, got "
                    f"{_show(value)}")
        else:
            minutes = value
    prompts = _strings(nodes.get("prompts"), f"{path}.prompts", c)
    metrics = _strings(nodes.get("metrics"), f"{path}.metrics", c)
    on_timeout = "warn"
    if "on_timeout" in nodes:
        value = c.scalar(nodes["on_timeout"])
        if value not in ("warn", "advance"):
            c.error(nodes["on_timeout"],
                    f"{path}.on_timeout must be 'warn' or 'advance', got {_show(value)}")
        else:
            on_timeout = value
    ranking = False
    if "ranking" in nodes:
        value = c.scalar(nodes["ranking"])
        if not isinstance(value, bool):
            c.error(nodes["ranking"], f"{path}.ranking must be true or false, got {_show(value)}")
        else:
            ranking = value
    if len(c.problems) != before:
        return None
    return Section(key, title, minutes, prompts, on_timeout, metrics, ranking)


def _strings(node: Node | None, path: str, c: _Checker) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, SequenceNode):
        c.error(node, f"{path} must be a list of strings, got {_show(c.scalar(node))}")
        return ()
    out = []
    for j, item in enumerate(node.value):
        value = c.scalar(item)
        if isinstance(item, ScalarNode) and isinstance(value, str) and value.strip():
            out.append(value.strip())
        else:
            c.error(item, f"{path}[{j}] must be a non-empty string, got {_show(value)}")
    return tuple(out)


# --- files and folders -----------------------------------------------------------

def load_agenda_file(path: Path) -> Agenda:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AgendaError([Problem(str(path), 1, 1,
                                       f"file is {size} bytes; an agenda must be under 1 MB")])
        data = path.read_bytes()
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


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir()
                      if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def discover_agendas(user_dir: Path | None) -> list[AgendaEntry]:
    """Bundled templates, overridden by the user's of the same file name. Never raises."""
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
        other = by_name.get(e.agenda.name.lower())
        if other is not None:
            for a, b in ((e, other), (other, e)):
                a.problems.append(Problem(str(a.path), 1, 1,
                                          f"name {a.agenda.name!r} is also used by {b.path}"))
        else:
            by_name[e.agenda.name.lower()] = e
    return entries


def seed_user_agendas(user_dir: Path) -> bool:
    """Create the user's agenda folder with copies of the bundled templates, once."""
    user_dir = Path(user_dir)
    if user_dir.exists():
        return False
    user_dir.mkdir(parents=True, mode=0o700)
    os.chmod(user_dir, 0o700)
    for path in _files(bundled_agendas_dir()):
        shutil.copyfile(path, user_dir / path.name)
    return True


def find_agenda(entries: list[AgendaEntry], slug_or_name: str) -> AgendaEntry | None:
    for e in entries:
        if e.slug == slug_or_name:
            return e
    wanted = slug_or_name.strip().lower()
    for e in entries:
        if e.agenda is not None and e.agenda.name.lower() == wanted:
            return e
    return None
