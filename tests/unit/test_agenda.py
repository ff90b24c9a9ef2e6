"""The agenda template contract: bundled templates, every kind of bad input, discovery."""

from __future__ import annotations

import json
import re
import stat
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_tui.domain.agenda import Agenda, AgendaError, Problem, Section
from oneonone_tui.templates import limits
from oneonone_tui.templates.agendas import (
    bundled_agendas_dir,
    discover_agendas,
    find_agenda,
    load_agenda_file,
    parse_agenda,
    seed_user_agendas,
)
from oneonone_tui.templates.limits import MAX_BYTES, SECTION_KEYS, TOP_KEYS

LINE_RE = re.compile(r"^.+:\d+:\d+: error: .+$")

GOOD = """\
name: Quick check
type: weekly
sections:
  - key: goal-status
    title: Where are we?
    minutes: 2.5
    prompts: ["What changed?"]
"""


def errors(tmp_path: Path, content: bytes | str, name: str = "t.yaml") -> list[str]:
    """The error lines for a file with this content, with FILE shortened to 'F'."""
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(AgendaError) as info:
        load_agenda_file(path)
    lines = [str(p) for p in info.value.problems]
    assert str(info.value) == "\n".join(lines)
    return [line.replace(str(path), "F", 1) for line in lines]


def write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


# --- the bundled templates ---------------------------------------------------------


def test_all_bundled_templates_load() -> None:
    entries = discover_agendas(None)
    assert [e.slug for e in entries] == [
        "career-development",
        "monthly-results",
        "pipeline-review",
        "weekly",
    ]
    for e in entries:
        assert e.ok, e.first_error
        assert e.bundled and e.first_error is None
        assert e.agenda is not None and e.agenda.slug == e.slug
        assert 20 * 60 <= e.agenda.total_seconds <= 30 * 60
        assert e.agenda.require_commitments >= 1
        assert all(s.prompts for s in e.agenda.sections)
    assert any(s.on_timeout == "advance" for e in entries for s in e.agenda.sections)


def test_weekly_has_the_five_topics_in_20_minutes() -> None:
    weekly = load_agenda_file(bundled_agendas_dir() / "weekly.yaml")
    assert weekly.name == "Weekly one-on-one" and weekly.type == "weekly"
    assert weekly.slug == "weekly"
    assert weekly.total_seconds == 20 * 60
    assert [s.key for s in weekly.sections] == [
        "goal-status",
        "help",
        "behavior-plan",
        "coaching-plan",
        "upcoming-calls",
    ]
    assert weekly.sections[0].title == "Where are we in relation to goal?"
    assert weekly.sections[4].title == "What are the most important calls you have coming up?"
    assert all(2 <= len(s.prompts) <= 4 for s in weekly.sections)
    assert weekly.sections[0].metrics == ("revenue-closed", "pipeline-value")
    assert weekly.sections[2].metrics == (
        "dials",
        "conversations",
        "qualified-leads",
        "meetings-set",
        "proposals-sent",
    )
    assert weekly.require_commitments == 1


def test_monthly_results_ranks_last_month() -> None:
    monthly = load_agenda_file(bundled_agendas_dir() / "monthly-results.yaml")
    assert monthly.type == "monthly-results" and monthly.total_seconds == 20 * 60
    assert monthly.sections[0].ranking is True


# --- a good file ---------------------------------------------------------------------


def test_good_file_parses_with_defaults(tmp_path: Path) -> None:
    agenda = load_agenda_file(write(tmp_path, "quick.yml", GOOD))
    assert agenda == Agenda(
        "Quick check",
        "weekly",
        "",
        1,
        (Section("goal-status", "Where are we?", 2.5, ("What changed?",)),),
        slug="quick",
    )
    assert agenda.sections[0].seconds == 150 and agenda.total_seconds == 150
    assert agenda.sections[0].on_timeout == "warn" and not agenda.sections[0].ranking


def test_utf8_bom_and_str_input_are_fine() -> None:
    assert parse_agenda(b"\xef\xbb\xbf" + GOOD.encode(), "f").name == "Quick check"
    assert parse_agenda(GOOD, "f", slug="s").slug == "s"


def test_round_trip_through_json() -> None:
    for path in bundled_agendas_dir().glob("*.yaml"):
        if path.name == "metrics.yaml":  # metric definitions, not an agenda
            continue
        agenda = load_agenda_file(path)
        assert Agenda.from_dict(json.loads(json.dumps(agenda.to_dict()))) == agenda


# --- bad input: one test per kind, exact line:col and message ---------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert errors(tmp_path, "name: [a, b\nsections: 1\n") == [
        "F:2:9: error: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence)"
    ]
    assert errors(tmp_path, 'name: "x\n') == [
        "F:2:1: error: YAML syntax error: found unexpected end of stream "
        "(while scanning a quoted scalar)"
    ]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    assert errors(tmp_path, content) == [
        "F:1:1: error: the file is empty; an agenda is a mapping with name and sections"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "- name: x\n",
            "F:1:1: error: an agenda must be a mapping (name:, sections: ...), got a list",
        ),
        (
            "\nhello\n",
            "F:2:1: error: an agenda must be a mapping (name:, sections: ...), got 'hello'",
        ),
        ("42\n", "F:1:1: error: an agenda must be a mapping (name:, sections: ...), got 42"),
    ],
)
def test_document_not_a_mapping(tmp_path: Path, content: str, expected: str) -> None:
    assert errors(tmp_path, content) == [expected]


def test_several_documents(tmp_path: Path) -> None:
    assert errors(tmp_path, GOOD + "---\nname: other\n---\nname: third\n") == [
        "F:8:1: error: several YAML documents in one file; an agenda is one mapping "
        "(remove the extra '---')"
    ]


def test_non_utf8_bytes(tmp_path: Path) -> None:
    assert errors(tmp_path, b"name: ok\ntype: caf\xe9 week\n") == [
        "F:2:10: error: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]
    # columns count characters, not bytes, and ignore a BOM
    assert errors(tmp_path, b"\xef\xbb\xbfname: \xc3\xa9\xff") == [
        "F:1:8: error: not UTF-8 text (byte 0xff); save the file as UTF-8"
    ]


def test_control_character(tmp_path: Path) -> None:
    assert errors(tmp_path, "name: ok\ntype: a\x00b\n") == [
        "F:2:8: error: character U+0000 is not allowed in YAML"
    ]


def test_tab_indentation(tmp_path: Path) -> None:
    assert errors(tmp_path, "name: x\nsections:\n\t- key: a\n") == [
        "F:3:1: error: YAML syntax error: found character '\\t' that cannot start any token "
        "(indent with spaces, not tabs)"
    ]


def test_ten_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.write(b"name: x\nsections:\n" + b"  - " + b"a" * (10 * 1024 * 1024) + b"\n")
    size = path.stat().st_size
    start = time.monotonic()
    with pytest.raises(AgendaError) as info:
        load_agenda_file(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:1:1: error: file is {size} bytes; an agenda must be under 1 MB"
    ]
    with pytest.raises(AgendaError, match=f"file is {MAX_BYTES + 1} bytes"):
        parse_agenda(b" " * (MAX_BYTES + 1), "f")
    with pytest.raises(AgendaError, match=f"file is {MAX_BYTES + 1} bytes"):
        parse_agenda("#" * (MAX_BYTES + 1), "f")
    assert time.monotonic() - start < 1


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    start = time.monotonic()
    assert errors(tmp_path, BILLION_LAUGHS) == [
        "F:1:4: error: aliases and anchors are not allowed in agendas"
    ]
    assert time.monotonic() - start < 1


def test_any_alias_or_anchor_is_refused(tmp_path: Path) -> None:
    content = GOOD + "description: *nothing\n"
    assert errors(tmp_path, content) == [
        "F:8:14: error: aliases and anchors are not allowed in agendas"
    ]
    assert errors(tmp_path, GOOD.replace("title: Where", "title: &t Where")) == [
        "F:5:12: error: aliases and anchors are not allowed in agendas"
    ]


def test_deep_nesting_and_huge_trees_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert errors(tmp_path, "name: " + "[" * 100) == [
        "F:1:38: error: nested more than 32 levels deep"
    ]
    monkeypatch.setattr(limits, "MAX_NODES", 100)
    many = (
        "name: x\nsections:\n- key: a\n  title: b\n  minutes: 1\n  prompts: [" + "p, " * 200 + "]\n"
    )
    assert errors(tmp_path, many) == [
        "F:6:271: error: more than 100 YAML values; an agenda is far smaller"
    ]


def test_duplicate_keys(tmp_path: Path) -> None:
    content = """\
name: x
name: y
sections:
  - key: a
    title: b
    minutes: 1
    minutes: 2
"""
    assert errors(tmp_path, content) == [
        "F:2:1: error: duplicate key 'name'",
        "F:7:5: error: sections[0]: duplicate key 'minutes'",
    ]


def test_duplicate_section_keys(tmp_path: Path) -> None:
    content = "name: x\nsections:\n" + "".join(
        f"  - {{key: {k}, title: t, minutes: 4}}\n"
        for k in ("goal", "coaching", "help", "coaching")
    )
    assert errors(tmp_path, content) == [
        "F:6:11: error: sections[3].key 'coaching' is already used by sections[1]"
    ]


def test_non_string_keys(tmp_path: Path) -> None:
    content = "name: x\n42: y\nsections:\n  - {key: a, title: b, minutes: 1, [1]: 2}\n"
    assert errors(tmp_path, content) == [
        "F:2:1: error: keys must be strings, got 42",
        "F:4:36: error: sections[0]: keys must be strings, got a list",
    ]


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("name: Quick check", "name: 42", "F:1:7: error: name must be a non-empty string, got 42"),
        ("name: Quick check", "name: ''", "F:1:7: error: name must be a non-empty string, got ''"),
        (
            "name: Quick check",
            "name:",
            "F:1:6: error: name must be a non-empty string, got nothing",
        ),
        ("type: weekly", "type: [a]", "F:2:7: error: type must be a string, got a list"),
        (
            "type: weekly",
            "require_commitments: -1",
            "F:2:22: error: require_commitments must be a whole number >= 0, got -1",
        ),
        (
            "type: weekly",
            "require_commitments: 1.5",
            "F:2:22: error: require_commitments must be a whole number >= 0, got 1.5",
        ),
        (
            "type: weekly",
            "require_commitments: true",
            "F:2:22: error: require_commitments must be a whole number >= 0, got true",
        ),
        (
            "minutes: 2.5",
            "minutes: 4 min",
            "F:6:14: error: sections[0].minutes must be a number > 0, got '4 min'",
        ),
        (
            "minutes: 2.5",
            "minutes: true",
            "F:6:14: error: sections[0].minutes must be a number > 0, got true",
        ),
        (
            "minutes: 2.5",
            "minutes: 0",
            "F:6:14: error: sections[0].minutes must be a number > 0, got 0",
        ),
        (
            "minutes: 2.5",
            "minutes: .nan",
            "F:6:14: error: sections[0].minutes must be a number > 0, got nan",
        ),
        (
            "minutes: 2.5",
            "minutes: 500",
            "F:6:14: error: sections[0].minutes must be at most 120, got 500",
        ),
        (
            "minutes: 2.5",
            "minutes: 0.001",
            "F:6:14: error: sections[0].minutes must be at least one second, got 0.001",
        ),
        (
            '["What changed?"]',
            "[ok, '']",
            "F:7:19: error: sections[0].prompts[1] must be a non-empty string, got ''",
        ),
        (
            '["What changed?"]',
            "[ok, 3]",
            "F:7:19: error: sections[0].prompts[1] must be a non-empty string, got 3",
        ),
        (
            '["What changed?"]',
            "yes please",
            "F:7:14: error: sections[0].prompts must be a list of strings, got 'yes please'",
        ),
        (
            'prompts: ["What changed?"]',
            "on_timeout: skip",
            "F:7:17: error: sections[0].on_timeout must be 'warn' or 'advance', got 'skip'",
        ),
        (
            'prompts: ["What changed?"]',
            "ranking: 1",
            "F:7:14: error: sections[0].ranking must be true or false, got 1",
        ),
        (
            'prompts: ["What changed?"]',
            "metrics: 7",
            "F:7:14: error: sections[0].metrics must be a list of strings, got 7",
        ),
        (
            "key: goal-status",
            "key: Goal Status",
            "F:4:10: error: sections[0].key must use only a-z, 0-9 and '-', got 'Goal Status'",
        ),
        (
            "title: Where are we?",
            "title:",
            "F:5:11: error: sections[0].title must be a non-empty string, got nothing",
        ),
    ],
)
def test_wrong_types(tmp_path: Path, replace: str, by: str, expected: str) -> None:
    assert replace in GOOD
    assert errors(tmp_path, GOOD.replace(replace, by)) == [expected]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name: x\nsections: 5\n", "F:2:11: error: sections must be a list of sections, got 5"),
        ("name: x\nsections: []\n", "F:2:11: error: sections must have at least one section"),
        (
            "name: x\nsections:\n  - just text\n",
            "F:3:5: error: sections[0] must be a mapping with key, title and minutes, "
            "got 'just text'",
        ),
        (
            "name: x\n",
            "F:1:1: error: sections is required: a list of sections with key, title, minutes",
        ),
    ],
)
def test_bad_sections(tmp_path: Path, content: str, expected: str) -> None:
    assert errors(tmp_path, content) == [expected]


def test_missing_required_keys_point_at_the_mapping(tmp_path: Path) -> None:
    assert errors(tmp_path, "type: weekly\nsections:\n  - prompts: [a]\n") == [
        "F:1:1: error: name is required",
        "F:3:5: error: sections[0].key is required",
        "F:3:5: error: sections[0].title is required",
        "F:3:5: error: sections[0].minutes is required (a number > 0)",
    ]


def test_all_problems_of_a_file_are_reported_in_order(tmp_path: Path) -> None:
    content = """\
name: 42
require_commitments: -1
sections:
  - key: a
    title: T
    minuts: 4
  - key: b
    title: ''
    minutes: 4 min
    on_timeout: skip
  - key: a
    title: t
    minutes: 500
"""
    assert errors(tmp_path, content) == [
        "F:1:7: error: name must be a non-empty string, got 42",
        "F:2:22: error: require_commitments must be a whole number >= 0, got -1",
        "F:4:5: error: sections[0].minutes is required (a number > 0)",
        "F:6:5: error: sections[0]: unknown key 'minuts' (did you mean 'minutes'?)",
        "F:8:12: error: sections[1].title must be a non-empty string, got ''",
        "F:9:14: error: sections[1].minutes must be a number > 0, got '4 min'",
        "F:10:17: error: sections[1].on_timeout must be 'warn' or 'advance', got 'skip'",
        "F:11:10: error: sections[2].key 'a' is already used by sections[0]",
        "F:13:14: error: sections[2].minutes must be at most 120, got 500",
    ]


def test_unknown_keys_get_a_suggestion(tmp_path: Path) -> None:
    content = GOOD.replace("type:", "Name2: x\ntyp:").replace("prompts:", "foo: 1\n    prompts:")
    assert errors(tmp_path, content) == [
        "F:2:1: error: unknown key 'Name2' (did you mean 'name'?)",
        "F:3:1: error: unknown key 'typ' (did you mean 'type'?)",
        "F:8:5: error: sections[0]: unknown key 'foo' (allowed: key, title, minutes, prompts, "
        "on_timeout, metrics, ranking)",
    ]
    assert errors(tmp_path, GOOD + "zzz: 1\n") == [
        "F:8:1: error: unknown key 'zzz' (allowed: name, type, description, "
        "require_commitments, sections)"
    ]


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(AgendaError) as info:
        load_agenda_file(tmp_path / "missing.yaml")
    assert str(info.value) == (
        f"{tmp_path / 'missing.yaml'}:1:1: error: cannot read: No such file or directory"
    )


# --- discovery, seeding, lookup ---------------------------------------------------------


def test_discover_user_override_and_broken_files(tmp_path: Path) -> None:
    user = tmp_path / "agendas"
    write(user, "weekly.yaml", GOOD.replace("Quick check", "My weekly"))
    write(user, "broken.yaml", "name: [\n")
    write(user, "notes.txt", "ignored")
    (user / "folder.yaml").mkdir()
    entries = discover_agendas(user)
    assert [e.slug for e in entries] == [
        "broken",
        "career-development",
        "monthly-results",
        "pipeline-review",
        "weekly",
    ]
    weekly = find_agenda(entries, "weekly")
    assert weekly is not None and weekly.ok and not weekly.bundled
    assert weekly.agenda is not None and weekly.agenda.name == "My weekly"
    assert weekly.path == user / "weekly.yaml"
    broken = find_agenda(entries, "broken")
    assert broken is not None and not broken.ok and broken.agenda is None
    assert broken.first_error == (
        f"{user / 'broken.yaml'}:2:1: error: YAML syntax error: "
        "expected the node content, but found '<stream end>' "
        "(while parsing a flow node)"
    )


def test_discover_reports_names_used_twice(tmp_path: Path) -> None:
    user = tmp_path / "agendas"
    one = write(user, "one.yaml", GOOD)
    two = write(user, "two.yaml", "# copy\n" + GOOD)
    entries = {e.slug: e for e in discover_agendas(user)}
    assert [str(p) for p in entries["one"].problems] == [
        f"{one}:1:7: error: name 'Quick check' is also used by {two}"
    ]
    assert [str(p) for p in entries["two"].problems] == [
        f"{two}:2:7: error: name 'Quick check' is also used by {one}"
    ]
    assert not entries["one"].ok and not entries["two"].ok and entries["weekly"].ok


def test_discover_never_raises(tmp_path: Path) -> None:
    assert len(discover_agendas(tmp_path / "does-not-exist")) == 4
    user = tmp_path / "agendas"
    write(user, "bomb.yaml", BILLION_LAUGHS)
    (user / "bytes.yaml").write_bytes(b"\xff\xfe\x00")
    (user / "dangling.yaml").symlink_to(tmp_path / "nowhere")
    entries = {e.slug: e for e in discover_agendas(user)}
    assert not entries["bomb"].ok and not entries["bytes"].ok
    assert "dangling" not in entries


def test_seed_user_agendas(tmp_path: Path) -> None:
    user = tmp_path / "config" / "oneonone" / "agendas"
    assert seed_user_agendas(user) is True
    assert stat.S_IMODE(user.stat().st_mode) == 0o700
    assert sorted(p.name for p in user.iterdir()) == sorted(
        p.name for p in bundled_agendas_dir().glob("*.yaml")
    )
    (user / "weekly.yaml").write_text(GOOD, encoding="utf-8")
    assert seed_user_agendas(user) is False
    assert (user / "weekly.yaml").read_text(encoding="utf-8") == GOOD
    entries = discover_agendas(user)
    assert all(e.ok and not e.bundled for e in entries)


def test_find_agenda_by_slug_or_name() -> None:
    entries = discover_agendas(None)
    assert find_agenda(entries, "weekly") is find_agenda(entries, "weekly one-ON-one")
    assert find_agenda(entries, "monthly-results") is not None
    assert find_agenda(entries, "nope") is None


def test_problem_format() -> None:
    assert str(Problem("a.yaml", 3, 7, "oops")) == "a.yaml:3:7: error: oops"


# --- properties ------------------------------------------------------------------------


def check_never_crashes(data: bytes | str) -> None:
    try:
        agenda = parse_agenda(data, "fuzz.yaml")
    except AgendaError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert LINE_RE.fullmatch(str(problem)), str(problem)
    else:
        assert isinstance(agenda, Agenda) and agenda.sections
        assert Agenda.from_dict(json.loads(json.dumps(agenda.to_dict()))) == agenda


YAMLISH = st.lists(
    st.sampled_from(
        [
            *"abkmn: -\n\t[]{},'\"&*!#%@`|>?.0123456789",
            "name",
            "sections",
            "key",
            "minutes",
            "title",
            "\x00",
            "\xe9",
            "---",
        ]
    ),
    max_size=100,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), YAMLISH.map(str.encode), YAMLISH))
def test_random_bytes_never_crash(data: bytes | str) -> None:
    check_never_crashes(data)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 200),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(["warn", "advance", "a-key", "Title?"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=2),
        st.dictionaries(
            st.one_of(st.sampled_from(SECTION_KEYS), st.text(max_size=4)), inner, max_size=2
        ),
    ),
    max_leaves=4,
)
SECTION = st.dictionaries(
    st.sampled_from(SECTION_KEYS), st.one_of(SCALARS, st.lists(SCALARS, max_size=2)), max_size=7
)
MAPPINGS = st.dictionaries(
    st.one_of(st.sampled_from(TOP_KEYS), st.text(max_size=6)),
    st.one_of(VALUES, st.lists(SECTION, min_size=1, max_size=2)),
    max_size=5,
)
DUMP = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MAPPINGS)
def test_random_mappings_never_crash(mapping: dict) -> None:
    text = yaml.dump(mapping, Dumper=DUMP, allow_unicode=True)
    check_never_crashes(text.encode() if len(text) % 2 else text)
