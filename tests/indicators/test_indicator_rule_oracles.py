"""Hand-worked cases for the rating, direction, benchmark, period and forecast rules that
the mutation check (docs/testing.md) found no test for. Each expected value is worked out
in the comment or docstring beside it, never by calling reportgen.
"""

from __future__ import annotations

import pytest

from reportgen.data.dataset import Materiality, Tolerance
from reportgen.errors import DataError
from reportgen.indicators import comparison as c
from reportgen.indicators import forecast as f
from reportgen.indicators import periods as p
from reportgen.indicators import rules as r
from reportgen.indicators.prepared import BenchRow, CouncilRow

# ----------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (0.0, 1e-9, True),  # |diff| = 1e-9 <= 1e-9 x max(1, 0, 1e-9): the bound is inclusive
        (0.0, 1.5e-9, False),  # over the absolute floor of 1e-9
        (1e6, 1e6 + 1e-4, True),  # 1e-4 <= 1e-9 x 1e6 = 1e-3: relative for big figures
        (1e6, 1e6 + 1e-2, False),  # 1e-2 > 1e-3
        (-1e6, -1e6 - 1e-4, True),  # magnitudes, not signed values
        (2.0, 2.0 + 3e-9, False),  # 3e-9 > 1e-9 x 2 = 2e-9
    ],
)
def test_same_value_tolerance(a: float, b: float, expected: bool) -> None:
    assert r.same_value(a, b) is expected
    assert r.same_value(b, a) is expected


def test_direction_on_the_figures_as_shown() -> None:
    """45.06 and 45.14 both print as 45.1: "no change" at one place, though 45.06 is lower."""
    assert r.direction(45.06, 45.14, "lower", decimals=1) == "no change"
    assert r.direction(45.06, 45.14, "lower") == "improving"
    assert r.direction(45.06, 45.16, "lower", decimals=1) == "improving"  # 45.1 < 45.2
    assert r.direction(45.0, 45.4, "higher", decimals=0) == "no change"  # 45 and 45


def test_direction_broadly_stable_within_materiality() -> None:
    two = Materiality(2.0)
    assert r.direction(102.0, 100.0, "higher", two) == "broadly stable"  # |2| <= 2
    assert r.direction(98.0, 100.0, "lower", two) == "broadly stable"
    assert r.direction(102.5, 100.0, "higher", two) == "improving"  # 2.5 > 2
    one_pct = Materiality(1.0, percent=True)
    assert r.direction(201.0, 200.0, "lower", one_pct) == "broadly stable"  # 1 <= 1% of 200
    assert r.direction(203.0, 200.0, "lower", one_pct) == "deteriorating"  # 3 > 2
    assert r.direction(100.0, 100.0, "lower", two) == "no change"  # equal: not "stable"


def test_direction_of_a_neutral_measure_is_up_or_down() -> None:
    assert r.direction(12.0, 11.0, "neutral") == "up"
    assert r.direction(10.0, 11.0, "neutral") == "down"
    assert r.direction(11.0, 11.0, "neutral") == "no change"


def test_adrift_of_a_negative_target_is_a_share_of_its_size() -> None:
    """(target - value) / |target| x 100: (-100 - -90) / 100 x 100 = -10 (better), higher
    is better; lower is better: (-90 - -100) / 100 x 100 = +10 (worse)."""
    assert r.adrift_pct(-90.0, -100.0, "higher") == pytest.approx(-10.0)
    assert r.adrift_pct(-90.0, -100.0, "lower") == pytest.approx(10.0)
    assert r.adrift_pct(110.0, 100.0, "neutral") == pytest.approx(10.0)  # above: positive
    assert r.adrift_pct(90.0, 100.0, "neutral") == pytest.approx(-10.0)
    assert r.adrift_pct(None, 100.0, "lower") is None


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (105.0, 100.0, "green"),  # 5% either side of an expected level: green
        (95.0, 100.0, "green"),
        (105.5, 100.0, "amber"),  # 5.5%: within twice 5%
        (110.0, 100.0, "amber"),  # exactly 10%: inclusive
        (90.0, 100.0, "amber"),
        (110.5, 100.0, "red"),
        (80.0, 100.0, "red"),
        (0.0, 0.0, "green"),  # a zero level met exactly
        (0.5, 0.0, "red"),
        (-105.0, -100.0, "green"),  # |gap| / |target|
    ],
)
def test_neutral_rating(value: float, target: float, expected: str) -> None:
    assert r.brag(value, target, "neutral") == expected
    assert r.neutral_rating(value, target, Tolerance()) == expected


def test_neutral_rating_uses_the_indicators_tolerance() -> None:
    wide = Tolerance(amber_pct=10.0, blue_pct=5.0)
    assert r.brag(110.0, 100.0, "neutral", wide) == "green"  # 10% <= 10%
    assert r.brag(115.0, 100.0, "neutral", wide) == "amber"  # <= 20%
    assert r.brag(121.0, 100.0, "neutral", wide) == "red"
    assert r.rag(121.0, 100.0, "neutral", wide) == "red"


def test_zero_target_higher_is_better() -> None:
    assert r.brag(0.0, 0.0, "higher") == "green"
    assert r.brag(-1.0, 0.0, "higher") == "red"  # below a floor of zero
    assert r.brag(2.0, 0.0, "lower") == "red"


def test_blue_threshold_with_a_custom_tolerance() -> None:
    """Blue at 5% better: 95.0 against 100, lower is better, is exactly 5% -> Blue;
    95.1 is 4.9% -> Green; amber up to 10%: 110 Amber, 110.1 Red."""
    t = Tolerance(amber_pct=10.0, blue_pct=5.0)
    assert r.brag(95.0, 100.0, "lower", t) == "blue"
    assert r.brag(95.1, 100.0, "lower", t) == "green"
    assert r.brag(110.0, 100.0, "lower", t) == "amber"
    assert r.brag(110.1, 100.0, "lower", t) == "red"
    assert r.rag(95.0, 100.0, "lower", t) == "green"
    assert r.rag(None, 100.0, "lower", t) is None


def test_rag_keeps_the_polarity_and_the_tolerance() -> None:
    """80 against 84, higher is better: (84 - 80) / 84 = 4.8% short -> Amber (lower is
    better it would be 4.8% better -> Blue -> Green). 90 against 84, lower is better,
    7.1% adrift: Red by default, Amber within a 10% tolerance."""
    assert r.rag(80.0, 84.0, "higher") == "amber"
    assert r.rag(80.0, 84.0, "higher", Tolerance(amber_pct=10.0, blue_pct=5.0)) == "amber"
    assert r.rag(90.0, 84.0, "lower") == "red"
    assert r.rag(90.0, 84.0, "lower", Tolerance(amber_pct=10.0, blue_pct=5.0)) == "amber"


def test_year_to_date_edges() -> None:
    assert r.year_to_date("stock", []) is None
    assert r.year_to_date("stock", [4.0, float("nan")]) is None  # NaN is missing: None
    # denominators but no numerators at all: no month has both -> no pooled figure
    assert r.year_to_date("proportion", [50.0, 60.0], [], [10.0, 10.0]) is None
    assert r.year_to_date("stock", [None, 4.0]) == 4.0
    assert r.year_to_date("average", [None, None]) is None
    # proportion on another scale: (1 + 2) / (4 + 4) x 1,000 = 375
    assert r.year_to_date("proportion", [25.0, 50.0], [1.0, 2.0], [4.0, 4.0], 1000.0) == (
        pytest.approx(375.0)
    )
    # a month with a zero denominator is left out: 3 / 10 x 100 = 30
    assert r.year_to_date("proportion", [30.0, 0.0], [3.0, 0.0], [10.0, 0.0]) == (
        pytest.approx(30.0)
    )
    # a flow is a sum, however many months; an average the mean of those there are
    assert r.year_to_date("flow", [1.5, 2.5]) == 4.0
    assert r.year_to_date("average", [1.0, 2.0, 6.0]) == 3.0


def test_missing_months() -> None:
    periods = ("2016-04", "2016-05", "2016-06")
    assert r.missing_months(periods, [1.0, None, float("nan")]) == ("2016-05", "2016-06")
    assert r.missing_months(periods, [1.0, 2.0, 0.0]) == ()
    with pytest.raises(ValueError):
        r.missing_months(periods, [1.0])


# ----------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("period", "index"), [("0000-01", 0), ("0001-01", 12), ("2017-01", 24204), ("2016-12", 24203)]
)
def test_month_index_and_back(period: str, index: int) -> None:
    """2017 x 12 + 1 - 1 = 24,204."""
    assert p.month_index(period) == index
    assert p.from_index(index) == period


@pytest.mark.parametrize("bad", ["2017-00", "2017-13", "17-01", "2017-01-01", " 2017-01"])
def test_parse_period_rejects(bad: str) -> None:
    with pytest.raises(DataError) as err:
        p.parse_period(bad)
    assert f"'{bad}' is not a period" in str(err.value)
    assert err.value.hint == "give the period as YYYY-MM, for example 2017-01"


def test_parse_period_accepts_both_ends_of_the_year() -> None:
    assert p.parse_period("2017-01") == (2017, 1)
    assert p.parse_period("2017-12") == (2017, 12)


def test_financial_year_labels() -> None:
    assert p.fy_label(1999) == "1999/00"
    assert p.fy_label(2009) == "2009/10"
    assert p.fy_start_year("2016-04") == 2016  # April opens the year
    assert p.fy_start_year("2016-03") == 2015
    assert p.previous_financial_year("2016-03") == "2014/15"
    assert p.fy_start_of("2015/16") == 2015


@pytest.mark.parametrize("bad", ["2015-16", "15/16", "2015/2016", ""])
def test_fy_start_of_rejects(bad: str) -> None:
    with pytest.raises(DataError) as err:
        p.fy_start_of(bad)
    assert f"'{bad}' is not a financial year" in str(err.value)
    assert err.value.hint == "write years as YYYY/YY, for example 2015/16"


def test_months_of_the_year() -> None:
    assert p.months_elapsed("2016-04") == 1
    assert p.months_elapsed("2017-03") == 12
    assert p.months_remaining("2017-03") == 0
    assert p.months_remaining("2016-04") == 11
    assert p.year_to_date_periods("2016-04") == ["2016-04"]
    assert p.year_to_date_periods("2017-02")[-2:] == ["2017-01", "2017-02"]
    assert len(p.year_to_date_periods("2017-02")) == 11
    assert p.financial_year_periods("2016/17") == [
        "2016-04", "2016-05", "2016-06", "2016-07", "2016-08", "2016-09",
        "2016-10", "2016-11", "2016-12", "2017-01", "2017-02", "2017-03",
    ]  # fmt: skip
    assert p.shift_period("2017-03", 1) == "2017-04"
    assert p.shift_period("2017-01", 0) == "2017-01"


# ----------------------------------------------------------------------------- comparison


def test_better_and_ties() -> None:
    assert c.better(1.0, 2.0, "lower") and not c.better(2.0, 1.0, "lower")
    assert c.better(2.0, 1.0, "higher") and not c.better(1.0, 2.0, "higher")
    assert c.better(2.0, 1.0, "neutral")  # neutral orders by height
    assert not c.better(1.0, 1.0, "lower") and not c.better(1.0, 1.0, "higher")
    assert c.tied(5.0, [1.0, 5.0]) and not c.tied(5.0, [1.0, 4.0])
    assert not c.tied(None, [1.0])
    assert not c.tied(5.0, [])


def test_competition_rank_shares_the_better_rank() -> None:
    """Others 1, 2, 2, 4 (lower is better): own 2 -> 1 better -> 2nd; own 3 -> three better
    (1, 2, 2) -> 4th; neutral ranks from the highest: own 3 -> one higher (4) -> 2nd."""
    others = [1.0, 2.0, 2.0, 4.0]
    assert c.competition_rank(2.0, others, "lower") == 2
    assert c.competition_rank(3.0, others, "lower") == 4
    assert c.competition_rank(3.0, others, "neutral") == 2
    assert c.competition_rank(0.5, others, "lower") == 1
    assert c.competition_rank(9.0, others, "lower") == 5


@pytest.mark.parametrize(
    ("rank", "of", "expected"),
    [(1, 4, 1), (2, 4, 2), (3, 4, 3), (4, 4, 4), (1, 2, 1), (2, 2, 3), (5, 20, 1), (6, 20, 2)],
)
def test_quartile_small_fields(rank: int, of: int, expected: int) -> None:
    """(rank - 1) x 4 // of + 1: (2 - 1) x 4 // 2 + 1 = 3; (6 - 1) x 4 // 20 + 1 = 2."""
    assert c.quartile(rank, of) == expected


def test_mean() -> None:
    assert c.mean([1.0, 2.0, 6.0]) == 3.0
    assert c.mean([]) is None


def test_benchmark_year_picks_the_latest_usable_out_of_order() -> None:
    years = ["2015/16", "2013/14", "2014/15"]
    assert c.benchmark_year(years, "2017-01") == "2015/16"
    assert c.benchmark_year(years, "2016-03") == "2014/15"
    assert c.benchmark_year([], "2017-01") is None


def _council(code: str, region: str, neighbour: bool = False, own: bool = False) -> CouncilRow:
    return CouncilRow(code, f"Council {code}", region, None, neighbour, own)


COUNCILS = {
    "OWN": _council("OWN", "North", own=True),
    "N1": _council("N1", "North", neighbour=True),
    "N2": _council("N2", "South", neighbour=True),
    "N3": _council("N3", "North", neighbour=True),
    "A1": _council("A1", "North"),
    "A2": _council("A2", "South"),
}


def _rows(own: float | None = 50.0) -> list[BenchRow]:
    return [
        BenchRow("E", "England", "england", 45.0),
        BenchRow("RN", "North", "region", 48.0),
        BenchRow("RS", "South", "region", 52.0),
        BenchRow("OWN", "Own", "authority", own),
        BenchRow("N1", "N1", "authority", 40.0),
        BenchRow("N2", "N2", "authority", 50.0),
        BenchRow("N3", "N3", "authority", None, "c"),
        BenchRow("A1", "A1", "authority", 60.0),
        BenchRow("A2", "A2", "authority", 30.0),
    ]


def test_compare_by_hand() -> None:
    """Own 50 (lower is better). Neighbours with a figure: N1 40, N2 50 (N3 suppressed):
    mean 45; one better (40) -> 2nd of 3, tied with N2. All: others 40, 50, 60, 30 ->
    two better (40, 30) -> 3rd of 5, tied; quartile (3 - 1) x 4 // 5 + 1 = 2. Region North:
    N1 40, A1 60 (N3 has no figure) -> one better, one worse, 2nd of 3, not tied."""
    b = c.compare(_rows(), "2015/16", COUNCILS, "OWN", "Own Council", "lower")
    assert (b.england, b.region, b.region_name) == (45.0, 48.0, "North")
    assert b.neighbours_avg == pytest.approx(45.0)
    assert (b.neighbours_used, b.neighbours_total) == (2, 3)
    assert (b.rank, b.rank_of, b.rank_tied) == (2, 3, True)
    assert (b.rank_all, b.rank_all_of, b.rank_all_tied, b.quartile) == (3, 5, True, 2)
    assert (b.region_rank, b.region_rank_of, b.region_rank_tied) == (2, 3, False)
    assert (b.region_better, b.region_worse) == (1, 1)
    names = [(x.name, x.kind, x.value, x.symbol) for x in b.comparators]
    assert names == [
        ("England", "england", 45.0, ""),
        ("North", "region", 48.0, ""),
        ("Council N1", "neighbour", 40.0, ""),
        ("Council N2", "neighbour", 50.0, ""),
        ("Council N3", "neighbour", None, "c"),
        ("Council OWN", "council", 50.0, ""),
    ]
    assert {x.year for x in b.comparators} == {"2015/16"}


def test_compare_higher_is_better_reverses_the_counts() -> None:
    """Own 50, higher is better: neighbours 40, 50 -> none better -> 1st of 3, tied; all:
    60 better -> 2nd of 5; region North: A1 60 better, N1 40 worse."""
    b = c.compare(_rows(), "2015/16", COUNCILS, "OWN", "Own Council", "higher")
    assert (b.rank, b.rank_all, b.quartile) == (1, 2, 1)
    assert (b.region_better, b.region_worse) == (1, 1)


def test_compare_without_the_council_in_the_councils_file() -> None:
    """No row for the council: its own name is used; no region is known, so none is
    picked from the two in the file and nothing is ranked within a region."""
    councils = {k: v for k, v in COUNCILS.items() if k != "OWN"}
    b = c.compare(_rows(), "2015/16", councils, "OWN", "Own Council", "lower")
    assert b.comparators[-1].name == "Own Council"
    assert b.region is None and b.region_name is None
    assert b.region_rank is None and b.region_better is None


def test_compare_one_region_row_and_no_region() -> None:
    """With one region row and no region for the council, that row is the region."""
    councils = dict(COUNCILS, OWN=_council("OWN", "", own=True))
    rows = [row for row in _rows() if row.code != "RS"]
    b = c.compare(rows, "2015/16", councils, "OWN", "Own Council", "lower")
    assert (b.region, b.region_name) == (48.0, "North")
    rows_two = _rows()
    b2 = c.compare(rows_two, "2015/16", councils, "OWN", "Own Council", "lower")
    assert b2.region is None  # two regions: none can be chosen


def test_compare_region_tie_and_symbols() -> None:
    """A1 (North) at 50 like the council: joint 2nd in the region (N1 40 better). England
    and the region suppressed ("x"), the council's own figure too ("c"): the comparators
    keep each symbol, and no England row at all leaves England empty."""
    rows = [
        BenchRow("E", "England", "england", None, "x"),
        BenchRow("RN", "North", "region", None, "x"),
        *[row for row in _rows() if row.kind == "authority" and row.code != "A1"],
        BenchRow("A1", "A1", "authority", 50.0),
    ]
    b = c.compare(rows, "2015/16", COUNCILS, "OWN", "Own Council", "lower")
    assert (b.region_rank, b.region_rank_of, b.region_rank_tied) == (2, 3, True)
    assert [(x.kind, x.symbol) for x in b.comparators[:2]] == [("england", "x"), ("region", "x")]
    others = [row for row in rows[2:] if row.code != "OWN"]
    own_suppressed = [BenchRow("OWN", "Own", "authority", None, "c"), *others]
    b = c.compare(own_suppressed, "2015/16", COUNCILS, "OWN", "Own Council", "lower")
    assert (b.comparators[-1].value, b.comparators[-1].symbol) == (None, "c")
    assert b.england is None
    assert "england" not in [x.kind for x in b.comparators]


def test_benchmarks_for_names_a_council_missing_from_the_councils_file() -> None:
    councils = {k: v for k, v in COUNCILS.items() if k != "OWN"}
    b = c.benchmarks_for({"2015/16": _rows()}, "2017-01", councils, "OWN", "Own Council", "lower")
    assert b.comparators[-1].name == "Own Council"


def test_region_matched_by_code() -> None:
    councils = dict(COUNCILS, OWN=_council("OWN", "RS", own=True))
    b = c.compare(_rows(), "2015/16", councils, "OWN", "Own Council", "lower")
    assert (b.region, b.region_name) == (52.0, "South")


def test_benchmarks_for_without_a_usable_year() -> None:
    b = c.benchmarks_for({"2016/17": _rows()}, "2017-01", COUNCILS, "OWN", "Own", "lower")
    assert b == c.Benchmarks()
    b = c.benchmarks_for({"2015/16": _rows()}, "2017-01", COUNCILS, "OWN", "Own", "lower")
    assert b.year == "2015/16" and b.rank == 2


# ----------------------------------------------------------------------------- forecast


def test_linear_fit_by_hand() -> None:
    """Points (1, 2), (2, 3), (3, 7): means x 2, y 4; Sxx = 1 + 0 + 1 = 2;
    Sxy = (-1)(-2) + 0 + (1)(3) = 5; slope 2.5; intercept 4 - 2.5 x 2 = -1."""
    slope, intercept = f.linear_fit([(1.0, 2.0), (2.0, 3.0), (3.0, 7.0)]) or (0.0, 0.0)
    assert slope == pytest.approx(2.5)
    assert intercept == pytest.approx(-1.0)
    assert f.linear_fit([]) is None
    # two points are enough for a line: (0, 1) and (1, 3) -> slope 2, intercept 1
    assert f.linear_fit([(0.0, 1.0), (1.0, 3.0)]) == pytest.approx((2.0, 1.0))


def test_trend_window_is_the_twelve_months_up_to_the_period() -> None:
    """Up to January 2017 the window is February 2016 to January 2017 (12 months): a value
    in January 2016 is outside it, one after the period is ignored too. Values 10 + i for
    February 2016 (i = 0) to January 2017 (i = 11): March 2017 is i = 13 -> 23."""
    series: list[tuple[str, float | None]] = [("2016-01", 500.0)]
    series += [(p.shift_period("2016-02", i), 10.0 + i) for i in range(12)]
    series += [("2017-02", -400.0)]
    assert f.trend_forecast(series, "2017-01") == pytest.approx(23.0)
    # a shorter window: the last three months, 19, 20, 21 -> March 23 as well
    assert f.trend_forecast(series, "2017-01", months=3) == pytest.approx(23.0)


def test_trend_needs_three_points_exactly() -> None:
    three: list[tuple[str, float | None]] = [("2016-11", 1.0), ("2016-12", 2.0), ("2017-01", 3.0)]
    assert f.trend_forecast(three, "2017-01") == pytest.approx(5.0)  # 1, 2, 3 ... March 5
    assert f.trend_forecast(three[1:], "2017-01") is None


def test_pace_forecast_by_hand() -> None:
    """June (3 months elapsed, 9 left): 2 + 4 + 6 = 12, pace 4 -> 12 + 4 x 9 = 48."""
    assert f.pace_forecast([2.0, 4.0, 6.0], "2016-06") == pytest.approx(48.0)
    assert f.pace_forecast([], "2016-06") is None


def test_clamp() -> None:
    assert f.clamp(-3.0, "count") == 0.0
    assert f.clamp(130.0, "percent") == 100.0
    assert f.clamp(130.0, "rate") == 130.0
    assert f.clamp(42.5, "percent") == 42.5


def test_year_end_forecast_at_march() -> None:
    """March with a figure: the actual. March without one: no forecast for a snapshot;
    for a flow with a month missing, the pace (11 months of 3 -> 36)."""
    series: list[tuple[str, float | None]] = [("2017-02", 10.0), ("2017-03", 12.5)]
    actual = f.year_end_forecast("stock", "count", series, "2017-03")
    assert actual == f.Forecast(12.5, "actual")
    assert f.year_end_forecast("stock", "count", [("2017-03", None)], "2017-03") is None
    flow = f.year_end_forecast("flow", "count", [], "2017-03", [3.0] * 11 + [None])
    assert flow == f.Forecast(pytest.approx(36.0), "pace")  # type: ignore[arg-type]


def test_flow_forecast_is_clamped() -> None:
    """A flow of a percentage measure cannot pass 100: 40 + 40 = 80 in two months, pace
    40 x 10 more = 480 -> 100."""
    forecast = f.year_end_forecast("flow", "percent", [], "2016-05", [40.0, 40.0])
    assert forecast == f.Forecast(100.0, "pace")
