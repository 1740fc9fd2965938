"""Rating and direction rules, with the golden figures of the Derby surgery paper and the
corporate parenting report of January 2017."""

from __future__ import annotations

import math

import pytest

from reportgen.data.dataset import Tolerance
from reportgen.indicators import adrift_pct, brag, direction, rag, rate, year_to_date

# --- golden figures from the real papers---------------------------------------------------


def test_seed000_q3_actual_is_red() -> None:
    """89.80 per 10,000 against a target of 84.00, lower is better: Red."""
    assert adrift_pct(89.80, 84.00, "lower") == pytest.approx(6.9047619, rel=1e-6)
    assert brag(89.80, 84.00, "lower") == "red"
    assert rag(89.80, 84.00, "lower") == "red"


def test_seed000_year_end_forecast_is_amber() -> None:
    """A forecast of 85.30 against 84.00: 1.5% adrift, Amber."""
    assert adrift_pct(85.30, 84.00, "lower") == pytest.approx(1.547619, rel=1e-6)
    assert brag(85.30, 84.00, "lower") == "amber"


def test_seed000_rate_from_count() -> None:
    """489 children is 90.70 per 10,000 for the population that implies."""
    population = 489 / 90.70 * 10_000
    assert rate(489, population) == pytest.approx(90.70, abs=1e-9)
    assert rate(482, 482 / 85.5 * 10_000) == pytest.approx(85.5, abs=1e-9)


def test_seed002_rising_rate_is_deteriorating() -> None:
    """482 children at 85.5 per 10,000 against the 2015/16 position of 76.6."""
    assert direction(85.5, 76.6, "lower") == "deteriorating"


def test_seed000_q3_against_previous_year_is_deteriorating() -> None:
    """89.80 against the 2010/11 result of 86.80, and the forecast 85.30 an improvement."""
    assert direction(89.80, 86.80, "lower") == "deteriorating"
    assert direction(85.30, 86.80, "lower") == "improving"


# --- BRAG boundaries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "polarity", "expected"),
    [
        (88.2, 84.0, "lower", "amber"),  # exactly 5% adrift: "5% or less" is Amber
        (88.21, 84.0, "lower", "red"),  # just over 5%
        (84.0, 84.0, "lower", "green"),  # exactly on target: met
        (84.01, 84.0, "lower", "amber"),  # a hair worse is not met
        (82.32, 84.0, "lower", "blue"),  # exactly 2% better: "2% or more" is Blue
        (82.33, 84.0, "lower", "green"),  # just under 2% better
        (85.5, 90.0, "higher", "amber"),  # exactly 5% below a higher-is-better target
        (85.49, 90.0, "higher", "red"),
        (90.0, 90.0, "higher", "green"),
        (91.8, 90.0, "higher", "blue"),  # exactly 2% above
        (91.79, 90.0, "higher", "green"),
        (0.7 + 0.1, 0.8, "higher", "green"),  # 0.7999999999999999: float noise is "on target"
    ],
)
def test_brag_boundaries(value: float, target: float, polarity: str, expected: str) -> None:
    assert brag(value, target, polarity) == expected  # type: ignore[arg-type]


def test_polarity_reverses_the_rating() -> None:
    assert brag(80.0, 84.0, "lower") == "blue"
    assert brag(80.0, 84.0, "higher") == "amber"
    assert brag(90.0, 84.0, "higher") == "blue"
    assert brag(90.0, 84.0, "lower") == "red"


def test_adrift_sign_is_worse_positive_for_both_polarities() -> None:
    assert adrift_pct(90.0, 100.0, "higher") == pytest.approx(10.0)
    assert adrift_pct(110.0, 100.0, "lower") == pytest.approx(10.0)
    assert adrift_pct(110.0, 100.0, "higher") == pytest.approx(-10.0)


def test_rag_folds_blue_into_green() -> None:
    assert brag(70.0, 84.0, "lower") == "blue"
    assert rag(70.0, 84.0, "lower") == "green"
    assert rag(88.2, 84.0, "lower") == "amber"


def test_tolerances_are_per_indicator() -> None:
    wide = Tolerance(amber_pct=10.0, blue_pct=5.0)
    assert brag(89.80, 84.00, "lower", wide) == "amber"
    assert brag(80.5, 84.0, "lower") == "blue"  # 4.2% better: blue by default
    assert brag(80.5, 84.0, "lower", wide) == "green"  # but not by 5%
    assert brag(92.4, 84.0, "lower", wide) == "amber"  # exactly 10% adrift


def test_no_target_no_rating() -> None:
    assert brag(50.0, None, "higher") is None
    assert rag(50.0, None, "higher") is None
    assert adrift_pct(50.0, None, "higher") is None
    assert brag(None, 84.0, "lower") is None
    assert brag(float("nan"), 84.0, "lower") is None


def test_zero_target() -> None:
    """No percentage of zero exists: meeting a zero target is Green, missing it Red."""
    assert adrift_pct(1.0, 0.0, "lower") is None
    assert brag(0.0, 0.0, "lower") == "green"
    assert brag(1.0, 0.0, "lower") == "red"
    assert brag(3.0, 0.0, "higher") == "green"


def test_percentages_at_zero_and_hundred() -> None:
    assert brag(100.0, 100.0, "higher") == "green"  # cannot be beaten by 2%: never blue
    assert brag(96.0, 100.0, "higher") == "amber"
    assert brag(0.0, 10.0, "lower") == "blue"
    assert brag(0.0, 10.0, "higher") == "red"
    assert adrift_pct(0.0, 10.0, "higher") == pytest.approx(100.0)


# --- direction of travel -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        (12.0, 11.0, "higher", "improving"),
        (12.0, 11.0, "lower", "deteriorating"),
        (10.0, 11.0, "higher", "deteriorating"),
        (10.0, 11.0, "lower", "improving"),
        (11.0, 11.0, "lower", "no change"),
        (0.1 + 0.2, 0.3, "higher", "no change"),  # float noise is not a change
        (85.5, 85.5001, "lower", "improving"),  # a real difference, however small, is one
    ],
)
def test_direction(current: float, previous: float, polarity: str, expected: str) -> None:
    assert direction(current, previous, polarity) == expected  # type: ignore[arg-type]


def test_direction_needs_both_values() -> None:
    assert direction(None, 3.0, "higher") is None
    assert direction(3.0, None, "higher") is None
    assert direction(3.0, math.nan, "higher") is None


# --- year to date by aggregation ---------------------------------------------------------


def test_ytd_stock_is_latest() -> None:
    assert year_to_date("stock", [10.0, 12.0, 11.0]) == 11.0
    assert year_to_date("stock", [10.0, 12.0, None]) is None  # no figure this month


def test_ytd_flow_is_sum_of_every_month() -> None:
    assert year_to_date("flow", [3.0, 2.0, 0.0, 4.0]) == 9.0
    # a month missing: the total of the months there are (the report names the gap)
    assert year_to_date("flow", [3.0, 2.0, None, 4.0]) == 9.0
    assert year_to_date("flow", [None, None]) is None


def test_ytd_proportion_weights_by_denominator() -> None:
    """(9 + 45) / (10 + 50) = 90%, not the mean of 90% and 90%... or of 50% and 100%."""
    assert year_to_date("proportion", [50.0, 100.0], [5.0, 50.0], [10.0, 50.0]) == (
        pytest.approx(55 / 60 * 100)
    )
    # a month without its numerator is left out of the pool, never averaged in
    assert year_to_date("proportion", [50.0, 100.0], [5.0, None], [10.0, 50.0]) == 50.0
    # only with no numerators and denominators at all: the mean of the monthly percentages
    assert year_to_date("proportion", [50.0, 100.0]) == 75.0


def test_ytd_proportion_zero_denominator_total() -> None:
    assert year_to_date("proportion", [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]) is None


def test_ytd_average_is_mean() -> None:
    assert year_to_date("average", [15.0, 17.0, None, 19.0]) == 17.0
