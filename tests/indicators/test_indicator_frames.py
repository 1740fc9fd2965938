"""The DataFrames other stages draw: all councils, breakdowns, localities."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from indicator_data import CLA, CODE, NEIGHBOURS_1516, OWN_1516, REGION

from reportgen.data.dataset import Dataset
from reportgen.errors import DataError
from reportgen.indicators import (
    all_councils,
    areas_table,
    breakdown,
    compute_indicator,
    compute_indicators,
)
from reportgen.indicators.rates import rate


def test_all_councils_for_a_scatter(standard: Dataset) -> None:
    frame = all_councils(standard, "cla_rate", period="2017-01")
    assert list(frame.columns)[:7] == [
        "code",
        "name",
        "region",
        "value",
        "deprivation",
        "neighbour",
        "own",
    ]
    assert len(frame) == 20 and set(frame["year"]) == {"2015/16"}
    own = frame[frame["own"]]
    assert list(own["code"]) == [CODE] and own["value"].iloc[0] == OWN_1516
    assert sorted(frame.loc[frame["neighbour"], "value"]) == NEIGHBOURS_1516
    assert frame["deprivation"].notna().all()


def test_all_councils_year_choice(standard: Dataset) -> None:
    assert set(all_councils(standard, "cla_rate")["year"]) == {"2016/17"}  # latest
    assert all_councils(standard, "cla_rate", year="2014/15")["value"].iloc[0] == 70.0
    with pytest.raises(DataError, match="2014/15, 2015/16, 2016/17"):
        all_councils(standard, "cla_rate", year="2012/13")
    with pytest.raises(DataError, match="no benchmark figures for 'visits'"):
        all_councils(standard, "visits")


def test_breakdown_shares(standard: Dataset) -> None:
    frame = breakdown(standard, "cla", "2017-01", None, "gender")
    assert list(frame["category"]) == ["Male", "Female"]
    assert list(frame["count"]) == [275.0, 207.0]
    assert frame["share_pct"].iloc[0] == pytest.approx(275 / 482 * 100)
    assert frame["share_pct"].sum() == pytest.approx(100.0)
    assert math.isnan(frame["value"].iloc[0])


def test_breakdown_errors(standard: Dataset) -> None:
    with pytest.raises(DataError, match="use one of: age_band, gender"):
        breakdown(standard, "cla", "2017-01", None, "ethnicity")
    with pytest.raises(DataError, match="breakdowns exist for 2017-01 to 2017-01"):
        breakdown(standard, "cla", "2016-12", None, "gender")
    with pytest.raises(DataError, match="indicators with breakdowns: cla"):
        breakdown(standard, "visits", "2017-01", None, "gender")


def test_areas_table(standard: Dataset) -> None:
    frame = areas_table(standard, "cla_rate", "2017-01")
    assert list(frame["area"]) == ["Test Borough", "North"]
    whole = compute_indicators(standard, "2017-01")["cla_rate"]
    assert frame["value"].iloc[0] == whole.value and frame["brag"].iloc[0] == whole.brag
    assert frame["count"].iloc[1] == 133.0


# Mutation check (docs/testing.md): the cases below each failed a mutant of frames.py that
# the tests above let through: the locality chosen, a zero total, a value column, and
# errors that name the data folder and give the whole hint.


def _in_folder(dataset: Dataset) -> Dataset:
    return dataclasses.replace(dataset, folder=Path("/councils/example/data"))


def test_breakdown_of_a_locality_reads_that_locality(build: Callable[..., Dataset]) -> None:
    rows = [
        {
            "indicator": "cla",
            "area": area,
            "period": "2017-01",
            "dimension": "gender",
            "category": sex,
            "count": n,
            "value": v,
        }
        for area, sex, n, v in (
            ("Test Borough", "Male", 275.0, 1.5),
            ("Test Borough", "Female", 207.0, 2.5),
            ("North", "Male", 0.0, None),
            ("North", "Female", 0.0, None),
        )
    ]
    data = build([CLA], [], breakdowns=rows)
    whole = breakdown(data, "cla", "2017-01", None, "gender")
    assert list(whole["value"]) == [1.5, 2.5]  # the file's own values, kept
    north = breakdown(data, "cla", "2017-01", "North", "gender")
    assert list(north["count"]) == [0.0, 0.0]
    assert north["share_pct"].isna().all()  # no children: no share, not 0% and not an error


def test_frame_errors_name_the_folder_and_say_what_exists(standard: Dataset) -> None:
    data = _in_folder(standard)
    cases = [
        (
            lambda: breakdown(data, "cla", "2017-01", None, "ethnicity"),
            "'cla' has no breakdown by 'ethnicity'",
            "use one of: age_band, gender",
        ),
        (
            lambda: breakdown(data, "cla", "2016-12", None, "gender"),
            "no 'gender' breakdown of 'cla' for 2016-12",
            "breakdowns exist for 2017-01 to 2017-01",
        ),
        (
            lambda: breakdown(data, "visits", "2017-01", None, "gender"),
            "there is no breakdown of 'visits' for Test Borough",
            "indicators with breakdowns: cla",
        ),
        (
            lambda: all_councils(data, "cla_rate", year="2012/13"),
            "there are no benchmark figures for 'cla_rate' in 2012/13",
            "years available: 2014/15, 2015/16, 2016/17",
        ),
        (
            lambda: all_councils(data, "visits"),
            "there are no benchmark figures for 'visits'",
            "add its published figures to the benchmarks file",
        ),
    ]
    for call, message, hint in cases:
        with pytest.raises(DataError) as caught:
            call()
        assert (caught.value.message, caught.value.hint) == (message, hint)
        assert caught.value.file == data.folder


def test_no_breakdowns_at_all_says_none(build: Callable[..., Dataset]) -> None:
    with pytest.raises(DataError) as caught:
        breakdown(build([CLA], []), "cla", "2017-01", None, "gender")
    assert caught.value.hint == "indicators with breakdowns: none"


def test_all_councils_by_period_and_missing_figures(standard: Dataset) -> None:
    frame = all_councils(standard, "cla_rate", period="2016-06")
    assert set(frame["year"]) == {"2015/16"}  # published by then: the year before
    assert list(frame.columns) == [
        "code",
        "name",
        "region",
        "value",
        "deprivation",
        "neighbour",
        "own",
        "year",
    ]


def test_one_indicator_for_a_locality(standard: Dataset) -> None:
    """North: 100 + 33 = 133 children in January 2017 (the 34th month from April 2014)
    among 20,000 aged 0-17: 133 / 20,000 x 10,000 = 66.5 per 10,000."""
    north = compute_indicator(standard, "cla_rate", "2017-01", "North")
    assert north.area == "North" and north.value == pytest.approx(66.5)


def test_areas_table_carries_previous_and_adrift(standard: Dataset) -> None:
    """North in December 2016: 132 / 20,000 x 10,000 = 66.0; the 2016/17 target is 84.0,
    lower is better: (66.5 - 84) / 84 = -20.8% (beaten)."""
    north = areas_table(standard, "cla_rate", "2017-01").iloc[1]
    assert north["previous"] == pytest.approx(66.0)
    assert north["adrift_pct"] == pytest.approx((66.5 - 84) / 84 * 100)
    assert north["target"] == 84.0 and north["brag"] == "blue"


def test_unknown_indicator_names_the_folder_and_the_known_ones(standard: Dataset) -> None:
    data = _in_folder(standard)
    with pytest.raises(DataError) as caught:
        compute_indicator(data, "cla_rte", "2017-01")
    assert caught.value.message == "unknown indicator 'cla_rte'"
    assert caught.value.hint == (
        "use one of the defined indicators: cla, cla_rate, adoptions, visits, caseload, eet"
    )
    assert caught.value.file == data.folder


def test_rate_of_a_population_of_one() -> None:
    assert rate(3, 1.0) == 30_000.0 and rate(3, 0.0) is None and rate(None, 10.0) is None


def test_comparators_carry_the_published_names(standard: Dataset) -> None:
    r = compute_indicators(standard, "2017-01")["cla_rate"]
    names = [c.name for c in r.comparators]
    assert names[:2] == ["England", REGION] and names[-1] == "Test Borough"
    assert "Neighbour 1" in names


def test_values_without_numerator_columns_still_compute(standard: Dataset) -> None:
    """A values table with only the required columns (numerator and denominator are
    optional): counts and rates as before, nothing to sum for a proportion."""
    lean = dataclasses.replace(
        standard, values=standard.values.drop(columns=["numerator", "denominator"])
    )
    r = compute_indicators(lean, "2017-01")
    assert r["cla"].value == 482.0
    assert r["cla_rate"].value == pytest.approx(85.5)
    assert r["visits"].numerator is None
