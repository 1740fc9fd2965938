"""Issue 15 input rules: GSS symbols kept as missing-with-reason, decimal commas, checks on
numerators and denominators, and dates in period cells. Each bad input is one line naming
file, row and column, and `reportgen indicators` exits 2 without a traceback."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from data_helpers import Edit, read_rows, write_rows
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.data import load_dataset
from reportgen.errors import DataError

WHOLE = "Example Borough"


def row_of(folder: Path, indicator: str, period: str, area: str = WHOLE) -> int:
    rows = read_rows(folder / "values.csv")
    return 1 + next(i for i, r in enumerate(rows) if r[:3] == [indicator, area, period])


def load_error(folder: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert info.value.hint
    return info.value


@pytest.mark.parametrize(
    ("cell", "symbol"),
    [
        ("c", "c"),
        ("x", "x"),
        ("z", "z"),
        ("u", "u"),
        ("low", "low"),
        ("k", "k"),
        (":", "x"),
        ("..", "x"),
        (" C ", "c"),
    ],
)
def test_symbols_load_as_missing_with_their_reason(
    folder: Path, edit: Edit, cell: str, symbol: str
) -> None:
    edit("values.csv", row_of(folder, "cla", "2016-12"), "value", cell)
    ds = load_dataset(folder)
    v = ds.values
    row = v[(v["indicator"] == "cla") & (v["area"] == WHOLE) & (v["period"] == "2016-12")]
    assert math.isnan(row["value"].iloc[0]) and row["symbol"].iloc[0] == symbol  # never 0
    rate = v[(v["indicator"] == "cla_rate") & (v["area"] == WHOLE) & (v["period"] == "2016-12")]
    assert math.isnan(rate["value"].iloc[0]) and rate["symbol"].iloc[0] == symbol


def test_benchmark_symbols_are_kept(folder: Path) -> None:
    rows = read_rows(folder / "benchmarks.csv")
    target = next(r for r in rows[1:] if r[0] == "cla_rate" and r[4] == "authority")
    target[5] = "c"
    write_rows(folder / "benchmarks.csv", rows)
    b = load_dataset(folder).benchmarks
    hit = b[(b["indicator"] == "cla_rate") & (b["code"] == target[2]) & (b["year"] == target[1])]
    assert math.isnan(hit["value"].iloc[0]) and hit["symbol"].iloc[0] == "c"


def test_decimal_comma_is_an_error_not_a_thousand(folder: Path, edit: Edit) -> None:
    row = row_of(folder, "moves3", "2016-06")
    edit("values.csv", row, "value", "17,6")
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("values.csv", row, "value")
    assert "decimal comma" in str(error) and 'decimal: ","' in str(error)


def test_thousands_commas_still_read(folder: Path, edit: Edit) -> None:
    edit("values.csv", row_of(folder, "cla", "2016-06"), "value", "1,234")
    v = load_dataset(folder).values
    assert (
        v[(v["indicator"] == "cla") & (v["area"] == WHOLE) & (v["period"] == "2016-06")][
            "value"
        ].iloc[0]
        == 1234.0
    )


def test_declared_decimal_comma_reads_17_6(folder: Path, edit: Edit) -> None:
    with (folder / "dataset.yaml").open("a", encoding="utf-8") as f:
        f.write('decimal: ","\n')
    row = row_of(folder, "cla", "2016-06")
    edit("values.csv", row, "value", "17,6")
    v = load_dataset(folder).values
    assert v[(v["indicator"] == "cla") & (v["area"] == WHOLE) & (v["period"] == "2016-06")][
        "value"
    ].iloc[0] == pytest.approx(17.6)


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("numerator", "-3", "numerator -3 is negative"),
        ("denominator", "0", "denominator 0 leaves nothing to divide by"),
        ("numerator", "999", "is more than the denominator"),
    ],
)
def test_numerator_and_denominator_checks(
    folder: Path, edit: Edit, column: str, text: str, message: str
) -> None:
    row = row_of(folder, "visits", "2016-06")
    edit("values.csv", row, column, text)
    error = load_error(folder)
    assert (error.file, error.row) == ("values.csv", row)
    assert message in str(error) and "visits 2016-06" in str(error)


def test_value_must_agree_with_numerator_and_denominator(folder: Path, edit: Edit) -> None:
    row = row_of(folder, "visits", "2016-06")
    cells = read_rows(folder / "values.csv")[row - 1]
    num, den = float(cells[4]), float(cells[5])
    edit("values.csv", row, "value", f"{num / den * 100:.1f}")  # rounded: accepted
    load_dataset(folder)
    edit("values.csv", row, "value", f"{num / den * 100 + 0.2:.1f}")  # beyond rounding
    error = load_error(folder)
    assert (error.row, error.column) == (row, "value")
    assert "does not match numerator / denominator" in str(error)


@pytest.mark.parametrize("cell", ["2016-06-30", "30/06/2016", "42551", "2016-06-30 00:00:00"])
def test_dates_in_period_cells_are_read_as_their_month(folder: Path, edit: Edit, cell: str) -> None:
    edit("values.csv", row_of(folder, "cla", "2016-06"), "period", cell)
    v = load_dataset(folder).values
    assert (
        len(v[(v["indicator"] == "cla") & (v["area"] == WHOLE) & (v["period"] == "2016-06")]) == 1
    )


def test_cli_prints_one_line_and_exits_2(folder: Path, edit: Edit, tmp_path: Path) -> None:
    edit("values.csv", row_of(folder, "moves3", "2016-06"), "value", "17,6")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["indicators", "--data", str(folder), "-p", "2017-01"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "values.csv" in result.output and "decimal comma" in result.output
    assert not out.exists()


def test_bad_dataset_decimal_setting(folder: Path) -> None:
    with (folder / "dataset.yaml").open("a", encoding="utf-8") as f:
        f.write('decimal: ";"\n')
    error = load_error(folder)
    assert error.column == "decimal"


def test_new_definition_keys_are_validated(folder: Path) -> None:
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    (folder / "indicators.yaml").write_text(
        text.replace("  stable_within: 1%\n", "  stable_within: lots\n", 1), encoding="utf-8"
    )
    assert load_error(folder).column == "stable_within"
    (folder / "indicators.yaml").write_text(
        text.replace("  polarity: neutral\n", "  polarity: neutral\n  decimals: 9\n", 1),
        encoding="utf-8",
    )
    assert load_error(folder).column == "decimals"
