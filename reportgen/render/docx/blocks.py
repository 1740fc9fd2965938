"""Model blocks -> Word paragraphs and tables, by named style only.

Every look (font, size, colour, indent) lives in the reference document's styles; this
module only chooses style names and writes text, so a council restyles Word output by
editing reference.docx. Raw XML goes through ``ooxml``.

Nothing an author would have to renumber is typed: heading and paragraph numbers are
Word list numbering (``numbers``), figure and table numbers are SEQ fields, references
to them are REF fields (``fields``), and every field carries its current result.
"""

from __future__ import annotations

from typing import Any, assert_never

from docx.enum.text import WD_BREAK
from docx.shared import Pt

from reportgen import model as m
from reportgen.render.common import picture_size, word_heading_style
from reportgen.render.docx import fields, ooxml
from reportgen.render.docx.fastxml import add_text_run
from reportgen.render.docx.fields import bookmark_name
from reportgen.render.docx.numbers import Numbers, Place, infer
from reportgen.render.docx.pages import turn_page
from reportgen.render.docx.pictures import add_picture
from reportgen.render.docx.tables import (
    add_definition_list,
    add_table,
    ends_with_table,
    keep_last_row_with_next,
)
from reportgen.render.docx.writer import Writer, new_paragraph


def add_runs(paragraph: Any, runs: tuple[m.Text, ...], w: Writer | None = None) -> None:
    for run in runs:
        if run.ref and w is not None:
            fields.add_reference(paragraph, run.text, bookmark_name(run.ref), run.ref in w.sections)
            continue
        if run.link:
            link = ooxml.add_hyperlink(paragraph, run.link)
            r = paragraph.add_run(run.text, style="Hyperlink")
            link.append(r._r)
            r.bold, r.italic = run.bold or None, run.italic or None
        else:
            add_text_run(paragraph._p, run.text, run.bold, run.italic)


def add_blocks(
    box: Any, blocks: tuple[m.Block, ...], w: Writer, depth: int, para_style: str | None = None
) -> None:
    for position, node in enumerate(blocks):
        if depth == 0 and hasattr(box, "add_section"):  # the body, not a table cell:
            # a landscape section gets a Word section of its own
            orient(box, isinstance(node, m.Section) and node.landscape, w)
        if (
            isinstance(node, m.Table | m.DefinitionList)
            and not node.caption
            and ends_with_table(box)
        ):
            box.add_paragraph(style="Table Text")  # Word would join the two tables
        add_block(box, node, w, depth, para_style)
        if m.leads_in(node, blocks[position + 1] if position + 1 < len(blocks) else None):
            ooxml.keep_with_next(box.paragraphs[-1]._p.get_or_add_pPr())  # with its table
        w.new_page = False  # only the node that starts the turned page is already on it


def orient(document: Any, landscape: bool, w: Writer) -> None:
    """Turn the page here if the orientation changes (a new Word section)."""
    if landscape != w.landscape:
        w.text_width_mm = turn_page(document, landscape, w.doc, w.theme)
        w.landscape, w.new_page, w.break_pending = landscape, True, False


def flush_break(box: Any, w: Writer) -> None:
    """A page break before a table or picture: Word needs a paragraph to carry it."""
    if w.break_pending:
        box.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        w.break_pending = False


def add_block(
    box: Any, node: m.Block, w: Writer, depth: int, para_style: str | None = None
) -> None:
    """Dispatch on node type into ``box`` (the document body or a table cell)."""
    match node:
        case m.Section():
            add_section(box, node, w, depth + 1)
        case m.Paragraph():
            add_paragraph(box, node, w, para_style)
        case m.BulletList():
            add_list(
                box,
                node.items,
                w,
                node.ordered,
                0,
                w.numbers.ordered_list(node.start) if node.ordered else 0,
            )
        case m.Table():
            flush_break(box, w)
            table = add_table(
                box,
                node,
                w.theme,
                width_mm=w.text_width_mm,
                caption=lambda p: fields.add_table_caption(p, node, w),
            )
            if node.source:  # under the table, as under a chart (issue 19)
                keep_last_row_with_next(table)
                source_line(box, node.source)
        case m.DefinitionList():
            flush_break(box, w)
            add_definition_list(
                box,
                node,
                lambda cell, blocks: add_blocks(cell, blocks, w, depth),
                width_mm=w.text_width_mm,
            )
        case m.Figure():
            flush_break(box, w)
            add_figure(box, node, w)
        case m.Callout():
            add_callout(box, node, w, depth)
        case m.PageBreak():
            w.break_pending = True
        case m.TableOfContents():
            fields.add_contents(box, node, w)
        case _:
            assert_never(node)


def source_line(box: Any, text: str) -> None:
    """A "Source: ..." line under a chart or table: kept with what it closes, never with the
    heading after it (a chain of kept paragraphs leaves LibreOffice pages empty)."""
    paragraph = box.add_paragraph(text, style="Data Caption")
    paragraph.paragraph_format.space_before = Pt(1)  # set close under what it sources
    ooxml.free_of_next(paragraph._p.get_or_add_pPr())


def _place(w: Writer, label: str | None, numbering: m.Numbering | None) -> Place | None:
    if not label:
        return None
    return w.numbers.place(label, numbering or infer(label, w.in_body))


def add_section(box: Any, node: m.Section, w: Writer, depth: int) -> None:
    style = word_heading_style(depth)
    heading = new_paragraph(box, style, w)
    if node.page_break_before and not w.new_page:  # a section break already turned it
        heading.paragraph_format.page_break_before = True
    w.new_page = False
    place = _place(w, node.number, node.numbering) if depth > 0 else None
    style_level = Numbers.style_level(style)
    if place is not None and not Numbers.style_binds(place, style_level):
        ooxml.set_num_pr(heading._p.get_or_add_pPr(), place.num_id, place.ilvl)
    elif place is None and style != "Title":
        ooxml.set_num_pr(heading._p.get_or_add_pPr(), 0)  # not counted by its style
    if place is None and node.number:
        heading.add_run(f"{node.number}\t")
    heading.add_run(node.title)
    if node.bookmark:
        ooxml.add_bookmark(heading, bookmark_name(w.anchors[node]), w.bookmark_id())
    add_blocks(box, node.blocks, w, depth)


def add_paragraph(box: Any, node: m.Paragraph, w: Writer, override: str | None) -> None:
    place = _place(w, node.number, node.numbering)
    default = Numbers.paragraph_style(place) if node.number else "Body Text"
    style = override or w.style(w.theme.word_style(node.style), default)
    paragraph = new_paragraph(box, style, w)
    if place is not None:  # LibreOffice counts a paragraph only with its own numPr
        ooxml.set_num_pr(paragraph._p.get_or_add_pPr(), place.num_id, place.ilvl)
    elif place is None and node.number:
        ooxml.set_num_pr(paragraph._p.get_or_add_pPr(), 0)
        paragraph.add_run(f"{node.number}\t")
    add_runs(paragraph, node.content, w)


def add_list(
    box: Any, items: tuple[m.ListItem, ...], w: Writer, ordered: bool, level: int, num_id: int
) -> None:
    """Bullets use Word's bullet list styles; an ordered list is a Word list of its
    own that restarts at its first number."""
    for item in items:
        if ordered:
            paragraph = new_paragraph(box, "List Item Numbered", w)
            ooxml.set_num_pr(paragraph._p.get_or_add_pPr(), num_id, level)
        else:
            paragraph = new_paragraph(box, "List Bullet" if level == 0 else "List Bullet 2", w)
        add_runs(paragraph, item.content, w)
        add_list(box, item.children, w, ordered, level + 1, num_id)


def add_figure(box: Any, node: m.Figure, w: Writer) -> None:
    """PNG at its size in mm, alt text on the picture, caption, then the chart's data."""
    picture = box.add_paragraph(style="Figure")
    width, height = picture_size(node.image)
    shape = add_picture(picture.add_run(), node.image, width, height)
    ooxml.set_alt_text(shape, node.alt, node.caption)
    caption = box.add_paragraph(style="Caption")
    fields.add_figure_caption(caption, node, w)
    if not node.source and node.data_table is None:
        # a caption under its chart ends it: kept with the next chart, the two would
        # move on together and leave a page empty (issue 19)
        ooxml.free_of_next(caption._p.get_or_add_pPr())
    if node.source:  # under the caption, as the PDF prints it (issue 19)
        source_line(box, node.source)
    if node.data_table is not None:
        box.add_paragraph(w.doc.meta.furniture.chart_data, style="Data Caption")
        table = node.data_table
        add_table(
            box,
            table,
            w.theme,
            small=True,
            width_mm=w.text_width_mm,
            caption=lambda p: fields.add_table_caption(p, table, w),
        )


def add_callout(box: Any, node: m.Callout, w: Writer, depth: int) -> None:
    if node.title:
        new_paragraph(box, "Callout Title", w).add_run(node.title)
    add_blocks(box, node.blocks, w, depth, para_style="Callout")
