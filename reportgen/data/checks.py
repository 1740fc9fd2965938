"""Checks that a row's numerator, denominator and value agree before anything is computed.

A year to date pools numerators and denominators, so a slip in either (a negative count,
a zero denominator, 120 children "of" 100, a value typed over a formula) changes figures
far from the row where it was made. Each check stops the load at the first bad row with
one line naming the file, the spreadsheet row and the column, and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from reportgen.data.dataset import IndicatorDef
from reportgen.data.tables import RawTable
from reportgen.errors import DataError


def _first(mask: pd.Series) -> int | None:
    hits = np.flatnonzero(mask.to_numpy(dtype=bool))
    return int(hits[0]) if hits.size else None


def _raise(
    raw: RawTable, frame: pd.DataFrame, position: int, column: str, message: str, hint: str
) -> None:
    row = frame.iloc[position]
    raise DataError(
        f"{row['indicator']} {row['period']}: {message}",
        file=raw.file,
        row=raw.row_of(position),
        column=column,
        hint=hint,
    )


def fractions(raw: RawTable, frame: pd.DataFrame, defs: Mapping[str, IndicatorDef]) -> None:
    """Numerators and denominators are counts: never negative, a denominator above zero,
    a proportion's numerator no more than its denominator, and a value that matches
    numerator / denominator to the places it was written with."""
    num, den = frame["numerator"], frame["denominator"]
    for column, series in (("numerator", num), ("denominator", den)):
        position = _first(series < 0)
        if position is not None:
            _raise(
                raw,
                frame,
                position,
                column,
                f"{column} {series.iloc[position]:g} is negative",
                f"a {column} is a count of children or cases: correct the "
                "figure in your source system",
            )
    position = _first(num.notna() & (den <= 0))
    if position is not None:
        _raise(
            raw,
            frame,
            position,
            "denominator",
            f"denominator {den.iloc[position]:g} leaves nothing to divide by",
            "leave value, numerator and denominator "
            "empty (or write x) for a month with no cases, rather than 0",
        )
    percent = frame["indicator"].map(lambda i: defs[i].unit == "percent")
    position = _first(percent & (num > den))
    if position is not None:
        _raise(
            raw,
            frame,
            position,
            "numerator",
            f"numerator {num.iloc[position]:g} is more than the denominator {den.iloc[position]:g}",
            "a percentage counts part of a group: check that the two columns are not swapped",
        )
    _agree(raw, frame, defs)


def _agree(raw: RawTable, frame: pd.DataFrame, defs: Mapping[str, IndicatorDef]) -> None:
    """value = numerator / denominator x scale, within half a unit of the value's last
    written decimal place (83.1 may stand for 83.14, not for 83.2)."""
    both = frame["value"].notna() & frame["numerator"].notna() & (frame["denominator"] > 0)
    if not both.any():
        return
    sub = frame[both]
    scale = sub["indicator"].map(lambda i: defs[i].scale)
    computed = sub["numerator"] / sub["denominator"] * scale
    written = raw.frame.loc[sub.index, "value"].astype(str)
    places = written.str.extract(r"[.,](\d+)$")[0].str.len().fillna(0)
    allowed = 0.5 * np.power(10.0, -places) + 1e-9 * np.maximum(1.0, computed.abs())
    wrong = (sub["value"] - computed).abs() > allowed
    if wrong.any():
        position = int(sub.index[np.flatnonzero(wrong.to_numpy())[0]])
        shown = computed.loc[position]
        _raise(
            raw,
            frame,
            position,
            "value",
            f"value {frame['value'].iloc[position]:g} does "
            f"not match numerator / denominator ({shown:.4g})",
            "correct the value, "
            "numerator or denominator, or leave the value empty to have it computed",
        )
