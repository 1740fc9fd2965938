"""One mapping entry -> one indicator's rows: England, regions and authorities by year.

The output is long, one row per indicator x area x year, never rounded:
``indicator, level, code, old_code, name, region_code, region_name, year, period,
time_identifier, value, symbol, count, count_symbol``. ``value`` is NaN where ``symbol``
says why; ``count`` is the number behind a rate or percentage where the file has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.data.ees.mapping import EesMapping, IndicatorMap
from reportgen.data.ees.reader import TidyFile, geography, numbers, read_tidy, select_rows
from reportgen.errors import DataError

KEY = ("indicator", "code", "year")


def read_indicator(tidy: TidyFile, ind: IndicatorMap) -> pd.DataFrame:
    """The rows of one indicator whose value is a column of the file (or only its count,
    for a rate computed later by ``compute_rate``)."""
    wanted = f"indicator '{ind.id}'"
    rows = select_rows(tidy, ind.filters, wanted)
    frame = geography(tidy, rows, wanted)
    frame.insert(0, "indicator", ind.id)
    if ind.value is not None:
        frame["value"], frame["symbol"] = numbers(tidy, ind.value, rows, wanted)
    if ind.count is not None:
        frame["count"], frame["count_symbol"] = numbers(tidy, ind.count, rows, wanted)
    else:
        frame["count"], frame["count_symbol"] = np.nan, ""
    _no_duplicates(tidy, frame, rows, ind)
    return frame


def _no_duplicates(
    tidy: TidyFile, frame: pd.DataFrame, rows: np.ndarray, ind: IndicatorMap
) -> None:
    """Two rows for one area and year mean the filters do not pick one row: say which
    columns tell them apart, so the analyst knows which filter to add."""
    dupes = frame.duplicated(subset=["code", "year"], keep=False).to_numpy()
    if not dupes.any():
        return
    first = int(np.flatnonzero(dupes)[0])
    same = frame.index[
        (frame["code"] == frame["code"].iloc[first]) & (frame["year"] == frame["year"].iloc[first])
    ]
    records = tidy.frame.iloc[rows[list(same)]]
    differ = [c for c in records.columns if records[c].nunique() > 1]
    raise DataError(
        f"indicator '{ind.id}': {len(same)} rows for {frame['name'].iloc[first]} "
        f"{frame['period'].iloc[first]}",
        file=tidy.path,
        row=tidy.row_of(int(rows[first])),
        hint=f"add a filter on one of: {', '.join(differ[:6])} (under filters: "
        "in ees.yaml) so that one row is chosen",
    )


def compute_rate(
    frame: pd.DataFrame, ind: IndicatorMap, denominators: pd.DataFrame
) -> pd.DataFrame:
    """value = count / denominator (``denominator_lag`` years earlier) x rate_per.

    The count's symbol carries over to the rate; a missing denominator makes the rate
    'x' (not available). Computed at full precision and rounded only for display.
    """
    den = denominators.set_index(["code", "year"])["value"]
    keys = pd.MultiIndex.from_arrays([frame["code"], frame["year"] - ind.denominator_lag])
    base = den.reindex(keys).to_numpy(dtype="float64")
    count = frame["count"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(base > 0, count / base * float(ind.rate_per or 1), np.nan)
    symbol = np.where(
        np.isnan(count),
        frame["count_symbol"].to_numpy(dtype=object),
        np.where(np.isnan(rate), "x", ""),
    )
    out = frame.copy()
    out["value"], out["symbol"] = rate, symbol
    return out


def load_observations(
    folder: Path, mapping: EesMapping
) -> tuple[pd.DataFrame, Mapping[str, TidyFile]]:
    """Every mapped indicator, read from its file (each file read once)."""
    files: dict[str, TidyFile] = {}
    frames: dict[str, pd.DataFrame] = {}
    for ind in mapping.indicators:
        key = ind.file
        if key not in files:
            files[key] = read_tidy(folder / mapping.files[key].path)
        frames[ind.id] = read_indicator(files[key], ind)
    for ind in mapping.indicators:
        if ind.value is None and ind.denominator is not None:
            den = mapping.indicator(ind.denominator)
            if den.value is None:
                raise DataError(
                    f"indicator '{ind.id}': its denominator '{den.id}' is itself computed",
                    file=folder / "ees.yaml",
                    hint="point denominator: at an indicator read from a column",
                )
            frames[ind.id] = compute_rate(frames[ind.id], ind, frames[den.id])
    observations = pd.concat(frames.values(), ignore_index=True)
    return _map_regions(observations, mapping.regions), files


def _map_regions(frame: pd.DataFrame, regions: Mapping[str, str]) -> pd.DataFrame:
    """Authorities' region codes as the mapping counts them (Inner London -> London),
    with the region's own name from its Regional rows."""
    if not regions:
        return frame
    names = dict(
        zip(
            frame.loc[frame["level"] == "regional", "code"],
            frame.loc[frame["level"] == "regional", "name"],
            strict=True,
        )
    )
    is_la = frame["level"] == "authority"
    mapped = frame.loc[is_la, "region_code"].map(lambda c: regions.get(c, c))
    frame.loc[is_la, "region_code"] = mapped
    frame.loc[is_la, "region_name"] = [
        names.get(c, n) for c, n in zip(mapped, frame.loc[is_la, "region_name"], strict=True)
    ]
    return frame
