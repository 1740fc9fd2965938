"""The service performance report (after the county children's social care report): numbered
headlines for each service area.

A head of service reports to scrutiny on the whole of children's social care: population
and caseloads, the front door, children in need, child protection, children looked after
and care leavers, adoption, how the council compares with its region, and the workforce.
Each area opens with its headline figures (read from the indicator results, never typed)
and continues with the author's numbered paragraphs, whose figures come from the data
through the narrative placeholders too.

The regional comparison is computed: each measure's published figure, its rank among the
authorities of the region and the sentence a paper uses ("the lowest in the region, with
eight authorities performing more poorly and six performing better"), worded by the same
functions the snippets use as filters (``reportgen.compose.regional``).

The spec's ``service:`` block names the figures: ``headlines`` maps a section id to the
indicators in its headline table and ``regional`` lists the measures compared.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import regional
from reportgen.compose.builtins import person_line
from reportgen.compose.content import author_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.kpi import (
    change_text,
    figure,
    headline_header,
    label_for,
    measure_label,
    symbol_key,
)
from reportgen.compose.plugin import ReportType
from reportgen.compose.spec import ServiceReport
from reportgen.compose.tables import rating_cell, table_source
from reportgen.compose.template import SectionDef
from reportgen.errors import SpecError
from reportgen.indicators.result import IndicatorResult


def service_of(ctx: ComposeContext) -> ServiceReport:
    """The spec's ``service:`` block; every field has a default, so it may be left out."""
    return ctx.spec.service or ServiceReport()


# ------------------------------------------------------------------ cover


def report_of(ctx: ComposeContext) -> str | None:
    """'Report of the Head of Children's Social Care': the spec's words, else the first
    author's role."""
    chosen = service_of(ctx).report_of
    if chosen:
        return chosen
    authors = ctx.spec.authors
    return f"the {authors[0].role}" if authors and authors[0].role else None


def service_cover(ctx: ComposeContext, summary: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Title, who the report is from, numbered recommendations and an unnumbered
    background (the spec's ``summary:``): the part of the paper before section 1."""
    spec = ctx.spec
    lines = []
    if spec.meeting:
        lines.append(f"{spec.meeting.committee} \u2013 {fmt.fmt_date(spec.meeting.date)}")
    source = report_of(ctx)
    if source:
        lines.append(f"Report of {source}.")
    blocks: list[m.Block] = [
        m.Paragraph(m.inlines(line), style="cover-meta", numbered=False) for line in lines
    ]
    if spec.recommendations:
        items = tuple(m.ListItem(m.inlines(text)) for text in spec.recommendations)
        blocks.append(
            m.Section(
                "Recommendations", (m.BulletList(items, ordered=True),), anchor="recommendations"
            )
        )
    if summary:
        blocks.append(m.Section("Background", summary, anchor="background"))
    return (m.Section(spec.title, tuple(blocks), anchor="cover"),)


# ------------------------------------------------------------------ service areas


def headline_table(ctx: ComposeContext, results: Sequence[IndicatorResult], title: str) -> m.Table:
    """The figures a service area opens with: this month, last month, change, target."""
    header = headline_header(results)
    rows = tuple(
        (
            m.cell(measure_label(ctx, r)),
            figure(r),
            figure(r, "previous"),
            m.cell(change_text(r), align="right"),
            figure(r, "target"),
            rating_cell(r.brag),
        )
        for r in results
    )
    return m.Table(
        header=header,
        rows=rows,
        row_headers=True,
        style="headlines",
        caption=f"{title}: headline figures, {fmt.fmt_period(results[0].period)}",
        widths=(38, 12, 12, 17, 10, 11),
        source=table_source(results),
    )


def service_area(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """One service area: its headline table (``service.headlines.<id>``), then the
    author's paragraphs, charts and tables for the section."""
    names = service_of(ctx).headlines.get(sdef.id, [])
    where = f"service.headlines.{sdef.id}"
    results = [ctx.indicator(name, where) for name in names]
    blocks: tuple[m.Block, ...] = (
        (headline_table(ctx, results, sdef.title), *symbol_key(results)) if results else ()
    )
    blocks += author_blocks(ctx, sdef)
    if not blocks:
        raise SpecError(
            f"section '{sdef.id}' ({sdef.title}) has no figures and no text",
            file=ctx.spec_path,
            hint=f"add service: headlines: {sdef.id}: [indicator ids], or "
            f"sections: {sdef.id}: with a snippet",
        )
    return blocks


# ------------------------------------------------------------------ regional comparison


def region_range(ctx: ComposeContext, result: IndicatorResult) -> tuple[float, float] | None:
    """The lowest and highest published figure among the region's authorities (the
    council included) for the year the result was compared in."""
    if ctx.data is None:
        return None
    return ctx.data.region_range(result.id, result.benchmark_year)


def regional_sentence(ctx: ComposeContext, result: IndicatorResult) -> str:
    """'Re-referrals: 22.9% in 2015/16, in the mid-range for the region (11th of 15), with
    ... The regional average was 21.0% and England 22.3%.' A neutral (context) measure
    says where it stands ('higher than eight authorities'), not how well it performs."""
    r = result

    def shown(value: float | None, unit: bool = True) -> str:
        if unit:
            return fmt.fmt_value_with_unit(value, r.unit, r.decimals, r.rate_per)
        return fmt.fmt_value(value, r.unit, r.decimals)

    if fmt.is_missing(r.council_benchmark):
        return f"{label_for(ctx, r)}: no published figure to compare with the region."
    joiner = ", " if r.polarity == "neutral" else ", with "
    text = (
        f"{label_for(ctx, r)}: {shown(r.council_benchmark)} in {r.benchmark_year}, "
        f"{regional.regional_position(r)} ({regional.regional_rank(r)}){joiner}"
        f"{regional.regional_counts(r)}."
    )
    span = region_range(ctx, r)
    if span is not None:
        text += f" Figures in the region ranged from {shown(span[0], False)} to {shown(span[1])}."
    return text + (
        f" The figure for the region as a whole was {shown(r.region)} and for "
        f"England {shown(r.england)} ({r.benchmark_year})."
    )


def regional_table(ctx: ComposeContext, results: Sequence[IndicatorResult]) -> m.Table:
    region = fmt.region_words(next((r.region_name for r in results if r.region_name), None))
    header = (
        m.cell("Measure"),
        m.cell("Council", align="right"),
        m.cell("Rank in region", align="center"),
        m.cell("Region", align="right"),
        m.cell("England", align="right"),
        m.cell("Year", align="center"),
    )
    rows = tuple(
        (
            m.cell(measure_label(ctx, r)),
            figure(r, "council_benchmark"),
            m.cell(regional.regional_rank(r), align="center"),
            figure(r, "region"),
            figure(r, "england"),
            m.cell(r.benchmark_year or "n/a", align="center"),
        )
        for r in results
    )
    years = sorted({r.benchmark_year for r in results if r.benchmark_year})
    year = f" ({', '.join(years)})" if years else ""
    return m.Table(
        header=header,
        rows=rows,
        row_headers=True,
        style="headlines",
        caption=f"Comparison with {region}: latest published figures{year} "
        "(rank 1st is the best performance; for a context measure, "
        "the highest figure)",
        widths=(38, 12, 14, 14, 11, 11),
        source=table_source(results),
    )


def context_note(ctx: ComposeContext, results: Sequence[IndicatorResult]) -> str:
    """' The children in need rate is a measure of demand, not performance: ...'"""
    neutral = [label_for(ctx, r) for r in results if r.polarity == "neutral"]
    if not neutral:
        return ""
    names = neutral[0] if len(neutral) == 1 else (", ".join(neutral[:-1]) + " and " + neutral[-1])
    verb = "is a measure" if len(neutral) == 1 else "are measures"
    return (
        f" {names} {verb} of context (demand), not performance: ranked from the "
        "highest figure, without a judgement."
    )


def regional_comparison(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """Each measure in ``service.regional`` against the region: a computed paragraph and
    a table, then the author's commentary."""
    results = [ctx.indicator(name, "service.regional") for name in service_of(ctx).regional]
    blocks: list[m.Block] = []
    if results:
        first = results[0]
        region = fmt.region_words(first.region_name)
        authorities = f" ({first.region_rank_of} authorities)" if first.region_rank_of else ""
        year = f" for {first.benchmark_year}" if first.benchmark_year else ""
        blocks.append(
            m.Paragraph(
                m.inlines(
                    f"The figures below compare the council's latest published figures{year} with "
                    f"the other authorities in {region}{authorities}. A rank of 1st is the best "
                    "performance, whether that is the highest or the lowest figure."
                    + context_note(ctx, results)
                )
            )
        )
        blocks.extend(m.Paragraph(m.inlines(regional_sentence(ctx, r))) for r in results)
        blocks.append(regional_table(ctx, results))
    blocks.extend(author_blocks(ctx, sdef))
    if not blocks:
        raise SpecError(
            "the regional comparison has no measures and no text",
            file=ctx.spec_path,
            hint="add service: regional: [indicator ids] to the spec",
        )
    return tuple(blocks)


# ------------------------------------------------------------------ contact block


def service_contact(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """Who wrote the report, the divisions affected, the cabinet member, background
    papers and who to contact: the block that closes a scrutiny report."""
    spec = ctx.spec

    def lines(texts: Sequence[str]) -> tuple[m.Block, ...]:
        return tuple(m.Paragraph(m.inlines(t)) for t in texts) or (m.Paragraph(m.inlines("None")),)

    contacts = []
    for person in spec.accountable_officers or spec.authors:
        parts = [person_line(person), person.email or "", person.phone or ""]
        contacts.append(", ".join(p for p in parts if p))
    items: list[tuple[str, tuple[m.Block, ...]]] = [
        ("Report author(s)", lines([person_line(p) for p in spec.authors])),
        ("Electoral divisions", lines([", ".join(spec.wards)])),
    ]
    cabinet = service_of(ctx).cabinet_member
    if cabinet:
        items.append(("Cabinet member", lines([cabinet])))
    items += [
        ("Local Government Act 1972: list of background papers", lines(spec.background_papers)),
        ("Contact for enquiries", lines(contacts)),
    ]
    sheet = m.DefinitionList(tuple(items), caption="Report details", style="contact")
    return (sheet, *author_blocks(ctx, sdef))


#: The service performance report: its cover and computed sections.
REPORT_TYPE = ReportType(
    name="service-performance",
    covers={"service": service_cover},
    builtins={
        "service_area": service_area,
        "regional_comparison": regional_comparison,
        "service_contact": service_contact,
    },
)
