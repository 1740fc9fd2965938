"""The engine on the bundled example data (data/): the real papers' January 2017 figures.

Example Borough's January 2017 follows the corporate parenting report of January 2017, so the
engine must reproduce that paper's numbers from the raw monthly data and benchmarks.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.data import load_dataset
from reportgen.data.dataset import Dataset
from reportgen.errors import DataError
from reportgen.formatting import fmt_count, fmt_percent, fmt_rate
from reportgen.indicators import (
    IndicatorSet,
    all_councils,
    areas_table,
    breakdown,
    compute_indicators,
)
from reportgen.vocabulary import forecast_method_words

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def example() -> Dataset:
    return load_dataset(DATA)


@pytest.fixture(scope="session")
def jan17(example: Dataset) -> IndicatorSet:
    return compute_indicators(example, "2017-01")


def test_seed002_children_in_care(jan17: IndicatorSet) -> None:
    """482 children, 85.5 per 10,000, the 2015/16 year-end 76.6, neighbours 75.8."""
    r = jan17["cla_rate"]
    assert r.count == 482 and jan17["cla"].value == 482
    assert r.rate == pytest.approx(85.5, abs=0.05) and fmt_rate(r.rate) == "85.5"
    assert r.year_start_value == pytest.approx(76.6, abs=0.05)
    assert r.year_start_label == "2015/16 year-end"
    assert r.direction_year == "deteriorating"
    assert r.benchmark_year == "2015/16"
    assert r.neighbours_avg == pytest.approx(75.8, abs=0.05)
    assert r.target == 84.0 and r.brag == "amber"  # 1.8% adrift of 84.0
    assert r.rank_of == 11 and r.rank_all_of == 152 and r.quartile in (1, 2, 3, 4)


def test_seed002_adoptions(jan17: IndicatorSet) -> None:
    """Nine in January, 'another six ... taking the total to 35', 'last year's 43'."""
    r = jan17["adoptions"]
    assert r.value == 9 and r.ytd == 29
    assert r.year_start_value == 43
    assert fmt_count(r.forecast) == "35"
    assert "year to date" in forecast_method_words(r.forecast_method)


def test_seed002_quality_and_stability(jan17: IndicatorSet) -> None:
    assert fmt_percent(jan17["visits"].value) == "78.7%"
    moves3 = jan17["moves3"]
    assert fmt_percent(moves3.previous) == "12.8%" and fmt_percent(moves3.value) == "11.7%"
    assert moves3.direction == "improving" and moves3.target == 10.0
    assert fmt_percent(jan17["stability"].value) == "66.2%"
    eet = jan17["eet"]
    assert fmt_percent(eet.value) == "71.3%"
    assert eet.neighbours_avg == pytest.approx(50.4) and eet.england == pytest.approx(48.0)
    assert jan17["caseload"].value == pytest.approx(12.9, abs=0.05)


def test_every_rating_appears(jan17: IndicatorSet) -> None:
    ratings = {r.brag for r in jan17.values()}
    assert {"red", "amber", "green", "blue"} <= ratings


def test_comparators_and_region(jan17: IndicatorSet) -> None:
    r = jan17["cla_rate"]
    kinds = [c.kind for c in r.comparators]
    assert kinds[:2] == ["england", "region"] and kinds.count("neighbour") == 10
    assert kinds[-1] == "council" and r.comparators[-1].value == r.council_benchmark
    assert r.region_name == r.comparators[1].name
    assert r.region_better is not None and r.region_worse is not None
    assert r.region_rank == r.region_better + 1  # competition ranking
    assert r.region_rank_of is not None
    assert r.region_better + r.region_worse <= r.region_rank_of - 1  # ties are neither
    # By hand, data/benchmarks.csv cla_rate 2015/16 in Yorkshire and the Humber (the 15
    # councils.csv puts there), sorted: 33.7, 48.1, 48.6, 50.8, 55.2, 55.4, 55.4, 67.4,
    # 72.8, 73.9, 75.7, [76.6 Example Borough], 82.4, 90.9, 108.3. Lower is better: 11
    # better, 3 worse, 12th of 15.
    assert (r.region_rank, r.region_rank_of, r.region_better, r.region_worse) == (12, 15, 11, 3)
    assert r.council_benchmark == 76.6 and r.england == 60.0


def test_all_periods_and_areas_compute(example: Dataset) -> None:
    for period in example.periods:
        results = compute_indicators(example, period)
        assert len(results) == len(example.definitions)
    for area in example.areas[1:]:
        local = compute_indicators(example, "2017-01", area)
        assert local["cla"].value is not None and local["cla_rate"].rate is not None
        assert local["cla_rate"].comparators == () and local["cla_rate"].england is None


def test_localities_add_up_to_the_whole(example: Dataset) -> None:
    frame = areas_table(example, "cla", "2017-01")
    assert frame["area"].iloc[0] == example.whole_area
    assert frame["value"].iloc[1:].sum() == frame["value"].iloc[0]


def test_scatter_and_breakdown_frames(example: Dataset) -> None:
    councils = all_councils(example, "cla_rate", period="2017-01")
    assert len(councils) == 152 and councils["own"].sum() == 1
    assert councils["neighbour"].sum() == 10 and councils["value"].notna().all()
    gender = breakdown(example, "cla", "2017-01", None, "gender")
    assert gender["count"].sum() == 482
    assert gender["share_pct"].sum() == pytest.approx(100.0)


def test_period_outside_the_data(example: Dataset) -> None:
    with pytest.raises(DataError, match="2014-04 to 2017-03"):
        compute_indicators(example, "2013-12")


def test_cli_on_example_data() -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["indicators", "--period", "2017-01", "--data", str(DATA)])
    assert table.exit_code == 0, table.output
    assert "Example Borough Council: Example Borough, January 2017" in table.output
    row = next(line for line in table.output.splitlines() if "│ cla_rate" in line)
    assert "85.5" in row and "Amber" in row and "75.8" in row
    out = runner.invoke(app, ["indicators", "-p", "2017-01", "-d", str(DATA), "-f", "csv"])
    assert out.exit_code == 0, out.output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.output))}
    assert float(rows["cla_rate"]["value"]) == pytest.approx(85.5, abs=0.05)
    assert len(rows["cla_rate"]["value"]) > 6  # not rounded
