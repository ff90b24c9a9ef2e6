"""The YAML side of agenda templates: composing the file and checking each node, so that
every problem is one ``FILE:LINE:COL: error: MESSAGE`` line pointed at the offending node
through PyYAML's marks. Imported only when a template has to be parsed (see
:mod:`oneonone_tui.template_cache`): PyYAML costs start-up time and memory.
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import agenda as spec  # the limits and allowed keys, read at call time
from .agenda_model import Agenda, AgendaError, Problem, Section

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
        if self.nodes > spec.MAX_NODES:
            raise _Refused(event.start_mark, f"more than {spec.MAX_NODES} YAML values; an agenda "
                           "is far smaller")
        if self.depth >= spec.MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested more than {spec.MAX_DEPTH} levels deep")
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
    if size > spec.MAX_BYTES:
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
    nodes = c.mapping(root, spec.TOP_KEYS, "")
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
    nodes = c.mapping(node, spec.SECTION_KEYS, f"{path}: ")
    key = c.text(nodes, "key", f"{path}.key", node)
    if key and not spec.KEY_RE.fullmatch(key):
        c.error(nodes["key"], f"{path}.key must use only a-z, 0-9 and '-', got {key!r}")
    elif key in seen:
        c.error(nodes["key"], f"{path}.key {key!r} is already used by sections[{seen[key]}]")
    elif key:
        seen[key] = i
    title = c.text(nodes, "title", f"{path}.title", node)
    if "minutes" not in nodes:
        c.error(node, f"{path}.minutes is required (a number > 0)")
    minutes = c.check(nodes, "minutes", f"{path}.minutes", 0, _positive, "a number > 0")
    if minutes > spec.MAX_MINUTES:
        c.error(nodes["minutes"], f"{path}.minutes must be at most {spec.MAX_MINUTES}, got "
                f"{_show(minutes)}")
    elif minutes > 0 and round(minutes * 60) < 1:
        c.error(nodes["minutes"], f"{path}.minutes must be at least one second, got "
                f"{_show(minutes)}")
    prompts = c.strings(nodes.get("prompts"), f"{path}.prompts")
    metrics = c.strings(nodes.get("metrics"), f"{path}.metrics")
    on_timeout = c.check(nodes, "on_timeout", f"{path}.on_timeout", "warn",
                         lambda v: isinstance(v, str) and v in spec.ON_TIMEOUT,
                         "'warn' or 'advance'")
    ranking = c.check(nodes, "ranking", f"{path}.ranking", False,
                      lambda v: isinstance(v, bool), "true or false")
    if len(c.problems) != before:
        return None
    return Section(key, title, minutes, prompts, on_timeout, metrics, ranking)


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
