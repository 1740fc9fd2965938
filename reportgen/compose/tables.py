"""Indicator tables: the RAG scorecard and benchmark tables.

Every rating is written as a word in its cell as well as shaded, and the direction of
travel as an arrow plus a word, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import wording
from reportgen.compose.context import ComposeContext
from reportgen.compose.kpi import benchmark_cell, figure, label_for, symbol_key
from reportgen.compose.spec import TableItem
from reportgen.indicators.result import IndicatorResult

ARROWS = fmt.ARROWS


def table_source(results: Sequence[IndicatorResult]) -> str | None:
    """The "Source: ..." line under a table of these indicators (issue 19), from their
    definitions' ``source``, as ``figures.chart_source`` gives a chart's."""
    return fmt.source_line([r.source for r in results])


def rating_cell(rating: str | None, prefix: str = "") -> m.Cell:
    """A BRAG/RAG cell: shaded, and always saying the rating in words."""
    if not rating:
        return m.cell(fmt.NOT_RATED, align="center")
    return m.cell(f"{prefix}{fmt.rating_word(rating)}", align="center", rating=rating)


def direction_text(result: IndicatorResult) -> str:
    """An arrow for which way the shown figure moved, and a word for what it means."""
    return wording.direction_cell(result)


def _year(results: Sequence[IndicatorResult]) -> str:
    years = sorted({r.benchmark_year for r in results if r.benchmark_year})
    return f" ({', '.join(years)})" if years else ""


def scorecard_table(
    results: Sequence[IndicatorResult],
    caption: str | None = None,
    labels: Sequence[str] | None = None,
) -> m.Table:
    """The KPI scorecard: latest, previous, direction, target, rating, benchmarks.

    ``labels`` are short indicator names (definitions' short titles); the unit follows.
    The benchmark columns say which year's published figures they hold; a measure with
    none published shows the GSS symbol (``x``, or ``z`` for a count), as the board
    scorecard does.
    """
    names = list(labels) if labels is not None else [r.title for r in results]
    year = _year(results)
    header = tuple(
        m.cell(h, align="left" if i == 0 else "right" if i < 6 else "center")
        for i, h in enumerate(
            (
                "Indicator",
                "Latest",
                "Previous",
                "Target",
                f"Neighbours{year}",
                f"England{year}",
                "Rating",
                "Direction of travel",
            )
        )
    )
    rows = tuple(
        (
            m.cell(f"{name} ({wording.unit_label(r)})"),
            figure(r),
            figure(r, "previous"),
            figure(r, "target"),
            benchmark_cell(r, "neighbour")[0],
            benchmark_cell(r, "england")[0],
            rating_cell(r.brag),
            m.cell(direction_text(r), align="center"),
        )
        for r, name in zip(results, names, strict=True)
    )
    return m.Table(
        header=header,
        rows=rows,
        caption=caption,
        row_headers=True,
        widths=(23, 9, 11, 9, 13.5, 11.5, 9, 14),
        style="scorecard",
        source=table_source(results),
    )


def benchmark_table(result: IndicatorResult, caption: str | None = None) -> m.Table:
    """The council against England, the region and each statistical neighbour; a
    neighbour without a published figure shows its symbol and sorts last."""
    ordered = sorted(
        result.comparators,
        key=lambda c: (
            c.value is None,
            -(c.value or 0) if result.polarity != "lower" else (c.value or 0),
        ),
    )
    kinds = {
        "england": "England",
        "region": "Region",
        "neighbour": "Statistical neighbour",
        "council": "This council",
    }
    rows = tuple(
        (
            m.Cell(m.inlines(m.Text(c.name, bold=c.kind == "council"))),
            m.cell(kinds.get(c.kind, c.kind)),
            m.cell(
                fmt.fmt_value(c.value, result.unit, result.decimals, c.symbol or None),
                align="right",
            ),
        )
        for c in ordered
    )
    header = (
        m.cell("Authority"),
        m.cell("Type"),
        m.cell(f"Value ({result.benchmark_year})", align="right"),
    )
    return m.Table(
        header=header, rows=rows, caption=caption, row_headers=True, source=table_source([result])
    )


def table_block(ctx: ComposeContext, item: TableItem) -> m.Block:
    """Build the table a spec asks for."""
    return table_blocks(ctx, item)[0]


def table_blocks(ctx: ComposeContext, item: TableItem) -> tuple[m.Block, ...]:
    """The table a spec asks for, then the key to any GSS symbols it shows."""
    where = f"a {item.type} table"
    if item.type == "scorecard":
        ids = item.indicators or list(ctx.results)
        results = [ctx.indicator(i, where) for i in ids]
        table = scorecard_table(results, item.caption, [label_for(ctx, r) for r in results])
        shown = {benchmark_cell(r, kind)[1] for r in results for kind in ("neighbour", "england")}
        return (table, *symbol_key(results, shown - {""}))
    else:
        result = ctx.indicator(item.indicators[0] if item.indicators else "", where)
        results = [result]
        table = benchmark_table(
            result,
            item.caption
            or f"{result.title}: benchmarks ({result.benchmark_year or 'no published year'})",
        )
    return (table, *symbol_key(results))
