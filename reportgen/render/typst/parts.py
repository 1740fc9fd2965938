"""Several documents as ONE Typst document: the single layout pass behind an agenda pack.

The Typst counterpart of ``render/html/parts`` + ``render/pdf/parts``: one structure
tree, page numbers that run on across parts, and agenda page references completed by
Typst's own layout. Each part renders exactly as a single report does (same ``blocks``),
with its section labels prefixed so two reports' "sec-1" cannot clash; a part's running
head, stamp ("Agenda Item 5") and DRAFT watermark start on its first page.

A part may instead be ``placeholder_pages`` blank pages (12 mm top and bottom margins,
as ``pdfops.EXTERNAL_INSET`` expects) that the pack later draws an external PDF onto.
Headings carry no bookmarks here: the pack rebuilds the outline per item from the
positions this returns (``rg-mark``: page and distance from the page top, in points).

Parts are read by attribute (``id``, ``doc``, ``prefix``, ``stamp``, ``running_header``,
``banner``, ``placeholder_pages``), so the pack's ``Part`` objects come straight here
without this writer importing its HTML sibling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import pikepdf

from reportgen import model as m
from reportgen.render import common
from reportgen.render.theme import Theme
from reportgen.render.typst import compile_with_marks, cover_source, known_labels, preamble
from reportgen.render.typst.agenda import body_source
from reportgen.render.typst.blocks import Assets, Ctx
from reportgen.render.typst.code import label_name, lit, show
from reportgen.render.typst.tagging import fix_tables

__all__ = ["PackLayout", "PartLike", "layout_parts"]


class PartLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def doc(self) -> m.Document | None: ...
    @property
    def prefix(self) -> str: ...
    @property
    def stamp(self) -> str: ...
    @property
    def running_header(self) -> str: ...
    @property
    def banner(self) -> bool: ...
    @property
    def placeholder_pages(self) -> int: ...


class _Prefixed(common.Anchors):
    """A document's usual anchors with a prefix, unique across the parts of a pack."""

    def __init__(self, doc: m.Document, prefix: str) -> None:
        super().__init__(doc)
        self.prefix = prefix

    def __getitem__(self, section: m.Section) -> str:
        return self.prefix + super().__getitem__(section)


@dataclass(frozen=True)
class PackLayout:
    """The written pack and where every anchor landed: id -> (0-based page, pt from top).

    Its row header cells are not tagged yet: ``finish(pdf)`` does it on the pack's open
    PDF, in the same pikepdf pass that draws external pages and the outline (opening
    and saving a 1,000-page PDF twice took seconds).
    """

    pdf: bytes
    positions: dict[str, tuple[int, float]]
    row_header_tables: list[bool]
    spacer_tables: list[int] = field(default_factory=list)

    def finish(self, pdf: pikepdf.Pdf) -> None:
        """Take long tables' hidden spacer cells out of the tags, then tag the row
        header cells of the flagged tables (``tagging``)."""
        fix_tables(pdf, self.row_header_tables, self.spacer_tables)


def _runhead(part: PartLike) -> str:
    if part.running_header or part.doc is None:
        return part.running_header
    return common.running_header(part.doc)


def _draft(part: PartLike) -> bool:
    return part.doc is not None and part.doc.meta.draft


def _placeholders(part: PartLike, start: str) -> str:
    """Blank pages with the external-page margins, each marked for its underlay."""
    # each page holds a 1 pt block (nothing drawn): a page with only a mark on it would
    # count as empty and be dropped
    pages = "\n#pagebreak()\n".join(
        f"#block(height: 1pt, rg-mark({lit(f'{part.id}-page-{n + 1}')}))"
        for n in range(part.placeholder_pages)
    )
    return (
        f"#page(margin: (top: 12mm, bottom: 12mm, x: 20mm), header-ascent: 1.5mm, "
        f"footer-descent: 1.5mm)[\n{start}#rg-mark({lit(part.id)})\n{pages}\n]\n"
    )


def _document(part: PartLike, doc: m.Document, ctx: Ctx) -> str:
    return (
        f"#rg-mark({lit(part.id)})\n"
        + cover_source(doc, ctx, with_banner=part.banner)
        + "\n"
        + body_source(doc, ctx)
        + "\n"
    )


def _labels(parts: list[PartLike]) -> set[str]:
    found: set[str] = set()
    for part in parts:
        found.add(label_name(part.id))
        if part.doc is not None:
            found |= known_labels(part.doc, _Prefixed(part.doc, part.prefix))
    return found


def _part_label(part: PartLike) -> str:
    """An invisible labelled anchor at the part's start (the agenda links to it)."""
    return f"#metadata({lit(part.id)}) <{label_name(part.id)}>\n"


def layout_parts(
    parts: list[PartLike],
    meta: m.Metadata,
    theme: Theme,
    footer_text: str = "",
    created: datetime | None = None,
) -> PackLayout:
    """Every part in one Typst document, compiled to tagged PDF/UA-1."""
    assets, labels = Assets(), _labels(parts)
    flags: list[bool] = []
    chunks = []
    for part in parts:
        start = (
            f"#rg-part({show(_runhead(part))}, {show(part.stamp)}, "
            f"{'true' if _draft(part) else 'false'})\n" + _part_label(part)
        )
        if part.doc is None:
            chunks.append(_placeholders(part, start))
            continue
        chunks.append("#pagebreak(weak: true)\n" + start)
        ctx = Ctx(
            doc=part.doc,
            theme=theme,
            anchors=_Prefixed(part.doc, part.prefix),
            assets=assets,
            labels=labels,
            row_header_tables=flags,
            bookmarks=False,
            fit_charts=False,
        )
        chunks.append(_document(part, part.doc, ctx))
    first = parts[0] if parts else None
    head = preamble(
        meta,
        theme,
        _runhead(first) if first else "",
        footer_text or theme.footer_text,
        page_total=False,
        stamp=first.stamp if first else "",
        draft=_draft(first) if first else False,
    )
    assets.row_header_tables = flags
    source = head + "#show: rg-setup\n" + "".join(chunks) + "#rg-heading-marks\n"
    pdf, positions = compile_with_marks(source, assets, created or meta.created, tag_rows=False)
    return PackLayout(pdf, positions, flags, assets.spacer_tables)
