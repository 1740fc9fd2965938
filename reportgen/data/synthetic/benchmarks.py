"""All English children's services authorities, fictional, with published-style annual figures.

The Derby performance surgery paper compares the council with all 152 authorities: a scatter of the
children in care
rate against deprivation with the national line, statistical neighbours picked out. So
each authority gets a deprivation score and figures that follow it (strongly for demand
rates, weakly or not at all for timeliness), plus a persistent local effect so an authority
stays high or low from year to year. The January 2017 corporate parenting report fixes the
statistical neighbour and England
averages the example report quotes (children in care 75.8 per 10,000; care leavers in EET
50.4% and 48%).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from reportgen.data.synthetic.places import place_names
from reportgen.data.synthetic.split import apportion

ENGLAND = ("E92000001", "England")
# (code, name, authorities in 2016, deprivation offset from the national mean)
REGIONS = (
    ("E12000001", "North East", 12, 0.06),
    ("E12000002", "North West", 23, 0.04),
    ("E12000003", "Yorkshire and the Humber", 15, 0.03),
    ("E12000004", "East Midlands", 9, 0.0),
    ("E12000005", "West Midlands", 14, 0.03),
    ("E12000006", "East of England", 11, -0.04),
    ("E12000007", "London", 33, 0.05),
    ("E12000008", "South East", 19, -0.06),
    ("E12000009", "South West", 16, -0.05),
)
OWN_NAME = "Example Borough"
OWN_REGION = "Yorkshire and the Humber"
OWN_DEPRIVATION = 0.262
YEARS = ("2013/14", "2014/15", "2015/16")


@dataclass(frozen=True)
class Model:
    """How an indicator varies between authorities: England value by year, then a slope
    on deprivation (per unit of IDACI score; multiplicative on the log scale when ``log``)."""

    england: tuple[float, float, float]
    slope: float
    sd: float
    low: float
    high: float
    log: bool = False
    decimals: int = 1
    neighbours: Mapping[str, float] = field(default_factory=dict)  # SN averages to hit


MODELS: dict[str, Model] = {
    "cla_rate": Model(
        (60.0, 60.0, 60.0), 4.0, 0.2, 18, 170, log=True, neighbours={"2015/16": 75.8}
    ),
    "cpp_rate": Model((42.1, 42.9, 43.1), 3.0, 0.25, 12, 110, log=True),
    "cin_rate": Model((346.4, 337.3, 337.7), 2.5, 0.15, 180, 700, log=True),
    "rereferrals": Model((23.4, 24.0, 22.3), 10.0, 4.5, 6, 45),
    "assessments_45": Model((82.2, 81.5, 83.4), 0.0, 8.0, 40, 99.5),
    "cp_repeat": Model((15.8, 16.6, 17.9), 0.0, 4.0, 5, 35),
    "cp_reviews": Model((93.6, 93.9, 93.7), 0.0, 4.0, 70, 100),
    "moves3": Model((11.0, 10.0, 10.0), 5.0, 2.0, 4, 20),
    "stability": Model((67.0, 68.0, 68.0), -5.0, 4.0, 50, 85, neighbours={"2015/16": 68.6}),
    "A1": Model((628.0, 593.0, 558.0), 0.0, 60.0, 380, 900, decimals=0),
    "eet": Model((45.0, 48.0, 48.0), -10.0, 7.0, 25, 75, neighbours={"2015/16": 50.4}),
    "care_leavers_accommodation": Model((78.0, 81.0, 83.0), -5.0, 6.0, 55, 99),
    "caseload": Model((16.5, 16.1, 16.1), 5.0, 2.5, 9, 28),
    "sw_vacancy": Model((15.0, 17.0, 17.0), 0.0, 6.0, 2, 40),
    "agency": Model((15.5, 16.0, 16.1), 0.0, 6.0, 1, 40),
    # Corporate parenting measures (catalogue_care): synthetic, at levels typical of England.
    "health_assessments": Model((88.0, 90.0, 89.0), 0.0, 4.0, 60, 100),
    "dental_checks": Model((84.0, 86.0, 84.0), 0.0, 6.0, 45, 100),
    "placed_with_parents": Model((5.0, 5.0, 5.1), 2.0, 1.2, 0.5, 14),
    "connected_carers": Model((11.2, 11.6, 12.0), 0.0, 2.5, 3, 25),
    "care_leavers_in_touch": Model((87.0, 88.0, 88.0), 0.0, 4.0, 65, 100),
}


def make_councils(count: int, under18: float, rng: np.random.Generator) -> pd.DataFrame:
    """``count`` authorities (152 in England) in the nine regions; one is the council."""
    if count < 11:
        raise ValueError("need at least 11 authorities: the council and 10 neighbours")
    sizes = apportion(count, np.array([r[2] for r in REGIONS], dtype=float))
    region = np.repeat([r[1] for r in REGIONS], sizes.astype(int))
    offset = np.repeat([r[3] for r in REGIONS], sizes.astype(int))
    dep = np.clip(0.2 + offset + rng.normal(0.0, 0.06, count), 0.05, 0.40)
    size = np.clip(np.exp(rng.normal(np.log(70000), 0.5, count)), 18000, 320000)
    size = np.where(region == "London", size * 0.75, size)
    own = (
        int(np.flatnonzero(region == OWN_REGION)[0]) + 2
        if (region == OWN_REGION).sum() > 2
        else int(np.flatnonzero(region == OWN_REGION)[0])
    )
    names = place_names(count, rng, exclude=frozenset({OWN_NAME}))
    names[own], dep[own], size[own] = OWN_NAME, OWN_DEPRIVATION, under18
    distance = np.abs(dep - dep[own]) / 0.05 + np.abs(np.log(size / size[own]))
    distance[own] = np.inf
    neighbour = np.zeros(count, dtype=bool)
    neighbour[np.argsort(distance, kind="stable")[:10]] = True
    frame = pd.DataFrame(
        {
            "code": [f"E99{i + 1:06d}" for i in range(count)],
            "name": names,
            "region": region,
            "deprivation": np.round(dep, 3),
            "under18": np.round(size),
            "neighbour": neighbour,
            "own": np.arange(count) == own,
        }
    )
    return frame.astype({"code": "str", "name": "str", "region": "str"})


def make_benchmarks(
    councils: pd.DataFrame, own_values: Mapping[str, Mapping[str, float]], rng: np.random.Generator
) -> pd.DataFrame:
    """Every authority, region and England, per indicator and year, as published (rounded).

    ``own_values`` is the council's own year-end figure by benchmark id and year, taken
    from its monthly series so that its published row matches what the report shows.
    """
    frames = [
        _indicator(ident, model, councils, own_values.get(ident, {}), rng)
        for ident, model in MODELS.items()
    ]
    return pd.concat(frames, ignore_index=True)


def _indicator(
    ident: str,
    model: Model,
    councils: pd.DataFrame,
    own: Mapping[str, float],
    rng: np.random.Generator,
) -> pd.DataFrame:
    dep = councils["deprivation"].to_numpy() - 0.2
    weight = councils["under18"].to_numpy()
    is_own, is_sn = councils["own"].to_numpy(), councils["neighbour"].to_numpy()
    local = rng.normal(0.0, model.sd * 0.85, len(councils))
    rows = []
    for y, year in enumerate(YEARS):
        noise = local + rng.normal(0.0, model.sd * 0.5, len(councils))
        england = model.england[y]
        value = (
            england * np.exp(model.slope * dep + noise - model.sd**2 / 2)
            if model.log
            else england + model.slope * dep + noise
        )
        value = np.clip(value, model.low, model.high)
        if year in own:
            value[is_own] = own[year]
        elif own:  # before the monthly series starts: continue its trend backwards
            first, second = (own[k] for k in sorted(own)[:2])
            value[is_own] = np.clip(2 * first - second, model.low, model.high)
        value = np.round(value, model.decimals)
        if year in model.neighbours:
            value[is_sn] = _hit_mean(value[is_sn], model.neighbours[year], model.decimals)
        rest = ~is_own & ~is_sn
        if rest.any():  # the others carry England's average (by children) to its figure
            gap = england - np.average(value, weights=weight)
            value[rest] = np.round(
                np.clip(
                    value[rest] + gap * weight.sum() / weight[rest].sum(), model.low, model.high
                ),
                model.decimals,
            )
        rows.append(_rows(ident, year, councils, value, england, weight, model.decimals))
    return pd.concat(rows, ignore_index=True)


def _hit_mean(values: np.ndarray, target: float, decimals: int) -> np.ndarray:
    """Shift, round, then fix the last value so that the mean is exactly ``target``."""
    shifted = np.round(values + target - values.mean(), decimals)
    shifted[-1] = round(target * len(values) - shifted[:-1].sum(), decimals)
    return np.asarray(shifted, dtype=float)


def _rows(
    ident: str,
    year: str,
    councils: pd.DataFrame,
    value: np.ndarray,
    england: float,
    weight: np.ndarray,
    decimals: int,
) -> pd.DataFrame:
    regions = [
        (code, name, round(float(np.average(value[mask], weights=weight[mask])), decimals))
        for code, name, *_ in REGIONS
        if (mask := (councils["region"] == name).to_numpy()).any()
    ]
    codes = [ENGLAND[0], *(r[0] for r in regions), *councils["code"]]
    names = [ENGLAND[1], *(r[1] for r in regions), *councils["name"]]
    kinds = ["england"] + ["region"] * len(regions) + ["authority"] * len(councils)
    values = [england, *(r[2] for r in regions), *value.tolist()]
    return pd.DataFrame(
        {
            "indicator": ident,
            "year": year,
            "code": codes,
            "name": names,
            "kind": kinds,
            "value": np.asarray(values, dtype=float),
            "symbol": "",
        }
    )
