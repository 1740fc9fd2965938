"""The DataFrames other stages draw: all councils, breakdowns, localities."""

from __future__ import annotations

import math

import pytest
from indicator_data import CODE, NEIGHBOURS_1516, OWN_1516

from reportgen.data.dataset import Dataset
from reportgen.errors import DataError
from reportgen.indicators import all_councils, areas_table, breakdown, compute_indicators


def test_all_councils_for_a_scatter(standard: Dataset) -> None:
    frame = all_councils(standard, "cla_rate", period="2017-01")
    assert list(frame.columns)[:7] == ["code", "name", "region", "value", "deprivation",
                                       "neighbour", "own"]
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
