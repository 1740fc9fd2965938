"""Bad input: each problem is one DataError naming the file, the spreadsheet row (header =
row 1) and the column, with a hint; never a pandas traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from data_helpers import Edit, read_rows, write_rows

from reportgen.data import load_dataset
from reportgen.errors import DataError, ReportgenError


def load_error(folder: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    error = info.value
    assert isinstance(error, ReportgenError) and error.hint
    return error


def row_of(
    folder: Path, name: str, indicator: str, period: str, area: str = "Example Borough"
) -> int:
    rows = read_rows(folder / name)
    return 1 + next(i for i, r in enumerate(rows) if r[:3] == [indicator, area, period])


def test_missing_values_file(folder: Path) -> None:
    (folder / "values.csv").rename(folder / "value.csv")
    error = load_error(folder)
    assert "missing file: values.csv" in str(error)
    assert "rename value.csv to values.csv" in str(error)


def test_missing_definitions_file(folder: Path) -> None:
    (folder / "indicators.yaml").unlink()
    assert "missing file: indicators.yaml" in str(load_error(folder))


def test_missing_column_lists_the_expected_ones(folder: Path) -> None:
    rows = read_rows(folder / "values.csv")
    rows[0][rows[0].index("period")] = "month"
    write_rows(folder / "values.csv", rows)
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("values.csv", 1, "period")
    text = str(error)
    assert "missing column 'period'" in text
    assert "indicator, area, period, value, numerator, denominator" in text


@pytest.mark.parametrize("bad", ["2017-13", "Jan 2017", "2017/01", "2017-1", ""])
def test_malformed_period(folder: Path, edit: Edit, bad: str) -> None:
    row = row_of(folder, "values.csv", "moves3", "2016-06", "East")
    edit("values.csv", row, "period", bad)
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("values.csv", row, "period")
    assert "YYYY-MM" in str(error)


def test_non_numeric_value(folder: Path, edit: Edit) -> None:
    row = row_of(folder, "values.csv", "visits", "2016-11", "Central")
    edit("values.csv", row, "value", "78.7%")
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("values.csv", row, "value")
    assert str(error).startswith(f"values.csv, row {row}, column 'value': '78.7%' is not a number")


def test_non_numeric_denominator(folder: Path, edit: Edit) -> None:
    row = row_of(folder, "values.csv", "visits", "2015-02")
    edit("values.csv", row, "denominator", "n/a")
    error = load_error(folder)
    assert (error.row, error.column) == (row, "denominator")


def test_blank_value_is_not_available(folder: Path, edit: Edit) -> None:
    row = row_of(folder, "values.csv", "cla", "2015-05", "North")
    edit("values.csv", row, "value", "")
    ds = load_dataset(folder)
    v = ds.values
    hit = v[(v["indicator"] == "cla_rate") & (v["area"] == "North") & (v["period"] == "2015-05")]
    assert hit["value"].isna().all() and len(hit) == 1


def test_unknown_indicator_suggests_close_match(folder: Path, edit: Edit) -> None:
    row = row_of(folder, "values.csv", "stability", "2016-01")
    edit("values.csv", row, "indicator", "stabilty")
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("values.csv", row, "indicator")
    assert "unknown indicator 'stabilty'" in str(error)
    assert "did you mean 'stability'" in str(error)


def test_duplicate_rows_name_both(folder: Path) -> None:
    rows = read_rows(folder / "values.csv")
    first = row_of(folder, "values.csv", "cpp", "2016-02", "South")
    rows.append(list(rows[first - 1]))
    write_rows(folder / "values.csv", rows)
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("values.csv", len(rows), "indicator")
    assert f"also appears in row {first}" in str(error)
    assert "indicator=cpp, area=South, period=2016-02" in str(error)


def test_duplicate_benchmark_row(folder: Path) -> None:
    rows = read_rows(folder / "benchmarks.csv")
    rows.insert(5, list(rows[3]))
    write_rows(folder / "benchmarks.csv", rows)
    error = load_error(folder)
    assert (error.file, error.row) == ("benchmarks.csv", 6)
    assert "also appears in row 4" in str(error)


def test_bad_rows_in_other_tables(folder: Path, edit: Edit) -> None:
    edit("benchmarks.csv", 10, "year", "2015-16")
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("benchmarks.csv", 10, "year")


def test_unknown_area_in_breakdowns(folder: Path, edit: Edit) -> None:
    edit("breakdowns.csv", 7, "area", "Nroth")
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("breakdowns.csv", 7, "area")
    assert "did you mean 'North'" in str(error)


def test_council_flags(folder: Path, edit: Edit) -> None:
    edit("councils.csv", 3, "own", "maybe")
    error = load_error(folder)
    assert (error.file, error.row, error.column) == ("councils.csv", 3, "own")


def test_percent_over_100(folder: Path, edit: Edit) -> None:
    row = row_of(folder, "values.csv", "eet", "2016-07")
    edit("values.csv", row, "value", "713")
    error = load_error(folder)
    assert (error.row, error.column) == (row, "value") and "over 100" in str(error)


def test_corrupt_xlsx_names_the_file(folder: Path) -> None:
    (folder / "values.csv").unlink()
    (folder / "values.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    error = load_error(folder)
    assert error.file == "values.xlsx"
    assert "cannot open workbook" in str(error) and "BadZipFile" in str(error)


def test_csv_and_xlsx_together_is_an_error(folder: Path) -> None:
    (folder / "councils.xlsx").write_bytes(b"")
    error = load_error(folder)
    assert "both councils.csv and councils.xlsx exist" in str(error)


def test_yaml_syntax_error_has_line(folder: Path) -> None:
    path = folder / "indicators.yaml"
    lines = path.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("- id: moves3"))
    lines[number + 2] = "  short_title: [3+ placements"
    path.write_text("\n".join(lines) + "\n")
    error = load_error(folder)
    assert error.file == "indicators.yaml" and error.line is not None
    assert abs(error.line - (number + 3)) <= 2
    assert re.search(r"indicators\.yaml, line \d+: YAML syntax error", str(error))


def _edit_definition(folder: Path, ident: str, old: str, new: str) -> int:
    """Change ``old`` to ``new`` inside ``ident``'s entry; returns the entry's line."""
    path = folder / "indicators.yaml"
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line == f"- id: {ident}")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("- id:")), len(lines)
    )
    hit = next(i for i in range(start, end) if lines[i].strip().startswith(old))
    if new:
        lines[hit] = lines[hit].replace(old, new)
    else:
        del lines[hit]
    path.write_text("\n".join(lines) + "\n")
    return start + 1


def test_definition_missing_required_key(folder: Path) -> None:
    line = _edit_definition(folder, "visits", "polarity:", "")
    error = load_error(folder)
    assert (error.file, error.line, error.column) == ("indicators.yaml", line, "polarity")
    assert "indicator 'visits': missing required key 'polarity'" in str(error)


@pytest.mark.parametrize(("key", "bad"), [("unit", "percentage"), ("polarity", "up")])
def test_definition_invalid_unit_or_polarity(folder: Path, key: str, bad: str) -> None:
    current = "percent" if key == "unit" else "lower"
    line = _edit_definition(folder, "moves3", f"{key}: {current}", f"{key}: {bad}")
    error = load_error(folder)
    assert (error.line, error.column) == (line, key)
    assert f"indicator 'moves3': invalid {key} '{bad}'" in str(error)


def test_definition_misspelt_key(folder: Path) -> None:
    _edit_definition(folder, "eet", "polarity:", "polarty:")
    error = load_error(folder)
    assert "unknown key 'polarty'" in str(error) and "did you mean 'polarity'" in str(error)


def test_rate_numerator_must_exist(folder: Path) -> None:
    line = _edit_definition(folder, "cpp_rate", "numerator: cpp", "numerator: cp")
    error = load_error(folder)
    assert (error.file, error.line, error.column) == ("indicators.yaml", line, "numerator")
    assert "indicator 'cpp_rate': numerator 'cp' is not a defined count indicator" in str(error)
    assert "did you mean 'cpp'" in str(error)


def test_rate_denominator_must_exist(folder: Path) -> None:
    _edit_definition(folder, "cin_rate", "denominator:", "denominator: children")
    error = load_error(folder)
    assert error.column == "denominator" and "indicator 'cin_rate'" in str(error)


def test_bad_target(folder: Path) -> None:
    _edit_definition(folder, "eet", "2016/17:", "2016/18:")
    error = load_error(folder)
    assert "indicator 'eet': target year '2016/18' is not a financial year" in str(error)


def test_population_missing_for_a_year_a_rate_needs(folder: Path) -> None:
    rows = read_rows(folder / "population.csv")
    rows = [r for r in rows if r[:2] != ["South", "2015"]]
    write_rows(folder / "population.csv", rows)
    error = load_error(folder)
    assert error.file == "population.csv"
    assert "no population for area 'South', year 2015, age band '0-17'" in str(error)
    assert "South,2015,0-17" in str(error)


def test_derived_rate_rows_in_values_are_refused(folder: Path) -> None:
    rows = read_rows(folder / "values.csv")
    rows.append(["cla_rate", "Example Borough", "2017-01", "85.5", "", ""])
    write_rows(folder / "values.csv", rows)
    error = load_error(folder)
    assert (error.row, error.column) == (len(rows), "indicator")
    assert "computed from 'cla'" in str(error)


def test_ragged_row(folder: Path) -> None:
    path = folder / "values.csv"
    text = path.read_text().splitlines()
    text[4] += ",surprise"
    path.write_text("\n".join(text) + "\n")
    error = load_error(folder)
    assert (error.file, error.row) == ("values.csv", 5)


def test_blank_lines_keep_row_numbers_honest(folder: Path, edit: Edit) -> None:
    path = folder / "values.csv"
    lines = path.read_text().splitlines()
    lines.insert(3, "")
    path.write_text("\n".join(lines) + "\n")
    edit("values.csv", 10, "value", "lots")
    assert load_error(folder).row == 10


def test_semicolon_csv_gets_a_hint(folder: Path) -> None:
    path = folder / "values.csv"
    path.write_text(path.read_text().replace(",", ";"))
    error = load_error(folder)
    assert (error.row, error.column) == (1, "indicator")
    assert "separates columns with ';'" in str(error)


def test_header_only_values(folder: Path) -> None:
    path = folder / "values.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")
    error = load_error(folder)
    assert (error.file, error.row) == ("values.csv", 2) and "no data rows" in str(error)


def test_whole_area_must_match(folder: Path) -> None:
    path = folder / "dataset.yaml"
    path.write_text(path.read_text().replace("whole_area: Example Borough", "whole_area: Example"))
    error = load_error(folder)
    assert "no rows for the whole area 'Example'" in str(error)


def test_derived_percentage_of_another_indicator(folder: Path) -> None:
    """Not an error case: a percentage built from two indicators is derived like a rate."""
    path = folder / "indicators.yaml"
    path.write_text(
        path.read_text()
        + """\
- id: cpp_share
  title: Children in need on a child protection plan
  unit: percent
  polarity: lower
  numerator: cpp
  denominator: cin
"""
    )
    ds = load_dataset(folder)
    v = ds.values.set_index(["indicator", "area", "period"])
    share = v.loc[("cpp_share", "North", "2016-05")]
    assert share["value"] == pytest.approx(
        v.loc[("cpp", "North", "2016-05"), "value"]
        / v.loc[("cin", "North", "2016-05"), "value"]
        * 100
    )
    assert share["numerator"] == v.loc[("cpp", "North", "2016-05"), "value"]
