"""Reading EES tidy CSVs as published: by column name, as text, symbols kept.

The traps, all seen in real files: columns in a different order from file to file
(``la_name`` before or after ``new_la_code``), a UTF-8 byte-order mark on some files, empty
geography fields written ``,,`` or ``,"",``, reporting years (2025) beside academic or
financial years (202425), and GSS symbols (``c``, ``x``, ``z``, ``u``, ``low``, ``k``)
where a number would be. Everything is read as a string and converted here, so a bad cell
is reported with its file, row and column; a symbol becomes NaN with the symbol beside it
(``reportgen.symbols``), never 0.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.errors import DataError
from reportgen.symbols import symbol_of

#: The EES geography columns reportgen reads, by name; the order in a file does not matter.
GEOGRAPHY = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)
#: geographic_level as published -> reportgen's word; other levels are not read.
LEVELS = {"National": "national", "Regional": "regional", "Local authority": "authority"}
_YEAR = re.compile(r"^\d{4}$")
_TWO_YEARS = re.compile(r"^(\d{4})(\d{2})$")


@dataclass(frozen=True)
class TidyFile:
    """One EES CSV as text: every column a string, with the spreadsheet row of each record."""

    path: Path
    frame: pd.DataFrame  # all columns, str; blank cells ""

    @property
    def name(self) -> str:
        return self.path.name

    def column(self, name: str, wanted_for: str) -> pd.Series:
        """A column by name, or an error naming the closest columns the file has."""
        if name not in self.frame.columns:
            close = difflib.get_close_matches(name, list(self.frame.columns), n=3, cutoff=0.5)
            hint = (
                f"did you mean {', '.join(close)}?"
                if close
                else f"the columns are: {', '.join(self.frame.columns)}"
            )
            raise DataError(
                f"no column '{name}' (needed for {wanted_for})", file=self.path, row=1, hint=hint
            )
        series: pd.Series = self.frame[name]
        return series

    def row_of(self, position: int) -> int:
        """The row a spreadsheet shows for record ``position`` (the header is row 1)."""
        return position + 2


def read_tidy(path: Path) -> TidyFile:
    """Read an EES tidy CSV as text; a missing or unreadable file is a DataError."""
    if not path.is_file():
        raise DataError(
            "file not found",
            file=path,
            hint="check `files:` in ees.yaml: paths are relative to its folder",
        )
    try:
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8-sig",
            skipinitialspace=False,
        )
    except UnicodeDecodeError:
        raise DataError(
            "not UTF-8 text", file=path, hint="save the file as UTF-8 CSV, as EES publishes it"
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(
            f"not a readable CSV: {exc}",
            file=path,
            hint="download the file again from Explore Education Statistics",
        ) from None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    for name in frame.columns:
        frame[name] = frame[name].str.strip()
    missing = [c for c in GEOGRAPHY if c not in frame.columns and c != "old_la_code"]
    if missing:
        raise DataError(
            f"not an EES tidy file: no column(s) {', '.join(missing)}",
            file=path,
            row=1,
            hint="EES tidy CSVs have time_period, geographic_level and the geography code columns",
        )
    return TidyFile(path=path, frame=frame)


def parse_period(text: str) -> tuple[int, str] | None:
    """(year the period ends, label): '2025' -> (2025, '2025'); '202425' -> (2025, '2024/25').

    A six-digit academic or financial year names its two calendar years; the second must
    follow the first. Anything else is None (the caller reports it).
    """
    if _YEAR.match(text):
        return int(text), text
    two = _TWO_YEARS.match(text)
    if two and (int(two.group(1)) + 1) % 100 == int(two.group(2)):
        return int(two.group(1)) + 1, f"{two.group(1)}/{two.group(2)}"
    return None


def select_rows(tidy: TidyFile, filters: Mapping[str, str], wanted_for: str) -> np.ndarray:
    """Positions of the National, Regional and LA rows matching every filter value."""
    keep = tidy.column("geographic_level", wanted_for).isin(list(LEVELS)).to_numpy().copy()
    for name, value in filters.items():
        column = tidy.column(name, f"the filter of {wanted_for}")
        match = (column == value).to_numpy()
        if not match.any():
            found = sorted(set(column))
            close = difflib.get_close_matches(value, found, n=3, cutoff=0.4)
            raise DataError(
                f"no rows with {name} '{value}' (filter of {wanted_for})",
                file=tidy.path,
                column=name,
                hint=f"did you mean {', '.join(close)}?"
                if close
                else f"the values are: {', '.join(found[:12])}",
            )
        keep &= match
    return np.flatnonzero(keep)


def numbers(
    tidy: TidyFile, name: str, rows: np.ndarray, wanted_for: str
) -> tuple[np.ndarray, np.ndarray]:
    """(values, symbols) of a column at ``rows``: NaN and the GSS symbol where the cell
    holds one, NaN and 'x' (not available) where it is blank."""
    cells = tidy.column(name, wanted_for).to_numpy()[rows]
    values = np.full(len(rows), np.nan)
    symbols = np.full(len(rows), "", dtype=object)
    for i, cell in enumerate(cells):
        if cell == "":
            symbols[i] = "x"
            continue
        try:
            values[i] = float(cell.replace(",", ""))
        except ValueError:
            symbol = symbol_of(cell)
            if symbol is None:
                raise DataError(
                    f"'{cell}' is neither a number nor a GSS symbol",
                    file=tidy.path,
                    row=tidy.row_of(int(rows[i])),
                    column=name,
                    hint="EES cells hold a number or one of c, x, z, u, low, k",
                ) from None
            symbols[i] = symbol
    return values, symbols


def geography(tidy: TidyFile, rows: np.ndarray, wanted_for: str) -> pd.DataFrame:
    """Level, code, names and period of each row: the key every indicator row shares.

    ``code`` is the country code for England, the region code for a region and the
    ``new_la_code`` for an authority (``old_la_code`` kept beside it, for the neighbour
    model, which is keyed by it).
    """
    col = {c: tidy.column(c, wanted_for).to_numpy()[rows] for c in GEOGRAPHY if c != "old_la_code"}
    old = (
        tidy.frame["old_la_code"].to_numpy()[rows]
        if "old_la_code" in tidy.frame.columns
        else np.full(len(rows), "", dtype=object)
    )
    level = np.array([LEVELS[v] for v in col["geographic_level"]], dtype=object)
    code = np.where(
        level == "national",
        col["country_code"],
        np.where(level == "regional", col["region_code"], col["new_la_code"]),
    )
    name = np.where(
        level == "national",
        "England",
        np.where(level == "regional", col["region_name"], col["la_name"]),
    )
    years, labels = _periods(tidy, rows, col["time_period"])
    return pd.DataFrame(
        {
            "level": level,
            "code": code,
            "old_code": old,
            "name": name,
            "region_code": col["region_code"],
            "region_name": col["region_name"],
            "year": years,
            "period": labels,
            "time_identifier": col["time_identifier"],
        }
    )


def _periods(tidy: TidyFile, rows: np.ndarray, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    parsed: dict[str, tuple[int, str] | None] = {c: parse_period(c) for c in set(cells)}
    for i, cell in enumerate(cells):
        if parsed[cell] is None:
            raise DataError(
                f"time_period '{cell}' is not a year (2025) or a two-year period (202425)",
                file=tidy.path,
                row=tidy.row_of(int(rows[i])),
                column="time_period",
                hint="EES tidy files give years as 2025 or 202425",
            )
    known = {c: p for c, p in parsed.items() if p is not None}
    years = np.array([known[c][0] for c in cells], dtype="int64")
    labels = np.array([known[c][1] for c in cells], dtype=np.object_)
    return years, labels
