"""Benchmarking one authority against England, its region and its statistical neighbours.

Pure computation over an ``EesDataset``: figures are as published (or computed at full
precision for a rate the file does not publish) and never rounded, except that a rank
compares figures at the precision the report prints them, so that two authorities a
reader sees with the same figure share a rank ("joint 12th") rather than being split by
a decimal nobody can see. Choices:

* rank: 1 is the best by the measure's polarity (the lowest re-referral rate); for a
  ``neutral`` context measure, 1 is the highest. Only authorities with a figure that year
  are ranked (England and regions never are), so ``rank_of`` is 153 or fewer.
* quartile: the quarter of that ranking the authority falls in, 1 the best (or highest):
  ``ceil(4 x rank / rank_of)``.
* statistical-neighbour average: the mean of the neighbours' published figures; where
  some are suppressed or missing, of those that have one (``neighbours_n`` says how many).
* the year: the report's year, or for a measure whose file has not reached it yet
  (population estimates lag a year), the latest year it has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import numpy as np

from reportgen.data.ees import Authority, EesDataset, IndicatorMap
from reportgen.errors import SpecError
from reportgen.indicators.result import IndicatorResult, IndicatorSet

TREND_YEARS = 5
Row = tuple[float | None, str, float | None, str, str]  # value, symbol, count, symbol, period


@dataclass(frozen=True)
class Reading:
    """One published figure, or the reason there is none."""

    year: int
    period: str  # as published: "2025" or "2024/25"
    value: float | None
    symbol: str = ""  # GSS symbol when value is None
    count: float | None = None
    count_symbol: str = ""


@dataclass(frozen=True)
class Peer:
    name: str
    code: str
    rank: int  # 1 = nearest neighbour
    closeness: str
    reading: Reading


@dataclass(frozen=True)
class MeasureBenchmark:
    """Everything the report says about one measure for one authority and year."""

    definition: IndicatorMap
    year: int
    own: Reading
    trend: tuple[Reading, ...]  # the authority, oldest first, ending at ``year``
    england_trend: tuple[Reading, ...]
    england: Reading
    region: Reading
    region_name: str
    peers: tuple[Peer, ...]
    neighbours_avg: float | None
    neighbours_n: int
    rank: int | None
    rank_of: int
    joint: bool
    quartile: int | None
    #: a figure published for this authority together with another (the workforce file's
    #: "North Northamptonshire / West Northamptonshire"): never ranked, but reported
    shared_name: str = ""
    shared: Reading | None = None

    @property
    def id(self) -> str:
        return self.definition.id


@dataclass(frozen=True)
class AuthorityBenchmark:
    authority: Authority
    year: int
    measures: tuple[MeasureBenchmark, ...]


def _rounded(value: float, decimals: int) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


@lru_cache(maxsize=64)
def _index(dataset: EesDataset, ident: str) -> dict[tuple[str, int], Row]:
    frame = dataset.by_indicator[ident]
    out: dict[tuple[str, int], Row] = {}
    for code, year, value, symbol, count, csym, period in zip(
        frame["code"],
        frame["year"],
        frame["value"],
        frame["symbol"],
        frame["count"],
        frame["count_symbol"],
        frame["period"],
        strict=True,
    ):
        out[(str(code), int(year))] = (
            None if math.isnan(value) else float(value),
            str(symbol),
            None if math.isnan(count) else float(count),
            str(csym),
            str(period),
        )
    return out


@lru_cache(maxsize=64)
def _shared_rows(dataset: EesDataset, ident: str) -> dict[str, tuple[str, str]]:
    """Authority code -> (joint code, joint name) for rows published for two together."""
    frame = dataset.by_indicator[ident]
    joint = frame[frame["code"].str.contains("/", regex=False)]
    out: dict[str, tuple[str, str]] = {}
    for code, name in zip(joint["code"], joint["name"], strict=True):
        for part in str(code).split("/"):
            out[part.strip()] = (str(code), str(name))
    return out


def _shared(
    dataset: EesDataset, ind: IndicatorMap, authority: Authority, year: int, own: Reading
) -> tuple[str, Reading | None]:
    if own.value is not None:
        return "", None
    found = _shared_rows(dataset, ind.id).get(authority.code)
    if found is None:
        return "", None
    reading = _reading(_index(dataset, ind.id), (found[0],), year)
    return (found[1], reading) if reading.value is not None else ("", None)


def _reading(
    index: dict[tuple[str, int], Row], codes: tuple[str, ...], year: int, missing: str = "x"
) -> Reading:
    rows = [index[(c, year)] for c in codes if (c, year) in index]
    if not rows:
        return Reading(year, str(year), None, missing)
    value, symbol, count, csym, period = next((r for r in rows if r[0] is not None), rows[0])
    return Reading(year, period, value, symbol, count, csym)


@lru_cache(maxsize=256)
def _ranking(dataset: EesDataset, ident: str, year: int) -> np.ndarray:
    """Every authority's figure that year, rounded as printed, best first."""
    ind = dataset.definitions[ident]
    frame = dataset.by_indicator[ident]
    rows = frame[
        (frame["level"] == "authority")
        & (frame["year"] == year)
        & ~frame["code"].str.contains("/", regex=False)
    ]
    values = np.array([_rounded(v, ind.decimals) for v in rows["value"] if not math.isnan(v)])
    return np.sort(values) if ind.polarity == "lower" else -np.sort(-values)


def rank_of(
    dataset: EesDataset, ind: IndicatorMap, year: int, value: float | None
) -> tuple[int | None, int, bool]:
    """(rank, of how many, joint) of ``value`` among the authorities that year."""
    ranked = _ranking(dataset, ind.id, year)
    if value is None:
        return None, len(ranked), False
    mine = _rounded(value, ind.decimals)
    better = ranked < mine if ind.polarity == "lower" else ranked > mine
    return int(better.sum()) + 1, len(ranked), int((ranked == mine).sum()) > 1


def quartile(rank: int | None, of: int) -> int | None:
    return None if rank is None or of == 0 else min(4, math.ceil(4 * rank / of))


def measure_year(dataset: EesDataset, ind: IndicatorMap, year: int) -> int:
    """The report's year, or the latest year before it that the measure has figures for."""
    years = [y for (code, y) in _index(dataset, ind.id) if code == "E92000001" and y <= year]
    return max(years) if years else year


def _peers(
    dataset: EesDataset, authority: Authority, index: dict[tuple[str, int], Row], year: int
) -> tuple[Peer, ...]:
    return tuple(
        Peer(a.name, a.code, n.rank, n.closeness, _reading(index, a.codes, year))
        for a, n in dataset.neighbours_of(authority)
    )


def benchmark_measure(
    dataset: EesDataset, authority: Authority, ind: IndicatorMap, year: int
) -> MeasureBenchmark:
    index = _index(dataset, ind.id)
    year = measure_year(dataset, ind, year)
    years = range(year - TREND_YEARS + 1, year + 1)
    trend = tuple(
        _reading(index, authority.codes, y, "z" if y < authority.first_year else "x") for y in years
    )
    own = trend[-1]
    peers = _peers(dataset, authority, index, year)
    known = [p.reading.value for p in peers if p.reading.value is not None]
    rank, of, joint = rank_of(dataset, ind, year, own.value)
    shared_name, shared = _shared(dataset, ind, authority, year, own)
    return MeasureBenchmark(
        definition=ind,
        year=year,
        own=own,
        trend=trend,
        england_trend=tuple(_reading(index, ("E92000001",), y) for y in years),
        england=_reading(index, ("E92000001",), year),
        region=_reading(index, (authority.region_code,), year),
        region_name=authority.region_name,
        peers=peers,
        neighbours_avg=sum(known) / len(known) if known else None,
        neighbours_n=len(known),
        rank=rank,
        rank_of=of,
        joint=joint,
        quartile=quartile(rank, of),
        shared_name=shared_name,
        shared=shared,
    )


def benchmark_authority(
    dataset: EesDataset, area: str, year: int, measures: tuple[str, ...] = ()
) -> AuthorityBenchmark:
    """Every reported measure (or the chosen ones, in that order) for one authority."""
    authority = dataset.resolve(area)
    chosen = [dataset.definitions[m] for m in measures] if measures else dataset.mapping.reported
    return AuthorityBenchmark(
        authority, year, tuple(benchmark_measure(dataset, authority, ind, year) for ind in chosen)
    )


def check_year(authority: Authority, year: int) -> None:
    """An authority asked for outside its life is the user's mistake: say what to choose."""
    if year > authority.last_year and authority.current:
        raise SpecError(
            f"no figures for {year} yet: the latest published are for {authority.last_year}",
            hint=f"use --period {authority.last_year}-03 or earlier, or add "
            "the new release's files (docs/ees-data.md)",
        )
    if year > authority.last_year:
        raise SpecError(
            f"{authority.name} has no figures for {year}: it was "
            f"{authority.status} (last figures {authority.last_year})",
            hint=f"choose one of its successors, or --period {authority.last_year}-03 or earlier",
        )
    if year < authority.first_year:
        raise SpecError(
            f"{authority.name} has no figures for {year}: its first year is "
            f"{authority.first_year}"
            + (f" (it replaced {authority.predecessor})" if authority.predecessor else ""),
            hint=f"use --period {authority.first_year}-03 or later",
        )


def indicator_set(dataset: EesDataset, period: str, area: str | None) -> IndicatorSet:
    """The results for ``reportgen.api``: each measure as an ``IndicatorResult``, so that
    snippets name EES measures the way they name a council's own
    (``{{ cla_rate.value }}``, ``.england``, ``.rank``, ``.quartile``)."""
    if not area:
        raise SpecError(
            "no authority chosen",
            hint="set area: in the spec, or --area Hartlepool (a name or a code such as E06000001)",
        )
    authority = dataset.resolve(area)
    year = int(period[:4])
    check_year(authority, year)
    bench = benchmark_authority(
        dataset, authority.name if authority.current else authority.code, year
    )
    return IndicatorSet(
        period=period,
        area=authority.name,
        results={mb.id: _result(mb, period, authority.name) for mb in bench.measures},
    )


def _result(mb: MeasureBenchmark, period: str, area: str) -> IndicatorResult:
    """The engine's result shape. Its periods are "YYYY-MM" (the month each year ends, as
    the report's period), so code written for a council's monthly data can show them."""
    ind = mb.definition

    def month(r: Reading) -> str:
        return f"{r.year}-{period[5:7]}"

    before = mb.trend[-2] if len(mb.trend) > 1 else None
    return IndicatorResult(
        id=ind.id,
        title=ind.title,
        short_title=ind.short_title,
        unit=ind.unit,
        polarity=ind.polarity,
        period=period,
        area=area,
        value=mb.own.value,
        count=mb.own.count,
        rate=mb.own.value if ind.unit == "rate" else None,
        previous=before.value if before else None,
        previous_period=month(before) if before else None,
        england=mb.england.value,
        region=mb.region.value,
        region_name=mb.region_name,
        neighbours_avg=mb.neighbours_avg,
        benchmark_year=mb.own.period,
        rank=mb.rank,
        rank_of=mb.rank_of,
        quartile=mb.quartile,
        series=tuple((month(r), r.value) for r in mb.trend),
        count_series=tuple((month(r), r.count) for r in mb.trend),
        source=ind.source,
        frequency="annual",
        value_period=month(mb.own),
    )
