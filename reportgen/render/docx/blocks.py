"""Model blocks -> Word paragraphs and tables, by named style only.

Every look (font, size, colour, indent) lives in the reference document's styles; this
module only chooses style names and writes text, so a council restyles Word output by
editing reference.docx. Raw XML goes through ``ooxml``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, assert_never

from docx.enum.text import WD_BREAK
from docx.shared import Mm, RGBColor

from reportgen import model as m
from reportgen.render.common import Anchors, image_png, toc_entries, word_heading_style
from reportgen.render.docx import ooxml
from reportgen.render.docx.pages import TEXT_WIDTH_MM, turn_page
from reportgen.render.docx.tables import add_definition_list, add_table
from reportgen.render.theme import Theme

LINK_COLOUR = RGBColor(0x1F, 0x3A, 0x60)


@dataclass
class Writer:
    """State for one DOCX render: the theme, section anchors and bookmark ids."""

    doc: m.Document
    theme: Theme
    anchors: Anchors
    next_bookmark: int = 1
    styles: set[str] = field(default_factory=set)
    landscape: bool = False  # the orientation of the Word section being written
    new_page: bool = False  # a section break has just started a page
    text_width_mm: float = TEXT_WIDTH_MM  # its width between the margins, for tables

    def style(self, name: str | None, fallback: str) -> str:
        """``name`` if the reference document defines it, else ``fallback``."""
        return name if name and name in self.styles else fallback


def add_runs(paragraph: Any, runs: tuple[m.Text, ...]) -> None:
    for run in runs:
        if run.link:
            link = ooxml.add_hyperlink(paragraph, run.link)
            r = paragraph.add_run(run.text)
            r.font.underline, r.font.color.rgb = True, LINK_COLOUR
            link.append(r._r)
        else:
            r = paragraph.add_run(run.text)
        r.bold, r.italic = run.bold or None, run.italic or None


def add_blocks(box: Any, blocks: tuple[m.Block, ...], w: Writer, depth: int,
               para_style: str | None = None) -> None:
    for node in blocks:
        if depth == 0 and hasattr(box, "add_section"):  # the body, not a table cell:
            # a landscape section gets a Word section of its own
            orient(box, isinstance(node, m.Section) and node.landscape, w)
        add_block(box, node, w, depth, para_style)
        w.new_page = False  # only the node that starts the turned page is already on it


def orient(document: Any, landscape: bool, w: Writer) -> None:
    """Turn the page here if the orientation changes (a new Word section)."""
    if landscape != w.landscape:
        w.text_width_mm = turn_page(document, landscape, w.doc, w.theme)
        w.landscape, w.new_page = landscape, True


def add_block(box: Any, node: m.Block, w: Writer, depth: int,
              para_style: str | None = None) -> None:
    """Dispatch on node type into ``box`` (the document body or a table cell)."""
    match node:
        case m.Section():
            add_section(box, node, w, depth + 1)
        case m.Paragraph():
            add_paragraph(box, node, w, para_style)
        case m.BulletList():
            add_list(box, node.items, node.ordered, 0)
        case m.Table():
            add_table(box, node, w.theme, width_mm=w.text_width_mm)
        case m.DefinitionList():
            add_definition_list(box, node, w.theme,
                                lambda cell, blocks: add_blocks(cell, blocks, w, depth),
                                width_mm=w.text_width_mm)
        case m.Figure():
            add_figure(box, node, w)
        case m.Callout():
            add_callout(box, node, w, depth)
        case m.PageBreak():
            box.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        case m.TableOfContents():
            add_contents(box, node, w)
        case _:
            assert_never(node)


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: a letter first, then letters, digits, underscores; <= 40."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    return (name if name[:1].isalpha() else "s_" + name)[:40]


def add_section(box: Any, node: m.Section, w: Writer, depth: int) -> None:
    heading = box.add_paragraph(style=word_heading_style(depth))
    if node.page_break_before and not w.new_page:  # a section break already turned it
        heading.paragraph_format.page_break_before = True
    w.new_page = False
    heading.add_run(f"{node.number}\t{node.title}" if node.number else node.title)
    if node.bookmark:
        ooxml.add_bookmark(heading, bookmark_name(w.anchors[node]), w.next_bookmark)
        w.next_bookmark += 1
    add_blocks(box, node.blocks, w, depth)


def add_paragraph(box: Any, node: m.Paragraph, w: Writer, override: str | None) -> None:
    default = "Numbered Paragraph" if node.number else "Body Text"
    style = override or w.style(w.theme.word_style(node.style), default)
    paragraph = box.add_paragraph(style=style)
    if node.number:
        paragraph.add_run(f"{node.number}\t")
    add_runs(paragraph, node.content)


def add_list(box: Any, items: tuple[m.ListItem, ...], ordered: bool, level: int) -> None:
    """Bullets use Word list styles; ordered items carry their number as text."""
    for position, item in enumerate(items, start=1):
        if ordered:
            paragraph = box.add_paragraph(style="List Item Numbered")
            paragraph.paragraph_format.left_indent = Mm(21 + 6 * level)
            paragraph.add_run(f"{position}.\t")
        else:
            paragraph = box.add_paragraph(style="List Bullet" if level == 0 else "List Bullet 2")
        add_runs(paragraph, item.content)
        add_list(box, item.children, ordered, level + 1)


def add_figure(box: Any, node: m.Figure, w: Writer) -> None:
    """PNG at its size in mm, alt text on the picture, caption, then the chart's data."""
    picture = box.add_paragraph(style="Figure")
    shape = picture.add_run().add_picture(io.BytesIO(image_png(node.image)),
                                          width=Mm(node.image.width_mm),
                                          height=Mm(node.image.height_mm))
    ooxml.set_alt_text(shape, node.alt, node.caption)
    box.add_paragraph(node.caption, style="Caption")
    if node.data_table is not None:
        box.add_paragraph(w.doc.meta.furniture.chart_data, style="Data Caption")
        add_table(box, node.data_table, w.theme, small=True, width_mm=w.text_width_mm)


def add_callout(box: Any, node: m.Callout, w: Writer, depth: int) -> None:
    if node.title:
        box.add_paragraph(node.title, style="Callout Title")
    add_blocks(box, node.blocks, w, depth, para_style="Callout")


def add_contents(box: Any, node: m.TableOfContents, w: Writer) -> None:
    """A real TOC field; its cached result lists the headings so the contents read
    correctly even before Word updates fields (page numbers appear on update)."""
    box.add_paragraph(node.title, style="TOC Heading")
    entries = toc_entries(w.doc, w.anchors, node.depth)
    lines = [(f"toc {min(e.level, 3)}", e.text) for e in entries] or [
        ("toc 1", w.doc.meta.furniture.toc_placeholder)]
    paragraphs = [box.add_paragraph(style=style) for style, _ in lines]
    ooxml.open_field(paragraphs[0], ooxml.toc_code(node.depth))
    for paragraph, (_, text) in zip(paragraphs, lines, strict=True):
        paragraph.add_run(text)
    ooxml.close_field(paragraphs[-1])
