"""The la-benchmark report built from the DfE's published files: the figures a reader
finds in the PDF and the Word document are the published ones.

One document pair (Hartlepool, 2025) is built per session; other authorities are checked
on the composed document model, which is what both renderers print. Expected figures
were looked up by hand in data-ees/*.csv.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docfiles import WP, docx_body, flat, pdf_text
from example_builds import ExampleBuilds
from typer.testing import CliRunner

from reportgen import api
from reportgen.batch.runner import plan_areas
from reportgen.cli import app
from reportgen.model.serialize import to_json

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "la-benchmark.yaml"
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


@pytest.fixture(scope="module")
def hartlepool(example_build: ExampleBuilds) -> tuple[str, str, list[str]]:
    """(PDF text, DOCX text, DOCX picture alt texts) of the report built for E06000001,
    chosen by code (the session's one build, shared with test_la_benchmark_oracles)."""
    result = example_build(SPEC, api.Overrides(area="E06000001"))
    body = docx_body(result.outputs["docx"])
    docx = flat(" ".join(t.text or "" for t in body.iter() if t.tag.endswith("}t")))
    alts = [str(d.get("descr")) for d in body.iter(f"{WP}docPr")]
    return flat(pdf_text(result.outputs["pdf"])), docx, alts


def model_text(area: str, period: str = "2025-03") -> str:
    """Every string of the composed document, without charts (the Hartlepool build has
    them): the model is what both renderers print."""
    ctx = api.prepare(SPEC, api.Overrides(area=area, period=period))
    with_charts = ctx.spec.model_copy(
        update={"la_benchmark": ctx.spec.la_benchmark.model_copy(update={"charts": []})}
    )
    ctx = type(ctx)(**{**vars(ctx), "spec": with_charts})
    return flat(re.sub(r"\\u2013", "\u2013", to_json(api.compose_for(ctx, ("pdf",)))))


@pytest.mark.parametrize("which", [0, 1], ids=["pdf", "docx"])
def test_hartlepool_2025_published_figures(
    hartlepool: tuple[str, str, list[str]], which: int
) -> None:
    text = hartlepool[which]
    assert "Children's services benchmarking: Hartlepool" in text
    assert (
        "Hartlepool's figure for children looked after was 157 per 10,000 children (332)"
    ) in text
    assert "England (67)" in text and "81,770" in text
    assert "Hartlepool's figure for re-referrals within 12 months was 26.5% (536)" in text
    assert "England (22.6%)" in text  # c1 file, National, 2025
    assert "the North East region (20.7%)" in text
    assert OGL in text
    assert "cla_number_and_rate_per_10k_children.csv" in text


def test_hartlepool_charts_have_alt_text(hartlepool: tuple[str, str, list[str]]) -> None:
    comparator, trend = hartlepool[2]
    assert comparator.startswith(
        "Bar chart comparing children looked after (per 10,000) "
        "across 11 authorities with North East and England for "
        "reference"
    )
    # the rate is spoken with its unit (a whole-number rate, not a count)
    assert "Hartlepool (highlighted) is 157 per 10,000" in comparator
    assert "England: 67 per 10,000." in comparator
    assert trend.startswith(
        "Line chart of children looked after (per 10,000) "
        "from 2021 to 2025. The latest value is 157 per 10,000 in 2025."
    )


def test_hartlepool_ranks_and_suppressed_cells(hartlepool: tuple[str, str, list[str]]) -> None:
    pdf = hartlepool[0]
    # re-referrals: 26.5% is 141st lowest of the 153 authorities with a figure
    assert "ranked 141st of 153 authorities (quartile 4, the worst quarter)" in pdf
    # plans lasting 2 years or more: Hartlepool's figure is suppressed in the file
    assert "plans lasting 2 years or more in 2025 is not published (c: confidential" in pdf
    assert "c confidential (suppressed to protect confidentiality)" in pdf


def test_successor_authority_from_its_first_year() -> None:
    text = model_text("Cumberland")
    assert "Cumberland was created on 1 April 2023, replacing Cumbria" in text
    assert "157" not in text.split("Children looked after")[0]  # not Hartlepool's
    assert "was 87 per 10,000 children (458), down from 93 in 2024" in text
    assert "re-referrals within 12 months was 22.7% (764), up from 10.7% in 2024" in text


def test_suppressed_headline_still_reports() -> None:
    text = model_text("City of London")
    assert (
        "City of London's figure for children looked after in 2025 is not published "
        "(c: confidential"
    ) in text
    assert "England's figure was 67 per 10,000 children" in text


def test_other_authorities_other_figures() -> None:
    kent = model_text("kent")
    assert "Kent's figure for children looked after was 53 per 10,000 children (1,896)" in kent
    assert "re-referrals within 12 months was 21.6% (5,194)" in kent
    # d5 file: one of Kent's ten neighbours has its figure suppressed (c)
    assert "plans lasting 2 years or more was 2.7% (31), up from 1.9% in 2024" in kent
    assert "statistical neighbours (3.3%; 9 of 10 neighbours with a figure)" in kent
    nn = model_text("E06000061")
    assert "North Northamptonshire's figure for children looked after was 68" in nn
    assert "(568)" in nn
    # the workforce file publishes the two Northamptonshires together (turnover 10.4%)
    assert (
        "It is published jointly for North Northamptonshire / West Northamptonshire: "
        "10.4% (not ranked)"
    ) in nn


def test_defunct_authority_after_its_last_year_is_a_clear_error() -> None:
    result = CliRunner().invoke(
        app, ["build", str(SPEC), "--area", "Cumbria", "-o", "/nonexistent"]
    )
    assert result.exit_code == 2
    assert "Cumbria has no figures for 2025" in result.output
    assert "Traceback" not in result.output


def test_defunct_authority_for_its_own_years() -> None:
    text = model_text("Cumbria", period="2023-03")
    assert (
        "Cumbria no longer exists: abolished 1 April 2023, replaced by Cumberland and "
        "Westmorland and Furness" in text
    )
    assert "Cumbria's figure for children looked after was 82 per 10,000 children (740)" in text


def test_unknown_authority_exit_2_with_close_matches(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", str(SPEC), "--area", "Hartlepol", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "did you mean Hartlepool (E06000001)?" in flat(result.output)
    assert not any(tmp_path.iterdir())


def test_batch_plans_every_current_authority() -> None:
    areas = plan_areas(SPEC)
    assert len(areas) == 153
    assert "Cumberland" in areas and "Cumbria" not in areas
    assert plan_areas(SPEC, ["hartlepool", "E06000061"]) == ["Hartlepool", "North Northamptonshire"]


def test_snippets_see_ees_measures_like_council_indicators() -> None:
    """The names a snippet uses for a council's data work for the published data too."""
    results = api.results_for(api.load_data(ROOT / "data-ees"), "2025-03", "E06000001")
    r = results["rereferrals"]
    assert results.area == "Hartlepool"
    assert (r.value, r.count, r.england, r.region, r.region_name) == (
        26.5,
        536,
        22.6,
        20.7,
        "North East",
    )
    assert (r.rank, r.rank_of, r.quartile) == (141, 153, 4)
    assert r.previous == 24.9 and r.previous_period == "2024-03"
