"""Monthly periods and the April-to-March financial year councils report against.

Periods are "YYYY-MM" strings everywhere (they sort as text, read well in CSV and are what
users type on the command line); these helpers are the only place that does arithmetic on
them, so a year-end rollover is got right once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportgen.errors import DataError

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_MONTH = 4  # April: councils' financial years run April to March


@lru_cache(maxsize=4096)
def parse_period(period: str) -> tuple[int, int]:
    """'2017-01' -> (2017, 1); anything else is a DataError telling the user the format.

    Memoised: the indicator engine asks about the same few dozen periods tens of
    thousands of times a report (an error is not remembered: it is raised every time).
    """
    match = _PERIOD.match(str(period))
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise DataError(
            f"'{period}' is not a period", hint="give the period as YYYY-MM, for example 2017-01"
        )
    return int(match.group(1)), int(match.group(2))


def month_index(period: str) -> int:
    """Months since year 0: a number that a trend line can be fitted against."""
    year, month = parse_period(period)
    return year * 12 + month - 1


def from_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def shift_period(period: str, months: int) -> str:
    """The period ``months`` later (negative: earlier)."""
    return from_index(month_index(period) + months)


def fy_start_year(period: str) -> int:
    """The calendar year in which the period's financial year began (2017-01 -> 2016)."""
    year, month = parse_period(period)
    return year if month >= FIRST_MONTH else year - 1


def fy_label(start_year: int) -> str:
    """2016 -> '2016/17', the way DfE and councils write a financial year."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year(period: str) -> str:
    """2017-01 -> '2016/17'; 2016-04 -> '2016/17'; 2016-03 -> '2015/16'."""
    return fy_label(fy_start_year(period))


def previous_financial_year(period: str) -> str:
    return fy_label(fy_start_year(period) - 1)


def fy_start_of(label: str) -> int:
    """'2016/17' -> 2016. Benchmark years are labelled this way too."""
    match = re.match(r"^(\d{4})/(\d{2})$", str(label))
    if not match:
        raise DataError(
            f"'{label}' is not a financial year", hint="write years as YYYY/YY, for example 2015/16"
        )
    return int(match.group(1))


def year_start_period(period: str) -> str:
    """The March that closed the previous financial year: its year-end position."""
    return f"{fy_start_year(period):04d}-03"


def year_end_period(period: str) -> str:
    """The March that closes the period's financial year."""
    return f"{fy_start_year(period) + 1:04d}-03"


def months_elapsed(period: str) -> int:
    """Months of the financial year up to and including the period (April = 1, March = 12)."""
    return month_index(period) - month_index(f"{fy_start_year(period):04d}-04") + 1


def months_remaining(period: str) -> int:
    """Months after the period until the year-end (March = 0)."""
    return 12 - months_elapsed(period)


def year_to_date_periods(period: str) -> list[str]:
    """April of the period's financial year up to the period itself."""
    start = month_index(f"{fy_start_year(period):04d}-04")
    return [from_index(i) for i in range(start, month_index(period) + 1)]


def financial_year_periods(label: str) -> list[str]:
    """The twelve months of a financial year, April to March."""
    start = fy_start_of(label) * 12 + FIRST_MONTH - 1
    return [from_index(i) for i in range(start, start + 12)]
