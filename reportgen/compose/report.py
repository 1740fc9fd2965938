"""Compose one report: spec + computed indicators + snippets -> the document model.

This is the only place that decides what a report says. Renderers downstream only lay
it out, so the DOCX and the PDF are the same report.
"""

from __future__ import annotations

from datetime import datetime

from reportgen import model as m
from reportgen import vocabulary as vocab
from reportgen.compose import governance, narrative
from reportgen.compose.builtins import supplied_by
from reportgen.compose.chartdata import with_chart_data
from reportgen.compose.content import content_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.cover import appendix_lines, list_appendices
from reportgen.compose.numbering import (
    anchor_for,
    link_references,
    number_section,
    reference_targets,
)
from reportgen.compose.registry import BUILTINS, COVERS
from reportgen.compose.template import SectionDef
from reportgen.errors import SpecError


def _section_blocks(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...] | None:
    spec = ctx.spec
    if sdef.builtin:
        if sdef.builtin not in BUILTINS:
            raise SpecError(
                f"template section '{sdef.id}' uses unknown builtin '{sdef.builtin}'",
                file=ctx.template_dir / "template.yaml",
                hint=f"use one of: {', '.join(sorted(BUILTINS))}",
            )
        return BUILTINS[sdef.builtin](ctx, sdef)
    if sdef.id in spec.sections:
        return content_blocks(ctx, spec.sections[sdef.id], sdef.title) + supplied_by(ctx, sdef.id)
    if sdef.default is not None:
        default = narrative.render_inline(
            ctx.narratives,
            sdef.default,
            ctx.variables,
            label=f"template {ctx.template.name} ({sdef.id})",
        )
        return default + supplied_by(ctx, sdef.id)
    if sdef.required:
        raise SpecError(
            f"section '{sdef.id}' ({sdef.title}) needs content",
            file=ctx.spec_path,
            hint=f"add sections: {sdef.id}: with a snippet or text item",
        )
    return None


def check_sections(ctx: ComposeContext) -> None:
    known = [s.id for s in ctx.template.sections]
    for section_id in ctx.spec.sections:
        if section_id not in known:
            raise SpecError(
                f"unknown section '{section_id}' for template '{ctx.template.name}'",
                file=ctx.spec_path,
                hint=f"the template's sections are: {', '.join(known)}",
            )


def body_sections(ctx: ComposeContext) -> tuple[m.Block, ...]:
    """The numbered body: one section per template section that has something to say."""
    check_sections(ctx)
    out: list[m.Block] = []
    counter = 0
    for sdef in ctx.template.sections:
        blocks = _section_blocks(ctx, sdef)
        if blocks is None:
            continue
        section = m.Section(
            sdef.title,
            blocks,
            anchor=sdef.id,
            page_break_before=sdef.page_break_before,
            landscape=sdef.landscape,
        )
        if ctx.template.numbered:
            counter += 1
            section = number_section(section, str(counter), paragraphs=sdef.numbered)
        out.append(section)
    return tuple(out)


def metadata(ctx: ComposeContext, created: datetime | None) -> m.Metadata:
    spec = ctx.spec
    subject = spec.report_type
    if spec.meeting:
        subject = f"{spec.report_type} to {spec.meeting.committee}"
    return m.Metadata(
        title=ctx.title,
        author="; ".join(p.name for p in spec.authors) or spec.council,
        subject=subject,
        keywords=tuple(k for k in (spec.council, ctx.template.title, spec.period) if k),
        draft=spec.is_draft,
        running_header=ctx.title,
        footer_text=governance.footer_text(ctx),
        created=created,
        council=spec.council,
        furniture=m.Furniture(draft_notice=vocab.DRAFT_NOTICE),
    )


def compose(ctx: ComposeContext, created: datetime | None = None) -> m.Document:
    """Build the whole document model for one report."""
    summary = content_blocks(ctx, ctx.spec.summary, "summary")
    cover: tuple[m.Block, ...] = ()
    if ctx.template.cover:
        if ctx.template.cover not in COVERS:
            raise SpecError(
                f"unknown cover '{ctx.template.cover}'",
                file=ctx.template_dir / "template.yaml",
                hint=f"use one of: {', '.join(sorted(COVERS))}, or none",
            )
        cover = COVERS[ctx.template.cover](ctx, summary)
    body, charts = with_chart_data(
        body_sections(ctx), ctx.template.chart_data, spreadsheet_name(ctx)
    )
    spreadsheet = spreadsheet_tables(body, charts)
    if spreadsheet:
        cover = list_appendices(cover, appendix_lines(ctx, body, spreadsheet_name(ctx)))
    targets = reference_targets(body)  # "section 3", "figure 2" kept live in Word
    body, cover = link_references(body, targets), link_references(cover, targets)
    if ctx.template.toc:
        body = (m.TableOfContents(), *body)
    return m.Document(
        meta=metadata(ctx, created),
        body=body,
        cover=cover,
        template=ctx.template.name,
        spreadsheet=spreadsheet,
    )


def spreadsheet_name(ctx: ComposeContext) -> str:
    """The data spreadsheet written beside the report (api writes it with the DOCX/PDF)."""
    return f"{output_stem(ctx)}.xlsx"


def spreadsheet_tables(
    body: tuple[m.Block, ...], charts: tuple[m.Table, ...]
) -> tuple[m.Table, ...]:
    """Every chart's data, then every other table of figures in the body (numbers sit in
    right-aligned cells; a key-value table such as the approvals has none)."""
    seen = {id(t) for t in charts}
    others = tuple(
        b
        for b, _ in m.walk(body)
        if isinstance(b, m.Table)
        and id(b) not in seen
        and any(c.align == "right" for row in b.rows for c in row)
    )
    return (*charts, *others)


def output_stem(ctx: ComposeContext) -> str:
    """'2017-01-corporate-parenting-performance': period first so files sort by month."""
    name = ctx.spec.output_name or anchor_for(ctx.spec.title.split("\u2013")[0])
    stem = f"{ctx.spec.period}-{name}"
    if ctx.spec.area and ctx.results.area:
        stem += f"-{anchor_for(ctx.results.area)}"
    return stem
