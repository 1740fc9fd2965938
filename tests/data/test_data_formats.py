"""The same tables as XLSX: what an analyst saves from Excel loads exactly like the CSVs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from data_helpers import read_rows
from openpyxl import Workbook

from reportgen.data import Dataset, load_dataset
from reportgen.errors import DataError

TABLES = ("values", "population", "benchmarks", "councils", "breakdowns")


def as_cell(text: str, column: str) -> object:
    """What Excel would hold after typing the CSV's text: numbers become numbers."""
    if (
        column in {"period", "year", "code", "name", "area", "indicator", "category"}
        and not text.replace(".", "").isdigit()
    ):
        return text or None
    try:
        number = float(text)
    except ValueError:
        return {"true": True, "false": False}.get(text, text or None)
    return int(number) if number.is_integer() else number


def csv_to_xlsx(csv_path: Path, target: Path, sheet: str | None, extra_first: bool = False) -> None:
    rows = read_rows(csv_path)
    book = Workbook()
    first = book.active
    assert first is not None
    if extra_first:
        first.title = "Notes"
        first.append(["This workbook was exported from the case management system"])
        ws = book.create_sheet(sheet or csv_path.stem)
    else:
        ws = first
        ws.title = sheet or "Sheet1"
    ws.append(rows[0])
    for row in rows[1:]:
        ws.append([as_cell(text, col) for text, col in zip(row, rows[0], strict=True)])
    book.save(target)


def frames_equal(a: Dataset, b: Dataset) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
    assert a.definitions == b.definitions


@pytest.fixture(scope="module")
def xlsx_folder(tmp_path_factory: pytest.TempPathFactory, example: Dataset) -> Path:
    assert example.folder is not None
    folder = tmp_path_factory.mktemp("xlsx")
    for name in ("dataset.yaml", "indicators.yaml"):
        (folder / name).write_bytes((example.folder / name).read_bytes())
    for i, stem in enumerate(TABLES):
        # alternate: a sheet named like the file behind a notes sheet, or just the first sheet
        csv_to_xlsx(
            example.folder / f"{stem}.csv",
            folder / f"{stem}.xlsx",
            sheet=stem if i % 2 else None,
            extra_first=bool(i % 2),
        )
    return folder


def test_xlsx_loads_the_same_frames_as_csv(example: Dataset, xlsx_folder: Path) -> None:
    from_xlsx = load_dataset(xlsx_folder)
    frames_equal(example, from_xlsx)
    sheets = {s.name: s.sheet for s in from_xlsx.sources}
    assert sheets["values.xlsx"] == "Sheet1" and sheets["population.xlsx"] == "population"


def test_mixed_csv_and_xlsx(example: Dataset, folder: Path) -> None:
    csv_to_xlsx(folder / "values.csv", folder / "values.xlsx", sheet=None)
    (folder / "values.csv").unlink()
    frames_equal(example, load_dataset(folder))


def test_month_dates_in_excel_are_periods(example: Dataset, folder: Path) -> None:
    """Typing "Jan 2017" in Excel stores a date; the loader reads it as 2017-01."""
    rows = read_rows(folder / "values.csv")
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(rows[0])
    for row in rows[1:]:
        cells = [as_cell(t, c) for t, c in zip(row, rows[0], strict=True)]
        year, month = (int(x) for x in row[2].split("-"))
        cells[2] = datetime(year, month, 1)
        ws.append(cells)
    book.save(folder / "values.xlsx")
    (folder / "values.csv").unlink()
    frames_equal(example, load_dataset(folder))


def test_xlsx_errors_use_sheet_rows(folder: Path) -> None:
    csv_to_xlsx(
        folder / "councils.csv", folder / "councils.xlsx", sheet="councils", extra_first=True
    )
    (folder / "councils.csv").unlink()
    from openpyxl import load_workbook

    book = load_workbook(folder / "councils.xlsx")
    book["councils"]["D12"] = "very deprived"
    book.save(folder / "councils.xlsx")
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert (info.value.file, info.value.row, info.value.column) == (
        "councils.xlsx",
        12,
        "deprivation",
    )


def test_write_dataset_xlsx_round_trip(tmp_path: Path) -> None:
    from reportgen.data import generate_dataset, write_dataset

    small = generate_dataset(areas=["Riverside"], councils=11)
    write_dataset(small, tmp_path / "x", fmt="csv")
    write_dataset(small, tmp_path / "x", fmt="xlsx")  # replaces the CSVs, never beside them
    assert not list((tmp_path / "x").glob("*.csv"))
    frames_equal(small, load_dataset(tmp_path / "x"))


def test_percent_formatted_cells_read_as_shown(example: Dataset, folder: Path) -> None:
    """Excel stores 85.5% as 0.855; the analyst means 85.5, as the CSV would say."""
    rows = read_rows(folder / "values.csv")
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        ws.append([as_cell(t, c) for t, c in zip(row, rows[0], strict=True)])
        if row[0] == "visits" and row[3]:
            cell = ws.cell(row=number, column=4)
            cell.value = float(row[3]) / 100
            cell.number_format = "0.0%"
    book.save(folder / "values.xlsx")
    (folder / "values.csv").unlink()
    loaded = load_dataset(folder)
    pd.testing.assert_frame_equal(loaded.values, example.values, check_exact=False, rtol=1e-12)
