"""The meeting spec: the YAML democratic services write for one meeting's agenda pack.

Validated up front (pydantic, like the report spec) so a typo or a missing file is
reported with the item that names it before any report is composed or laid out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from reportgen.compose.spec import Exemption, Person, read_yaml, validation_error
from reportgen.errors import SpecError

ItemKind = Literal["report", "file", "text"]
Status = Literal["draft", "final"]
FILE_SUFFIXES = (".pdf", ".docx")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgendaItem(_Strict):
    """One agenda item: a reportgen report spec, an existing PDF/DOCX, or text only.

    ``title`` defaults to the report spec's title. For an exempt item the public pack
    never shows ``title``: it shows ``public_title`` if given, else a generic one.
    ``text`` is printed under the item in the agenda (blank lines split paragraphs).
    """

    title: str | None = None
    public_title: str | None = None
    report: str | None = None
    file: str | None = None
    text: str | None = None
    exempt: Exemption | None = None
    urgency_reason: str | None = None
    #: A report whose own spec says ``status: draft`` may go into a public pack
    #: (otherwise refused: publishing it would publish a draft).
    allow_draft: bool = False

    @model_validator(mode="after")
    def _one_source(self) -> AgendaItem:
        if self.report and self.file:
            raise ValueError("an item is either a report or a file, not both")
        if not (self.report or self.title):
            raise ValueError("an item needs a title (or a report spec to take it from)")
        if self.exempt and self.kind == "text":
            raise ValueError("only a report or a file can be exempt")
        return self

    @field_validator("file")
    @classmethod
    def _file_type(cls, value: str | None) -> str | None:
        if value is not None and Path(value).suffix.lower() not in FILE_SUFFIXES:
            raise ValueError("a file item must be a .pdf or .docx file")
        return value

    @property
    def kind(self) -> ItemKind:
        return "report" if self.report else "file" if self.file else "text"


class Supplement(_Strict):
    """Late items (urgency, s100B(4)(b) LGA 1972): a second pack, numbering continued."""

    published: dt.date | None = None
    items: list[AgendaItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _urgent(self) -> Supplement:
        for number, item in enumerate(self.items, start=1):
            if not (item.urgency_reason or "").strip():
                raise ValueError(
                    f"supplement item {number} ({item.title or item.report}) "
                    "needs an urgency_reason (why it cannot wait)"
                )
        return self


class MeetingSpec(_Strict):
    """A meeting: who, when, where, and the ordered agenda."""

    council: str | None = None  # default: the theme's council name
    committee: str
    date: dt.date
    time: str | None = None
    venue: str | None = None
    template: str = "committee-report"
    #: final: the pack as published; every report is laid out as final, whatever its
    #: own spec says (putting it on a published agenda is its publication). draft: a
    #: pack for checking, watermarked throughout.
    status: Status = "final"
    allow_draft: bool = False  # every item may be a draft report (see AgendaItem)
    members: list[Person | str] = Field(default_factory=list)
    contact: Person | None = None
    published: dt.date | None = None
    output_name: str | None = None
    items: list[AgendaItem] = Field(min_length=1)
    supplement: Supplement | None = None
    pdf_engine: Literal["typst", "weasyprint"] | None = None  # None: theme or default

    def member_lines(self) -> list[str]:
        return [
            m if isinstance(m, str) else f"{m.name} ({m.role})" if m.role else m.name
            for m in self.members
        ]


def load_meeting(path: Path) -> MeetingSpec:
    """Load and validate a meeting spec, then check every item's file exists."""
    path = Path(path).resolve()
    if not path.is_file():
        raise SpecError(
            "meeting spec not found", file=path, hint="meeting specs are usually under meetings/"
        )
    data, text = read_yaml(path)
    try:
        spec = MeetingSpec.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, text, exc) from None
    for number, item in numbered_items(spec):
        _check_source(path, number, item)
    return spec


def numbered_items(spec: MeetingSpec) -> list[tuple[int, AgendaItem]]:
    """Every item with its agenda number; a supplement continues the numbering."""
    late = spec.supplement.items if spec.supplement else []
    return list(enumerate([*spec.items, *late], start=1))


def item_path(spec_path: Path, item: AgendaItem) -> Path | None:
    """The report spec or file an item points at, relative to the meeting spec."""
    source = item.report or item.file
    return (Path(spec_path).resolve().parent / source).resolve() if source else None


def item_label(number: int, item: AgendaItem) -> str:
    return f"agenda item {number} ({item.title or item.report or item.file})"


def _check_source(spec_path: Path, number: int, item: AgendaItem) -> None:
    source = item_path(spec_path, item)
    if source is not None and not source.is_file():
        field = "report" if item.report else "file"
        raise SpecError(
            f"{item_label(number, item)}: {field} not found: {source}",
            file=spec_path,
            column=field,
            hint="check the path; it is relative to the meeting spec",
        )
