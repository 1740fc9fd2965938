"""Chart items in a spec -> figures: the adapter between computed indicators and charts.

Charts take plain sequences and know nothing of indicators; this module picks the series,
comparators and labels out of the indicator results (and, for all-council scatters and
equality breakdowns, the engine's table functions) and hands them over.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reportgen import charts
from reportgen import model as m
from reportgen import vocabulary as vocab
from reportgen.charts import formats as chart_formats
from reportgen.compose import wording
from reportgen.compose.context import ComposeContext
from reportgen.compose.kpi import label_for
from reportgen.compose.spec import ChartItem
from reportgen.errors import SpecError
from reportgen.indicators.localities import locality_window
from reportgen.indicators.result import IndicatorResult, Polarity
from reportgen.vocabulary import DisplayUnit, fmt_period, ordinal

if TYPE_CHECKING:  # charts' modules import matplotlib: only when a chart is drawn
    from reportgen.charts.scorecard import ScorecardRow

#: How many months a trend chart shows by default: two full years and the current one.
TREND_MONTHS = 36


def shown_unit(result: IndicatorResult) -> DisplayUnit:
    """The unit a chart formats this indicator's figures with: its decimals and rate base."""
    return DisplayUnit(result.unit, result.decimals, result.rate_per)


def _caption(ctx: ComposeContext, result: IndicatorResult, what: str) -> str:
    return f"{label_for(ctx, result)} ({wording.unit_label(result, long=True)}), {what}"


def _need(ctx: ComposeContext, item: ChartItem, what: str) -> str:
    value = getattr(item, what)
    if not value:
        raise SpecError(
            f"a {item.type} chart needs `{what}:`",
            file=ctx.spec_path,
            hint=f"add {what}: <indicator id or alias> to the chart item",
        )
    return str(value)


def _trend(ctx: ComposeContext, item: ChartItem) -> m.Figure:
    result = ctx.indicator(_need(ctx, item, "indicator"), "a trend chart")
    series = result.series[-TREND_MONTHS:]
    periods = [p for p, _ in series]
    targets = dict(result.target_series)
    counts = dict(result.count_series)
    target = (
        [targets.get(p) for p in periods]
        if any(targets.get(p) is not None for p in periods)
        else None
    )
    count = [counts.get(p) for p in periods] if counts else None
    return charts.trend_chart(
        title=item.title,
        periods=periods,
        values=[v for _, v in series],
        unit=shown_unit(result),
        label=label_for(ctx, result),
        target=target,
        counts=count,
        count_label="Number of children" if count else "Number",
        polarity=result.polarity,
        caption=item.caption
        or _caption(
            ctx,
            result,
            f"{fmt_period(periods[0])} to {fmt_period(periods[-1])}"
            + (", with target" if target else ""),
        ),
    )


def _benchmark(ctx: ComposeContext, item: ChartItem) -> m.Figure:
    result = ctx.indicator(_need(ctx, item, "indicator"), "a benchmark chart")
    # a neighbour without a published figure stays in: the chart leaves its bar out and
    # the alt text and data table say it has no figure
    items = [(c.name, c.value, c.kind) for c in result.comparators]
    if all(v is None for _, v, _ in items):
        items = []
    if not items and ctx.data is not None and result.area != ctx.data.whole_area:
        return _localities(ctx, item, result)
    if not items:
        raise SpecError(
            f"no benchmark figures for '{result.id}' to chart",
            file=ctx.spec_path,
            hint="benchmark charts need rows for the indicator in benchmarks.csv",
        )
    year = f", {result.benchmark_year}" if result.benchmark_year else ""
    caption = item.caption or _caption(
        ctx,
        result,
        f"{ctx.spec.council} compared with England, the region and statistical neighbours{year}",
    )
    return charts.benchmark_bar_chart(
        title=item.title,
        items=items,
        unit=shown_unit(result),
        label=label_for(ctx, result),
        polarity=result.polarity,
        caption=caption,
    )


def _localities(ctx: ComposeContext, item: ChartItem, result: IndicatorResult) -> m.Figure:
    """A locality has no published benchmarks: compare it with the other localities and
    the whole council instead."""
    data = ctx.data_for("a locality comparison chart")
    rows = [(a.area, a.value) for a in data.areas(result.id, ctx.spec.period)]
    whole = data.whole_area
    rows, note = _locality_window(rows, result.area, whole, result.polarity)
    period = fmt_period(ctx.spec.period)
    title = item.title or (
        f"{label_for(ctx, result)}, {period}: {result.area} "
        f"{wording.value_text(result, with_unit=True)}"
    )
    return charts.bar_breakdown_chart(
        title=title,
        categories=[a for a, _ in rows],
        values=[v for _, v in rows],
        unit=shown_unit(result),
        label=f"{label_for(ctx, result)}, {period}",
        highlight=result.area,
        caption=item.caption or _caption(ctx, result, f"by locality, {period}{note}"),
    )


#: Beyond this many localities a chart of them all is unreadable (and slow to draw): show
#: the whole council, the best and worst, and the localities ranked nearest this one.
MAX_LOCALITY_BARS = 15


def _locality_window(
    rows: list[tuple[str, float | None]], area: str, whole: str | None, polarity: Polarity
) -> tuple[list[tuple[str, float | None]], str]:
    """The bars to draw for ``area`` among its sibling localities, and a caption note.

    The engine chooses the bars (``indicators.localities``): up to ``MAX_LOCALITY_BARS``
    in the given order, else the two best, the two worst and the ranks around ``area``;
    the caption then says where it ranks, so the reader is not left to count bars.
    """
    window = locality_window(rows, area, whole, polarity, MAX_LOCALITY_BARS)
    if window.rank is None:
        return list(window.rows), ""
    note = (
        f"; {area} ranks {ordinal(window.rank)} of {window.of} localities "
        f"({'highest first' if polarity == 'neutral' else 'best first'}), "
        "the chart shows the two best, the two worst and those ranked nearest"
    )
    return list(window.rows), note


def _finite(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _scatter(ctx: ComposeContext, item: ChartItem) -> m.Figure:
    """All councils: the indicator (y) against deprivation or a second indicator (x)."""
    y_result = ctx.indicator(item.y or _need(ctx, item, "indicator"), "a scatter chart")
    period = ctx.spec.period
    data = ctx.data_for("a scatter chart")
    ys = data.councils(y_result.id, period=period)
    if item.x in (None, "deprivation"):
        # IDACI score as a share: the % of children living in income-deprived families
        x_label = "Children in income-deprived families (IDACI)"
        x_unit: str | DisplayUnit = "percent"
        xs = {row.code: None if (d := _finite(row.deprivation)) is None else d * 100 for row in ys}
    else:
        x_result = ctx.indicator(str(item.x), "a scatter chart")
        xs = {row.code: _finite(row.value) for row in data.councils(x_result.id, period=period)}
        x_label, x_unit = label_for(ctx, x_result), shown_unit(x_result)
    points = [
        (
            str(row.name),
            xs.get(row.code),
            _finite(row.value),
            "council" if row.own else "neighbour" if row.neighbour else "other",
        )
        for row in ys
    ]
    return charts.scatter_chart(
        title=item.title,
        points=points,
        x_label=x_label,
        y_label=label_for(ctx, y_result),
        x_unit=x_unit,
        y_unit=shown_unit(y_result),
        caption=item.caption,
    )


def _breakdown(ctx: ComposeContext, item: ChartItem) -> m.Figure:
    result = ctx.indicator(_need(ctx, item, "indicator"), "a breakdown chart")
    dimension = _need(ctx, item, "dimension")
    rows = ctx.data_for("a breakdown chart").breakdown(
        result.id, ctx.spec.period, ctx.results.area, dimension
    )
    if not rows:
        raise SpecError(
            f"no '{dimension}' breakdown for '{result.id}' in {ctx.spec.period}",
            file=ctx.spec_path,
            hint="check breakdowns.csv for that indicator, period and dimension",
        )
    words = dimension.replace("_", " ")
    return charts.bar_breakdown_chart(
        title=item.title,
        categories=[r.category for r in rows],
        values=[r.share_pct for r in rows],
        unit="percent",
        label=f"{label_for(ctx, result)} by {words}: share of children",
        caption=item.caption,
    )


def scorecard_rows(ctx: ComposeContext, results: Sequence[IndicatorResult]) -> list[ScorecardRow]:
    return [
        (label_for(ctx, r), wording.value_text(r, with_unit=True), r.brag or "", r.direction or "")
        for r in results
    ]


def _scorecard(ctx: ComposeContext, item: ChartItem) -> m.Figure:
    names = item.indicators or ([item.indicator] if item.indicator else [])
    if not names:
        raise SpecError(
            "a scorecard chart needs `indicators:`",
            file=ctx.spec_path,
            hint="list the indicator ids or aliases to show",
        )
    results = [ctx.indicator(n, "a scorecard chart") for n in names]
    return charts.rating_scorecard_chart(
        title=item.title, rows=scorecard_rows(ctx, results), caption=item.caption
    )


CHARTS = {
    "trend": _trend,
    "benchmark": _benchmark,
    "scatter": _scatter,
    "breakdown": _breakdown,
    "scorecard": _scorecard,
}


def chart_figure(ctx: ComposeContext, item: ChartItem) -> m.Figure:
    """The chart, with a source line from its indicators' ``source`` (issue 19)."""
    figure = CHARTS[item.type](ctx, item)
    if chart_formats.pictures_wanted():  # Word's PNG made while the rest is composed
        from reportgen.render import raster

        raster.start_ahead(raster.images_in(figure))
    return replace(figure, source=figure.source or chart_source(ctx, item))


def chart_source(ctx: ComposeContext, item: ChartItem) -> str | None:
    names = [
        n for n in (item.indicator, item.y, item.x, *item.indicators) if n and n != "deprivation"
    ]
    sources = [
        ctx.results[key].source for n in names if (key := ctx.spec.aliases.get(n, n)) in ctx.results
    ]
    return vocab.source_line(sources)
