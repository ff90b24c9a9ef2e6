"""iCalendar (RFC 5545) for one rep: the next one-on-one and the open commitments."""

from __future__ import annotations

import datetime as dt
import hashlib

from oneonone_tui.store.commitments import CommitmentRow


def _escape(text: str) -> str:
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return "\r\n ".join(out)


def _uid(*parts: object) -> str:
    digest = hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]
    return f"{digest}@oneonone"


def build_ics(
    rep_name: str, next_meeting: dt.date | None, commitments: list[CommitmentRow], now: dt.datetime
) -> str:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")  # RFC 5545: UTC
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//oneonone//one-on-ones//EN",
        "CALSCALE:GREGORIAN",
    ]
    if next_meeting is not None:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid('next', rep_name, next_meeting)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{next_meeting:%Y%m%d}",
            f"DTEND;VALUE=DATE:{next_meeting + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'One-on-one with {rep_name}')}",
            "END:VEVENT",
        ]
    for c in commitments:
        who = rep_name if c.owner == "rep" else "Manager"
        lines += [
            "BEGIN:VTODO",
            f"UID:{_uid('commitment', c.id, rep_name)}",
            f"DTSTAMP:{stamp}",
            f"DUE;VALUE=DATE:{c.due:%Y%m%d}",
            f"SUMMARY:{_escape(f'{who}: {c.text}')}",
            f"DESCRIPTION:{_escape(f'Committed in the one-on-one of {c.made_on}')}",
            "STATUS:NEEDS-ACTION",
            "END:VTODO",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
