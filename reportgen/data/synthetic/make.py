"""Making the example dataset in memory: Example Borough Council, children's social care.

``generate_dataset`` assembles the parts (whole-council series, locality split, population,
comparator authorities, breakdowns) into a Dataset equal to what load_dataset reads back
from the written files. Deterministic: each part draws from its own generator
seeded from ``seed`` and the part's name, so adding localities does not change the whole
council's figures, and the same seed always gives the same files.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from reportgen.data.dataset import Dataset, IndicatorDef, financial_year
from reportgen.data.definitions import definitions_from_items
from reportgen.data.loader import derive_rates
from reportgen.data.synthetic import benchmarks as bench
from reportgen.data.synthetic import breakdowns as brk
from reportgen.data.synthetic.catalogue_care import ALL_BENCHMARKED, ALL_INDICATORS
from reportgen.data.synthetic.places import place_names
from reportgen.data.synthetic.series import POPULATION, Measure, build, month_range
from reportgen.data.synthetic.series_care import build_care
from reportgen.data.synthetic.split import DEFAULT_LOCALITIES, Localities

DEFAULT_SEED = 2017
START = "2014-04"
COUNCIL = "Example Borough Council"
WHOLE = "Example Borough"
NOTES = (
    "Fictional data for a fictional council, made by `python -m reportgen.data.generate "
    "data --seed {seed}`. The whole council's figures for January 2017 follow a real "
    "council's published corporate parenting report; localities, comparator "
    "authorities (invented names) and all other figures are invented. Monthly figures "
    "from the children's social care case management system; annual comparators as "
    "published by the Department for Education (SSDA903, Children in Need census, "
    "workforce census, adoption scorecard)."
)


def _rng(seed: int, part: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(part.encode())])


def generate_dataset(
    seed: int = DEFAULT_SEED,
    areas: Sequence[str] | int | None = None,
    councils: int = 152,
    end: str = "2017-03",
) -> Dataset:
    """The example dataset in memory.

    ``areas``: locality names, or how many (given invented names), or None for North,
    South, East and Central. ``councils``: comparator authorities (152 in England).
    """
    periods = month_range(START, end)
    if len(periods) < 36 or end < "2017-03":
        raise ValueError("the example data runs at least from 2014-04 to 2017-03")
    localities = _locality_names(areas, seed)
    whole = build(periods, _rng(seed, "series"))
    whole.update(build_care(periods, _rng(seed, "series-care"), whole))
    split = Localities(localities, len(periods), _rng(seed, "localities"))
    defs = definitions_from_items([dict(item) for item in ALL_INDICATORS])
    values, parts = _values(whole, split, periods, defs)
    population = _population(split)
    values = pd.concat([values, derive_rates(defs, values, population)], ignore_index=True)
    council_frame = bench.make_councils(councils, POPULATION[2016], _rng(seed, "councils"))
    own = _own_year_ends(values, defs, periods)
    benchmarks = bench.make_benchmarks(council_frame, own, _rng(seed, "benchmarks"))
    breakdowns = _breakdowns(whole, parts, localities, periods, _rng(seed, "breakdowns"))
    code = str(council_frame.loc[council_frame["own"], "code"].iloc[0])
    return Dataset(
        folder=None,
        council=COUNCIL,
        council_code=code,
        whole_area=WHOLE,
        definitions=defs,
        values=values,
        population=population,
        benchmarks=_typed(benchmarks, ("value",)),
        councils=council_frame,
        breakdowns=_typed(breakdowns, ("count", "value")),
        notes=NOTES.format(seed=seed),
    )


def _locality_names(areas: Sequence[str] | int | None, seed: int) -> list[str]:
    if areas is None:
        return list(DEFAULT_LOCALITIES)
    if isinstance(areas, int):
        return place_names(areas, _rng(seed, "area-names"), exclude=frozenset({WHOLE}))
    names = list(areas)
    if WHOLE in names or len(set(names)) != len(names):
        raise ValueError(f"locality names must be distinct and not {WHOLE!r}")
    return names


Parts = dict[str, tuple[np.ndarray, np.ndarray | None, np.ndarray | None]]


def _values(
    whole: Mapping[str, Measure],
    split: Localities,
    periods: list[str],
    defs: Mapping[str, IndicatorDef],
) -> tuple[pd.DataFrame, Parts]:
    """Rows for the whole area then each locality, indicator by indicator."""
    blocks: list[tuple[str, str, np.ndarray, np.ndarray | None, np.ndarray | None]] = []
    parts: Parts = {}
    for ident in defs:
        if ident not in whole:
            continue
        m = whole[ident]
        parts[ident] = split.split(m) if split.areas else (m.value[:, None], None, None)
        blocks.append((ident, WHOLE, m.value, m.num, m.den))
        value, num, den = parts[ident]
        blocks += [
            (
                ident,
                area,
                value[:, a],
                None if num is None else num[:, a],
                None if den is None else den[:, a],
            )
            for a, area in enumerate(split.areas)
        ]
    n = len(periods)
    nan = np.full(n, np.nan)
    frame = pd.DataFrame(
        {
            "indicator": np.repeat([b[0] for b in blocks], n),
            "area": np.repeat([b[1] for b in blocks], n),
            "period": np.tile(np.asarray(periods), len(blocks)),
            "value": np.concatenate([b[2] for b in blocks]),
            "numerator": np.concatenate([nan if b[3] is None else b[3] for b in blocks]),
            "denominator": np.concatenate([nan if b[4] is None else b[4] for b in blocks]),
        }
    )
    frame = frame[frame["value"].notna()]  # a locality with no cohort that month: no row
    frame = frame.assign(symbol="")  # the generator makes no suppressed figures
    return _typed(frame, ("value", "numerator", "denominator")), parts


def _typed(frame: pd.DataFrame, floats: Sequence[str]) -> pd.DataFrame:
    """The dtypes load_dataset produces, so generated and loaded datasets compare equal."""
    types = {c: ("float64" if c in floats else "str") for c in frame.columns}
    return frame.astype(types).reset_index(drop=True)


def _population(split: Localities) -> pd.DataFrame:
    rows = [(WHOLE, year, total) for year, total in POPULATION.items()]
    if split.areas:
        shares = split.population(POPULATION)
        rows += [
            (area, year, float(shares[year][a]))
            for a, area in enumerate(split.areas)
            for year in POPULATION
        ]
    frame = pd.DataFrame(rows, columns=["area", "year", "population"])
    frame.insert(2, "age_band", "0-17")
    return frame.astype(
        {"area": "str", "year": "int64", "age_band": "str", "population": "float64"}
    )


def _own_year_ends(
    values: pd.DataFrame, defs: Mapping[str, IndicatorDef], periods: list[str]
) -> dict[str, dict[str, float]]:
    """The council's figure for each full financial year, as it would be published."""
    own: dict[str, dict[str, float]] = {}
    whole = values[values["area"] == WHOLE]
    years = sorted({financial_year(p) for p in periods})
    for ident in ALL_BENCHMARKED:
        d = defs[ident]
        rows = whole[whole["indicator"] == ident]
        figures = {}
        for year in years:
            in_year = rows[rows["period"].map(financial_year) == year]
            if len(in_year) < 12 or year not in bench.YEARS:
                continue
            if d.aggregation == "proportion":
                figures[year] = float(
                    in_year["numerator"].sum() / in_year["denominator"].sum() * 100
                )
            else:
                figures[year] = float(in_year["value"].iloc[-1])  # March: the year-end
        own[d.benchmark_id or ident] = figures
    return own


def _breakdowns(
    whole: Mapping[str, Measure],
    parts: Parts,
    areas: list[str],
    periods: list[str],
    rng: np.random.Generator,
) -> pd.DataFrame:
    names = areas or [WHOLE]
    frames = brk.cla_breakdowns(parts["cla"][0], names, periods, rng)
    _, nums, dens = parts["rereferrals"]
    if nums is None or dens is None:
        m = whole["rereferrals"]
        assert m.num is not None and m.den is not None
        nums, dens = m.num[:, None], m.den[:, None]
    frames += brk.rereferral_breakdowns(nums, dens, names, periods, rng)
    combined = pd.concat(frames, ignore_index=True)
    if areas:
        combined = pd.concat(
            [brk.whole_from_localities(frames, WHOLE), combined], ignore_index=True
        )
    return combined.drop(columns="_den", errors="ignore")
