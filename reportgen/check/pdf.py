"""Accessibility checks on a real PDF: the tagged structure a screen reader will use.

Reads the structure tree with pikepdf rather than trusting the renderer: WeasyPrint's
PDF/UA mode is young, and an agenda pack is re-assembled after layout. Each finding
says where it is (page, heading number, table number) so it can be fixed.

Checked here: marked and tagged (``/MarkInfo``, ``/StructTreeRoot``, no
``/Suspects``), PDF/UA-1 identifier, language (``/Lang``), title (Info, XMP
``dc:title``, ``DisplayDocTitle``), headings that never skip a level and are not empty,
figures with alt text, tables with header cells that carry ``/Scope``, a valid
row/cell structure and no caption parted from its rows, reading order that never goes
back a page, and bookmarks. ``check.pages`` adds what the content streams and
annotations do (untagged or orphaned content, artifact nesting, links, tab order).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from reportgen.check.findings import Finding, error, warning
from reportgen.check.pages import (
    annotation_findings,
    font_findings,
    orphan_findings,
    untagged_findings,
)
from reportgen.check.validator import pdfua_findings

__all__ = ["check_pdf"]

LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
HEADING_RE = re.compile(r"^/H([1-6])$")
TABLE_PARTS = {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"}


@dataclass(frozen=True)
class Elem:
    """A structure element in reading order, with what the checks need to place it."""

    node: Dictionary
    role: str  # standard role after RoleMap
    page: int | None
    parent: str


def check_pdf(path: Path | str, language: str = "en-GB", independent: bool = True) -> list[Finding]:
    """Every accessibility finding for the PDF at ``path``; ``independent`` adds the
    findings of an independent PDF/UA validator (see ``check.validator``)."""
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        return [error("pdf-unreadable", f"cannot open as PDF: {exc}")]
    with pdf:
        found = document_findings(pdf, language)
        tree = pdf.Root.get("/StructTreeRoot")
        if not isinstance(tree, Dictionary):
            return [*found, error("pdf-untagged", "no structure tree: the PDF is not tagged")]
        elems = list(walk(pdf, tree))
        reachable = {e.node.objgen for e in elems}
        found += heading_findings(elems)
        found += figure_findings(elems)
        found += table_findings(elems)
        found += orphan_findings(pdf, tree, reachable)
        found += untagged_findings(pdf)
        found += annotation_findings(pdf, tree, reachable)
        found += font_findings(pdf)
        found += reading_order_findings(elems)
        found += bookmark_findings(pdf, elems)
    if independent:
        found += pdfua_findings(path)
    return found


# --------------------------------------------------------------- document level


def _xmp_title(pdf: pikepdf.Pdf) -> str:
    try:
        meta = pdf.open_metadata()
    except Exception:  # a broken XMP packet is reported as a missing title
        return ""
    return str(meta.get("dc:title") or "")


def document_findings(pdf: pikepdf.Pdf, language: str) -> list[Finding]:
    """Catalog-level requirements: marking, PDF/UA id, language and title."""
    root, found = pdf.Root, []
    mark = root.get("/MarkInfo")
    if not (isinstance(mark, Dictionary) and bool(mark.get("/Marked", False))):
        found.append(error("pdf-not-marked", "/MarkInfo /Marked is not true", "catalog"))
    xmp = root.get("/Metadata")
    if not (isinstance(xmp, pikepdf.Stream) and b"pdfuaid" in xmp.read_bytes()):
        found.append(
            error(
                "pdf-no-pdfua-id", "no PDF/UA-1 identifier in the XMP metadata", "catalog /Metadata"
            )
        )
    if isinstance(mark, Dictionary) and bool(mark.get("/Suspects", False)):
        found.append(
            error(
                "pdf-suspects",
                "/MarkInfo /Suspects is true: the producer was unsure of its own tags",
                "catalog",
            )
        )
    lang = str(root.get("/Lang", "")).strip()
    if not lang:
        found.append(error("pdf-no-language", "document language (/Lang) is not set", "catalog"))
    elif not LANG_RE.match(lang):
        found.append(error("pdf-bad-language", f"/Lang {lang!r} is not a language tag", "catalog"))
    elif lang.lower() != language.lower():
        found.append(
            warning("pdf-language", f"/Lang is {lang!r}, expected {language!r}", "catalog")
        )
    title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.trailer.get("/Info") else ""
    if not title:
        found.append(error("pdf-no-title", "no document title in /Info", "document info"))
    if not _xmp_title(pdf).strip():
        found.append(
            error("pdf-no-xmp-title", "no dc:title in the XMP metadata", "catalog /Metadata")
        )
    prefs = root.get("/ViewerPreferences")
    if not (isinstance(prefs, Dictionary) and bool(prefs.get("/DisplayDocTitle", False))):
        found.append(
            error(
                "pdf-title-not-displayed",
                "viewers are not asked to show the "
                "title (/ViewerPreferences /DisplayDocTitle true)",
                "catalog",
            )
        )
    return found


# --------------------------------------------------------------- structure tree


def _kids(node: pikepdf.Object) -> list[Dictionary]:
    k = node.get("/K")
    items = list(k) if isinstance(k, Array) else [k] if k is not None else []
    return [i for i in items if isinstance(i, Dictionary) and "/S" in i]


def _role_map(tree: pikepdf.Object) -> dict[str, str]:
    raw = tree.get("/RoleMap")
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, Dictionary) else {}


def walk(pdf: pikepdf.Pdf, tree: pikepdf.Object) -> Iterator[Elem]:
    """Structure elements in document (reading) order, roles mapped to standard ones."""
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    roles = _role_map(tree)
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Dictionary, int | None, str]] = [(k, None, "") for k in reversed(_kids(tree))]
    while stack:
        node, page, parent = stack.pop()
        if node.objgen in seen and node.objgen != (0, 0):
            continue
        seen.add(node.objgen)
        role = str(node.S)
        for _ in range(5):  # custom role -> standard role, at most a short chain
            role = roles.get(role, role)
        pg = node.get("/Pg")
        page = pages.get(pg.objgen, page) if isinstance(pg, Dictionary) else page
        yield Elem(node, role, page, parent)
        stack.extend((k, page, role) for k in reversed(_kids(node)))


def _marks_content(node: Dictionary) -> bool:
    """True if the element or a descendant holds marked content (text, image)."""
    stack = [node]
    while stack:
        k = stack.pop().get("/K")
        for item in list(k) if isinstance(k, Array) else [k] if k is not None else []:
            if isinstance(item, int) or (
                isinstance(item, Dictionary) and item.get("/Type") == Name.MCR
            ):
                return True
            if isinstance(item, Dictionary) and "/S" in item:
                stack.append(item)
    return False


def _page(e: Elem) -> str:
    return f"page {e.page}" if e.page else "page ?"


def heading_findings(elems: list[Elem]) -> list[Finding]:
    """Headings start at H1, never skip a level going down, and are not empty."""
    found: list[Finding] = []
    previous = 0
    for number, e in enumerate((e for e in elems if HEADING_RE.match(e.role)), start=1):
        level = int(e.role[2])
        where = f"{_page(e)}, heading {number} ({e.role[1:]})"
        if level > previous + 1:
            after = f"after H{previous}" if previous else "as the first heading"
            found.append(
                error(
                    "pdf-heading-skip",
                    f"H{level} {after}: heading levels must not be skipped",
                    where,
                )
            )
        if not _marks_content(e.node):
            found.append(error("pdf-heading-empty", "heading has no text", where))
        previous = level
    return found


def figure_findings(elems: list[Elem]) -> list[Finding]:
    found = []
    for number, e in enumerate((e for e in elems if e.role == "/Figure"), start=1):
        alt = str(e.node.get("/Alt", "") or e.node.get("/ActualText", "")).strip()
        if not alt:
            found.append(
                error(
                    "pdf-figure-no-alt",
                    "figure has no alternative text (/Alt)",
                    f"{_page(e)}, figure {number}",
                )
            )
    return found


def _table_attr(cell: Dictionary, key: str) -> pikepdf.Object | None:
    attrs = cell.get("/A")
    for owner in list(attrs) if isinstance(attrs, Array) else [attrs]:
        if isinstance(owner, Dictionary) and key in owner:
            return owner[key]
    return None


def _cells(table: Dictionary) -> Iterator[tuple[str, Dictionary, str]]:
    """(role, cell, parent role) of the table's own rows (not nested tables)."""
    for part in _kids(table):
        if str(part.S) == "/Caption":
            continue
        rows = _kids(part) if str(part.S) in ("/THead", "/TBody", "/TFoot") else [part]
        for row in rows:
            for cell in _kids(row):
                yield str(cell.S), cell, str(row.S)


def table_findings(elems: list[Elem]) -> list[Finding]:
    """Every table has header cells with a scope, and rows made of TH/TD only."""
    found: list[Finding] = []
    for number, e in enumerate((e for e in elems if e.role == "/Table"), start=1):
        where = f"{_page(e)}, table {number}"
        odd = sorted({str(k.S) for k in _kids(e.node)} - TABLE_PARTS)
        if odd:
            found.append(
                error(
                    "pdf-table-structure", f"table contains {', '.join(odd)} (expected rows)", where
                )
            )
        cells = list(_cells(e.node))
        if not cells and _kids(e.node):
            found.append(
                error(
                    "pdf-table-caption-alone",
                    "table is only a caption: a page "
                    "break separates the caption from its rows (keep them "
                    "together: caption { break-after: avoid })",
                    where,
                )
            )
            continue
        if any(r != "/TR" or c not in ("/TH", "/TD") for c, _, r in cells):
            found.append(error("pdf-table-structure", "rows must be TR holding TH/TD cells", where))
        headers = [cell for role, cell, _ in cells if role == "/TH"]
        if not headers:
            found.append(error("pdf-table-no-headers", "table has no header cells (TH)", where))
        unscoped = sum(1 for c in headers if _table_attr(c, "/Scope") is None)
        if unscoped:
            found.append(
                error(
                    "pdf-th-no-scope",
                    f"{unscoped} header cell(s) without /Scope (Column or Row)",
                    where,
                )
            )
    return found


def reading_order_findings(elems: list[Elem]) -> list[Finding]:
    """The structure tree, read in order, never goes back to an earlier page: content
    read out of page order means a merged or reassembled tree lost its order."""
    furthest, where = 0, ""
    for e in elems:
        if e.page is None or not _own_content(e.node):
            continue
        if e.page < furthest:
            return [
                error(
                    "pdf-reading-order",
                    f"structure order goes back from {where} to "
                    f"page {e.page} ({e.role[1:]}): reading order differs from page order",
                    f"page {e.page}",
                )
            ]
        if e.page > furthest:
            furthest, where = e.page, f"page {e.page}"
    return []


def _own_content(node: Dictionary) -> bool:
    """True if the element itself (not a descendant) holds marked content."""
    k = node.get("/K")
    items = list(k) if isinstance(k, Array) else [k] if k is not None else []
    return any(
        isinstance(i, int) or (isinstance(i, Dictionary) and i.get("/Type") == Name.MCR)
        for i in items
    )


def bookmark_findings(pdf: pikepdf.Pdf, elems: list[Elem]) -> list[Finding]:
    headings = sum(1 for e in elems if HEADING_RE.match(e.role))
    if headings <= 1:
        return []
    with pdf.open_outline() as outline:
        if outline.root:
            return []
    return [
        error(
            "pdf-no-bookmarks",
            f"{headings} headings but no bookmarks (outline)",
            "catalog /Outlines",
        )
    ]
