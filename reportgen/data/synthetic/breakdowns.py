"""Equalities breakdowns: who the children in care are, and who is re-referred.

The Derby performance surgery template asks about gender, ethnicity, age and time in
care; the corporate parenting board's scorecard reports gender and ethnicity. Counts are apportioned
from each locality's own figure so that categories add up to the indicator's value, and
the whole area's breakdown is the sum of its localities'.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from reportgen.data.synthetic.split import apportion, apportion_rows

CLA_DIMENSIONS: dict[str, dict[str, float]] = {
    "gender": {"Male": 0.56, "Female": 0.44},
    "ethnicity": {
        "White British": 0.78,
        "Mixed": 0.08,
        "Asian/Asian British": 0.06,
        "Black/Black British": 0.05,
        "Other": 0.03,
    },
    "age_band": {"Under 1": 0.06, "1-4": 0.15, "5-9": 0.19, "10-15": 0.38, "16+": 0.22},
    "time_in_care": {
        "Less than 1 year": 0.30,
        "1-2 years": 0.20,
        "2-5 years": 0.27,
        "5+ years": 0.23,
    },
}
REFERRAL_DIMENSIONS: dict[str, dict[str, float]] = {
    "gender": {"Male": 0.51, "Female": 0.49},
    "age_band": {"Under 1": 0.09, "1-4": 0.22, "5-9": 0.24, "10-15": 0.33, "16+": 0.12},
}


def _shares(base: dict[str, float], n_periods: int, rng: np.random.Generator) -> np.ndarray:
    """Category shares per period: a locality tilt and a slow drift on the base mix."""
    tilt = np.exp(rng.normal(0.0, 0.12, len(base)))
    drift = np.exp(np.cumsum(rng.normal(0.0, 0.01, (n_periods, len(base))), axis=0))
    shares = np.array(list(base.values())) * tilt * drift
    return np.asarray(shares / shares.sum(axis=1, keepdims=True), dtype=float)


def cla_breakdowns(
    counts: np.ndarray, areas: Sequence[str], periods: Sequence[str], rng: np.random.Generator
) -> list[pd.DataFrame]:
    """``counts`` is periods x areas (localities, or just the whole area)."""
    frames = []
    for dimension, base in CLA_DIMENSIONS.items():
        for a, area in enumerate(areas):
            shares = _shares(base, len(periods), rng)
            parts = apportion_rows(counts[:, a], shares)
            frames.append(_frame("cla", area, periods, dimension, list(base), parts, None))
    return frames


def rereferral_breakdowns(
    nums: np.ndarray,
    dens: np.ndarray,
    areas: Sequence[str],
    periods: Sequence[str],
    rng: np.random.Generator,
) -> list[pd.DataFrame]:
    frames = []
    for dimension, base in REFERRAL_DIMENSIONS.items():
        for a, area in enumerate(areas):
            shares = _shares(base, len(periods), rng)
            risk = np.exp(rng.normal(0.0, 0.15, len(base)))
            den = apportion_rows(dens[:, a], shares)
            num = np.vstack([_bounded(nums[t, a], den[t], risk) for t in range(len(periods))])
            frames.append(_frame("rereferrals", area, periods, dimension, list(base), num, den))
    return frames


def _bounded(total: float, den: np.ndarray, risk: np.ndarray) -> np.ndarray:
    parts = apportion(total, den * risk)
    excess = np.maximum(parts - den, 0).sum()
    parts = np.minimum(parts, den)
    while excess > 0:
        i = int(np.argmax(den - parts))
        parts[i] += 1
        excess -= 1
    return np.asarray(parts, dtype=float)


def _frame(
    indicator: str,
    area: str,
    periods: Sequence[str],
    dimension: str,
    categories: list[str],
    counts: np.ndarray,
    dens: np.ndarray | None,
) -> pd.DataFrame:
    """Rows for one area and dimension; ``_den`` (dropped before writing) lets the whole
    area's percentage be summed numerators over summed denominators."""
    n, k = counts.shape
    value = np.full(n * k, np.nan)
    den = np.full(n * k, np.nan) if dens is None else dens.reshape(-1).astype(float)
    if dens is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(den > 0, counts.reshape(-1) / den * 100, np.nan)
    return pd.DataFrame(
        {
            "indicator": indicator,
            "area": area,
            "period": np.repeat(np.asarray(periods), k),
            "dimension": dimension,
            "category": np.tile(categories, n),
            "count": counts.reshape(-1).astype(float),
            "value": value,
            "_den": den,
        }
    )


def whole_from_localities(frames: list[pd.DataFrame], whole: str) -> pd.DataFrame:
    """The whole area's breakdown: locality counts (and re-referral denominators) summed."""
    localities = pd.concat(frames, ignore_index=True)
    keys = ["indicator", "period", "dimension", "category"]
    summed = localities.groupby(keys, sort=False, as_index=False).agg(
        count=("count", "sum"), _den=("_den", lambda d: d.sum(min_count=1))
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        summed["value"] = np.where(
            summed["_den"] > 0, summed["count"] / summed["_den"] * 100, np.nan
        )
    summed.insert(1, "area", whole)
    return summed[["indicator", "area", "period", "dimension", "category", "count", "value"]]
