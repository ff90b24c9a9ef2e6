"""The domain (agendas, rules, timer, dates, storage, CLI) must not import Textual."""

import sqlite3
import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    "oneonone_tui.templates.agendas",
    "oneonone_tui.domain.agenda",
    "oneonone_tui.templates.agenda_yaml",
    "oneonone_tui.templates.cache",
    "oneonone_tui.store.driver",
    "oneonone_tui.domain.cadence",
    "oneonone_tui.domain.clock",
    "oneonone_tui.domain.duedate",
    "oneonone_tui.domain.rules",
    "oneonone_tui.services.session",
    "oneonone_tui.domain.timer",
    "oneonone_tui.domain.rebalance",
    "oneonone_tui.paths",
    "oneonone_tui.store.models",
    "oneonone_tui.store.database",
    "oneonone_tui.store.access",
    "oneonone_tui.store.errors",
    "oneonone_tui.store.rows",
    "oneonone_tui.store.reps",
    "oneonone_tui.store.meetings",
    "oneonone_tui.store.commitments",
    "oneonone_tui.cli.main",
    "oneonone_tui.cli.reports",
    "oneonone_tui.domain.accountability",
    "oneonone_tui.services.export",
    "oneonone_tui.services.ics",
    "oneonone_tui.domain.text",
    "oneonone_tui.store.follow_through",
    "oneonone_tui.store.time_discipline",
    "oneonone_tui.store.history",
    "oneonone_tui.store.backup",
    "oneonone_tui.demo.simulation",
    "oneonone_tui.templates.metrics",
    "oneonone_tui.templates.config",
    "oneonone_tui.store.numbers",
    "oneonone_tui.store.plans",
    "oneonone_tui.cli.serve",
    "oneonone_tui.store.scope",
]


def test_domain_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"textual imported by the domain: {out.stdout}"


def test_cli_commands_do_not_import_textual(tmp_path):
    """`oneonone rep list` runs the CLI path end to end without Textual."""
    code = (
        "import sys\n"
        "from oneonone_tui.cli.main import main\n"
        f"rc = main(['--db', {str(tmp_path / 'x.db')!r}, 'rep', 'list'])\n"
        "assert rc == 0, rc\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A database at the current schema with a few weeks of meetings, and one rep's name."""
    db = tmp_path_factory.mktemp("reports") / "team.db"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "oneonone_tui",
            "--db",
            str(db),
            "demo",
            "--reps",
            "2",
            "--weeks",
            "3",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    with sqlite3.connect(db) as con:
        (rep,) = con.execute("SELECT name FROM rep ORDER BY id LIMIT 1").fetchone()
    return str(db), rep


@pytest.mark.parametrize(
    "argv", [["due"], ["commitments", "--open"], ["export", "REP", "--last"]], ids=lambda a: a[0]
)
def test_report_commands_import_no_textual_no_migrations(demo_db, argv):
    """The reports a shell runs often start fast: no Textual, no schema migration code on
    a database that needs no upgrade, and no PostgreSQL driver for a SQLite file."""
    db, rep = demo_db
    argv = [rep if a == "REP" else a for a in argv]
    code = (
        "import io, sys\n"
        "from oneonone_tui.cli.main import main\n"
        "sys.stdout = io.StringIO()\n"
        f"rc = main(['--db', {db!r}, *{argv!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'psycopg2')\n"
        "             or m == 'playhouse.migrate'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout
