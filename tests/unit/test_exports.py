"""Markdown, JSON and iCalendar exports, checked by parsing them with real parsers."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from oneonone_tui.services.export import SCHEMA, export_to_file, md_text, to_json, to_markdown
from oneonone_tui.services.ics import build_ics
from oneonone_tui.store.commitments import (
    CommitmentRow,
    add_commitment,
    mark_review,
    open_commitments,
    review_items,
)
from oneonone_tui.store.database import open_database
from oneonone_tui.store.history import correct_note, meeting_detail
from oneonone_tui.store.meetings import (
    complete_meeting,
    save_note,
    save_timing,
    set_phase,
    start_meeting,
)
from oneonone_tui.store.models import Commitment, Note, ReviewMark, SectionRun, db
from oneonone_tui.store.reps import find_rep
from oneonone_tui.templates.agendas import discover_agendas, find_agenda

from ..helpers import NOW, PRIVATE_MARKER, completed_meeting

WEEKLY = find_agenda(discover_agendas(None), "weekly").agenda
LAST_WEEK = NOW - dt.timedelta(days=7)
TRICKY_NOTE = (
    "# not a heading\n- not a list\n*stars*\n<b>html</b>\n1. one\n"
    "> not a quote\n```not code\n[not](a link)"
)
LONG_TEXT = (
    "Call Acme, Inc.; then Beta, LLC; send both the deck\n"
    "and the price list, with a back\\slash, " + "très important ✓ 🚀 " * 6
)
LONG_TEXT = (LONG_TEXT + "x" * 200)[:200]


def build_meeting() -> int:
    """A finished meeting with a review of last week's commitments, tricky notes, a
    private note, an empty section and new commitments for both owners."""
    completed_meeting(
        "Ann Archer",
        LAST_WEEK,
        [
            ("rep", "Send the proposal to Acme", dt.date(2026, 11, 20)),
            ("manager", "Get pricing approval", dt.date(2026, 11, 20)),
            ("rep", "Maybe attend the trade show", dt.date(2026, 11, 20)),
            ("rep", "Book the demo", dt.date(2026, 11, 20)),
        ],
    )
    ann = find_rep("Ann Archer")
    mid = start_meeting(ann.id, WEEKLY, NOW)
    items = {i.commitment.text: i.commitment.id for i in review_items(mid)}
    mark_review(mid, items["Send the proposal to Acme"], "done", NOW)
    mark_review(mid, items["Get pricing approval"], "carried", NOW, new_due=dt.date(2026, 11, 30))
    mark_review(mid, items["Maybe attend the trade show"], "dropped", NOW, reason="no budget")
    mark_review(mid, items["Book the demo"], "missed", NOW)
    set_phase(mid, "sections")
    save_note(mid, "goal-status", TRICKY_NOTE, False, NOW)
    save_note(mid, "help", "First paragraph.\n\nSecond paragraph.", False, NOW)
    # behavior-plan: no note at all
    save_note(mid, "coaching-plan", f"{PRIVATE_MARKER} thinking about a PIP", True, NOW)
    save_note(mid, "upcoming-calls", "Globex on Thursday", False, NOW)
    save_timing(
        mid,
        4,
        [(250.04, 0, True), (200, 60, True), (0, 0, False), (90.26, 0, True), (300, 0, True)],
    )
    add_commitment(mid, "rep", "Send the deck, v2 *final*", dt.date(2026, 11, 27), NOW)
    add_commitment(mid, "rep", "Call Globex", dt.date(2026, 11, 26), NOW)
    add_commitment(mid, "manager", "Intro to the VP", dt.date(2026, 12, 1), NOW)
    complete_meeting(mid, NOW + dt.timedelta(minutes=21))
    return mid


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def built(request, tmp_path_factory: pytest.TempPathFactory, pg_server):
    """The meeting, built once per module and backend (SQLite file, real PostgreSQL)."""
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("exports") / "team.db")
    else:
        if pg_server.url is None:
            pytest.skip(f"PostgreSQL could not be started: {pg_server.reason}")
        pg_server.reset()
        target = pg_server.url
    database = open_database(target)
    yield database, build_meeting()
    database.close()


@pytest.fixture
def meeting(built) -> int:
    """The meeting's id, its database bound; what a test changes is rolled back after it."""
    database, mid = built
    db.initialize(database)
    with database.atomic() as txn:
        yield mid
        txn.rollback()


# --- Markdown -------------------------------------------------------------------------


def inline_text(token) -> str:
    """The text an inline token shows (escapes resolved, soft breaks as newlines)."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) per block: ('h1', ...), ('p', ...), ('li', ...)."""
    tokens = MarkdownIt("commonmark").parse(text)
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            out.append((t.tag, inline_text(tokens[i + 1])))
        elif t.type == "paragraph_open" and not t.hidden:
            out.append(("p", inline_text(tokens[i + 1])))
        elif t.type == "paragraph_open":  # tight list item
            out.append(("li", inline_text(tokens[i + 1])))
    return out


def section(doc: list[tuple[str, str]], start: tuple[str, str], level: str = "h2"):
    """The blocks after the heading ``start`` up to the next heading of ``level``."""
    i = doc.index(start)
    rest = doc[i + 1 :]
    end = next(
        (n for n, (kind, _) in enumerate(rest) if kind <= level and kind[0] == "h"), len(rest)
    )
    return rest[:end]


def test_markdown_structure(meeting):
    text = to_markdown(meeting_detail(meeting))
    doc = blocks(text)
    headings = [(k, v) for k, v in doc if k[0] == "h"]
    assert [v for k, v in headings if k == "h1"] == ["One-on-one with Ann Archer"]
    assert [v for k, v in headings if k == "h2"] == [
        "Notes",
        "Commitments",
        "Last meeting's commitments",
    ]
    notes = section(doc, ("h2", "Notes"))
    assert [v for k, v in notes if k == "h3"] == [s.title for s in WEEKLY.sections]
    commitments = section(doc, ("h2", "Commitments"))
    assert [v for k, v in commitments if k == "h3"] == ["Ann Archer", "Manager"]
    assert section(commitments, ("h3", "Ann Archer"), "h3") == [
        ("li", "Send the deck, v2 *final* (due 2026-11-27)"),
        ("li", "Call Globex (due 2026-11-26)"),
    ]
    assert section(commitments, ("h3", "Manager"), "h3") == [
        ("li", "Intro to the VP (due 2026-12-01)")
    ]
    review = section(doc, ("h2", "Last meeting's commitments"))
    assert [v for k, v in review if k == "li"] == [
        "Done (Ann Archer): Send the proposal to Acme",
        "Carried forward (Manager): Get pricing approval, now due 2026-11-30",
        "Dropped (Ann Archer): Maybe attend the trade show: no budget",
        "Missed (Ann Archer): Book the demo",
    ]
    # the header line: date, agenda, time taken of time planned
    assert doc[1][0] == "p" and "Monday 23 November 2026" in doc[1][1]
    assert WEEKLY.name in doc[1][1]


def test_markdown_notes_per_section(meeting):
    doc = blocks(to_markdown(meeting_detail(meeting)))
    by_title = {s.title: section(doc, ("h3", s.title), "h3") for s in WEEKLY.sections}
    titles = [s.title for s in WEEKLY.sections]
    assert by_title[titles[0]] == [("p", TRICKY_NOTE)]
    assert by_title[titles[1]] == [("p", "First paragraph."), ("p", "Second paragraph.")]
    assert by_title[titles[2]] == [("p", "No notes.")]
    assert by_title[titles[3]] == [("p", "Private notes, not shared.")]
    assert by_title[titles[4]] == [("p", "Globex on Thursday")]


def test_markdown_looking_notes_stay_text(meeting):
    text = to_markdown(meeting_detail(meeting))
    tokens = MarkdownIt("commonmark").parse(text)
    kinds = {t.type for t in tokens}
    assert not kinds & {
        "html_block",
        "ordered_list_open",
        "blockquote_open",
        "fence",
        "code_block",
        "hr",
    }
    assert sum(t.type == "heading_open" for t in tokens) == 1 + 3 + 5 + 2
    assert sum(t.type == "bullet_list_open" for t in tokens) == 3  # rep, manager, review
    for t in tokens:
        for child in t.children or []:
            assert child.type not in ("html_inline", "link_open", "image"), child
    html = MarkdownIt("commonmark").render(text)
    assert "<b>" not in html and "&lt;b&gt;html&lt;/b&gt;" in html
    # the only emphasis is the one the export writes itself
    ems = [
        inline_text(t)
        for t in tokens
        if t.type == "inline" and any(c.type == "em_open" for c in t.children or [])
    ]
    assert ems == ["No notes.", "Private notes, not shared."]


def test_private_notes_left_out_unless_asked(meeting):
    detail = meeting_detail(meeting)
    md = to_markdown(detail)
    js = to_json(detail)
    assert PRIVATE_MARKER not in md and "PIP" not in md
    assert PRIVATE_MARKER not in js and "PIP" not in js
    coaching = next(s for s in json.loads(js)["sections"] if s["key"] == "coaching-plan")
    assert coaching["notes"] is None and coaching["private"] is True
    md_all = to_markdown(detail, include_private=True)
    js_all = to_json(detail, include_private=True)
    assert f"{PRIVATE_MARKER} thinking about a PIP" in md_all
    assert "Private notes, not shared." not in md_all
    coaching = next(s for s in json.loads(js_all)["sections"] if s["key"] == "coaching-plan")
    assert coaching["notes"] == f"{PRIVATE_MARKER} thinking about a PIP"
    assert coaching["private"] is True


def test_markdown_keeps_typed_entities_literal():
    text = "AT&amp;T &copy; R&D"
    tokens = MarkdownIt("commonmark").parse(md_text(text))
    assert inline_text(tokens[1]) == text


def test_corrected_private_note_stays_out_of_the_json(meeting):
    correct_note(
        meeting, "coaching-plan", f"{PRIVATE_MARKER} PIP in January", NOW + dt.timedelta(days=1)
    )
    js = to_json(meeting_detail(meeting))
    assert PRIVATE_MARKER not in js


def test_export_to_file_is_private(meeting, tmp_path):
    out = tmp_path / "exports"
    path = export_to_file(meeting, out, fmt="json")
    assert path.parent == out and path.name == f"ann-archer-2026-11-23-{meeting}.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert out.stat().st_mode & 0o777 == 0o700
    assert json.loads(path.read_text())["schema"] == SCHEMA
    md = export_to_file(meeting, out)
    assert md.suffix == ".md" and PRIVATE_MARKER not in md.read_text()


# --- JSON -----------------------------------------------------------------------------


def subset(got: dict, expected: dict) -> bool:
    """``got`` has every field of ``expected`` with its value (it may have more)."""
    assert {k: got.get(k) for k in expected} == expected
    return True


def test_json_round_trips_against_the_database(meeting):
    correct_note(meeting, "upcoming-calls", "Globex on Friday", NOW + dt.timedelta(days=1))
    doc = json.loads(to_json(meeting_detail(meeting)))
    assert doc["schema"] == SCHEMA == "oneonone.meeting/1"
    # fields are only ever added to the schema: compare the ones this version defines
    assert subset(
        doc["meeting"],
        {
            "id": meeting,
            "rep": "Ann Archer",
            "agenda": "weekly",
            "agenda_name": WEEKLY.name,
            "status": "completed",
            "started_at": "2026-11-23T09:00:00",
            "ended_at": "2026-11-23T09:21:00",
        },
    )

    runs = list(
        SectionRun.select().where(SectionRun.meeting == meeting).order_by(SectionRun.position)
    )
    notes = {n.section_key: n for n in Note.select().where(Note.meeting == meeting)}
    assert [s["key"] for s in doc["sections"]] == [r.key for r in runs]
    for s, run in zip(doc["sections"], runs, strict=True):
        assert s["title"] == run.title
        assert s["actual_seconds"] == round(run.actual_seconds, 1)
        assert s["planned_seconds"] == run.planned_seconds + run.extra_seconds
        note = notes.get(run.key)
        assert s["private"] == bool(note and note.private)
        assert s["notes"] == (None if s["private"] else (note.text if note else ""))
    assert [s["actual_seconds"] for s in doc["sections"]] == [250.0, 200.0, 0.0, 90.3, 300.0]
    assert doc["sections"][1]["planned_seconds"] == 240 + 60
    assert doc["sections"][0]["notes"] == TRICKY_NOTE
    assert doc["sections"][4]["notes"] == "Globex on Friday"

    made = list(
        Commitment.select()
        .where(Commitment.meeting == meeting)
        .order_by(Commitment.created_at, Commitment.id)
    )
    assert [
        subset(
            got,
            {
                "id": c.id,
                "owner": c.owner,
                "text": c.text,
                "due": c.due.isoformat(),
                "status": c.status,
                "carry_count": c.carry_count,
            },
        )
        for got, c in zip(doc["commitments"], made, strict=True)
    ]
    assert [c["text"] for c in doc["commitments"]] == [
        "Send the deck, v2 *final*",
        "Call Globex",
        "Intro to the VP",
    ]

    marks = list(
        ReviewMark.select().where(ReviewMark.meeting == meeting).order_by(ReviewMark.commitment)
    )
    got = sorted(doc["review"], key=lambda r: r["commitment_id"])
    assert [
        subset(
            r,
            {
                "commitment_id": m.commitment.id,
                "owner": m.commitment.owner,
                "text": m.commitment.text,
                "verdict": m.verdict,
                "reason": m.reason,
                "old_due": m.old_due.isoformat(),
                "new_due": m.new_due.isoformat() if m.new_due else None,
            },
        )
        for r, m in zip(got, marks, strict=True)
    ]
    assert [(r["verdict"], r["new_due"]) for r in doc["review"]] == [
        ("done", None),
        ("carried", "2026-11-30"),
        ("dropped", None),
        ("missed", None),
    ]
    assert doc["review"][2]["reason"] == "no budget"

    [correction] = doc["corrections"]
    assert subset(
        correction,
        {
            "kind": "note",
            "target": "upcoming-calls",
            "field": "text",
            "old": "Globex on Thursday",
            "new": "Globex on Friday",
            "at": "2026-11-24T09:00:00",
        },
    )


def test_json_of_the_same_meeting_is_stable(meeting):
    detail = meeting_detail(meeting)
    assert to_json(detail) == to_json(meeting_detail(meeting))
    assert to_json(detail).endswith("}\n")


# --- iCalendar ------------------------------------------------------------------------


def components(text: str, name: str) -> list:
    return [c for c in Calendar.from_ical(text).walk() if c.name == name]


def test_ics_next_meeting_and_open_commitments(meeting):
    ann = find_rep("Ann Archer")
    add_commitment(meeting, "rep", LONG_TEXT, dt.date(2026, 12, 4), NOW)
    open_ = open_commitments(ann.id)
    # Made this time (3 + the long one) and the one carried from last time
    assert len(open_) == 5
    text = build_ics("Ann Archer", dt.date(2026, 11, 30), open_, NOW)

    [event] = components(text, "VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.date(2026, 11, 30) and not isinstance(start, dt.datetime)
    assert event.decoded("DTEND") == dt.date(2026, 12, 1)
    assert str(event["SUMMARY"]) == "One-on-one with Ann Archer"

    todos = components(text, "VTODO")
    assert len(todos) == len(open_)
    assert len({str(t["UID"]) for t in todos}) == len(todos)
    got = {str(t["SUMMARY"]): t.decoded("DUE") for t in todos}
    expected = {
        f"{'Ann Archer' if c.owner == 'rep' else 'Manager'}: {c.text}": c.due for c in open_
    }
    assert got == expected
    assert got[f"Ann Archer: {LONG_TEXT}"] == dt.date(2026, 12, 4)
    assert got["Manager: Get pricing approval"] == dt.date(2026, 11, 30)  # carried
    assert all(str(t["STATUS"]) == "NEEDS-ACTION" for t in todos)


def test_ics_escaping_and_folding(meeting):
    c = add_commitment(meeting, "manager", LONG_TEXT, dt.date(2026, 12, 4), NOW)
    assert len(LONG_TEXT) == 200 and "\n" in LONG_TEXT and ";" in LONG_TEXT
    text = build_ics("Ann Archer", None, [c], NOW)
    assert components(text, "VEVENT") == []
    [todo] = components(text, "VTODO")
    assert str(todo["SUMMARY"]) == f"Manager: {LONG_TEXT}"
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert any(line.startswith(" ") for line in physical)  # folded
    raw = "".join(line[1:] if line.startswith(" ") else "\n" + line for line in physical)
    summary = next(line for line in raw.split("\n") if line.startswith("SUMMARY:"))
    assert "Acme\\, Inc.\\; then" in summary and "\\n" in summary and "\\\\slash" in summary


def test_ics_drops_control_characters():
    row = CommitmentRow(
        7,
        "rep",
        "Ring\x07 the\x1b bell\x00",
        dt.date(2026, 12, 4),
        "open",
        0,
        dt.date(2026, 11, 23),
        1,
    )
    text = build_ics("Ann Archer", None, [row], NOW)
    assert "\x07" not in text and "\x1b" not in text and "\x00" not in text
    [todo] = components(text, "VTODO")
    assert str(todo["SUMMARY"]) == "Ann Archer: Ring the bell"
    assert todo.decoded("DUE") == dt.date(2026, 12, 4)
    assert "2026-11-23" in str(todo["DESCRIPTION"])
