"""Lay out several documents as one tagged PDF: the single pass behind an agenda pack.

WeasyPrint stays in ``render/pdf``: the pack asks for a layout here, reads page numbers
and anchor positions from the result, and writes it with ``write_parts``.

Scale: a cabinet pack passes 1,000 pages. WeasyPrint's tagging looks up the page list
(pydyf's ``PDF.page_references``, rebuilt from scratch on every call) once per tagged
element, which makes writing quadratic in the page count: over a third of the write
time of a 1,000-page pack. ``write_parts`` swaps in a cached equivalent while it
writes; the bytes are identical (tested).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pydyf
import weasyprint

from reportgen import model as m
from reportgen.render.html.parts import Part, render_html_parts
from reportgen.render.pdf import PDF_OPTIONS, write_pdf
from reportgen.render.pdf.fetcher import LockedURLFetcher
from reportgen.render.pdf.useragent import html_document
from reportgen.render.theme import Theme

__all__ = ["anchor_positions", "cached_page_references", "layout_parts", "write_parts"]

_ORIGINAL = getattr(pydyf.PDF, "page_references", None)
_LOCK = threading.Lock()
_USERS = 0


def layout_parts(parts: list[Part], meta: m.Metadata, theme: Theme,
                 footer_text: str = "") -> weasyprint.Document:
    """One WeasyPrint layout of every part; page numbers run on across parts."""
    html = html_document(render_html_parts(parts, meta, theme, footer_text),
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


def _page_references(self: Any) -> tuple[bytes, ...]:
    """pydyf's ``page_references``, rebuilt only when a page has been added."""
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_reportgen_page_refs")
    if cached is None or cached[0] != len(kids):
        refs = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = (len(kids), refs)
        self.__dict__["_reportgen_page_refs"] = cached
    return cached[1]  # type: ignore[no-any-return]


@contextmanager
def cached_page_references() -> Iterator[None]:
    """Use the cached page list while any thread is inside; restore it afterwards.

    A no-op if a future pydyf no longer has the property (nothing to speed up).
    """
    global _USERS
    if not isinstance(_ORIGINAL, property):
        yield
        return
    with _LOCK:
        if _USERS == 0:
            pydyf.PDF.page_references = property(_page_references)
        _USERS += 1
    try:
        yield
    finally:
        with _LOCK:
            _USERS -= 1
            if _USERS == 0:
                pydyf.PDF.page_references = _ORIGINAL


def write_parts(rendered: weasyprint.Document, created: datetime | None = None) -> bytes:
    """``write_pdf`` (PDF/UA-1, tag fixes) in time linear in the page count."""
    with cached_page_references():
        return write_pdf(rendered, created)
