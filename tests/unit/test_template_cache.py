"""Parsed templates kept in the user cache dir: a hit is exactly what parsing gives (error
lines included), a changed file is parsed again, a broken cache is only a slower start,
and a start-up with everything cached does not load PyYAML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oneonone_tui.domain.agenda import AgendaError
from oneonone_tui.templates import cache as template_cache
from oneonone_tui.templates.agenda_yaml import parse_agenda
from oneonone_tui.templates.agendas import bundled_agendas_dir, discover_agendas, load_agenda_file
from oneonone_tui.templates.metrics import load_metrics, parse_metrics

GOOD = """\
name: Quick check
sections:
  - key: goal
    title: Where are we?
    minutes: 5
    prompts: [pipeline, forecast]
"""
BAD = GOOD.replace("minutes: 5", "minutes: -5")


def cache_file() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"]) / "oneonone" / template_cache.FILE_NAME


def test_a_hit_is_what_parsing_gives(tmp_path):
    path = tmp_path / "quick.yaml"
    path.write_text(GOOD)
    first = load_agenda_file(path)
    assert cache_file().is_file()
    template_cache._stores.clear()  # as a new process would: from the file
    again = load_agenda_file(path)
    assert again == first == parse_agenda(GOOD.encode(), str(path), "quick")
    for bundled in sorted(bundled_agendas_dir().glob("*.yaml")):
        if bundled.name != "metrics.yaml":
            assert load_agenda_file(bundled) == parse_agenda(
                bundled.read_bytes(), str(bundled), bundled.stem
            )
    assert load_metrics(None)[0] == parse_metrics(
        (bundled_agendas_dir() / "metrics.yaml").read_bytes(), "metrics.yaml"
    )


def test_problems_come_back_with_their_file_line_col(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(AgendaError) as fresh:
        load_agenda_file(path)
    template_cache._stores.clear()
    with pytest.raises(AgendaError) as cached:
        load_agenda_file(path)
    assert str(cached.value) == str(fresh.value)
    assert str(cached.value).startswith(f"{path}:5:14: error: ")


def test_a_changed_file_is_parsed_again(tmp_path):
    path = tmp_path / "quick.yaml"
    path.write_text(GOOD)
    assert load_agenda_file(path).sections[0].minutes == 5
    path.write_text(GOOD.replace("minutes: 5", "minutes: 7"))
    assert load_agenda_file(path).sections[0].minutes == 7
    path.write_text(BAD)
    with pytest.raises(AgendaError):
        load_agenda_file(path)


def test_a_broken_or_foreign_cache_is_ignored(tmp_path):
    path = tmp_path / "quick.yaml"
    path.write_text(GOOD)
    expected = parse_agenda(GOOD.encode(), str(path), "quick")
    cache_file().parent.mkdir(parents=True, exist_ok=True)
    for junk in (
        "{not json",
        "[]",
        json.dumps({"stamp": ["other"], "entries": {}}),
        json.dumps(
            {
                "stamp": template_cache._stamp(),
                "entries": {f"agenda:{path}": {"sha256": "x", "result": 1}},
            }
        ),
    ):
        cache_file().write_text(junk)
        template_cache._stores.clear()
        assert load_agenda_file(path) == expected


def test_a_warm_start_does_not_load_pyyaml(tmp_path):
    user = tmp_path / "agendas"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from oneonone_tui.templates.agendas import discover_agendas, seed_user_agendas\n"
        "from oneonone_tui.templates.metrics import load_metrics\n"
        f"user = Path({str(user)!r})\n"
        "seed_user_agendas(user)\n"
        "entries = discover_agendas(user)\n"
        "metrics, problems = load_metrics(user)\n"
        "print(len(entries), all(e.ok for e in entries), len(metrics), problems,\n"
        "      'yaml' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0][-1] == "True"  # the first start parses
    assert runs[1][:-1] == runs[0][:-1] and runs[1][-1] == "False"
    assert len(discover_agendas(user)) == int(runs[1][0])
