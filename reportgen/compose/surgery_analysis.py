"""The performance surgery's equalities breakdowns and benchmarking, in computed words.

Each sentence here is computed from the data, so it stays true when the period changes:
the largest group in each breakdown, the rank among statistical neighbours, the quartile
and the region, and how England and the council moved over the published years.
"""

from __future__ import annotations

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import regional, wording
from reportgen.compose.content import author_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.surgery import (
    definition_of,
    measure,
    para,
    surgery_of,
    value_text,
)
from reportgen.compose.tables import table_source
from reportgen.compose.template import SectionDef
from reportgen.compose.wording import display_unit
from reportgen.errors import ReportgenError, SpecError
from reportgen.indicators.report_data import BreakdownRow
from reportgen.indicators.result import IndicatorResult, percent_difference

DIMENSIONS = {
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "age_band": "Age band",
    "time_in_care": "Length of time in care",
    "disability": "Disability",
}


def dimension_title(dimension: str) -> str:
    return DIMENSIONS.get(dimension, dimension.replace("_", " ").capitalize())


# ------------------------------------------------------------------ equalities


def breakdown_indicator(ctx: ComposeContext) -> str:
    """The spec's choice, else the count a rate is built from (children, not a rate)."""
    surgery = surgery_of(ctx)
    if surgery.breakdown_indicator:
        return ctx.indicator(surgery.breakdown_indicator, "surgery.breakdown_indicator").id
    result = measure(ctx)
    numerator = getattr(definition_of(ctx, result.id), "numerator", None)
    return str(numerator or result.id)


def breakdown_rows(ctx: ComposeContext, indicator_id: str, dimension: str) -> list[BreakdownRow]:
    try:
        rows = ctx.data_for("surgery.breakdowns").breakdown(
            indicator_id, ctx.spec.period, ctx.results.area, dimension
        )
    except ReportgenError as exc:
        raise SpecError(
            f"surgery.breakdowns: {exc}",
            file=ctx.spec_path,
            hint="list only dimensions the breakdowns file has for this indicator and period",
        ) from None
    return list(rows)


def breakdown_block(ctx: ComposeContext, indicator_id: str, dimension: str) -> m.Section:
    rows = breakdown_rows(ctx, indicator_id, dimension)
    caption = f"{ctx.indicator(indicator_id).title}, {fmt.fmt_period(ctx.spec.period)},"
    title = dimension_title(dimension)
    total = sum(float(r.count) for r in rows)
    body = tuple(
        (
            m.cell(str(r.category)),
            m.cell(fmt.fmt_count(r.count), align="right"),
            m.cell(fmt.fmt_percent(r.share_pct), align="right"),
        )
        for r in rows
    )
    body += (
        (
            m.Cell(m.inlines(m.Text("Total", bold=True))),
            m.cell(fmt.fmt_count(total), align="right"),
            m.cell(fmt.fmt_percent(100.0 if total else None), align="right"),
        ),
    )
    table = m.Table(
        header=(m.cell(title), m.cell("Number", align="right"), m.cell("Share", align="right")),
        rows=body,
        caption=f"{caption} by {title.lower()}",
        row_headers=True,
        widths=(50, 25, 25),
        style="breakdown",
        source=table_source([ctx.indicator(indicator_id)]),
    )
    largest = max(rows, key=lambda r: float(r.count)) if rows else None
    blocks: list[m.Block] = []
    if largest is not None and total:
        blocks.append(
            para(
                f"Largest group: {largest.category}, "
                f"{fmt.fmt_count(largest.count)} of {fmt.fmt_count(total)} "
                f"({fmt.fmt_percent(largest.share_pct)})."
            )
        )
    return m.Section(f"By {title.lower()}", (*blocks, table))


def surgery_equalities(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    indicator_id = breakdown_indicator(ctx)
    what = ctx.indicator(indicator_id, "surgery.breakdown_indicator")
    dimensions = surgery_of(ctx).breakdowns
    if not dimensions:
        return author_blocks(ctx, sdef)
    intro = para(
        f"{what.title} at the end of {fmt.fmt_period(ctx.spec.period)}, by "
        f"{', '.join(dimension_title(d).lower() for d in dimensions)}."
    )
    return (
        intro,
        *(breakdown_block(ctx, indicator_id, d) for d in dimensions),
        *author_blocks(ctx, sdef),
    )


# ------------------------------------------------------------------ benchmarking


def relative(value: float | None, other: float | None, decimals: int = 1) -> str | None:
    """'33.5% higher than' / '2.0% lower than' / 'the same as', worked out from the two
    figures as printed (``decimals``), so a reader's own sum agrees."""
    pct = percent_difference(fmt.shown(value, decimals), fmt.shown(other, decimals))
    if pct is None:
        return None
    if fmt.fmt_percent(abs(pct)) == fmt.fmt_percent(0):
        return "the same as"
    return f"{fmt.fmt_percent(abs(pct))} {'higher' if pct > 0 else 'lower'} than"


def ranking_sentence(r: IndicatorResult) -> str | None:
    """Rank among the council and its neighbours, and the national quartile explained."""
    best = "highest" if r.polarity == "neutral" else "best"
    parts = []
    if r.rank and r.rank_of:
        parts.append(
            f"ranks {fmt.rank_text(r.rank, r.rank_of, r.rank_tied)} among the "
            f"council and its statistical neighbours (1st = {best})"
        )
    if r.quartile:
        where = (
            f", {fmt.rank_text(r.rank_all, r.rank_all_of, r.rank_all_tied)}"
            if r.rank_all and r.rank_all_of
            else ""
        )
        parts.append(f"is in {fmt.quartile_words(r.quartile, r.polarity)} in England{where}")
    if not parts:
        return None
    return f"{r.area} {' and '.join(parts)} ({r.benchmark_year})."


def region_sentence(r: IndicatorResult) -> str | None:
    if r.region_better is None or r.region_worse is None or not r.region_name:
        return None
    where = fmt.region_words(r.region_name)
    if r.polarity == "neutral":
        return f"In {where}, the council's figure is {regional.regional_counts(r)}."
    return (
        f"In {where}, {fmt.how_many(r.region_worse, 'authority', 'authorities')} "
        f"{'performs' if r.region_worse == 1 else 'perform'} more poorly and "
        f"{fmt.how_many(r.region_better, 'authority', 'authorities')} better."
    )


def _series(ctx: ComposeContext, r: IndicatorResult, kind: str) -> list[tuple[str, float]]:
    """Published figures by year for England ('england') or the council ('own')."""
    if ctx.data is None:
        return []
    return list(ctx.data.published(r.id, "england" if kind == "england" else "own"))


def change_sentence(ctx: ComposeContext, r: IndicatorResult) -> str | None:
    """How England and the council moved over the published years (the Derby surgery paper's 'an
    increase of 2 percent nationally ... Derby's figure had increased by 10%')."""
    england, own = _series(ctx, r, "england"), _series(ctx, r, "own")
    if len(england) < 2 or len(own) < 2:
        return None

    def moved(series: list[tuple[str, float]]) -> str:
        (y0, v0), (y1, v1) = series[0], series[-1]
        unit = display_unit(r)
        if fmt.fmt_value(v0, unit) == fmt.fmt_value(v1, unit):
            return f"stayed at {value_text(v1, unit)} from {y0} to {y1}"
        s0, s1 = fmt.shown(v0, r.decimals), fmt.shown(v1, r.decimals)
        pct = (s1 - s0) / abs(s0) * 100 if s0 and s1 is not None else None
        return (
            f"went from {value_text(v0, unit)} in {y0} to {value_text(v1, unit)} in "
            f"{y1} ({fmt.fmt_signed_percent(pct)})"
        )

    return f"Nationally the figure {moved(england)}; the council's own {moved(own)}."


def benchmark_sentences(ctx: ComposeContext, r: IndicatorResult) -> list[str]:
    own = r.council_benchmark if r.council_benchmark is not None else r.value
    if r.benchmark_year is None:
        return ["There are no published comparator figures for this measure."]
    first = (
        f"In {r.benchmark_year}, the latest published year, {r.area}'s figure was "
        f"{value_text(own, display_unit(r))}"
    )
    unit, dp = display_unit(r), r.decimals
    neighbours = wording.neighbours_words(r).replace(f" ({r.benchmark_year})", "")
    comparisons = [
        f"{text} England ({value_text(r.england, unit)})"
        for text in [relative(own, r.england, dp)]
        if text
    ]
    comparisons += [
        f"{text} {neighbours} ({value_text(r.neighbours_avg, unit)})"
        for text in [relative(own, r.neighbours_avg, dp)]
        if text
    ]
    if r.region is not None and r.region_name:
        comparisons += [
            f"{text} the {r.region_name} average ({value_text(r.region, unit)})"
            for text in [relative(own, r.region, dp)]
            if text
        ]
    sentences = [first + (": " + ", ".join(comparisons) if comparisons else "") + "."]
    sentences += [
        s for s in (ranking_sentence(r), region_sentence(r), change_sentence(ctx, r)) if s
    ]
    return sentences


def surgery_benchmarking(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    r = measure(ctx)
    blocks = [para(s) for s in benchmark_sentences(ctx, r)]
    if r.polarity == "neutral":
        blocks.append(
            para(
                "This is a measure of context (demand): a higher or lower figure "
                "is not better or worse in itself.",
                "small",
            )
        )
    else:
        blocks.append(para(f"For this measure a {r.polarity} figure is better.", "small"))
    return (*blocks, *author_blocks(ctx, sdef))
