"""Several documents as ONE HTML page: the input to an agenda pack's single layout pass.

Why one page: merging finished tagged PDFs loses their structure trees in most tools,
and an agenda needs the real page on which each item starts. Laying every generated
part out in one WeasyPrint pass keeps one structure tree, gives continuous page
numbers and lets the agenda use ``target-counter()`` for its page references.

Each part renders exactly as a single report does (same ``blocks()``, same cover
header); only its element ids are prefixed so that two reports' "sec-1" cannot clash.
Per-part running heads ("Agenda Item 5") are CSS named strings set by each part's
wrapper. A part may instead reserve blank placeholder pages, which the pack later
fills with an external PDF's pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from reportgen import model as m
from reportgen.render import common
from reportgen.render.html import _environment, _logo_src, stylesheet, watermark_src
from reportgen.render.html.blocks import Ctx, blocks
from reportgen.render.theme import Theme

__all__ = ["Part", "PrefixedAnchors", "render_html_parts"]

PACK_TEMPLATE = "pack.html.j2"


class PrefixedAnchors(common.Anchors):
    """A document's usual anchors with a prefix, unique across the parts of a pack."""

    def __init__(self, doc: m.Document, prefix: str) -> None:
        super().__init__(doc)
        self.prefix = prefix

    def __getitem__(self, section: m.Section) -> str:
        return self.prefix + super().__getitem__(section)


@dataclass(frozen=True)
class Part:
    """One piece of a pack: a document, or ``placeholder_pages`` blank pages.

    ``id`` is the wrapper's element id (what the agenda's page references point at);
    ``prefix`` is put before every section id inside the document; ``stamp`` is the
    running stamp in the top right corner ("Agenda Item 5"), ``running_header`` the top
    left one; ``banner`` repeats the council banner at the top of the part.
    """

    id: str
    doc: m.Document | None = None
    prefix: str = ""
    stamp: str = ""
    running_header: str = ""
    banner: bool = True
    placeholder_pages: int = 0

    def __post_init__(self) -> None:
        if (self.doc is None) == (self.placeholder_pages == 0):
            raise ValueError("a part is either a document or placeholder pages")


@dataclass(frozen=True)
class RenderedPart:
    """What the pack template needs for one part (markup already escaped)."""

    id: str
    stamp: str
    running_header: str
    draft: bool
    banner: bool
    title: str | None
    cover: Markup
    body: Markup
    placeholder_pages: int


def _render_part(part: Part, theme: Theme) -> RenderedPart:
    if part.doc is None:
        return RenderedPart(
            part.id,
            part.stamp,
            part.running_header,
            False,
            False,
            None,
            Markup(""),
            Markup(""),
            part.placeholder_pages,
        )
    doc = part.doc
    ctx = Ctx(doc=doc, theme=theme, anchors=PrefixedAnchors(doc, part.prefix))
    title = None if common.cover_has_title(doc) else doc.meta.title
    return RenderedPart(
        id=part.id,
        stamp=part.stamp,
        running_header=part.running_header or common.running_header(doc),
        draft=doc.meta.draft,
        banner=part.banner,
        title=title,
        cover=blocks(doc.cover, ctx, depth=-1),
        body=blocks(doc.body, ctx, depth=0),
        placeholder_pages=0,
    )


def render_html_parts(
    parts: list[Part], meta: m.Metadata, theme: Theme, footer_text: str = ""
) -> str:
    """All ``parts`` in one HTML page, ``meta`` describing the whole (title, language).

    Page numbers run on across every part; the footer shows ``footer_text`` (the theme's
    by default) and "Page N".
    """
    created = meta.created or common.created_at(m.Document(meta=meta, body=()))
    template = _environment(theme.roots).get_template(PACK_TEMPLATE)
    return template.render(
        meta=meta,
        council_name=theme.council_name,
        logo_src=_logo_src(theme),
        logo_alt=theme.logo_alt,
        stylesheet=stylesheet(theme),
        colours=theme.colours,
        footer_text=footer_text or theme.footer_text,
        watermark_src=watermark_src(theme, meta.furniture.draft_watermark),
        created=created.isoformat() if created else None,
        parts=[_render_part(p, theme) for p in parts],
    )
