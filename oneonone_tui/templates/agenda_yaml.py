"""The YAML side of agenda templates: every node of the file checked against the agenda
contract (:mod:`oneonone_tui.templates.limits`) with the shared
:mod:`oneonone_tui.templates.yaml_checker`. Imported only when a template has to be parsed
(see :mod:`oneonone_tui.templates.cache`): PyYAML costs start-up time and memory.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from oneonone_tui.domain.agenda import Agenda, AgendaError, Problem, Section
from oneonone_tui.domain.timer import ON_TIMEOUT
from oneonone_tui.templates import limits
from oneonone_tui.templates.yaml_checker import Checker, compose, show


def parse_agenda(data: bytes | str, filename: str, slug: str = "") -> Agenda:
    """Parse one template; raise :class:`AgendaError` with every problem found."""
    c = Checker(filename)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limits.MAX_BYTES:
        c.error(None, f"file is {size} bytes; an agenda must be under 1 MB")
    elif isinstance(data, bytes):
        body = data.removeprefix(codecs.BOM_UTF8)
        try:
            data = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            start = body.rfind(b"\n", 0, exc.start) + 1
            c.problems.append(
                Problem(
                    filename,
                    body.count(b"\n", 0, exc.start) + 1,
                    len(body[start : exc.start].decode("utf-8")) + 1,
                    f"not UTF-8 text (byte 0x{body[exc.start]:02x}); save the file as UTF-8",
                )
            )
    root = None if c.problems else compose(str(data), c)
    agenda = None if root is None else _check_agenda(root, c, slug)
    if agenda is None:
        raise AgendaError(sorted(c.problems, key=lambda p: (p.line, p.col)))
    return agenda


def _whole(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _positive(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v > 0  # NaN fails too


def _check_agenda(root: MappingNode, c: Checker, slug: str) -> Agenda | None:
    nodes = c.mapping(root, limits.TOP_KEYS, "")
    name = c.text(nodes, "name", "name", root)
    kind = c.text(nodes, "type", "type", None)
    description = c.text(nodes, "description", "description", None)
    require = c.check(
        nodes, "require_commitments", "require_commitments", 1, _whole, "a whole number >= 0"
    )
    sections: list[Section] = []
    node = nodes.get("sections")
    if node is None:
        c.error(root, "sections is required: a list of sections with key, title, minutes")
    elif not isinstance(node, SequenceNode):
        c.error(node, f"sections must be a list of sections, got {show(c.value(node))}")
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


def _check_section(
    node: Node, path: str, c: Checker, seen: dict[str, int], i: int
) -> Section | None:
    if not isinstance(node, MappingNode):
        c.error(
            node, f"{path} must be a mapping with key, title and minutes, got {show(c.value(node))}"
        )
        return None
    before = len(c.problems)
    nodes = c.mapping(node, limits.SECTION_KEYS, f"{path}: ")
    key = c.text(nodes, "key", f"{path}.key", node)
    if key and not limits.KEY_RE.fullmatch(key):
        c.error(nodes["key"], f"{path}.key must use only a-z, 0-9 and '-', got {key!r}")
    elif key in seen:
        c.error(nodes["key"], f"{path}.key {key!r} is already used by sections[{seen[key]}]")
    elif key:
        seen[key] = i
    title = c.text(nodes, "title", f"{path}.title", node)
    if "minutes" not in nodes:
        c.error(node, f"{path}.minutes is required (a number > 0)")
    minutes = c.check(nodes, "minutes", f"{path}.minutes", 0, _positive, "a number > 0")
    if minutes > limits.MAX_MINUTES:
        c.error(
            nodes["minutes"],
            f"{path}.minutes must be at most {limits.MAX_MINUTES}, got {show(minutes)}",
        )
    elif minutes > 0 and round(minutes * 60) < 1:
        c.error(
            nodes["minutes"], f"{path}.minutes must be at least one second, got {show(minutes)}"
        )
    prompts = c.strings(nodes.get("prompts"), f"{path}.prompts")
    metrics = c.strings(nodes.get("metrics"), f"{path}.metrics")
    on_timeout = c.check(
        nodes,
        "on_timeout",
        f"{path}.on_timeout",
        "warn",
        lambda v: isinstance(v, str) and v in ON_TIMEOUT,
        "'warn' or 'advance'",
    )
    ranking = c.check(
        nodes, "ranking", f"{path}.ranking", False, lambda v: isinstance(v, bool), "true or false"
    )
    if len(c.problems) != before:
        return None
    return Section(key, title, minutes, prompts, on_timeout, metrics, ranking)


def name_mark(path: Path) -> tuple[int, int]:
    """Line and column of the ``name`` value in an already validated file."""
    try:
        root = yaml.compose(path.read_bytes().decode("utf-8-sig"), Loader=yaml.SafeLoader)
        if root is None:  # an empty file (changed since it was validated)
            return 1, 1
        for key, value in root.value:
            if key.value == "name":
                return value.start_mark.line + 1, value.start_mark.column + 1
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        pass
    return 1, 1
