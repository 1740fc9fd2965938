"""Decisions every renderer must make the same way: heading levels, anchors, contents.

Heading levels (the one rule, shared by HTML/PDF and DOCX):

* The report title is level 1: HTML ``<h1>``, Word ``Title``. It is the top-level
  ``Section`` of ``Document.cover`` (the committee cover sheet is one), or, if the
  cover has none, ``Metadata.title`` emitted by the renderer.
* A body section at nesting depth *d* is HTML ``<h{d+1}>`` and Word ``Heading {d}``;
  so "3 Key Issues" is h2 / Heading 1 and "3.4 Plans" is h3 / Heading 2. Sections
  nested inside the cover sit one level deeper than the cover title the same way.
* PDF bookmarks follow Word's navigation pane: the title and the body's top sections
  are both top-level bookmarks (h2 gets bookmark-level 1), so nothing is buried one
  level down under the title.

No level is ever skipped because the model's nesting cannot skip one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from reportgen import model as m

MAX_HTML_LEVEL = 6
MAX_WORD_LEVEL = 9


def html_level(depth: int) -> int:
    """HTML heading level for a section at ``depth`` (0 = cover title, 1 = body top)."""
    return min(depth + 1, MAX_HTML_LEVEL)


def word_heading_style(depth: int) -> str:
    """Word style for a section at ``depth``: Title for the cover, else Heading N."""
    return "Title" if depth <= 0 else f"Heading {min(depth, MAX_WORD_LEVEL)}"


def cover_has_title(doc: m.Document) -> bool:
    """True when the cover brings its own title section (so renderers add none)."""
    return any(isinstance(block, m.Section) for block in doc.cover)


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug or "section"


def _sections(blocks: tuple[m.Block, ...]) -> Iterator[m.Section]:
    for block, _ in m.walk(blocks):
        if isinstance(block, m.Section):
            yield block


class Anchors:
    """Stable, unique ids for every section (HTML ids, PDF links, Word bookmarks).

    A section's own ``anchor`` wins; otherwise the id comes from its number or title,
    so the same document always gets the same ids. Keyed by object identity because
    two sections may compare equal.
    """

    def __init__(self, doc: m.Document) -> None:
        self._ids: dict[int, str] = {}
        used: set[str] = set()
        for section in (*_sections(doc.cover), *_sections(doc.body)):
            base = section.anchor or "sec-" + _slug(section.number or section.title)
            candidate, n = base, 2
            while candidate in used:
                candidate, n = f"{base}-{n}", n + 1
            used.add(candidate)
            self._ids[id(section)] = candidate

    def __getitem__(self, section: m.Section) -> str:
        return self._ids[id(section)]


@dataclass(frozen=True)
class TocEntry:
    level: int  # 1 = a top-level body section
    text: str
    anchor: str


def toc_entries(doc: m.Document, anchors: Anchors, depth: int) -> list[TocEntry]:
    """Body sections down to ``depth`` levels, in order (the cover is not listed)."""
    return [
        TocEntry(d, block.heading, anchors[block])
        for block, d in m.walk(doc.body)
        if isinstance(block, m.Section) and d <= depth
    ]


def running_header(doc: m.Document) -> str:
    return doc.meta.running_header or doc.meta.title


def footer_text(doc: m.Document, theme_text: str) -> str:
    """The report's own footer (its council; an exempt report's NOT FOR PUBLICATION
    marking), then the theme's footer text: a house style adds to the footer and can
    never drop the marking."""
    own = doc.meta.footer_text
    if not theme_text or theme_text in own:
        return own
    return f"{own} \u2013 {theme_text}" if own else theme_text


def column_percentages(widths: tuple[float, ...] | None) -> tuple[float, ...] | None:
    """Relative column widths as percentages (the model gives proportions, any unit)."""
    if not widths or sum(widths) <= 0:
        return None
    total = sum(widths)
    return tuple(round(100 * w / total, 2) for w in widths)


def created_at(doc: m.Document) -> datetime | None:
    """The document's date for file metadata: ``meta.created``, else SOURCE_DATE_EPOCH,
    else none at all (so output never depends on the wall clock)."""
    if doc.meta.created is not None:
        return doc.meta.created
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return None


def image_png(image: m.Image) -> bytes:
    """The picture's PNG (for Word and HTML): its own, else its SVG rasterised by Typst
    (``render.raster``); an error that says why if the document has neither.

    Charts are saved only as SVG, the encoding the PDF engines read; the writers that
    need a PNG ask here, and ``render_docx`` rasterises all of a document's at once.
    """
    from reportgen.render import raster  # imports Typst only when a PNG is wanted

    data = raster.png(image)
    if data is None:
        raise ValueError("a picture in this document has neither an SVG nor a PNG copy")
    return data


#: The tallest a chart is drawn, in every writer: two to an A4 page with their words.
#: Taller, a chart moves on with its lead-in and leaves most of a page empty (issue 19).
MAX_PICTURE_MM = 90.0


def picture_size(image: m.Image) -> tuple[float, float]:
    """(width, height) in mm a chart is drawn at: its own, scaled down to the cap."""
    if image.height_mm <= MAX_PICTURE_MM:
        return image.width_mm, image.height_mm
    return image.width_mm * MAX_PICTURE_MM / image.height_mm, MAX_PICTURE_MM
