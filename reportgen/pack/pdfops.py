"""PDF surgery after the single layout pass: external pages and the pack outline.

External pages are *drawn onto* the placeholder pages WeasyPrint reserved, not swapped
in. The pack keeps its own page objects, so its structure tree, page numbers, running
stamp ("Agenda Item 4") and footer stay intact, and every outline destination stays
valid. The external page becomes a Form XObject drawn underneath, scaled into the box
between the stamp and the footer, and wrapped as an /Artifact: its own tags are not
merged (merging foreign structure trees is where most tools lose them), so a screen
reader gets the pack's tags, and the external file should also be published on its own.

The outline is rebuilt here rather than by WeasyPrint's heading bookmarks so that each
item is one top-level entry ("Item 5: ...") with its report's main headings beneath,
and an exempt item in the public pack is only its number and paragraph.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, Rectangle, String

from reportgen.render.typst.tagging import open_pdf

MM = 72 / 25.4
#: Keep in step with ``@page external`` margins in pack.html.j2.
EXTERNAL_INSET = 12 * MM


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: title, 0-based page index, distance from the page top (pt)."""

    title: str
    page: int
    top: float = 0.0
    children: tuple[Bookmark, ...] = field(default=())


@dataclass(frozen=True)
class Underlay:
    """Draw page ``source_page`` (0-based) of ``pdf`` on pack page ``target`` (0-based)."""

    pdf: bytes
    source_page: int
    target: int


def _place(pdf: pikepdf.Pdf, page: pikepdf.Page, form: pikepdf.Object, key: str) -> None:
    box = page.mediabox
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    rect = Rectangle(0, EXTERNAL_INSET, width, height - EXTERNAL_INSET)
    # A name from the page number (not pikepdf's random prefix) keeps packs
    # reproducible; WeasyPrint pages may share one /Resources, so it must be unique.
    name = page.add_resource(form, Name.XObject, Name(f"/RgExternal{key}"), replace_existing=False)
    placement = page.calc_form_xobject_placement(
        form, name, rect, invert_transformations=True, allow_shrink=True, allow_expand=False
    )
    content = b"/Artifact BMC\n" + placement + b"\nEMC\n"
    page.contents_add(pikepdf.Stream(pdf, content), prepend=True)


def add_underlays(pdf: pikepdf.Pdf, underlays: list[Underlay], stack: ExitStack) -> None:
    """Draw each external page onto its placeholder. ``stack`` keeps the source PDFs
    open until the pack is saved (pikepdf copies stream data lazily)."""
    sources: dict[int, pikepdf.Pdf] = {}
    for item in underlays:
        key = id(item.pdf)
        if key not in sources:
            sources[key] = stack.enter_context(pikepdf.open(io.BytesIO(item.pdf)))
        source_page = sources[key].pages[item.source_page]
        form = pdf.copy_foreign(source_page.as_form_xobject())
        _place(pdf, pdf.pages[item.target], form, str(item.target + 1))


def _outline_level(pdf: pikepdf.Pdf, parent: Dictionary, marks: Sequence[Bookmark]) -> int:
    """Write ``marks`` as ``parent``'s outline entries, every one open, as pikepdf's
    outline writer does (``/Count`` the entries shown beneath, 0 on a leaf) but straight
    into dictionaries: a 1,000-page pack has 700 entries, and pikepdf's OutlineItem
    objects took 0.1 s to write them. Returns how many entries show beneath ``parent``."""
    count, previous = 0, None
    for mark in marks:
        page = pdf.pages[mark.page].obj
        top = max(float(page.MediaBox[3]) - mark.top, 0)
        item = pdf.make_indirect(
            Dictionary(
                Title=String(mark.title), Parent=parent, Dest=Array([page, Name.XYZ, 0, top, 0])
            )
        )
        if previous is None:
            parent.First = item
        else:
            previous.Next, item.Prev = item, previous
        previous = item
        count += 1 + _outline_level(pdf, item, mark.children)
    if previous is not None:
        parent.Last = previous
    parent.Count = count
    return count


def set_outline(pdf: pikepdf.Pdf, marks: list[Bookmark]) -> None:
    """Replace the outline with ``marks`` and open the bookmarks panel by default."""
    outlines = pdf.Root.get("/Outlines")
    if not isinstance(outlines, Dictionary):
        outlines = pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    for key in ("/First", "/Last", "/Count"):
        if key in outlines:
            del outlines[key]
    if _outline_level(pdf, outlines, marks) == 0:
        del outlines["/Count"]
    pdf.Root.PageMode = Name.UseOutlines


def finish_pdf(
    data: bytes | pikepdf.Pdf,
    underlays: list[Underlay],
    marks: list[Bookmark],
) -> tuple[bytes, int]:
    """The laid-out pack with external pages drawn in and the pack outline, and its page
    count. ``data`` is the written pack, or the open merged one (a Typst pack, which its
    caller keeps open; its table tags were fixed as its parts merged)."""
    with ExitStack() as stack:
        # an open merged pack as it is; written bytes from a file (qpdf reads natively)
        pdf = data if isinstance(data, pikepdf.Pdf) else stack.enter_context(open_pdf(data))
        add_underlays(pdf, underlays, stack)
        set_outline(pdf, marks)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue(), len(pdf.pages)
