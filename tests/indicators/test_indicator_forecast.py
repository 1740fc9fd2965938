"""Year-end forecasts on series whose answer is known by construction."""

from __future__ import annotations

import pytest

from reportgen.indicators import (
    linear_fit,
    pace_forecast,
    shift_period,
    trend_forecast,
    year_end_forecast,
)
from reportgen.indicators.forecast import ACTUAL_METHOD, PACE_METHOD, TREND_METHOD


def linear(start: str, n: int, first: float, step: float) -> list[tuple[str, float | None]]:
    return [(shift_period(start, i), first + step * i) for i in range(n)]


def test_linear_fit_exact() -> None:
    assert linear_fit([(0, 1.0), (1, 3.0), (2, 5.0)]) == pytest.approx((2.0, 1.0))
    assert linear_fit([(1, 1.0), (1, 2.0)]) is None  # no spread in x
    assert linear_fit([(1, 1.0)]) is None


def test_trend_projects_a_perfect_line_to_march() -> None:
    """100, 102, ... up to January 2017 (value 146 at 24 months): March is 2 more steps."""
    series = linear("2015-01", 25, 100.0, 2.0)
    assert series[-1] == ("2017-01", 148.0)
    assert trend_forecast(series, "2017-01") == pytest.approx(152.0)
    forecast = year_end_forecast("stock", "rate", series, "2017-01")
    assert forecast is not None
    assert forecast.value == pytest.approx(152.0) and forecast.method == TREND_METHOD


def test_trend_uses_only_the_last_twelve_months() -> None:
    """An old level shift beyond 12 months does not bend the line."""
    old = [(shift_period("2015-01", i), 500.0) for i in range(12)]
    recent = linear("2016-01", 13, 10.0, 1.0)  # Jan 2016 .. Jan 2017: 10 .. 22
    assert trend_forecast(old + recent, "2017-01") == pytest.approx(24.0)


def test_trend_skips_gaps_and_needs_three_points() -> None:
    series: list[tuple[str, float | None]] = [
        ("2016-10", 10.0),
        ("2016-11", None),
        ("2016-12", 12.0),
        ("2017-01", 13.0),
    ]
    assert trend_forecast(series, "2017-01") == pytest.approx(15.0)
    assert trend_forecast(series[1:], "2017-01") is None  # only two known points
    assert year_end_forecast("stock", "count", series[2:], "2017-01") is None


def test_flow_forecast_is_year_to_date_pace() -> None:
    """The corporate parenting report: 29 adoptions in ten months, 2.9 a month for two more months:
    34.8."""
    months = [3.0] * 9 + [2.0]
    assert sum(months) == 29.0
    assert pace_forecast(months, "2017-01") == pytest.approx(34.8)
    forecast = year_end_forecast("flow", "count", [], "2017-01", months)
    assert forecast is not None and forecast.method == PACE_METHOD
    assert forecast.value == pytest.approx(34.8)


def test_flow_forecast_counts_missing_months_at_the_same_pace() -> None:
    months: list[float | None] = [3.0, None, 3.0, 3.0]  # April to July, May missing
    assert pace_forecast(months, "2016-07") == pytest.approx(36.0)
    march: list[float | None] = [3.0] * 11 + [None]
    forecast = year_end_forecast("flow", "count", [], "2017-03", march)
    assert forecast is not None and forecast.method == PACE_METHOD
    assert forecast.value == pytest.approx(36.0)


def test_flow_forecast_without_data() -> None:
    assert year_end_forecast("flow", "count", [], "2017-01", [None, None]) is None


def test_year_end_forecast_is_the_actual() -> None:
    series = linear("2016-04", 12, 50.0, 1.0)
    stock = year_end_forecast("proportion", "percent", series, "2017-03")
    assert stock is not None and stock.value == 61.0 and stock.method == ACTUAL_METHOD
    flow = year_end_forecast("flow", "count", series, "2017-03", [1.0] * 12)
    assert flow is not None and flow.value == 12.0 and flow.method == ACTUAL_METHOD


def test_forecasts_stay_inside_the_unit() -> None:
    rising = linear("2016-02", 12, 89.0, 1.0)  # reaches 100 in January: 102 by March
    percent = year_end_forecast("proportion", "percent", rising, "2017-01")
    assert percent is not None and percent.value == 100.0
    falling = linear("2016-02", 12, 10.0, -1.0)  # -1 in January
    count = year_end_forecast("stock", "count", falling, "2017-01")
    assert count is not None and count.value == 0.0
