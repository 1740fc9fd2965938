"""compute_indicators on in-memory datasets: every figure, edge cases and errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from indicator_data import (
    ADOPTIONS,
    CLA,
    CLA_RATE,
    POPULATION,
    VISITS,
    WHOLE,
    monthly,
    periods,
)

from reportgen.data.dataset import Dataset, IndicatorDef, Tolerance
from reportgen.errors import DataError
from reportgen.indicators import compute_indicator, compute_indicators
from reportgen.indicators.forecast import PACE_METHOD, TREND_METHOD
from reportgen.vocabulary import round_half_up

Build = Callable[..., Dataset]


def test_results_in_definition_order(standard: Dataset) -> None:
    results = compute_indicators(standard, "2017-01")
    assert list(results) == list(standard.definitions)
    assert results.period == "2017-01" and results.area == WHOLE
    assert all(r.financial_year == "2016/17" for r in results.values())


def test_seed002_children_in_care_rate(standard: Dataset) -> None:
    """482 children, 85.5 per 10,000, against the 2015/16 year-end 76.6: deteriorating."""
    r = compute_indicators(standard, "2017-01")["cla_rate"]
    assert r.count == 482
    assert r.rate == pytest.approx(85.5, abs=1e-9) and r.value == r.rate
    assert r.numerator == 482 and r.denominator == pytest.approx(482 / 85.5 * 10_000)
    assert r.year_start_value == pytest.approx(76.6)
    assert r.year_start_label == "2015/16 year-end"
    assert r.direction_year == "deteriorating"
    assert r.neighbours_avg == pytest.approx(75.8)
    assert r.short_title == "Children in care rate" and r.theme == "demand"


def test_change_on_previous_month_and_last_year(standard: Dataset) -> None:
    r = compute_indicators(standard, "2017-01")["cla"]
    # the series is 380 + 2 per month: December 2016 (month 32) is 444, January 2016 422
    assert (r.previous, r.previous_period) == (444.0, "2016-12")
    assert r.change == 38.0
    assert r.change_pct == pytest.approx(38 / 444 * 100)
    assert r.last_year == 422.0 and r.change_last_year == 60.0
    assert r.direction == "deteriorating"
    assert r.ytd == 482.0  # a stock's year to date is where it is now
    assert r.target is None and r.brag is None and r.rag is None and r.adrift_pct is None


def test_target_rating_and_forecast_for_a_rate(standard: Dataset) -> None:
    r = compute_indicators(standard, "2017-01")["cla_rate"]
    assert r.target == 84.0
    assert r.variance == pytest.approx(1.5)
    assert r.adrift_pct == pytest.approx(1.5 / 84 * 100)
    assert (r.rag, r.brag) == ("amber", "amber")
    assert r.forecast is not None and r.forecast_method == TREND_METHOD
    assert r.forecast_brag is not None
    # % adrift is worked out from the forecast as printed (one decimal place)
    printed = float(round_half_up(r.forecast, 1))
    assert r.forecast_adrift_pct == pytest.approx((printed - 84) / 84 * 100)


def test_benchmarks_use_the_year_before(standard: Dataset) -> None:
    r = compute_indicators(standard, "2017-01")["cla_rate"]
    assert r.benchmark_year == "2015/16"
    assert (r.england, r.region, r.council_benchmark) == (60.0, 70.0, 76.6)
    assert (r.rank, r.rank_of, r.quartile) == (6, 11, 2)
    assert (r.region_rank, r.region_rank_of, r.region_better, r.region_worse) == (6, 9, 5, 3)
    assert (r.rank_all, r.rank_all_of) == (10, 20)
    assert r.region_name == "Test Region"
    assert r.comparators[0].name == "England" and r.comparators[-1].kind == "council"
    later = compute_indicators(standard, "2016-03")["cla_rate"]
    assert later.benchmark_year == "2014/15" and later.england == 58.0


def test_no_benchmarks_for_an_indicator_without_them(standard: Dataset) -> None:
    r = compute_indicators(standard, "2017-01")["visits"]
    assert r.england is None and r.benchmark_year is None and r.comparators == ()
    assert r.rank is None and r.quartile is None


def test_flow_year_to_date_target_and_forecast(standard: Dataset) -> None:
    """Three adoptions a month, nine in January 2017: 36 in ten months."""
    r = compute_indicators(standard, "2017-01")["adoptions"]
    assert r.value == 9.0 and r.ytd == 36.0
    assert r.ytd_last_year == 30.0  # April 2015 - January 2016
    assert r.year_start_value == 36.0  # 2015/16 total: twelve months of three
    assert r.direction_year == "improving"  # 36 against 30 at the same point
    assert r.target == 40.0 and r.target_ytd == pytest.approx(40 * 10 / 12)
    # the pro-rata target 33.3 is printed as 33 (counts have no decimals): 36 is 9.1% better
    assert r.adrift_pct == pytest.approx((33 - 36) / 33 * 100)
    assert r.brag == "blue"
    assert r.forecast == pytest.approx(36 + 3.6 * 2) and r.forecast_method == PACE_METHOD
    assert r.forecast_adrift_pct == pytest.approx((40 - 43) / 40 * 100)  # 43.2 shown as 43
    assert dict(r.target_series)["2017-01"] == pytest.approx(40 / 12)


def test_proportion_year_to_date_from_numerators(standard: Dataset) -> None:
    r = compute_indicators(standard, "2017-01")["visits"]
    rows = standard.values[
        (standard.values["indicator"] == "visits")
        & (standard.values["period"].between("2016-04", "2017-01"))
    ]
    expected = rows["numerator"].sum() / rows["denominator"].sum() * 100
    assert r.ytd == pytest.approx(expected)
    assert r.ytd != pytest.approx(rows["value"].mean())  # weighted, not a plain mean
    assert r.numerator is not None and r.denominator is not None


def test_quarterly_indicator_uses_latest_quarter(standard: Dataset) -> None:
    r = compute_indicators(standard, "2017-01")["eet"]
    assert r.value_period == "2016-12" and r.previous_period == "2016-09"
    assert r.value is not None and r.ytd == r.value


def test_series_up_to_the_period(standard: Dataset) -> None:
    r = compute_indicators(standard, "2016-06")["cla_rate"]
    assert [p for p, _ in r.series] == periods()[: periods().index("2016-06") + 1]
    assert r.series[-1][1] == r.value
    assert dict(r.count_series)["2016-03"] == 425.0
    assert dict(r.target_series)["2016-03"] == 80.0 and dict(r.target_series)["2016-06"] == 84.0
    assert dict(r.target_series)["2015-03"] is None  # no 2014/15 target
    assert compute_indicators(standard, "2017-01")["cla"].count_series == ()


def test_locality_has_no_benchmarks(standard: Dataset) -> None:
    results = compute_indicators(standard, "2017-01", "North")
    r = results["cla_rate"]
    assert results.area == "North" and r.area == "North"
    assert r.count == 133.0 and r.rate == pytest.approx(133 / 20_000 * 10_000)
    assert r.benchmark_year is None and r.neighbours_avg is None and r.comparators == ()
    assert results["adoptions"].value is None  # no locality figures: nothing, no crash
    assert results["adoptions"].brag is None and results["adoptions"].forecast is None


def test_compute_one_indicator(standard: Dataset) -> None:
    assert (
        compute_indicator(standard, "cla_rate", "2017-01")
        == compute_indicators(standard, "2017-01")["cla_rate"]
    )


# --- edge cases --------------------------------------------------------------------------


def test_missing_period_is_not_filled(build: Build) -> None:
    values: list[float | None] = [10.0, 11.0, None, 13.0, 14.0]
    ds = build(
        [CLA],
        monthly("cla", values, start="2016-08") + monthly("cla_other", [1.0] * 5, start="2016-08"),
    )
    gap = compute_indicators(ds, "2016-10")["cla"]
    assert gap.value is None and gap.direction is None and gap.change is None
    after = compute_indicators(ds, "2016-11")["cla"]
    assert (after.previous, after.previous_period) == (11.0, "2016-09")
    assert dict(after.series)["2016-10"] is None


def test_zero_denominator_gives_no_value(build: Build) -> None:
    pct = IndicatorDef(
        "pct", "P", "percent", "higher", aggregation="proportion", targets={"2016/17": 90.0}
    )
    rows = monthly(
        "pct",
        [None, None, None],
        start="2016-10",
        numerators=[9.0, 0.0, 5.0],
        denominators=[10.0, 0.0, 5.0],
    )
    ds = build([pct], rows)
    r = compute_indicators(ds, "2016-11")["pct"]
    assert r.value is None and r.brag is None and r.change is None
    last = compute_indicators(ds, "2016-12")["pct"]
    assert last.value == 100.0 and last.previous == 90.0
    # November has no figure: the previous is October's, named, and no direction is
    # claimed across the gap
    assert (last.previous_period, last.previous_gap, last.direction) == ("2016-10", "2016-11", None)
    assert last.brag == "blue"  # 100% against 90%: beaten by 11%


def test_zero_population_gives_no_rate(build: Build) -> None:
    ds = build([CLA, CLA_RATE], monthly("cla", [5.0, 6.0], start="2016-11"), {(WHOLE, 2016): 0.0})
    r = compute_indicators(ds, "2016-12")["cla_rate"]
    assert r.value is None and r.count == 6.0 and r.brag is None


def test_recorded_rate_rows_are_used_as_recorded(build: Build) -> None:
    rows = monthly("cla", [480.0, 482.0], start="2016-12") + monthly(
        "cla_rate", [85.2, 85.5], start="2016-12"
    )
    ds = build([CLA, CLA_RATE], rows, POPULATION)
    r = compute_indicators(ds, "2017-01")["cla_rate"]
    assert r.value == 85.5 and r.count == 482.0 and r.previous == 85.2


def test_zero_target_and_percentages_at_bounds(build: Build) -> None:
    zero = IndicatorDef("bnb", "Children in B&B", "count", "lower", targets={"2016/17": 0.0})
    full = IndicatorDef(
        "plans", "Plans", "percent", "higher", aggregation="proportion", targets={"2016/17": 100.0}
    )
    none = IndicatorDef(
        "none",
        "Re-referrals",
        "percent",
        "lower",
        aggregation="proportion",
        targets={"2016/17": 20.0},
    )
    rows = (
        monthly("bnb", [0.0, 1.0], start="2016-12")
        + monthly("plans", [100.0, 100.0], start="2016-12")
        + monthly("none", [0.0, 0.0], start="2016-12")
    )
    results = compute_indicators(build([zero, full, none], rows), "2017-01")
    assert results["bnb"].brag == "red" and results["bnb"].adrift_pct is None
    assert compute_indicators(build([zero], rows), "2016-12")["bnb"].brag == "green"
    assert results["plans"].brag == "green" and results["plans"].direction == "no change"
    assert results["plans"].change_pct == 0.0
    assert results["none"].brag == "blue" and results["none"].adrift_pct == -100.0
    assert results["none"].change_pct is None  # no percentage change from zero


def test_indicator_tolerance_is_used(build: Build) -> None:
    wide = IndicatorDef(
        "x", "X", "count", "lower", targets={"2016/17": 84.0}, tolerance=Tolerance(amber_pct=10.0)
    )
    r = compute_indicators(build([wide], monthly("x", [89.8], start="2017-01")), "2017-01")
    assert r["x"].brag == "amber"  # Red with the default 5%


def test_flow_with_incomplete_previous_year(build: Build) -> None:
    ds = build([ADOPTIONS], monthly("adoptions", [2.0] * 14, start="2015-12"))
    r = compute_indicators(ds, "2017-01")["adoptions"]
    assert r.year_start_value is None  # 2015/16 has only four months of data
    assert r.ytd == 20.0  # April 2016 - January 2017, all there
    assert r.ytd_last_year is None and r.direction_year is None  # 2015/16 from December only
    assert r.forecast == pytest.approx(24.0)


# --- errors ------------------------------------------------------------------------------


def test_unknown_area(standard: Dataset) -> None:
    with pytest.raises(DataError) as err:
        compute_indicators(standard, "2017-01", "Southwest")
    assert "unknown area 'Southwest'" in str(err.value)
    assert "Test Borough, North" in str(err.value)


def test_period_without_data(standard: Dataset) -> None:
    with pytest.raises(DataError) as err:
        compute_indicators(standard, "2018-01")
    assert "no data for period 2018-01" in str(err.value)
    assert "2014-04 to 2017-03" in str(err.value)


def test_badly_written_period(standard: Dataset) -> None:
    with pytest.raises(DataError, match="YYYY-MM"):
        compute_indicators(standard, "January 2017")


def test_unknown_indicator(standard: Dataset) -> None:
    with pytest.raises(DataError) as err:
        compute_indicator(standard, "lac", "2017-01")
    assert "unknown indicator 'lac'" in str(err.value) and "cla_rate" in str(err.value)


def test_empty_dataset(build: Build) -> None:
    with pytest.raises(DataError, match="no indicator values"):
        compute_indicators(build([VISITS], []), "2017-01")
