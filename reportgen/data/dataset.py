"""The loaded data: the contract between data loading and the indicator engine.

Everything here is raw (as published or as recorded), in long format, validated on load,
never rounded. The loader (``reportgen.data.load_dataset``) builds it from a folder of
CSV or XLSX files; tests and the benchmark build it from generated frames. Hashable by
identity so that per-process caches (``reportgen.api``) can key on it.

Frames and their columns (all strings unless said):

``values``      indicator, area, period ("YYYY-MM"), value (float), numerator (float|NaN),
                denominator (float|NaN), symbol (str: the GSS symbol of a missing value,
                "c", "x", "z", "u", "low", "k"; "" where the value is a number).
                Monthly snapshot or monthly flow, one row per indicator x area x period.
                ``area`` is the council's own name for its whole area ("Example
                Borough") or a locality ("North", ...).
``population``  area, year (int: mid-year estimate year), age_band ("0-17"), population (float)
``benchmarks``  indicator, year ("2015/16"), code (authority code or "E92000001" England,
                "E12000004" region...), name, kind ("england"|"region"|"authority"), value.
                Every English children's services authority's published annual figure
                where there is one; the council's own row has its own code.
``councils``    code, name, region, deprivation (float: IDACI average score, higher = more
                deprived), under18 (float, population aged 0-17), neighbour (bool: one of
                the council's 10 statistical neighbours), own (bool: the council itself)
``breakdowns``  indicator, area, period, dimension ("gender", "ethnicity", "age_band",
                "time_in_care", ...), category, count (float), value (float|NaN: a rate or
                percentage for the category where the indicator has one)

Derived rates (added by the data helper): a definition whose ``numerator`` names another
indicator (``cla_rate``: numerator ``cla``, denominator ``population:0-17``) has no rows in
the values file; the loader computes them, full precision, into ``values`` so every
indicator has rows: value = numerator / denominator x rate_per, with numerator and
denominator filled in. A ``population:<band>`` denominator for period P uses the mid-year
estimate of ``population_year(P)``: the calendar year in which P's financial year starts
(2017-01 -> 2016), i.e. the estimate for the middle of the reporting year's first quarter.
A blank value in a values file is NaN ("not available"); rows missing altogether are
missing periods.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd

from reportgen.vocabulary import Polarity, Unit

# How a monthly series adds up over a year: a stock is a snapshot (children in care at
# month end: the year-end value is the last month); a flow is counted per month (adoptions:
# the year-to-date is the sum); a proportion is a percentage of a monthly cohort (YTD is
# sum(numerator)/sum(denominator) where both exist, else the mean).
Aggregation = Literal["stock", "flow", "proportion", "average"]


def financial_year(period: str) -> str:
    """ "2017-01" -> "2016/17": UK councils report April to March."""
    year, month = int(period[:4]), int(period[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def population_year(period: str) -> int:
    """The mid-year estimate a rate for ``period`` divides by: the financial year's start."""
    return int(financial_year(period)[:4])


@dataclass(frozen=True)
class SourceFile:
    """Provenance of one loaded file, for the report's data notes and for cache keys."""

    name: str  # "values.csv", "values.xlsx"
    path: Path
    sheet: str | None  # the worksheet read, for XLSX
    rows: int  # data rows (header excluded)
    sha256: str


@dataclass(frozen=True)
class Tolerance:
    """BRAG thresholds in percent of target (the Derby performance surgery template): amber within
    ``amber_pct`` adrift,
    red beyond it; blue when the target is beaten by ``blue_pct`` or more."""

    amber_pct: float = 5.0
    blue_pct: float = 2.0


@dataclass(frozen=True)
class Materiality:
    """``stable_within``: a change this small is "broadly stable", not better or worse.

    ``amount`` is in the indicator's unit (2 children, 0.5 percentage points), or, with
    ``percent``, a percentage of the previous value (1% of last month's figure).
    """

    amount: float
    percent: bool = False

    def covers(self, change: float, previous: float) -> bool:
        limit = abs(previous) * self.amount / 100 if self.percent else self.amount
        return abs(change) <= limit + 1e-9


@dataclass(frozen=True)
class IndicatorDef:
    id: str
    title: str
    unit: Unit
    polarity: Polarity
    short_title: str = ""  # for chart labels and scorecards; defaults to title
    definition: str = ""  # the plain-English definition (performance template overview)
    aggregation: Aggregation = "stock"
    rate_per: int | None = None  # 10000 for "per 10,000 aged under 18"
    numerator: str | None = None  # id of the count indicator a rate is built from
    denominator: str | None = None  # "population:0-17" or an indicator id
    targets: Mapping[str, float] = field(default_factory=dict)  # "2016/17" -> target
    tolerance: Tolerance = Tolerance()
    source: str = ""
    frequency: Literal["monthly", "quarterly", "annual"] = "monthly"
    theme: str = ""  # scorecard group: demand, permanency, stability, quality, workforce...
    benchmark_id: str | None = None  # id in benchmarks.csv when it differs from ``id``
    decimals: int | None = None  # places shown everywhere; None: the unit's default
    stable_within: Materiality | None = None  # a smaller change is "broadly stable"

    def target_for(self, financial_year: str) -> float | None:
        return self.targets.get(financial_year)

    @property
    def label(self) -> str:
        return self.short_title or self.title

    @property
    def scale(self) -> float:
        """What numerator / denominator is multiplied by: per 10,000, per cent, or 1."""
        if self.unit == "rate":
            return float(self.rate_per or 10_000)
        return 100.0 if self.unit == "percent" else 1.0


@dataclass(frozen=True, eq=False)
class Dataset:
    folder: Path | None
    council: str  # "Example Borough Council"
    council_code: str  # its code in ``councils`` and ``benchmarks``
    whole_area: str  # the ``area`` value for the whole council ("Example Borough")
    definitions: Mapping[str, IndicatorDef]
    values: pd.DataFrame
    population: pd.DataFrame
    benchmarks: pd.DataFrame
    councils: pd.DataFrame
    breakdowns: pd.DataFrame
    sources: tuple[SourceFile, ...] = ()  # provenance, in load order; empty when generated
    notes: str = ""  # dataset.yaml ``source_notes``: where the figures come from

    @cached_property
    def areas(self) -> list[str]:
        """The whole area first, then localities in file order.

        Cached (the frames are never changed after loading): a scan of ``values`` costs
        0.1 s on a 152-area dataset, and composing one report asked for it several times.
        """
        seen = list(dict.fromkeys(self.values["area"]))
        return [self.whole_area] + [a for a in seen if a != self.whole_area]

    @cached_property
    def periods(self) -> list[str]:
        return sorted(set(self.values["period"]))

    def latest_period(self) -> str:
        return self.periods[-1]

    def population_for(self, area: str, period: str, age_band: str = "0-17") -> float | None:
        """The population a rate for ``area`` in ``period`` divides by (see module doc)."""
        pop = self.population
        hit = pop[
            (pop["area"] == area)
            & (pop["age_band"] == age_band)
            & (pop["year"] == population_year(period))
        ]
        return float(hit["population"].iloc[0]) if len(hit) else None
