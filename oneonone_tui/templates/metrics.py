"""Metric definitions read from ``metrics.yaml`` beside the agendas.

Validated like agendas: every problem is one ``FILE:LINE:COL: error: MESSAGE`` line.
No Textual, no SQL; the metrics themselves are :mod:`oneonone_tui.domain.metrics`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oneonone_tui.domain.agenda import AgendaError, Problem
from oneonone_tui.domain.metrics import KINDS, PERIODS, UNITS, Metric
from oneonone_tui.templates.agendas import bundled_agendas_dir
from oneonone_tui.templates.limits import MAX_BYTES

if TYPE_CHECKING:
    from yaml.nodes import Node

    from oneonone_tui.templates.yaml_checker import Checker

FILE_NAME = "metrics.yaml"
KEYS = ("key", "label", "unit", "kind", "period", "target", "higher_is_better")
KEY_RE = re.compile(r"[a-z0-9-]+")


class MetricsError(AgendaError):
    """Problems in metrics.yaml, one FILE:LINE:COL line each."""


def parse_metrics(data: bytes | str, filename: str) -> dict[str, Metric]:
    from yaml.nodes import SequenceNode

    from oneonone_tui.templates.yaml_checker import Checker, compose, show

    c = Checker(filename)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise MetricsError([Problem(filename, 1, 1, "file is over 1 MB")])
        try:
            data = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        except UnicodeDecodeError:
            raise MetricsError(
                [Problem(filename, 1, 1, "not UTF-8 text; save the file as UTF-8")]
            ) from None
    root = compose(data, c, "a metrics file", "metrics: [...]", "a mapping with metrics:")
    if root is None:
        raise MetricsError(c.problems)
    nodes = c.mapping(root, ("metrics",), "")
    node = nodes.get("metrics")
    metrics: dict[str, Metric] = {}
    if node is None:
        c.error(root, "metrics is required: a list of metrics")
    elif not isinstance(node, SequenceNode):
        c.error(node, f"metrics must be a list, got {show(c.value(node))}")
    else:
        for i, item in enumerate(node.value):
            metric = _check_metric(item, f"metrics[{i}]", c, metrics)
            if metric is not None:
                metrics[metric.key] = metric
    if c.problems:
        raise MetricsError(sorted(c.problems, key=lambda p: (p.line, p.col)))
    return metrics


def _check_metric(node: Node, path: str, c: Checker, seen: dict[str, Metric]) -> Metric | None:
    from yaml.nodes import MappingNode

    from oneonone_tui.templates.yaml_checker import show

    if not isinstance(node, MappingNode):
        c.error(node, f"{path} must be a mapping with key, label, unit, kind, period, target")
        return None
    before = len(c.problems)
    nodes = c.mapping(node, KEYS, f"{path}: ")
    key = c.text(nodes, "key", f"{path}.key", node)
    if key and not KEY_RE.fullmatch(key):
        c.error(nodes["key"], f"{path}.key must use only a-z, 0-9 and '-', got {key!r}")
    elif key in seen:
        c.error(nodes["key"], f"{path}.key {key!r} is already used")
    label = c.text(nodes, "label", f"{path}.label", node)
    choices = {}
    for field, allowed in (("unit", UNITS), ("kind", KINDS), ("period", PERIODS)):
        if field not in nodes:
            c.error(node, f"{path}.{field} is required ({' or '.join(allowed)})")
            continue
        value = c.value(nodes[field])
        if value not in allowed:
            c.error(
                nodes[field], f"{path}.{field} must be {' or '.join(allowed)}, got {show(value)}"
            )
        choices[field] = value
    target = c.check(
        nodes,
        "target",
        f"{path}.target",
        None,
        lambda v: isinstance(v, int | float) and not isinstance(v, bool) and v >= 0,
        "a number >= 0",
    )
    if "target" not in nodes:
        c.error(node, f"{path}.target is required (a number >= 0)")
    higher = c.check(
        nodes,
        "higher_is_better",
        f"{path}.higher_is_better",
        True,
        lambda v: isinstance(v, bool),
        "true or false",
    )
    if len(c.problems) != before:
        return None
    return Metric(
        key, label, choices["unit"], choices["kind"], choices["period"], float(target), higher
    )


def load_metrics(user_dir: Path | None) -> tuple[dict[str, Metric], list[Problem]]:
    """The user's metrics.yaml if there is one, else the bundled file. Never raises:
    a broken file gives the bundled defaults plus the problems to show."""
    bundled = bundled_agendas_dir() / FILE_NAME
    candidates = ([Path(user_dir) / FILE_NAME] if user_dir else []) + [bundled]
    problems: list[Problem] = []
    for path in candidates:
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(str(path), 1, 1, f"cannot read: {exc.strerror}"))
            continue
        from oneonone_tui.templates.cache import cached

        result = cached("metrics", path, data, lambda: _parsed(data, str(path)))  # noqa: B023
        if "problems" in result:
            problems.extend(AgendaError.problems_from_json(result))
            continue
        return {row[0]: Metric(*row) for row in result["metrics"]}, problems
    return {}, problems


def _parsed(data: bytes, filename: str) -> dict[str, Any]:
    """:func:`parse_metrics` as JSON (what the template cache keeps)."""
    try:
        metrics = parse_metrics(data, filename)
    except AgendaError as exc:
        return exc.to_json()
    return {
        "metrics": [
            [m.key, m.label, m.unit, m.kind, m.period, m.target, m.higher_is_better]
            for m in metrics.values()
        ]
    }
