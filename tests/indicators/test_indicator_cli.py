"""``reportgen indicators`` through the real typer app, on an in-memory dataset."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.cli import indicators as indicators_cli
from reportgen.data.dataset import Dataset

runner = CliRunner()


@pytest.fixture
def patched(standard: Dataset, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    monkeypatch.setattr(indicators_cli, "load", lambda folder: standard)
    return standard


def test_table_formats_values_and_words(patched: Dataset) -> None:
    result = runner.invoke(app, ["indicators", "--period", "2017-01"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Test Borough Council: Test Borough, January 2017" in out
    row = next(line for line in out.splitlines() if "cla_rate" in line)
    for text in ("85.5", "84.0", "+1.8%", "Amber", "75.8", "60.0", "6 of 11", "deteriorating"):
        assert text in row, text
    visits = next(line for line in out.splitlines() if line.startswith("│ visits"))
    assert "91.6%" in visits


def test_default_period_is_latest(patched: Dataset) -> None:
    result = runner.invoke(app, ["indicators", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["period"] == "2017-03"


def test_csv_full_precision(patched: Dataset) -> None:
    result = runner.invoke(
        app, ["indicators", "-p", "2017-01", "-f", "csv", "-i", "cla_rate", "-i", "adoptions"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == ["cla_rate", "adoptions"]
    assert float(rows[0]["adrift_pct"]) == 1.5 / 84 * 100  # every digit survives
    assert rows[0]["brag"] == "amber" and rows[0]["rank"] == "6"
    assert rows[1]["target_ytd"] == repr(40 * 10 / 12)
    assert "series" not in rows[0]


def test_json_has_every_attribute(patched: Dataset) -> None:
    result = runner.invoke(app, ["indicators", "-p", "2017-01", "-f", "json", "-i", "cla_rate"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    r = doc["indicators"][0]
    assert doc["council"] == "Test Borough Council" and doc["area"] == "Test Borough"
    assert r["count"] == 482 and r["neighbours_avg"] == pytest.approx(75.8)
    assert r["comparators"][0] == {
        "name": "England",
        "kind": "england",
        "value": 60.0,
        "year": "2015/16",
        "symbol": "",
    }
    assert r["series"][-1] == ["2017-01", r["value"]]
    assert {"region_better", "region_worse", "rank_all", "forecast_method"} <= set(r)


def test_locality(patched: Dataset) -> None:
    result = runner.invoke(
        app, ["indicators", "-p", "2017-01", "--area", "North", "-f", "csv", "-i", "cla"]
    )
    assert result.exit_code == 0, result.output
    assert next(csv.DictReader(io.StringIO(result.output)))["value"] == "133.0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "2018-01"], "the data runs from 2014-04 to 2017-03"),
        (["-p", "Jan-17"], "YYYY-MM"),
        (["-p", "2017-01", "--area", "Nowhere"], "unknown area 'Nowhere'"),
        (["-p", "2017-01", "-i", "lac"], "unknown indicator 'lac'"),
    ],
)
def test_errors_exit_2_without_traceback(patched: Dataset, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["indicators", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output and result.exception is not None
    assert isinstance(result.exception, SystemExit)


def test_missing_data_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["indicators", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "data folder not found" in result.output
