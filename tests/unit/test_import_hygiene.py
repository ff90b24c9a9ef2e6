"""The domain (agendas, rules, timer, dates, storage, CLI) must not import Textual."""

import subprocess
import sys

DOMAIN_MODULES = [
    "oneonone_tui.agenda",
    "oneonone_tui.cadence",
    "oneonone_tui.clock",
    "oneonone_tui.duedate",
    "oneonone_tui.rules",
    "oneonone_tui.session",
    "oneonone_tui.timer",
    "oneonone_tui.paths",
    "oneonone_tui.store.models",
    "oneonone_tui.store.database",
    "oneonone_tui.store.queries",
    "oneonone_tui.cli",
    "oneonone_tui.cli_reports",
    "oneonone_tui.accountability",
    "oneonone_tui.export",
    "oneonone_tui.ics",
    "oneonone_tui.textutil",
    "oneonone_tui.store.reports",
    "oneonone_tui.store.backup",
    "oneonone_tui.demo",
    "oneonone_tui.metrics",
    "oneonone_tui.config",
    "oneonone_tui.store.numbers",
    "oneonone_tui.store.plans",
]


def test_domain_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "", f"textual imported by the domain: {out.stdout}"


def test_cli_commands_do_not_import_textual(tmp_path):
    """`oneonone rep list` runs the CLI path end to end without Textual."""
    code = (
        "import sys\n"
        "from oneonone_tui.cli import main\n"
        f"rc = main(['--db', {str(tmp_path / 'x.db')!r}, 'rep', 'list'])\n"
        "assert rc == 0, rc\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
