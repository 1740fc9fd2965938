"""Rates per head of population and ratios, kept at full precision.

A rate is what a committee compares ("85.5 per 10,000 aged under 18"), but the count is
what changes month to month ("482 children"): both are carried forward, never rounded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from reportgen.data.dataset import population_year as loader_population_year

PER_10K = 10_000


def known(value: float | None) -> bool:
    """True for a real number: None and NaN are both 'no figure'."""
    return value is not None and not math.isnan(value)


def rate(count: float | None, population: float | None, per: int = PER_10K) -> float | None:
    """``count`` per ``per`` of ``population``; None when either is missing or there are
    no people to divide by (a zero or negative population is missing data, not infinity)."""
    if not known(count) or not known(population) or population is None or population <= 0:
        return None
    assert count is not None
    return count / population * per


def ratio(numerator: float | None, denominator: float | None, scale: float = 100.0) -> float | None:
    """numerator / denominator x scale (100 for a percentage); None on a zero denominator,
    since "0 of 0 children" is no performance at all, not 0% or 100%."""
    if not known(numerator) or not known(denominator) or denominator == 0:
        return None
    assert numerator is not None and denominator is not None
    return numerator / denominator * scale


def population_year(period: str) -> int:
    """Which mid-year estimate applies to a period: the one for the June inside the
    period's financial year (2017-01 -> mid-2016). This is what DfE does for its
    31 March rates (mid-2015 for March 2016), so our rates match the published ones. The
    loader derives rates with the same rule; this is its function, so the two cannot drift."""
    return loader_population_year(period)


def population_for(by_year: Mapping[int, float], period: str) -> float | None:
    """The estimate for ``population_year(period)``; when that year has not been published
    yet, the latest earlier one (councils keep using it until the next release); if the
    data only starts later, the earliest there is."""
    if not by_year:
        return None
    wanted = population_year(period)
    earlier = [y for y in by_year if y <= wanted]
    year = max(earlier) if earlier else min(by_year)
    return by_year[year]
