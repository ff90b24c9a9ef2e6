"""The architecture as a check that fails: the layer contracts of pyproject.toml
(import-linter), no import circle anywhere, and no module over the size we keep."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MAX_LINES = 400


def _lint_imports(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_layer_contracts_hold():
    out = _lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_a_forbidden_import_breaks_the_contracts(tmp_path: Path):
    """The contracts can fail: the domain importing Textual, and a widget importing a
    screen, are both refused."""
    shutil.copytree(
        ROOT / "oneonone_tui",
        tmp_path / "oneonone_tui",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    timer = tmp_path / "oneonone_tui" / "domain" / "timer.py"
    timer.write_text(timer.read_text() + "\nimport textual  # a forbidden import\n")
    panel = tmp_path / "oneonone_tui" / "ui" / "widgets" / "footer.py"
    panel.write_text(panel.read_text() + "\nfrom oneonone_tui.ui.screens import home\n")
    out = _lint_imports(tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert out.returncode == 1, out.stdout + out.stderr
    assert "the domain is pure Python" in out.stdout and "BROKEN" in out.stdout
    assert "oneonone_tui.domain.timer -> textual" in out.stdout
    assert "oneonone_tui.ui.widgets.footer -> oneonone_tui.ui.screens.home" in out.stdout


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_anywhere():
    """Not even through imports inside functions or for type checking only."""
    graph = grimp.build_graph("oneonone_tui", exclude_type_checking_imports=False)
    edges = {
        m: {d for d in graph.find_modules_directly_imported_by(m) if d in graph.modules}
        for m in graph.modules
    }
    assert _cycles(edges) == []


def test_no_module_over_the_size_we_keep():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text().splitlines())
        for folder in ("oneonone_tui", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
    }
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}
