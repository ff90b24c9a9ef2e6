"""A YAML checker for every template file (agendas, metrics.yaml, config.yaml): the
file is composed into nodes, never loaded into objects, so that each problem is one
``FILE:LINE:COL: error: MESSAGE`` line pointed at the offending node through PyYAML's
marks. Hostile input (huge trees, aliases, deep nesting, bad characters) becomes problems
too. Imported only when a file has to be parsed: PyYAML costs start-up time and memory.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from oneonone_tui.domain.agenda import Problem
from oneonone_tui.templates import limits


def show(value: Any) -> str:
    """A value as it appears in a message: strings quoted, numbers plain."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "nothing"}[value]
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark


class Loader(yaml.SafeLoader):
    """SafeLoader that composes nodes only, refusing anchors/aliases and huge or deep trees."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.nodes = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused(event.start_mark, "aliases and anchors are not allowed in agendas")
        self.nodes += 1
        if self.nodes > limits.MAX_NODES:
            raise Refused(
                event.start_mark,
                f"more than {limits.MAX_NODES} YAML values; an agenda is far smaller",
            )
        if self.depth >= limits.MAX_DEPTH:
            raise Refused(event.start_mark, f"nested more than {limits.MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
            # the stubs say Node | None; PyYAML's Composer.compose_node always returns a node
            assert node is not None
            return node
        finally:
            self.depth -= 1


class Checker:
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
                self.error(key_node, f"{where}keys must be strings, got {show(key)}")
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
            self.error(node, f"{path} must be {want}, got {show(value)}")
        return value.strip() if isinstance(value, str) else ""

    def check(
        self,
        nodes: dict[str, Node],
        key: str,
        path: str,
        default: Any,
        ok: Callable[[Any], object],  # only its truth is used
        want: str,
    ) -> Any:
        """An optional value that must satisfy ``ok``; else an error and the default."""
        if key not in nodes:
            return default
        value = self.value(nodes[key])
        if ok(value):
            return value
        self.error(nodes[key], f"{path} must be {want}, got {show(value)}")
        return default

    def strings(self, node: Node | None, path: str) -> tuple[str, ...]:
        if node is None or (isinstance(node, ScalarNode) and self.value(node) is None):
            return ()
        if not isinstance(node, SequenceNode):
            self.error(node, f"{path} must be a list of strings, got {show(self.value(node))}")
            return ()
        out = []
        for j, item in enumerate(node.value):
            value = self.value(item)
            if isinstance(item, ScalarNode) and isinstance(value, str) and value.strip():
                out.append(value.strip())
            else:
                self.error(item, f"{path}[{j}] must be a non-empty string, got {show(value)}")
        return tuple(out)


def compose(
    text: str,
    c: Checker,
    what: str = "an agenda",
    shape: str = "name:, sections: ...",
    empty: str = "a mapping with name and sections",
) -> MappingNode | None:
    """The single document's node tree, or None after recording why not."""
    loader: Loader | None = None
    try:
        loader = Loader(text)
        loader.get_event()  # type: ignore[no-untyped-call]  # StreamStartEvent; unannotated stub
        if loader.check_event(yaml.StreamEndEvent):
            c.error(None, f"the file is empty; {what} is {empty}")
            return None
        node = loader.compose_document()
        assert node is not None  # Node | None in the stubs; our compose_node never gives None
        if not loader.check_event(yaml.StreamEndEvent):
            c.error(
                None,
                f"several YAML documents in one file; {what} is one mapping "
                "(remove the extra '---')",
                mark=loader.peek_event().start_mark,  # type: ignore[no-untyped-call]  # (stubs)
            )
            return None
    except Refused as exc:
        c.error(None, str(exc), mark=exc.mark)
        return None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else exc.character
        c.problems.append(
            Problem(
                c.file,
                before.count("\n") + 1,
                exc.position - before.rfind("\n"),
                f"character {char} is not allowed in YAML",
            )
        )
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
        got = "a list" if isinstance(node, SequenceNode) else show(c.value(node))
        c.error(node, f"{what} must be a mapping ({shape}), got {got}")
        return None
    return node
