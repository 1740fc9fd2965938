"""The engine's figures for small datasets whose every answer is worked out by hand below
(mutation check, docs/testing.md): a flow's year to date, year-start total, pro-rata
target and pace forecast; a pooled proportion on a scale other than per cent."""

from __future__ import annotations

import pytest
from indicator_data import make_dataset, monthly

from reportgen.data.dataset import IndicatorDef, Materiality, Tolerance
from reportgen.errors import DataError
from reportgen.indicators import compute_indicators

FLOW = IndicatorDef(
    "adm", "Admissions", "count", "higher", aggregation="flow", targets={"2016/17": 30.0}
)


def test_flow_figures_by_hand() -> None:
    """Two a month from April 2015, five in January 2017. At January 2017:
    year to date (Apr 2016-Jan 2017) 9 x 2 + 5 = 23; a year earlier (Apr 2015-Jan 2016)
    10 x 2 = 20 -> more, higher is better: improving; the 2015/16 total 12 x 2 = 24;
    change on December 5 - 2 = 3, 3 / 2 = 150%; on January 2016 also +3.
    Target 30 pro rata for ten months: 30 x 10 / 12 = 25; 23 is 2 short, 2 / 25 = 8% > 5%
    -> red. Pace: 23 / 10 = 2.3 a month x 2 more = 27.6, shown 28; (30 - 28) / 30 = 6.7%
    -> red."""
    values = [2.0] * 21 + [5.0]  # 2015-04 .. 2017-01
    ds = make_dataset([FLOW], monthly("adm", values, start="2015-04"))
    r = compute_indicators(ds, "2017-01")["adm"]
    assert (r.value, r.previous, r.change) == (5.0, 2.0, 3.0)
    assert r.change_pct == pytest.approx(150.0)
    assert (r.last_year, r.change_last_year) == (2.0, 3.0)
    assert (r.ytd, r.ytd_last_year, r.ytd_missing) == (23.0, 20.0, ())
    assert r.year_start_value == 24.0 and r.year_start_year == "2015/16"
    assert r.direction_year == "improving"
    assert r.target_ytd == pytest.approx(25.0)
    assert r.variance == pytest.approx(-2.0)
    assert r.adrift_pct == pytest.approx(8.0)
    assert (r.brag, r.rag) == ("red", "red")
    assert r.forecast == pytest.approx(27.6) and r.forecast_method == "pace"
    assert r.forecast_adrift_pct == pytest.approx(2 / 30 * 100)
    assert r.forecast_brag == "red"
    assert r.target_series[0] == ("2015-04", None)  # no 2015/16 target
    assert dict(r.target_series)["2016-04"] == pytest.approx(2.5)  # 30 / 12 a month


def test_pooled_year_to_date_on_the_indicators_own_scale() -> None:
    """A rate per 1,000 pooled over the year: April 2 / 1,000, May 3 / 1,500 ->
    (2 + 3) / (1,000 + 1,500) x 1,000 = 2.0 (per cent would give 0.2).
    An average pooled: (30 + 45) / (3 + 3) = 12.5 cases each (scale 1)."""
    rate = IndicatorDef("r", "Rate", "rate", "lower", aggregation="proportion", rate_per=1000)
    avg = IndicatorDef("a", "Caseload", "average", "lower", aggregation="proportion")
    rows = monthly("r", [2.0, 2.0], start="2016-04", numerators=[2.0, 3.0],
                   denominators=[1000.0, 1500.0])  # fmt: skip
    rows += monthly("a", [10.0, 15.0], start="2016-04", numerators=[30.0, 45.0],
                    denominators=[3.0, 3.0])  # fmt: skip
    results = compute_indicators(make_dataset([rate, avg], rows), "2016-05")
    assert results["r"].ytd == pytest.approx(2.0)
    assert results["a"].ytd == pytest.approx(12.5)


def test_a_percentage_of_two_other_indicators() -> None:
    """No rows of its own: numerator "a", denominator indicator "b". April 3 / 10 x 100 =
    30.0%; May 4 / 0: no figure (never a division by zero); June: "b" has no row, so no
    denominator and no figure. In the locality "North" neither has rows: no figures."""
    pct = IndicatorDef("pct", "Share", "percent", "higher", numerator="a", denominator="b")
    a = IndicatorDef("a", "Part", "count", "higher")
    b = IndicatorDef("b", "Whole", "count", "higher")
    rows = monthly("a", [3.0, 4.0, 5.0], start="2016-04")
    rows += monthly("b", [10.0, 0.0], start="2016-04")
    rows += monthly("x", [1.0, 1.0, 1.0], start="2016-04", area="North")
    ds = make_dataset([pct, a, b], rows)
    series = dict(compute_indicators(ds, "2016-06")["pct"].series)
    assert series["2016-04"] == pytest.approx(30.0)
    assert series["2016-05"] is None and series["2016-06"] is None
    north = compute_indicators(ds, "2016-06", "North")["pct"]
    assert north.value is None and dict(north.series)["2016-04"] is None
    # "South" has parts (numerator) but no whole (denominator) at all: no figures
    south = make_dataset([pct, a, b], rows + monthly("a", [1.0], start="2016-04", area="South"))
    assert compute_indicators(south, "2016-04", "South")["pct"].value is None


def test_a_rate_for_an_area_without_a_population() -> None:
    """A rate from counts and "population:0-17": the whole area has 55,000 children, so
    110 children are 110 / 55,000 x 10,000 = 20.0 per 10,000; "North" has counts but no
    population rows: no rate (not a crash, not a 0)."""
    count = IndicatorDef("n", "Children", "count", "lower")
    rate = IndicatorDef(
        "r", "Rate", "rate", "lower", rate_per=10_000, numerator="n",
        denominator="population:0-17",
    )  # fmt: skip
    rows = monthly("n", [110.0], start="2016-04") + monthly(
        "n", [40.0], start="2016-04", area="North"
    )
    ds = make_dataset([count, rate], rows, {("Test Borough", 2015): 55_000.0})
    assert compute_indicators(ds, "2016-04")["r"].value == pytest.approx(20.0)
    north = compute_indicators(ds, "2016-04", "North")["r"]
    assert north.value is None and north.count == 40.0


def _bench(own: float) -> list[dict[str, object]]:
    return [
        {"indicator": "s", "year": "2015/16", "code": "E92000001", "name": "England",
         "kind": "england", "value": 50.0},
        {"indicator": "s", "year": "2015/16", "code": "E06000999", "name": "Test Borough",
         "kind": "authority", "value": own},
    ]  # fmt: skip


STOCK = IndicatorDef("s", "Stock", "count", "lower")


def test_year_start_is_march_else_the_published_figure() -> None:
    """The year-start position for January 2017 is March 2016. With a March row (70) it is
    70, not the published 2015/16 figure (76); rows from April 2016 only: the published 76;
    for a locality nothing is published: none."""
    with_march = monthly("s", [70.0] + [80.0] * 10, start="2016-03")
    r = compute_indicators(make_dataset([STOCK], with_march, None, _bench(76.0)), "2017-01")
    assert r["s"].year_start_value == 70.0
    from_april = monthly("s", [80.0] * 10, start="2016-04")
    from_april += monthly("s", [5.0] * 10, start="2016-04", area="North")
    ds = make_dataset([STOCK], from_april, None, _bench(76.0))
    assert compute_indicators(ds, "2017-01")["s"].year_start_value == 76.0
    assert compute_indicators(ds, "2017-01", "North")["s"].year_start_value is None


def test_a_snapshot_has_no_missing_months_and_a_quarter_its_own_previous() -> None:
    """A stock with no June figure names no missing months (its year to date is the
    snapshot). A quarterly figure is compared with the quarter before: December 2016 (60)
    against September 2016 (58) is no gap, and higher is better: improving."""
    gappy = monthly("s", [80.0, 81.0, None, 82.0], start="2016-04")
    quarterly = IndicatorDef("q", "Quarterly", "percent", "higher", frequency="quarterly")
    rows = gappy + monthly("q", [58.0, None, None, 60.0], start="2016-09")
    results = compute_indicators(make_dataset([STOCK, quarterly], rows), "2016-12")
    assert results["s"].ytd_missing == ()
    q = results["q"]
    assert (q.value, q.previous, q.previous_period, q.previous_gap) == (
        60.0, 58.0, "2016-09", None,
    )  # fmt: skip
    assert q.direction == "improving"


def test_a_suppressed_count_makes_its_rate_suppressed() -> None:
    """The count for April is "c": the rate made from it carries "c" and no figure."""
    count = IndicatorDef("n", "Children", "count", "lower")
    rate = IndicatorDef(
        "r", "Rate", "rate", "lower", rate_per=10_000, numerator="n",
        denominator="population:0-17",
    )  # fmt: skip
    rows = [{"indicator": "n", "area": "Test Borough", "period": "2016-04",
             "value": float("nan"), "numerator": float("nan"),
             "denominator": float("nan"), "symbol": "c"}]  # fmt: skip
    ds = make_dataset([count, rate], rows, {("Test Borough", 2015): 55_000.0})
    r = compute_indicators(ds, "2016-04")["r"]
    assert r.value is None and r.symbol == "c"


def test_count_series_has_a_gap_where_the_counts_stop() -> None:
    """Counts for April only, another indicator into May: the rate's count series reads
    (April, 110), (May, none)."""
    count = IndicatorDef("n", "Children", "count", "lower")
    rate = IndicatorDef(
        "r", "Rate", "rate", "lower", rate_per=10_000, numerator="n",
        denominator="population:0-17",
    )  # fmt: skip
    rows = monthly("n", [110.0], start="2016-04") + monthly("x", [1.0, 1.0], start="2016-04")
    ds = make_dataset([count, rate], rows, {("Test Borough", 2015): 55_000.0})
    r = compute_indicators(ds, "2016-05")["r"]
    assert r.count_series == (("2016-04", 110.0), ("2016-05", None))


def test_engine_passes_the_indicators_own_rules_on() -> None:
    """One snapshot, lower is better, stable within 2, shown to one place, target 40 with
    a 10% amber band: December 45.14, January 45.06 (both print 45.1) -> "no change" on
    the shown figures; March 2016 43.5 -> +1.6, within 2 -> "broadly stable". 45.1 against
    40 is 12.75% adrift: Red even with 10%. A percentage heading past 100 by March is
    forecast at 100. A count has no rate or count fields; a snapshot no ytd target."""
    stable = IndicatorDef(
        "s", "Stock", "rate", "lower", rate_per=10_000, stable_within=Materiality(2.0),
        targets={"2016/17": 40.0}, tolerance=Tolerance(amber_pct=10.0, blue_pct=5.0),
    )  # fmt: skip
    pct = IndicatorDef("p", "Share", "percent", "higher")
    count = IndicatorDef("c", "Count", "count", "higher", targets={"2016/17": 100.0},
                         tolerance=Tolerance(amber_pct=50.0, blue_pct=2.0))  # fmt: skip
    rows = monthly("s", [43.5] + [45.0] * 8 + [45.14, 45.06], start="2016-03")
    rows += monthly("p", [90.0 + i for i in range(10)], start="2016-04")
    rows += monthly("c", [70.0] * 10, start="2016-04")
    r = compute_indicators(make_dataset([stable, pct, count], rows), "2017-01")
    s, p, c = r["s"], r["p"], r["c"]
    assert (s.direction, s.direction_year) == ("no change", "broadly stable")
    assert s.brag == "red" and s.target_ytd is None and s.symbol == ""
    assert (s.rate, p.rate, p.count) == (45.06, None, None)
    assert p.forecast == 100.0  # 90, 91, ... 99 in January: 101 by March -> 100
    # 70 against 100: 30% short, Amber within 50%; the forecast 70 too
    assert (c.rag, c.brag, c.forecast_brag) == ("amber", "amber", "amber")


def test_an_empty_dataset_says_what_to_add() -> None:
    ds = make_dataset([STOCK], [])
    with pytest.raises(DataError) as err:
        compute_indicators(ds, "2017-01")
    assert "the dataset has no indicator values" in str(err.value)
    assert err.value.hint == "add monthly rows to the values file"
