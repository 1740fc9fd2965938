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
    [
        (12, "count", "+12"),
        (-3.44, "rate", "\u22123.4"),
        (1.23, "percent", "+1.2pp"),
        (-0.01, "rate", "0.0"),
        (None, "rate", "n/a"),
    ],
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
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "21st",
        "102nd",
    ]
    assert f.number_word(8) == "eight"
    assert f.number_word(15) == "15"


def test_rate_with_unit() -> None:
    assert f.fmt_value_with_unit(85.5, "rate") == "85.5 per 10,000"


# Killing the surviving mutants of docs/testing.md: each case below failed under one
# mutation of reportgen/formatting.py that the cases above let through.


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (45.63, "percent", "45.6%"),
        (12.34, "rate", "12.3 per 10,000"),
        (432.4, "days", "432 days"),
        (12.0, "count", "12"),
        (1234.5, "money", "£1,235"),
        (None, "rate", "not available"),
    ],
)
def test_value_with_unit_by_unit(value: float | None, unit: str, expected: str) -> None:
    assert f.fmt_value_with_unit(value, unit) == expected


def test_money_signs_and_decimals() -> None:
    assert f.fmt_money(1234.56) == "£1,235"  # whole pounds unless asked
    assert f.fmt_money(-1234.4) == "\u2212£1,234"  # minus before the pound sign
    assert f.fmt_money(12.345, 2) == "£12.35"
    assert f.fmt_money(None) == "n/a"


def test_signed_defaults_and_unknown_units() -> None:
    assert f.fmt_signed(5) == "+5"  # a count by default: no decimals
    assert f.fmt_signed(2.25, "unknown") == "+2.3"  # one decimal for an unknown unit
    assert f.fmt_signed(-0.04, "percent") == "0.0pp"  # rounds to nothing: no sign
    assert f.fmt_signed(-1.25, "rate", decimals=2) == "\u22121.25"


def test_signed_percent_sign_only_when_it_shows() -> None:
    assert f.fmt_signed_percent(1.0) == "+1.0%"
    assert f.fmt_signed_percent(-0.04) == "0.0%"
    assert f.fmt_signed_percent(-2.5) == "\u22122.5%"


def test_dates_from_timestamps_and_ordinals_past_a_hundred() -> None:
    assert f.fmt_date("2017-02-24T10:30:00") == "24 February 2017"
    assert [f.ordinal(n) for n in (10, 111, 211, 101, 122, 1013)] == [
        "10th",
        "111th",
        "211th",
        "101st",
        "122nd",
        "1013th",
    ]


def test_number_words_at_the_ends_of_the_range() -> None:
    assert [f.number_word(n) for n in (0, 1, 10, 11, 1234)] == ["zero", "one", "ten", "11", "1,234"]


def test_ordinals_of_every_last_digit() -> None:
    assert [f.ordinal(n) for n in (4, 20, 21, 22, 23, 24, 19)] == [
        "4th",
        "20th",
        "21st",
        "22nd",
        "23rd",
        "24th",
        "19th",
    ]


def test_value_decimals_by_unit_and_by_request() -> None:
    assert f.fmt_value(12.345, "percent", decimals=2) == "12.35%"
    assert f.fmt_value(1234.567, "money", decimals=2) == "£1,234.57"
    assert f.fmt_value(2.25, "unknown") == "2.3"  # one decimal for a unit not in DECIMALS
    assert f.fmt_value(2.25, "count", decimals=1) == "2.3"


def test_missing_means_none_or_nan_only() -> None:
    assert f.is_missing(None) and f.is_missing(float("nan"))
    assert not f.is_missing("text") and not f.is_missing(0) and not f.is_missing(object())


def test_period_of_a_full_date_string_and_rounding_steps() -> None:
    assert f.fmt_period("2017-01-31") == "January 2017"
    assert f.fmt_number(1.26, 1) == "1.3" and f.fmt_number(1.34, 1) == "1.3"
    assert f.fmt_number(1234.4) == "1,234"  # whole numbers unless asked


def test_small_positive_changes_are_increases() -> None:
    assert f.fmt_signed(0.5, "rate") == "+0.5"
    assert f.change_word(0.5) == "increase" and f.change_word(-0.5) == "decrease"
