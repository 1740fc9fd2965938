"""The indicator engine: raw indicator data in, the figures a committee report quotes out.

Pure functions over the loaded ``Dataset``; nothing here knows about documents. The entry
point is ``compute_indicators(dataset, period, area)``; the rules it applies are exported
too, for tests and for stages that need one rule on its own.
"""

from reportgen.indicators.comparison import (
    Benchmarks,
    benchmark_year,
    competition_rank,
    quartile,
)
from reportgen.indicators.engine import (
    compute_indicator,
    compute_indicators,
    indicator_points,
)
from reportgen.indicators.forecast import (
    Forecast,
    linear_fit,
    pace_forecast,
    trend_forecast,
    year_end_forecast,
)
from reportgen.indicators.frames import all_councils, areas_table, breakdown
from reportgen.indicators.periods import (
    financial_year,
    months_elapsed,
    months_remaining,
    previous_financial_year,
    shift_period,
    year_end_period,
    year_start_period,
    year_to_date_periods,
)
from reportgen.indicators.rates import population_for, population_year, rate, ratio
from reportgen.indicators.result import Comparator, IndicatorResult, IndicatorSet
from reportgen.indicators.rules import adrift_pct, brag, direction, rag, year_to_date

__all__ = [
    "Benchmarks",
    "Comparator",
    "Forecast",
    "IndicatorResult",
    "IndicatorSet",
    "adrift_pct",
    "all_councils",
    "areas_table",
    "benchmark_year",
    "brag",
    "breakdown",
    "competition_rank",
    "compute_indicator",
    "compute_indicators",
    "direction",
    "financial_year",
    "indicator_points",
    "linear_fit",
    "months_elapsed",
    "months_remaining",
    "pace_forecast",
    "population_for",
    "population_year",
    "previous_financial_year",
    "quartile",
    "rag",
    "rate",
    "ratio",
    "shift_period",
    "trend_forecast",
    "year_end_forecast",
    "year_end_period",
    "year_start_period",
    "year_to_date",
    "year_to_date_periods",
]
