"""One pack (public or full, agenda or supplement) from resolved items, in memory.

Every generated part (front sheet and agenda, each report, each exempt notice, blank
pages reserved for each external PDF) goes through ONE WeasyPrint layout, or with Typst
is compiled on its own and merged (``pack.typst_pack``), so either way the pack has one
structure tree, page numbers run on, and the agenda's page references come from the
real layout. The PDF is then finished with pikepdf (``pdfops``): external pages
drawn onto their placeholders, and the outline rebuilt per item.

An exempt item's content never enters a public pack's layout: its Document is simply
not a part, so neither its text, its images, its fonts' glyphs nor its headings can
reach the file.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from reportgen import formatting as fmt
from reportgen import model as m
from reportgen.pack import pdfops
from reportgen.pack.agenda import AgendaView, agenda_document, agenda_title, exempt_notice
from reportgen.pack.items import PackItem
from reportgen.pack.spec import MeetingSpec
from reportgen.render.html.parts import Part, PrefixedAnchors
from reportgen.render.theme import Theme

FRONT = "front"


@dataclass(frozen=True)
class ItemPages:
    """Where an item sits in the pack: 1-based first and last page."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class BuiltPack:
    """A finished pack in memory: nothing is written until every pack has built."""

    view: AgendaView
    pdf: bytes
    docx: bytes
    items: list[PackItem]
    pages: dict[int, ItemPages]
    page_count: int


def _stamp(item: PackItem, view: AgendaView) -> str:
    if item.exempt is not None and not view.public:
        return f"Agenda Item {item.number} – NOT FOR PUBLICATION"
    return f"Agenda Item {item.number}"


def item_part(
    item: PackItem, spec: MeetingSpec, view: AgendaView, created: dt.datetime | None
) -> Part:
    """The part for a report, a file or (public pack) an exempt item's notice."""
    ident, stamp = f"item-{item.number}", _stamp(item, view)
    if item.withheld(view.public):
        return Part(
            id=ident,
            doc=exempt_notice(item, spec, created),
            prefix=ident + "-",
            stamp=stamp,
            banner=False,
        )
    if item.kind == "file":
        return Part(
            id=ident,
            placeholder_pages=item.pages,
            stamp=stamp,
            running_header=item.shown_title(view.public),
        )
    assert item.doc is not None
    return Part(id=ident, doc=item.doc, prefix=ident + "-", stamp=stamp)


def pack_meta(spec: MeetingSpec, view: AgendaView, created: dt.datetime | None) -> m.Metadata:
    scope = "public pack" if view.public else "full pack including exempt items"
    return m.Metadata(
        title=f"{agenda_title(spec, view)} ({scope})",
        author=spec.contact.name if spec.contact else "",
        subject=f"{spec.committee}, {fmt.fmt_date(spec.date)}",
        created=created,
    )


def _bookmark_title(item: PackItem, view: AgendaView) -> str:
    if item.withheld(view.public):
        assert item.exempt is not None
        return f"Item {item.number}: Exempt item (paragraph {item.exempt.paragraph})"
    return f"Item {item.number}: {item.title}"


def _heading_marks(
    item: PackItem, positions: dict[str, tuple[int, float]]
) -> tuple[pdfops.Bookmark, ...]:
    """A report's top-level sections, where the layout put them (its title is the
    item's own entry)."""
    doc = item.doc
    if doc is None:
        return ()
    anchors = PrefixedAnchors(doc, f"item-{item.number}-")
    sections = [b for b in doc.body if isinstance(b, m.Section) and b.bookmark]
    marks = []
    for section in sections:
        page, top = positions[anchors[section]]
        marks.append(pdfops.Bookmark(section.heading, page, top))
    return tuple(marks)


def bookmarks(
    items: list[PackItem], view: AgendaView, positions: dict[str, tuple[int, float]]
) -> list[pdfops.Bookmark]:
    """Front sheet, agenda, then one entry per item (report headings beneath)."""
    marks = [
        pdfops.Bookmark("Front sheet", *positions["front-sheet"]),
        pdfops.Bookmark(view.label, *positions["agenda"]),
    ]
    for item in items:
        page, top = positions[f"item-{item.number}"]
        children = () if item.withheld(view.public) else _heading_marks(item, positions)
        marks.append(pdfops.Bookmark(_bookmark_title(item, view), page, top, children))
    return marks


def item_pages(
    items: list[PackItem], positions: dict[str, tuple[int, float]], page_count: int
) -> dict[int, ItemPages]:
    """First and last page of every item (a text item sits on its agenda page)."""
    starts = {i.number: positions[f"item-{i.number}"][0] + 1 for i in items}
    part_starts = sorted(starts[i.number] for i in items if i.kind != "text")
    pages = {}
    for item in items:
        start = starts[item.number]
        if item.kind == "text":
            end = start
        else:
            end = next((s - 1 for s in part_starts if s > start), page_count)
        pages[item.number] = ItemPages(item.number, start, end)
    return pages


def underlays(
    items: list[PackItem], view: AgendaView, positions: dict[str, tuple[int, float]]
) -> list[pdfops.Underlay]:
    found = []
    for item in items:
        if item.kind != "file" or item.withheld(view.public):
            continue
        assert item.pdf is not None
        for n in range(item.pages):
            target = positions[f"item-{item.number}-page-{n + 1}"][0]
            found.append(pdfops.Underlay(item.pdf, n, target))
    return found


Laid = tuple[Any, dict[str, tuple[int, float]]]


def _weasyprint_layout(
    parts: list[Part],
    meta: m.Metadata,
    theme: Theme,
    footer: str,
    created: dt.datetime | None,
) -> Laid:
    """The pack's one WeasyPrint layout pass: PDF bytes and anchor positions."""
    from reportgen.render.pdf.parts import anchor_positions, layout_parts, write_parts

    rendered = layout_parts(parts, meta, theme, footer)
    return write_parts(rendered, created), anchor_positions(rendered)


def _typst_layout(
    parts: list[Part],
    meta: m.Metadata,
    theme: Theme,
    footer: str,
    created: dt.datetime | None,
    stack: ExitStack,
    early: _WordAgenda | None = None,
) -> Laid:
    """The Typst pack: parts compiled apart and merged (``pack.typst_pack``), the open
    merged PDF kept open by ``stack``; its table tags are fixed as the parts merge.
    ``early`` makes the Word agenda while the front's last compile runs."""
    from reportgen.pack.typst_pack import layout_pack

    laid = layout_pack(parts[0], parts[1:], meta, theme, footer, created, stack, early)
    return laid.pdf, laid.positions


@dataclass
class _WordAgenda:
    """The Word agenda with the items' real first pages, made once they are known
    (early, from where the anchors will land) and made again only if they moved."""

    spec: MeetingSpec
    items: list[PackItem]
    view: AgendaView
    theme: Theme
    created: dt.datetime | None
    made: tuple[dict[int, int], bytes] | None = None

    def __call__(self, positions: dict[str, tuple[int, float]]) -> None:
        self.docx(positions)

    def docx(self, positions: dict[str, tuple[int, float]]) -> bytes:
        from reportgen.render.docx import render_docx

        starts = {i.number: positions[f"item-{i.number}"][0] + 1 for i in self.items}
        if self.made is None or self.made[0] != starts:
            front = agenda_document(self.spec, self.items, self.view, self.created, starts)
            self.made = (starts, render_docx(front, self.theme))
        return self.made[1]


def assemble(
    spec: MeetingSpec,
    items: list[PackItem],
    view: AgendaView,
    theme: Theme,
    created: dt.datetime | None,
    engine: str = "weasyprint",
) -> BuiltPack:
    """Lay out, write and finish one pack; the Word agenda gets the real page numbers."""
    word = _WordAgenda(spec, items, view, theme, created)
    front = agenda_document(spec, items, view, created)
    parts = [Part(id=FRONT, doc=front, running_header=front.meta.running_header)]
    parts += [item_part(i, spec, view, created) for i in items if i.kind != "text"]
    footer = f"{spec.committee}, {fmt.fmt_date(spec.date)}"
    meta = pack_meta(spec, view, created)
    with ExitStack() as stack:
        if engine == "typst":
            written, positions = _typst_layout(parts, meta, theme, footer, created, stack, word)
        else:
            written, positions = _weasyprint_layout(parts, meta, theme, footer, created)
        pdf, page_count = pdfops.finish_pdf(
            written, underlays(items, view, positions), bookmarks(items, view, positions)
        )
    pages = item_pages(items, positions, page_count)
    return BuiltPack(view, pdf, word.docx(positions), items, pages, page_count)
