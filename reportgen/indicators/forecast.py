"""Year-end forecasts: where an indicator will be at the end of March if trends continue.

Two simple, explainable methods, because a committee must be able to check a forecast by
hand and officers quote the method ("on current trends..."):

* snapshots (stocks, proportions, averages): an ordinary least-squares straight line
  through the last 12 monthly values (at least 3 needed), read off at March. Twelve months
  is long enough to smooth a month's noise and short enough to follow a turn in the trend.
* counts per month (flows, e.g. adoptions): the year to date plus the average monthly
  count so far for each month left, i.e. the year-to-date pace carried to March.

At the year-end itself the forecast is the actual. Forecasts stay inside what the unit
allows (no negative counts, no percentage above 100).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.data.dataset import Aggregation
from reportgen.indicators.periods import (
    month_index,
    months_elapsed,
    months_remaining,
    year_end_period,
)
from reportgen.indicators.rates import known
from reportgen.indicators.result import ForecastMethod

TREND_MONTHS = 12
MIN_POINTS = 3

# Method codes; ``vocabulary.forecast_method_words`` says them in English (the engine
# produces no sentences).
TREND_METHOD: ForecastMethod = "trend"
PACE_METHOD: ForecastMethod = "pace"
ACTUAL_METHOD: ForecastMethod = "actual"


@dataclass(frozen=True)
class Forecast:
    value: float
    method: ForecastMethod


def linear_fit(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Least-squares (slope, intercept) of y on x; None with under 2 distinct x values."""
    n = len(points)
    if n < 2:
        return None
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


def trend_forecast(
    series: Sequence[tuple[str, float | None]], period: str, months: int = TREND_MONTHS
) -> float | None:
    """The straight line through the known values of the ``months`` up to ``period``,
    evaluated at the March closing the period's financial year."""
    end = month_index(period)
    points = [
        (float(month_index(p)), float(v))  # type: ignore[arg-type]
        for p, v in series
        if known(v) and end - months < month_index(p) <= end
    ]
    if len(points) < MIN_POINTS:
        return None
    fit = linear_fit(points)
    if fit is None:
        return None
    slope, intercept = fit
    return slope * month_index(year_end_period(period)) + intercept


def pace_forecast(ytd_values: Sequence[float | None], period: str) -> float | None:
    """Year to date plus the mean monthly count so far times the months left. A month of
    the year so far without a figure is counted at that same mean pace."""
    present = [float(v) for v in ytd_values if known(v)]  # type: ignore[arg-type]
    if not present:
        return None
    pace = sum(present) / len(present)
    return sum(present) + pace * (months_elapsed(period) - len(present) + months_remaining(period))


def clamp(value: float, unit: str) -> float:
    """Keep a projection inside the unit's range."""
    value = max(value, 0.0)  # every indicator unit (count, rate, percent, days) is >= 0
    return min(value, 100.0) if unit == "percent" else value


def year_end_forecast(
    aggregation: Aggregation,
    unit: str,
    series: Sequence[tuple[str, float | None]],
    period: str,
    ytd_values: Sequence[float | None] = (),
) -> Forecast | None:
    """The year-end forecast for one indicator by its aggregation (see module docstring).

    ``series`` is (period, value) up to and including ``period``; ``ytd_values`` the values
    from April to ``period`` (used for flows). None when there is too little data.
    """
    if aggregation == "flow":
        if months_remaining(period) == 0:
            present = [float(v) for v in ytd_values if known(v)]  # type: ignore[arg-type]
            if present and len(present) == len(ytd_values):
                return Forecast(sum(present), ACTUAL_METHOD)
        value = pace_forecast(ytd_values, period)
        return None if value is None else Forecast(clamp(value, unit), PACE_METHOD)
    if months_remaining(period) == 0:
        latest = dict(series).get(period)
        return Forecast(float(latest), ACTUAL_METHOD) if known(latest) else None  # type: ignore[arg-type]
    value = trend_forecast(series, period)
    return None if value is None else Forecast(clamp(value, unit), TREND_METHOD)
