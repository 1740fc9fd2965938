"""Benchmarks: the council against England, its region and its statistical neighbours.

Which year: the latest benchmark year at or before the financial year *before* the
period's. National statistics for a year ending in March are published the following
autumn, so in January 2017 the newest comparable figures are 2015/16 (the January 2017 corporate
parenting report compares
January 2017 with "the 2015/16 year-end position ... and statistical neighbour average").
All comparisons use published figures for that one year, the council's own included, so
like is compared with like.

Ranks are 1 = best by polarity, ties share the better rank (1, 2, 2, 4) and are flagged
(``*_tied``) so that the report can say "joint 7th". A neutral (context) measure has no
best: it is ranked 1 = highest. Ranks count authorities only: England and the region are
reference values, never ranked. The quartile is among all authorities with a figure,
1 = best (neutral: highest) quarter, as in DfE's LAIT banding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportgen.indicators.periods import fy_start_of, fy_start_year
from reportgen.indicators.prepared import BenchRow, CouncilRow
from reportgen.indicators.result import Comparator, Polarity


@dataclass(frozen=True)
class Benchmarks:
    """Everything the benchmarks say about the council for one indicator and year."""

    year: str | None = None
    council_value: float | None = None
    england: float | None = None
    region: float | None = None
    region_name: str | None = None
    neighbours_avg: float | None = None
    comparators: tuple[Comparator, ...] = ()
    rank: int | None = None
    rank_of: int | None = None
    rank_all: int | None = None
    rank_all_of: int | None = None
    quartile: int | None = None
    region_rank: int | None = None
    region_rank_of: int | None = None
    region_better: int | None = None
    region_worse: int | None = None
    region_level: int | None = None  # other authorities of the region with the same figure
    neighbours_used: int | None = None
    neighbours_total: int | None = None
    rank_tied: bool = False
    rank_all_tied: bool = False
    region_rank_tied: bool = False


def benchmark_year(years: Iterable[str], period: str) -> str | None:
    """The latest year at or before the financial year before ``period`` (publication lag)."""
    latest_published = fy_start_year(period) - 1
    usable = [y for y in years if fy_start_of(y) <= latest_published]
    return max(usable, key=fy_start_of) if usable else None


def better(a: float, b: float, polarity: Polarity) -> bool:
    """Is ``a`` strictly better than ``b``? (Neutral: strictly higher, for ordering.)"""
    return a < b if polarity == "lower" else a > b


def tied(own: float | None, others: Iterable[float]) -> bool:
    """Another authority has exactly the same published figure."""
    return own is not None and any(v == own for v in others)


def competition_rank(own: float, others: Iterable[float], polarity: Polarity) -> int:
    """1 + how many others are strictly better: 1 = best, ties share a rank."""
    return 1 + sum(1 for v in others if better(v, own, polarity))


def quartile(rank: int, of: int) -> int:
    """Quartile of a rank among ``of`` (1 = best quarter): ranks 1-38 of 152 are the first."""
    return min(4, (rank - 1) * 4 // of + 1)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _by_kind(rows: Sequence[BenchRow], kind: str) -> list[BenchRow]:
    return [r for r in rows if r.kind == kind]


def _region_row(rows: Sequence[BenchRow], region: str | None) -> BenchRow | None:
    regions = _by_kind(rows, "region")
    matching = [r for r in regions if region and region in (r.name, r.code)]
    if matching:
        return matching[0]
    return regions[0] if not region and len(regions) == 1 else None


def _rank_fields(
    own: float | None, others: Sequence[float], polarity: Polarity
) -> tuple[int | None, int | None]:
    if own is None:
        return None, None
    return competition_rank(own, others, polarity), len(others) + 1


def _regional(
    own: float | None, regional: Sequence[float] | None, polarity: Polarity
) -> dict[str, Any]:
    """Rank in the region and how many of its other authorities do better and worse
    (the county children's social care performance report: "eight authorities performing more
    poorly ... and six better")."""
    if own is None or regional is None:
        return {}
    rank, of = _rank_fields(own, regional, polarity)
    return {
        "region_rank": rank,
        "region_rank_of": of,
        "region_rank_tied": tied(own, regional),
        "region_better": sum(1 for v in regional if better(v, own, polarity)),
        "region_worse": sum(1 for v in regional if better(own, v, polarity)),
        "region_level": sum(1 for v in regional if v == own),
    }


def _comparators(
    rows: Sequence[BenchRow],
    region_row: BenchRow | None,
    neighbours: Sequence[CouncilRow],
    value_of: Mapping[str, float],
    symbol_of: Mapping[str, str],
    own: Comparator,
) -> tuple[Comparator, ...]:
    """England, the region, each neighbour in file order, then the council itself."""
    england = _by_kind(rows, "england")[:1]
    return (
        *(Comparator(r.name, "england", r.value, own.year, r.symbol) for r in england),
        *(Comparator(r.name, "region", r.value, own.year, r.symbol) for r in [region_row] if r),
        *(
            Comparator(
                c.name, "neighbour", value_of.get(c.code), own.year, symbol_of.get(c.code, "")
            )
            for c in neighbours
        ),
        own,
    )


def compare(
    rows: Sequence[BenchRow],
    year: str,
    councils: Mapping[str, CouncilRow],
    own_code: str,
    own_name: str,
    polarity: Polarity,
) -> Benchmarks:
    """Benchmarks for one indicator's rows of one year (see the module docstring)."""
    value_of = {r.code: r.value for r in rows if r.value is not None}
    own_row = councils.get(own_code)
    region = own_row.region if own_row else ""
    region_row = _region_row(rows, region)
    own_value = value_of.get(own_code)
    neighbours = [c for c in councils.values() if c.neighbour and not c.own]
    nvalues = [value_of[c.code] for c in neighbours if c.code in value_of]
    others = {
        r.code: r.value
        for r in _by_kind(rows, "authority")
        if r.value is not None and r.code != own_code
    }
    regional = (
        [v for code, v in others.items() if code in councils and councils[code].region == region]
        if region
        else None
    )
    rank, rank_of = _rank_fields(own_value, nvalues, polarity)
    rank_all, rank_all_of = _rank_fields(own_value, list(others.values()), polarity)
    symbol_of = {r.code: r.symbol for r in rows if r.symbol}
    own = Comparator(
        own_row.name if own_row else own_name,
        "council",
        own_value,
        year,
        symbol_of.get(own_code, ""),
    )
    return Benchmarks(
        year=year,
        council_value=own_value,
        england=next((r.value for r in _by_kind(rows, "england")), None),
        region=region_row.value if region_row else None,
        region_name=region_row.name if region_row else (region or None),
        neighbours_avg=mean(nvalues),
        comparators=_comparators(rows, region_row, neighbours, value_of, symbol_of, own),
        rank=rank,
        rank_of=rank_of,
        rank_all=rank_all,
        rank_all_of=rank_all_of,
        neighbours_used=len(nvalues),
        neighbours_total=len(neighbours),
        rank_tied=tied(own_value, nvalues),
        rank_all_tied=tied(own_value, others.values()),
        quartile=quartile(rank_all, rank_all_of) if rank_all and rank_all_of else None,
        **_regional(own_value, regional, polarity),
    )


def benchmarks_for(
    by_year: Mapping[str, Sequence[BenchRow]],
    period: str,
    councils: Mapping[str, CouncilRow],
    own_code: str,
    own_name: str,
    polarity: Polarity,
) -> Benchmarks:
    """Benchmarks at the year ``benchmark_year`` picks for ``period``; empty if none."""
    year = benchmark_year(by_year, period)
    if year is None:
        return Benchmarks()
    return compare(by_year[year], year, councils, own_code, own_name, polarity)
