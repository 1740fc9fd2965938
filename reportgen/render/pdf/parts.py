"""Lay out several documents as one tagged PDF: the single pass behind an agenda pack.

WeasyPrint stays in ``render/pdf``: the pack asks for a layout here, reads page numbers
and anchor positions from the result, and writes it with ``write_pdf``.
"""

from __future__ import annotations

import weasyprint

from reportgen import model as m
from reportgen.render.html.parts import Part, render_html_parts
from reportgen.render.pdf import PDF_OPTIONS
from reportgen.render.pdf.fetcher import LockedURLFetcher
from reportgen.render.theme import Theme

__all__ = ["anchor_positions", "layout_parts"]


def layout_parts(parts: list[Part], meta: m.Metadata, theme: Theme,
                 footer_text: str = "") -> weasyprint.Document:
    """One WeasyPrint layout of every part; page numbers run on across parts."""
    html = weasyprint.HTML(string=render_html_parts(parts, meta, theme, footer_text),
                           base_url=theme.folder.as_uri() + "/",
                           url_fetcher=LockedURLFetcher(theme.roots))
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
