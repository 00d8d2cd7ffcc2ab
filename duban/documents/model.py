"""Plain data produced by the readers: one document, its rows, and what was doubted."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue (makemessages knows the name); the core
    itself has no Django and speaks English."""
    return message


class Note(str):
    """A message of the reader for a person: the English sentence (it is a str, so the command
    line, the logs and the tests read it as before), with the template and values it was made
    from, so that the web pages can say it in the reader's language (duban.i18n.say)."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Note:
        note = super().__new__(cls, template.format(**values))
        note.template, note.values = template, values
        return note

    def __reduce__(self) -> tuple[Any, ...]:  # copies and pickles keep the template
        return (_note, (self.template, self.values))


def _note(template: str, values: dict[str, Any]) -> Note:
    return Note(template, **values)


class ParseError(Exception):
    """A file holds no table that duban can read. The message is one line, for a person (a
    Note where the reader made it)."""


@dataclass
class ParsedTask:
    category: str | None
    number: int
    content: str
    lead_units_raw: list[str]
    lead_units: list[str]
    completion: str
    source_line: int
    co_units_raw: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    # Filled by the quantities layer; empty until it has read the row.
    targets: list[dict[str, Any]] = field(default_factory=list)
    actuals: list[dict[str, Any]] = field(default_factory=list)
    adjusted_target: dict[str, Any] | None = None
    status: str | None = None
    status_evidence: str | None = None
    status_confidence: str | None = None
    flags: list[str] = field(default_factory=list)
    # Lists found in long reports: a heading line above the body ("一、农村公路建设" over
    # "目标任务：…"), the position in the list (numbering may restart in status groups), the
    # offset of the item in its line, and the status its group states ("7件已完成：").
    item_title: str | None = None
    seq: int | None = None
    char_start: int | None = None
    listed_status: str | None = None
    # The deadline as printed (完成时限 column, "完成时限：" line): "2024年6月底", "年底前".
    deadline: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        # An outcome-only item of a completion list prints no task text: null, not "".
        out["content"] = self.content or None
        return out


@dataclass
class ParsedDocument:
    title: str | None
    published: str | None
    year: int | None
    tasks: list[ParsedTask]
    warnings: list[str] = field(default_factory=list)
    caption: str | None = None
    government: str | None = None
    columns: list[str] = field(default_factory=list)
    format: str = "text"
    encoding: str = "utf-8"
    # Source lines of rows the reader could not read and left out (each also has a warning).
    # While there are any, an import removes no task the file no longer lists.
    skipped: list[int] = field(default_factory=list)
    # Set for lists found in a long report (see documents.lists).
    kind: str | None = None  # plan or completion
    title_line: int | None = None
    stated_count: int | None = None
    document_claim: str | None = None
    reasons: list[str] = field(default_factory=list)
    # Whether the list prints its items' numbers (①, 一是, 1.); clauses and sentences read
    # without ordinals are numbered 1..N by their place only.
    numbered: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "published": self.published,
            "year": self.year,
            "caption": self.caption,
            "government": self.government,
            "columns": list(self.columns),
            "format": self.format,
            "encoding": self.encoding,
            "tasks": [t.to_json() for t in self.tasks],
            "warnings": list(self.warnings),
            **(
                {
                    "kind": self.kind,
                    "title_line": self.title_line,
                    "stated_count": self.stated_count,
                    "document_claim": self.document_claim,
                    "numbered": self.numbered,
                    "reasons": list(self.reasons),
                }
                if self.kind
                else {}
            ),
        }
