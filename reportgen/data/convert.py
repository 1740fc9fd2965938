"""Column conversions that report the first bad cell by file, spreadsheet row and column.

Conversions are vectorised (a values file for 152 areas has over 100,000 rows); only when
something is wrong do we look up which row it was, so a clean load stays fast.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import numpy as np
import pandas as pd

from reportgen.data.tables import RawTable
from reportgen.errors import DataError
from reportgen.symbols import symbol_of

_PERIOD = r"\d{4}-(?:0[1-9]|1[0-2])"
_FIN_YEAR = r"\d{4}/\d{2}"
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


def _fail(
    table: RawTable, mask: pd.Series | np.ndarray, column: str, message: str, hint: str
) -> None:
    position = int(np.flatnonzero(np.asarray(mask))[0])
    cell = table.frame[column].iloc[position]
    raise DataError(
        message.format(cell=cell),
        file=table.file,
        row=table.row_of(position),
        column=column,
        hint=hint,
    )


def text(table: RawTable, column: str) -> pd.Series:
    """A required text column (ids, names): blank cells are an error."""
    series = table.frame[column].astype(str)
    blank = series == ""
    if blank.any():
        _fail(table, blank, column, "empty cell", f"every row needs a value in '{column}'")
    return series.astype("str")


_GROUPED = r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,234 or 12,345.6: thousands commas
_COMMA_DECIMAL = r"[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"  # 1.234,5 or 17,6


def numbers(
    table: RawTable, column: str, *, blank_ok: bool, decimal: str = ".", symbols: bool = False
) -> pd.Series:
    """Floats; a blank cell is NaN ("not available") where ``blank_ok``, and where
    ``symbols`` a GSS symbol (c, x, z, u, low, k, : or ..) is NaN too (``symbols_in``
    keeps which). A comma is a thousands separator only in the 1,234 pattern; "17,6" is an
    error unless the dataset declares ``decimal: ","``, never silently 176."""
    raw = table.frame[column].astype(str)
    result = pd.to_numeric(raw, errors="coerce").astype("float64")
    blank = raw == ""
    symbol = symbols_in(table, column).ne("") if symbols else blank & False
    odd = result.isna() & ~blank & ~symbol
    if odd.any():
        result = result.where(~odd, _with_commas(table, column, raw, odd, decimal))
    bad = (result.isna() & ~blank & ~symbol) | np.isinf(result.to_numpy())
    if bad.any():
        _fail(
            table,
            bad,
            column,
            "'{cell}' is not a number",
            "use digits only (e.g. 85.5), no units or % signs"
            + (
                "; leave the cell empty, or write a GSS symbol (c, x, z, u, low), if the "
                "figure is not available"
                if blank_ok
                else ""
            ),
        )
    if not blank_ok and blank.any():
        _fail(table, blank, column, "empty cell", f"every row needs a number in '{column}'")
    return result


def _with_commas(
    table: RawTable, column: str, raw: pd.Series, odd: pd.Series, decimal: str
) -> pd.Series:
    """Cells with commas read by the dataset's decimal mark (see ``numbers``)."""
    cells = raw[odd]
    if decimal == ",":
        comma = cells.str.fullmatch(_COMMA_DECIMAL)
        cleaned = cells.where(
            ~comma, cells.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        )
        return pd.to_numeric(cleaned, errors="coerce").reindex(raw.index)
    grouped = cells.str.fullmatch(_GROUPED)
    ambiguous = cells.str.contains(",", regex=False) & ~grouped
    if ambiguous.any():
        mask = pd.Series(False, index=raw.index)
        mask[ambiguous[ambiguous].index] = True
        _fail(
            table,
            mask,
            column,
            "'{cell}' has a decimal comma",
            "write the number with a decimal point (17.6), or, if every file in this "
            'folder uses commas for decimals, add decimal: "," to dataset.yaml',
        )
    cleaned = cells.where(~grouped, cells.str.replace(",", "", regex=False))
    return pd.to_numeric(cleaned, errors="coerce").reindex(raw.index)


def symbols_in(table: RawTable, column: str) -> pd.Series:
    """The GSS symbol each cell holds ("" for none); legacy ':' and '..' read as 'x'."""
    raw = table.frame[column].astype(str)
    unique = pd.Series(raw.unique())
    found = {cell: symbol_of(cell) or "" for cell in unique}
    return raw.map(found).astype("str")


def integers(table: RawTable, column: str) -> pd.Series:
    values = numbers(table, column, blank_ok=False)
    fractional = values != values.round()
    if fractional.any():
        _fail(
            table,
            fractional,
            column,
            "'{cell}' is not a whole number",
            "years are whole numbers, e.g. 2016",
        )
    return values.astype("int64")


def _matches(series: pd.Series, pattern: str) -> pd.Series:
    """Regex test on the distinct values only: 100,000 rows hold a few dozen periods."""
    unique = pd.Series(series.unique())
    ok = dict(zip(unique, unique.str.fullmatch(pattern), strict=True))
    return series.map(ok).astype(bool)


def periods(table: RawTable, column: str) -> pd.Series:
    """Months as "YYYY-MM". A date in the month is read as that month, as a spreadsheet
    often holds the month end: 2017-01-31, 31/01/2017 (UK day first), or an Excel date
    serial number such as 42766; anything else is an error that shows the format."""
    series = table.frame[column].astype(str)
    unique = series.unique()
    mapping = {cell: period_of(cell) for cell in unique}
    converted = series.map(mapping)
    bad = converted.isna()
    if bad.any():
        _fail(
            table,
            bad,
            column,
            "'{cell}' is not a period",
            "periods are months written YYYY-MM, e.g. 2017-01 for January 2017 (a date "
            "in the month such as 2017-01-31 or 31/01/2017 also works)",
        )
    return converted.astype("str")


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_EXCEL_EPOCH = date(1899, 12, 30)


def period_of(cell: str) -> str | None:
    """'2017-01', a date in that month, or an Excel serial -> '2017-01'; else None."""
    text = cell.strip()
    if re.fullmatch(_PERIOD, text):
        return text
    year = month = day = 0
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _UK_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif re.fullmatch(r"\d{5}(?:\.0+)?", text) and 20_000 <= float(text) <= 80_000:
        found = _EXCEL_EPOCH + timedelta(days=int(float(text)))
        year, month, day = found.year, found.month, found.day
    try:
        date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}"


def financial_years(table: RawTable, column: str) -> pd.Series:
    series = table.frame[column].astype(str)
    ok = _matches(series, _FIN_YEAR)
    if ok.all():
        start = series.str[:4].astype(int)
        ok = (start + 1) % 100 == series.str[5:7].astype(int)
    if not ok.all():
        _fail(
            table,
            ~ok,
            column,
            "'{cell}' is not a financial year",
            "write financial years as YYYY/YY, e.g. 2015/16",
        )
    return series.astype("str")


def booleans(table: RawTable, column: str) -> pd.Series:
    lowered = table.frame[column].astype(str).str.lower()
    bad = ~lowered.isin(_TRUE | _FALSE)
    if bad.any():
        _fail(
            table,
            bad,
            column,
            "'{cell}' is not true or false",
            "write true or false (yes/no and 1/0 also work)",
        )
    return lowered.isin(_TRUE).astype(bool)


def choice(table: RawTable, column: str, allowed: Sequence[str]) -> pd.Series:
    series = text(table, column)
    bad = ~series.isin(list(allowed))
    if bad.any():
        _fail(
            table, bad, column, "'{cell}' is not allowed here", f"use one of: {', '.join(allowed)}"
        )
    return series


def known_ids(table: RawTable, column: str, known: Iterable[str], where: str) -> None:
    """Every id in ``column`` is one of ``known``; suggest the closest for a typo."""
    known_list = list(known)
    series = table.frame[column].astype(str)
    bad = ~series.isin(known_list)
    if not bad.any():
        return
    cell = str(series[bad].iloc[0])
    close = difflib.get_close_matches(cell, known_list, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    hint += f"every {column} must be defined in {where}"
    _fail(table, bad, column, f"unknown {column} '{{cell}}'", hint)


def no_duplicates(table: RawTable, frame: pd.DataFrame, keys: Sequence[str]) -> None:
    """One row per key: a second row for the same key is an error naming both rows."""
    dup = frame.duplicated(subset=list(keys), keep=False)
    if not dup.any():
        return
    positions = np.flatnonzero(dup.to_numpy())
    first = positions[0]
    key = tuple(frame[k].iloc[first] for k in keys)
    same = [int(p) for p in positions if tuple(frame[k].iloc[p] for k in keys) == key]
    rows = [table.row_of(p) for p in same]
    described = ", ".join(f"{k}={v}" for k, v in zip(keys, key, strict=True))
    raise DataError(
        f"duplicate row: {described} also appears in row {rows[0]}",
        file=table.file,
        row=rows[1],
        column=keys[0],
        hint=f"keep one row per {' / '.join(keys)}; delete or correct row {rows[1]}",
    )
