"""Page-level PDF checks: what the content streams and annotations do, against the
structure tree (``check.pdf`` reads the tree itself).

Marked content must belong to an element in the tree or be an artifact, nothing may be
drawn outside marked content, artifacts and tagged content must not nest (PDF/UA-1
7.1), and links must be tagged, described and in structure tab order (7.18).
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from reportgen.check.findings import Finding, error, warning

__all__ = ["annotation_findings", "orphan_findings", "untagged_findings"]

# Operators that put marks on the page (text, images, forms, shadings, paths).
PAINT_OPS = "Tj TJ ' \" Do sh BI f F f* B B* b b* S s"


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


@dataclass
class _Marks:
    """What one page's content stream does outside or across its marked content."""

    untagged: int = 0  # drawing operations outside any marked-content sequence
    nested: int = 0  # artifacts inside tagged content, or tagged content in artifacts
    hidden: int = 0  # XObjects with text drawn inside an artifact (embedded pages)


def _page_marks(page: pikepdf.Page) -> _Marks:
    marks, stack = _Marks(), []  # stack: "A" artifact, "T" tagged (MCID), "O" other
    ops = "BDC BMC EMC Do " + PAINT_OPS
    for instruction in pikepdf.parse_content_stream(page, ops):
        name, operands = str(instruction.operator), instruction.operands
        if name in ("BDC", "BMC"):
            artifact = str(operands[0]) == "/Artifact"
            tagged = not artifact and name == "BDC" and isinstance(operands[1], Dictionary) \
                and "/MCID" in operands[1]
            if (artifact and "T" in stack) or (tagged and "A" in stack):
                marks.nested += 1
            stack.append("A" if artifact else "T" if tagged else "O")
        elif name == "EMC":
            if stack:
                stack.pop()
        elif not stack:
            marks.untagged += 1
        elif name == "Do" and "A" in stack:
            xobjects = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
            marks.hidden += _has_text(xobjects.get(str(operands[0])))
    return marks


def untagged_findings(pdf: pikepdf.Pdf) -> list[Finding]:
    """Page content drawn outside any marked-content sequence (PDF/UA-1 7.1-3), artifacts
    and tagged content nested in each other (7.1-1, 7.1-2), and embedded pages whose
    text is hidden from screen readers as an artifact."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        marks = _page_marks(page)
        if marks.untagged:
            found.append(error("pdf-untagged-content", f"{marks.untagged} drawing "
                               "operation(s) are neither tagged nor marked as artifacts",
                               f"page {number}"))
        if marks.nested:
            found.append(error("pdf-artifact-nesting", f"{marks.nested} artifact(s) inside "
                               "tagged content or tagged content inside an artifact",
                               f"page {number}"))
        if marks.hidden:
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
