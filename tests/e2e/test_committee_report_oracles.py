"""Fixed oracles for the seed-002 style committee report (reports/corporate-parenting.yaml).

Every expected string below was worked out by hand from data/ (values.csv, councils.csv,
benchmarks.csv, indicators.yaml) and the spec, with the working beside it; none is
recomputed through reportgen. They are asserted on the Word document's XML and on the
PDF's text of the one build the session shares (``draft``, tests/e2e/conftest.py).
Assertions on wording carry a WORDING comment: change them when the wording is changed
on purpose.
"""

from __future__ import annotations

import pytest
from docfiles import docx_body, docx_table_rows, flat, table_starting, text_of
from e2e_helpers import Built

pytestmark = pytest.mark.slow


def _cover(draft: Built) -> dict[str, str]:
    rows = next(t for t in docx_table_rows(docx_body(draft.docx)) if t[0][0] == "Title")
    return {row[0]: row[1] for row in rows}


def _paragraphs(draft: Built) -> list[str]:
    body = docx_body(draft.docx)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [text_of(p) for p in body.iter(f"{w}p")]


def test_cover_sheet_fields(draft: Built) -> None:
    """The summary sheet (seed 002): key_decision and forward_plan are false in the spec
    -> "No"; the region is Example Borough's in councils.csv (E99000038, Yorkshire and
    the Humber); the period 2017-01 is January 2017."""
    cover = _cover(draft)
    assert cover["Is this a Key Decision and has it been included on the Forward Plan?"] == "No"
    assert cover["Ward(s) Affected"] == "All"
    assert cover["Council Approval Required"] == "No"
    assert cover["Exempt from the Press and Public"] == "No"
    assert cover["Strategic Director Approving Submission of the Report"] == (
        "Ian Thomas, Strategic Director, Children and Young People"
    )
    # WORDING (narratives/corporate-parenting/summary.md)
    assert "performance for January 2017" in cover["Summary"]
    assert "England, Yorkshire and the Humber and our statistical neighbours" in cover["Summary"]


def test_recommendations_are_numbered_first_section(draft: Built) -> None:
    """Section 1 of the body (after the summary sheet): the spec's two recommendations,
    numbered 1.1 and 1.2, before 2 Background."""
    text = flat(draft.pdf_text)
    assert (
        "1 Recommendations 1.1 The Panel is asked to note and comment on the performance "
        "information in this report. 1.2 The Panel is asked to note the actions being taken "
        "to improve placement stability and the timeliness of visits to children in care. "
        "2 Background 2.1 "
    ) in text


def test_children_in_care_sentence(draft: Built) -> None:
    """values.csv: cla, January 2017 = 482; councils.csv under18 = 56,374:
    482 / 56,374 x 10,000 = 85.500 -> 85.5. benchmarks.csv 2015/16: Example Borough 76.6;
    neighbours (councils.csv neighbour=true) 82.2 + 63.8 + 82.4 + 56.4 + 74.9 + 63.1 + 98.4
    + 76.9 + 78.4 + 81.5 = 758.0 / 10 = 75.80 -> 75.8. 85.5 against 76.6, lower is better
    -> deteriorating."""
    text = flat(draft.pdf_text)
    # WORDING (narratives/corporate-parenting/key-issues.md)
    assert (
        "At the end of January 2017 there were 482 children in care, a rate of 85.5 per "
        "10,000 children aged under 18. This compares with the 2015/16 year-end position of "
        "76.6 and the statistical neighbour average (2015/16) of 75.8; the direction of "
        "travel is deteriorating."
    ) in text


def test_rank_among_neighbours_and_quartile_in_england(draft: Built) -> None:
    """2015/16 cla_rate, lower is better. Neighbours below 76.6: Oakholme 56.4, Rushwick
    63.1, Dunthorpe 63.8, Gorseton 74.9 -> four better -> fifth lowest of 11. England: 152
    authority rows (own included), 117 of the other 151 below 76.6 -> rank 118 of 152;
    ranks 115-152 are the fourth quarter ((118 - 1) x 4 // 152 + 1 = 4)."""
    text = flat(draft.pdf_text)
    assert (
        "Example Borough Council had the fifth lowest rate among itself and its 10 "
        "statistical neighbours, and was in quartile 4 (the worst 25% of authorities) in "
        "England."
    ) in text


def test_scorecard_rows_not_in_the_brag_oracle(draft: Built) -> None:
    """The three rows tests/e2e/test_committee_report.py does not hand-work.

    3+ placements: 56 / 480 = 11.67% -> 11.7% (Dec 61 / 476 = 12.82% -> 12.8%); target
    10.0, lower is better: (11.7 - 10.0) / 10.0 = 17% adrift > 5% -> Red; fell -> improving.
    Neighbours 10.7 + 10.7 + 9.5 + 12 + 10.7 + 13.6 + 9.5 + 13 + 10.1 + 10.2 = 110.0 / 10.
    Long-term stability: 98 / 148 = 66.22% -> 66.2% (98 / 147 = 66.67% -> 66.7%); target
    68.0, higher: (68.0 - 66.2) / 68.0 = 2.6% <= 5% -> Amber; fell -> deteriorating.
    Neighbours 686.0 / 10 = 68.6. Caseload: 482 / 37.4 = 12.89 -> 12.9 (476 / 37.7 = 12.63
    -> 12.6); target 13.0, lower, tolerance 10% / 5%: 0.8% better, under 5% -> Green;
    rose -> deteriorating. Neighbours 165.1 / 10 = 16.51 -> 16.5; England 16.1."""
    rows = {r[0]: r[1:] for r in table_starting(docx_body(draft.docx), "Indicator")[1:]}
    assert rows["3+ placements (%)"] == [
        "11.7%", "12.8%", "10.0%", "11.0%", "10.0%", "Red", "\u2193 Improving",
    ]  # fmt: skip
    assert rows["Long-term stability (%)"] == [
        "66.2%", "66.7%", "68.0%", "68.6%", "68.0%", "Amber", "\u2193 Deteriorating",
    ]  # fmt: skip
    assert rows["Average caseload (average)"] == [
        "12.9", "12.6", "13.0", "16.5", "16.1", "Green", "\u2191 Deteriorating",
    ]  # fmt: skip


def test_visits_paragraph_change_and_adrift_from_the_printed_figures(draft: Built) -> None:
    """visits: 380 / 483 = 78.67% -> 78.7%; December 396 / 476 = 83.19% -> 83.2%;
    83.2 - 78.7 = 4.5 percentage points lower; target 95.0, higher is better:
    (95.0 - 78.7) / 95.0 = 17.16% -> 17.2% adrift, more than 5% -> Red."""
    text = flat(draft.pdf_text)
    # WORDING (narratives/corporate-parenting/visits.md)
    assert (
        "visited within statutory timescales was 78.7% in January 2017, 4.5 percentage "
        "points lower than the previous month. Against a target of 95.0% this is rated Red, "
        "17.2% adrift of target."
    ) in text


def test_adoptions_year_to_date_and_pace_forecast(draft: Built) -> None:
    """adoptions, April 2016 to January 2017: the ten months sum to 29 (January 9);
    29 / 10 = 2.9 a month x 2 months left = 5.8; 29 + 5.8 = 34.8 -> 35."""
    text = flat(draft.pdf_text)
    assert (
        "There were 9 adoptions in January 2017, bringing the total so far in 2016/17 to 29. "
        "On current trends we expect 35 adoptions by the end of the year."
    ) in text


def test_implications_rows_name_who_supplied_them(draft: Built) -> None:
    """signoffs in the spec: finance supplies [financial] (Mark Hughes, 2017-02-20), legal
    supplies [legal] (Priya Shah, 2017-02-21); the director supplies nothing."""
    paragraphs = _paragraphs(draft)
    finance = paragraphs.index("Financial and Procurement Implications")
    legal = paragraphs.index("Legal Implications")
    hr = paragraphs.index("Human Resources Implications")
    supplied_finance = (
        "Implications supplied by Mark Hughes, Finance Business Partner (20 February 2017)."
    )
    supplied_legal = "Implications supplied by Priya Shah, Senior Solicitor (21 February 2017)."
    assert paragraphs.index(supplied_finance) in range(finance, legal)
    assert paragraphs.index(supplied_legal) in range(legal, hr)
    assert sum("Implications supplied by" in p for p in paragraphs) == 2


def test_approvals_table(draft: Built) -> None:
    """No contract award: finance, legal and the director, no Head of Procurement row."""
    rows = table_starting(docx_body(draft.docx), "Approval from")
    assert rows == [
        ["Approval from", "Named officer", "Date"],
        ["Finance Business Partner", "Mark Hughes", "20 February 2017"],
        ["Senior Solicitor", "Priya Shah", "21 February 2017"],
        ["Strategic Director, Children and Young People", "Ian Thomas", "22 February 2017"],
    ]


def test_benchmark_chart_data_in_the_appendix(draft: Built) -> None:
    """Figure 2's data table, 2015/16 cla_rate from benchmarks.csv, lowest first: Oakholme
    56.4, England 60.0, Rushwick 63.1 ...; the region row is Yorkshire and the Humber 67.2;
    the council 76.6 sits between Gorseton 74.9 and Glenstead 76.9; Ottergate 98.4 last."""
    table = next(
        t
        for t in docx_table_rows(docx_body(draft.docx))
        if t[0] == ["Area", "Type", "Children in care rate (per 10,000)"]
    )
    assert table[1] == ["Oakholme", "Statistical neighbour", "56.4"]
    assert table[2] == ["England", "England", "60.0"]
    assert ["Yorkshire and the Humber", "Region", "67.2"] in table
    council = table.index(["Example Borough", "Council", "76.6"])
    assert table[council - 1][0] == "Gorseton" and table[council + 1][0] == "Glenstead"
    assert table[-1] == ["Ottergate", "Statistical neighbour", "98.4"]
    assert len(table) == 1 + 13  # header, England, region, ten neighbours, the council
