"""Metric definitions (``metrics.yaml`` beside the agendas), periods and ranking.

Validated like agendas: every problem is one ``FILE:LINE:COL: error: MESSAGE`` line.
No Textual, no SQL.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .agenda import MAX_BYTES, AgendaError, Problem, bundled_agendas_dir
from .cadence import add_months

if TYPE_CHECKING:
    from .agenda_yaml import _Checker

FILE_NAME = "metrics.yaml"
KEYS = ("key", "label", "unit", "kind", "period", "target", "higher_is_better")
UNITS = ("count", "currency", "percent")
KINDS = ("leading", "lagging")
PERIODS = ("week", "month")
KEY_RE = re.compile(r"[a-z0-9-]+")


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    kind: str
    period: str
    target: float
    higher_is_better: bool = True

    def format(self, value: float | None) -> str:
        if value is None:
            return "-"
        if self.unit == "currency":
            return f"{value:,.0f}"
        if self.unit == "percent":
            return f"{value:g}%"
        return f"{value:g}"


class MetricsError(AgendaError):
    """Problems in metrics.yaml, one FILE:LINE:COL line each."""


def parse_metrics(data: bytes | str, filename: str) -> dict[str, Metric]:
    from yaml.nodes import SequenceNode

    from .agenda_yaml import _Checker, _compose, _show

    c = _Checker(filename)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise MetricsError([Problem(filename, 1, 1, "file is over 1 MB")])
        try:
            data = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        except UnicodeDecodeError:
            raise MetricsError([Problem(filename, 1, 1, "not UTF-8 text; save the file "
                                        "as UTF-8")]) from None
    root = _compose(data, c, "a metrics file", "metrics: [...]", "a mapping with metrics:")
    if root is None:
        raise MetricsError(c.problems)
    nodes = c.mapping(root, ("metrics",), "")
    node = nodes.get("metrics")
    metrics: dict[str, Metric] = {}
    if node is None:
        c.error(root, "metrics is required: a list of metrics")
    elif not isinstance(node, SequenceNode):
        c.error(node, f"metrics must be a list, got {_show(c.value(node))}")
    else:
        for i, item in enumerate(node.value):
            metric = _check_metric(item, f"metrics[{i}]", c, metrics)
            if metric is not None:
                metrics[metric.key] = metric
    if c.problems:
        raise MetricsError(sorted(c.problems, key=lambda p: (p.line, p.col)))
    return metrics


def _check_metric(node, path: str, c: _Checker, seen: dict[str, Metric]) -> Metric | None:
    from yaml.nodes import MappingNode

    from .agenda_yaml import _show

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
            c.error(nodes[field], f"{path}.{field} must be {' or '.join(allowed)}, got "
                    f"{_show(value)}")
        choices[field] = value
    target = c.check(nodes, "target", f"{path}.target", None,
                     lambda v: isinstance(v, int | float) and not isinstance(v, bool) and v >= 0,
                     "a number >= 0")
    if "target" not in nodes:
        c.error(node, f"{path}.target is required (a number >= 0)")
    higher = c.check(nodes, "higher_is_better", f"{path}.higher_is_better", True,
                     lambda v: isinstance(v, bool), "true or false")
    if len(c.problems) != before:
        return None
    return Metric(key, label, choices["unit"], choices["kind"], choices["period"],
                  float(target), higher)


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
        from .template_cache import cached

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
    return {"metrics": [[m.key, m.label, m.unit, m.kind, m.period, m.target,
                         m.higher_is_better] for m in metrics.values()]}


# --- periods ---------------------------------------------------------------------

def period_start(period: str, day: date) -> date:
    """The Monday of ``day``'s week, or the first of its month."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def review_period(period: str, today: date) -> date:
    """The period a meeting reviews: the last complete week or month."""
    if period == "week":
        return period_start("week", today) - timedelta(days=7)
    return add_months(period_start("month", today), -1)


def previous_periods(period: str, start: date, count: int) -> list[date]:
    """``count`` period starts ending with ``start``, oldest first."""
    if period == "week":
        return [start - timedelta(days=7 * n) for n in range(count - 1, -1, -1)]
    return [add_months(start, -n) for n in range(count - 1, -1, -1)]


def describe_period(period: str, start: date) -> str:
    return f"week of {start:%d %b}" if period == "week" else f"{start:%b %Y}"


def rank(values: dict[int, float], rep_id: int, higher_is_better: bool = True
         ) -> tuple[int, int] | None:
    """(rank, out of) of ``rep_id`` among reps with a value; ties share the best rank."""
    if rep_id not in values:
        return None
    mine = values[rep_id]
    better = sum(1 for v in values.values() if (v > mine if higher_is_better else v < mine))
    return better + 1, len(values)


def parse_number(text: str) -> float:
    """A number as a manager types it: 12, 12.5, 50,000, $50k, 1.2m, 35%. ValueError else."""
    raw = text.strip().lower().replace(",", "").replace("$", "").replace("€", "")
    raw = raw.replace("£", "").rstrip("%").strip()
    factor = 1.0
    if raw.endswith("k"):
        factor, raw = 1_000.0, raw[:-1]
    elif raw.endswith("m"):
        factor, raw = 1_000_000.0, raw[:-1]
    if not re.fullmatch(r"-?\d+(\.\d+)?", raw):
        raise ValueError(f"{text.strip()!r} is not a number (type digits, e.g. 12 or 50k)")
    value = float(raw) * factor
    if value < 0:
        raise ValueError("a metric is never negative")
    return value
