"""Compose one report: spec + computed indicators + snippets -> the document model.

This is the only place that decides what a report says. Renderers downstream only lay
it out, so the DOCX and the PDF are the same report.
"""

from __future__ import annotations

from datetime import datetime

from reportgen import model as m
from reportgen.compose import narrative
from reportgen.compose.builtins import BUILTINS, supplied_by
from reportgen.compose.chartdata import number_figures
from reportgen.compose.context import ComposeContext
from reportgen.compose.cover import COVERS
from reportgen.compose.numbering import anchor_for, number_section
from reportgen.compose.spec import ContentItem
from reportgen.compose.tables import table_block
from reportgen.compose.template import SectionDef
from reportgen.errors import SpecError


def content_blocks(ctx: ComposeContext, items: list[ContentItem],
                   where: str) -> tuple[m.Block, ...]:
    """The blocks for a list of spec content items, in order."""
    blocks: list[m.Block] = []
    for item in items:
        blocks.extend(_item_blocks(ctx, item, where))
    return tuple(blocks)


def _item_blocks(ctx: ComposeContext, item: ContentItem, where: str) -> tuple[m.Block, ...]:
    from reportgen.compose.figures import chart_figure  # charts are heavy: import on use

    own: tuple[m.Block, ...] = ()
    if item.snippet is not None:
        own = narrative.render_snippet(ctx.narratives, item.snippet, ctx.variables)
    elif item.text is not None:
        own = narrative.render_inline(ctx.narratives, item.text, ctx.variables,
                                      label=f"{ctx.spec_path} ({where})")
    elif item.chart is not None:
        own = (chart_figure(ctx, item.chart),)
    elif item.table is not None:
        own = (table_block(ctx, item.table),)
    if item.heading is None:
        return own
    inner = own + content_blocks(ctx, item.items, f"{where} > {item.heading}")
    return (m.Section(item.heading, inner, anchor=anchor_for(item.heading),
                      page_break_before=item.page_break_before),)


def _section_blocks(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...] | None:
    spec = ctx.spec
    if sdef.builtin:
        if sdef.builtin not in BUILTINS:
            raise SpecError(f"template section '{sdef.id}' uses unknown builtin "
                            f"'{sdef.builtin}'", file=ctx.template_dir / "template.yaml",
                            hint=f"use one of: {', '.join(sorted(BUILTINS))}")
        return BUILTINS[sdef.builtin](ctx, sdef)
    if sdef.id in spec.sections:
        return content_blocks(ctx, spec.sections[sdef.id], sdef.title) + supplied_by(ctx, sdef.id)
    if sdef.default is not None:
        default = narrative.render_inline(ctx.narratives, sdef.default, ctx.variables,
                                          label=f"template {ctx.template.name} ({sdef.id})")
        return default + supplied_by(ctx, sdef.id)
    if sdef.required:
        raise SpecError(f"section '{sdef.id}' ({sdef.title}) needs content",
                        file=ctx.spec_path,
                        hint=f"add sections: {sdef.id}: with a snippet or text item")
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
        section = m.Section(sdef.title, blocks, anchor=sdef.id,
                            page_break_before=sdef.page_break_before,
                            landscape=sdef.landscape)
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
    footer = spec.council
    if spec.exempt:
        footer += f" \u2013 NOT FOR PUBLICATION (Schedule 12A, paragraph {spec.exempt.paragraph})"
    return m.Metadata(
        title=ctx.title,
        author="; ".join(p.name for p in spec.authors) or spec.council,
        subject=subject,
        keywords=tuple(k for k in (spec.council, ctx.template.title, spec.period) if k),
        draft=spec.is_draft,
        running_header=ctx.title,
        footer_text=footer,
        created=created,
    )


def compose(ctx: ComposeContext, created: datetime | None = None) -> m.Document:
    """Build the whole document model for one report."""
    summary = content_blocks(ctx, ctx.spec.summary, "summary")
    cover: tuple[m.Block, ...] = ()
    if ctx.template.cover:
        if ctx.template.cover not in COVERS:
            raise SpecError(f"unknown cover '{ctx.template.cover}'",
                            file=ctx.template_dir / "template.yaml",
                            hint=f"use one of: {', '.join(sorted(COVERS))}, or none")
        cover = COVERS[ctx.template.cover](ctx, summary)
    body = number_figures(body_sections(ctx), ctx.template.chart_data)
    if ctx.template.toc:
        body = (m.TableOfContents(), *body)
    return m.Document(meta=metadata(ctx, created), body=body, cover=cover,
                      template=ctx.template.name)


def output_stem(ctx: ComposeContext) -> str:
    """'2017-01-corporate-parenting-performance': period first so files sort by month."""
    name = ctx.spec.output_name or anchor_for(ctx.spec.title.split("\u2013")[0])
    stem = f"{ctx.spec.period}-{name}"
    if ctx.spec.area and ctx.results.area:
        stem += f"-{anchor_for(ctx.results.area)}"
    return stem


# Report types whose builtins and covers live in their own modules register on import.
from reportgen.compose import (  # noqa: E402, F401
    la_benchmark,
    minutes,
    surgery,
    surgery_analysis,
    surgery_graphs,
    surgery_plan,
)
