"""``reportgen indicators``: the computed indicator table for one period.

A quick check of what a report will say before building it: a rich table for people
(figures formatted by ``reportgen.formatting``, ratings as words), CSV or JSON at full
precision for other tools. The JSON lists every attribute a narrative can use.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict, fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from reportgen import vocabulary as fmt
from reportgen.cli.console import plain
from reportgen.data.dataset import Dataset
from reportgen.errors import DataError
from reportgen.indicators.engine import definition
from reportgen.indicators.result import IndicatorResult, IndicatorSet
from reportgen.vocabulary import DisplayUnit, rating_key, rating_word

SERIES_FIELDS = ("comparators", "series", "target_series", "count_series")
CSV_FIELDS = [f.name for f in fields(IndicatorResult) if f.name not in SERIES_FIELDS]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def load(folder: Path) -> Dataset:
    """The dataset in ``folder`` (kept separate so tests can hand in a built dataset)."""
    if not folder.is_dir():
        raise DataError(
            "data folder not found",
            file=folder,
            hint="run from the project folder or pass --data PATH",
        )
    from reportgen.api import load_data

    dataset: Dataset = load_data(folder)
    return dataset


def latest(dataset: Dataset) -> str:
    if not dataset.periods:
        raise DataError(
            "the dataset has no indicator values",
            file=dataset.folder,
            hint="add monthly rows to the values file",
        )
    return dataset.latest_period()


def select(results: IndicatorSet, dataset: Dataset, ids: list[str] | None) -> list[IndicatorResult]:
    """The results asked for with --indicator (all when none), in the order asked."""
    if not ids:
        return list(results.values())
    for indicator_id in ids:
        definition(dataset, indicator_id)  # an unknown id is a DataError listing the known
    return [results[i] for i in ids]


def _rank(result: IndicatorResult) -> str:
    if result.rank is None or result.rank_of is None:
        return fmt.MISSING
    return f"{result.rank} of {result.rank_of}"


def table_row(r: IndicatorResult) -> list[str]:
    """One row of the people's table, every figure formatted the one en-GB way."""
    unit = DisplayUnit(r.unit, r.decimals, r.rate_per)

    def value(number: float | None, symbol: str = "") -> str:
        return fmt.fmt_value(number, unit, symbol=symbol or None)

    return [
        r.id,
        r.title,
        value(r.value, r.symbol),
        value(r.previous),
        fmt.fmt_signed(r.change, unit),
        r.direction or fmt.MISSING,
        value(r.ytd),
        value(r.target),
        fmt.fmt_signed_percent(r.adrift_pct),
        rating_word(r.brag),
        value(r.forecast),
        value(r.england),
        value(r.neighbours_avg),
        _rank(r),
    ]


HEADERS = (
    "Id",
    "Indicator",
    "Value",
    "Previous",
    "Change",
    "Direction",
    "YTD",
    "Target",
    "Adrift",
    "BRAG",
    "Forecast",
    "England",
    "SN avg",
    "Rank",
)


def print_table(
    console: Console, dataset: Dataset, results: IndicatorSet, chosen: list[IndicatorResult]
) -> None:
    table = Table(
        title=plain(f"{dataset.council}: {results.area}, {fmt.fmt_period(results.period)}"),
        caption="YTD: year to date (a count's total since April, which is what "
        "its annual target is rated on, pro rata). Adrift: % worse than "
        "target (negative = better), from the figures as shown. BRAG: "
        + "; ".join(f"{rating_word(r)} = {rule.lower()}" for r, rule in rating_key(5, 2))
        + " (usual thresholds; each indicator may set its own).",
    )
    for i, header in enumerate(HEADERS):
        table.add_column(
            header,
            justify="left" if i < 2 or header in ("Direction", "BRAG") else "right",
            overflow="fold",
        )
    for result in chosen:
        table.add_row(*map(plain, table_row(result)))
    console.print(table)


def _plain(value: Any) -> Any:
    return "" if value is None else value


def write_csv(chosen: list[IndicatorResult]) -> None:
    """Scalar fields at full precision (Python's shortest round-trip float text)."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for result in chosen:
        writer.writerow([_plain(getattr(result, name)) for name in CSV_FIELDS])


def write_json(dataset: Dataset, results: IndicatorSet, chosen: list[IndicatorResult]) -> None:
    document = {
        "council": dataset.council,
        "period": results.period,
        "area": results.area,
        "indicators": [asdict(r) for r in chosen],
    }
    sys.stdout.write(json.dumps(document, indent=2, allow_nan=False) + "\n")


def indicators_command(
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="Period as YYYY-MM (default: the latest in the data)"),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", "-a", help="A locality (default: the whole council area)"),
    ] = None,
    data: Annotated[
        Path, typer.Option("--data", "-d", help="Folder with the indicator data")
    ] = Path("data"),
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="table for reading, csv or json at full precision"),
    ] = OutputFormat.table,
    indicator: Annotated[
        list[str] | None,
        typer.Option("--indicator", "-i", help="Only this indicator id (repeat for more)"),
    ] = None,
) -> None:
    """Print the computed indicators for a period: values, change, direction of travel,
    target, % adrift, BRAG rating, forecast and benchmarks."""
    from reportgen.api import results_for

    dataset = load(data)
    results = results_for(dataset, period or latest(dataset), area)
    chosen = select(results, dataset, indicator)
    if format is OutputFormat.csv:
        write_csv(chosen)
    elif format is OutputFormat.json:
        write_json(dataset, results, chosen)
    else:
        interactive = Console().is_terminal
        print_table(Console(width=None if interactive else 200), dataset, results, chosen)
