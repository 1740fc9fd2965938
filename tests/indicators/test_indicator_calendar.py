"""Financial years, periods and rates per head."""

from __future__ import annotations

import pytest

from reportgen.errors import DataError
from reportgen.indicators import (
    financial_year,
    months_elapsed,
    months_remaining,
    population_for,
    population_year,
    previous_financial_year,
    rate,
    ratio,
    shift_period,
    year_end_period,
    year_start_period,
    year_to_date_periods,
)
from reportgen.indicators.periods import financial_year_periods, parse_period


@pytest.mark.parametrize(
    ("period", "fy", "start", "end", "elapsed"),
    [
        ("2017-01", "2016/17", "2016-03", "2017-03", 10),
        ("2016-04", "2016/17", "2016-03", "2017-03", 1),
        ("2016-03", "2015/16", "2015-03", "2016-03", 12),
        ("1999-12", "1999/00", "1999-03", "2000-03", 9),
    ],
)
def test_financial_year(period: str, fy: str, start: str, end: str, elapsed: int) -> None:
    assert financial_year(period) == fy
    assert year_start_period(period) == start
    assert year_end_period(period) == end
    assert months_elapsed(period) == elapsed
    assert months_remaining(period) == 12 - elapsed


def test_previous_financial_year() -> None:
    assert previous_financial_year("2017-01") == "2015/16"
    assert previous_financial_year("2016-04") == "2015/16"


def test_shift_period_across_years() -> None:
    assert shift_period("2017-01", -1) == "2016-12"
    assert shift_period("2017-01", -12) == "2016-01"
    assert shift_period("2016-12", 3) == "2017-03"


def test_year_to_date_periods() -> None:
    assert year_to_date_periods("2016-06") == ["2016-04", "2016-05", "2016-06"]
    assert len(year_to_date_periods("2017-03")) == 12
    assert financial_year_periods("2015/16")[0] == "2015-04"
    assert financial_year_periods("2015/16")[-1] == "2016-03"


@pytest.mark.parametrize("bad", ["2017-13", "Jan 2017", "2017-1", "", "2017/01"])
def test_bad_period_is_data_error(bad: str) -> None:
    with pytest.raises(DataError) as err:
        parse_period(bad)
    assert "YYYY-MM" in str(err.value)


def test_rate_zero_or_missing_population() -> None:
    assert rate(10, 0) is None
    assert rate(10, None) is None
    assert rate(None, 1000) is None
    assert rate(0, 1000) == 0.0
    assert rate(5, 1000, per=1000) == 5.0


def test_ratio_zero_denominator() -> None:
    assert ratio(0, 0) is None
    assert ratio(3, 4) == 75.0
    assert ratio(4, 4) == 100.0
    assert ratio(0, 4) == 0.0


def test_population_year_and_fallbacks() -> None:
    assert population_year("2017-01") == 2016
    assert population_year("2016-03") == 2015
    by_year = {2014: 1.0, 2015: 2.0}
    assert population_for(by_year, "2016-05") == 2.0  # mid-2016 not published: use 2015
    assert population_for(by_year, "2015-01") == 1.0
    assert population_for(by_year, "2012-01") == 1.0  # before the data: the earliest
    assert population_for({}, "2016-05") is None
