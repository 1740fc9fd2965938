"""Fixed oracles for la-benchmark: ranks, quartiles and averages worked out by hand from the
DfE's published files in data-ees/, for Hartlepool (the built DOCX, shared with
test_la_benchmark.py) and Leeds (the composed document model both renderers print).

How each expected figure was found, so that it can be checked again:
- children looked after: cla_number_and_rate_per_10k_children.csv, population_type
  "Children looked after on 31 March each year", time_period 2025;
- neighbours: the ten SN_n codes on the authority's row of sn_model_2025_wide.csv;
- rank: 1 + the number of authorities with a strictly better (for a context measure:
  higher) published figure; joint when another has the same; "c"/"z" cells not ranked;
- quartile: (rank - 1) x 4 // authorities ranked + 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docfiles import docx_body, table_starting
from example_builds import ExampleBuilds

from reportgen import api
from reportgen.model.serialize import to_json

pytestmark = pytest.mark.slow

SPEC = Path(__file__).resolve().parents[2] / "reports" / "la-benchmark.yaml"


@pytest.fixture(scope="module")
def headline(example_build: ExampleBuilds) -> dict[str, list[str]]:
    built = example_build(SPEC, api.Overrides(area="E06000001"))
    rows = table_starting(docx_body(built.outputs["docx"]), "Measure")
    return {row[0]: row[1:] for row in rows}


@pytest.fixture(scope="module")
def leeds() -> str:
    """Every string of the Leeds document model, charts left out (they are not needed)."""
    ctx = api.prepare(SPEC, api.Overrides(area="Leeds"))
    spec = ctx.spec.model_copy(
        update={"la_benchmark": ctx.spec.la_benchmark.model_copy(update={"charts": []})}
    )
    ctx = type(ctx)(**{**vars(ctx), "spec": spec})
    text = to_json(api.compose_for(ctx, ("pdf",)))
    return re.sub(r"\s+", " ", text.replace("\\u2013", "\u2013"))


def test_hartlepool_children_looked_after_row(headline: dict[str, list[str]]) -> None:
    """2025: Hartlepool 157 per 10,000 (332 children); England 67; North East region 111.
    Neighbours: Redcar and Cleveland 144, Sunderland 90, South Tyneside 97, Blackpool 184,
    Middlesbrough 138, Gateshead 124, County Durham 118, Halton 132, Rotherham 80,
    Knowsley 90 = 1,197 / 10 = 119.7 -> 120. 151 authorities have a figure (155 rows, four
    "c"/"z"); two are higher than 157 -> 3rd (a context measure: 1 = highest);
    (3 - 1) x 4 // 151 + 1 = 1."""
    assert headline["Children looked after (per 10,000)"] == [
        "332", "157", "67", "111", "120", "3 of 151", "1",
    ]  # fmt: skip


def test_hartlepool_care_leavers_joint_rank(headline: dict[str, list[str]]) -> None:
    """la_care_leavers_accommodation_suitability.csv, 19 to 21 years, "Accommodation
    considered suitable", 2025: Hartlepool 84% (79); 149 authorities with a figure; 127
    higher (higher is better) -> 128th, and another authority also has 84 -> joint, "=";
    (128 - 1) x 4 // 149 + 1 = 508 // 149 + 1 = 4."""
    row = headline["Care leavers in suitable accommodation (%)"]
    assert row[0:2] == ["79", "84%"]
    assert row[-2:] == ["=128 of 149", "4"]


def test_leeds_children_looked_after_sentence(leeds: str) -> None:
    """Leeds 2025: 85 per 10,000 (1,498); 2024: 89 -> down. England 67; Yorkshire and The
    Humber region 77 (as the file spells it). Neighbours (SN codes 851, 882, 373, 826, 382,
    355, 801, 852, 306, 839): Portsmouth 93, Southend-on-Sea 80, Sheffield 54, Milton
    Keynes 68, Kirklees 64, Salford 88, Bristol 81, Southampton 90, Croydon 58, BCP 75 =
    751 / 10 = 75.1 -> 75. 44 of the 151 authorities are higher than 85 and none other
    equals it -> 45th; (45 - 1) x 4 // 151 + 1 = 176 // 151 + 1 = 2."""
    # WORDING (templates/la-benchmark)
    assert (
        "In 2025, Leeds's figure for children looked after was 85 per 10,000 children "
        "(1,498), down from 89 in 2024. It was higher than England (67), the Yorkshire and "
        "The Humber region (77) and the average of its statistical neighbours (75). Leeds is "
        "ranked 45th of 151 authorities (quartile 2)"
    ) in leeds


def test_leeds_care_leavers_joint_rank_in_the_worst_quarter(leeds: str) -> None:
    """Leeds 81% (486); 136 of the 149 authorities are higher (higher is better) and three
    others also have 81 -> joint 137th; (137 - 1) x 4 // 149 + 1 = 544 // 149 + 1 = 4,
    the worst quarter for a measure with a better direction."""
    assert "care leavers in suitable accommodation was 81% (486)" in leeds
    assert "Leeds is ranked joint 137th of 149 authorities (quartile 4, the worst quarter)" in (
        leeds
    )
