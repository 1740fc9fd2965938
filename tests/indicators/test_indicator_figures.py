"""Issue 15 rules in the engine: neutral measures, materiality, the arithmetic of the shown
figures, missing months and gaps, comparator counts and ties.

Each case states its own figures (the seed papers' where the review quoted them), so a
failure says which rule broke.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from indicator_data import WHOLE, benchmark_rows, monthly

from reportgen.data.dataset import Dataset, IndicatorDef, Materiality, Tolerance
from reportgen.indicators import compute_indicators
from reportgen.indicators.rules import brag, direction, year_to_date

Build = Callable[..., Dataset]


def _two_months(build: Build, definition: IndicatorDef, before: float, now: float) -> object:
    ds = build([definition], monthly(definition.id, [before, now], start="2016-12"))
    return compute_indicators(ds, "2017-01")[definition.id]


@pytest.mark.parametrize(
    ("unit", "before", "now", "change"),
    [
        ("rate", 45.411, 45.056, -0.3),  # CP rate: 45.4 -> 45.1 is -0.3, not -0.4
        ("days", 433.85, 432.39, -2.0),  # days to adoption: 434 -> 432 is -2, not -1
        ("percent", 95.556, 95.536, -0.1),  # care leavers housed: 95.6 -> 95.5 is -0.1pp
    ],
)
def test_change_is_the_difference_of_the_shown_figures(
    build: Build, unit: str, before: float, now: float, change: float
) -> None:
    r = _two_months(build, IndicatorDef("m", "M", unit, "lower"), before, now)  # type: ignore[arg-type]
    assert r.change == pytest.approx(change)  # type: ignore[attr-defined]
    assert r.direction == "improving"  # type: ignore[attr-defined]


def test_adrift_is_worked_out_from_the_shown_value(build: Build) -> None:
    """45.056 against 42.0: a reader computes 45.1 / 42.0 = 7.4% adrift, not 7.3%."""
    cpp = IndicatorDef("cpp_rate", "CP rate", "rate", "lower", targets={"2016/17": 42.0})
    r = _two_months(build, cpp, 45.4, 45.056)
    assert round(r.adrift_pct, 1) == 7.4  # type: ignore[attr-defined]
    assert r.brag == "red"  # type: ignore[attr-defined]


def test_two_decimals_when_the_indicator_asks(build: Build) -> None:
    """Seed 000 prints the rate to 2 dp: 89.804 -> 89.80, so a change of 0.014 shows."""
    rate = IndicatorDef("r", "R", "rate", "lower", decimals=2)
    r = _two_months(build, rate, 89.786, 89.804)
    assert r.decimals == 2  # type: ignore[attr-defined]
    assert r.change == pytest.approx(0.01)  # type: ignore[attr-defined]
    assert r.direction == "deteriorating"  # type: ignore[attr-defined]


def test_neutral_measure_moves_up_or_down_and_is_not_rated(build: Build) -> None:
    cla = IndicatorDef("cla", "Children in care", "count", "neutral")
    r = _two_months(build, cla, 476, 482)
    assert (r.direction, r.brag, r.adrift_pct) == ("up", None, None)  # type: ignore[attr-defined]
    fell = _two_months(build, cla, 482, 476)
    assert fell.direction == "down"  # type: ignore[attr-defined]


def test_neutral_measure_with_a_target_is_rated_on_distance_either_side() -> None:
    tol = Tolerance(amber_pct=5.0, blue_pct=2.0)
    assert brag(104.0, 100.0, "neutral", tol) == "green"  # within 5% either side
    assert brag(96.0, 100.0, "neutral", tol) == "green"
    assert brag(92.0, 100.0, "neutral", tol) == "amber"  # within twice that
    assert brag(111.0, 100.0, "neutral", tol) == "red"
    assert brag(95.0, 100.0, "neutral", tol) != "blue"  # never better than expected


@pytest.mark.parametrize(
    ("stable", "before", "now", "expected"),
    [
        (Materiality(2.0), 480.0, 482.0, "broadly stable"),  # +2 children
        (Materiality(2.0), 480.0, 483.0, "deteriorating"),
        (Materiality(1.0, percent=True), 476.0, 480.0, "broadly stable"),  # 4 <= 4.76
        (Materiality(1.0, percent=True), 476.0, 482.0, "deteriorating"),
        (None, 480.0, 481.0, "deteriorating"),
    ],
)
def test_stable_within(
    stable: Materiality | None, before: float, now: float, expected: str
) -> None:
    assert direction(now, before, "lower", stable, decimals=0) == expected


def test_materiality_is_judged_on_the_shown_change() -> None:
    """+0.02pp shows as 0.0pp: 'no change', never 'deteriorating'."""
    assert direction(95.536, 95.556, "higher", None, decimals=1) == "deteriorating"
    assert direction(95.52, 95.54, "higher", None, decimals=1) == "no change"  # 95.5 both
    assert direction(95.536, 95.556, "higher", Materiality(0.5), decimals=1) == ("broadly stable")


def test_missing_month_is_not_no_change_and_previous_names_its_month(build: Build) -> None:
    pct = IndicatorDef("p", "P", "percent", "higher")
    rows = monthly("p", [80.0, None, 82.0], start="2016-11")
    rows.insert(
        1,
        {
            "indicator": "p",
            "area": WHOLE,
            "period": "2016-12",
            "value": float("nan"),
            "numerator": float("nan"),
            "denominator": float("nan"),
            "symbol": "c",
        },
    )
    ds = build([pct], rows)
    gap = compute_indicators(ds, "2016-12")["p"]
    assert gap.value is None and gap.symbol == "c"
    assert gap.direction is None and gap.change is None  # never "no change"
    after = compute_indicators(ds, "2017-01")["p"]
    assert (after.previous, after.previous_period, after.previous_gap) == (
        80.0,
        "2016-11",
        "2016-12",
    )
    assert after.direction is None  # no direction across the gap
    assert after.symbols == (("2016-12", "c"),)


def test_proportion_year_to_date_pools_the_months_it_has(build: Build) -> None:
    """A missing month used to turn the pooled 83.1% into a mean of percentages (87.3%)."""
    pct = IndicatorDef("v", "Visits", "percent", "higher", aggregation="proportion")
    nums = [90.0, 95.0, None, 40.0]
    dens = [100.0, 100.0, None, 80.0]
    values = [90.0, 95.0, None, 50.0]
    ds = build([pct], monthly("v", values, start="2016-04", numerators=nums, denominators=dens))
    r = compute_indicators(ds, "2016-07")["v"]
    assert r.ytd == pytest.approx((90 + 95 + 40) / (100 + 100 + 80) * 100)
    assert r.ytd != pytest.approx((90 + 95 + 50) / 3)
    assert r.ytd_missing == ("2016-06",)


def test_flow_year_to_date_names_missing_months_and_claims_no_direction(build: Build) -> None:
    flows = IndicatorDef("a", "Adoptions", "count", "higher", aggregation="flow")
    values: list[float | None] = [3.0] * 12 + [3.0, 3.0, None, 3.0]
    ds = build([flows], monthly("a", values, start="2015-04"))
    r = compute_indicators(ds, "2016-07")["a"]
    assert r.ytd == 9.0 and r.ytd_missing == ("2016-06",)
    assert r.direction_year is None  # 9 of three months against 12 of four: not like with like


def test_year_to_date_of_empty_cohorts_is_missing() -> None:
    assert year_to_date("proportion", [None, None], [0.0, 0.0], [0.0, 0.0]) is None


def test_neighbour_average_counts_the_neighbours_it_used(build: Build) -> None:
    rate = IndicatorDef("r", "R", "rate", "lower")
    bench = benchmark_rows(
        "r",
        "2015/16",
        76.6,
        [60.0, 65.0, 70.0, 72.0, 75.0, 78.0, 80.0, 82.0, 85.0, 91.0],
        [50.0],
        60.0,
        70.0,
    )
    suppressed = next(b for b in bench if b["code"] == "N10")
    suppressed.update(value=float("nan"), symbol="c")
    ds = build([rate], monthly("r", [80.0, 81.0], start="2016-12"), benchmarks=bench)
    r = compute_indicators(ds, "2017-01")["r"]
    assert (r.neighbours_used, r.neighbours_total) == (9, 10)
    assert r.neighbours_avg == pytest.approx(sum([60, 65, 70, 72, 75, 78, 80, 82, 85]) / 9)
    missing = next(c for c in r.comparators if c.name == "Neighbour 10")
    assert missing.value is None and missing.symbol == "c"


def test_ties_are_flagged_for_joint_ranks(build: Build) -> None:
    rate = IndicatorDef("r", "R", "rate", "lower")
    bench = benchmark_rows(
        "r", "2015/16", 75.0, [60.0, 65.0, 70.0, 72.0, 75.0, 78.0], [50.0], 60.0, 70.0
    )
    ds = build([rate], monthly("r", [80.0, 81.0], start="2016-12"), benchmarks=bench)
    r = compute_indicators(ds, "2017-01")["r"]
    assert (r.rank, r.rank_of, r.rank_tied) == (5, 7, True)


def test_neutral_measures_rank_highest_first(build: Build) -> None:
    rate = IndicatorDef("r", "R", "rate", "neutral")
    bench = benchmark_rows("r", "2015/16", 76.6, [60.0, 80.0, 90.0], [50.0], 60.0, 70.0)
    ds = build([rate], monthly("r", [80.0, 81.0], start="2016-12"), benchmarks=bench)
    r = compute_indicators(ds, "2017-01")["r"]
    assert (r.rank, r.rank_of) == (3, 4)  # 90 and 80 are higher: no "better" about it
