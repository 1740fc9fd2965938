"""Accessibility checks on a real PDF: the tagged structure a screen reader will use.

Reads the structure tree with pikepdf rather than trusting the renderer: WeasyPrint's
PDF/UA mode is young, and an agenda pack is re-assembled after layout. Each finding
says where it is (page, heading number, table number) so it can be fixed.

Checked: marked and tagged (``/MarkInfo``, ``/StructTreeRoot``), PDF/UA-1 identifier,
language (``/Lang``), title (Info, XMP ``dc:title``, ``DisplayDocTitle``), headings that
never skip a level and are not empty, figures with alt text, tables with header cells
that carry ``/Scope`` and a valid row/cell structure, no marked content left outside
the tree, no page content that is neither tagged nor an artifact, link annotations
tagged and described, tab order following the structure, reading order that never
goes back a page, and bookmarks. A page drawn in from another file as an artifact
(how an agenda pack carries external PDFs) is a warning: its text is hidden from
screen readers, so the original must be published accessibly too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from reportgen.check.findings import Finding, error, warning
from reportgen.check.validator import pdfua_findings

__all__ = ["check_pdf"]

LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
HEADING_RE = re.compile(r"^/H([1-6])$")
TABLE_PARTS = {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"}
# Operators that put marks on the page (text, images, forms, shadings, paths).
PAINT_OPS = "Tj TJ ' \" Do sh BI f F f* B B* b b* S s"


@dataclass(frozen=True)
class Elem:
    """A structure element in reading order, with what the checks need to place it."""

    node: Dictionary
    role: str  # standard role after RoleMap
    page: int | None
    parent: str


def check_pdf(path: Path | str, language: str = "en-GB",
              independent: bool = True) -> list[Finding]:
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
        found += heading_findings(elems)
        found += figure_findings(elems)
        found += table_findings(elems)
        found += orphan_findings(pdf, tree, {e.node.objgen for e in elems})
        found += untagged_findings(pdf)
        found += annotation_findings(pdf, tree, {e.node.objgen for e in elems})
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
        found.append(error("pdf-no-pdfua-id", "no PDF/UA-1 identifier in the XMP metadata",
                           "catalog /Metadata"))
    if isinstance(mark, Dictionary) and bool(mark.get("/Suspects", False)):
        found.append(error("pdf-suspects", "/MarkInfo /Suspects is true: the producer was "
                           "unsure of its own tags", "catalog"))
    lang = str(root.get("/Lang", "")).strip()
    if not lang:
        found.append(error("pdf-no-language", "document language (/Lang) is not set", "catalog"))
    elif not LANG_RE.match(lang):
        found.append(error("pdf-bad-language", f"/Lang {lang!r} is not a language tag",
                           "catalog"))
    elif lang.lower() != language.lower():
        found.append(warning("pdf-language", f"/Lang is {lang!r}, expected {language!r}",
                             "catalog"))
    title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.trailer.get("/Info") else ""
    if not title:
        found.append(error("pdf-no-title", "no document title in /Info", "document info"))
    if not _xmp_title(pdf).strip():
        found.append(error("pdf-no-xmp-title", "no dc:title in the XMP metadata",
                           "catalog /Metadata"))
    prefs = root.get("/ViewerPreferences")
    if not (isinstance(prefs, Dictionary) and bool(prefs.get("/DisplayDocTitle", False))):
        found.append(error("pdf-title-not-displayed", "viewers are not asked to show the "
                           "title (/ViewerPreferences /DisplayDocTitle true)", "catalog"))
    return found


# --------------------------------------------------------------- structure tree


def _kids(node: Dictionary) -> list[Dictionary]:
    k = node.get("/K")
    items = list(k) if isinstance(k, Array) else [k] if k is not None else []
    return [i for i in items if isinstance(i, Dictionary) and "/S" in i]


def _role_map(tree: Dictionary) -> dict[str, str]:
    raw = tree.get("/RoleMap")
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, Dictionary) else {}


def walk(pdf: pikepdf.Pdf, tree: Dictionary) -> Iterator[Elem]:
    """Structure elements in document (reading) order, roles mapped to standard ones."""
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    roles = _role_map(tree)
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Dictionary, int | None, str]] = [
        (k, None, "") for k in reversed(_kids(tree))]
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
            if isinstance(item, int) or (isinstance(item, Dictionary)
                                         and item.get("/Type") == Name.MCR):
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
            found.append(error("pdf-heading-skip",
                               f"H{level} {after}: heading levels must not be skipped", where))
        if not _marks_content(e.node):
            found.append(error("pdf-heading-empty", "heading has no text", where))
        previous = level
    return found


def figure_findings(elems: list[Elem]) -> list[Finding]:
    found = []
    for number, e in enumerate((e for e in elems if e.role == "/Figure"), start=1):
        alt = str(e.node.get("/Alt", "") or e.node.get("/ActualText", "")).strip()
        if not alt:
            found.append(error("pdf-figure-no-alt", "figure has no alternative text (/Alt)",
                               f"{_page(e)}, figure {number}"))
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
            found.append(error("pdf-table-structure",
                               f"table contains {', '.join(odd)} (expected rows)", where))
        cells = list(_cells(e.node))
        if not cells and _kids(e.node):
            found.append(error("pdf-table-caption-alone", "table is only a caption: a page "
                               "break separates the caption from its rows (keep them "
                               "together: caption { break-after: avoid })", where))
            continue
        if any(r != "/TR" or c not in ("/TH", "/TD") for c, _, r in cells):
            found.append(error("pdf-table-structure", "rows must be TR holding TH/TD cells",
                               where))
        headers = [cell for role, cell, _ in cells if role == "/TH"]
        if not headers:
            found.append(error("pdf-table-no-headers", "table has no header cells (TH)", where))
        unscoped = sum(1 for c in headers if _table_attr(c, "/Scope") is None)
        if unscoped:
            found.append(error("pdf-th-no-scope", f"{unscoped} header cell(s) without /Scope "
                               "(Column or Row)", where))
    return found


def orphan_findings(pdf: pikepdf.Pdf, tree: Dictionary,
                    reachable: set[tuple[int, int]]) -> list[Finding]:
    """Marked content whose structure element is not in the tree: neither read out
    nor declared an artifact (what WeasyPrint does with running headers)."""
    if "/ParentTree" not in tree:
        return [error("pdf-no-parent-tree", "structure tree has no /ParentTree",
                      "StructTreeRoot")]
    parents = pikepdf.NumberTree(tree.ParentTree)
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        key = page.obj.get("/StructParents")
        elements = parents.get(int(key)) if key is not None else None
        if not isinstance(elements, Array):
            continue
        lost = sum(1 for el in elements
                   if isinstance(el, Dictionary) and el.objgen not in reachable)
        if lost:
            found.append(error("pdf-orphan-content", f"{lost} marked-content item(s) belong "
                               "to structure elements outside the tree (tag them or mark "
                               "them as artifacts)", f"page {number}"))
    return found


def _has_text(form: object) -> bool:
    """True if a Form XObject shows text (an embedded page rather than a decoration)."""
    if not isinstance(form, pikepdf.Stream) or form.get("/Subtype") != Name.Form:
        return False
    try:
        return any(str(i.operator) in ("Tj", "TJ", "'", '"')
                   for i in pikepdf.parse_content_stream(form, "Tj TJ ' \""))
    except pikepdf.PdfError:
        return False


def _page_marks(page: pikepdf.Page) -> tuple[int, list[str]]:
    """(drawing operations outside any marked content, XObjects with text drawn
    inside an artifact) for one page."""
    stack: list[bool] = []  # True for each open /Artifact sequence
    untagged, hidden = 0, []
    ops = "BDC BMC EMC Do " + PAINT_OPS
    for instruction in pikepdf.parse_content_stream(page, ops):
        name, operands = str(instruction.operator), instruction.operands
        if name in ("BDC", "BMC"):
            stack.append(str(operands[0]) == "/Artifact")
        elif name == "EMC":
            if stack:
                stack.pop()
        elif not stack:
            untagged += 1
        elif name == "Do" and any(stack):
            xobjects = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
            if _has_text(xobjects.get(str(operands[0]))):
                hidden.append(str(operands[0]))
    return untagged, hidden


def untagged_findings(pdf: pikepdf.Pdf) -> list[Finding]:
    """Page content drawn outside any marked-content sequence (PDF/UA-1 7.1-3), and
    embedded pages whose text is hidden from screen readers as an artifact."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        untagged, hidden = _page_marks(page)
        if untagged:
            found.append(error("pdf-untagged-content", f"{untagged} drawing operation(s) are "
                               "neither tagged nor marked as artifacts", f"page {number}"))
        if hidden:
            found.append(warning("pdf-hidden-page", "a page drawn in from another file is "
                                 "marked as an artifact: screen readers skip its text, so "
                                 "publish the original file accessibly as well",
                                 f"page {number}"))
    return found


def annotation_findings(pdf: pikepdf.Pdf, tree: Dictionary,
                        reachable: set[tuple[int, int]]) -> list[Finding]:
    """Links are tagged (a /Link element in the tree owns each one) and described
    (/Contents); pages with annotations use structure tab order (PDF/UA-1 7.18)."""
    parents = pikepdf.NumberTree(tree.ParentTree) if "/ParentTree" in tree else None
    found: list[Finding] = []
    for number, page in enumerate(pdf.pages, start=1):
        annots = [a for a in page.obj.get("/Annots", Array()) if isinstance(a, Dictionary)]
        shown = [a for a in annots if a.get("/Subtype") not in (Name.Popup, Name.PrinterMark)]
        if shown and page.obj.get("/Tabs") != Name.S:
            found.append(error("pdf-tab-order", "page has links or other annotations but its "
                               "tab order does not follow the structure (/Tabs /S)",
                               f"page {number}"))
        untagged = undescribed = 0
        for annot in (a for a in annots if a.get("/Subtype") == Name.Link):
            key = annot.get("/StructParent")
            owner = parents.get(int(key)) if parents is not None and key is not None else None
            if not (isinstance(owner, Dictionary) and owner.objgen in reachable
                    and str(owner.get("/S")) == "/Link"):
                untagged += 1
            if not str(annot.get("/Contents", "")).strip():
                undescribed += 1
        if untagged:
            found.append(error("pdf-link-untagged", f"{untagged} link(s) not owned by a /Link "
                               "structure element", f"page {number}"))
        if undescribed:
            found.append(error("pdf-link-no-description", f"{undescribed} link(s) without a "
                               "description (/Contents)", f"page {number}"))
    return found


def reading_order_findings(elems: list[Elem]) -> list[Finding]:
    """The structure tree, read in order, never goes back to an earlier page: content
    read out of page order means a merged or reassembled tree lost its order."""
    furthest, where = 0, ""
    for e in elems:
        if e.page is None or not _own_content(e.node):
            continue
        if e.page < furthest:
            return [error("pdf-reading-order", f"structure order goes back from {where} to "
                          f"page {e.page} ({e.role[1:]}): reading order differs from page order",
                          f"page {e.page}")]
        if e.page > furthest:
            furthest, where = e.page, f"page {e.page}"
    return []


def _own_content(node: Dictionary) -> bool:
    """True if the element itself (not a descendant) holds marked content."""
    k = node.get("/K")
    items = list(k) if isinstance(k, Array) else [k] if k is not None else []
    return any(isinstance(i, int) or (isinstance(i, Dictionary) and i.get("/Type") == Name.MCR)
               for i in items)


def bookmark_findings(pdf: pikepdf.Pdf, elems: list[Elem]) -> list[Finding]:
    headings = sum(1 for e in elems if HEADING_RE.match(e.role))
    if headings <= 1:
        return []
    with pdf.open_outline() as outline:
        if outline.root:
            return []
    return [error("pdf-no-bookmarks", f"{headings} headings but no bookmarks (outline)",
                  "catalog /Outlines")]
