"""`reportgen check` flags a document built before the issue-15 wording rules."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from reportgen.check import check_path
from reportgen.check.content import stale_wording_findings

#: Sentences as the example papers printed them before (the output review quotes them).
OLD = [
    "Alt text: Example Borough has the 1st highest of 13 areas.",
    "Example Borough has the first highest care leavers in EET of 13 areas",
    "Regional text: zero authorities performing better.",
    "we have the fifth lowest rate (quartile 4).",
    "Care leavers suitably housed 95.6 95.5 0.0pp (deteriorating)",
    "in the mid-range for South West, with eight authorities",
]


@pytest.mark.parametrize("sentence", OLD)
def test_old_wording_is_flagged(sentence: str) -> None:
    found = stale_wording_findings(sentence)
    assert [f.code for f in found] and {f.code for f in found} == {"stale-wording"}


def test_current_wording_is_not_flagged() -> None:
    text = (
        "Example Borough is the highest of 11 authorities; no authorities performing "
        "better; quartile 4 (the worst 25% of authorities); in the South West; "
        "\u22120.1pp (broadly stable)."
    )
    assert stale_wording_findings(text) == []


def test_context_measures_and_year_end_need_the_spec() -> None:
    text = "Axis: Referrals (lower is better). Children in need +2 (deteriorating)."
    assert stale_wording_findings(text) == []  # no definitions: cannot tell
    found = stale_wording_findings(text, neutral=["Referrals", "Children in need"])
    assert len(found) == 2
    march = "the year-end forecast is 11.4%, 35 so far in 2016/17"
    assert stale_wording_findings(march, period="2017-01") == []
    assert len(stale_wording_findings(march, period="2017-03")) == 1


def test_check_flags_an_old_word_file(tmp_path: Path) -> None:
    old = docx.Document()
    old.core_properties.title = "Old paper"
    old.add_heading("Old paper", level=1)
    old.add_paragraph("Example Borough has the first highest rate of 13 areas.")
    path = tmp_path / "old.docx"
    old.save(str(path))
    found = [f for f in check_path(path) if f.code == "stale-wording"]
    assert found and "first highest" in found[0].message
