"""The typed results composition receives: rows for breakdowns, councils and localities,
locality windows and action-plan scenarios (frozen, full precision, None for missing)."""

from __future__ import annotations

import dataclasses

import pytest
from indicator_data import (
    CODE,
    IN_REGION,
    NEIGHBOURS_1516,
    OTHERS_1516,
    OWN_1516,
    standard_dataset,
)

from reportgen.data.dataset import Dataset, Tolerance
from reportgen.errors import DataError
from reportgen.indicators.localities import locality_window
from reportgen.indicators.report_data import ReportData
from reportgen.indicators.scenarios import improved, rate_scenario


def test_breakdown_rows_are_frozen_and_share_the_total(standard: Dataset) -> None:
    rows = ReportData(standard).breakdown("cla", "2017-01", None, "gender")
    assert [(r.category, r.count) for r in rows] == [("Male", 275.0), ("Female", 207.0)]
    assert rows[0].share_pct == pytest.approx(275 / 482 * 100)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].count = 1.0  # type: ignore[misc]
    with pytest.raises(DataError, match="use one of: age_band, gender"):
        ReportData(standard).breakdown("cla", "2017-01", None, "ethnicity")


def test_council_figures_for_the_benchmark_year(standard: Dataset) -> None:
    figures = ReportData(standard).councils("cla_rate", period="2017-01")
    assert {f.year for f in figures} == {"2015/16"}
    own = [f for f in figures if f.own]
    assert [(f.code, f.value) for f in own] == [(CODE, OWN_1516)]
    assert sorted(f.value for f in figures if f.neighbour) == NEIGHBOURS_1516
    assert own[0].deprivation == 30.0


def test_region_range_takes_the_councils_region_only(standard: Dataset) -> None:
    figures = ReportData(standard).councils("cla_rate", year="2015/16")
    in_region = [f.value for f in figures if f.code in IN_REGION or f.own]
    assert ReportData(standard).region_range("cla_rate", "2015/16") == (
        min(in_region),
        max(in_region),
    )
    assert ReportData(standard).region_range("cla_rate", None) is None
    assert max(in_region) < max([*NEIGHBOURS_1516, *OTHERS_1516])  # others were left out


def test_published_series_oldest_first(standard: Dataset) -> None:
    data = ReportData(standard)
    assert data.published("cla_rate", "own") == (
        ("2014/15", 70.0),
        ("2015/16", OWN_1516),
        ("2016/17", 88.0),
    )
    assert [v for _, v in data.published("cla_rate", "england")] == [58.0, 60.0, 62.0]
    assert data.published("visits", "own") == ()


def test_locality_areas_whole_council_first(standard: Dataset) -> None:
    areas = ReportData(standard).areas("cla_rate", "2017-01")
    assert [a.area for a in areas] == ["Test Borough", "North"]


def test_locality_figures_are_each_periods_own_and_each_datasets_own(standard: Dataset) -> None:
    """Shared across reports (a batch asks once per dataset), but never across periods or
    across two loads of the data: each answer is the engine's own for that request."""
    from reportgen.indicators.frames import areas_table

    for period in ("2017-01", "2016-12", "2017-01"):
        frame = areas_table(standard, "cla_rate", period)
        got = ReportData(standard).areas("cla_rate", period)
        pairs = zip(frame["area"], frame["value"], strict=True)
        want = [(a, None if v != v else v) for a, v in pairs]
        assert [(a.area, a.value) for a in got] == want
    other = standard_dataset()  # a fresh load: its own figures, not the first load's
    assert ReportData(other).areas("cla_rate", "2017-01") is not ReportData(standard).areas(
        "cla_rate", "2017-01"
    )


def test_locality_window_ranks_the_locality_it_cuts_around() -> None:
    rows = [("Whole", 50.0)] + [(f"L{i:02d}", float(i)) for i in range(30)]
    window = locality_window(rows, "L10", "Whole", "lower", 15)
    names = [n for n, _ in window.rows]
    assert names[:3] == ["Whole", "L00", "L01"] and names[-2:] == ["L28", "L29"]
    assert "L10" in names and len(names) == 16
    assert (window.rank, window.of) == (11, 30)
    small = locality_window(rows[:5], "L01", "Whole", "lower", 15)
    assert small.rows == tuple(rows[:5]) and small.rank is None


def test_scenario_moves_the_right_way_and_is_rated_by_the_rules() -> None:
    assert improved(100.0, 10.0, "lower", "rate") == pytest.approx(90.0)
    assert improved(95.0, 10.0, "higher", "percent") == 100.0  # a percentage stops at 100
    # 88.2 against a target of 84 (lower is better) is 5% adrift: amber; 10% better is green
    before = rate_scenario(88.2, 0.0, 84.0, "lower", "rate", Tolerance(), 1)
    after = rate_scenario(88.2, 10.0, 84.0, "lower", "rate", Tolerance(), 1)
    assert (before.brag, before.adrift_pct) == ("amber", pytest.approx(5.0))
    assert after.expected == pytest.approx(79.38) and after.brag == "blue"  # 5.5% better
    assert after.adrift_pct is not None and after.adrift_pct < 0


def test_scatter_fit_is_the_least_squares_line() -> None:
    from reportgen.indicators.fit import fit

    points = [("A", 1.0, 3.0, "other"), ("B", 2.0, 5.0, "council"), ("C", 3.0, 7.0, "other")]
    line = fit(points)
    assert line is not None
    assert (line.slope, line.intercept, line.r) == pytest.approx((2.0, 1.0, 1.0))
    assert line.predict(10.0) == pytest.approx(21.0)
    assert fit(points[:2]) is None and fit([(n, 1.0, y, k) for n, _, y, k in points]) is None
