"""The la-benchmark report: one authority against England, its region and its neighbours.

In the style of LG Inform's children's services reports and the DfE's LAIT: a headline
table of every measure (the authority's latest figure with its count, England, the
region, the statistical-neighbour average, rank and quartile), then a page per measure
with computed commentary, the five-year trend and, for the measures the spec charts, a
comparator chart and a trend chart; then the neighbours, and the sources with the Open
Government Licence attribution. Every figure comes from the published EES files through
``reportgen.indicators.la_benchmark``; nothing here computes a figure.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import la_benchmark_text as words
from reportgen.compose.context import ComposeContext
from reportgen.compose.plugin import ReportType
from reportgen.compose.template import SectionDef
from reportgen.data.ees import EesDataset
from reportgen.errors import SpecError
from reportgen.indicators.la_benchmark import (
    AuthorityBenchmark,
    MeasureBenchmark,
    benchmark_authority,
)
from reportgen.symbols import SYMBOLS


def report_year(ctx: ComposeContext) -> int:
    """The year a report is for: the period's year (2025-03: the year to March 2025)."""
    return int(ctx.spec.period[:4])


def ees_dataset(ctx: ComposeContext) -> EesDataset:
    """The published files' mapping and authorities (names, neighbours, sources): the
    one report type that reads its dataset's metadata rather than only typed results."""
    dataset = ctx.data.published_files() if ctx.data is not None else None
    if not isinstance(dataset, EesDataset):
        raise SpecError(
            "the la-benchmark template needs EES data",
            file=ctx.spec_path,
            column="data",
            hint="point data: at a folder with ees.yaml, e.g. ../data-ees",
        )
    return dataset


@lru_cache(maxsize=32)
def _cached(
    dataset: EesDataset, area: str, year: int, measures: tuple[str, ...]
) -> AuthorityBenchmark:
    return benchmark_authority(dataset, area, year, measures)


def benchmark_of(ctx: ComposeContext) -> AuthorityBenchmark:
    dataset = ees_dataset(ctx)
    block = ctx.spec.la_benchmark
    chosen = tuple(block.measures) if block else ()
    for where, ids in (("measures", chosen), ("charts", block.charts if block else None)):
        unknown = [i for i in ids or () if i not in dataset.definitions]
        if unknown:
            raise SpecError(
                f"unknown measure(s) {', '.join(unknown)} in la_benchmark.{where}",
                file=ctx.spec_path,
                hint="use ids from ees.yaml: " + ", ".join(i.id for i in dataset.mapping.reported),
            )
    # the spec's own words (a code picks Dorset the county, not the unitary of that name)
    return _cached(dataset, ctx.spec.area or ctx.results.area, report_year(ctx), chosen)


def measure_source(ctx: ComposeContext, mb: MeasureBenchmark) -> str:
    """Where a measure's figures come from: its definition's ``source``, else the title
    of the publication its file belongs to."""
    ind = mb.definition
    return ind.source or ees_dataset(ctx).mapping.files[ind.file].publication


def charted(ctx: ComposeContext, bench: AuthorityBenchmark) -> list[str]:
    chosen = ctx.spec.la_benchmark.charts if ctx.spec.la_benchmark else None
    return [bench.measures[0].id] if chosen is None else list(chosen)


# ------------------------------------------------------------------ cover


def _about(bench: AuthorityBenchmark) -> list[str]:
    a = bench.authority
    lines = [
        f"{a.name} ({a.code}), {a.region_name}: the Department for Education's published "
        f"statistics for the year to 31 March {bench.year}, compared with England, the "
        f"{a.region_name} region and {a.name}'s ten statistical neighbours."
    ]
    if a.predecessor:
        lines.append(
            f"{a.name} was created on {a.created}, replacing {a.predecessor}; its "
            f"figures start in {a.first_year}, and earlier years are shown as z (not "
            "applicable)."
        )
    if not a.current:
        lines.append(
            f"{a.name} no longer exists: {a.status}. Its last figures are for {a.last_year}."
        )
    return lines


def la_cover(ctx: ComposeContext, summary: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Title, what is compared with what, any reorganisation, then the spec's summary."""
    bench = benchmark_of(ctx)
    blocks = [
        m.Paragraph(m.inlines(line), style="cover-meta" if i == 0 else None, numbered=False)
        for i, line in enumerate(_about(bench))
    ]
    return (m.Section(ctx.title, (*blocks, *summary), anchor="cover"),)


# ------------------------------------------------------------------ headline table


def _row(mb: MeasureBenchmark, with_year: bool) -> tuple[m.Cell, ...]:
    ind = mb.definition
    right: m.Align = "right"
    year = (m.cell(mb.own.period, align="center"),) if with_year else ()
    return (
        m.cell(f"{ind.label} ({words.unit_heading(ind)})"),
        *year,
        m.cell(words.count_cell(mb.own) or "\u2013", align=right),
        m.cell(words.figure(mb.own, ind), align=right),
        m.cell(words.figure(mb.england, ind), align=right),
        m.cell(words.figure(mb.region, ind), align=right),
        m.cell(
            words.shown(mb.neighbours_avg, ind)
            + ("" if mb.neighbours_n == len(mb.peers) else f" ({mb.neighbours_n})"),
            align=right,
        ),
        m.cell(_rank_cell(mb), align=right),
        m.cell(str(mb.quartile) if mb.quartile else "\u2013", align="center"),
    )


def _rank_cell(mb: MeasureBenchmark) -> str:
    if mb.rank is None:
        return f"\u2013 of {mb.rank_of}"
    return f"{'=' if mb.joint else ''}{mb.rank} of {mb.rank_of}"


def headline_table(bench: AuthorityBenchmark, source: str | None = None) -> m.Table:
    """One row per measure. A Year column only when a measure's latest year is not the
    report's (a file that lags); otherwise the year is in the caption. ``source`` is the
    line printed under it (issue 19)."""
    a = bench.authority
    with_year = len({mb.own.period for mb in bench.measures}) > 1
    aligns: tuple[tuple[str, m.Align], ...] = (
        ("Measure", "left"),
        *((("Year", "center"),) if with_year else ()),
        ("Number", "right"),
        (a.name, "right"),
        ("England", "right"),
        (a.region_name, "right"),
        ("Neighbours", "right"),
        ("Rank", "right"),
        ("Quartile", "center"),
    )
    header = tuple(m.cell(h, align=al) for h, al in aligns)
    widths = (20, 7, 10, 11, 10, 10, 12, 11, 9) if with_year else (22, 10, 12, 10, 10, 14, 12, 10)
    years = sorted({mb.own.period for mb in bench.measures})
    return m.Table(
        header=header,
        rows=tuple(_row(mb, with_year) for mb in bench.measures),
        row_headers=True,
        style="la-benchmark",
        caption=f"{a.name} compared with England, {a.region_name} and its "
        f"statistical neighbours, {' and '.join(years)}",
        widths=widths,
        source=source,
    )


def la_headlines(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """The headline table, how to read it, and one computed sentence per measure."""
    from reportgen.compose.content import author_blocks

    bench = benchmark_of(ctx)
    note = (
        "Number is the count behind the rate or percentage, where published. Neighbours "
        "is the average of the statistical neighbours' figures; a number in brackets "
        "says how many of the ten had a figure. Rank 1 is the best figure (the highest "
        "for a context measure with no better or worse); = marks a joint rank; quartile "
        "1 is the best (or highest) quarter of authorities. A letter is a GSS symbol "
        "(see Sources and notes)."
    )
    source = fmt.source_line([measure_source(ctx, mb) for mb in bench.measures])
    return (
        headline_table(bench, source),
        m.Paragraph(m.inlines(note), style="small", numbered=False),
        *author_blocks(ctx, sdef),
    )


# ------------------------------------------------------------------ measures


def trend_table(mb: MeasureBenchmark, name: str, source: str | None = None) -> m.Table:
    ind = mb.definition
    header = (m.cell(""), *(m.cell(r.period, align="right") for r in mb.trend))
    rows = [
        (m.cell(name), *(m.cell(words.figure(r, ind), align="right") for r in mb.trend)),
        (
            m.cell("England"),
            *(m.cell(words.figure(r, ind), align="right") for r in mb.england_trend),
        ),
    ]
    if any(r.count is not None for r in mb.trend):
        rows.insert(
            1,
            (
                m.cell(f"{name}: number"),
                *(m.cell(words.count_cell(r), align="right") for r in mb.trend),
            ),
        )
        rows.append(
            (
                m.cell("England: number"),
                *(m.cell(words.count_cell(r), align="right") for r in mb.england_trend),
            )
        )
    width = 70 / len(mb.trend)
    return m.Table(
        header=header,
        rows=tuple(rows),
        row_headers=True,
        style="la-trend",
        widths=(30, *(width for _ in mb.trend)),
        caption=f"{ind.label} ({words.unit_heading(ind)}), "
        f"{mb.trend[0].period} to {mb.trend[-1].period}",
        source=source,
    )


def measure_section(
    ctx: ComposeContext, bench: AuthorityBenchmark, mb: MeasureBenchmark, charts: list[str]
) -> m.Section:
    from reportgen.compose.la_benchmark_charts import comparator_figure, trend_figure

    name = bench.authority.name
    # the source line travels with the table and each chart (issue 19): a page break
    # between them cannot leave one without it
    source = fmt.source_line([measure_source(ctx, mb)])
    blocks: list[m.Block] = [
        m.Paragraph(m.inlines(words.commentary(mb, name))),
        trend_table(mb, name, source),
    ]
    if mb.id in charts:
        blocks += [
            replace(comparator_figure(bench.authority, mb), source=source),
            replace(trend_figure(name, mb), source=source),
        ]
    ind = mb.definition
    note = f"{ind.definition} Rank: {words.rank_rule(ind)}.".replace("  ", " ").strip()
    blocks.append(m.Paragraph(m.inlines(m.Text(note, italic=True)), style="small", numbered=False))
    return m.Section(ind.label, tuple(blocks), anchor=f"measure-{mb.id.replace('_', '-')}")


def la_measures(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    bench = benchmark_of(ctx)
    charts = charted(ctx, bench)
    return tuple(measure_section(ctx, bench, mb, charts) for mb in bench.measures)


# ------------------------------------------------------------------ neighbours, sources


def la_neighbours(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    dataset = ees_dataset(ctx)
    a = benchmark_of(ctx).authority
    found = dataset.neighbours_of(a)
    if not found:
        return (
            m.Paragraph(
                m.inlines(f"The statistical neighbour model has no neighbours for {a.name}.")
            ),
        )
    rows = tuple(
        (
            m.cell(str(n.rank), align="right"),
            m.cell(peer.name),
            m.cell(peer.code),
            m.cell(peer.region_name),
            m.cell(n.closeness),
        )
        for peer, n in found
    )
    header = (
        m.cell("Rank", align="right"),
        m.cell("Authority"),
        m.cell("Code"),
        m.cell("Region"),
        m.cell("Closeness"),
    )
    model = dataset.mapping.neighbours.publication if dataset.mapping.neighbours else ""
    lead = (
        f"{a.name}'s statistical neighbours, nearest first, from the {model}: the "
        "authorities most similar to it in the model's measures of need and context."
    )
    return (
        m.Paragraph(m.inlines(lead)),
        m.Table(
            header=header,
            rows=rows,
            row_headers=False,
            style="la-neighbours",
            caption=f"Statistical neighbours of {a.name}",
            widths=(8, 34, 16, 22, 20),
            source=fmt.source_line([model]),
        ),
    )


def _symbols_used(bench: AuthorityBenchmark) -> list[str]:
    used: set[str] = set()
    for mb in bench.measures:
        readings = [*mb.trend, *mb.england_trend, mb.region, *(p.reading for p in mb.peers)]
        used |= {r.symbol for r in readings if r.symbol} | {
            r.count_symbol for r in readings if r.count_symbol
        }
    return [s for s in SYMBOLS if s in used]


def la_sources(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """Each file read (publication, file, address), the symbols used, and the OGL line."""
    dataset = ees_dataset(ctx)
    bench = benchmark_of(ctx)
    used = {mb.definition.file for mb in bench.measures}
    used |= {
        dataset.definitions[d].file
        for d in (mb.definition.denominator for mb in bench.measures)
        if d
    }
    files = [
        (f.publication, f.path, f.url) for key, f in dataset.mapping.files.items() if key in used
    ]
    if dataset.mapping.neighbours:
        n = dataset.mapping.neighbours
        files.append((n.publication, n.path, n.url))
    # the publication's name links to its page: a bare address took two lines an item
    items = [
        m.ListItem((m.Text(publication, link=url or None), m.Text(f": {path}")))
        for publication, path, url in files
    ]
    blocks: list[m.Block] = [m.BulletList(tuple(items))]
    symbols = _symbols_used(bench)
    if symbols:
        blocks.append(
            m.Paragraph(
                m.inlines(
                    "Symbols, as published: "
                    + "; ".join(f"{s} {SYMBOLS[s]}" for s in symbols)
                    + ". None of them is zero."
                )
            )
        )
    blocks.append(m.Paragraph(m.inlines(dataset.mapping.attribution), style="attribution"))
    return tuple(blocks)


#: The LA benchmarking report (published DfE data): its cover and computed sections.
REPORT_TYPE = ReportType(
    name="la-benchmark",
    covers={"la_benchmark": la_cover},
    builtins={
        "la_headlines": la_headlines,
        "la_measures": la_measures,
        "la_neighbours": la_neighbours,
        "la_sources": la_sources,
    },
)
