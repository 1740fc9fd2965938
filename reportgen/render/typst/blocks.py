"""Model blocks -> Typst code, one small function per node type.

The look lives in ``house.typ``; this module only says *what* each block is, calling the
house functions with the block's text as string literals (``code.lit``), so nothing in a
report can be read as Typst markup. Nothing is computed or reworded: numbers, ratings
and paragraph numbers arrive decided in the model, exactly as the HTML and DOCX writers
receive them. ``match`` ends in ``assert_never`` so a new node type fails type-checking
here until it is handled.

Heading levels follow ``render.common``: the report title is level 1, a body section at
depth d is level d + 1, so PDF/UA's "no skipped level" rule holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import assert_never

from reportgen import model as m
from reportgen.render.common import (
    Anchors,
    column_percentages,
    html_level,
    picture_size,
    toc_entries,
)
from reportgen.render.theme import Theme
from reportgen.render.typst.code import label, label_name, label_ref, lit, num, opt, show


@dataclass
class Assets:
    """Files handed to Typst beside the source, in its temporary root: pictures (SVG
    or PNG), the house style and the theme (``preamble``). Not ``sys.inputs``: every
    memoised step of Typst is keyed on them, so a chart there would make each document
    start from nothing."""

    files: dict[str, bytes] = field(default_factory=dict)
    row_header_tables: list[bool] = field(default_factory=list)
    #: positions (in ``row_header_tables``) of long tables drawn with a hidden spacer
    #: column (``table``); ``tagging`` takes its cells back out of the structure tree
    spacer_tables: list[int] = field(default_factory=list)
    #: image id -> (its key, the image): the image is held so that its id cannot be
    #: reused. A chart drawn smaller (``figure``'s ``_capped``) is a new Image that
    #: lived only for its call; keyed by a bare id, the next capped chart could get the
    #: same id and print the first one's picture under its own caption.
    _seen: dict[int, tuple[str, m.Image]] = field(default_factory=dict)

    def image(self, image: m.Image, alt: str) -> str:
        """Typst code drawing ``image`` at its size in mm, with its alt text."""
        size = f"width: {num(image.width_mm)}mm, height: {num(image.height_mm)}mm"
        return f'image({self.source(image)}, {size}, fit: "contain", alt: {show(alt)})'

    def source(self, image: m.Image) -> str:
        seen = self._seen.get(id(image))
        key = seen[0] if seen is not None else f"rg-img-{len(self._seen) + 1}"
        if seen is None:
            self._seen[id(image)] = (key, image)
            if image.svg is not None:
                self.files[key + ".svg"] = image.svg
            else:
                assert image.png is not None, "an Image has SVG or PNG"
                self.files[key + ".png"] = image.png
        name = key + (".svg" if key + ".svg" in self.files else ".png")
        return lit("/" + name)


@dataclass
class Ctx:
    """What block rendering needs besides the block itself."""

    doc: m.Document
    theme: Theme
    anchors: Anchors
    assets: Assets
    #: labels that exist in this Typst document: an internal link to any other anchor
    #: is printed as plain text (Typst refuses links to missing labels)
    labels: set[str] = field(default_factory=set)
    #: paragraph styles whose internal links are page references ("Page 12"): the
    #: target's page number is appended from the layout
    page_ref_styles: frozenset[str] = frozenset({"agenda-page"})
    #: one flag per table in emission (= structure tree) order: does its first column
    #: head its rows? (``tagging.mark_row_headers`` tags those cells after compiling)
    row_header_tables: list[bool] = field(default_factory=list)
    #: the hanging gutter of numbered paragraphs (narrower inside a cover sheet's cells)
    gutter: str = "15mm"
    #: False in a pack: its outline is rebuilt per item after layout
    bookmarks: bool = True
    #: figure (by ``id``) -> the mark placed before its lead-in sentence (``rg-figure``)
    lead_marks: dict[int, str] = field(default_factory=dict)
    #: False in a pack: a chart is never shrunk to fit under its lead-in there (each such
    #: chart costs Typst a layout pass, and a pack has more than its five)
    fit_charts: bool = True


def arr(items: list[str]) -> str:
    """A Typst array literal (``()`` when empty; one item needs the trailing comma)."""
    return "(" + ", ".join(items) + ",)" if items else "()"


def inline(runs: tuple[m.Text, ...], ctx: Ctx, page_ref: bool = False) -> str:
    """Runs as one content expression.

    A single run is its own expression (a string literal, or one ``strong``/``link``
    call), not a markup block around it: the same content and the same PDF, but Typst
    evaluates a ``[#...]`` block per cell and paragraph, which cost a tenth of a
    pack's layout time (most runs are single: a cell, a plain paragraph).
    """
    if not runs:
        return "[]"
    if len(runs) == 1:
        return _run(runs[0], ctx, page_ref)
    return "[" + "".join("#" + _run(r, ctx, page_ref) for r in runs) + "]"


def _run(run: m.Text, ctx: Ctx, page_ref: bool) -> str:
    code = show(run.text)
    if run.bold:
        code = f"strong({code})"
    if run.italic:
        code = f"emph({code})"
    if not run.link:
        return code
    if not run.link.startswith("#"):
        return f"link({lit(run.link)}, {code})"
    target = run.link[1:]
    if label_name(target) not in ctx.labels:
        return code
    if page_ref:
        number = f"context counter(page).at({label_ref(target)}).first()"
        return f'link({label_ref(target)}, {{ {code}; " "; {number} }})'
    return f"link({label_ref(target)}, {code})"


def blocks(items: tuple[m.Block, ...], ctx: Ctx, depth: int) -> str:
    """Blocks in order; a run of tables whose style says ``side_by_side`` is set as a
    row of that many across (the CSS floats them)."""
    out: list[str] = []
    run: list[m.Table] = []
    lead_ins = _lead_ins(items)
    for position, item in enumerate((*items, None)):
        style = ctx.theme.table_styles.get(item.style or "") if isinstance(item, m.Table) else None
        if isinstance(item, m.Table) and style is not None and style.side_by_side > 1:
            run.append(item)
            continue
        if run:
            across = ctx.theme.table_styles[run[0].style or ""].side_by_side
            out.append(f"#rg-side-by-side({across}, {arr([table(t, ctx) for t in run])})")
            run = []
        if isinstance(item, m.Paragraph) and position in lead_ins:
            following = items[position + 1]
            fits = ctx.fit_charts and id(following) not in ctx.lead_marks
            if isinstance(following, m.Figure) and fits:
                out.append(_lead_mark(following, ctx))
            out.append("#" + paragraph(item, ctx, keep=True))
        elif item is not None:
            out.append(block(item, ctx, depth))
    return "\n".join(out)


def _lead_mark(figure: m.Figure, ctx: Ctx) -> str:
    """The mark before a chart's lead-in (and before the headings that stick to it),
    where ``rg-figure`` reads the room the chart was meant to have."""
    mark = f"rg-lead-{len(ctx.lead_marks) + 1}"
    ctx.lead_marks[id(figure)] = mark
    return f"#rg-lead-mark({lit(mark)})"


def _opening_chart(items: tuple[m.Block, ...]) -> m.Figure | None:
    """The chart a section opens with under its lead-in (through nested headings): it
    gets no mark, since a mark between a heading and its lead-in would unstick them, and
    one before the heading makes the layout oscillate (Typst's five passes run out)."""
    if not items:
        return None
    if isinstance(items[0], m.Section):
        return _opening_chart(items[0].blocks)
    if len(items) > 1 and m.leads_in(items[0], items[1]) and isinstance(items[1], m.Figure):
        return items[1]
    return None


def _lead_ins(items: tuple[m.Block, ...]) -> set[int]:
    """Positions of the paragraphs that introduce the table or figure after them."""
    return {i for i, b in enumerate(items[:-1]) if m.leads_in(b, items[i + 1])}


def content(items: tuple[m.Block, ...], ctx: Ctx, depth: int) -> str:
    """Blocks as one content value (a table cell, a call-out body)."""
    return "[\n" + blocks(items, ctx, depth) + "\n]"


def block(node: m.Block, ctx: Ctx, depth: int) -> str:
    """Dispatch on node type; ``depth`` is the nesting depth of the enclosing section."""
    match node:
        case m.Section():
            return section(node, ctx, depth + 1)
        case m.Paragraph():
            return "#" + paragraph(node, ctx)
        case m.BulletList():
            return "#" + bullet_list(node.items, node.ordered, ctx)
        case m.Table():
            return "#" + table(node, ctx)
        case m.DefinitionList():
            return "#" + definition_list(node, ctx, depth)
        case m.Figure():
            return "#" + figure(node, ctx)
        case m.Callout():
            return "#" + callout(node, ctx, depth)
        case m.PageBreak():
            return "#pagebreak(weak: true)"
        case m.TableOfContents():
            return "#" + contents(node, ctx)
        case _:
            assert_never(node)


def section(node: m.Section, ctx: Ctx, depth: int) -> str:
    anchor = ctx.anchors[node]
    bookmarked = "true" if node.bookmark and ctx.bookmarks else "false"
    heading = (
        f"#rg-heading({html_level(depth)}, {opt(node.number)}, {show(node.title)}, "
        f"bookmarked: {bookmarked}) {label(anchor)}"
    )
    chart = _opening_chart(node.blocks)
    if chart is not None:  # no mark between a heading and what it sticks to
        ctx.lead_marks[id(chart)] = ""
    body = heading + "\n" + blocks(node.blocks, ctx, depth)
    if node.landscape and depth == 1:
        return f"#page(flipped: true)[\n{body}\n]"
    if node.page_break_before:
        return "#pagebreak(weak: true)\n" + body
    return body


def paragraph(node: m.Paragraph, ctx: Ctx, keep: bool = False) -> str:
    """``keep``: a lead-in, kept on the page of the table or figure it introduces."""
    page_ref = node.style in ctx.page_ref_styles
    extra = f", gutter: {ctx.gutter}" if node.number else ""
    extra += ", keep: true" if keep else ""
    return (
        f"rg-para({opt(node.number)}, {inline(node.content, ctx, page_ref)}, "
        f"style: {opt(node.style)}{extra})"
    )


def bullet_list(
    items: tuple[m.ListItem, ...], ordered: bool, ctx: Ctx, nested: bool = False
) -> str:
    kind = "enum" if ordered else "list"
    indent = "indent: 1mm, " if nested else ""
    parts = []
    for item in items:
        body = inline(item.content, ctx)
        if item.children:
            body = f"{{ {body}; {bullet_list(item.children, ordered, ctx, nested=True)} }}"
        parts.append(f"{kind}.item({body})")
    return f"{kind}({indent}{', '.join(parts)})"


def _cell_body(node: m.Cell, ctx: Ctx) -> str:
    body = inline(node.content, ctx)
    if node.image is not None:
        picture = f"box(baseline: 20%, {ctx.assets.image(node.image, node.alt)})"
        body = f"{{ {body}; h(3pt); {picture} }}"
    return body


def _head_cell(node: m.Cell, ctx: Ctx, extra: bool = False) -> str:
    """``extra``: the last header cell also spans the hidden spacer column."""
    span = node.colspan + int(extra)
    return f"rg-th({_cell_body(node, ctx)}, align: {_align(node.align)}, colspan: {span})"


def _body_cell(node: m.Cell, ctx: Ctx, bold: bool, column_align: str) -> str:
    """A body cell as its bare content where the table's defaults suit it (its column's
    alignment, one column, no rating), else a ``table.cell`` saying what differs: the
    same cell, without a house function call per cell (most of a table's cells)."""
    body = _cell_body(node, ctx)
    if bold:
        body = f"strong({body})"
    args = []
    if node.colspan != 1 or _align(node.align) != column_align:
        args.append(f"align: {_align(node.align)}, colspan: {node.colspan}")
    if node.rating is not None:
        args.append(f"fill: rg-col({lit('rating-' + node.rating)})")
    return f"table.cell({', '.join(args)}, {body})" if args else body


def _column_aligns(node: m.Table, width: int) -> list[str]:
    """Each column's most common body alignment, set once on the table (every row
    fills the columns exactly: ``m.Table`` refuses one that does not)."""
    counts: list[dict[str, int]] = [{} for _ in range(width)]
    for row in node.rows:
        column = 0
        for c in row:
            if c.colspan == 1:
                align = _align(c.align)
                counts[column][align] = counts[column].get(align, 0) + 1
            column += c.colspan
    return [max(c, key=lambda a: (c[a], a == "left")) if c else "left" for c in counts]


def _align(value: m.Align) -> str:
    return {"left": "left", "right": "right", "center": "center"}[value]


def _columns(node: m.Table, compact: bool) -> str:
    width = sum(c.colspan for c in node.header)
    percentages = column_percentages(node.widths)
    if percentages:
        return "(" + ", ".join(f"{num(p)}fr" for p in percentages) + ",)"
    if width > 2:
        # shares of the width by each column's longest word or figure, so that a wide
        # data table cannot squeeze one column until its text overlaps the next
        return "(" + ", ".join(f"{w}fr" for w in _content_widths(node, width)) + ",)"
    if compact:
        return "(" + "auto, " * width + ")"
    return "(1fr," + " auto," * (width - 1) + ")"


def _content_widths(node: m.Table, width: int) -> list[int]:
    """Per column, the length of its longest cell (header words count one by one, since
    a header wraps), at least 4: a layout measure, not a content decision."""
    longest = [4] * width
    for i, c in enumerate(node.header[:width]):
        longest[i] = max(longest[i], *(len(w) for w in c.text.split()), 4)
    for row in node.rows:
        for i, c in enumerate(row[:width]):
            longest[i] = max(longest[i], min(len(c.text), 40))
    return longest


def table(node: m.Table, ctx: Ctx, size: str = "none", compact: bool = False) -> str:
    """A data table; the header row is a real header (tagged TH, repeated on each page).

    A short table (``keep_together``) is one unbreakable block. A long one gets a hidden
    0 pt column whose cells span the first two and the last two body rows unbreakably,
    so no page holds its header with one row, nor one row under a repeated header (Typst
    has no row orphan control; its maintainers' workaround, typst/typst#4841).
    """
    ctx.row_header_tables.append(node.row_headers)
    spacer = not node.keep_together
    if spacer:
        ctx.assets.spacer_tables.append(len(ctx.row_header_tables) - 1)
    heads = [
        _head_cell(c, ctx, extra=spacer and i == len(node.header) - 1)
        for i, c in enumerate(node.header)
    ]
    width = sum(c.colspan for c in node.header)
    aligns = _column_aligns(node, width)
    cells: list[str] = []
    for index, row in enumerate(node.rows):
        column = 0
        for i, c in enumerate(row):
            bold = node.row_headers and i == 0
            cells.append(_body_cell(c, ctx, bold=bold, column_align=aligns[column]))
            column += c.colspan
        if spacer:
            cells += _spacer(index, len(node.rows))
    columns = _columns(node, compact)
    if spacer:
        columns = columns[:-1].rstrip().rstrip(",") + ", 0pt,)"
    align = arr([*aligns, *(["left"] if spacer else [])])
    return (
        f"rg-table({columns}, {arr(heads)}, {arr(cells)}, align: {align}, "
        f"caption: {opt(node.caption)}, size: {size}, "
        f"width: {'auto' if compact else '100%'}, style: {opt(node.style)}, "
        f"data: {_bool(compact)}, keep: {_bool(node.keep_together)}, "
        f"source: {opt(node.source or None)})"
    )


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _spacer(index: int, count: int) -> list[str]:
    """The hidden column's cell for body row ``index`` of ``count``: spanning two rows
    at either end (none on the second of those), one row elsewhere."""
    if index in (0, count - 2):
        return ["rg-spacer-2"]
    if index in (1, count - 1):
        return []
    return ["rg-spacer-1"]


def definition_list(node: m.DefinitionList, ctx: Ctx, depth: int) -> str:
    """Label/value pairs (a cover sheet) as a two-column table, labels shaded and
    tagged as row headers."""
    ctx.row_header_tables.append(True)
    inner = replace(ctx, gutter="9mm")
    rows = arr([f"({show(name)}, {content(value, inner, depth)})" for name, value in node.items])
    width = "28%" if node.style == "front-sheet" else "38%"
    return f"rg-deflist({rows}, caption: {opt(node.caption)}, label-width: {width})"


def figure(node: m.Figure, ctx: Ctx) -> str:
    data = "none"
    if node.data_table is not None:
        data = table(node.data_table, ctx, size='rg-pt("data")', compact=True)
    picture = ctx.assets.image(_capped(node.image), node.alt)
    return (
        f"rg-figure({picture}, {show(node.caption)}, data: {data}, "
        f"data-label: {show(ctx.doc.meta.furniture.chart_data)}, "
        f"source: {opt(node.source or None)}, lead: {_mark(ctx.lead_marks.get(id(node)) or None)})"
    )


def _mark(name: str | None) -> str:
    return "none" if name is None else lit(name)


def _capped(image: m.Image) -> m.Image:
    width, height = picture_size(image)
    return image if height == image.height_mm else replace(image, width_mm=width, height_mm=height)


def callout(node: m.Callout, ctx: Ctx, depth: int) -> str:
    title = opt(node.title or None)
    return f"rg-callout({lit(node.kind)}, {title}, {content(node.blocks, ctx, depth)})"


def contents(node: m.TableOfContents, ctx: Ctx) -> str:
    """Contents lines with page numbers from Typst's own layout."""
    entries = arr(
        [
            f"({e.level}, {show(e.text)}, {label_ref(e.anchor)})"
            for e in toc_entries(ctx.doc, ctx.anchors, node.depth)
        ]
    )
    return f"rg-toc({show(node.title)}, {entries})"
