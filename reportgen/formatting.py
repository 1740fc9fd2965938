"""All en-GB number and date formatting, in one place.

Computation never rounds; only these functions do, and only for display, so a figure
reads the same in the narrative, the tables, the charts and both output formats.
Rounding is half-up (85.25 -> 85.3), as a reader checking by hand expects, not
Python's round-half-even.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Unit = Literal["count", "rate", "percent", "days", "average", "money"]

#: Decimal places shown for each unit.
DECIMALS: dict[str, int] = {
    "count": 0,
    "rate": 1,
    "percent": 1,
    "days": 0,
    "average": 1,
    "money": 0,
}

MISSING = "n/a"
MINUS = "\u2212"  # a real minus sign: screen readers say "minus", not "dash"

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def is_missing(value: object) -> bool:
    """True for None and NaN, the two ways a figure can be absent."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def round_half_up(value: float, decimals: int) -> Decimal:
    """Round for display only, half away from zero."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """A number with thousands separators and fixed decimals: 1234.5 -> '1,234.5'."""
    if is_missing(value):
        return MISSING
    assert value is not None
    rounded = round_half_up(float(value), decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never show '-0.0'
    text = f"{rounded:,.{decimals}f}"
    return text.replace("-", MINUS)


def fmt_count(value: float | int | None) -> str:
    return fmt_number(value, 0)


def fmt_rate(value: float | None, decimals: int = 1) -> str:
    return fmt_number(value, decimals)


def fmt_percent(value: float | None, decimals: int = 1) -> str:
    """A value already on the 0-100 scale: 45.63 -> '45.6%'."""
    if is_missing(value):
        return MISSING
    return f"{fmt_number(value, decimals)}%"


def fmt_money(value: float | None, decimals: int = 0) -> str:
    if is_missing(value):
        return MISSING
    assert value is not None
    sign = MINUS if value < 0 else ""
    return f"{sign}£{fmt_number(abs(value), decimals)}"


def fmt_value(value: float | int | None, unit: str, decimals: int | None = None) -> str:
    """Format a figure by its indicator unit (count, rate, percent, days, average, money)."""
    places = DECIMALS.get(unit, 1) if decimals is None else decimals
    if unit == "percent":
        return fmt_percent(value, places)
    if unit == "money":
        return fmt_money(value, places)
    return fmt_number(value, places)


def fmt_value_with_unit(value: float | int | None, unit: str) -> str:
    """As fmt_value, with the unit spelled out where a bare number would be ambiguous."""
    text = fmt_value(value, unit)
    if text == MISSING:
        return text
    if unit == "rate":
        return f"{text} per 10,000"
    if unit == "days":
        return f"{text} days"
    return text


def fmt_signed(value: float | int | None, unit: str = "count", decimals: int | None = None) -> str:
    """A change with its sign: +12, \u22123.4, +1.2 percentage points shown as '+1.2pp'."""
    if is_missing(value):
        return MISSING
    assert value is not None
    places = DECIMALS.get(unit, 1) if decimals is None else decimals
    magnitude = fmt_number(abs(value), places)
    sign = "" if round_half_up(float(value), places) == 0 else "+" if value > 0 else MINUS
    suffix = "pp" if unit == "percent" else ""
    return f"{sign}{magnitude}{suffix}"


def fmt_signed_percent(value: float | None, decimals: int = 1) -> str:
    """A relative change already in percent: 10.04 -> '+10.0%'."""
    if is_missing(value):
        return MISSING
    assert value is not None
    magnitude = fmt_number(abs(value), decimals)
    if round_half_up(float(value), decimals) == 0:
        return f"{magnitude}%"
    return f"{'+' if value > 0 else MINUS}{magnitude}%"


def change_word(value: float | None, up: str = "increase", down: str = "decrease",
                same: str = "no change") -> str:
    """'increase' / 'decrease' / 'no change' for a signed change."""
    if is_missing(value) or value == 0:
        return same
    assert value is not None
    return up if value > 0 else down


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def fmt_period(period: str | date | datetime) -> str:
    """'2017-01' (or a date) -> 'January 2017'."""
    if isinstance(period, (date, datetime)):
        return f"{MONTHS[period.month - 1]} {period.year}"
    year, month = str(period)[:7].split("-")
    return f"{MONTHS[int(month) - 1]} {int(year)}"


def fmt_date(value: date | datetime | str) -> str:
    """'24 February 2012', the GOV.UK style for dates."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def fmt_financial_year(start_year: int) -> str:
    """2016 -> '2016/17'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


_ORDINAL_WORDS = {
    1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
    6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
}

_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
)


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_word(n: int) -> str:
    return _ORDINAL_WORDS.get(n, ordinal(n))


def number_word(n: int) -> str:
    """Numbers under ten in words, as house style asks ('eight authorities')."""
    return _NUMBER_WORDS[n] if 0 <= n <= 10 else fmt_count(n)
