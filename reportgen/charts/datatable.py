"""The data behind each chart as a model Table, formatted exactly as the chart labels.

Why: a chart is inaccessible to anyone who cannot see it and unverifiable to anyone who
wants the numbers; the data table (shown under the chart in HTML/PDF, available in Word)
fixes both. Numbers go through ``reportgen.formatting`` so they match the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.charts.summary import period_long
from reportgen.model import Cell, Table, cell
from reportgen.vocabulary import UnitLike, fmt_value, unit_name, unit_words


def _num(value: float | None, unit: UnitLike) -> Cell:
    full = None if value is None or value != value else float(value)  # NaN: missing
    return cell(fmt_value(value, unit), align="right", value=full)


def series_table(
    *,
    periods: Sequence[str],
    columns: Sequence[tuple[str, Sequence[float | None], UnitLike]],
    caption: str | None = None,
) -> Table:
    """Period down the side, one column per (heading, values, unit)."""
    header = (cell("Period"), *(cell(h, align="right") for h, _, _ in columns))
    rows = tuple(
        (cell(period_long(p)), *(_num(vals[i], unit) for _, vals, unit in columns))
        for i, p in enumerate(periods)
    )
    return Table(header=header, rows=rows, caption=caption, row_headers=True)


def category_table(
    *,
    first: str,
    names: Sequence[str],
    columns: Sequence[tuple[str, Sequence[float | None], UnitLike]],
    extra: tuple[str, Sequence[str]] | None = None,
    caption: str | None = None,
) -> Table:
    """A name column, optional text column (e.g. 'Type'), then numeric columns."""
    header = [cell(first)]
    if extra is not None:
        header.append(cell(extra[0]))
    header.extend(cell(h, align="right") for h, _, _ in columns)
    rows = []
    for i, name in enumerate(names):
        row = [cell(name)]
        if extra is not None:
            row.append(cell(extra[1][i]))
        row.extend(_num(vals[i], unit) for _, vals, unit in columns)
        rows.append(tuple(row))
    return Table(header=tuple(header), rows=tuple(rows), caption=caption, row_headers=True)


def column_heading(label: str, unit: UnitLike) -> str:
    """'Rate (per 10,000)' style headings so a bare number in the table is never ambiguous
    (the rate's own base: 'per 1,000' for a rate per 1,000); % and £ show inline."""
    if unit_name(unit) not in ("rate", "days"):
        return label
    words = unit_words(unit)
    return label if words.lower() in label.lower() else f"{label} ({words})"
