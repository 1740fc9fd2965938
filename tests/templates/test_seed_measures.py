"""The corporate parenting measures the real papers report (seeds 002 and 004, issue 19),
in the built board scorecard and corporate parenting report.

Every expected string below was worked out by hand from the files in data/ (values.csv,
benchmarks.csv, councils.csv, indicators.yaml), not through reportgen: the working is in
the comments. The tests read the built documents (Word XML and PDF text).
"""

from __future__ import annotations

import pytest
from example_builds import ExampleBuilds
from template_helpers import ROOT, Built, docx_tables, read

pytestmark = pytest.mark.slow

SCORECARD = ROOT / "reports" / "board-scorecard-2017-01.yaml"
REPORT = ROOT / "reports" / "corporate-parenting.yaml"

#: Statistical neighbours (councils.csv, neighbour = true): Glenhaven, Dunthorpe, Valegate,
#: Oakholme, Gorseton, Rushwick, Ottergate, Glenstead, Lindenley, Kestrelfield. The
#: region is Yorkshire and the Humber (E12000003). Benchmarks are 2015/16, the latest year.
#: Row: measure, January 2017, December 2016, change, target, rating, England, region,
#: neighbour average (the sparkline cell is a picture: "").
ROWS = {
    "Health and education: January 2017": {
        # values.csv: 303 / 327 = 92.661% -> 92.7%; 308 / 323 = 95.356% -> 95.4%;
        # change of the shown figures 92.7 - 95.4 = -2.7pp, higher is better -> deteriorating;
        # target 95.0: short by (95 - 92.661) / 95 = 2.5% <= 5% -> Amber.
        # England 89.0, Yorkshire and the Humber 89.6; neighbours 86.9 + 93.1 + 89.9 + 92.0
        # + 94.4 + 84.7 + 82.0 + 100.0 + 93.0 + 95.6 = 911.6 / 10 = 91.16 -> 91.2%.
        "Health assessments in time": [
            "92.7%",
            "95.4%",
            "\u22122.7pp (deteriorating)",
            "95.0%",
            "Amber",
            "89.0%",
            "89.6%",
            "91.2%",
        ],
        # 216 / 327 = 66.055% -> 66.1%; 223 / 323 = 69.040% -> 69.0%; 66.1 - 69.0 = -2.9pp;
        # short of 95 by 30.5% -> Red. England 84.0, region 86.4; neighbours 77.5 + 83.4
        # + 88.1 + 67.8 + 69.6 + 71.2 + 76.9 + 79.6 + 83.7 + 78.1 = 775.9 / 10 -> 77.6%.
        "Dental checks in time": [
            "66.1%",
            "69.0%",
            "\u22122.9pp (deteriorating)",
            "95.0%",
            "Red",
            "84.0%",
            "86.4%",
            "77.6%",
        ],
        # A local measure (Virtual School records): no published comparator -> x.
        # 191 / 300 = 63.667% -> 63.7%; 199 / 295 = 67.458% -> 67.5%; 63.7 - 67.5 = -3.8pp.
        "PEPs in date": [
            "63.7%",
            "67.5%",
            "\u22123.8pp (deteriorating)",
            "95.0%",
            "Red",
            "x",
            "x",
            "x",
        ],
    },
    "Permanency: January 2017": {
        # 29 / 482 = 6.017% -> 6.0%; 29 / 476 = 6.092% -> 6.1%; -0.1pp is within the
        # stable_within of 0.3 -> broadly stable; context measure, no target -> Not rated.
        # England 5.1, region 5.2; neighbours 4.6 + 6.6 + 5.6 + 5.6 + 5.8 + 6.8 + 4.9 + 4.9
        # + 5.0 + 6.9 = 56.7 / 10 -> 5.7%.
        "Placed with parents": [
            "6.0%",
            "6.1%",
            "\u22120.1pp (broadly stable)",
            "n/a",
            "Not rated",
            "5.1%",
            "5.2%",
            "5.7%",
        ],
        # A count has no comparator an authority's count could be set against -> z.
        "Children in care": None,
    },
    "Care leavers: January 2017": {
        # 223 / 228 = 97.807% -> 97.8%; 225 / 232 = 96.983% -> 97.0%; +0.8pp improving;
        # beats 95 by (97.807 - 95) / 95 = 3.0% >= 2% -> Blue. England 88.0, region 88.3;
        # neighbours 84.3 + 87.5 + 90.9 + 86.8 + 88.6 + 86.1 + 90.3 + 90.3 + 92.5 + 94.7
        # = 892.0 / 10 -> 89.2%.
        "Care leavers in touch": [
            "97.8%",
            "97.0%",
            "+0.8pp (improving)",
            "95.0%",
            "Blue",
            "88.0%",
            "88.3%",
            "89.2%",
        ],
    },
}


@pytest.fixture(scope="module")
def scorecard(example_build: ExampleBuilds) -> Built:
    return read(example_build(SCORECARD))


@pytest.fixture(scope="module")
def report(example_build: ExampleBuilds) -> Built:
    return read(example_build(REPORT))


def test_new_measures_rows_and_benchmarks_in_word(scorecard: Built) -> None:
    tables = {t.caption: t for t in docx_tables(scorecard.body)}
    for caption, rows in ROWS.items():
        table = tables[caption]
        for measure, cells in rows.items():
            if cells is not None:
                assert table.row(measure)[1:-1] == cells, measure
    demand = tables["Demand: January 2017"]
    assert demand.row("Children in care")[6:9] == ["z", "z", "z"]


def test_new_measures_figures_in_the_pdf(scorecard: Built) -> None:
    """The PDF prints the same figures (its text runs in layout order, not row by row,
    so the row itself is checked in the Word table above; a wrapped cell's words may
    come apart, so each word of a cell is looked for)."""
    words = set(scorecard.text.split())
    for rows in ROWS.values():
        for measure, cells in rows.items():
            for cell in cells or ():
                assert set(cell.split()) <= words, (measure, cell)


def test_benchmark_year_in_the_header_and_key_for_symbols(scorecard: Built) -> None:
    tables = {t.caption: t for t in docx_tables(scorecard.body)}
    assert tables["Health and education: January 2017"].header[6:9] == [
        "England 2015/16",
        "Region 2015/16",
        "Neighbour average 2015/16",
    ]
    # the key under a table that shows x or z says what they mean
    assert "Key: x = not available." in scorecard.text
    assert "Key: z = not applicable." in scorecard.text
    assert "Yorkshire and the Humber (our region)" in scorecard.text


#: The committee report's key indicators table: latest, previous, target, neighbours,
#: England, rating, direction (same working as ROWS above).
REPORT_ROWS = {
    "Dental checks in time (%)": [
        "66.1%",
        "69.0%",
        "95.0%",
        "77.6%",
        "84.0%",
        "Red",
        "\u2193 Deteriorating",
    ],
    "Care leavers in touch (%)": [
        "97.8%",
        "97.0%",
        "95.0%",
        "89.2%",
        "88.0%",
        "Blue",
        "\u2191 Improving",
    ],
    # reviews: 113 / 115 = 98.26%; 105 / 109 = 96.33%; local measure, no comparator -> x
    "Reviews on time (%)": ["98.3%", "96.3%", "95.0%", "x", "x", "Blue", "\u2191 Improving"],
}

#: Sentences of the report's narrative, every number computed by the snippets.
SENTENCES = (
    # 216 / 327 and 223 / 323 (above); a year earlier, January 2016: 228 / 288 = 79.17%
    "The proportion who have had a dental check in the last twelve months fell to 66.1%, "
    "from 69.0% in December 2016 (216 children), against 79.2% a year earlier",
    # health assessments (above): 92.7% is 2.5% short of 95 -> Amber; England 89.0
    "fell to 92.7%, from 95.4% in December 2016 (303 of 327 children), against a target of "
    "95.0% (rated Amber) and an England average of 89.0% in 2015/16",
    # 223 in touch of 228 care leavers = 97.807% -> 97.8%
    "we were in touch with 223 of our 228 care leavers aged 17 to 21 (97.8%), against an "
    "England average of 88.0% in 2015/16",
    # 29 / 482 = 6.0%; 68 / 482 = 14.1%
    "29 children in care (6.0%) were placed with their parents and 68 (14.1%) with "
    "connected carers (family and friends)",
    # 113 of 115 reviews
    "98.3% of the reviews of children in care held in January 2017 were on time (113 of 115)",
    # 191 / 300 = 63.7%
    "191 of the 300 children of school age in care (63.7%) had a PEP reviewed within the last term",
)


def test_report_key_indicators_carry_the_new_measures(report: Built) -> None:
    from docfiles import table_starting

    rows = {row[0]: row[1:] for row in table_starting(report.body, "Indicator")[1:]}
    for measure, cells in REPORT_ROWS.items():
        assert rows[measure] == cells, measure
    assert "Key: x = not available." in report.text


def test_report_narrative_numbers(report: Built) -> None:
    for sentence in SENTENCES:
        assert sentence in report.text, sentence
    for heading in ("Reviews of children in care", "Health and dental checks"):
        assert heading in report.text
    assert "Personal education plans" in report.text
