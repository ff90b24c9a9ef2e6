"""What every part of the benchmark shares: paths, the pane's size, the keys typed,
the error it raises, medians and the samples they are taken of."""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
RESULTS = HERE / "RESULTS.md"
PYTHON = Path(sys.executable)
ONEONONE = PYTHON.parent / "oneonone"
BARE_STATIC = HERE / "bare_static.py"
BARE_TEXTAREA = HERE / "bare_textarea.py"
WIDTH, HEIGHT = 120, 40
# typed one at a time; each appears once per session and nowhere in either UI
KEYS = "αβγδεζηθικλμνξπρστυφχψωбгджзийклмнптфцчшщыэюя"


class BenchError(Exception):
    pass


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def read_or_empty(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


@dataclass
class Samples:
    values: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, value: float) -> None:
        self.values[name].append(value)

    def med(self, name: str) -> float:
        return median(self.values.get(name, []))


def app_argv(db: Path, *args: str) -> list[str]:
    return [str(ONEONONE), "--db", str(db), *args]
