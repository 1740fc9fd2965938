"""The report spec: the YAML an analyst writes once and re-runs every month.

Validated up front with pydantic so a typo is reported with its file and field before
any data is read or any document is half-built.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from reportgen.compose.la_benchmark_spec import LaBenchmarkSpec
from reportgen.errors import SpecError, read_text

#: PyYAML's libyaml (C) safe loader when built with it: same results, ~10x faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

#: Schedule 12A to the Local Government Act 1972, Part 1: descriptions of exempt
#: information, in plain English for the public agenda.
SCHEDULE_12A: dict[int, str] = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated "
    "consultations or negotiations, in connection with any labour relations matter "
    "arising between the authority and employees of, or office holders under, the authority.",
    5: "Information in respect of which a claim to legal professional privilege could be "
    "maintained in legal proceedings.",
    6: "Information which reveals that the authority proposes to give a notice under any "
    "enactment or to make an order or direction under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the "
    "prevention, investigation or prosecution of crime.",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Strict):
    name: str
    role: str = ""
    email: str | None = None
    phone: str | None = None


class SignOff(_Strict):
    """An approval recorded in the report: who signed off which implications and when."""

    id: str | None = None  # matches a template's required approvals, e.g. "finance"
    role: str
    name: str
    date: dt.date | None = None
    supplies: list[str] = Field(default_factory=list)  # section ids whose text they supplied


class Meeting(_Strict):
    committee: str
    date: dt.date
    time: str | None = None
    venue: str | None = None


class Exemption(_Strict):
    paragraph: int
    publish_after: str | None = None  # e.g. "when the contract is awarded" or a date

    @field_validator("paragraph")
    @classmethod
    def _known_paragraph(cls, value: int) -> int:
        if value not in SCHEDULE_12A:
            raise ValueError("must be a paragraph of Schedule 12A Part 1: 1 to 7")
        return value

    @property
    def description(self) -> str:
        return SCHEDULE_12A[self.paragraph]


class Appendix(_Strict):
    label: str
    title: str
    exempt: bool | Exemption = False  # exempt: true, or {paragraph: N}


class ChartItem(_Strict):
    type: Literal["trend", "benchmark", "scatter", "breakdown", "scorecard"]
    indicator: str | None = None
    indicators: list[str] = Field(default_factory=list)
    x: str | None = None  # scatter: x-axis measure
    y: str | None = None
    dimension: str | None = None  # breakdown: gender, ethnicity, age band...
    title: str | None = None
    caption: str | None = None


class TableItem(_Strict):
    type: Literal["scorecard", "benchmark"] = "scorecard"
    indicators: list[str] = Field(default_factory=list)
    caption: str | None = None


class ContentItem(_Strict):
    """One piece of a section: a snippet, inline text, a chart, a table or a subsection."""

    snippet: str | None = None
    text: str | None = None
    heading: str | None = None
    chart: ChartItem | None = None
    table: TableItem | None = None
    items: list[ContentItem] = Field(default_factory=list)
    page_break_before: bool = False

    @model_validator(mode="after")
    def _one_kind(self) -> ContentItem:
        kinds = [k for k in ("snippet", "text", "chart", "table") if getattr(self, k) is not None]
        if self.heading is None and len(kinds) != 1:
            raise ValueError(
                "each content item needs exactly one of snippet, text, chart or table "
                "(or a heading with items)"
            )
        return self


# -- Performance surgery (Derby's template) and its minutes and action log (Derby's) -------


class SurgeryOverview(_Strict):
    """The overview table of a performance improvement template: facts about the measure."""

    measure_type: str = "Local measure"
    reference: str
    definition: str | None = None  # default: the definition in indicators.yaml
    population: str
    plan_outcomes: list[str] = Field(default_factory=list)
    plan_indicators: list[str] = Field(default_factory=list)
    directorate: str
    portfolio: str
    scrutiny: str
    service_director: str
    accountable_officer: str


class RelatedMeasure(_Strict):
    indicator: str
    note: str = ""  # e.g. "also subject to review at this surgery"


class SurgeryAction(_Strict):
    """One row of the action plan; expected improvements add up to the resulting BRAG."""

    ref: str
    action: str
    cost: float | None = None  # pounds; none = to be confirmed
    cost_category: Literal["no cost", "low cost", "off the wall"]
    effect: str = ""
    improvement_pct: float = Field(default=0.0, ge=0, le=100)
    timeframe: Literal["short", "short/medium", "medium", "medium/long", "long"]
    by: str | None = None  # when the effect is felt, e.g. "August 2017"
    lead_officer: str = ""

    @field_validator("by", "ref", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value  # `by: 2018`, `ref: 1`


class Surgery(_Strict):
    measure: str  # indicator id or alias under review
    overview: SurgeryOverview
    previous_review: str | None = None  # when it was last at a surgery; none = never
    other_reasons: str | None = None
    related: list[RelatedMeasure] = Field(default_factory=list)
    breakdown_indicator: str | None = None  # default: the measure
    breakdowns: list[str] = Field(
        default_factory=lambda: ["gender", "ethnicity", "age_band", "time_in_care"]
    )
    compare_with: str | None = None  # graph four: the second indicator (x axis)
    partners: list[str] = Field(default_factory=list)
    actions: list[SurgeryAction] = Field(default_factory=list)


class Attendee(_Strict):
    name: str
    initials: str | None = None  # default: from the name, titles such as Councillor left out
    role: str = ""


class ActionEntry(_Strict):
    """One action on a surgery's action log (also the format of an action log file)."""

    id: str
    action: str
    owner: str  # initials of an attendee, or a name
    due: dt.date | None = None
    status: Literal["open", "in progress", "complete"] = "open"
    measure: str | None = None  # indicator id or alias the action is for
    update: str = ""  # progress reported at this meeting
    raised: dt.date | None = None  # meeting that agreed it; default: the log's meeting


class MinutesItem(_Strict):
    """One measure reviewed: headline figures come from the data, the rest is author text."""

    measure: str
    reference: str = ""
    title: str | None = None  # default: the indicator's title
    presenter: str = ""  # initials
    points: list[ContentItem] = Field(default_factory=list)  # after the computed headlines
    issues: list[ContentItem] = Field(default_factory=list)
    action_plan: list[ContentItem] = Field(default_factory=list)
    further_review: str | None = None


class Minutes(_Strict):
    end_time: str | None = None
    attendees: list[Attendee]
    apologies: list[Attendee] = Field(default_factory=list)
    items: list[MinutesItem]
    actions: list[ActionEntry] = Field(default_factory=list)
    previous_actions: str | None = None  # last meeting's action log or minutes spec
    next_meeting: dt.date | None = None


# -- Service performance report (a county's) and corporate parenting board scorecard -----


class ServiceReport(_Strict):
    """Who a service performance report is from, and which figures head each section."""

    report_of: str | None = None  # "the Head of Children's Social Care"; default: author
    cabinet_member: str | None = None  # "Cabinet Member for Children's Services: Cllr X"
    headlines: dict[str, list[str]] = Field(default_factory=dict)  # section id -> indicators
    regional: list[str] = Field(default_factory=list)  # compared across the region, in order


class BoardScorecard(_Strict):
    """A board scorecard: KPIs grouped by theme, each with a sparkline; demographics."""

    themes: dict[str, list[str]] = Field(default_factory=dict)  # theme -> indicators
    months: int = Field(default=13, ge=2, le=60)  # sparkline span, months to the period
    breakdown_indicator: str = "cla"
    breakdowns: list[str] = Field(default_factory=lambda: ["gender", "ethnicity", "age_band"])


class ReportSpec(_Strict):
    """Everything one report needs beyond the data: the YAML the analyst maintains."""

    template: str = "committee-report"
    title: str
    period: str
    area: str | None = None
    council: str = "Example Borough Council"
    report_type: str = "Council Report"
    data: str = "../data"
    narratives: str = "../narratives"
    output_name: str | None = None
    status: Literal["draft", "final"] = "draft"
    meeting: Meeting | None = None
    authors: list[Person] = Field(default_factory=list)
    accountable_officers: list[Person] = Field(default_factory=list)
    strategic_director: Person | None = None
    wards: list[str] = Field(default_factory=lambda: ["All"])
    key_decision: bool = False
    forward_plan: bool = False
    #: What the report asks for; a contract award needs procurement's sign-off (seed 002).
    decision_type: Literal["information", "decision", "contract award"] = "information"
    exempt: Exemption | None = None
    council_approval_required: bool = False
    other_committees: str = "No"
    summary: list[ContentItem] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    appendices: list[Appendix] = Field(default_factory=list)
    background_papers: list[str] = Field(default_factory=list)
    signoffs: list[SignOff] = Field(default_factory=list)
    aliases: dict[str, str] = Field(default_factory=dict)
    sections: dict[str, list[ContentItem]] = Field(default_factory=dict)
    extra: dict[str, Any] = Field(default_factory=dict)
    published_url: str | None = None
    surgery: Surgery | None = None  # template performance-surgery
    minutes: Minutes | None = None  # template surgery-minutes
    service: ServiceReport | None = None  # template service-performance
    scorecard: BoardScorecard | None = None  # template board-scorecard
    la_benchmark: LaBenchmarkSpec | None = None  # template la-benchmark
    pdf_engine: Literal["typst", "weasyprint"] | None = None  # None: theme or default

    @field_validator("period")
    @classmethod
    def _period_format(cls, value: str) -> str:
        value = str(value)
        if not PERIOD_RE.match(value):
            raise ValueError("period must be YYYY-MM, e.g. 2017-01")
        return value

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


ContentItem.model_rebuild()


def _yaml_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best-effort line number of the first key of a validation error location."""
    keys = [k for k in loc if isinstance(k, str)]
    if not keys:
        return None
    pattern = re.compile(rf"^\s*-?\s*{re.escape(keys[-1])}\s*:")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def read_yaml(path: Path) -> tuple[dict[str, Any], str]:
    """Read a YAML mapping, turning parse errors into a SpecError with the line."""
    text = read_text(path, SpecError, hint="check the path; specs are usually under reports/")
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SpecError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            file=path,
            line=mark.line + 1 if mark else None,
            hint="check indentation and quoting on that line",
        ) from None
    if not isinstance(data, dict):
        raise SpecError("expected a YAML mapping (key: value lines)", file=path)
    return data, text


def validation_error(path: Path, text: str, exc: ValidationError) -> SpecError:
    """The first pydantic error as a SpecError naming the field and its line."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "(top level)"
    hint = "remove or rename the field" if first["type"] == "extra_forbidden" else None
    return SpecError(
        f"{field}: {first['msg']}",
        file=path,
        line=_yaml_line(text, first["loc"]),
        hint=hint or "see the example specs under reports/",
    )


def load_spec(path: Path) -> ReportSpec:
    """Load and validate a report spec."""
    data, text = read_yaml(path)
    try:
        return ReportSpec.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, text, exc) from None
