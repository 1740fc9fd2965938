"""The performance surgery paper (after the Derby template): one measure under review, and what to
do.

A performance surgery looks at one measure that is off track. The paper is a fixed
template: an overview of the measure, why it is at the surgery (a checklist computed
from the figures, not ticked by hand), its BRAG rating now and at year-end, related
measures, the author's reasons, equalities breakdowns, benchmarking, four graphs
(``surgery_graphs``), an action plan and the BRAG rating it would deliver
(``surgery_plan``). Every figure is read from the
indicator results; the author writes only the reasons, commentary and the action plan.

Builtins here (and in ``surgery_analysis``) also append any content the spec gives for
their section, so an author can add a sentence below a computed table without losing it.
"""

from __future__ import annotations

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import wording
from reportgen.compose.content import author_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.kpi import figure
from reportgen.compose.spec import Surgery
from reportgen.compose.tables import direction_text, rating_cell, table_source
from reportgen.compose.template import SectionDef
from reportgen.compose.wording import display_unit
from reportgen.errors import SpecError
from reportgen.indicators.result import IndicatorResult

# ------------------------------------------------------------------ shared helpers


def surgery_of(ctx: ComposeContext) -> Surgery:
    """The spec's ``surgery:`` block; the template cannot be built without it."""
    if ctx.spec.surgery is None:
        raise SpecError(
            "a performance surgery needs a `surgery:` block",
            file=ctx.spec_path,
            hint="see templates/performance-surgery/example-spec.yaml",
        )
    return ctx.spec.surgery


def measure(ctx: ComposeContext) -> IndicatorResult:
    return ctx.indicator(surgery_of(ctx).measure, "surgery.measure")


def definition_of(ctx: ComposeContext, indicator_id: str) -> object | None:
    return ctx.data.definition(indicator_id) if ctx.data is not None else None


def value_text(value: float | None, unit: fmt.UnitLike) -> str:
    return fmt.fmt_value_with_unit(value, unit)


def adrift_text(pct: float | None) -> str:
    """'6.9% adrift', '3.2% better than target' or 'On target' (positive = worse)."""
    if fmt.is_missing(pct):
        return "No target"
    assert pct is not None
    shown = fmt.fmt_percent(abs(pct))
    if shown == fmt.fmt_percent(0):
        return "On target"
    return f"{shown} adrift" if pct > 0 else f"{shown} better than target"


def adrift_of(r: IndicatorResult, attr: str = "adrift_pct") -> str:
    """As ``adrift_text``, worded for a neutral measure ('2.0% above target')."""
    if fmt.is_missing(getattr(r, attr)):
        return "No target"
    text = wording.adrift_text(r, attr)
    return "On target" if text == "on target" else text


def rating_word(rating: str | None) -> str:
    return fmt.rating_word(rating)


def para(text: str, style: str | None = None) -> m.Paragraph:
    return m.Paragraph(m.inlines(text), style=style)


def yes_no_cell(flag: bool | None) -> m.Cell:
    if flag is None:
        return m.cell("Not applicable", align="center")
    return m.Cell(m.inlines(m.Text("Yes" if flag else "No", bold=flag)), align="center")


# ------------------------------------------------------------------ cover and overview


def surgery_cover(ctx: ComposeContext, summary: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Front page: which surgery, which measure, and whether it has been here before."""
    spec, surgery = ctx.spec, surgery_of(ctx)
    result = measure(ctx)
    lines = []
    if spec.meeting:
        lines.append(
            f"Background information for the {spec.meeting.committee} on "
            f"{fmt.fmt_date(spec.meeting.date)}"
        )
    lines.append(f"{surgery.overview.reference} \u2013 {result.title}")
    lead = tuple(para(line, "cover-meta") for line in lines)
    previous = (
        f"This measure was last reviewed at a performance surgery on {surgery.previous_review}."
        if surgery.previous_review
        else "This measure has not been reviewed at a previous performance surgery."
    )
    figures = para(
        f"Position in {fmt.fmt_period(result.period)}: "
        f"{value_text(result.value, display_unit(result))} against a target of "
        f"{value_text(result.target, display_unit(result))}, rated "
        f"{rating_word(result.brag)}.",
        "lead",
    )
    return (
        m.Section(
            spec.title, (*lead, figures, *summary, para(previous)), anchor="cover", bookmark=True
        ),
    )


def _bullets(lines: list[str]) -> tuple[m.Block, ...]:
    if not lines:
        return (para("None recorded"),)
    return (m.BulletList(tuple(m.ListItem(m.inlines(line)) for line in lines)),)


def surgery_overview(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """The overview table: what the measure is, who owns it, what it links to."""
    ov = surgery_of(ctx).overview
    result = measure(ctx)
    definition = ov.definition or str(getattr(definition_of(ctx, result.id), "definition", ""))
    good = (
        fmt.polarity_note(result.polarity).capitalize()
        or "Context measure: neither a higher nor a lower figure is better in itself"
    )
    rows: list[tuple[str, tuple[m.Block, ...]]] = [
        ("Type", (para(ov.measure_type),)),
        ("Reference", (para(ov.reference),)),
        ("Measure", (para(result.title),)),
        ("Brief definition", (para(definition or "Not recorded"),)),
        ("Good performance", (para(good),)),
        ("Population (area, client group)", (para(ov.population),)),
        ("Link to Council Plan: outcomes", _bullets(ov.plan_outcomes)),
        ("Link to Council Plan: indicators", _bullets(ov.plan_indicators)),
        ("Directorate", (para(ov.directorate),)),
        ("Cabinet portfolio", (para(ov.portfolio),)),
        ("Scrutiny commission", (para(ov.scrutiny),)),
        ("Service director", (para(ov.service_director),)),
        ("Accountable officer", (para(ov.accountable_officer),)),
        (
            "Data source and frequency",
            (para(f"{result.source or 'Not recorded'} ({result.frequency})"),),
        ),
    ]
    table = m.DefinitionList(tuple(rows), caption=f"Overview of {ov.reference}")
    return (table, *author_blocks(ctx, sdef))


# ------------------------------------------------------------------ performance background


def _year_end_period(result: IndicatorResult) -> str | None:
    """The March before the period's financial year ('2016-03' for 2017-01)."""
    if not result.financial_year:
        return None
    return f"{result.financial_year[:4]}-03"


def _count_at(result: IndicatorResult, period: str | None) -> float | None:
    return dict(result.count_series).get(period) if period else None


def target_reason(r: IndicatorResult) -> tuple[bool | None, str]:
    if r.target is None or r.value is None:
        return None, "No target is set for this year."
    missed = (r.adrift_pct or 0) > 0 and r.brag in ("red", "amber")
    return missed, (
        f"{fmt.fmt_period(r.value_period or r.period)} actual of "
        f"{wording.value_text(r, with_unit=True)} against a target of "
        f"{wording.value_text(r, 'target', with_unit=True)} "
        f"({adrift_of(r).lower()})."
    )


def forecast_reason(r: IndicatorResult) -> tuple[bool | None, str]:
    if r.target is None or r.forecast is None:
        return None, f"No {fmt.forecast_words(r.period)[4:]} or no target."
    missed = r.forecast_brag in ("red", "amber")
    method = fmt.forecast_method_words(r.forecast_method)
    method = f" ({method})" if method and r.forecast_method != "actual" else ""
    words = fmt.forecast_label(r.period, r.financial_year).split(" (")[0]
    return missed, (
        f"{words} of {wording.value_text(r, 'forecast', with_unit=True)}{method} "
        f"against a target of {wording.value_text(r, 'target', with_unit=True)} "
        f"({adrift_of(r, 'forecast_adrift_pct').lower()})."
    )


def direction_reason(r: IndicatorResult) -> tuple[bool | None, str]:
    """Deteriorating against the last year-end (like the Derby paper), with the month's move too."""
    if r.direction_year is None:
        return None, "No year-end figure to compare with."
    text = (
        f"{wording.value_text(r, with_unit=True)} now against "
        f"{wording.value_text(r, 'year_start_value', with_unit=True)} at the "
        f"{r.year_start_label or 'last year-end'}: {fmt.direction_word(r.direction_year)}."
    )
    if r.direction and r.previous_period:
        text += (
            f" Since {wording.compared_with(r)} "
            f"({wording.value_text(r, 'previous', with_unit=True)}): "
            f"{fmt.direction_word(r.direction)}."
        )
    start, now = _count_at(r, _year_end_period(r)), r.count
    if start is not None and now is not None:
        text += (
            f" The number has gone from {fmt.fmt_count(start)} to {fmt.fmt_count(now)}"
            f" ({fmt.change_word(now - start)} of {fmt.fmt_count(abs(now - start))})."
        )
    return r.direction_year == "deteriorating", text


def worse(value: float | None, other: float | None, polarity: str) -> bool | None:
    if value is None or other is None:
        return None
    return value > other if polarity == "lower" else value < other


def comparison_reason(r: IndicatorResult) -> tuple[bool | None, str]:
    """Poor comparison: worse than the statistical neighbour average or England."""
    own = r.council_benchmark if r.council_benchmark is not None else r.value
    flags = [worse(own, r.neighbours_avg, r.polarity), worse(own, r.england, r.polarity)]
    if all(f is None for f in flags):
        return None, "No published comparator figures."
    unit = display_unit(r)
    parts = [
        f"In {r.benchmark_year}: {value_text(own, unit)} against "
        f"{wording.neighbours_words(r).replace(f' ({r.benchmark_year})', '')} of "
        f"{value_text(r.neighbours_avg, unit)} and England {value_text(r.england, unit)}."
    ]
    if r.rank and r.rank_of:
        parts.append(
            f"Ranked {fmt.rank_text(r.rank, r.rank_of, r.rank_tied)} with its "
            "statistical neighbours (1st = best)."
        )
    return any(bool(f) for f in flags), " ".join(parts)


def reasons_table(ctx: ComposeContext, r: IndicatorResult) -> m.Table:
    other = surgery_of(ctx).other_reasons
    checks = [
        ("In-year target missed", target_reason(r)),
        (
            "Year-end target missed" if fmt.is_year_end(r.period) else "Forecasting to miss target",
            forecast_reason(r),
        ),
        (
            f"{fmt.direction_word('deteriorating').capitalize()} direction of travel",
            direction_reason(r),
        ),
        ("Poor comparison to other authorities", comparison_reason(r)),
        ("Other", (bool(other), other or "None given.")),
    ]
    rows = tuple(
        (m.cell(label), yes_no_cell(flag), m.cell(evidence)) for label, (flag, evidence) in checks
    )
    return m.Table(
        header=(
            m.cell("Reason for performance surgery"),
            m.cell("Applies", align="center"),
            m.cell("Evidence from the data"),
        ),
        rows=rows,
        caption=f"Reasons checked against the figures for {fmt.fmt_period(r.period)}",
        row_headers=True,
        widths=(28, 12, 60),
        style="surgery-reasons",
        source=table_source([r]),
    )


def brag_table(r: IndicatorResult) -> m.Table:
    period = fmt.fmt_period(r.value_period or r.period)
    rows = (
        (
            m.cell(f"Now ({period})"),
            m.cell(value_text(r.value, display_unit(r)), align="right"),
            m.cell(value_text(r.target, display_unit(r)), align="right"),
            m.cell(adrift_of(r), align="right"),
            rating_cell(r.brag),
        ),
        (
            m.cell(fmt.forecast_label(r.period, r.financial_year)),
            m.cell(value_text(r.forecast, display_unit(r)), align="right"),
            m.cell(value_text(r.target, display_unit(r)), align="right"),
            m.cell(adrift_of(r, "forecast_adrift_pct"), align="right"),
            rating_cell(r.forecast_brag),
        ),
    )
    header = (
        m.cell("Position"),
        m.cell("Actual", align="right"),
        m.cell("Target", align="right"),
        m.cell("% adrift from target", align="right"),
        m.cell("BRAG rating", align="center"),
    )
    return m.Table(
        header=header,
        rows=rows,
        caption=f"BRAG rating: {r.title}",
        row_headers=True,
        widths=(30, 18, 18, 19, 15),
        source=table_source([r]),
    )


def related_table(ctx: ComposeContext) -> m.Table | None:
    related = surgery_of(ctx).related
    if not related:
        return None
    rows = []
    results = []
    for item in related:
        r = ctx.indicator(item.indicator, "surgery.related")
        results.append(r)
        rows.append(
            (
                m.cell(r.title),
                figure(r, with_unit=True),
                figure(r, "target", with_unit=True),
                rating_cell(r.brag),
                m.cell(direction_text(r), align="center"),
                m.cell(item.note or "\u2013"),
            )
        )
    header = (
        m.cell("Measure"),
        m.cell("Latest", align="right"),
        m.cell("Target", align="right"),
        m.cell("BRAG rating", align="center"),
        m.cell("Direction of travel", align="center"),
        m.cell("Note"),
    )
    caption = f"Related measures in {fmt.fmt_period(ctx.spec.period)}"
    return m.Table(
        header=header,
        rows=tuple(rows),
        caption=caption,
        row_headers=True,
        widths=(32, 13, 11, 11, 15, 18),
        source=table_source(results),
    )


def count_sentence(ctx: ComposeContext, r: IndicatorResult) -> m.Paragraph | None:
    """'At the end of January 2017 there were 482 (children looked after) ...'."""
    if r.count is None or r.unit != "rate":
        return None
    counted = definition_of(ctx, str(getattr(definition_of(ctx, r.id), "numerator", "")))
    what = str(getattr(counted, "title", "") or "").lower() or "in the count"
    return para(
        f"At the end of {fmt.fmt_period(r.period)} there were "
        f"{fmt.fmt_count(r.count)} {what}, a rate of "
        f"{value_text(r.rate if r.rate is not None else r.value, display_unit(r))}."
    )


def surgery_background(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    r = measure(ctx)
    blocks: list[m.Block] = [
        m.Section("Reasons for performance surgery", (reasons_table(ctx, r),)),
        m.Section(
            "BRAG rating",
            tuple(b for b in (brag_table(r), count_sentence(ctx, r)) if b is not None),
        ),
    ]
    related = related_table(ctx)
    if related is not None:
        blocks.append(
            m.Section(
                "Related measures", (para("Measures this one affects or is affected by."), related)
            )
        )
    return (*blocks, *author_blocks(ctx, sdef))


def surgery_partners(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    partners = surgery_of(ctx).partners
    if not partners:
        return (
            para("Input from other services, departments or organisations required: No."),
            *author_blocks(ctx, sdef),
        )
    return (
        para(
            "Input from other services, departments or organisations required: Yes. "
            "Help is required from:"
        ),
        *_bullets(partners),
        *author_blocks(ctx, sdef),
    )
