"""The board scorecard (after the corporate parenting board's): two or three pages of KPIs
grouped by theme.

A corporate parenting board reads the scorecard at a glance: for each theme (demand,
permanency, placement stability, health and education, quality, care leavers) a row per
measure with its latest value, the previous month, the change, the target, the rating in
words and colour, the latest published benchmarks (England, the region, the statistical
neighbour average, headed with their year) and a sparkline of the last year; then who the
children in care are (gender, ethnicity, age band).

Themes are data. A section of the template whose builtin is ``scorecard_theme`` shows the
indicators whose definition has that theme (``theme:`` in indicators.yaml; the section id
is the theme, spaces written as underscores), in the order of the definitions, unless the
spec's ``scorecard.themes`` lists them for that theme. A council adds a theme by adding a
section to template.yaml.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose.content import author_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.kpi import (
    benchmark_cell,
    change_text,
    figure,
    headline_header,
    label_for,
    measure_label,
    symbol_key,
)
from reportgen.compose.plugin import ReportType
from reportgen.compose.spec import BoardScorecard
from reportgen.compose.tables import rating_cell, table_source
from reportgen.compose.template import SectionDef
from reportgen.compose.wording import display_unit
from reportgen.errors import SpecError
from reportgen.indicators.result import IndicatorResult

SPARKLINE_MM = (12.0, 6.0)
#: The benchmark columns, in order, by comparator kind.
BENCHMARK_WORDS = {"england": "England", "region": "Region", "neighbour": "Neighbour average"}
DIMENSION_WORDS = {"age_band": "age band", "time_in_care": "time in care"}


def scorecard_of(ctx: ComposeContext) -> BoardScorecard:
    return ctx.spec.scorecard or BoardScorecard()


def theme_key(theme: str) -> str:
    """'placement stability' -> 'placement_stability': how a theme names a section."""
    return "_".join(theme.strip().lower().split())


def _definitions(ctx: ComposeContext) -> dict[str, object]:
    return dict(ctx.data.definitions) if ctx.data is not None else {}


def theme_results(ctx: ComposeContext, theme: str) -> list[IndicatorResult]:
    """The indicators shown under ``theme``: the spec's list, else by definition theme."""
    chosen = scorecard_of(ctx).themes.get(theme)
    if chosen is not None:
        return [ctx.indicator(name, f"scorecard.themes.{theme}") for name in chosen]
    ids = [
        ident
        for ident, d in _definitions(ctx).items()
        if theme_key(str(getattr(d, "theme", ""))) == theme and ident in ctx.results
    ]
    if not ids:
        known = sorted(
            {theme_key(str(getattr(d, "theme", ""))) for d in _definitions(ctx).values()} - {""}
        )
        raise SpecError(
            f"no indicators have the theme '{theme}'",
            file=ctx.template_dir / "template.yaml",
            hint=f"themes in the indicator definitions: {', '.join(known)}; or "
            f"list indicators under scorecard: themes: {theme}: in the spec",
        )
    return [ctx.results[i] for i in ids]


# ------------------------------------------------------------------ cover


def scorecard_cover(ctx: ComposeContext, summary: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """A compact heading: the board, the date and what each row shows (no page break)."""
    spec = ctx.spec
    lines = []
    if spec.meeting:
        lines.append(f"{spec.meeting.committee} \u2013 {fmt.fmt_date(spec.meeting.date)}")
    months = fmt.number_word(scorecard_of(ctx).months)
    lines.append(
        f"Position at the end of {fmt.fmt_period(spec.period)}. Each measure shows "
        "its latest value, the previous month, the change, its target, its rating "
        f"against target (in words and colour), {benchmark_words(ctx)} and its trend "
        f"over {months} months. Figures are rounded for display; each change is worked "
        "out from the figures as shown."
    )
    blocks = [
        m.Paragraph(m.inlines(line), style="cover-meta" if i == 0 else "small", numbered=False)
        for i, line in enumerate(lines)
    ]
    return (m.Section(spec.title, (*blocks, *summary), anchor="cover"),)


def benchmark_words(ctx: ComposeContext) -> str:
    """'the latest published benchmarks (2015/16) for England, Yorkshire and the Humber
    (our region) and the average of our statistical neighbours'."""
    shown = list(ctx.results.values())
    years = ", ".join(sorted({r.benchmark_year for r in shown if r.benchmark_year}))
    region = next((r.region_name for r in shown if r.region_name), None)
    where = f"{region} (our region)" if region else "our region"
    when = f" ({years})" if years else ""
    return (
        f"the latest published benchmarks{when} for England, {where} and the average "
        "of our statistical neighbours"
    )


# ------------------------------------------------------------------ theme tables


def sparkline_cell(ctx: ComposeContext, result: IndicatorResult) -> m.Cell:
    """The last months of the series as a sparkline, its alt text naming the measure."""
    from reportgen.charts import sparkline  # matplotlib: import on use

    series = [(p, v) for p, v in result.series[-scorecard_of(ctx).months :]]
    if not series:
        return m.cell("No data", align="center")
    figure = sparkline(
        periods=[p for p, _ in series],
        values=[v for _, v in series],
        unit=display_unit(result),
        label=label_for(ctx, result),
        size=SPARKLINE_MM,
    )
    return m.Cell(
        (), align="center", image=figure.image, alt=f"{label_for(ctx, result)}: {figure.alt}"
    )


def benchmark_header(results: Sequence[IndicatorResult]) -> tuple[m.Cell, ...]:
    """England, region and neighbours, each with the published year the figures are for
    ("England 2015/16"): a reader must not take a 2015/16 figure for this month's."""
    years = ", ".join(sorted({r.benchmark_year for r in results if r.benchmark_year}))
    suffix = f" {years}" if years else ""
    return tuple(m.cell(f"{word}{suffix}", align="right") for word in BENCHMARK_WORDS.values())


def _row(ctx: ComposeContext, r: IndicatorResult) -> tuple[tuple[m.Cell, ...], set[str]]:
    marks = [benchmark_cell(r, kind) for kind in BENCHMARK_WORDS]
    cells = (
        m.cell(measure_label(ctx, r)),
        figure(r),
        figure(r, "previous"),
        m.cell(change_text(r), align="right"),
        figure(r, "target"),
        rating_cell(r.brag),
        *(cell for cell, _ in marks),
        sparkline_cell(ctx, r),
    )
    return cells, {symbol for _, symbol in marks if symbol}


def theme_table(
    ctx: ComposeContext, results: Sequence[IndicatorResult], title: str
) -> tuple[m.Table, set[str]]:
    """The theme's table and the GSS symbols its benchmark cells show (for the key)."""
    months = fmt.number_word(scorecard_of(ctx).months)
    header = (
        *headline_header(results),
        *benchmark_header(results),
        m.cell(f"Trend, {months} months", align="center"),
    )
    built = [_row(ctx, r) for r in results]
    table = m.Table(
        header=header,
        rows=tuple(cells for cells, _ in built),
        row_headers=True,
        style="board-scorecard",
        caption=f"{title}: {fmt.fmt_period(results[0].period)}",
        widths=(13, 8.5, 10.5, 13.5, 7.5, 9, 9.5, 8.5, 11, 9),
        source=table_source(results),
    )
    return table, set().union(*(symbols for _, symbols in built))


def scorecard_theme(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """One theme's measures as a scorecard table, then the author's commentary."""
    results = theme_results(ctx, sdef.id)
    table, symbols = theme_table(ctx, results, sdef.title)
    table = replace(table, source=_new_sources(ctx, sdef, results))
    return (table, *symbol_key(results, symbols), *author_blocks(ctx, sdef))


def _new_sources(ctx: ComposeContext, sdef: SectionDef, results: Sequence[IndicatorResult]) -> str:
    """The theme table's source line naming only what no earlier theme table named:
    the scorecard is kept to two pages, and a member reads each source once."""
    earlier: list[IndicatorResult] = []
    for other in ctx.template.sections:
        if other.id == sdef.id:
            break
        if other.builtin == "scorecard_theme":
            earlier += theme_results(ctx, other.id)
    named = set(fmt.source_parts([r.source for r in earlier]))
    fresh = [s for s in fmt.source_parts([r.source for r in results]) if s not in named]
    return fmt.source_line(fresh) or fmt.SOURCE_AS_ABOVE


# ------------------------------------------------------------------ demographics


def dimension_words(dimension: str) -> str:
    return DIMENSION_WORDS.get(dimension, dimension.replace("_", " "))


def breakdown_rows(
    ctx: ComposeContext, indicator: str, dimension: str
) -> list[tuple[str, float, float]]:
    """(category, count, share in percent) in file order, from the engine's breakdown."""
    rows = ctx.data_for("scorecard.breakdowns").breakdown(
        indicator, ctx.spec.period, ctx.results.area, dimension
    )
    return [
        (r.category, r.count, float("nan") if r.share_pct is None else r.share_pct) for r in rows
    ]


def breakdown_table(
    dimension: str,
    rows: list[tuple[str, float, float]],
    subject: str,
    period: str,
    source: str | None = None,
) -> m.Table:
    words = dimension_words(dimension)
    header = (
        m.cell(words.capitalize()),
        m.cell("Number", align="right"),
        m.cell("Share", align="right"),
    )
    body = tuple(
        (
            m.cell(cat),
            m.cell(fmt.fmt_count(n), align="right"),
            m.cell(fmt.fmt_percent(share), align="right"),
        )
        for cat, n, share in rows
    )
    return m.Table(
        header=header,
        rows=body,
        row_headers=True,
        style="breakdown",
        caption=f"{subject} by {words}, {fmt.fmt_period(period)}",
        widths=(50, 25, 25),
        source=source,
    )


def largest_groups(found: dict[str, list[tuple[str, float, float]]]) -> str:
    """'by gender, Male (56.2%); by ethnicity, White British (79.9%)'."""
    parts = []
    for dimension, rows in found.items():
        if rows:
            cat, _, share = max(rows, key=lambda row: row[2])
            parts.append(f"by {dimension_words(dimension)}, {cat} ({fmt.fmt_percent(share)})")
    return "; ".join(parts)


def scorecard_demographics(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """Who the children are: a sentence naming the largest groups, a small table for
    each dimension, then the author's commentary."""
    card = scorecard_of(ctx)
    result = ctx.indicator(card.breakdown_indicator, "scorecard.breakdown_indicator")
    subject = label_for(ctx, result)
    found = {d: breakdown_rows(ctx, result.id, d) for d in card.breakdowns}
    total = sum(n for _, n, _ in next(iter(found.values()), []))
    lead = (
        f"Of the {fmt.fmt_count(total)} {subject.lower()} at the end of "
        f"{fmt.fmt_period(ctx.spec.period)}, the largest groups were: "
        f"{largest_groups(found)}."
    )
    source = table_source([result])
    tables = tuple(
        breakdown_table(d, rows, subject, ctx.spec.period, source) for d, rows in found.items()
    )
    return (m.Paragraph(m.inlines(lead)), *tables, *author_blocks(ctx, sdef))


# ------------------------------------------------------------------ rating key


def _tolerances(ctx: ComposeContext) -> tuple[float, float, dict[str, float]]:
    """(usual amber %, usual blue %, {measure: amber %} for the exceptions) over the
    indicators the scorecard shows."""
    from reportgen.data.dataset import Tolerance

    shown: list[IndicatorResult] = []
    for sdef in ctx.template.sections:
        if sdef.builtin == "scorecard_theme":
            shown += theme_results(ctx, sdef.id)
    defs = _definitions(ctx)
    tols = {
        label_for(ctx, r): getattr(defs.get(r.id), "tolerance", None) or Tolerance()
        for r in shown
        if r.target is not None
    }
    if not tols:
        return Tolerance().amber_pct, Tolerance().blue_pct, {}
    amber = Counter(t.amber_pct for t in tols.values()).most_common(1)[0][0]
    blue = Counter(t.blue_pct for t in tols.values()).most_common(1)[0][0]
    others = {name: t.amber_pct for name, t in tols.items() if t.amber_pct != amber}
    return amber, blue, others


def rating_key(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """What each rating means, with the tolerances of the measures on this scorecard."""
    amber, blue, others = _tolerances(ctx)
    exceptions = "".join(
        f"; {fmt.fmt_number(pct, 0)}% for {name}" for name, pct in sorted(others.items())
    )
    rows = (
        (
            rating_cell("blue"),
            m.cell(f"Target beaten by {fmt.fmt_number(blue, 0)}% of the target or more"),
        ),
        (rating_cell("green"), m.cell("Target met")),
        (
            rating_cell("amber"),
            m.cell(
                f"Target missed by {fmt.fmt_number(amber, 0)}% of the target or less{exceptions}"
            ),
        ),
        (rating_cell("red"), m.cell("Target missed by more than that")),
        (m.cell("Not rated", align="center"), m.cell("No target is set for the measure")),
    )
    table = m.Table(
        header=(m.cell("Rating", align="center"), m.cell("Meaning")),
        rows=rows,
        row_headers=True,
        caption="Rating key",
        widths=(18, 82),
        style="key",
    )
    return (table, *author_blocks(ctx, sdef))


#: The board scorecard: its cover and computed sections.
REPORT_TYPE = ReportType(
    name="board-scorecard",
    covers={"scorecard": scorecard_cover},
    builtins={
        "scorecard_theme": scorecard_theme,
        "scorecard_demographics": scorecard_demographics,
        "rating_key": rating_key,
    },
)
