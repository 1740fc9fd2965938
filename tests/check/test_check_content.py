"""Content checks: stale typed figures, placeholders, approvals and freshness, on specs,
snippets and composed documents made here (no indicator engine needed)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportgen import model as m
from reportgen.check import content
from reportgen.check.findings import Finding, errors
from reportgen.compose.context import ComposeContext
from reportgen.compose.spec import load_spec
from reportgen.compose.template import load_template
from reportgen.indicators.result import Comparator, IndicatorResult, IndicatorSet

SPEC: dict[str, Any] = {
    "title": "Children in Care Performance Report",
    "period": "2017-01",
    "data": "data",
    "narratives": "narratives",
    "summary": [{"snippet": "summary.md"}],
    "recommendations": ["The Panel is asked to note the report."],
    "sections": {"key_issues": [{"text": "There were 482 children in care."}]},
    "signoffs": [
        {"id": "finance", "role": "Finance", "name": "Mark Hughes", "date": "2017-02-20"},
        {"id": "legal", "role": "Solicitor", "name": "Priya Shah", "date": "2017-02-21"},
        {"id": "director", "role": "Director", "name": "Ian Thomas", "date": "2017-02-22"},
    ],
}
CLA = IndicatorResult(
    id="cla",
    title="Children in care",
    unit="rate",
    polarity="lower",
    period="2017-01",
    area="Council",
    value=61.23,
    count=482,
    previous=60.9,
    target=58.0,
    england=60.0,
    comparators=(Comparator("Neighbours", "neighbour", 71.84, "2015/16"),),
    series=(("2016-11", 59.7), ("2016-12", 60.9), ("2017-01", 61.23)),
    count_series=(("2016-11", 470.0), ("2016-12", 479.0), ("2017-01", 482.0)),
)

Context = Callable[..., ComposeContext]


@pytest.fixture
def context(tmp_path: Path) -> Context:
    """A ComposeContext for a spec (SPEC changed by keyword arguments) and snippets."""

    def make(snippets: dict[str, str] | None = None, **changes: Any) -> ComposeContext:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / "values.csv").write_text("period,value\n", encoding="utf-8")
        narratives = tmp_path / "narratives"
        narratives.mkdir(exist_ok=True)
        for name, text in {
            "summary.md": "This report sets out performance.\n",
            **(snippets or {}),
        }.items():
            (narratives / name).write_text(text, encoding="utf-8")
        spec_path = tmp_path / "report.yaml"
        spec_path.write_text(yaml.safe_dump({**SPEC, **changes}, sort_keys=False), encoding="utf-8")
        spec = load_spec(spec_path)
        template_dir, template = load_template(spec.template)
        return ComposeContext(
            spec=spec,
            spec_path=spec_path,
            template_dir=template_dir,
            template=template,
            narratives=narratives,
            results=IndicatorSet("2017-01", "Council", {"cla": CLA}),
        )

    return make


def where_and_token(found: list[Finding]) -> list[tuple[str, str]]:
    return [(f.where.rsplit("/", 1)[-1], f.message.split("'")[1]) for f in found]


# --------------------------------------------------------------- typed numbers


@pytest.mark.parametrize(
    "text",
    [
        "In 2016/17 and 2017 the council",
        "on 31 March 2017",
        "at 10.30 am",
        "see section 3 and paragraph 3.4.1",
        "per 10,000 children",
        "KS2 and 1st",
        "four-bed",
        "aged under 18",
        "aged 19, 20 and 21",
        "within 20 miles",
        "within 10 working days",
        "the age of 25",
        "3 of the 7 councils",
        "Lot 1 and table 12",
        "{{ cla.count | count }}",
        "Quartile 2",
        "at 2 pm",
        "10.30 a.m.",
    ],
)
def test_not_figures(text: str) -> None:
    assert list(content.typed_numbers(text)) == []


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("There were 482 children in care.", ["482"]),
        ("a rate of 61.2 per 10,000", ["61.2"]),
        ("1,234 referrals and £4,120 a week", ["1,234", "£4,120"]),
        ("up to 79.4% from 55.6%", ["79.4%", "55.6%"]),
        ("12 adoptions", ["12"]),
    ],
)
def test_figures(text: str, tokens: list[str]) -> None:
    assert [t for _, t in content.typed_numbers(text)] == tokens


def test_allow_number_opts_a_line_out_and_jinja_is_blanked() -> None:
    source = (
        "{# allow-number #} Bids were scored 87.4 and 81.2.\n"
        "{{ cla.count }} children, 480 last year\n"
    )
    assert list(content.typed_numbers(source)) == [(2, "480")]


# --------------------------------------------------------------- stale numbers


def test_typed_numbers_that_match_this_periods_figures_pass(context: Context) -> None:
    ctx = context(
        {
            "summary.md": "There were 482 children in care, a rate of 61.2 (61.23 to "
            "two places) against a target of 58.0 and 71.8 for our "
            "neighbours; last month it was 60.9.\n"
        }
    )
    assert content.stale_number_findings(ctx) == []


def test_last_months_figure_is_reported_as_stale(context: Context) -> None:
    ctx = context({"summary.md": "Intro.\n\nThere were 479 children in care.\n"})
    found = content.stale_number_findings(ctx)
    assert where_and_token(found) == [("summary.md, line 3", "479")]
    assert "is the figure for December 2016, not 2017-01" in found[0].message


def test_numbers_matching_nothing_are_errors_with_a_way_out(context: Context) -> None:
    snippet = "The weekly fee is £3,985.\n"
    found = content.stale_number_findings(context({"summary.md": snippet}))
    assert where_and_token(found) == [("summary.md, line 1", "£3,985")]
    assert "extra:" in found[0].message and "{# allow-number #}" in found[0].message
    declared = context({"summary.md": snippet}, extra={"lot1_fee": 3985})
    assert content.stale_number_findings(declared) == []


def test_inline_text_and_recommendations_in_the_spec_are_checked(context: Context) -> None:
    ctx = context(
        sections={"key_issues": [{"text": "There were 470 children in care."}]},
        recommendations=["The Panel is asked to note the 512 referrals."],
    )
    found = content.stale_number_findings(ctx)
    lines = ctx.spec_path.read_text(encoding="utf-8").splitlines()
    spots = [int(f.where.rsplit("line ", 1)[1]) for f in found]
    assert [lines[n - 1].strip()[:40] for n in spots] == [
        "- text: There were 470 children in care.",
        "- The Panel is asked to note the 512 ref",
    ]
    assert "figure for November 2016" in found[0].message
    assert "matches no figure computed for 2017-01" in found[1].message


# --------------------------------------------------------------- placeholders


def _document(*texts: str) -> m.Document:
    return m.Document(
        m.Metadata(title="Report"),
        (m.Section("Key Issues", tuple(m.Paragraph(m.inlines(t)) for t in texts), number="3"),),
    )


def test_clean_document_passes() -> None:
    assert content.placeholder_findings(_document("There were 482 children."), True) == []


@pytest.mark.parametrize(
    "text",
    [
        "There were {{ cla.count }} children.",
        "{% if x %}Rising{% endif %}",
        "The rate was nan per 10,000.",
    ],
)
def test_unresolved_placeholders_are_errors(text: str) -> None:
    found = content.placeholder_findings(_document(text), final=False)
    assert [(f.severity, f.code, f.where) for f in found] == [
        ("error", "placeholder", "section '3 Key Issues'")
    ]


@pytest.mark.parametrize("final", [False, True])
def test_drafting_marks_fail_only_final_reports(final: bool) -> None:
    found = content.placeholder_findings(_document("Budget: TBC.", "[insert chart]"), final)
    assert [f.code for f in found] == ["drafting-mark"] * 2
    assert {f.severity for f in found} == {"error" if final else "warning"}


# --------------------------------------------------------------- approvals


def test_final_report_needs_every_required_approval(context: Context) -> None:
    ctx = context(status="final", signoffs=SPEC["signoffs"][:1])
    found = content.approval_findings(ctx)
    assert [f.message.split("'")[1] for f in errors(found)] == ["legal", "director"]
    assert all("template committee-report" in f.message for f in found)
    assert found[0].where.endswith("report.yaml, signoffs")


def test_draft_reports_need_no_approvals(context: Context) -> None:
    assert content.approval_findings(context(signoffs=[])) == []


def test_undated_approval_warns(context: Context) -> None:
    signoffs = [*SPEC["signoffs"][:2], {"id": "director", "role": "Director", "name": "Ian Thomas"}]
    found = content.approval_findings(context(status="final", signoffs=signoffs))
    assert [(f.severity, f.code) for f in found] == [("warning", "approval-undated")]


# --------------------------------------------------------------- freshness


def _age(path: Path, seconds_ago: int) -> None:
    when = path.stat().st_mtime - seconds_ago
    os.utime(path, (when, when))


def test_output_older_than_its_data_is_an_error(context: Context, tmp_path: Path) -> None:
    ctx = context()
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF")
    assert content.freshness_findings(ctx, [out], "2017-01") == []
    _age(out, 3600)
    (tmp_path / "narratives" / "summary.md").touch()
    _age(tmp_path / "data" / "values.csv", 7200)
    found = content.freshness_findings(ctx, [out], "2017-01")
    assert [(f.severity, f.code) for f in found] == [("warning", "older-than-sources")]
    (tmp_path / "data" / "values.csv").touch()
    found = content.freshness_findings(ctx, [out], "2017-01")
    assert [(f.code, f.where) for f in errors(found)] == [("older-than-data", str(out))]
    assert "values.csv" in found[0].message


def test_a_report_for_an_earlier_month_warns(context: Context) -> None:
    found = content.freshness_findings(context(), [], "2017-03")
    assert [(f.severity, f.code) for f in found] == [("warning", "not-latest-period")]
    assert "data runs to 2017-03" in found[0].message


# --------------------------------------------------------------- images of text


def test_scorecard_drawn_as_a_chart_is_an_image_of_text(context: Context) -> None:
    chart = {"chart": {"type": "scorecard", "indicators": ["cla"]}}
    ctx = context(sections={"key_issues": [{"text": "Scorecard:"}, chart]})
    found = content.image_of_text_findings(ctx)
    assert [(f.severity, f.code) for f in found] == [("warning", "image-of-text")]
    line = int(found[0].where.rsplit("line ", 1)[1])
    assert "scorecard" in ctx.spec_path.read_text(encoding="utf-8").splitlines()[line - 1]
    table = {"table": {"type": "scorecard", "indicators": ["cla"]}}
    assert content.image_of_text_findings(context(sections={"key_issues": [table]})) == []
