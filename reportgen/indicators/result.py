"""The frozen results the indicator engine hands forward to composition.

This is the contract between `indicators/` and everything after it: narratives read these
attributes by name (``{{ cla.rate | rate }}``), charts and tables read the series. Values
are full precision floats; nothing here is rounded or formatted.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from reportgen.vocabulary import Direction, Polarity, Rating, year_end_words

__all__ = [
    "Comparator",
    "Direction",
    "IndicatorResult",
    "IndicatorSet",
    "Polarity",
    "Rating",
    "percent_difference",
]

#: How a forecast was made (``vocabulary.forecast_method_words`` says it in English).
ForecastMethod = Literal["trend", "pace", "actual"]


@dataclass(frozen=True)
class Comparator:
    """One benchmark figure: England, the region, or a named statistical neighbour."""

    name: str
    kind: Literal["england", "region", "neighbour", "council"]
    value: float | None
    year: str  # e.g. "2015/16", the benchmark's reporting year
    symbol: str = ""  # why ``value`` is missing (GSS symbol), "" when it is a number


@dataclass(frozen=True)
class IndicatorResult:
    """Everything a report can say about one indicator at one period."""

    id: str
    title: str
    unit: str  # count | rate | percent | days | average
    polarity: Polarity
    period: str  # "YYYY-MM"
    area: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    rate: float | None = None  # per rate_per where the indicator is a rate, else None
    count: float | None = None  # the underlying count where a rate has one (e.g. 482 children)
    previous: float | None = None
    previous_period: str | None = None
    change: float | None = None  # value - previous, as printed (from the shown figures)
    change_pct: float | None = None  # relative change in percent of previous
    last_year: float | None = None  # same period a year earlier
    change_last_year: float | None = None
    year_start_value: float | None = None  # last value of the previous financial year
    year_start_year: str | None = None  # "2015/16": the year whose end ``year_start_value`` is
    ytd: float | None = None  # year to date (sum for flows, pooled ratio for proportions)
    direction: Direction | None = None  # against the previous period, by polarity
    direction_year: Direction | None = None  # against the previous year-end, by polarity
    target: float | None = None
    variance: float | None = None  # value - target
    adrift_pct: float | None = None  # % adrift from target; positive = worse than target
    rag: Rating | None = None  # red/amber/green (blue folded into green)
    brag: Rating | None = None
    forecast: float | None = None  # year-end forecast
    forecast_method: ForecastMethod | None = None
    forecast_adrift_pct: float | None = None
    forecast_brag: Rating | None = None
    england: float | None = None
    region: float | None = None
    neighbours_avg: float | None = None
    benchmark_year: str | None = None
    rank: int | None = None  # 1 = best among the council and its neighbours
    rank_of: int | None = None
    quartile: int | None = None  # 1 = best quartile
    comparators: tuple[Comparator, ...] = ()
    series: tuple[tuple[str, float | None], ...] = ()  # (period, value) up to `period`
    target_series: tuple[tuple[str, float | None], ...] = ()
    count_series: tuple[tuple[str, float | None], ...] = ()
    source: str = ""
    frequency: str = "monthly"
    financial_year: str = ""  # "2016/17"
    # Added by the engine (issue 2); all optional, so older code that builds results by
    # hand keeps working.
    short_title: str = ""  # chart and scorecard label; the title when not set
    theme: str = ""  # scorecard group (demand, permanency, stability...)
    aggregation: str = "stock"  # stock | flow | proportion | average: how months add up
    value_period: str | None = None  # the period `value` is for (a quarterly figure may lag)
    ytd_last_year: float | None = None  # year to date at the same month a year earlier
    target_ytd: float | None = None  # for flows: the annual target pro rata to this month
    council_benchmark: float | None = None  # the council's own published figure (benchmark_year)
    region_name: str | None = None  # "Yorkshire and the Humber"
    region_rank: int | None = None  # 1 = best among the authorities of the council's region
    region_rank_of: int | None = None
    region_better: int | None = None  # authorities in the region doing better than the council
    region_worse: int | None = None  # ... and doing worse ("eight performing more poorly")
    rank_all: int | None = None  # 1 = best among all authorities with a published figure
    rank_all_of: int | None = None
    # Added for issue 15 (figures and words an officer can sign off).
    decimals: int = 1  # places every figure of this indicator is shown with
    rate_per: int | None = None  # 10000 for "per 10,000", 1000 for "per 1,000"
    denominator_ref: str | None = None  # "population:0-17": who a rate is per
    symbol: str = ""  # why ``value`` is missing (GSS symbol: c, x, z, u, low, k)
    previous_gap: str | None = None  # the month before ``value_period`` had no figure
    ytd_missing: tuple[str, ...] = ()  # months of the year so far with no figure
    symbols: tuple[tuple[str, str], ...] = ()  # (period, symbol) for missing months
    neighbours_used: int | None = None  # neighbours with a published figure ("9 of 10")
    neighbours_total: int | None = None
    rank_tied: bool = False  # another neighbour has the same figure ("joint 7th")
    rank_all_tied: bool = False
    region_rank_tied: bool = False
    # Issue 19: the regional comparison counts in the engine, not in the wording.
    region_level: int | None = None  # other authorities of the region with the same figure

    @property
    def year_start_label(self) -> str | None:
        """'2015/16 year-end' (the words come from the vocabulary)."""
        return year_end_words(self.year_start_year) if self.year_start_year else None

    @property
    def has_target(self) -> bool:
        return self.target is not None


@dataclass(frozen=True)
class IndicatorSet(Mapping[str, IndicatorResult]):
    """The results for one period and area, looked up by indicator id."""

    period: str
    area: str
    results: Mapping[str, IndicatorResult] = field(default_factory=dict)

    def __getitem__(self, key: str) -> IndicatorResult:
        return self.results[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def percent_difference(value: float | None, other: float | None) -> float | None:
    """How far ``value`` is above (+) or below (-) ``other``, in percent of ``other``;
    None when either is missing or ``other`` is 0 (no base to compare with). Here, beside
    the results, because composition may import only this module's kind (typed results):
    a report that prints it beside figures passes the figures as shown."""
    if value is None or other is None or math.isnan(value) or math.isnan(other) or not other:
        return None
    return (value - other) / abs(other) * 100
