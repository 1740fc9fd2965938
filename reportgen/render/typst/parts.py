"""An agenda pack's parts, each laid out and written by Typst as its own document.

The Typst counterpart of ``render/html/parts`` + ``render/pdf/parts``. Each part (the
front sheet and agenda, a report, an exempt notice, the blank pages reserved for an
external PDF) is compiled on its own, so Typst holds one report's layout at a time
(a 1,000-page pack as ONE document held about 1.2 GB) and two parts compile at once
(Typst releases the GIL). ``reportgen.pack.merge`` then joins the tagged PDFs into one
structure tree.

Each part renders exactly as a single report does (same ``blocks``), with its section
labels prefixed so two reports' "sec-1" cannot clash in the merged file; its running
head, stamp ("Agenda Item 5") and DRAFT watermark are its own document's. The footer
("Page 12" counts pages across the whole pack) is the one thing a part cannot know
while it compiles, so parts are written without it and ``furniture_pdf`` writes
footers with the house style's own footer code, for the numbers the pack asks for
(``pack.footers``: a few templates it stamps every page from).

A part may be ``placeholder_pages`` blank pages (12 mm top and bottom margins, as
``pdfops.EXTERNAL_INSET`` expects) that the pack later draws an external PDF onto.
Headings carry no bookmarks: the pack rebuilds the outline per item from the positions
returned here (``rg-mark``: page and distance from the page top, in points).

Parts are read by attribute (``id``, ``doc``, ``prefix``, ``stamp``, ``running_header``,
``banner``, ``placeholder_pages``), so the pack's ``Part`` objects come straight here
without this writer importing its HTML sibling.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from reportgen import model as m
from reportgen.render import common
from reportgen.render.theme import Theme
from reportgen.render.typst import SETUP, compile_with_marks, cover_source, known_labels, preamble
from reportgen.render.typst.agenda import body_source
from reportgen.render.typst.blocks import Assets, Ctx
from reportgen.render.typst.code import label_name, lit, num, show

__all__ = [
    "TARGETS",
    "PageShape",
    "PartLike",
    "PartPdf",
    "compile_parts",
    "furniture_pdf",
]

#: The mark placed where a front part's stand-in link targets sit (``compile_part``).
TARGETS = "rg-link-targets"

#: The margins of an external PDF's placeholder pages.
_EXTERNAL_PAGE = (
    "margin: (top: 12mm, bottom: 12mm, x: 20mm), header-ascent: 1.5mm, footer-descent: 1.5mm"
)


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
class PartPdf:
    """One part's tagged PDF/UA-1 (no footer) and where its anchors landed: id ->
    (0-based page of this part, pt from the top).

    Its row header cells are not tagged yet: the pack tags them on the merged file, in
    the pikepdf pass that draws external pages and the outline. ``row_header_tables``
    has one flag per table in the part's structure order, ``spacer_tables`` positions
    in that list."""

    pdf: bytes
    positions: dict[str, tuple[int, float]]
    row_header_tables: list[bool]
    spacer_tables: list[int]

    @property
    def pages(self) -> int:
        """The part's page count, read from its last page marker (every part has one)."""
        return self.positions[_LAST][0] + 1


#: A mark after everything a part holds: the page it lands on is the part's last.
_LAST = "rg-part-end"


def _runhead(part: PartLike) -> str:
    if part.running_header or part.doc is None:
        return part.running_header
    return common.running_header(part.doc)


def _draft(part: PartLike) -> bool:
    return part.doc is not None and part.doc.meta.draft


def _placeholders(part: PartLike, start: str, end: str) -> str:
    """Blank pages with the external-page margins, each marked for its underlay."""
    # each page holds a 1 pt block (nothing drawn): a page with only a mark on it would
    # count as empty and be dropped
    pages = "\n#pagebreak()\n".join(
        f"#block(height: 1pt, rg-mark({lit(f'{part.id}-page-{n + 1}')}))"
        for n in range(part.placeholder_pages)
    )
    return f"#page({_EXTERNAL_PAGE})[\n{start}{pages}\n{end}]\n"


def _part_label(ident: str) -> str:
    """An invisible labelled anchor (the agenda links to a part's start)."""
    return f"#metadata({lit(ident)}) <{label_name(ident)}>\n"


def _stand_in(label: str, page: int) -> str:
    """A label another document owns, here at the end, where the page counter reads
    the page it starts on in the pack: the agenda's "Page 12" comes out as Typst writes
    it (parts have no footer, so the counter shows nowhere else)."""
    return f"#counter(page).update({page})\n{_part_label(label)}"


def _labels(parts: Sequence[PartLike], targets: Sequence[tuple[str, int]]) -> set[str]:
    found = {label_name(t) for t, _ in targets}
    for part in parts:
        found.add(label_name(part.id))
        if part.doc is not None:
            found |= known_labels(part.doc, _Prefixed(part.doc, part.prefix))
    return found


def _part_page(part: PartLike) -> str:
    """A part's running head, stamp and watermark from its first page on: a top-level
    page set rule (``house.typ``'s ``rg-part-page``), where the part starts a page
    anyway, so Typst draws them once a part and never looks them up per page."""
    draft = "true" if _draft(part) else "false"
    return (
        f"#set page(..rg-part-page(rg-init, {show(_runhead(part))}, {show(part.stamp)}, {draft}))\n"
    )


def _start(part: PartLike) -> str:
    """Where a part starts: its mark and its label."""
    return f"#rg-mark({lit(part.id)})\n{_part_label(part.id)}"


def _document(part: PartLike, doc: m.Document, ctx: Ctx) -> str:
    return (
        "#pagebreak(weak: true)\n"
        + _part_page(part)
        + _start(part)
        + cover_source(doc, ctx, with_banner=part.banner)
        + "\n"
        + body_source(doc, ctx)
        + "\n"
    )


def _sources(
    parts: Sequence[PartLike], theme: Theme, targets: Sequence[tuple[str, int]]
) -> tuple[str, Assets]:
    """The parts' content one after another; ``targets`` are labels other documents
    own that these link to (the agenda's page references) with their pack pages,
    stood in for at the end."""
    assets, labels = Assets(), _labels(parts, targets)
    flags: list[bool] = []
    chunks = []
    end = f"#rg-mark({lit(TARGETS)})\n" + "".join(_stand_in(t, p) for t, p in targets)
    end += f"#rg-mark({lit(_LAST)})\n"
    for number, part in enumerate(parts, start=1):
        last = end if number == len(parts) else ""
        if part.doc is None:
            chunks.append(_part_page(part) + _placeholders(part, _start(part), last))
            continue
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
        chunks.append(_document(part, part.doc, ctx) + last)
    assets.row_header_tables = flags
    return "".join(chunks), assets


def compile_parts(
    parts: Sequence[PartLike],
    meta: m.Metadata,
    theme: Theme,
    created: datetime | None = None,
    targets: Sequence[tuple[str, int]] = (),
) -> PartPdf:
    """Consecutive parts as one tagged PDF/UA-1 document, page footers left off (a
    few reports at a time: each Typst document costs a fixed ~25 ms to set up and
    write, fonts included, and holds its layout until written)."""
    body, assets = _sources(parts, theme, targets)
    first = parts[0]
    head = preamble(
        meta,
        theme,
        _runhead(first),
        "",
        assets,
        page_total=False,
        stamp=first.stamp,
        draft=_draft(first),
    )
    source = head + SETUP + "#set page(footer: none)\n" + body + "#rg-heading-marks\n"
    pdf, positions = compile_with_marks(source, assets, created or meta.created, tag_rows=False)
    return PartPdf(pdf, positions, assets.row_header_tables, assets.spacer_tables)


@dataclass(frozen=True)
class PageShape:
    """A pack page's size in points, and whether it holds an external PDF's page."""

    width: float
    height: float
    external: bool = False


def furniture_pdf(
    pages: Sequence[tuple[PageShape, int]],
    meta: m.Metadata,
    theme: Theme,
    footer_text: str,
    created: datetime | None = None,
) -> bytes:
    """One page per (shape, page number) given, each holding only its footer ("Page
    12"), drawn by the house style's footer code on a page of the same size and
    margins: the pack stamps these on its pages (``pack.footers``).

    Each page's number is written in, not read from Typst's page counter: a footer
    with no ``context`` is laid out in one pass."""
    body = "".join(
        f"#page(width: {num(s.width)}pt, height: {num(s.height)}pt, header: none, background: none"
        + (", " + _EXTERNAL_PAGE if s.external else "")
        + f", footer: rg-footer-line(rg-init, {number}))[]\n"
        for s, number in pages
    )
    assets = Assets()
    head = preamble(meta, theme, "", footer_text or theme.footer_text, assets, page_total=False)
    source = head + SETUP + body
    return compile_with_marks(
        source, assets, created or meta.created, marks=False, lift_title=False, tag_rows=False
    )[0]
