"""The performance surgery's four graphs, each introduced by sentences computed from it.

Graph one is the monthly trend against target with the counts behind the rate; graph two
the council against its comparators; graphs three and four every council on two
measures (deprivation, then a second indicator) with the line of best fit. The Derby paper's
author wrote the scatter commentary by hand ("there are three instances (out of 11) where
comparators have lower rates ... despite higher levels of poverty"); here it is computed
from the very points the chart plots, so words and picture cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose.content import author_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.kpi import label_for
from reportgen.compose.spec import ChartItem
from reportgen.compose.surgery import (
    measure,
    para,
    surgery_of,
    value_text,
)
from reportgen.compose.surgery_analysis import ranking_sentence
from reportgen.compose.template import SectionDef
from reportgen.compose.wording import display_unit
from reportgen.indicators.fit import Point, Scatter, fit
from reportgen.indicators.result import IndicatorResult

GRAPH_WORDS = ("one", "two", "three", "four")
#: IDACI scores are the proportion of children in income-deprived families: shown in %.
DEPRIVATION_LABEL = "Children in income-deprived families (IDACI, %)"
DEPRIVATION_SOURCE = "English indices of deprivation: income deprivation affecting children (IDACI)"


def _finite(value: Any) -> float | None:
    return None if value is None or math.isnan(float(value)) else float(value)


def scatter_points(ctx: ComposeContext, y_id: str, x_id: str | None) -> list[Point]:
    """All councils' published figures (benchmark year of the report's period)."""
    data = ctx.data_for("the surgery's scatter graphs")
    ys = data.councils(y_id, period=ctx.spec.period)
    if x_id is None:
        xs = {row.code: _finite(row.deprivation) for row in ys}
        xs = {code: None if v is None else v * 100 for code, v in xs.items()}
    else:
        xs = {row.code: _finite(row.value) for row in data.councils(x_id, period=ctx.spec.period)}
    points = []
    for row in ys:
        x, y = xs.get(row.code), _finite(row.value)
        if x is not None and y is not None:
            kind = "council" if row.own else "neighbour" if row.neighbour else "other"
            points.append((str(row.name), x, y, kind))
    return points


def scatter_sentences(
    s: Scatter,
    x_words: str,
    y_words: str,
    y_unit: fmt.UnitLike,
    higher_x: str,
    polarity: str = "neutral",
) -> list[str]:
    """What the scatter shows; ``higher_x`` is e.g. 'higher deprivation'. The council's
    place is counted the way its rank is (from the best end: 'the fifth lowest' for a
    measure where lower is better), so the paper never switches direction."""
    from reportgen.charts.alttext import strength  # the chart's own words for r

    council = next((p for p in s.points if p[3] == "council"), None)
    neighbours = [p for p in s.points if p[3] == "neighbour"]
    out = [
        f"Across the {len(s.points)} councils with both figures there is a "
        f"{strength(s.r)} relationship between {x_words} and {y_words} "
        f"(r = {fmt.fmt_number(s.r, 2)})."
    ]
    if council is None:
        return out
    name, cx, cy, _ = council
    side = "above" if cy > s.predict(cx) else "below"
    above = sum(1 for p in neighbours if p[2] > s.predict(p[1]))
    out.append(
        f"{name} sits {side} the line of best fit: its {y_words} is "
        f"{value_text(cy, y_unit)} where the line predicts "
        f"{value_text(s.predict(cx), y_unit)}. {fmt.number_word(above).capitalize()} "
        f"of its {fmt.number_word(len(neighbours))} statistical neighbours "
        f"{'is' if above == 1 else 'are'} above the line."
    )
    end = "lowest" if polarity == "lower" else "highest"
    place = 1 + sum(1 for p in neighbours if (p[2] < cy if end == "lowest" else p[2] > cy))
    tied = any(p[2] == cy for p in neighbours)
    lower_despite = sum(1 for p in neighbours if p[2] < cy and p[1] > cx)
    out.append(
        f"Among the council and its neighbours its {y_words} is "
        f"{fmt.position(place, end, tied)}; "
        f"{fmt.number_word(lower_despite)} of the neighbours "
        f"{'has' if lower_despite == 1 else 'have'} a lower {y_words} despite "
        f"{higher_x}."
    )
    return out


def trim_data_table(figure: m.Figure) -> m.Figure:
    """Print the council and its neighbours in the data table: 150 rows of other councils
    would run to pages, and they are all in the benchmarks file."""
    table = figure.data_table
    if table is None:
        return figure
    kept = tuple(
        row
        for row in table.rows
        if any(c.text in ("Council", "Statistical neighbour") for c in row)
    )
    if not kept or len(kept) == len(table.rows):
        return figure
    caption = (
        f"{table.caption or 'Data'} (the council and its statistical neighbours; "
        f"the other {len(table.rows) - len(kept)} councils are plotted)"
    )
    return replace(figure, data_table=replace(table, rows=kept, caption=caption))


def graph_section(number: int, title: str, lead: list[str], figure: m.Figure) -> m.Section:
    """'Graph one – …' as the Derby performance surgery paper names them; composition numbers the
    figures."""
    return m.Section(
        f"Graph {GRAPH_WORDS[number - 1]} \u2013 {title}", (*(para(s) for s in lead), figure)
    )


def label(ctx: ComposeContext, r: IndicatorResult) -> str:
    return label_for(ctx, r)


def trend_lead(r: IndicatorResult) -> list[str]:
    fy_start = f"{r.financial_year[:4]}-04" if r.financial_year else ""
    this_year = [v for p, v in r.series if p >= fy_start and v is not None]
    lead = [
        "Monthly figures against the annual target, with the number each month in the "
        f"panel below. The latest figure is {value_text(r.value, display_unit(r))}."
    ]
    if r.value is not None and len(this_year) > 1:
        year = fmt.so_far(r.period, r.financial_year)
        if r.value >= max(this_year):
            lead.append(f"It is the highest {year}.")
        elif r.value <= min(this_year):
            lead.append(f"It is the lowest {year}.")
    return lead


def trend_graph(ctx: ComposeContext, r: IndicatorResult) -> m.Section:
    from reportgen.compose.figures import chart_figure

    figure = chart_figure(ctx, ChartItem(type="trend", indicator=r.id))
    return graph_section(1, "historical performance against target", trend_lead(r), figure)


def benchmark_graph(ctx: ComposeContext, r: IndicatorResult) -> m.Section:
    from reportgen.compose.figures import chart_figure

    # the chart's own title states where the council stands (its message); the caption
    # names the year and the comparators
    figure = chart_figure(ctx, ChartItem(type="benchmark", indicator=r.id))
    lead = [s for s in (ranking_sentence(r),) if s] or ["Published figures for each area."]
    return graph_section(2, "comparison with comparator authorities", lead, figure)


def scatter_graph(
    ctx: ComposeContext, number: int, r: IndicatorResult, x: IndicatorResult | None
) -> m.Section:
    from reportgen import charts

    y_label = label(ctx, r)
    x_label = DEPRIVATION_LABEL if x is None else label(ctx, x)
    x_words = "deprivation" if x is None else x_label.lower()
    points = scatter_points(ctx, r.id, None if x is None else x.id)
    lead = [
        "Every council with published figures: statistical neighbours are triangles and "
        f"{r.area} a labelled diamond."
    ]
    data = fit(points)
    if data is not None:
        higher_x = "higher deprivation" if x is None else f"a higher {x_words}"
        lead += scatter_sentences(
            data, x_words, y_label.lower(), display_unit(r), higher_x, r.polarity
        )
    figure = charts.scatter_chart(
        points=points,
        x_label=x_label,
        y_label=y_label,
        x_unit="percent" if x is None else display_unit(x),
        y_unit=display_unit(r),
        year=r.benchmark_year or None,
        x_year=None if x is None else x.benchmark_year or None,
    )
    figure = replace(
        figure, source=fmt.source_line([r.source, DEPRIVATION_SOURCE if x is None else x.source])
    )
    return graph_section(
        number, f"{y_label.lower()} against {x_words}", lead, trim_data_table(figure)
    )


def surgery_graphs(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    r = measure(ctx)
    compare = surgery_of(ctx).compare_with
    sections = [trend_graph(ctx, r), benchmark_graph(ctx, r), scatter_graph(ctx, 3, r, None)]
    if compare:
        sections.append(scatter_graph(ctx, 4, r, ctx.indicator(compare, "surgery.compare_with")))
    return (*sections, *author_blocks(ctx, sdef))
