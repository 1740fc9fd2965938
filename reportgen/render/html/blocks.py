"""Model blocks -> semantic HTML5, one small function per node type.

The page skeleton (head, cover banner, print rules) is Jinja (``document.html.j2``);
the blocks are built here so that ``match`` can check every node type is handled
(``assert_never`` fails type-checking when the model grows). All text is escaped;
nothing is computed or reformatted.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import assert_never

from markupsafe import Markup, escape

from reportgen import model as m
from reportgen.render.common import (
    Anchors,
    column_percentages,
    html_level,
    image_png,
    picture_size,
    toc_entries,
)
from reportgen.render.theme import Theme


@dataclass(frozen=True)
class Ctx:
    """What block rendering needs besides the block itself."""

    doc: m.Document
    theme: Theme
    anchors: Anchors


def classes(*names: str | None) -> Markup:
    """A ``class="..."`` attribute from the non-empty names (or nothing)."""
    joined = " ".join(n for n in names if n)
    return Markup(' class="{}"').format(joined) if joined else Markup("")


def inline(runs: tuple[m.Text, ...]) -> Markup:
    return Markup("").join(_run(r) for r in runs)


def _run(run: m.Text) -> Markup:
    html = escape(run.text)
    if run.bold:
        html = Markup("<strong>{}</strong>").format(html)
    if run.italic:
        html = Markup("<em>{}</em>").format(html)
    if run.link:
        html = Markup('<a href="{}">{}</a>').format(run.link, html)
    return html


def blocks(items: tuple[m.Block, ...], ctx: Ctx, depth: int) -> Markup:
    """The blocks in order; a paragraph leading in to a table or figure keeps with it."""
    following = (*items[1:], None)[: len(items)]
    return Markup("\n").join(
        paragraph(b, ctx, "lead-in")
        if m.leads_in(b, after) and isinstance(b, m.Paragraph)
        else block(b, ctx, depth)
        for b, after in zip(items, following, strict=True)
    )


def block(node: m.Block, ctx: Ctx, depth: int) -> Markup:
    """Dispatch on node type; ``depth`` is the nesting depth of the enclosing section."""
    match node:
        case m.Section():
            return section(node, ctx, depth + 1)
        case m.Paragraph():
            return paragraph(node, ctx)
        case m.BulletList():
            return bullet_list(node)
        case m.Table():
            return table(node, ctx)
        case m.DefinitionList():
            return definition_list(node, ctx, depth)
        case m.Figure():
            return figure(node, ctx)
        case m.Callout():
            return callout(node, ctx, depth)
        case m.PageBreak():
            return Markup('<div class="page-break"></div>')
        case m.TableOfContents():
            return contents(node, ctx)
        case _:
            assert_never(node)


def section(node: m.Section, ctx: Ctx, depth: int) -> Markup:
    level = html_level(depth)
    number = (
        Markup('<span class="heading-number">{}</span> ').format(node.number)
        if node.number
        else Markup("")
    )
    css = classes(
        f"level-{depth}",
        "page-break-before" if node.page_break_before else None,
        None if node.bookmark else "no-bookmark",
        "landscape" if node.landscape and depth == 1 else None,
    )
    template = '<section id="{id}"{css}>\n<h{lv}{hcss}>{num}{title}</h{lv}>\n{body}\n</section>'
    return Markup(template).format(
        id=ctx.anchors[node],
        css=css,
        lv=level,
        hcss=classes("numbered" if node.number else None),  # a wrapped title hangs
        num=number,
        title=node.title,
        body=blocks(node.blocks, ctx, depth),
    )


def paragraph(node: m.Paragraph, ctx: Ctx, keep: str | None = None) -> Markup:
    style = ctx.theme.css_class(node.style)
    if node.number:
        return Markup('<p{css}><span class="para-number">{num}</span>{body}</p>').format(
            css=classes("numbered", style, keep), num=node.number, body=inline(node.content)
        )
    return Markup("<p{css}>{body}</p>").format(css=classes(style, keep), body=inline(node.content))


def bullet_list(node: m.BulletList) -> Markup:
    return _list_items(node.items, "ol" if node.ordered else "ul")


def _list_items(items: tuple[m.ListItem, ...], tag: str) -> Markup:
    parts = []
    for item in items:
        children = _list_items(item.children, tag) if item.children else Markup("")
        parts.append(Markup("<li>{}{}</li>").format(inline(item.content), children))
    return Markup("<{tag}>{items}</{tag}>").format(tag=tag, items=Markup("").join(parts))


def _cell(node: m.Cell, tag: str, scope: str | None) -> Markup:
    rating = f"rating rating-{node.rating}" if node.rating else None
    align = f"align-{node.align}" if node.align != "left" else None
    attrs = classes(align, rating)
    if scope:
        attrs += Markup(' scope="{}"').format(scope)
    if node.colspan > 1:
        attrs += Markup(' colspan="{}"').format(node.colspan)
    return Markup("<{tag}{attrs}>{body}{image}</{tag}>").format(
        tag=tag, attrs=attrs, body=inline(node.content), image=_cell_image(node)
    )


def _cell_image(node: m.Cell) -> Markup:
    """A small picture in a cell (a sparkline), sized in mm like a figure."""
    if node.image is None:
        return Markup("")
    return Markup(
        '<img class="cell-image" src="{src}" alt="{alt}" style="width: {w}mm; height: {h}mm">'
    ).format(src=image_src(node.image), alt=node.alt, w=node.image.width_mm, h=node.image.height_mm)


def _row(cells: tuple[m.Cell, ...], row_headers: bool) -> Markup:
    parts = [
        _cell(c, "th", "row") if i == 0 and row_headers else _cell(c, "td", None)
        for i, c in enumerate(cells)
    ]
    return Markup("<tr>{}</tr>").format(Markup("").join(parts))


def _colgroup(widths: tuple[float, ...] | None) -> Markup:
    percentages = column_percentages(widths)
    if not percentages:
        return Markup("")
    cols = Markup("").join(Markup('<col style="width: {}%">').format(p) for p in percentages)
    return Markup("<colgroup>{}</colgroup>").format(cols)


def table(node: m.Table, ctx: Ctx, extra_class: str | None = None) -> Markup:
    """The table, then its source line when it has one (issue 19)."""
    source = (
        Markup('\n<p class="source table-source">{}</p>').format(node.source)
        if node.source
        else Markup("")
    )
    return _table(node, ctx, extra_class) + source


def _table(node: m.Table, ctx: Ctx, extra_class: str | None = None) -> Markup:
    caption = Markup("<caption>{}</caption>").format(node.caption) if node.caption else Markup("")
    head = Markup("").join(_cell(c, "th", "col") for c in node.header)
    rows = Markup("\n").join(_row(r, node.row_headers) for r in node.rows)
    return Markup(
        "<table{css}>{caption}{cols}<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n"
        "</tbody></table>"
    ).format(
        css=classes(
            "report-table",
            extra_class,
            ctx.theme.css_class(node.style),
            "keep-together" if node.keep_together else "long-table",
        ),
        caption=caption,
        cols=_colgroup(node.widths),
        head=head,
        rows=rows,
    )


def definition_list(node: m.DefinitionList, ctx: Ctx, depth: int) -> Markup:
    """Label/value pairs as a table with row headers: reads right aloud and in print."""
    caption = Markup("<caption>{}</caption>").format(node.caption) if node.caption else Markup("")
    rows = Markup("\n").join(
        Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(
            label, blocks(value, ctx, depth)
        )
        for label, value in node.items
    )
    return Markup("<table{css}>{caption}<tbody>\n{rows}\n</tbody></table>").format(
        css=classes("definition-list", ctx.theme.css_class(node.style)), caption=caption, rows=rows
    )


def image_src(image: m.Image) -> str:
    """Data URI: SVG (vector, crisp in print) when given, else the PNG."""
    if image.svg is not None:
        return "data:image/svg+xml;base64," + base64.b64encode(image.svg).decode("ascii")
    return "data:image/png;base64," + base64.b64encode(image_png(image)).decode("ascii")


def figure(node: m.Figure, ctx: Ctx) -> Markup:
    img = node.image
    data = Markup("")
    if node.data_table is not None:
        data = Markup('<details class="figure-data" open><summary>{}</summary>{}</details>').format(
            ctx.doc.meta.furniture.chart_data, table(node.data_table, ctx, "data-table")
        )
    source = Markup('<p class="source">{}</p>').format(node.source) if node.source else Markup("")
    width, height = picture_size(img)
    return Markup(
        '<figure class="figure"><img src="{src}" alt="{alt}" '
        'style="width: {w}mm; height: {h}mm"><figcaption>{cap}</figcaption>{source}{data}'
        "</figure>"
    ).format(
        src=image_src(img),
        alt=node.alt,
        w=width,
        h=height,
        cap=node.caption,
        source=source,
        data=data,
    )


def callout(node: m.Callout, ctx: Ctx, depth: int) -> Markup:
    title = (
        Markup('<p class="callout-title"><strong>{}</strong></p>').format(node.title)
        if node.title
        else Markup("")
    )
    return Markup('<aside{css} aria-label="{label}">{title}\n{body}</aside>').format(
        css=classes("callout", f"callout-{node.kind}", ctx.theme.css_class(node.kind)),
        label=node.title or node.kind,
        title=title,
        body=blocks(node.blocks, ctx, depth),
    )


def contents(node: m.TableOfContents, ctx: Ctx) -> Markup:
    """Links to sections; print CSS adds the page numbers with ``target-counter``."""
    items = Markup("\n").join(
        Markup('<li class="toc-level-{lv}"><a href="#{anchor}">{text}</a></li>').format(
            lv=e.level, anchor=e.anchor, text=e.text
        )
        for e in toc_entries(ctx.doc, ctx.anchors, node.depth)
    )
    return Markup(
        '<nav class="toc" aria-label="{title}"><p class="toc-title">{title}</p>'
        "<ol>\n{items}\n</ol></nav>"
    ).format(title=node.title, items=items)
