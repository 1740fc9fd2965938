"""The one formatting module: display rounding, separators, signs and dates."""

from datetime import date

import pytest

from reportgen import formatting as f


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12345, "count", "12,345"),
        (90.7012, "rate", "90.7"),
        (85.25, "rate", "85.3"),  # half-up, not banker's rounding
        (0.05, "rate", "0.1"),
        (45.63, "percent", "45.6%"),
        (0, "percent", "0.0%"),
        (100, "percent", "100.0%"),
        (12.94, "average", "12.9"),
        (382.4, "days", "382"),
        (350000, "money", "£350,000"),
        (None, "rate", "n/a"),
        (float("nan"), "count", "n/a"),
    ],
)
def test_fmt_value(value: float | None, unit: str, expected: str) -> None:
    assert f.fmt_value(value, unit) == expected


def test_negative_numbers_use_a_real_minus_and_never_minus_zero() -> None:
    assert f.fmt_number(-1234.5, 1) == "\u22121,234.5"
    assert f.fmt_number(-0.01, 1) == "0.0"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(12, "count", "+12"), (-3.44, "rate", "\u22123.4"), (1.23, "percent", "+1.2pp"),
     (-0.01, "rate", "0.0"), (None, "rate", "n/a")],
)
def test_fmt_signed(value: float | None, unit: str, expected: str) -> None:
    assert f.fmt_signed(value, unit) == expected


def test_periods_and_dates() -> None:
    assert f.fmt_period("2017-01") == "January 2017"
    assert f.fmt_period(date(2016, 3, 31)) == "March 2016"
    assert f.fmt_date("2012-02-24") == "24 February 2012"
    assert f.fmt_financial_year(2016) == "2016/17"
    assert f.fmt_financial_year(1999) == "1999/00"


def test_words() -> None:
    assert f.change_word(3) == "increase"
    assert f.change_word(-0.2) == "decrease"
    assert f.change_word(0) == "no change"
    assert [f.ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 102)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "102nd"]
    assert f.number_word(8) == "eight"
    assert f.number_word(15) == "15"


def test_rate_with_unit() -> None:
    assert f.fmt_value_with_unit(85.5, "rate") == "85.5 per 10,000"
