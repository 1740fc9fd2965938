"""A spec's content items -> blocks: snippets, inline text, charts, tables, subsections.

Every report type builds its sections from these (the author's words under a computed
table, a minutes item's points), so this sits below the report types and the registry:
a type module imports it, and it imports no type module.
"""

from __future__ import annotations

from reportgen import model as m
from reportgen.compose import narrative
from reportgen.compose.context import ComposeContext
from reportgen.compose.numbering import anchor_for
from reportgen.compose.spec import ContentItem
from reportgen.compose.tables import table_blocks
from reportgen.compose.template import SectionDef


def content_blocks(
    ctx: ComposeContext, items: list[ContentItem], where: str
) -> tuple[m.Block, ...]:
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
        own = narrative.render_inline(
            ctx.narratives, item.text, ctx.variables, label=f"{ctx.spec_path} ({where})"
        )
    elif item.chart is not None:
        own = (chart_figure(ctx, item.chart),)
    elif item.table is not None:
        own = table_blocks(ctx, item.table)
    if item.heading is None:
        return own
    inner = own + content_blocks(ctx, item.items, f"{where} > {item.heading}")
    return (
        m.Section(
            item.heading,
            inner,
            anchor=anchor_for(item.heading),
            page_break_before=item.page_break_before,
        ),
    )


def author_blocks(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    """What the spec adds under a builtin section: the author's commentary, after the
    computed parts, so a sentence below a computed table is never lost."""
    return content_blocks(ctx, ctx.spec.sections.get(sdef.id, []), sdef.title)
