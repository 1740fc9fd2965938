"""Indicator tables: the RAG scorecard and benchmark tables.

Every rating is written as a word in its cell as well as shaded, and the direction of
travel as an arrow plus a word, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen import formatting as fmt
from reportgen import model as m
from reportgen.compose.context import ComposeContext
from reportgen.compose.spec import TableItem
from reportgen.indicators.result import IndicatorResult

ARROWS = {"up": "\u2191", "down": "\u2193", "flat": "\u2192"}


def rating_cell(rating: str | None, prefix: str = "") -> m.Cell:
    """A BRAG/RAG cell: shaded, and always saying the rating in words."""
    if not rating:
        return m.cell("Not rated", align="center")
    return m.cell(f"{prefix}{rating.capitalize()}", align="center", rating=rating)


def direction_text(result: IndicatorResult) -> str:
    """An arrow for which way the value moved, and a word for whether that is good."""
    if result.change is None or result.direction is None:
        return "n/a"
    arrow = ARROWS["flat"] if result.change == 0 else ARROWS["up" if result.change > 0 else "down"]
    return f"{arrow} {result.direction.capitalize()}"


def _num(value: float | None, unit: str) -> m.Cell:
    return m.cell(fmt.fmt_value(value, unit), align="right")


def scorecard_table(results: Sequence[IndicatorResult], caption: str | None = None,
                    labels: Sequence[str] | None = None) -> m.Table:
    """The KPI scorecard: latest, previous, direction, target, rating, benchmarks.

    ``labels`` are short indicator names (definitions' short titles); the unit follows.
    """
    names = list(labels) if labels is not None else [r.title for r in results]
    header = tuple(
        m.cell(h, align="left" if i == 0 else "right" if i < 6 else "center")
        for i, h in enumerate(("Indicator", "Latest", "Previous", "Target", "Neighbours",
                               "England", "Rating", "Direction of travel"))
    )
    rows = tuple(
        (
            m.cell(f"{name} ({_unit_label(r.unit)})"),
            _num(r.value, r.unit),
            _num(r.previous, r.unit),
            _num(r.target, r.unit),
            _num(r.neighbours_avg, r.unit),
            _num(r.england, r.unit),
            rating_cell(r.brag),
            m.cell(direction_text(r), align="center"),
        )
        for r, name in zip(results, names, strict=True)
    )
    return m.Table(header=header, rows=rows, caption=caption, row_headers=True,
                   widths=(27, 9, 10, 9, 12, 10, 9, 14), style="scorecard")


def benchmark_table(result: IndicatorResult, caption: str | None = None) -> m.Table:
    """The council against England, the region and each statistical neighbour."""
    ordered = sorted(
        result.comparators,
        key=lambda c: (c.value is None, -(c.value or 0) if result.polarity == "higher"
                       else (c.value or 0)),
    )
    rows = tuple(
        (
            m.Cell(m.inlines(m.Text(c.name, bold=c.kind == "council"))),
            m.cell(c.kind.replace("neighbour", "Statistical neighbour").capitalize()
                   if c.kind != "council" else "This council"),
            _num(c.value, result.unit),
        )
        for c in ordered
    )
    header = (m.cell("Authority"), m.cell("Type"), m.cell(f"Value ({result.benchmark_year})",
                                                          align="right"))
    return m.Table(header=header, rows=rows, caption=caption, row_headers=True)


def _unit_label(unit: str) -> str:
    return {"rate": "per 10,000", "percent": "%", "count": "number", "days": "days",
            "average": "average"}.get(unit, unit)


def table_block(ctx: ComposeContext, item: TableItem) -> m.Block:
    """Build the table a spec asks for."""
    where = f"a {item.type} table"
    if item.type == "scorecard":
        from reportgen.compose.figures import label_for

        ids = item.indicators or list(ctx.results)
        results = [ctx.indicator(i, where) for i in ids]
        return scorecard_table(results, item.caption, [label_for(ctx, r) for r in results])
    result = ctx.indicator(item.indicators[0] if item.indicators else "", where)
    return benchmark_table(result, item.caption or f"{result.title}: benchmarks")
