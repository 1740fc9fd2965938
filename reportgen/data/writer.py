"""write_dataset: a Dataset back to a data folder (CSV or XLSX) that load_dataset reads.

Used by the generator to write data/, and by tests and benchmarks to put a generated
dataset on disk. Numbers are written in full precision (``repr``), whole numbers without a
trailing ``.0`` so the files read naturally in a spreadsheet; derived rates are left out
because the loader computes them.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml

from reportgen.atomic import atomic_path, write_bytes_atomic
from reportgen.data.dataset import Dataset, IndicatorDef
from reportgen.data.loader import BENCHMARKS, COUNCILS, POPULATION

VALUES_COLUMNS = ("indicator", "area", "period", "value", "numerator", "denominator")
BREAKDOWN_COLUMNS = ("indicator", "area", "period", "dimension", "category", "count", "value")
INDICATORS_HEADER = """\
# Indicator definitions for reportgen. One entry per indicator:
#   id, title, short_title, definition    names and the plain-English definition
#   unit        count | rate | percent | days | average
#   polarity    higher | lower (which direction is better) | neutral (a context or volume
#               measure: described as rising or falling, rated only against a target)
#   aggregation stock (month-end snapshot) | flow (counted per month, summed over the
#               year) | proportion (monthly cohort; year to date = sum of numerators over
#               sum of denominators) | average
#   rate_per, numerator, denominator   for a rate computed from a count, e.g. numerator: cla,
#               denominator: population:0-17, rate_per: 10000 (the loader derives it)
#   targets     by financial year ("2016/17": 84.0); leave a year out for no target
#   tolerance   BRAG thresholds in % of target: amber within amber_pct adrift, red beyond;
#               blue when beaten by blue_pct or more
#   decimals    places shown in tables, charts and text (default: 0 for counts and days,
#               1 otherwise)
#   stable_within  a change this small is "broadly stable": a number in the unit (2) or a
#               percentage of the previous value ("1%")
#   source, frequency, theme, benchmark_id (the id in benchmarks.csv, if different)
"""


def write_dataset(dataset: Dataset, folder: Path, fmt: Literal["csv", "xlsx"] = "csv") -> Path:
    """Write ``dataset`` into ``folder`` (created if needed); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    info = {
        "council": dataset.council,
        "council_code": dataset.council_code,
        "whole_area": dataset.whole_area,
        "source_notes": dataset.notes,
    }
    _write_text(folder / "dataset.yaml", _yaml(info))
    items = [definition_to_dict(d) for d in dataset.definitions.values()]
    _write_text(folder / "indicators.yaml", INDICATORS_HEADER + _yaml({"indicators": items}))
    derived = {i for i, d in dataset.definitions.items() if d.numerator is not None}
    values = _with_symbols(dataset.values[~dataset.values["indicator"].isin(derived)])
    tables: dict[str, tuple[pd.DataFrame, Sequence[str]]] = {
        "values": (values, VALUES_COLUMNS),
        "population": (dataset.population, POPULATION),
        "benchmarks": (_with_symbols(dataset.benchmarks), BENCHMARKS),
        "councils": (dataset.councils, COUNCILS),
        "breakdowns": (dataset.breakdowns, BREAKDOWN_COLUMNS),
    }
    for stem, (frame, columns) in tables.items():
        for other in (".csv", ".xlsx"):
            stale = folder / f"{stem}{other}"
            if other != f".{fmt}" and stale.exists():
                stale.unlink()  # the loader refuses a folder with both
        rows = _cells(frame, columns)
        if fmt == "xlsx":
            write_xlsx(folder / f"{stem}.xlsx", stem, columns, rows)
        else:
            write_csv(folder / f"{stem}.csv", columns, rows)
    return folder


def _with_symbols(frame: pd.DataFrame) -> pd.DataFrame:
    """A missing value written as its GSS symbol, the way it was read."""
    if "symbol" not in frame.columns or not frame["symbol"].ne("").any():
        return frame
    value = frame["value"].astype(object).where(frame["symbol"].eq(""), frame["symbol"])
    return frame.assign(value=value)


def definition_to_dict(d: IndicatorDef) -> dict[str, Any]:
    item: dict[str, Any] = {"id": d.id, "title": d.title}
    optional: dict[str, Any] = {
        "short_title": d.short_title,
        "definition": d.definition,
        "unit": d.unit,
        "polarity": d.polarity,
        "aggregation": d.aggregation,
        "rate_per": d.rate_per,
        "numerator": d.numerator,
        "denominator": d.denominator,
        "targets": dict(d.targets),
        "tolerance": {"amber_pct": d.tolerance.amber_pct, "blue_pct": d.tolerance.blue_pct},
        "source": d.source,
        "frequency": d.frequency,
        "theme": d.theme,
        "benchmark_id": d.benchmark_id,
        "decimals": d.decimals,
        "stable_within": _materiality(d),
    }
    item.update({k: v for k, v in optional.items() if v not in (None, "", {})})
    return item


def _materiality(d: IndicatorDef) -> str | float | None:
    m = d.stable_within
    if m is None:
        return None
    amount = int(m.amount) if float(m.amount).is_integer() else m.amount
    return f"{amount}%" if m.percent else amount


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=92)


def _write_text(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
    _readable(path)


def _readable(path: Path) -> None:
    """Data files are shared, not secret: undo the private mode of the temporary file."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _cells(frame: pd.DataFrame, columns: Sequence[str]) -> list[list[Any]]:
    """Rows of Python values: floats, whole numbers as int, bools, str; NaN as None."""
    cols = [frame[c].tolist() for c in columns]
    return [[_plain(v) for v in row] for row in zip(*cols, strict=True)]


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_text(v) for v in row] for row in rows)
    write_bytes_atomic(path, buffer.getvalue().encode("utf-8"))
    _readable(path)


def write_xlsx(
    path: Path, sheet: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """One sheet named ``sheet``; numbers as numbers, periods as text (not dates)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(list(columns))
    for row in rows:
        ws.append(list(row))
    with atomic_path(path) as tmp:
        book.save(tmp)
    _readable(path)
