"""PDF writer: the HTML writer's output laid out by WeasyPrint as tagged PDF/UA-1.

Layout and writing are separate steps, as in WeasyPrint itself: ``layout_pdf`` returns
the rendered document, which knows its page count and the page of every anchor (what
an agenda pack needs for page references); ``write_pdf`` turns it into bytes.

Determinism: no wall-clock dates (``meta.created`` or SOURCE_DATE_EPOCH only) and a
content-derived PDF /ID, so the same document gives the same bytes.

Library patches, each in one documented, version-guarded module: ``weasyprint_patches``
(lean user-agent sheet), ``pydyf_patches`` (cached page list for long packs) and
``fonttools_patches`` (reproducible font timestamps).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import weasyprint

from reportgen import model as m
from reportgen.render.common import created_at
from reportgen.render.html import render_html
from reportgen.render.pdf.fetcher import LockedURLFetcher
from reportgen.render.pdf.fonttools_patches import font_clock
from reportgen.render.pdf.tagging import fix_tags, link_labels
from reportgen.render.pdf.weasyprint_patches import html_document
from reportgen.render.theme import Theme

__all__ = ["PDF_OPTIONS", "anchor_pages", "layout_pdf", "render_pdf", "write_pdf"]

#: Options for ``write_pdf``. Fonts are subset (full_fonts False: smaller, faster);
#: charts are inline SVG so there are no raster images to optimise.
PDF_OPTIONS: dict[str, Any] = {
    "pdf_variant": "pdf/ua-1",
    "pdf_identifier": True,
    "full_fonts": False,
    "optimize_images": False,
}


def layout_pdf(doc: m.Document, theme: Theme) -> weasyprint.Document:
    """Lay the document out; read ``len(result.pages)`` or ``anchor_pages(result)``."""
    html = html_document(
        render_html(doc, theme),
        base_url=theme.folder.as_uri() + "/",
        url_fetcher=LockedURLFetcher(theme.roots),
    )
    return html.render(pdf_variant=PDF_OPTIONS["pdf_variant"], pdf_tags=True)


def write_pdf(rendered: weasyprint.Document, created: datetime | None = None) -> bytes:
    """Write an already laid-out document as PDF/UA-1 bytes.

    ``created`` (the document's date) keeps embedded font timestamps reproducible.
    """
    with font_clock(created):
        data = rendered.write_pdf(**PDF_OPTIONS)
    assert isinstance(data, bytes)
    # WeasyPrint's tags, repaired: header-cell scopes, margin boxes and contents-line
    # leaders as artifacts, links described by their text (see tagging)
    return fix_tags(data, link_labels(rendered))


def render_pdf(doc: m.Document, theme: Theme) -> bytes:
    """Layout and write in one call."""
    return write_pdf(layout_pdf(doc, theme), created_at(doc))


def anchor_pages(rendered: weasyprint.Document) -> dict[str, int]:
    """Page number (1-based) of every element id: sections, tables, figures."""
    pages: dict[str, int] = {}
    for number, page in enumerate(rendered.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages
