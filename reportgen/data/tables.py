"""Reading one table (CSV or XLSX) as strings, keeping each record's spreadsheet row.

Everything is read as text first and converted afterwards so that a bad cell can be
reported where the user will find it: the file, the row number their spreadsheet shows
(header = row 1) and the column. Analysts keep the same table as CSV or as a workbook,
so either may be used, but never both at once (which one would be the truth?).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.data.dataset import SourceFile
from reportgen.errors import DataError

TABLE_SUFFIXES = (".csv", ".xlsx")
Records = list[list[str]] | np.ndarray  # rows of cells, as lists or a 2-D object array


@dataclass(frozen=True)
class RawTable:
    """A table of stripped strings; ``rows[i]`` is the spreadsheet row of record ``i``."""

    frame: pd.DataFrame
    rows: np.ndarray
    source: SourceFile

    @property
    def file(self) -> str:
        return self.source.name

    def row_of(self, position: int) -> int:
        return int(self.rows[position])


def find_table(folder: Path, stem: str, *, required: bool = True) -> Path | None:
    """The CSV or XLSX file for ``stem``; an error if neither (when required) or both exist."""
    found = [
        folder / f"{stem}{suffix}"
        for suffix in TABLE_SUFFIXES
        if (folder / f"{stem}{suffix}").is_file()
    ]
    if len(found) > 1:
        raise DataError(
            f"both {found[0].name} and {found[1].name} exist",
            file=folder,
            hint=f"keep one of them: reportgen cannot tell which {stem} table is the current one",
        )
    if found:
        return found[0]
    if required:
        raise DataError(
            f"missing file: {stem}.csv (or {stem}.xlsx)",
            file=folder,
            hint=_missing_hint(folder, stem),
        )
    return None


def _missing_hint(folder: Path, stem: str) -> str:
    names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    close = difflib.get_close_matches(f"{stem}.csv", names, n=1, cutoff=0.6)
    if close:
        return f"rename {close[0]} to {stem}.csv, or add the file"
    return f"add {stem}.csv to the data folder (see data/ in the reportgen repository)"


def read_table(path: Path, columns: Sequence[str], optional: Sequence[str] = ()) -> RawTable:
    """Read ``path`` as text and check that every expected column is there.

    ``optional`` columns may be left out of the file; they come back as blank cells.
    """
    data = path.read_bytes()
    records: Records
    sheet: str | None
    if path.suffix.lower() == ".xlsx":
        header, records, rows, sheet = _read_xlsx(path, data)
    else:
        header, records, rows = _read_csv(path, data)
        sheet = None
    names = [_normalise_header(h) for h in header]
    _check_columns(path, names, columns, optional)
    frame = (
        pd.DataFrame(records, columns=names, dtype=object)
        if len(records)
        else pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
    )
    frame = frame.loc[:, ~pd.Index(names).duplicated()]
    for name in optional:
        if name not in frame.columns:
            frame[name] = ""
    frame = frame[[*columns, *optional]]
    source = SourceFile(
        name=path.name,
        path=path,
        sheet=sheet,
        rows=len(records),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return RawTable(
        frame=frame.reset_index(drop=True), rows=np.asarray(rows, dtype=np.int64), source=source
    )


def _normalise_header(name: object) -> str:
    return str(name if name is not None else "").strip().lower()


def _check_columns(
    path: Path, names: Sequence[str], expected: Sequence[str], optional: Sequence[str]
) -> None:
    missing = [c for c in expected if c not in names]
    if not missing:
        return
    first = missing[0]
    known = [*expected, *optional]
    close = difflib.get_close_matches(first, [n for n in names if n not in known], n=1)
    hint = f"the header row (row 1) must have the columns: {', '.join(known)}"
    if len(names) == 1 and ";" in names[0]:
        hint = "the file separates columns with ';': save it as 'CSV (comma delimited)'; " + hint
    elif close:
        hint = f"rename column '{close[0]}' to '{first}'; " + hint
    word = "column" if len(missing) == 1 else "columns"
    raise DataError(
        f"missing {word} {', '.join(repr(m) for m in missing)}",
        file=path.name,
        row=1,
        column=first,
        hint=hint,
    )


def _read_csv(path: Path, data: bytes) -> tuple[list[str], Records, list[int]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel "CSV" on Windows
    fast = _read_csv_fast(text)
    if fast is not None:
        return fast
    return _read_csv_slow(path, text)


def _read_csv_fast(text: str) -> tuple[list[str], Records, list[int]] | None:
    """pandas' C parser for the usual well-formed file; None sends odd files to the slow,
    careful reader (ragged rows, bad quoting) so that its errors can name the row."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                index_col=False,
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError, ValueError):
        return None
    header = [str(c) for c in frame.columns]
    if any(h.startswith("Unnamed: ") for h in header):
        return None  # blank header cells: let the slow reader keep them blank
    cells = frame.fillna("").to_numpy(dtype=str)
    stripped = np.char.strip(cells) if cells.size else cells
    keep = (stripped != "").any(axis=1) if stripped.size else np.zeros(len(frame), bool)
    rows = (np.flatnonzero(keep) + 2).tolist()
    return header, stripped[keep].astype(object), rows


def _read_csv_slow(path: Path, text: str) -> tuple[list[str], list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise DataError(
            f"cannot read CSV: {exc}",
            file=path.name,
            row=reader.line_num,
            hint="check quotes in that row, or save the sheet again as CSV",
        ) from exc
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise DataError(
            "the file is empty or has no header row",
            file=path.name,
            row=1,
            hint="the first row must name the columns",
        )
    header, width = lines[0], len(lines[0])
    records: list[list[str]] = []
    rows: list[int] = []
    for number, cells in enumerate(lines[1:], start=2):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if any(cells[width:]):
            raise DataError(
                f"row has {len(cells)} cells but the header has {width}",
                file=path.name,
                row=number,
                hint="remove the extra cells, or quote text containing commas",
            )
        records.append(cells[:width] + [""] * (width - len(cells)))
        rows.append(number)
    return header, records, rows


def _read_xlsx(path: Path, data: bytes) -> tuple[list[str], list[list[str]], list[int], str]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise DataError(
            f"cannot open workbook: {type(exc).__name__}: {exc}",
            file=path.name,
            hint="the file is not a valid .xlsx workbook (corrupt, or another "
            "format renamed): open it in Excel and save it again as .xlsx, "
            "or export the sheet as CSV",
        ) from exc
    try:
        sheet = book[path.stem] if path.stem in book.sheetnames else book.worksheets[0]
        title = sheet.title
        header: list[str] | None = None
        records: list[list[str]] = []
        rows: list[int] = []
        for number, row in enumerate(sheet.iter_rows(min_row=1), start=1):
            cells = [_cell_text(c.value, getattr(c, "number_format", None)) for c in row]
            if header is None:
                if number == 1:
                    header = cells
                continue
            if not any(cells):
                continue
            width = len(header)
            records.append(cells[:width] + [""] * (width - len(cells)))
            rows.append(number)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(
            f"cannot read workbook: {type(exc).__name__}: {exc}",
            file=path.name,
            hint="the workbook is damaged: open it in Excel and save it again, "
            "or export the sheet as CSV",
        ) from exc
    finally:
        book.close()
    if not header or not any(header):
        raise DataError(
            f"sheet '{title}' is empty or has no header row",
            file=path.name,
            row=1,
            hint="the first row must name the columns",
        )
    return header, records, rows, title


def _cell_text(value: object, number_format: str | None = None) -> str:
    """A cell as the figure the analyst sees: month dates become "YYYY-MM", and a cell
    formatted as a percentage (stored 0.855, shown 85.5%) becomes 85.5, as written in CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and number_format and "%" in number_format:
        value = round(value * 100, 10)
    if isinstance(value, datetime):
        if value.day == 1 and value.time() == datetime.min.time():
            return f"{value.year:04d}-{value.month:02d}"
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}" if value.day == 1 else value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value).strip()
