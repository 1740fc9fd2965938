"""Every printed word and number of the vocabulary, against strings written out by hand.

The expected strings are what a reader of the paper sees; none is produced by calling
another vocabulary function. They were added to kill the mutants the mutation check
(docs/testing.md) found alive in ``reportgen/vocabulary.py``: each test names the rule it
pins, so a mutant that survives here is a rule nobody has written down.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

import pytest

from reportgen import vocabulary as v

MINUS = "\u2212"

# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        (math.nan, True),
        (float("nan"), True),
        (0.0, False),
        (0, False),
        ("12", False),
        ("abc", False),
        (object(), False),
    ],
)
def test_is_missing_only_none_and_nan(value: object, expected: bool) -> None:
    assert v.is_missing(value) is expected


def test_places_default_per_unit_and_override() -> None:
    # DECIMALS: counts, days and money whole; rates, percents and averages one place.
    assert [v.places(u) for u in ("count", "rate", "percent", "days", "average", "money")] == [
        0,
        1,
        1,
        0,
        1,
        0,
    ]
    assert v.places("unknown-unit") == 1  # an unknown unit shows one place
    assert v.places("count", 2) == 2
    assert v.places(v.DisplayUnit("rate", 3)) == 3
    assert v.places(v.DisplayUnit("rate", 3), 0) == 0  # an explicit argument wins


@pytest.mark.parametrize(
    ("value", "dp", "expected"),
    [
        (85.25, 1, "85.3"),  # half up, not to even
        (85.35, 1, "85.4"),
        (2.5, 0, "3"),
        (3.5, 0, "4"),
        (-2.5, 0, "-3"),  # half away from zero
        (0.125, 2, "0.13"),
        (1.005, 2, "1.01"),  # repr(1.005) is '1.005': decimal, not binary, rounding
        (12.0, 0, "12"),
    ],
)
def test_round_half_up(value: float, dp: int, expected: str) -> None:
    result = v.round_half_up(value, dp)
    assert isinstance(result, Decimal)
    assert str(result) == expected


def test_shown_is_the_printed_figure() -> None:
    assert v.shown(85.25, 1) == 85.3
    assert v.shown(432.5, 0) == 433.0
    assert v.shown(None, 1) is None
    assert v.shown(math.nan, 1) is None


def test_shown_difference_of_one_missing_side() -> None:
    assert v.shown_difference(1.0, None, 1) is None
    assert v.shown_difference(None, None, 1) is None
    # 10.05 -> 10.1 and 10.04 -> 10.0 as printed: the reader's difference is 0.1
    assert v.shown_difference(10.05, 10.04, 1) == pytest.approx(0.1)
    assert v.shown_difference(10.05, 10.04, 2) == pytest.approx(0.01)


@pytest.mark.parametrize(
    ("value", "dp", "expected"),
    [
        (1234.5, 1, "1,234.5"),
        (1234.5, 0, "1,235"),
        (1234567, 0, "1,234,567"),
        (-1234.56, 2, f"{MINUS}1,234.56"),  # a real minus sign
        (-0.04, 1, "0.0"),  # never '-0.0'
        (-0.4, 0, "0"),
        (0.0, 2, "0.00"),
        (None, 1, "n/a"),
        (math.nan, 0, "n/a"),
    ],
)
def test_fmt_number(value: float | None, dp: int, expected: str) -> None:
    assert v.fmt_number(value, dp) == expected


def test_fmt_number_default_is_whole() -> None:
    assert v.fmt_number(1234.5) == "1,235"
    assert v.fmt_count(1234.5) == "1,235"
    assert v.fmt_count(None) == "n/a"


def test_fmt_rate_and_percent() -> None:
    assert v.fmt_rate(89.8) == "89.8"  # one place by default
    assert v.fmt_rate(89.8, 2) == "89.80"
    assert v.fmt_percent(45.63) == "45.6%"
    assert v.fmt_percent(45.65, 0) == "46%"
    assert v.fmt_percent(None) == "n/a"  # no '%' after a gap
    assert v.fmt_percent(-1.25) == f"{MINUS}1.3%"


def test_fmt_money() -> None:
    assert v.fmt_money(1234567.4) == "£1,234,567"
    assert v.fmt_money(-2500) == f"{MINUS}£2,500"  # sign before the pound sign
    assert v.fmt_money(12.345, 2) == "£12.35"
    assert v.fmt_money(0) == "£0"
    assert v.fmt_money(None) == "n/a"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "symbol", "expected"),
    [
        (45.63, "percent", None, None, "45.6%"),
        (45.63, "percent", 0, None, "46%"),
        (2500.4, "money", None, None, "£2,500"),
        (2500.44, "money", 1, None, "£2,500.4"),
        (1234.0, "count", None, None, "1,234"),
        (89.84, "rate", None, None, "89.8"),
        (17.46, "days", None, None, "17"),
        (3.25, "average", None, None, "3.3"),
        (None, "percent", None, "x", "x"),
        (None, "percent", None, None, "n/a"),
    ],
)
def test_fmt_value(
    value: float | None, unit: str, decimals: int | None, symbol: str | None, expected: str
) -> None:
    assert v.fmt_value(value, unit, decimals, symbol) == expected


def test_fmt_value_with_unit() -> None:
    assert v.fmt_value_with_unit(17.4, "days") == "17 days"
    assert v.fmt_value_with_unit(85.46, "rate") == "85.5 per 10,000"
    assert v.fmt_value_with_unit(85.46, "rate", 2, 1000) == "85.46 per 1,000"
    assert v.fmt_value_with_unit(45.6, "percent") == "45.6%"
    assert v.fmt_value_with_unit(12, "count") == "12"
    assert v.fmt_value_with_unit(None, "rate", symbol="c") == "not available (suppressed)"
    assert v.fmt_value_with_unit(None, "rate") == "not available"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (12, "count", None, "+12"),
        (-3.44, "rate", None, f"{MINUS}3.4"),
        (1.24, "percent", None, "+1.2pp"),
        (-1.25, "percent", None, f"{MINUS}1.3pp"),
        (0.04, "rate", None, "0.0"),  # rounds to nothing: no sign
        (-0.04, "rate", None, "0.0"),
        (0.0, "count", None, "0"),
        (0.4, "count", 1, "+0.4"),
        (None, "count", None, "n/a"),
    ],
)
def test_fmt_signed(value: float | None, unit: str, decimals: int | None, expected: str) -> None:
    assert v.fmt_signed(value, unit, decimals) == expected


def test_fmt_signed_defaults_to_a_count() -> None:
    assert v.fmt_signed(2.6) == "+3"
    assert v.fmt_signed(-2.6) == f"{MINUS}3"


@pytest.mark.parametrize(
    ("value", "dp", "expected"),
    [
        (10.04, 1, "+10.0%"),
        (-10.06, 1, f"{MINUS}10.1%"),
        (0.04, 1, "0.0%"),
        (-0.04, 1, "0.0%"),
        (0.4, 0, "0%"),
        (2.5, 0, "+3%"),
        (None, 1, "n/a"),
    ],
)
def test_fmt_signed_percent(value: float | None, dp: int, expected: str) -> None:
    assert v.fmt_signed_percent(value, dp) == expected


def test_fmt_signed_percent_default_one_place() -> None:
    assert v.fmt_signed_percent(3.25) == "+3.3%"


def test_change_word() -> None:
    assert v.change_word(2.0) == "increase"
    assert v.change_word(-0.1) == "decrease"
    assert v.change_word(0.0) == "no change"
    assert v.change_word(1.0, "rise", "fall", "same") == "rise"
    assert v.change_word(-1.0, "rise", "fall", "same") == "fall"
    assert v.change_word(0, "rise", "fall", "same") == "same"
    assert v.change_word(math.nan) == "not available"


# ----------------------------------------------------------------------------- units


def test_unit_name_and_display_unit_str() -> None:
    assert v.unit_name("rate") == "rate"
    assert v.unit_name(v.DisplayUnit("days")) == "days"
    assert str(v.DisplayUnit("percent", 2)) == "percent"


@pytest.mark.parametrize(
    ("denominator", "expected"),
    [
        ("population:0-17", "aged under 18"),
        ("population:0-4", "aged under 5"),
        ("population:5-17", "aged 5-17"),
        ("population:65+", "aged 65+"),
        ("population:0-", "aged 0-"),  # no upper age: not 'under'
        ("cohort", ""),
        (None, ""),
        ("", ""),
    ],
)
def test_population_words(denominator: str | None, expected: str) -> None:
    assert v.population_words(denominator) == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("percent", "%"),
        ("count", "number"),
        ("days", "days"),
        ("average", "average"),
        ("money", "£"),
        ("widgets", "widgets"),
        ("rate", "per 10,000"),
    ],
)
def test_unit_words(unit: str, expected: str) -> None:
    assert v.unit_words(unit) == expected


def test_unit_words_rate_long_and_short() -> None:
    assert v.unit_words("rate", 1000, "population:0-17") == "per 1,000"  # short: no ages
    assert v.unit_words("rate", None, "population:0-17", long=True) == "per 10,000 aged under 18"
    assert v.unit_words("rate", 1000, "cohort", long=True) == "per 1,000"  # no trailing space
    assert v.unit_words(v.DisplayUnit("rate", 1, 100_000)) == "per 100,000"
    assert v.unit_words(v.DisplayUnit("rate", 1, 100_000), 1000) == "per 1,000"


def test_change_unit_words() -> None:
    assert v.change_unit_words("percent") == "percentage points"
    assert v.change_unit_words("rate") == ""


# ----------------------------------------------------------------------------- ratings


def test_rating_word_for_every_rating() -> None:
    assert [v.rating_word(r) for r in ("blue", "green", "amber", "red", "grey")] == [
        "Blue",
        "Green",
        "Amber",
        "Red",
        "Not rated",
    ]
    assert v.rating_word("") == "Not rated"
    assert v.rating_word("purple") == "Not rated"


def test_rating_key_wording_with_the_thresholds() -> None:
    # WORDING: the Derby performance surgery BRAG key, with 5% amber and 2% blue.
    assert v.rating_key(5, 2) == (
        ("blue", "Target exceeded by 2% or more"),
        ("green", "Target met"),
        ("amber", "5% or less adrift from the target (target not met)"),
        ("red", "More than 5% adrift from the target"),
    )
    key = dict(v.rating_key(10.4, 2.6))
    assert key["blue"] == "Target exceeded by 3% or more"
    assert key["amber"].startswith("10% or less")
    assert key["red"] == "More than 10% adrift from the target"


# ----------------------------------------------------------------------------- directions


@pytest.mark.parametrize(
    "word", ["improving", "deteriorating", "broadly stable", "no change", "up", "down"]
)
def test_direction_word_says_each_direction(word: str) -> None:
    assert v.direction_word(word) == word


def test_direction_word_unknown() -> None:
    assert v.direction_word("sideways") == "not available"
    assert v.direction_word("") == "not available"


@pytest.mark.parametrize(
    ("direction", "change", "expected"),
    [
        ("up", 6.0, "rose to"),
        ("improving", -2.0, "fell to"),
        ("deteriorating", 0.5, "rose to"),
        ("no change", 0.0, "stayed at"),
        ("broadly stable", -1.0, "was broadly stable at"),
        ("broadly stable", None, "was broadly stable at"),
        (None, 3.0, "was"),
        ("up", None, "was"),
    ],
)
def test_movement_verb(direction: str | None, change: float | None, expected: str) -> None:
    assert v.movement_verb(direction, change) == expected


def test_arrows() -> None:
    assert v.arrow(2.0) == "\u2191"
    assert v.arrow(-0.5) == "\u2193"
    assert v.arrow(0.5) == "\u2191"  # any rise, however small, points up
    assert v.arrow(0.0) == "\u2192"
    assert v.arrow(None) == ""


def test_polarity_note() -> None:
    assert v.polarity_note("higher") == "higher is better"
    assert v.polarity_note(None) == ""


# ----------------------------------------------------------------------------- missing


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("c", "not available (suppressed)"),
        ("x", "not available"),
        ("z", "not applicable"),
        ("u", "not available (low reliability)"),
        ("low", "fewer than 0.5 (rounds to zero)"),
        ("k", "fewer than 0.5 (rounds to zero)"),
        (None, "not available"),
        ("", "not available"),
    ],
)
def test_missing_words(symbol: str | None, expected: str) -> None:
    assert v.missing_words(symbol) == expected


def test_symbol_key_lists_the_used_symbols_in_the_gss_order() -> None:
    key = v.symbol_key(["x", "c"])
    parts = key.split("; ")
    assert len(parts) == 2
    assert parts[0].startswith("c = ") and parts[1].startswith("x = ")
    assert v.symbol_key(set()) == ""
    assert v.symbol_key(frozenset({"z"})).startswith("z = ")


# ----------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("month", "name"), [(1, "January"), (2, "February"), (6, "June"), (12, "December")]
)
def test_month_name(month: int, name: str) -> None:
    assert v.month_name(month) == name


def test_every_month_spelt() -> None:
    assert v.MONTHS == (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-01", "January 2017"),
        ("2016-12", "December 2016"),
        ("2017-03-31", "March 2017"),  # a date as text: its first seven characters
        (date(2016, 4, 1), "April 2016"),
        (datetime(2015, 11, 30, 9, 0), "November 2015"),
    ],
)
def test_fmt_period(period: str | date, expected: str) -> None:
    assert v.fmt_period(period) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2012-02-24", "24 February 2012"),
        ("2017-01-05T10:00:00", "5 January 2017"),  # no leading zero, time dropped
        (date(2016, 12, 1), "1 December 2016"),
        (datetime(2017, 3, 31, 23, 59), "31 March 2017"),
    ],
)
def test_fmt_date(value: str | date, expected: str) -> None:
    assert v.fmt_date(value) == expected


@pytest.mark.parametrize(
    ("start", "expected"), [(2016, "2016/17"), (1999, "1999/00"), (2008, "2008/09")]
)
def test_fmt_financial_year(start: int, expected: str) -> None:
    assert v.fmt_financial_year(start) == expected


def test_year_end_is_march_only() -> None:
    assert v.is_year_end("2017-03") is True
    assert v.is_year_end("2017-02") is False
    assert v.is_year_end("2013-04") is False
    assert v.is_year_end("2017-03-31") is True  # a date in March: the month is [5:7]
    assert v.forecast_label("2017-01", "2016/17") == "Year-end forecast (2016/17)"


def test_months_list() -> None:
    assert v.months_list(["2016-10"]) == "October 2016"
    assert v.months_list(("2016-10", "2016-11", "2017-01")) == (
        "October 2016, November 2016 and January 2017"
    )


# ----------------------------------------------------------------------------- counting


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (9, "9th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (19, "19th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (152, "152nd"),
    ],
)
def test_ordinal(n: int, expected: str) -> None:
    assert v.ordinal(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (4, "fourth"),
        (5, "fifth"),
        (6, "sixth"),
        (7, "seventh"),
        (8, "eighth"),
        (9, "ninth"),
        (10, "tenth"),
        (11, "11th"),
        (22, "22nd"),
    ],
)
def test_ordinal_word(n: int, expected: str) -> None:
    assert v.ordinal_word(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "three"),
        (4, "four"),
        (5, "five"),
        (6, "six"),
        (7, "seven"),
        (8, "eight"),
        (9, "nine"),
        (10, "ten"),
        (11, "11"),
        (1500, "1,500"),
        (-1, "\u22121"),
    ],
)
def test_number_word(n: int, expected: str) -> None:
    assert v.number_word(n) == expected


def test_how_many() -> None:
    assert v.how_many(12, "authority", "authorities") == "12 authorities"
    assert v.how_many(2, "month", "months") == "two months"


def test_position_and_rank_text() -> None:
    assert v.position(2, "lowest") == "the second lowest"
    assert v.position(2, "lowest", tied=True) == "joint 2nd lowest"
    assert v.rank_text(7, 15) == "7th of 15"
    assert v.rank_text(1, 152, tied=False) == "1st of 152"
    assert v.rank_text(3, 152, tied=True) == "joint 3rd of 152"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("North East", "the North East"),
        ("north west", "the north west"),
        ("East Midlands", "the East Midlands"),
        ("West Midlands", "the West Midlands"),
        ("East of England", "the East of England"),
        ("South East", "the South East"),
        ("South West", "the South West"),
        ("Humber", "the Humber"),
        ("The South West", "The South West"),  # already has its article
        ("the North East", "the North East"),
        ("Inner London", "Inner London"),
        (None, "the region"),
        ("", "the region"),
    ],
)
def test_region_words(name: str | None, expected: str) -> None:
    assert v.region_words(name) == expected


@pytest.mark.parametrize(
    ("quartile", "polarity", "expected"),
    [
        (1, "higher", "quartile 1 (the best 25% of authorities)"),
        (2, "lower", "quartile 2 (the second best 25% of authorities)"),
        (3, "higher", "quartile 3 (the second worst 25% of authorities)"),
        (4, "lower", "quartile 4 (the worst 25% of authorities)"),
        (1, "neutral", "quartile 1 (the highest 25% of authorities)"),
        (2, "neutral", "quartile 2 (the middle half of authorities)"),
        (3, "neutral", "quartile 3 (the middle half of authorities)"),
        (4, "neutral", "quartile 4 (the lowest 25% of authorities)"),
    ],
)
def test_quartile_words(quartile: int, polarity: str, expected: str) -> None:
    # WORDING: DfE LAIT banding explained for members.
    assert v.quartile_words(quartile, polarity) == expected


def test_year_end_and_forecast_method_words() -> None:
    assert v.year_end_words("2015/16") == "2015/16 year-end"
    assert v.forecast_method_words("trend") == (
        "linear trend of the last 12 months projected to March"
    )
    assert v.forecast_method_words("pace") == (
        "year to date plus the average monthly count so far for the remaining months"
    )
    assert v.forecast_method_words("actual") == "year-end actual"
    assert v.forecast_method_words(None) == ""
    assert v.forecast_method_words("guess") == ""


# ----------------------------------------------------------------------------- governance


def test_exempt_marking() -> None:
    assert v.exempt_marking(3) == "NOT FOR PUBLICATION (Schedule 12A, paragraph 3)"
    assert v.exempt_marking(None) == "NOT FOR PUBLICATION (Schedule 12A)"
    assert v.DRAFT_NOTICE == "Draft \u2013 for internal review"


def test_contact_line() -> None:
    assert v.contact_line("a@b.gov.uk", "01234 567123") == "Tel: 01234 567123, a@b.gov.uk"
    assert v.contact_line("a@b.gov.uk", None) == "a@b.gov.uk"
    assert v.contact_line(None, "01234 567123") == "Tel: 01234 567123"
    assert v.contact_line(None, None) == ""
    assert v.contact_line("", "") == ""


def test_approval_rows() -> None:
    assert v.ALWAYS_APPROVED == ("finance", "legal")
    assert v.PROCUREMENT_APPROVAL == "procurement"
    assert v.APPROVAL_ROLES["finance"] == "Strategic Director of Finance and Corporate Services"
    assert v.APPROVAL_ROLES["legal"] == "Director of Legal Services"
    assert v.APPROVAL_ROLES["procurement"] == "Head of Procurement"
    assert v.APPROVAL_ROLES["director"] == "Strategic Director"


def test_source_line() -> None:
    assert v.source_line(["DfE SSDA903", " local system ", "DfE SSDA903", None, "  "]) == (
        "Source: DfE SSDA903; local system"
    )
    assert v.source_line([None, ""]) is None
    assert v.source_line([]) is None
