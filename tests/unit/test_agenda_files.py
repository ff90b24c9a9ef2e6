"""Agenda templates edited and created from the app: editor command, copies, names."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from oneonone_tui.templates.agendas import discover_agendas, find_agenda, load_agenda_file
from oneonone_tui.templates.editing import (
    AgendaFileError,
    check_new_name,
    copy_agenda,
    editable_path,
    editor_command,
    slugify,
)


def test_editor_command_prefers_visual_and_splits_like_a_shell():
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": "  ", "EDITOR": "'/opt/my editor/ed' -n"}) == [
        "/opt/my editor/ed",
        "-n",
    ]
    assert editor_command({}) is None
    with pytest.raises(AgendaFileError, match=r"\$EDITOR is not a command"):
        editor_command({"EDITOR": "vim 'unclosed"})


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Quarterly review (Q3)", "quarterly-review-q3"),
        ("  Ramp-up  plan ", "ramp-up-plan"),
        ("Éte", "te"),
        ("???", ""),
    ],
)
def test_slugify(name: str, slug: str):
    assert slugify(name) == slug


def test_new_names_must_be_free_and_usable():
    entries = discover_agendas(None)
    assert check_new_name("Quarterly review", entries) is None
    assert "already exists" in check_new_name("Weekly", entries)  # weekly.yaml
    assert "already called" in check_new_name("weekly ONE-ON-ONE", entries)
    assert "needs a name" in check_new_name("   ", entries)
    assert "letters or digits" in check_new_name("???", entries)
    assert "At most 80" in check_new_name("x" * 81, entries)


def test_copy_keeps_comments_renames_and_is_private(tmp_path: Path):
    entries = discover_agendas(None)
    weekly = find_agenda(entries, "weekly")
    path = copy_agenda(weekly, 'Ramp-up "fast" plan', tmp_path, entries)
    assert path == tmp_path / "ramp-up-fast-plan.yaml"
    text = path.read_text()
    assert text.startswith("# The five topics")  # the comments come along
    assert 'name: "Ramp-up \\"fast\\" plan"' in text
    agenda = load_agenda_file(path)
    assert agenda.name == 'Ramp-up "fast" plan'
    assert [s.key for s in agenda.sections] == [s.key for s in weekly.agenda.sections]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = discover_agendas(tmp_path)
    with pytest.raises(AgendaFileError, match="already exists"):
        copy_agenda(weekly, "Ramp-up fast plan", tmp_path, again)


def test_copy_of_a_file_without_a_name_line_gets_one(tmp_path: Path):
    source_dir = tmp_path / "src"
    source_dir.mkdir()
    (source_dir / "odd.yaml").write_text(
        "type: weekly\nsections:\n  - key: a\n    title: A\n    minutes: 5\n"
    )
    entries = discover_agendas(source_dir)
    path = copy_agenda(find_agenda(entries, "odd"), "Named now", tmp_path / "out", entries)
    assert path.read_text().startswith('name: "Named now"\n')


def test_editing_a_bundled_template_edits_a_user_copy(tmp_path: Path):
    bundled = find_agenda(discover_agendas(None), "weekly")
    assert bundled.bundled
    user_dir = tmp_path / "agendas"
    path = editable_path(bundled, user_dir)
    assert path == user_dir / "weekly.yaml"
    assert path.read_bytes() == bundled.path.read_bytes()
    path.write_text("changed")
    assert editable_path(bundled, user_dir).read_text() == "changed"  # never overwritten
    user_entry = find_agenda(discover_agendas(user_dir), "weekly")
    assert editable_path(user_entry, user_dir) == user_entry.path
