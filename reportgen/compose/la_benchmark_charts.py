"""The la-benchmark report's two charts for a measure: comparators and trend.

Adapters only: they pick figures out of a ``MeasureBenchmark`` and hand plain sequences to
``reportgen.charts``. A suppressed neighbour is left off the comparator chart and the
caption says how many of the ten are shown; a missing year is a gap in the trend.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen import charts
from reportgen import model as m
from reportgen.compose.la_benchmark_text import unit_heading
from reportgen.data.ees import Authority
from reportgen.indicators.la_benchmark import MeasureBenchmark
from reportgen.vocabulary import DisplayUnit


def _polarity(mb: MeasureBenchmark) -> str:
    """The charts sort best first, and highest first for anything but "lower"; "neutral"
    also keeps "(higher is better)" off the axis of a context measure."""
    return mb.definition.polarity


def chart_unit(mb: MeasureBenchmark) -> DisplayUnit:
    """The unit the chart formats values in, with the measure's own decimals and rate base:
    a whole-number rate reads '157' as published, and its axis 'Rate per 10,000 children'."""
    ind = mb.definition
    return DisplayUnit(ind.unit, ind.decimals, ind.rate_per)


def comparator_figure(authority: Authority, mb: MeasureBenchmark) -> m.Figure:
    ind = mb.definition
    items: list[tuple[str, float | None, str]] = [(authority.name, mb.own.value, "council")]
    items += [("England", mb.england.value, "england"), (mb.region_name, mb.region.value, "region")]
    items += [
        (p.name, p.reading.value, "neighbour") for p in mb.peers if p.reading.value is not None
    ]
    items = [it for it in items if it[1] is not None]
    shown = sum(1 for it in items if it[2] == "neighbour")
    of = f" ({shown} of {len(mb.peers)} with a figure)" if shown < len(mb.peers) else ""
    caption = (
        f"{ind.label} ({unit_heading(ind)}), {mb.own.period}: {authority.name} "
        f"compared with England, {mb.region_name} and its statistical neighbours{of}"
    )
    figure = charts.benchmark_bar_chart(
        items=items,
        unit=chart_unit(mb),
        label=f"{ind.label} ({unit_heading(ind)})",
        polarity=_polarity(mb),
        caption=caption,
    )
    if ind.polarity != "neutral":
        return figure
    # the chart's words know only better/worse; a context measure is sorted by size
    return replace(
        figure, alt=figure.alt.replace("sorted best to worst ().", "sorted highest to lowest.")
    )


def trend_figure(name: str, mb: MeasureBenchmark) -> m.Figure:
    ind = mb.definition
    counts = [r.count for r in mb.trend]
    has_counts = any(c is not None for c in counts)
    caption = (
        f"{ind.label} ({unit_heading(ind)}), {name}, {mb.trend[0].period} to {mb.trend[-1].period}"
    )
    return charts.trend_chart(
        periods=[r.period for r in mb.trend],
        values=[r.value for r in mb.trend],
        unit=chart_unit(mb),
        label=f"{ind.label} ({unit_heading(ind)})",  # the caption names the area
        counts=counts if has_counts else None,
        count_label="Number of children",
        polarity=_polarity(mb),
        caption=caption,
    )
