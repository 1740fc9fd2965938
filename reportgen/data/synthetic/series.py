"""Monthly series for the whole council: trend + seasonality + noise, pinned to a real January 2017.

Each series follows a path through anchor points (piecewise linear in months) with AR(1)
noise on top; the noise fades to nothing at the calibration points, which are then pinned
exactly, so the published figures of the January 2017 corporate parenting report (482 children in
care at 85.5 per 10,000 in
January 2017, 3+ placements 11.7% after 12.8%, ...) come out of any seed without a jump
beside them. Percentages are built from whole-number numerators and denominators, as a case
management system counts them, so localities can be summed back to the whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

# Mid-year estimates, children aged 0-17, whole area: 482 / 56,374 x 10,000 = 85.50 (2017-01)
# and 430 / 56,150 x 10,000 = 76.58 (2016-03, the 2015/16 year-end).
POPULATION = {2013: 55610.0, 2014: 55820.0, 2015: 56150.0, 2016: 56374.0, 2017: 56590.0}

# Referrals dip in the August and December school holidays (the county children's social care
# report).
SEASON = np.array([1.05, 1.0, 1.0, 0.95, 1.05, 1.05, 1.05, 0.8, 1.0, 1.1, 1.1, 0.85])


@dataclass
class Measure:
    """One indicator's whole-area series and how to split it across localities."""

    value: np.ndarray
    num: np.ndarray | None = None
    den: np.ndarray | None = None
    scale: float = 1.0  # 100 for a percentage, 1 for an average
    num_step: float = 1.0  # counts are whole numbers; FTE are in tenths
    den_step: float = 1.0
    base: str = "pop"  # which locality shares split it (see split.py)
    bounded: bool = True  # numerator can never exceed denominator


def month_range(start: str, end: str) -> list[str]:
    first = int(start[:4]) * 12 + int(start[5:7]) - 1
    last = int(end[:4]) * 12 + int(end[5:7]) - 1
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(first, last + 1)]


class Whole:
    """Builds the whole-area measures for ``periods`` from one seeded generator."""

    def __init__(self, periods: list[str], rng: np.random.Generator) -> None:
        self.periods = periods
        self.n = len(periods)
        self.rng = rng
        self.origin = self._abs(periods[0])
        self.months = np.array([int(p[5:7]) for p in periods])

    @staticmethod
    def _abs(period: str) -> int:
        return int(period[:4]) * 12 + int(period[5:7]) - 1

    def idx(self, period: str) -> int:
        return self._abs(period) - self.origin

    def path(self, anchors: Mapping[str, float]) -> np.ndarray:
        xs = [self.idx(p) for p in anchors]
        return np.interp(np.arange(self.n), xs, list(anchors.values()))

    def noise(self, sd: float, pins: Mapping[str, float] = {}, phi: float = 0.6) -> np.ndarray:
        """AR(1) noise, fading to zero within three months of a pinned period."""
        shocks = self.rng.normal(0.0, sd, self.n)
        out = np.empty(self.n)
        out[0] = shocks[0]
        for t in range(1, self.n):
            out[t] = phi * out[t - 1] + np.sqrt(1 - phi**2) * shocks[t]
        taper = np.ones(self.n)
        for p in pins:
            i = self.idx(p)
            if 0 <= i < self.n:
                taper = np.minimum(taper, np.abs(np.arange(self.n) - i) / 3.0)
        return out * taper

    def pin(self, series: np.ndarray, pins: Mapping[str, float]) -> np.ndarray:
        series = series.copy()
        for p, v in pins.items():
            if 0 <= self.idx(p) < self.n:
                series[self.idx(p)] = v
        return series

    def count(
        self,
        anchors: Mapping[str, float],
        sd: float,
        pins: Mapping[str, float] = {},
        base: str = "pop",
        season: np.ndarray | None = None,
    ) -> Measure:
        raw = self.path(anchors) + self.noise(sd, pins)
        if season is not None:
            raw = raw * season[self.months - 1]
        return Measure(value=self.pin(np.maximum(np.round(raw), 0.0), pins), base=base)

    def ratio(
        self,
        den: np.ndarray,
        pct: Mapping[str, float],
        sd: float,
        pins: Mapping[str, float] = {},
        *,
        scale: float = 100.0,
        num_step: float = 1.0,
        den_step: float = 1.0,
        base: str = "pop",
        binomial: bool = False,
        num: np.ndarray | None = None,
    ) -> Measure:
        """A percentage (or average) from a denominator series and a path for the figure.

        Given ``num`` (caseload: the children allocated), only the denominator moves to hit
        a pinned figure.
        """
        fix_num = num is not None
        num = None if num is None else np.asarray(num, dtype=float).copy()
        den = np.maximum(_round(den, den_step), den_step)
        target = np.clip(self.path(pct) + self.noise(sd, pins), 0.0, scale)
        if num is None:
            if binomial:
                num = self.rng.binomial(den.astype(int), target / scale).astype(float)
            else:
                num = np.minimum(_round(target / scale * den, num_step), den)
        for p, v in pins.items():
            i = self.idx(p)
            if 0 <= i < self.n:
                fixed = num[i] if fix_num else None
                num[i], den[i] = fit(v, den[i], scale, num_step, den_step, fixed)
        return Measure(
            value=num / den * scale,
            num=num,
            den=den,
            scale=scale,
            num_step=num_step,
            den_step=den_step,
            base=base,
            bounded=scale == 100.0,
        )


def _round(values: np.ndarray, step: float) -> np.ndarray:
    decimals = 1 if step == 0.1 else 0
    return np.round(np.round(np.asarray(values, dtype=float) / step) * step, decimals)


def fit(
    target: float,
    near: float,
    scale: float,
    num_step: float,
    den_step: float,
    num_fixed: float | None = None,
    tolerance: float = 0.045,
) -> tuple[float, float]:
    """The (numerator, denominator) closest to ``near`` whose figure rounds to ``target``."""
    for k in range(2000):
        for den in (near + k * den_step, near - k * den_step):
            den = float(_round(np.array([den]), den_step)[0])
            if den <= 0:
                continue
            num = (
                num_fixed
                if num_fixed is not None
                else float(_round(np.array([target / scale * den]), num_step)[0])
            )
            if abs(num / den * scale - target) < tolerance:
                return num, den
    raise ValueError(f"cannot fit {target} near {near}")  # pragma: no cover


def build(periods: list[str], rng: np.random.Generator) -> dict[str, Measure]:
    """Every raw (non-derived) indicator for the whole area, keyed by id."""
    w = Whole(periods, rng)
    out: dict[str, Measure] = {}
    for step in (
        _demand,
        _front_door,
        _protection,
        _looked_after,
        _permanency,
        _leavers,
        _workforce,
    ):
        step(w, out)
    return out


Step = Callable[[Whole, dict[str, Measure]], None]


def _demand(w: Whole, out: dict[str, Measure]) -> None:
    out["cla"] = w.count(
        {
            "2014-04": 404,
            "2014-09": 410,
            "2015-03": 417,
            "2015-09": 421,
            "2016-03": 430,
            "2016-06": 441,
            "2016-09": 456,
            "2016-12": 476,
            "2017-01": 482,
            "2017-03": 491,
        },
        sd=2.5,
        pins={"2016-03": 430, "2016-12": 476, "2017-01": 482},
        base="cla",
    )
    out["cin"] = w.count(
        {"2014-04": 1842, "2015-03": 1880, "2016-03": 1905, "2017-01": 1951, "2017-03": 1940},
        sd=14,
        pins={"2016-03": 1905, "2017-01": 1951},
        base="cin",
    )


def _front_door(w: Whole, out: dict[str, Measure]) -> None:
    referrals = w.count({"2014-04": 262, "2017-03": 248}, sd=12, base="ref", season=SEASON)
    re = w.ratio(
        referrals.value,
        {"2014-04": 23.8, "2015-06": 23.0, "2016-06": 22.0, "2017-03": 21.4},
        sd=1.2,
        pins={"2017-01": 21.7},
        base="ref",
    )
    assert re.den is not None
    referrals.value = re.den.copy()  # re-referrals are a share of the month's referrals
    out["referrals"], out["rereferrals"] = referrals, re
    done = w.path({"2014-04": 228, "2017-03": 252}) * np.roll(SEASON, 1)[w.months - 1]
    out["assessments_45"] = w.ratio(
        done + w.noise(8),
        {
            "2014-04": 78.0,
            "2015-09": 83.0,
            "2016-09": 85.6,
            "2016-11": 81.0,
            "2017-01": 82.3,
            "2017-03": 84.0,
        },
        sd=1.5,
        pins={"2017-01": 82.3},
        base="ref",
    )


def _protection(w: Whole, out: dict[str, Measure]) -> None:
    out["cpp"] = w.count(
        {
            "2014-04": 281,
            "2015-03": 266,
            "2016-03": 249,
            "2016-09": 262,
            "2017-01": 254,
            "2017-03": 247,
        },
        sd=6,
        pins={"2016-03": 249, "2017-01": 254},
        base="cpp",
    )
    starts = w.path({"2014-04": 30, "2017-03": 28}) + w.noise(3)
    out["cp_repeat"] = w.ratio(
        starts,
        {"2014-04": 19.0, "2017-03": 17.0},
        sd=0.5,
        pins={"2017-01": 17.2},
        base="cpp",
        binomial=True,
    )
    reviews = out["cpp"].value / 3.6 + w.noise(4)
    out["cp_reviews"] = w.ratio(
        reviews,
        {"2014-04": 96.4, "2017-03": 98.5},
        sd=0.3,
        pins={"2017-01": 98.4},
        base="cpp",
        binomial=True,
    )


def _looked_after(w: Whole, out: dict[str, Measure]) -> None:
    cla = out["cla"].value
    out["visits"] = w.ratio(
        cla,
        {
            "2014-04": 92.0,
            "2016-10": 94.0,
            "2016-11": 88.5,
            "2016-12": 83.4,
            "2017-01": 78.7,
            "2017-02": 81.2,
            "2017-03": 84.6,
        },
        sd=1.0,
        pins={"2017-01": 78.7},
        base="cla",
    )
    out["moves3"] = w.ratio(
        cla,
        {
            "2014-04": 10.8,
            "2015-03": 11.4,
            "2016-03": 12.1,
            "2016-12": 12.8,
            "2017-01": 11.7,
            "2017-03": 11.3,
        },
        sd=0.4,
        pins={"2016-12": 12.8, "2017-01": 11.7},
        base="cla",
    )
    cohort = 0.305 * cla + w.noise(2)
    out["stability"] = w.ratio(
        cohort,
        {
            "2014-04": 70.5,
            "2015-03": 69.5,
            "2016-03": 68.1,
            "2016-09": 67.4,
            "2017-01": 66.2,
            "2017-03": 66.0,
        },
        sd=0.8,
        pins={"2017-01": 66.2},
        base="cla",
    )


def _permanency(w: Whole, out: dict[str, Measure]) -> None:
    """Adoptions: 38 in 2014/15, 43 in 2015/16, 35 in 2016/17 with 9 in January 2017."""
    history = month_range("2013-04", w.periods[-1])
    monthly = _spread(
        w.rng,
        {"2013-04": (12, 36), "2014-04": (12, 38), "2015-04": (12, 43), "2016-04": (9, 20)},
        cap=7,
    )
    monthly += [9.0, 3.0, 3.0]  # January to March 2017 (corporate parenting: "another six")
    counts = np.array(monthly[: len(history)], dtype=float)
    if len(counts) < len(history):  # periods past March 2017: about three a month
        counts = np.concatenate([counts, w.rng.poisson(3.0, len(history) - len(counts))])
    offset = history.index(w.periods[0])
    out["adoptions"] = Measure(value=counts[offset : offset + w.n].copy(), base="cla")
    rolling = np.array([counts[max(0, t - 11) : t + 1].sum() for t in range(len(counts))])
    den = np.maximum(rolling[offset : offset + w.n], 1.0)
    days = w.path(
        {"2014-04": 561, "2015-03": 522, "2016-03": 471, "2017-01": 432.4, "2017-03": 425}
    ) + w.noise(7, {"2017-01": 432.4})
    out["adoption_days"] = Measure(
        value=np.round(days * den) / den,
        num=np.round(days * den),
        den=den,
        scale=1.0,
        base="cla",
        bounded=False,
    )


def _spread(
    rng: np.random.Generator, years: Mapping[str, tuple[int, int]], cap: int
) -> list[float]:
    """Monthly counts adding up to each year's total, none above ``cap``."""
    out: list[float] = []
    for months, total in years.values():
        counts = rng.multinomial(total, np.full(months, 1.0 / months))
        while counts.max() > cap:
            over = int(np.argmax(counts))
            counts[over] -= 1
            counts[int(np.argmin(counts))] += 1
        out.extend(float(c) for c in counts)
    return out


def _leavers(w: Whole, out: dict[str, Measure]) -> None:
    cohort = w.path({"2014-04": 196, "2016-03": 211, "2017-01": 224, "2017-03": 226}) + w.noise(2)
    out["eet"] = w.ratio(
        cohort,
        {"2014-04": 55.0, "2015-03": 58.0, "2016-03": 64.0, "2017-01": 71.3, "2017-03": 71.8},
        sd=1.2,
        pins={"2017-01": 71.3},
        base="leavers",
    )
    out["care_leavers_accommodation"] = w.ratio(
        cohort,
        {"2014-04": 88.0, "2016-03": 92.0, "2017-01": 95.5},
        sd=0.8,
        pins={"2017-01": 95.5},
        base="leavers",
    )


def _workforce(w: Whole, out: dict[str, Measure]) -> None:
    fte = w.path(
        {
            "2014-04": 34.0,
            "2016-03": 35.5,
            "2016-09": 37.0,
            "2016-12": 37.9,
            "2017-01": 37.4,
            "2017-03": 38.5,
        }
    ) + w.noise(0.4, {"2017-01": 37.4})
    cases = out["cla"].value.copy()
    out["caseload"] = w.ratio(
        fte,
        {"2014-04": 12.0},
        sd=0.0,
        scale=1.0,
        den_step=0.1,
        base="cla",
        num=cases,
        pins={"2016-12": 12.6, "2017-01": 12.9},
    )
    establishment = w.path({"2014-04": 118.0, "2017-03": 124.0}) + w.noise(0.6)
    out["sw_vacancy"] = w.ratio(
        establishment,
        {"2014-04": 11.0, "2015-09": 13.5, "2016-09": 15.5, "2017-01": 16.3, "2017-03": 15.8},
        sd=0.5,
        pins={"2017-01": 16.3},
        num_step=0.1,
        den_step=0.1,
        base="staff",
    )
    vacant = out["sw_vacancy"].num
    assert vacant is not None
    in_post = establishment - vacant
    out["agency"] = w.ratio(
        in_post,
        {"2014-04": 18.0, "2016-03": 15.9, "2017-01": 14.8, "2017-03": 14.5},
        sd=0.5,
        pins={"2017-01": 14.8},
        num_step=0.1,
        den_step=0.1,
        base="staff",
    )
