"""The bundled example data: its shape, and the January 2017 corporate parenting figures it is
calibrated
to.

The numbers asserted here are the ones Rotherham's corporate parenting report for January
2017 quotes: the example report must be able to say the same things.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reportgen.data import Dataset, financial_year
from reportgen.data.definitions import AGGREGATIONS, POLARITIES, UNITS

REQUIRED_IDS = {
    "cla",
    "cla_rate",
    "cpp",
    "cpp_rate",
    "cin",
    "cin_rate",
    "referrals",
    "rereferrals",
    "assessments_45",
    "visits",
    "moves3",
    "stability",
    "eet",
    "caseload",
    "adoptions",
    "adoption_days",
    "cp_repeat",
    "cp_reviews",
    "sw_vacancy",
    "agency",
    "care_leavers_accommodation",
}
LOCALITIES = ["North", "South", "East", "Central"]
YEARS = ("2014/15", "2015/16", "2016/17")


def at(ds: Dataset, indicator: str, period: str, area: str | None = None) -> pd.Series:
    v = ds.values
    hit = v[
        (v["indicator"] == indicator)
        & (v["period"] == period)
        & (v["area"] == (area or ds.whole_area))
    ]
    assert len(hit) == 1, (indicator, period, area)
    return hit.iloc[0]


def test_identity_and_shape(example: Dataset) -> None:
    assert example.council == "Example Borough Council"
    assert example.whole_area == "Example Borough"
    assert example.areas == ["Example Borough", *LOCALITIES]
    assert example.periods[0] == "2014-04" and example.periods[-1] >= "2017-03"
    assert len(example.periods) >= 36
    assert set(example.definitions) >= REQUIRED_IDS
    # every indicator has a row for every area and period (nothing missing in the example)
    counts = example.values.groupby(["indicator", "area"]).size()
    assert set(counts) == {len(example.periods)}
    assert len(counts) == len(example.definitions) * len(example.areas)


def test_definitions_are_complete(example: Dataset) -> None:
    for d in example.definitions.values():
        assert d.unit in UNITS and d.polarity in POLARITIES and d.aggregation in AGGREGATIONS
        assert d.title and d.short_title and d.definition and d.source and d.theme
    with_targets = [d for d in example.definitions.values() if d.targets]
    assert len(with_targets) >= 14
    assert all(set(d.targets) <= set(YEARS) for d in with_targets)
    assert any(len(d.targets) < 3 for d in with_targets)  # some years have no target
    rate = example.definitions["cla_rate"]
    assert (rate.unit, rate.rate_per, rate.numerator, rate.denominator) == (
        "rate",
        10000,
        "cla",
        "population:0-17",
    )
    assert rate.target_for("2016/17") == 84.0
    assert {d.theme for d in example.definitions.values()} >= {
        "demand",
        "front door",
        "child protection",
        "permanency",
        "stability",
        "quality",
        "care leavers",
        "workforce",
    }


def test_children_in_care_january_2017(example: Dataset) -> None:
    cla = at(example, "cla", "2017-01")
    rate = at(example, "cla_rate", "2017-01")
    assert cla["value"] == 482
    assert round(rate["value"], 1) == 85.5
    assert rate["numerator"] == 482
    assert rate["value"] == pytest.approx(482 / rate["denominator"] * 10000)
    assert example.population_for(example.whole_area, "2017-01") == rate["denominator"]
    # 2015/16 year-end (March 2016) was 76.6, so the rate is rising through 2016/17
    assert round(at(example, "cla_rate", "2016-03")["value"], 1) == 76.6
    year = [
        at(example, "cla", p)["value"]
        for p in example.periods
        if financial_year(p) == "2016/17" and p <= "2017-01"
    ]
    assert year[-1] > year[0] and np.polyfit(range(len(year)), year, 1)[0] > 3


@pytest.mark.parametrize(
    ("indicator", "period", "figure"),
    [
        ("moves3", "2017-01", 11.7),
        ("moves3", "2016-12", 12.8),
        ("stability", "2017-01", 66.2),
        ("eet", "2017-01", 71.3),
        ("caseload", "2017-01", 12.9),
        ("visits", "2017-01", 78.7),
        ("care_leavers_accommodation", "2017-01", 95.5),
    ],
)
def test_seed_002_figures(example: Dataset, indicator: str, period: str, figure: float) -> None:
    row = at(example, indicator, period)
    assert round(row["value"], 1) == figure
    scale = 1 if example.definitions[indicator].unit == "average" else 100
    assert row["value"] == pytest.approx(row["numerator"] / row["denominator"] * scale)


def test_adoptions(example: Dataset) -> None:
    monthly = {p: at(example, "adoptions", p)["value"] for p in example.periods}
    assert monthly["2017-01"] == 9
    previous_12 = [monthly[p] for p in example.periods if "2016-01" <= p <= "2016-12"]
    assert max(previous_12) < 9  # "the highest figure for a single month in over 12 months"
    by_year = {y: sum(v for p, v in monthly.items() if financial_year(p) == y) for y in YEARS}
    assert by_year["2015/16"] == 43  # "last year's achievement of 43"
    assert by_year["2016/17"] == 35


def test_targets_give_every_rating_in_january_2017(example: Dataset) -> None:
    """A data property, not the engine's rules: with the Derby surgery template's tolerances
    applied by hand,
    the example period shows red, amber, green and blue."""
    seen = set()
    for d in example.definitions.values():
        target = d.target_for("2016/17")
        if target is None:
            continue
        value = at(example, d.id, "2017-01")["value"]
        worse = (value - target) if d.polarity == "lower" else (target - value)
        adrift = worse / target * 100
        seen.add(
            "red"
            if adrift > d.tolerance.amber_pct
            else "amber"
            if adrift > 0
            else "blue"
            if -adrift >= d.tolerance.blue_pct
            else "green"
        )
    assert seen == {"red", "amber", "green", "blue"}
    cla_rate = at(example, "cla_rate", "2017-01")["value"]
    assert cla_rate > example.definitions["cla_rate"].target_for("2016/17")  # lower is better


def test_localities_add_up_to_the_whole(example: Dataset) -> None:
    v = example.values
    derived = {i for i, d in example.definitions.items() if d.numerator}
    raw = v[~v["indicator"].isin(derived)]
    whole = raw[raw["area"] == example.whole_area].set_index(["indicator", "period"])
    parts = (
        raw[raw["area"] != example.whole_area]
        .groupby(["indicator", "period"])
        .sum(numeric_only=True)
    )
    counts = [
        i for i, d in example.definitions.items() if d.numerator is None and d.unit == "count"
    ]
    ratios = [i for i in whole.index.get_level_values(0).unique() if i not in counts]
    for i in counts:
        np.testing.assert_allclose(parts.loc[i, "value"], whole.loc[i, "value"])
    for i in ratios:
        for col in ("numerator", "denominator"):
            np.testing.assert_allclose(parts.loc[i, col], whole.loc[i, col], atol=1e-9)
    pop = example.population
    summed = pop[pop["area"] != example.whole_area].groupby("year")["population"].sum()
    np.testing.assert_allclose(
        summed,
        pop[pop["area"] == example.whole_area].set_index("year")["population"].loc[summed.index],
    )


def test_percentages_within_range_and_bounded(example: Dataset) -> None:
    v = example.values
    pct = v[v["indicator"].map(lambda i: example.definitions[i].unit == "percent")]
    assert pct["value"].between(0, 100).all()
    assert (pct["numerator"] <= pct["denominator"]).all()
    rereferrals = v[(v["indicator"] == "rereferrals")].set_index(["area", "period"])
    referrals = v[(v["indicator"] == "referrals")].set_index(["area", "period"])
    pd.testing.assert_series_equal(
        rereferrals["denominator"], referrals["value"], check_names=False
    )


def test_councils(example: Dataset) -> None:
    c = example.councils
    assert len(c) == 152 and c["code"].is_unique and c["name"].is_unique
    assert c["neighbour"].sum() == 10 and c["own"].sum() == 1
    own = c[c["own"]].iloc[0]
    assert own["code"] == example.council_code and own["name"] == "Example Borough"
    assert own["region"] == "Yorkshire and the Humber"
    assert not c.loc[c["own"], "neighbour"].any()
    assert c["deprivation"].between(0.05, 0.40).all()
    assert c["region"].nunique() == 9


def bench(ds: Dataset, indicator: str, year: str) -> pd.DataFrame:
    b = ds.benchmarks
    return b[(b["indicator"] == indicator) & (b["year"] == year)]


def test_benchmark_calibration(example: Dataset) -> None:
    neighbours = set(example.councils.loc[example.councils["neighbour"], "code"])
    cla = bench(example, "cla_rate", "2015/16")
    assert cla.loc[cla["code"].isin(neighbours), "value"].mean() == pytest.approx(75.8)
    eet = bench(example, "eet", "2015/16")
    assert eet.loc[eet["code"].isin(neighbours), "value"].mean() == pytest.approx(50.4)
    assert eet.loc[eet["kind"] == "england", "value"].item() == 48.0
    own = cla.loc[cla["code"] == example.council_code, "value"].item()
    assert own == 76.6


def test_benchmark_coverage(example: Dataset) -> None:
    b = example.benchmarks
    per = b.groupby(["indicator", "year"])["kind"].value_counts().unstack()
    assert (per["england"] == 1).all() and (per["region"] == 9).all()
    assert (per["authority"] == 152).all()
    assert set(b["year"]) == {"2013/14", "2014/15", "2015/16"}
    ids = {d.benchmark_id or d.id for d in example.definitions.values()}
    assert set(b["indicator"]) <= ids
    assert "A1" in set(b["indicator"])  # adoption_days is published as scorecard A1
    assert set(example.councils["code"]) == set(b.loc[b["kind"] == "authority", "code"])


def test_own_published_rows_match_the_year_end_series(example: Dataset) -> None:
    for d in example.definitions.values():
        rows = bench(example, d.benchmark_id or d.id, "2015/16")
        if rows.empty:
            continue
        published = rows.loc[rows["code"] == example.council_code, "value"].item()
        if d.aggregation == "proportion":
            year = example.values[
                (example.values["indicator"] == d.id)
                & (example.values["area"] == example.whole_area)
                & (example.values["period"].map(financial_year) == "2015/16")
            ]
            figure = year["numerator"].sum() / year["denominator"].sum() * 100
        else:
            figure = at(example, d.id, "2016-03")["value"]
        assert published == pytest.approx(figure, abs=0.051 if d.unit != "days" else 0.51), d.id


def test_rates_follow_deprivation(example: Dataset) -> None:
    """The Derby surgery paper's scatter needs a real relationship for its line of best fit."""
    cla = bench(example, "cla_rate", "2015/16").merge(example.councils, on="code")
    assert np.corrcoef(cla["deprivation"], cla["value"])[0, 1] > 0.6


def test_breakdowns_sum_to_the_indicator(example: Dataset) -> None:
    b = example.breakdowns
    cla = b[b["indicator"] == "cla"]
    assert set(cla["dimension"]) == {"gender", "ethnicity", "age_band", "time_in_care"}
    assert set(cla.loc[cla["dimension"] == "age_band", "category"]) == {
        "Under 1",
        "1-4",
        "5-9",
        "10-15",
        "16+",
    }
    totals = cla.groupby(["area", "period", "dimension"])["count"].sum().unstack("dimension")
    values = example.values[example.values["indicator"] == "cla"].set_index(["area", "period"])[
        "value"
    ]
    assert len(totals) == len(example.areas) * len(example.periods)
    for dimension in totals.columns:
        np.testing.assert_array_equal(totals[dimension], values.loc[totals.index])
    re = b[b["indicator"] == "rereferrals"]
    re_totals = re.groupby(["area", "period", "dimension"])["count"].sum().unstack("dimension")
    nums = example.values[example.values["indicator"] == "rereferrals"].set_index(
        ["area", "period"]
    )["numerator"]
    for dimension in re_totals.columns:
        np.testing.assert_array_equal(re_totals[dimension], nums.loc[re_totals.index])
    assert re["value"].dropna().between(0, 100).all()


def test_example_files_are_small(example: Dataset) -> None:
    assert example.folder is not None
    assert (example.folder / "values.csv").stat().st_size < 2_000_000
    assert {s.name for s in example.sources} == {
        "values.csv",
        "population.csv",
        "benchmarks.csv",
        "councils.csv",
        "breakdowns.csv",
    }
    assert all(len(s.sha256) == 64 and s.rows > 0 for s in example.sources)
