"""Engine figures the mutation check found untested (docs/testing.md, "Mutation check").

Each test builds the few rows it needs; every expected value is worked out by hand in
the docstring or comment beside it, never recomputed through reportgen's own functions.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from indicator_data import make_dataset, monthly

from reportgen.data.dataset import Dataset, IndicatorDef, Materiality
from reportgen.errors import DataError
from reportgen.indicators import compute_indicators

FOLDER = Path("/data/test-borough")


def _in_folder(ds: Dataset) -> Dataset:
    """The dataset as if loaded from ``FOLDER`` (errors must name it)."""
    return replace(ds, folder=FOLDER)


def test_no_values_names_the_folder() -> None:
    ds = _in_folder(make_dataset([IndicatorDef("s", "Stock", "count", "lower")], []))
    with pytest.raises(DataError) as err:
        compute_indicators(ds, "2016-04")
    assert err.value.file == FOLDER
    assert err.value.message == "the dataset has no indicator values"
    assert err.value.hint == "add monthly rows to the values file"


def test_a_period_outside_the_data_says_the_range_and_names_the_folder() -> None:
    """Rows for April to June 2016 only: asking for January 2018 names the range."""
    stock = IndicatorDef("s", "Stock", "count", "lower")
    ds = _in_folder(make_dataset([stock], monthly("s", [1.0, 2.0, 3.0], start="2016-04")))
    with pytest.raises(DataError) as err:
        compute_indicators(ds, "2018-01")
    assert err.value.file == FOLDER
    assert err.value.message == "there is no data for period 2018-01"
    assert err.value.hint == (
        "the data runs from 2016-04 to 2016-06; choose a period in that range"
    )


def test_an_unknown_area_names_the_folder_and_the_areas() -> None:
    stock = IndicatorDef("s", "Stock", "count", "lower")
    rows = monthly("s", [1.0], start="2016-04") + monthly("s", [2.0], "2016-04", "North")
    ds = _in_folder(make_dataset([stock], rows))
    with pytest.raises(DataError) as err:
        compute_indicators(ds, "2016-04", "West")
    assert err.value.file == FOLDER
    assert err.value.message == "unknown area 'West'"
    assert err.value.hint == "use one of: Test Borough, North"


def test_last_years_total_is_withheld_when_its_month_is_missing() -> None:
    """A flow at May 2017: this year April 4 + May 5 = 9, complete. A year earlier April
    2016 has 3 but May 2016 has no figure, so last year's year to date (April-May 2016)
    is incomplete: no total (3 would understate it) and no year-on-year direction. Judged
    a month off (April 2016 alone) it would look complete: 3, and "improving"."""
    flow = IndicatorDef("adm", "Admissions", "count", "higher", aggregation="flow")
    values = [3.0] + [None] * 11 + [4.0, 5.0]  # 2016-04 .. 2017-05, May 2016-Mar 2017 gaps
    r = compute_indicators(make_dataset([flow], monthly("adm", values, "2016-04")), "2017-05")[
        "adm"
    ]
    assert (r.ytd, r.ytd_missing) == (9.0, ())
    assert r.ytd_last_year is None
    assert r.direction_year is None


def _flows() -> dict[str, Any]:
    """Two flows at May 2017 (year to date April-May) against April-May 2016.

    "m": within 2 a year is broadly stable. 2016: 10 + 11 = 21; 2017: 10 + 10 = 20, down
    1 <= 2: "broadly stable" (without the materiality: fewer, higher is better:
    "deteriorating"). Month on month 10 -> 10: "no change".
    "d": a flow shown to 1 place (£m). 2016: 1.01 + 1.01 = 2.02, shown 2.0; 2017: 1.02 +
    1.02 = 2.04, shown 2.0: "no change" (on the unrounded 2.04 > 2.02: "improving").
    """
    m = IndicatorDef(
        "m", "Moves", "count", "higher", aggregation="flow", stable_within=Materiality(2.0)
    )
    d = IndicatorDef("d", "Spend (£m)", "count", "higher", aggregation="flow", decimals=1)
    gap = [None] * 10  # 2016-06 .. 2017-03
    rows = monthly("m", [10.0, 11.0, *gap, 10.0, 10.0], "2016-04")
    rows += monthly("d", [1.01, 1.01, *gap, 1.02, 1.02], "2016-04")
    return dict(compute_indicators(make_dataset([m, d], rows), "2017-05").results)


def test_year_on_year_direction_uses_materiality_and_shown_figures() -> None:
    results = _flows()
    m, d = results["m"], results["d"]
    assert (m.ytd, m.ytd_last_year) == (20.0, 21.0)
    assert m.direction_year == "broadly stable"
    assert d.ytd == pytest.approx(2.04) and d.ytd_last_year == pytest.approx(2.02)
    assert d.direction_year == "no change"


def test_month_on_month_direction_uses_materiality() -> None:
    """Visits rise 100 -> 101 (higher is better); within 2 that is "broadly stable", not
    "improving"."""
    visits = IndicatorDef("v", "Visits", "count", "higher", stable_within=Materiality(2.0))
    ds = make_dataset([visits], monthly("v", [100.0, 101.0], "2016-04"))
    r = compute_indicators(ds, "2016-05")["v"]
    assert (r.previous, r.value, r.change) == (100.0, 101.0, 1.0)
    assert r.direction == "broadly stable"


def test_year_start_direction_uses_polarity_and_shown_figures() -> None:
    """At January 2017 the year-start position is March 2016.
    "up": higher is better, March 100 -> January 110: "improving" (read as lower is
    better it would be "deteriorating").
    "p": a percentage shown to 1 place, March 60.04 -> January 60.02: both shown 60.0,
    "no change" (unrounded it fell: "deteriorating")."""
    up = IndicatorDef("up", "Placements", "count", "higher")
    pct = IndicatorDef("p", "Share", "percent", "higher")
    fill = [None] * 9  # 2016-04 .. 2016-12
    rows = monthly("up", [100.0, *fill, 110.0], "2016-03")
    rows += monthly("p", [60.04, *fill, 60.02], "2016-03")
    results = compute_indicators(make_dataset([up, pct], rows), "2017-01")
    assert (results["up"].year_start_value, results["up"].value) == (100.0, 110.0)
    assert results["up"].direction_year == "improving"
    assert results["p"].year_start_value == pytest.approx(60.04)
    assert results["p"].direction_year == "no change"


def test_the_trend_forecast_includes_the_period_itself() -> None:
    """April 10, May 11, June 12 2016, a snapshot: the straight line through the three is
    10 + 1 a month; March 2017 is 11 months after April: 10 + 11 = 21. Without June only
    two points remain, under the three a trend needs: no forecast."""
    stock = IndicatorDef("s", "Stock", "count", "higher")
    ds = make_dataset([stock], monthly("s", [10.0, 11.0, 12.0], "2016-04"))
    r = compute_indicators(ds, "2016-06")["s"]
    assert r.forecast == pytest.approx(21.0)
    assert r.forecast_method == "trend"


def test_a_council_missing_from_the_councils_table_is_named_from_the_dataset() -> None:
    """A new council (code E06000777) not yet in the councils table, with a published
    2015/16 figure of 70: its own comparator is named with the dataset's council name."""
    stock = IndicatorDef("s", "Stock", "count", "lower")
    bench = [
        {"indicator": "s", "year": "2015/16", "code": "E92000001", "name": "England",
         "kind": "england", "value": 50.0},
        {"indicator": "s", "year": "2015/16", "code": "E06000777", "name": "New Borough",
         "kind": "authority", "value": 70.0},
    ]  # fmt: skip
    ds = make_dataset([stock], monthly("s", [80.0], "2017-01"), None, bench)
    ds = replace(ds, council_code="E06000777")
    r = compute_indicators(ds, "2017-01")["s"]
    own = [c for c in r.comparators if c.kind == "council"]
    assert [(c.name, c.value, c.year) for c in own] == [("Test Borough Council", 70.0, "2015/16")]


def test_symbol_and_count_belong_to_the_figure_shown() -> None:
    """A rate recorded as 20.0 per 10,000 in April 2016 whose count is suppressed ("c"):
    the rate is shown, so the result carries no symbol. A percentage of 3 out of 10
    (30.0%) has a numerator, but only a rate has a "count" (the children behind it)."""
    count = IndicatorDef("n", "Children", "count", "lower")
    rate = IndicatorDef("r", "Rate", "rate", "lower", rate_per=10_000, numerator="n")
    pct = IndicatorDef("pc", "Share", "percent", "higher")
    rows: list[dict[str, Any]] = [
        {"indicator": "n", "area": "Test Borough", "period": "2016-04", "value": float("nan"),
         "numerator": float("nan"), "denominator": float("nan"), "symbol": "c"},
        {"indicator": "r", "area": "Test Borough", "period": "2016-04", "value": 20.0,
         "numerator": float("nan"), "denominator": float("nan"), "symbol": ""},
    ]  # fmt: skip
    rows += monthly("pc", [30.0], "2016-04", numerators=[3.0], denominators=[10.0])
    results = compute_indicators(make_dataset([count, rate, pct], rows), "2016-04")
    assert (results["r"].value, results["r"].symbol) == (20.0, "")
    assert results["n"].symbol == "c" and results["n"].value is None
    assert (results["pc"].value, results["pc"].numerator) == (30.0, 3.0)
    assert results["pc"].count is None
