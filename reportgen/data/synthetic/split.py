"""Splitting the whole council's figures across localities so that they add up exactly.

Counts, numerators and denominators are shared out by largest-remainder apportionment on
slowly drifting locality shares: every month the localities sum to the whole, and a
locality's series is as smooth as the whole's (independent random splits would make a
locality's children in care jump by ten a month). A locality's percentage is its numerator
over its denominator, so the whole's percentage is the summed numerators over the summed
denominators, as the brief for localities requires.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from reportgen.data.synthetic.series import Measure

# Population share and demand (children in care relative to population) per locality:
# Central is the most deprived part of the borough.
DEFAULT_LOCALITIES: dict[str, tuple[float, float]] = {
    "North": (0.24, 0.85),
    "South": (0.27, 0.90),
    "East": (0.22, 1.0),
    "Central": (0.27, 1.3),
}
# How strongly each kind of demand follows deprivation (exponent on the demand factor).
BASE_EXPONENTS = {
    "pop": 0.0,
    "cla": 1.0,
    "cin": 0.8,
    "cpp": 1.1,
    "ref": 0.7,
    "leavers": 1.0,
    "staff": 0.9,
}


def apportion(total: float, weights: np.ndarray, step: float = 1.0) -> np.ndarray:
    """Share ``total`` (a multiple of ``step``) by ``weights``; the parts sum to ``total``."""
    units = int(np.rint(total / step))
    weights = np.asarray(weights, dtype=float)
    if units <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights))
    quotas = units * weights / weights.sum()
    parts = np.floor(quotas)
    left = units - int(parts.sum())
    if left:
        order = np.argsort(-(quotas - parts), kind="stable")
        order = order[weights[order] > 0]
        parts[order[:left]] += 1
    return np.asarray(np.round(parts * step, 1 if step == 0.1 else 0), dtype=float)


def apportion_rows(totals: np.ndarray, weights: np.ndarray, step: float = 1.0) -> np.ndarray:
    """``apportion`` for every row at once: row ``t`` shares ``totals[t]`` by ``weights[t]``."""
    totals = np.asarray(totals, dtype=float)
    weights = np.asarray(weights, dtype=float)
    units = np.rint(totals / step)
    sums = weights.sum(axis=1)
    ok = (units > 0) & (sums > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        quotas = np.where(ok[:, None], units[:, None] * weights / sums[:, None], 0.0)
    parts = np.floor(quotas)
    left = np.where(ok, units - parts.sum(axis=1), 0.0)
    frac = np.where(weights > 0, quotas - parts, -1.0)
    order = np.argsort(-frac, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(weights.shape[1])[None, :], axis=1)
    parts += rank < left[:, None]
    return np.asarray(np.round(parts * step, 1 if step == 0.1 else 0), dtype=float)


class Localities:
    """Locality shares for each kind of demand, month by month."""

    def __init__(self, areas: Sequence[str], n_periods: int, rng: np.random.Generator) -> None:
        self.areas = list(areas)
        if all(a in DEFAULT_LOCALITIES for a in self.areas):
            share = np.array([DEFAULT_LOCALITIES[a][0] for a in self.areas])
            demand = np.array([DEFAULT_LOCALITIES[a][1] for a in self.areas])
        else:
            share = rng.gamma(8.0, 1.0, len(self.areas))
            demand = np.exp(rng.normal(0.0, 0.25, len(self.areas)))
        self.share = share / share.sum()
        self.weights: dict[str, np.ndarray] = {}
        for base, exponent in BASE_EXPONENTS.items():
            drift = np.exp(np.cumsum(rng.normal(0.0, 0.008, (n_periods, len(self.areas))), 0))
            self.weights[base] = self.share * demand**exponent * (drift if exponent else 1.0)
        self.rng = rng

    def performance(self, spread: float = 0.05) -> np.ndarray:
        """Per-locality multipliers on a percentage: some localities do better than others."""
        return np.clip(self.rng.normal(1.0, spread, len(self.areas)), 0.8, 1.2)

    def population(self, whole: Mapping[int, float]) -> dict[int, np.ndarray]:
        return {
            year: apportion(
                total, self.share * (1 + 0.002 * (year - 2014)) ** np.arange(len(self.areas))
            )
            for year, total in whole.items()
        }

    def split(self, measure: Measure) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """(values, numerators, denominators), each periods x localities."""
        w = np.broadcast_to(self.weights[measure.base], (len(measure.value), len(self.areas)))
        n = len(measure.value)
        if measure.num is None or measure.den is None:
            return apportion_rows(measure.value, w), None, None
        perf = self.performance()
        dens = apportion_rows(measure.den, w, measure.den_step)
        nums = apportion_rows(measure.num, dens * perf, measure.num_step)
        if measure.bounded:
            for t in range(n):
                nums[t] = _cap(nums[t], dens[t], measure.num_step)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(dens > 0, nums / dens * measure.scale, np.nan)
        return values, nums, dens


def _cap(nums: np.ndarray, dens: np.ndarray, step: float) -> np.ndarray:
    """Move any numerator above its denominator to localities with room, keeping the sum."""
    nums = nums.copy()
    excess = np.maximum(nums - dens, 0.0).sum()
    nums = np.minimum(nums, dens)
    while excess > step / 2:
        room = dens - nums
        i = int(np.argmax(room))
        move = min(room[i], excess)
        nums[i] += move
        excess -= move
    return np.round(nums, 1 if step == 0.1 else 0)
