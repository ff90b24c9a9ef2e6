"""End to end: the wheel that ``pipx install .`` and ``uv tool install .`` build.

It must carry the bundled agenda templates (the hatch force-include of ``agendas/``) and
every stylesheet, install into a clean virtualenv with nothing from the source tree on
the path, and run from there: ``--version``, ``agenda check``, ``agenda list`` and the
app itself (headless) with its stylesheet.

The wheel is built with build isolation, as pipx and uv build it: the build backend
(hatchling) comes from PyPI into a throwaway environment, so a build that only works
with what happens to be in the test venv fails here too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

import oneonone_tui

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "oneonone_tui"
BUNDLED = f"{PACKAGE}/_bundled_agendas"
TIMEOUT = 300  # seconds for one step; each takes a few on a warm cache


def expected_agenda_files() -> set[str]:
    """Where each file of ``agendas/`` (templates and metrics.yaml) lands in the wheel."""
    return {
        f"{BUNDLED}/{p.name}"
        for p in (ROOT / "agendas").iterdir()
        if p.is_file() and p.suffix in (".yaml", ".yml")
    }


def expected_stylesheets() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / PACKAGE).rglob("*.tcss")}


def agenda_names() -> dict[str, str]:
    """Slug -> name of every bundled agenda template (metrics.yaml is not a template)."""
    names = {}
    for p in sorted((ROOT / "agendas").glob("*.y*ml")):
        if p.name.startswith("metrics."):
            continue
        names[p.stem] = yaml.safe_load(p.read_text(encoding="utf-8"))["name"]
    return names


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)
    assert result.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result


def clean_env(home: Path, venv_bin: Path) -> dict[str, str]:
    """The environment of a user who just installed the tool: nothing of the source tree
    or the test venv, a fresh home and XDG dirs, the new venv's bin first on PATH."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
        and not k.startswith("ONEONONE_")
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PYTHONNOUSERSITE="1",
        PATH=os.pathsep.join([str(venv_bin), env.get("PATH", "")]),
    )
    return env


APP_SMOKE = """
import asyncio, sys
from oneonone_tui.templates.agendas import discover_agendas
from oneonone_tui.store.database import open_database
from oneonone_tui.ui.app import OneOnOneApp

open_database(sys.argv[1])

async def main():
    app = OneOnOneApp(discover_agendas(None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print(type(app.screen).__name__, len(app.stylesheet.rules) > 0)

asyncio.run(main())
"""


def test_wheel_carries_agendas_and_stylesheets_and_runs_from_a_clean_venv(tmp_path):
    # 1. build, as pipx / uv do
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], cwd=tmp_path)
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1, wheels
    wheel = wheels[0]

    # 2. what is in it
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    agendas, sheets = expected_agenda_files(), expected_stylesheets()
    assert f"{BUNDLED}/weekly.yaml" in agendas and f"{BUNDLED}/metrics.yaml" in agendas
    assert f"{PACKAGE}/ui/app.tcss" in sheets
    assert not agendas - names, f"agendas missing from {wheel.name}: {sorted(agendas - names)}"
    assert not sheets - names, f"stylesheets missing from {wheel.name}: {sorted(sheets - names)}"

    # 3. a clean virtualenv with the wheel (dependencies from the package index)
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    venv_bin = venv / ("Scripts" if os.name == "nt" else "bin")
    python = venv_bin / ("python.exe" if os.name == "nt" else "python")
    script = venv_bin / ("oneonone.exe" if os.name == "nt" else "oneonone")
    home = tmp_path / "home"
    home.mkdir()
    elsewhere = tmp_path / "elsewhere"  # a cwd from which the source tree is not importable
    elsewhere.mkdir()
    env = clean_env(home, venv_bin)
    run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        cwd=elsewhere,
        env=env,
    )

    # 4. the package imported there is the installed one, with its agendas beside it
    where = run(
        [
            str(python),
            "-c",
            "import oneonone_tui, oneonone_tui.templates.agendas as a; "
            "print(oneonone_tui.__file__); print(a.bundled_agendas_dir())",
        ],
        cwd=elsewhere,
        env=env,
    ).stdout.splitlines()
    package_file, bundled_dir = Path(where[0]).resolve(), Path(where[1]).resolve()
    assert package_file.is_relative_to(venv.resolve()), package_file
    assert not package_file.is_relative_to(ROOT), package_file
    assert bundled_dir == package_file.parent / "_bundled_agendas", bundled_dir

    # 5. the console script
    version = run([str(script), "--version"], cwd=elsewhere, env=env).stdout.strip()
    assert version == f"oneonone {oneonone_tui.__version__}"

    check = run([str(script), "agenda", "check"], cwd=elsewhere, env=env)
    user_agendas = home / "config" / "oneonone" / "agendas"
    names_by_slug = agenda_names()
    for slug, name in names_by_slug.items():
        assert f"{user_agendas / slug}.yaml: ok ({name}," in check.stdout, check.stdout
    assert check.stderr == "", check.stderr

    listing = run([str(script), "agenda", "list"], cwd=elsewhere, env=env).stdout
    assert "BROKEN" not in listing, listing
    listed = {line.split()[0] for line in listing.splitlines()[2:] if line.strip()}
    assert listed == set(names_by_slug), listing
    for name in names_by_slug.values():
        assert name in listing, listing

    # 6. the app starts on its home screen with the installed stylesheet
    smoke = run(
        [str(python), "-c", APP_SMOKE, str(home / "team.db")], cwd=elsewhere, env=env
    ).stdout
    assert smoke.split() == ["HomeScreen", "True"], smoke
