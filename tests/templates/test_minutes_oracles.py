"""Fixed oracles for the February 2017 surgery minutes (reports/surgery-minutes-2017-02.yaml).

tests/templates/test_minutes.py checks the action log against the spec and the previous
log through the formatters; here the rows are written out by hand, so a wrong date
format, a lost "overdue" or a miscounted summary fails even when the formatter and the
template agree. The working is beside each expected string. The DOCX and PDF are the
session's one build of the example (``example_build``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docfiles import docx_body, flat, pdf_text, table_starting
from example_builds import ExampleBuilds

pytestmark = pytest.mark.slow

SPEC = Path(__file__).resolve().parents[2] / "reports" / "surgery-minutes-2017-02.yaml"


@pytest.fixture(scope="module")
def body(example_build: ExampleBuilds) -> ET.Element:
    return docx_body(example_build(SPEC).outputs["docx"])


@pytest.fixture(scope="module")
def text(example_build: ExampleBuilds) -> str:
    return flat(pdf_text(example_build(SPEC).outputs["pdf"]))


def test_action_log_rows_written_out_by_hand(body: ET.Element) -> None:
    """action-logs/surgery-2016-11.yaml (meeting 25 November 2016) holds 16-11/1 (in
    progress), 16-11/2 (open, due 2017-01-31), 16-11/3 (complete: dropped) and 16-11/4
    (open, due 2017-03-31, raised 2016-08-26). The minutes (meeting 24 February 2017) mark
    16-11/1 complete with an update and agree 17-02/1, /2, /3.
    16-11/2: due 31 January 2017 is before 24 February 2017 and it is open -> overdue.
    16-11/4: due 31 March 2017 is after the meeting -> plain "Open"; agreed before the
    last meeting -> "(agreed 26 August 2016)"."""
    # WORDING: status and origin wording of the action log
    assert table_starting(body, "Ref") == [
        ["Ref", "Action", "Owner", "Due", "Status", "Origin"],
        [
            "16-11/1",
            "Analyse the reasons for the rise in child protection plans for emotional abuse, "
            "including domestic abuse Update: Analysis presented at this meeting (item a).",
            "JJ",
            "31 January 2017",
            "Complete",
            "Carried forward from 25 November 2016",
        ],
        [
            "16-11/2",
            "Report the outcome of the review of re-referrals to the front door",
            "SH",
            "31 January 2017",
            "Open \u2013 overdue",
            "Carried forward from 25 November 2016",
        ],
        [
            "16-11/4",
            "Agree a protocol with schools for monitoring the attendance of children in care",
            "MB",
            "31 March 2017",
            "Open",
            "Carried forward from 25 November 2016 (agreed 26 August 2016)",
        ],
        [
            "17-02/1",
            "Develop an action plan to support the Keeping Families Together strategy",
            "JJ",
            "28 April 2017",
            "Open",
            "New: agreed at this meeting",
        ],
        [
            "17-02/2",
            "Report the evaluation of Family Group Conferencing to the next surgery",
            "MB",
            "26 May 2017",
            "Open",
            "New: agreed at this meeting",
        ],
        [
            "17-02/3",
            "Set out the expected effect of each action in the children in care action plan "
            "on the rate",
            "HG",
            "31 March 2017",
            "Open",
            "New: agreed at this meeting",
        ],
    ]


def test_action_log_summary_counts(text: str) -> None:
    """Three carried (16-11/1, /2, /4: not complete in the November log) + three new
    (17-02/1, /2, /3) = six on the log; one (16-11/1) marked complete at this meeting."""
    # WORDING
    assert (
        "Six actions on the log: three carried forward from the meeting of 25 November 2016 "
        "and three agreed at this meeting; one now complete."
    ) in text


def test_new_actions_under_their_measure(text: str) -> None:
    """17-02/1 is a cpp_rate action (item a); 17-02/2 and /3 are cla_rate (item b)."""
    a = text.find("a) CYP PM 04")
    b = text.find("b) CYP PM 07")
    first = text.find(
        "17-02/1: Develop an action plan to support the Keeping Families Together strategy "
        "(owner JJ, due 28 April 2017)"
    )
    third = text.find(
        "17-02/3: Set out the expected effect of each action in the children in care action "
        "plan on the rate (owner HG, due 31 March 2017)"
    )
    assert 0 <= a < first < b < third


def test_forecast_adrift_and_comparatives_worked_from_the_printed_figures(text: str) -> None:
    """Child protection: forecast printed 45.9 against 42.0, lower is better:
    (45.9 - 42.0) / 42.0 = 9.29% -> 9.3%, beyond 5% -> Red. Children in care: 86.5 against
    84.0: 2.5 / 84.0 = 2.98% -> 3.0%, within 5% -> Amber.
    benchmarks.csv 2015/16 cpp_rate: Example Borough 44.3, England 43.1 (44.3 is higher,
    lower is better -> worse); the ten neighbours 58 + 48.5 + 70.9 + 46.8 + 34.9 + 36 +
    54.9 + 49.9 + 46.5 + 54.9 = 501.3 / 10 = 50.13 -> 50.1 (44.3 is lower -> better)."""
    # WORDING
    assert (
        "The year-end forecast is 45.9 per 10,000 against the target of 42.0 per 10,000 "
        "(9.3% adrift; Red)."
    ) in text
    assert (
        "The year-end forecast is 86.5 per 10,000 against the target of 84.0 per 10,000 "
        "(3.0% adrift; Amber)."
    ) in text
    assert (
        "Comparative performance (2015/16): 44.3 per 10,000, worse than England (43.1 per "
        "10,000) and better than the statistical neighbour average (50.1 per 10,000)."
    ) in text
    assert (
        "Comparative performance (2015/16): 76.6 per 10,000, worse than England (60.0 per "
        "10,000) and worse than the statistical neighbour average (75.8 per 10,000)."
    ) in text


def test_meeting_details_and_apologies(body: ET.Element, text: str) -> None:
    """2017-02-24 -> 24 February 2017; initials without the title 'Councillor'."""
    assert table_starting(body, "Date") == [
        ["Date", "24 February 2017"],
        ["Venue", "Civic Centre, Committee Room 2"],
        ["Start time", "10:00am"],
        ["End time", "11:15am"],
    ]
    assert "Councillor Sam Boyd (SB)" in text and "Councillor Fiona White (FW)" in text
    assert "Date of next meeting 26 May 2017" in text  # next_meeting: 2017-05-26
