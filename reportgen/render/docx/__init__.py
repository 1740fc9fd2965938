"""DOCX writer: the document model as a Word file built on the theme's reference.docx.

As in pandoc, the look comes from the reference document's named styles (generate it
with ``make_reference.py``); this writer only chooses styles and writes text. Raw XML
for what python-docx cannot do lives in ``ooxml``. Output is reproducible: core
properties use the document's own date (or SOURCE_DATE_EPOCH) and the zip entries
carry fixed dates.

Headings: the report title uses Word's ``Title`` style and a body section at depth N
uses ``Heading N`` (real outline levels, so the navigation pane and TOC field work).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from docx import Document as open_docx
from docx.oxml.ns import qn

from reportgen import model as m
from reportgen.render import common, raster
from reportgen.render.docx import ooxml
from reportgen.render.docx.blocks import add_blocks, flush_break
from reportgen.render.docx.docx_patches import (
    find_children_in_one_pass,
    memoise_style_ids,
    package_entries,
)
from reportgen.render.docx.fastxml import paragraph_style_names
from reportgen.render.docx.house import add_banner, apply_house_style
from reportgen.render.docx.numbers import Numbers
from reportgen.render.docx.pages import text_width_mm, write_footer
from reportgen.render.docx.writer import Writer
from reportgen.render.theme import Theme

__all__ = ["render_docx"]

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _empty_body(document: Any) -> None:
    """Keep the reference's page setup (sectPr) and drop any sample content."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _header_footer(document: Any, doc: m.Document, theme: Theme) -> None:
    """Running title in the header, footer text + 'Page X of Y' in the footer; the
    DRAFT watermark lives in the header so it repeats on every page."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.add_run(common.running_header(doc))
    if doc.meta.draft:
        ooxml.add_watermark(
            header, doc.meta.furniture.draft_watermark, theme.colour("watermark", "#C8C8C8")
        )
    write_footer(section, doc, theme)


def _properties(document: Any, doc: m.Document) -> datetime | None:
    props = document.core_properties
    meta = doc.meta
    props.title, props.author, props.subject = meta.title, meta.author, meta.subject
    props.keywords, props.language = ", ".join(meta.keywords), meta.language
    props.last_modified_by, props.comments, props.revision = meta.author, "", 1
    props.category = "Draft" if meta.draft else ""
    created = common.created_at(doc)
    if created is None:
        ooxml.drop_core_dates(props)
    else:
        props.created = props.modified = created
    return created


def _cover(document: Any, doc: m.Document, writer: Writer) -> None:
    add_banner(document, writer.theme, writer.styles)
    if doc.meta.draft:
        notice = document.add_paragraph(doc.meta.furniture.draft_notice, style="Draft Notice")
        notice.runs[0].font.all_caps = True  # shown in capitals, as the PDF's CSS does
    if not common.cover_has_title(doc):
        document.add_paragraph(doc.meta.title, style="Title")
    add_blocks(document, doc.cover, writer, depth=-1)
    writer.in_body = True


def _unnumbered_headings(document: Any, doc: m.Document) -> None:
    """A report without numbered headings: its heading styles count nothing, so an
    author's new heading is not numbered either."""
    if any(isinstance(b, m.Section) and b.number for b, _ in m.walk(doc.body)):
        return
    for level in range(1, 5):
        ooxml.drop_num_pr(document.styles[f"Heading {level}"].element.get_or_add_pPr())


def _writer(document: Any, doc: m.Document, theme: Theme) -> Writer:
    styles = paragraph_style_names(document.styles)
    sections = {
        b.anchor
        for b, _ in m.walk((*doc.cover, *doc.body))
        if isinstance(b, m.Section) and b.anchor
    }
    return Writer(
        doc=doc,
        theme=theme,
        anchors=common.Anchors(doc),
        styles=styles,
        numbers=Numbers(document),
        sections=sections,
        text_width_mm=round(text_width_mm(document.sections[0]), 1),  # the theme's margins
    )


#: Section anchor -> page, or what gives it when called (the PDF still being laid out).
Pages = Mapping[str, int] | Callable[[], Mapping[str, int]] | None


def render_docx(doc: m.Document, theme: Theme, pages: Pages = None) -> bytes:
    """The whole report as .docx bytes.

    ``pages`` maps section anchors to the page each heading falls on when the same
    model is laid out (``render.pdf.anchor_pages``); the contents list shows them. It
    may be a function giving them, called only when the rest of the file is written.

    ``w:updateFields`` is not set: every field already carries its current result
    (numbers, captions, references, contents with pages), so asking Word to refresh
    them on open would only add a prompt, which Protected View and Word Online refuse
    anyway. Word refreshes PAGE and NUMPAGES at every layout by itself.
    """
    raster.start(raster.images_in(doc))  # every chart's PNG, made while the body is written
    find_children_in_one_pass()
    document = open_docx(str(theme.file("reference.docx")))
    memoise_style_ids(document)
    _empty_body(document)
    ooxml.set_default_language(document.styles.element, doc.meta.language)
    ooxml.clear_update_fields(document.settings.element)
    apply_house_style(document, theme)
    _unnumbered_headings(document, doc)
    _header_footer(document, doc, theme)
    created = _properties(document, doc)
    writer = _writer(document, doc, theme)
    _cover(document, doc, writer)
    add_blocks(document, doc.body, writer, depth=0)
    flush_break(document, writer)
    writer.pages = dict((pages() if callable(pages) else pages) or {})
    for step in writer.later:
        step()
    stamp = created.timetuple()[:6] if created and created.year >= 1980 else ZIP_EPOCH
    return ooxml.zip_entries(package_entries(document), stamp, store_pictures=True)
