"""Exports of one meeting: the Markdown a manager pastes into an email to the rep, and a
stable JSON document (schema ``oneonone.meeting/1``, documented in README)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from oneonone_tui.domain.timer import format_duration
from oneonone_tui.store.history import MeetingDetail

SCHEMA = "oneonone.meeting/1"
VERDICT_WORDS = {
    "done": "Done",
    "missed": "Missed",
    "dropped": "Dropped",
    "carried": "Carried forward",
}


def meeting_document(detail: MeetingDetail, *, include_private: bool = False) -> dict[str, Any]:
    """The JSON export. Private notes are left out unless ``include_private``."""
    s = detail.state
    targets = _targets(detail)
    private_keys = {key for key, note in s.notes.items() if note.private}
    sections = []
    for run in s.sections:
        note = s.notes.get(run.key)
        private = bool(note and note.private)
        sections.append(
            {
                "key": run.key,
                "title": run.title,
                "planned_seconds": run.planned_seconds + run.extra_seconds,
                "actual_seconds": round(run.actual_seconds, 1),
                "notes": (note.text if note else "") if include_private or not private else None,
                "private": private,
            }
        )
    return {
        "schema": SCHEMA,
        "meeting": {
            "id": s.id,
            "rep": s.rep_name,
            "agenda": s.agenda.slug,
            "agenda_name": s.agenda.name,
            "status": s.status,
            "started_at": s.started_at.isoformat(),
            "ended_at": s.ended_at.isoformat() if s.ended_at else None,
        },
        "sections": sections,
        "commitments": [
            {
                "id": c.id,
                "owner": c.owner,
                "text": c.text,
                "due": c.due.isoformat(),
                "status": c.status,
                "carry_count": c.carry_count,
            }
            for c in detail.commitments
        ],
        "review": [
            {
                "commitment_id": i.commitment.id,
                "owner": i.commitment.owner,
                "text": i.commitment.text,
                "verdict": i.verdict,
                "reason": i.reason,
                "old_due": i.old_due.isoformat() if i.old_due else None,
                "new_due": i.new_due.isoformat() if i.new_due else None,
            }
            for i in detail.review
        ],
        "confidence": detail.confidence,
        "numbers": [
            {
                "metric": n.metric,
                "period_start": n.period_start.isoformat(),
                "actual": n.actual,
                "target": targets.get(n.metric),
            }
            for n in detail.numbers
        ],
        "calls": [
            {
                "account": c.account,
                "day": c.day.isoformat(),
                "purpose": c.purpose,
                "joint": c.joint,
                "plan": {
                    "who": c.plan_who,
                    "why": c.plan_why,
                    "win": c.plan_win,
                    "next_step": c.plan_next_step,
                }
                if c.joint
                else None,
            }
            for c in detail.calls
        ],
        "coaching_changes": [
            {"kind": ch.kind, "text": ch.text, "action": ch.action, "value": ch.value}
            for ch in detail.coaching
        ],
        "corrections": [
            {
                "kind": c.kind,
                "target": c.target,
                "field": c.field,
                "old": c.old_value,
                "new": c.new_value,
                "at": c.corrected_at.isoformat(),
            }
            for c in detail.corrections
            # a private note's corrections carry its text: private too
            if include_private or not (c.kind == "note" and c.target in private_keys)
        ],
    }


def _targets(detail: MeetingDetail) -> dict[str, float]:
    """The rep's targets per metric (their own, else the default), for the exports."""
    from oneonone_tui.store.numbers import targets
    from oneonone_tui.templates.metrics import load_metrics

    return targets(detail.state.rep_id, load_metrics(None)[0]) if detail.numbers else {}


def to_json(detail: MeetingDetail, *, include_private: bool = False) -> str:
    return (
        json.dumps(
            meeting_document(detail, include_private=include_private), indent=2, ensure_ascii=False
        )
        + "\n"
    )


_INLINE = re.compile(r"([\\`*_\[\]<>{}|~!#&])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)]|#+)")


def md_text(text: str) -> str:
    """Typed text made safe to sit in a CommonMark paragraph or list item: special
    characters escaped, and nothing at a line start that could open a block."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = "".join(ch for ch in raw if ch == "\t" or (ord(ch) >= 32 and ord(ch) != 127))
        line = _INLINE.sub(r"\\\1", line.strip())
        line = _BLOCK_START.sub(
            lambda m: (
                m.group(1) + "\\" + m.group(2)
                if not m.group(2)[0].isdigit()
                else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1]
            ),
            line,
        )
        lines.append(line)
    return "\n".join(lines)


def to_markdown(detail: MeetingDetail, *, include_private: bool = False) -> str:
    doc = meeting_document(detail, include_private=include_private)
    s = detail.state
    out = [
        f"# One-on-one with {md_text(s.rep_name)}",
        "",
        f"{s.started_at:%A %d %B %Y} · {md_text(s.agenda.name)} · "
        f"{format_duration(sum(x['actual_seconds'] for x in doc['sections']))} of "
        f"{format_duration(sum(x['planned_seconds'] for x in doc['sections']))}",
        "",
    ]
    out += ["## Notes", ""]
    for section in doc["sections"]:
        out += [f"### {md_text(section['title'])}", ""]
        if section["notes"] is None:
            out += ["*Private notes, not shared.*", ""]
        elif section["notes"].strip():
            paragraphs = [p for p in re.split(r"\n\s*\n", section["notes"]) if p.strip()]
            for p in paragraphs:
                out += [md_text(p), ""]
        else:
            out += ["*No notes.*", ""]
    if doc["numbers"] or doc["confidence"] is not None:
        out += ["## Numbers", ""]
        for n in doc["numbers"]:
            target = f" (target {n['target']:g})" if n["target"] is not None else ""
            out.append(f"- {md_text(n['metric'])}, {n['period_start']}: {n['actual']:g}{target}")
        if doc["confidence"] is not None:
            out.append(f"- confidence: {doc['confidence']} of 5")
        out.append("")
    if doc["calls"]:
        out += ["## Upcoming calls", ""]
        for c in doc["calls"]:
            joint = " (joint call)" if c["joint"] else ""
            purpose = f": {md_text(c['purpose'])}" if c["purpose"] else ""
            out.append(f"- {md_text(c['account'])}, {c['day']}{joint}{purpose}")
        out.append("")
    if doc["coaching_changes"]:
        out += ["## Coaching plan", ""]
        for ch in doc["coaching_changes"]:
            value = f": {md_text(ch['value'])}" if ch["action"] == "status" else ""
            out.append(f"- {ch['action']} {ch['kind']} {md_text(ch['text'])}{value}")
        out.append("")
    out += ["## Commitments", ""]
    for owner, title in (("rep", md_text(s.rep_name)), ("manager", "Manager")):
        rows = [c for c in doc["commitments"] if c["owner"] == owner]
        out += [f"### {title}", ""]
        if rows:
            out += [f"- {md_text(c['text'])} (due {c['due']})" for c in rows] + [""]
        else:
            out += ["*None.*", ""]
    out += ["## Last meeting's commitments", ""]
    if doc["review"]:
        for r in doc["review"]:
            extra = f", now due {r['new_due']}" if r["verdict"] == "carried" else ""
            reason = f": {md_text(r['reason'])}" if r["reason"] else ""
            owner = md_text(s.rep_name) if r["owner"] == "rep" else "Manager"
            out.append(
                f"- **{VERDICT_WORDS[r['verdict']]}** ({owner}): "
                f"{md_text(r['text'])}{extra}{reason}"
            )
        out.append("")
    else:
        out += ["*Nothing was reviewed.*", ""]
    return "\n".join(out).rstrip() + "\n"


def export_to_file(
    meeting_id: int, directory: Path, *, fmt: str = "md", include_private: bool = False
) -> Path:
    """Write the export of one meeting under ``directory`` (0700) as a 0600 file."""
    from oneonone_tui.paths import ensure_private_dir, write_private
    from oneonone_tui.store.history import meeting_detail

    detail = meeting_detail(meeting_id)
    s = detail.state
    slug = re.sub(r"[^a-z0-9]+", "-", s.rep_name.lower()).strip("-") or "rep"
    ensure_private_dir(directory)
    path = directory / f"{slug}-{s.started_at:%Y-%m-%d}-{s.id}.{fmt}"
    render = to_json if fmt == "json" else to_markdown
    write_private(path, render(detail, include_private=include_private))
    return path
