"""Measure rows shared by the service performance report and the board scorecard.

Labels, figures and change words for one indicator, worded once so the two report types
(and their tests) agree. No builtins here: the types that use them register those.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportgen import model as m
from reportgen import vocabulary
from reportgen.compose import wording
from reportgen.compose.context import ComposeContext
from reportgen.indicators.result import IndicatorResult


def label_for(ctx: ComposeContext, result: IndicatorResult) -> str:
    """The indicator's short title (its scorecard and axis label, never carrying the
    unit), else its title. The one label function: charts, tables and text all use it."""
    return result.short_title or result.title


def measure_label(ctx: ComposeContext, result: IndicatorResult) -> str:
    """'Children in care rate (per 10,000)': the short label, with the unit (from the
    indicator's rate_per) where a bare number would be ambiguous."""
    return wording.measure_label(result)


def num(value: float | None, unit: str, decimals: int | None = None) -> m.Cell:
    """A right-aligned bare figure by its unit."""
    return m.cell(vocabulary.fmt_value(value, unit, decimals), align="right")


def figure(result: IndicatorResult, attr: str = "value", with_unit: bool = False) -> m.Cell:
    """A right-aligned figure of an indicator, by its decimals, with the GSS symbol of a
    missing value (the table's key explains it)."""
    return m.cell(wording.cell_text(result, attr, with_unit), align="right")


def change_text(result: IndicatorResult) -> str:
    """'−0.3 (improving)', '+6 (up)': the change the shown figures give, and what it
    means by polarity (see ``wording.change_text``)."""
    return wording.change_text(result)


def symbol_key(results: Sequence[IndicatorResult], also: Iterable[str] = ()) -> tuple[m.Block, ...]:
    """The key under a table whose cells show GSS symbols ('c = confidential ...');
    nothing when no figure in it is missing with a reason. ``also``: symbols the table
    shows in cells of its own (a benchmark with no published figure)."""
    used = {r.symbol for r in results if r.symbol} | set(also)
    used |= {c.symbol for r in results for c in r.comparators if c.symbol}
    if not used:
        return ()
    text = f"Key: {vocabulary.symbol_key(sorted(used))}."
    return (m.Paragraph(m.inlines(m.Text(text, italic=True)), style="small", numbered=False),)


def headline_header(results: Sequence[IndicatorResult]) -> tuple[m.Cell, ...]:
    """Measure, this month, the month compared with ("Previous" when the measures differ),
    change, target and rating: the header every headline and scorecard table opens with."""
    first = results[0]
    previous = (
        vocabulary.fmt_period(first.previous_period)
        if first.previous_period and len({r.previous_period for r in results}) == 1
        else "Previous"
    )
    return (
        m.cell("Measure"),
        m.cell(vocabulary.fmt_period(first.period), align="right"),
        m.cell(previous, align="right"),
        m.cell("Change", align="right"),
        m.cell("Target", align="right"),
        m.cell("Rating", align="center"),
    )


def benchmark_cell(result: IndicatorResult, kind: str) -> tuple[m.Cell, str]:
    """(the cell, the GSS symbol it shows or ""). A published figure by the measure's unit
    and decimals; a missing one keeps the symbol it was published with, else ``z`` for a
    count (no authority's count compares with England's) or ``x`` (nothing published)."""
    value = {"england": result.england, "region": result.region}.get(kind, result.neighbours_avg)
    if value is not None:
        text = vocabulary.fmt_value(value, result.unit, result.decimals)
        return m.cell(text, align="right", value=value), ""
    published = next((c.symbol for c in result.comparators if c.kind == kind and c.symbol), "")
    symbol = published or ("z" if result.unit == "count" else "x")
    return m.cell(symbol, align="right"), symbol
