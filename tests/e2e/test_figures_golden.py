"""Golden cases for issue 15, asserted on the text of the built PDF and DOCX.

One small committee report is built once for the module, from a copy of the example data
with the awkward cases planted in it: a suppressed month (``c``), a month "not available"
(``x``) in a flow's year, a statistical neighbour whose published figure is suppressed, an
indicator shown to two decimals (as seed 000 prints 89.80 against 84.00), and one rated
per 1,000. The figures expected are the seeds' own (the output review checked them
against the data): CP rate 45.4 -> 45.1 is -0.3 and 7.4% adrift of 42.0; days to adoption
434 -> 432 is -2; care leavers suitably housed 95.6 -> 95.5 is -0.1pp. The same report at
March 2017 checks the year-end words.
"""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docfiles import docx_body, flat, pdf_figure_alts, pdf_text, text_of

from reportgen import api

ROOT = Path(__file__).resolve().parents[2]
NEIGHBOUR = "E99000046"  # Valegate, a statistical neighbour in the example councils

SNIPPET = """\
Children in care {{ cla | movement }}; the direction of travel is {{ cla | direction }}.

The rate was {{ cla_rate | value_unit }} against a target of
{{ cla_rate | value_unit("target") }} ({{ cla_rate | adrift }}), and
{{ cla_rate | neighbours }} was {{ cla_rate | value_unit("neighbours_avg") }}. In
{{ cla_rate.benchmark_year }} the council had {{ cla_rate | rank_words }} rate among itself
and its neighbours and was in {{ cla_rate | quartile }}.

The child protection rate was {{ cpp_rate | value_unit }} against
{{ cpp_rate | value_unit("target") }} ({{ cpp_rate | adrift }});
{{ cpp_rate | forecast }} is {{ cpp_rate | value_unit("forecast") }}.
Per thousand: {{ cpp_per_1000 | value_unit }}.

Changes: CP rate {{ cpp_rate | change }}; days to adoption {{ adoption_days | change }};
suitably housed {{ care_leavers_accommodation | change }}; referrals {{ referrals | change }}.

{{ referrals.ytd | count }} referrals were accepted {{ referrals | so_far }}{{ referrals |
ytd_note }}. Children in need: {{ cin | value }}.
"""

SCORECARD = ["cla", "cin", "referrals", "cpp_rate", "adoption_days", "care_leavers_accommodation"]


def _plant_data(folder: Path) -> None:
    """The example data with the awkward cases of the module docstring."""
    path = folder / "indicators.yaml"
    header = path.read_text(encoding="utf-8").split("indicators:")[0]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in doc["indicators"]:
        if item["id"] == "cla_rate":
            item["decimals"] = 2
    doc["indicators"].append(
        {
            "id": "cpp_per_1000",
            "title": "Child protection plans per 1,000 aged under 18",
            "short_title": "CP plans per 1,000",
            "unit": "rate",
            "polarity": "lower",
            "aggregation": "stock",
            "rate_per": 1000,
            "numerator": "cpp",
            "denominator": "population:0-17",
        }
    )
    path.write_text(header + yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    _set(
        folder / "values.csv",
        {("cla", "2016-12"): "c", ("referrals", "2016-06"): "x", ("cin", "2017-01"): "c"},
    )
    rows = _rows(folder / "benchmarks.csv")
    for row in rows:
        if row[0] == "cla_rate" and row[1] == "2015/16" and row[2] == NEIGHBOUR:
            row[5] = "c"
    with (folder / "benchmarks.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _set(path: Path, cells: dict[tuple[str, str], str]) -> None:
    rows = _rows(path)
    for row in rows:
        key = (row[0], row[2])
        if row[1] == "Example Borough" and key in cells:
            row[3] = cells[key]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _spec(folder: Path) -> Path:
    spec = yaml.safe_load((ROOT / "reports" / "care-leavers.yaml").read_text(encoding="utf-8"))
    (folder / "narratives").mkdir()
    (folder / "narratives" / "figures.md").write_text(SNIPPET, encoding="utf-8")
    spec.update(
        data="data",
        narratives="narratives",
        output_name="figures",
        title="Figures an officer can sign off",
        summary=[{"text": "Golden cases."}],
    )
    spec["sections"] = {
        **spec["sections"],
        "background": [{"text": "Every figure comes from the planted data."}],
        "risks": [{"text": "None beyond those in the text."}],
        "key_issues": [
            {"snippet": "figures.md"},
            {"table": {"type": "scorecard", "indicators": SCORECARD, "caption": "Scorecard"}},
            {"table": {"type": "benchmark", "indicators": ["cla_rate"]}},
            {"chart": {"type": "trend", "indicator": "referrals"}},
            {"chart": {"type": "benchmark", "indicator": "cla_rate"}},
        ],
    }
    path = folder / "figures.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Texts:
    pdf: str
    docx: str
    alts: str


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("golden")
    shutil.copytree(ROOT / "data", folder / "data")
    _plant_data(folder / "data")
    return _spec(folder)


def _build(spec: Path, out: Path, period: str, formats: tuple[str, ...]) -> Texts:
    result = api.build_report(spec, out, formats, api.Overrides(period=period))  # type: ignore[arg-type]
    pdf = flat(pdf_text(result.outputs["pdf"])) if "pdf" in formats else ""
    alts = " ".join(pdf_figure_alts(result.outputs["pdf"])) if "pdf" in formats else ""
    docx = flat(text_of(docx_body(result.outputs["docx"])))
    return Texts(pdf, docx, alts)


@pytest.fixture(scope="module")
def january(spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Texts:
    return _build(spec, tmp_path_factory.mktemp("jan"), "2017-01", ("pdf", "docx"))


@pytest.fixture(scope="module")
def march(spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Texts:
    return _build(spec, tmp_path_factory.mktemp("mar"), "2017-03", ("docx",))


#: (rule, text that must appear) in January 2017, in both the PDF and the DOCX.
JANUARY = [
    ("2 dp where the indicator asks", "85.50 per 10,000 against a target of 84.00 per 10,000"),
    (
        "% adrift from the shown figures (45.1 / 42.0)",
        "45.1 per 10,000 against 42.0 per 10,000 (7.4% adrift)",
    ),
    ("rate per 1,000 from the indicator", "Per thousand: 4.5 per 1,000"),
    ("comparator count", "the average of 9 of 10 statistical neighbours (2015/16)"),
    ("quartile explained", "quartile 4 (the worst 25% of authorities)"),
    ("no direction across a gap", "the direction of travel is not available"),
    (
        "YTD names the missing month",
        "so far in 2016/17 (not counting June 2016, which has no figure)",
    ),
    ("suppressed figure in text", "Children in need: not available (suppressed)"),
    ("symbol key under the table", "c = confidential"),
    ("forecast before the year end", "the year-end forecast is"),
    ("shown change, CP rate", "\u22120.3 (improving)"),
    ("shown change, days to adoption", "\u22122 (improving)"),
    ("shown change in pp, broadly stable", "\u22120.1pp (broadly stable)"),
    ("neutral measure: up, not deteriorating", "+44 (up)"),
    ("benchmark header states its year", "Value (2015/16)"),
    ("scorecard header states its year", "England (2015/16)"),
]

#: Words that must not appear anywhere in the January document.
NEVER = [
    ("neutral axis is not judged", "Referrals (lower is better)"),
    ("unnatural ordinal", "first highest"),
    ("unnatural ordinal", "1st highest"),
    ("zero spelt as a number", "zero authorities"),
    ("a volume judged", "+44 (deteriorating)"),
    ("rounding that does not add up", "0.0pp"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("rule", "expected"), JANUARY, ids=[r for r, _ in JANUARY])
def test_january_pdf_and_docx_say(january: Texts, rule: str, expected: str) -> None:
    assert expected in january.pdf, rule
    assert expected in january.docx, rule


@pytest.mark.slow
@pytest.mark.parametrize(("rule", "unwanted"), NEVER, ids=[f"{r}: {u}" for r, u in NEVER])
def test_january_never_says(january: Texts, rule: str, unwanted: str) -> None:
    for text in (january.pdf, january.docx, january.alts):
        assert unwanted not in text, rule


@pytest.mark.slow
def test_previous_names_its_month_across_a_gap(january: Texts, spec: Path) -> None:
    """December is suppressed: January is compared with November, and says so."""
    rows = _rows(spec.parent / "data" / "values.csv")
    november = next(r[3] for r in rows if r[:3] == ["cla", "Example Borough", "2016-11"])
    expected = f"was 482, from {november} in November 2016 (December 2016: not available)"
    assert expected in january.pdf and expected in january.docx


@pytest.mark.slow
def test_chart_alt_text_ranks_authorities_only(january: Texts) -> None:
    assert re.search(r"of \d+ authorities", january.alts)
    assert " areas" not in january.alts.replace("comparator areas", "")
    assert "No figure for Valegate" in january.alts  # the suppressed neighbour is named


@pytest.mark.slow
def test_march_is_the_year_end(march: Texts) -> None:
    text = march.docx
    assert "the outturn is" in text and "year-end forecast" not in text
    assert "accepted in 2016/17 (not counting June 2016" in text
    assert "so far in 2016/17" not in text
