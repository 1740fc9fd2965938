"""Benchmark year, ranks and quartiles on a constructed benchmark table."""

from __future__ import annotations

import pytest
from indicator_data import CODE, NEIGHBOURS_1516, OTHERS_1516, benchmark_rows, councils_frame

from reportgen.indicators import benchmark_year, competition_rank, quartile
from reportgen.indicators.comparison import compare
from reportgen.indicators.prepared import BenchRow, _councils


def rows(own: float | None = 76.6) -> list[BenchRow]:
    raw = benchmark_rows("cla_rate", "2015/16", own, NEIGHBOURS_1516, OTHERS_1516, 60.0, 70.0)
    return [BenchRow(r["code"], r["name"], r["kind"], r["value"]) for r in raw]


COUNCILS = _councils(councils_frame())


def test_benchmark_year_lags_one_financial_year() -> None:
    years = ["2014/15", "2015/16", "2016/17"]
    assert benchmark_year(years, "2017-01") == "2015/16"
    assert benchmark_year(years, "2016-04") == "2015/16"
    assert benchmark_year(years, "2016-03") == "2014/15"
    assert benchmark_year(years, "2019-06") == "2016/17"  # latest there is
    assert benchmark_year(years, "2015-06") == "2014/15"
    assert benchmark_year(years, "2015-03") is None  # 2013/14 or earlier: none here


def test_competition_rank_and_ties() -> None:
    assert competition_rank(5.0, [1.0, 9.0, 5.0], "lower") == 2
    assert competition_rank(5.0, [1.0, 9.0, 5.0], "higher") == 2
    assert competition_rank(1.0, [1.0, 9.0], "lower") == 1


@pytest.mark.parametrize(
    ("rank", "of", "expected"),
    [
        (1, 152, 1),
        (38, 152, 1),
        (39, 152, 2),
        (76, 152, 2),
        (77, 152, 3),
        (114, 152, 3),
        (115, 152, 4),
        (152, 152, 4),
        (1, 1, 1),
    ],
)
def test_quartile(rank: int, of: int, expected: int) -> None:
    assert quartile(rank, of) == expected


def test_compare_against_neighbours_region_and_all() -> None:
    b = compare(rows(), "2015/16", COUNCILS, CODE, "Test Borough Council", "lower")
    assert b.neighbours_avg == pytest.approx(75.8)  # corporate parenting report's average
    assert (b.england, b.region, b.council_value) == (60.0, 70.0, 76.6)
    # five neighbours have lower (better) rates than 76.6
    assert (b.rank, b.rank_of) == (6, 11)
    # nine of the 19 other authorities are lower: 10th of 20, second quartile
    assert (b.rank_all, b.rank_all_of, b.quartile) == (10, 20, 2)
    # region: 60, 78, 91 (neighbours), 50, 55, 58, 62, 90 (others)
    assert (b.region_better, b.region_worse) == (5, 3)
    assert (b.region_rank, b.region_rank_of) == (6, 9)
    kinds = [c.kind for c in b.comparators]
    assert kinds == ["england", "region"] + ["neighbour"] * 10 + ["council"]
    assert b.comparators[-1].value == 76.6 and b.comparators[-1].name == "Test Borough"
    assert all(c.year == "2015/16" for c in b.comparators)


def test_polarity_reverses_rank() -> None:
    b = compare(rows(), "2015/16", COUNCILS, CODE, "Test Borough Council", "higher")
    assert (b.rank, b.rank_of) == (6, 11)  # 5 neighbours above 76.6 as well
    assert (b.region_better, b.region_worse) == (3, 5)
    assert b.rank_all == 11  # ten others above: 78..120


def test_council_without_a_published_figure() -> None:
    b = compare(rows(own=None), "2015/16", COUNCILS, CODE, "Test Borough Council", "lower")
    assert b.rank is None and b.quartile is None and b.region_rank is None
    assert b.neighbours_avg == pytest.approx(75.8)
    assert b.comparators[-1].kind == "council" and b.comparators[-1].value is None
