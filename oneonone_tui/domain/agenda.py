"""What an agenda is, without the YAML that templates are written in.

The query layer and the CLI reports read agendas frozen with each meeting (JSON): they
import this module, not :mod:`oneonone_tui.templates.agendas`, and so never load PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: error: {self.message}"


class AgendaError(Exception):
    """One or more problems with a template; ``str()`` gives one error line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def to_json(self) -> dict[str, Any]:
        """The problems as JSON (what the template cache keeps for a broken file)."""
        return {"problems": [[p.file, p.line, p.col, p.message] for p in self.problems]}

    @staticmethod
    def problems_from_json(result: dict[str, Any]) -> list[Problem]:
        return [Problem(*p) for p in result["problems"]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    minutes: float
    prompts: tuple[str, ...] = ()
    on_timeout: str = "warn"
    metrics: tuple[str, ...] = ()
    ranking: bool = False

    @property
    def seconds(self) -> int:
        return round(self.minutes * 60)


@dataclass(frozen=True)
class Agenda:
    name: str
    type: str
    description: str
    require_commitments: int
    sections: tuple[Section, ...]
    slug: str = ""

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.sections)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy (frozen with each meeting)."""
        return {
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "require_commitments": self.require_commitments,
            "slug": self.slug,
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "minutes": s.minutes,
                    "prompts": list(s.prompts),
                    "on_timeout": s.on_timeout,
                    "metrics": list(s.metrics),
                    "ranking": s.ranking,
                }
                for s in self.sections
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Agenda:
        return cls(
            name=d["name"],
            type=d.get("type", ""),
            description=d.get("description", ""),
            require_commitments=int(d.get("require_commitments", 1)),
            slug=d.get("slug", ""),
            sections=tuple(
                Section(
                    s["key"],
                    s["title"],
                    s["minutes"],
                    tuple(s.get("prompts", ())),
                    s.get("on_timeout", "warn"),
                    tuple(s.get("metrics", ())),
                    bool(s.get("ranking", False)),
                )
                for s in d["sections"]
            ),
        )
