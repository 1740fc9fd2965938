"""Lay out several documents as one tagged PDF: the single pass behind an agenda pack.

WeasyPrint stays in ``render/pdf``: the pack asks for a layout here, reads page numbers
and anchor positions from the result, and writes it with ``write_parts``.

Scale: a cabinet pack passes 1,000 pages. WeasyPrint's tagging looks up the page list
(pydyf's ``PDF.page_references``, rebuilt from scratch on every call) once per tagged
element, which makes writing quadratic in the page count: over a third of the write
time of a 1,000-page pack. ``write_parts`` swaps in a cached equivalent while it
writes (``pydyf_patches``); the bytes are identical (tested).
"""

from __future__ import annotations

from datetime import datetime

import weasyprint

from reportgen import model as m
from reportgen.render.html.parts import Part, render_html_parts
from reportgen.render.pdf import PDF_OPTIONS, write_pdf
from reportgen.render.pdf.fetcher import LockedURLFetcher
from reportgen.render.pdf.pydyf_patches import cached_page_references
from reportgen.render.pdf.weasyprint_patches import html_document
from reportgen.render.theme import Theme

__all__ = ["anchor_positions", "cached_page_references", "layout_parts", "write_parts"]


def layout_parts(
    parts: list[Part], meta: m.Metadata, theme: Theme, footer_text: str = ""
) -> weasyprint.Document:
    """One WeasyPrint layout of every part; page numbers run on across parts."""
    html = html_document(
        render_html_parts(parts, meta, theme, footer_text),
        base_url=theme.folder.as_uri() + "/",
        url_fetcher=LockedURLFetcher(theme.roots),
    )
    return html.render(pdf_variant=PDF_OPTIONS["pdf_variant"], pdf_tags=True)


def anchor_positions(rendered: weasyprint.Document) -> dict[str, tuple[int, float]]:
    """(0-based page index, top in PDF points from the page top) of every element id.

    Outline entries built after the layout point at these positions.
    """
    found: dict[str, tuple[int, float]] = {}
    for index, page in enumerate(rendered.pages):
        for anchor, box in page.anchors.items():
            found.setdefault(anchor, (index, box[1] * 0.75))
    return found


def write_parts(rendered: weasyprint.Document, created: datetime | None = None) -> bytes:
    """``write_pdf`` (PDF/UA-1, tag fixes) in time linear in the page count."""
    with cached_page_references():
        return write_pdf(rendered, created)
