"""Typst writer: the document model as tagged PDF/UA-1, laid out and written by Typst.

A sibling of the DOCX and HTML writers (``render(document, options) -> bytes``): it
makes no content decisions, it only says what each block is (``blocks``) and lets the
house style (``house.typ``, sized and coloured from the theme) say how it looks.

Why Typst beside WeasyPrint: it lays out and writes a 13-page report in tens of
milliseconds instead of about a second, tags the PDF itself (header cells with /Scope,
figures with /Alt, running heads and page numbers as artifacts), and with
``pdf_standards=["ua-1"]`` refuses to write a document without a title, a picture
without alt text or a heading that skips a level: the gate is in the compiler.

The source is generated with every piece of text as a string literal (``code.lit``);
charts (SVG or PNG), the house style and the theme go in as files in a private temporary
root, so the compiler sees nothing of the machine but those files. The house style
(``rg-house.typ``) and the theme (``rg-theme.typ``) are modules the document imports,
the same text for every document of a theme: Typst reuses what it made of them, and of
anything laid out from them, from one compile to the next in a process (nothing differs
between compiles but the files: ``sys.inputs`` stay empty, since they are part of what
every memoised step of Typst is keyed on).
Determinism: the PDF's date is the document's (``meta.created`` or SOURCE_DATE_EPOCH),
never the wall clock, so the same document gives the same bytes.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen import model as m
from reportgen.render import common
from reportgen.render.theme import Theme
from reportgen.render.typst.blocks import Assets, Ctx, arr, blocks
from reportgen.render.typst.code import label, label_name, opt, show, theme_dict
from reportgen.render.typst.tagging import finish

__all__ = [
    "TypstRenderError",
    "compile_pdf",
    "compile_with_marks",
    "document_source",
    "heading_pages",
    "render",
    "render_typst",
    "render_typst_with_pages",
]

HOUSE = Path(__file__).with_name("house.typ")


#: After the preamble: the house style applied to everything that follows.
SETUP = "#show: rg-setup.with(rg-init)\n"


class TypstRenderError(RuntimeError):
    """Typst refused the generated document (a writer bug, or a model PDF/UA forbids)."""


@lru_cache(maxsize=1)
def fonts() -> Any:
    """One font set per process: scanning the system fonts costs ~40 ms."""
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


#: The house style and the theme as files beside the document (``preamble``).
HOUSE_FILE, THEME_FILE = "rg-house.typ", "rg-theme.typ"


@lru_cache(maxsize=1)
def house() -> bytes:
    return HOUSE.read_bytes()


def _date(created: datetime | None) -> str:
    if created is None:
        return "none"
    c = created.astimezone(UTC)
    return (
        f"datetime(year: {c.year}, month: {c.month}, day: {c.day}, hour: {c.hour}, "
        f"minute: {c.minute}, second: {c.second})"
    )


def _bool(value: bool) -> str:
    return "true" if value else "false"


def preamble(
    meta: m.Metadata,
    theme: Theme,
    runhead: str,
    footer: str,
    assets: Assets,
    page_total: bool = True,
    stamp: str = "",
    draft: bool = False,
) -> str:
    """Theme, house style and document metadata: the top of every Typst source. The
    house style and the theme are modules put in ``assets``; the source imports them
    and names this document's words and first page (``rg-init``), which the house
    functions take as an argument (``#show: rg-setup.with(rg-init)``).

    ``runhead``, ``stamp`` and ``draft`` are the first page's, drawn once; a document
    holding several pack parts sets each part's own where it starts
    (``parts._part_page``, ``house.typ``'s ``rg-part-page``).
    """
    words = meta.furniture  # every word around the content comes from the model
    init = (
        f"#let rg-init = (runhead: {show(runhead)}, footer: {show(footer)}, "
        f"stamp: {show(stamp)}, total: {_bool(page_total)}, draft: {_bool(draft)}, "
        f"notice: {show(words.draft_notice)}, watermark: {show(words.draft_watermark)}, "
        f"page: {show(words.page)}, of: {show(words.page_of)})\n"
    )
    document = (
        f"#set document(title: {show(meta.title)}, "
        f"author: {arr([show(meta.author)] if meta.author else [])}, "
        f"description: {opt(meta.subject or None)}, "
        f"keywords: {arr([show(k) for k in meta.keywords])}, "
        f"date: {_date(meta.created)})\n"
    )
    assets.files[HOUSE_FILE] = house()
    assets.files[THEME_FILE] = theme_dict(theme).encode("utf-8")
    return f'#import "/{HOUSE_FILE}": *\n' + init + document


def banner(theme: Theme, assets: Assets) -> str:
    """The council banner (logo and name) at the head of a cover, if the theme has one."""
    if not theme.council_name and theme.logo is None:
        return ""
    logo = "none"
    if theme.logo is not None:
        svg = theme.logo.suffix.lower() == ".svg"
        image = m.Image(
            png=None if svg else theme.logo.read_bytes(),
            width_mm=0,
            height_mm=0,
            svg=theme.logo.read_bytes() if svg else None,
        )
        logo = (
            f"image({assets.source(image)}, height: 16mm, "
            f"alt: {show(f'{theme.council_name} logo'.strip())})"
        )
    return f"#rg-banner({opt(theme.council_name or None)}, {logo})\n"


def cover_source(
    doc: m.Document, ctx: Ctx, title_label: str | None = None, with_banner: bool = True
) -> str:
    """Banner, draft notice, the title (unless the cover brings one), the cover blocks."""
    parts = [banner(ctx.theme, ctx.assets) if with_banner else ""]
    if doc.meta.draft:
        parts.append("#rg-draft-notice(rg-init)\n")
    if not common.cover_has_title(doc):
        mark = label(title_label) if title_label else ""
        parts.append(f"#rg-heading(1, none, {show(doc.meta.title)}) {mark}\n")
    parts.append(blocks(doc.cover, ctx, depth=-1))
    return "".join(parts)


def known_labels(doc: m.Document, anchors: common.Anchors) -> set[str]:
    sections = [b for b, _ in (*m.walk(doc.cover), *m.walk(doc.body)) if isinstance(b, m.Section)]
    return {label_name(anchors[s]) for s in sections}


def document_source(
    doc: m.Document, theme: Theme, heading_marks: bool = False
) -> tuple[str, Assets]:
    """The Typst source of one report and the pictures it reads; with ``heading_marks``
    it also records where every section heading lands (``heading_pages``)."""
    anchors = common.Anchors(doc)
    ctx = Ctx(
        doc=doc, theme=theme, anchors=anchors, assets=Assets(), labels=known_labels(doc, anchors)
    )
    footer = common.footer_text(doc, theme.footer_text)
    assets = ctx.assets
    head = preamble(
        doc.meta, theme, common.running_header(doc), footer, assets, draft=doc.meta.draft
    )
    body = cover_source(doc, ctx) + "\n" + blocks(doc.body, ctx, depth=0)
    setup = SETUP
    assets.row_header_tables = ctx.row_header_tables
    tail = "#rg-heading-marks\n" if heading_marks else ""
    return head + setup + body + "\n" + tail, assets


def compile_pdf(source: str, assets: Assets, created: datetime | None) -> bytes:
    """One report's PDF/UA-1 bytes: row headers tagged, the title's bookmark beside the
    top sections (``tagging.finish``)."""
    return compile_with_marks(source, assets, created, marks=False)[0]


def compile_with_marks(
    source: str,
    assets: Assets,
    created: datetime | None,
    marks: bool = True,
    lift_title: bool | None = None,
    tag_rows: bool = True,
) -> tuple[bytes, dict[str, tuple[int, float]]]:
    """The PDF, and where each ``rg-mark`` landed: id -> (0-based page, pt from the top).

    A refusal becomes ``TypstRenderError`` with Typst's own message and hints (it names
    what PDF/UA forbids). The marks are read from the same compilation (memoised:
    reading them costs nothing), which is how a pack learns its page numbers.
    ``lift_title`` (default: not ``marks``) lifts a report's title bookmark; a pack
    rebuilds its own outline. ``tag_rows=False`` leaves the row headers to the caller
    (a pack tags them in its own finishing pass: one pikepdf pass, not two).
    """
    import typst

    with tempfile.TemporaryDirectory(prefix="reportgen-typst-") as root:
        for name, data in assets.files.items():
            (Path(root) / name).write_bytes(data)
        main = Path(root) / "main.typ"  # a file, not bytes: query() re-reads the input
        main.write_text(source, encoding="utf-8")
        compiler = typst.Compiler(str(main), root=root, font_paths=fonts())
        stamp = int(created.timestamp()) if created is not None else 0
        try:
            written = compiler.compile(format="pdf", pdf_standards=["ua-1"], timestamp=stamp)
            found = json.loads(compiler.query("<rg-pos>", field="value")) if marks else []
        except typst.TypstError as exc:
            hints = "; ".join(exc.hints)
            raise TypstRenderError(
                f"Typst could not write the PDF: {exc.message}" + (f" ({hints})" if hints else "")
            ) from exc
    assert isinstance(written, bytes)
    positions: dict[str, tuple[int, float]] = {}
    for mark in (x for item in found for x in (item if isinstance(item, list) else [item])):
        positions.setdefault(str(mark["id"]), (int(mark["page"]) - 1, float(mark["y"])))
    lift = not marks if lift_title is None else lift_title
    if not tag_rows:
        return written, positions
    return finish(
        written, assets.row_header_tables, lift_title=lift, spacers=assets.spacer_tables
    ), positions


def render_typst(doc: m.Document, theme: Theme) -> bytes:
    """One report as tagged PDF/UA-1 bytes."""
    source, assets = document_source(doc, theme)
    return compile_pdf(source, assets, common.created_at(doc))


def heading_pages(doc: m.Document, positions: dict[str, tuple[int, float]]) -> dict[str, int]:
    """Section anchor -> 1-based page its heading landed on (from ``rg-heading-marks``):
    the page numbers a Word contents list of the same model shows."""
    anchors = common.Anchors(doc)
    sections = [b for b, _ in (*m.walk(doc.cover), *m.walk(doc.body)) if isinstance(b, m.Section)]
    found: dict[str, int] = {}
    for section in sections:
        place = positions.get(label_name(anchors[section]))
        if place is not None:
            found[anchors[section]] = place[0] + 1
    return found


def render_typst_with_pages(doc: m.Document, theme: Theme) -> tuple[bytes, dict[str, int]]:
    """One report's PDF and its headings' pages, from ONE compile: a DOCX built beside
    a Typst PDF numbers its contents list from this layout, never from WeasyPrint's."""
    source, assets = document_source(doc, theme, heading_marks=True)
    pdf, positions = compile_with_marks(source, assets, common.created_at(doc), lift_title=True)
    return pdf, heading_pages(doc, positions)


def render(document: m.Document, options: Theme) -> bytes:
    """The writer interface every renderer shares: ``render(document, options)``."""
    return render_typst(document, options)
