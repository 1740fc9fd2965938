"""Arithmetic the wording used to do itself, now done by the indicator engine (issue 19):
the regional tie count and the percentage difference of two shown figures."""

from __future__ import annotations

import math

import pytest

from reportgen.indicators.comparison import _regional
from reportgen.indicators.result import percent_difference


def test_region_counts_better_worse_and_level() -> None:
    # own 70.0, lower is better; others 60 (better), 80 (worse), 70 and 70 (level)
    counts = _regional(70.0, [60.0, 70.0, 80.0, 70.0], "lower")
    assert (counts["region_better"], counts["region_worse"], counts["region_level"]) == (1, 1, 2)
    assert counts["region_rank_of"] == 5  # the council and its four neighbours in the region
    # higher is better: 80 is better, 60 worse; the ties stay ties
    counts = _regional(70.0, [60.0, 70.0, 80.0, 70.0], "higher")
    assert (counts["region_better"], counts["region_worse"], counts["region_level"]) == (1, 1, 2)
    assert _regional(None, [60.0], "lower") == {}


def test_percent_difference_of_shown_figures() -> None:
    # the output review's case: 45.1 against 42.0 is (45.1 - 42.0) / 42.0 = 7.38% -> 7.4%
    assert percent_difference(45.1, 42.0) == pytest.approx(7.380952, rel=1e-6)
    # below: (66.1 - 84.0) / 84.0 = -21.31%
    assert percent_difference(66.1, 84.0) == pytest.approx(-21.309524, rel=1e-6)
    assert percent_difference(None, 42.0) is None
    assert percent_difference(45.1, math.nan) is None
    assert percent_difference(45.1, 0.0) is None  # no base to compare with
