"""Column conversions that report the first bad cell by file, spreadsheet row and column.

Conversions are vectorised (a values file for 152 areas has over 100,000 rows); only when
something is wrong do we look up which row it was, so a clean load stays fast.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from reportgen.data.tables import RawTable
from reportgen.errors import DataError

_PERIOD = r"\d{4}-(?:0[1-9]|1[0-2])"
_FIN_YEAR = r"\d{4}/\d{2}"
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


def _fail(table: RawTable, mask: pd.Series | np.ndarray, column: str, message: str,
          hint: str) -> None:
    position = int(np.flatnonzero(np.asarray(mask))[0])
    cell = table.frame[column].iloc[position]
    raise DataError(message.format(cell=cell), file=table.file, row=table.row_of(position),
                    column=column, hint=hint)


def text(table: RawTable, column: str) -> pd.Series:
    """A required text column (ids, names): blank cells are an error."""
    series = table.frame[column].astype(str)
    blank = series == ""
    if blank.any():
        _fail(table, blank, column, "empty cell", f"every row needs a value in '{column}'")
    return series.astype("str")


def numbers(table: RawTable, column: str, *, blank_ok: bool) -> pd.Series:
    """Floats; a blank cell is NaN ("not available") where ``blank_ok``."""
    raw = table.frame[column].astype(str)
    result = pd.to_numeric(raw, errors="coerce").astype("float64")
    blank = raw == ""
    if (result.isna() & ~blank).any():  # "1,234" as Excel shows it
        cleaned = raw.str.replace(",", "", regex=False)
        result = pd.to_numeric(cleaned, errors="coerce").astype("float64")
    bad = (result.isna() & ~blank) | np.isinf(result.to_numpy())
    if bad.any():
        _fail(table, bad, column, "'{cell}' is not a number",
              "use digits only (e.g. 85.5), no units or % signs"
              + ("; leave the cell empty if the figure is not available" if blank_ok else ""))
    if not blank_ok and blank.any():
        _fail(table, blank, column, "empty cell", f"every row needs a number in '{column}'")
    return result


def integers(table: RawTable, column: str) -> pd.Series:
    values = numbers(table, column, blank_ok=False)
    fractional = values != values.round()
    if fractional.any():
        _fail(table, fractional, column, "'{cell}' is not a whole number",
              "years are whole numbers, e.g. 2016")
    return values.astype("int64")


def _matches(series: pd.Series, pattern: str) -> pd.Series:
    """Regex test on the distinct values only: 100,000 rows hold a few dozen periods."""
    unique = pd.Series(series.unique())
    ok = dict(zip(unique, unique.str.fullmatch(pattern), strict=True))
    return series.map(ok).astype(bool)


def periods(table: RawTable, column: str) -> pd.Series:
    series = table.frame[column].astype(str)
    bad = ~_matches(series, _PERIOD)
    if bad.any():
        _fail(table, bad, column, "'{cell}' is not a period",
              "periods are months written YYYY-MM, e.g. 2017-01 for January 2017")
    return series.astype("str")


def financial_years(table: RawTable, column: str) -> pd.Series:
    series = table.frame[column].astype(str)
    ok = _matches(series, _FIN_YEAR)
    if ok.all():
        start = series.str[:4].astype(int)
        ok = (start + 1) % 100 == series.str[5:7].astype(int)
    if not ok.all():
        _fail(table, ~ok, column, "'{cell}' is not a financial year",
              "write financial years as YYYY/YY, e.g. 2015/16")
    return series.astype("str")


def booleans(table: RawTable, column: str) -> pd.Series:
    lowered = table.frame[column].astype(str).str.lower()
    bad = ~lowered.isin(_TRUE | _FALSE)
    if bad.any():
        _fail(table, bad, column, "'{cell}' is not true or false",
              "write true or false (yes/no and 1/0 also work)")
    return lowered.isin(_TRUE).astype(bool)


def choice(table: RawTable, column: str, allowed: Sequence[str]) -> pd.Series:
    series = text(table, column)
    bad = ~series.isin(list(allowed))
    if bad.any():
        _fail(table, bad, column, "'{cell}' is not allowed here",
              f"use one of: {', '.join(allowed)}")
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
    raise DataError(f"duplicate row: {described} also appears in row {rows[0]}",
                    file=table.file, row=rows[1], column=keys[0],
                    hint=f"keep one row per {' / '.join(keys)}; delete or correct row {rows[1]}")
