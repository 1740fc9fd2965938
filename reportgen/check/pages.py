"""Page-level PDF checks: what the content streams and annotations do, against the
structure tree (``check.pdf`` reads the tree itself).

Marked content must belong to an element in the tree or be an artifact, nothing may be
drawn outside marked content, artifacts and tagged content must not nest (PDF/UA-1
7.1), links must be tagged, described and in structure tab order (7.18), and every
font must be embedded (7.21.4.1).
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from reportgen.check.findings import Finding, error, warning

__all__ = ["annotation_findings", "font_findings", "orphan_findings", "untagged_findings"]

# Operators that put marks on the page (text, images, forms, shadings, paths).
PAINT_OPS = "Tj TJ ' \" Do sh BI f F f* B B* b b* S s"


def orphan_findings(
    pdf: pikepdf.Pdf, tree: Dictionary, reachable: set[tuple[int, int]]
) -> list[Finding]:
    """Marked content whose structure element is not in the tree: neither read out
    nor declared an artifact (what WeasyPrint does with running headers)."""
    if "/ParentTree" not in tree:
        return [error("pdf-no-parent-tree", "structure tree has no /ParentTree", "StructTreeRoot")]
    parents = pikepdf.NumberTree(tree.ParentTree)
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        key = page.obj.get("/StructParents")
        elements = parents.get(int(key)) if key is not None else None
        if not isinstance(elements, Array):
            continue
        lost = sum(
            1 for el in elements if isinstance(el, Dictionary) and el.objgen not in reachable
        )
        if lost:
            found.append(
                error(
                    "pdf-orphan-content",
                    f"{lost} marked-content item(s) belong "
                    "to structure elements outside the tree (tag them or mark "
                    "them as artifacts)",
                    f"page {number}",
                )
            )
    return found


def _has_text(form: object) -> bool:
    """True if a Form XObject shows text (an embedded page rather than a decoration)."""
    if not isinstance(form, pikepdf.Stream) or form.get("/Subtype") != Name.Form:
        return False
    try:
        return any(
            str(i.operator) in ("Tj", "TJ", "'", '"')
            for i in pikepdf.parse_content_stream(form, "Tj TJ ' \"")
        )
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
            tagged = (
                not artifact
                and name == "BDC"
                and isinstance(operands[1], Dictionary)
                and "/MCID" in operands[1]
            )
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
    found, hidden = [], []
    for number, page in enumerate(pdf.pages, start=1):
        marks = _page_marks(page)
        if marks.untagged:
            found.append(
                error(
                    "pdf-untagged-content",
                    f"{marks.untagged} drawing "
                    "operation(s) are neither tagged nor marked as artifacts",
                    f"page {number}",
                )
            )
        if marks.nested:
            found.append(
                error(
                    "pdf-artifact-nesting",
                    f"{marks.nested} artifact(s) inside "
                    "tagged content or tagged content inside an artifact",
                    f"page {number}",
                )
            )
        if marks.hidden:
            hidden.append(number)
    if hidden:
        found.append(
            warning(
                "pdf-hidden-page",
                "pages drawn in from other files are marked "
                "as artifacts: screen readers skip their text, so publish the "
                "original files accessibly as well",
                page_list(hidden),
            )
        )
    return found


def page_list(numbers: list[int]) -> str:
    """[3, 4, 5, 35] -> 'pages 3-5, 35' (one finding, not one a page)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return ("pages " if len(numbers) > 1 else "page ") + text


def annotation_findings(
    pdf: pikepdf.Pdf, tree: Dictionary, reachable: set[tuple[int, int]]
) -> list[Finding]:
    """Links are tagged (a /Link element in the tree owns each one) and described
    (/Contents); pages with annotations use structure tab order (PDF/UA-1 7.18)."""
    parents = pikepdf.NumberTree(tree.ParentTree) if "/ParentTree" in tree else None
    found: list[Finding] = []
    for number, page in enumerate(pdf.pages, start=1):
        annots = [a for a in page.obj.get("/Annots", Array()) if isinstance(a, Dictionary)]
        shown = [a for a in annots if a.get("/Subtype") not in (Name.Popup, Name.PrinterMark)]
        if shown and page.obj.get("/Tabs") != Name.S:
            found.append(
                error(
                    "pdf-tab-order",
                    "page has links or other annotations but its "
                    "tab order does not follow the structure (/Tabs /S)",
                    f"page {number}",
                )
            )
        untagged = undescribed = 0
        for annot in (a for a in annots if a.get("/Subtype") == Name.Link):
            key = annot.get("/StructParent")
            owner = parents.get(int(key)) if parents is not None and key is not None else None
            if not (
                isinstance(owner, Dictionary)
                and owner.objgen in reachable
                and str(owner.get("/S")) == "/Link"
            ):
                untagged += 1
            if not str(annot.get("/Contents", "")).strip():
                undescribed += 1
        if untagged:
            found.append(
                error(
                    "pdf-link-untagged",
                    f"{untagged} link(s) not owned by a /Link structure element",
                    f"page {number}",
                )
            )
        if undescribed:
            found.append(
                error(
                    "pdf-link-no-description",
                    f"{undescribed} link(s) without a description (/Contents)",
                    f"page {number}",
                )
            )
    return found


def _fonts(resources: object, seen: set[tuple[int, int]]) -> list[Dictionary]:
    """Fonts used through ``resources``, including inside Form XObjects (drawn pages)."""
    if not isinstance(resources, Dictionary):
        return []
    fonts = [f for f in resources.get("/Font", Dictionary()).values() if isinstance(f, Dictionary)]
    for xobject in resources.get("/XObject", Dictionary()).values():
        if (
            isinstance(xobject, pikepdf.Stream)
            and xobject.get("/Subtype") == Name.Form
            and xobject.objgen not in seen
        ):
            seen.add(xobject.objgen)
            fonts += _fonts(xobject.get("/Resources"), seen)
    return fonts


def _embedded(font: Dictionary) -> bool:
    if font.get("/Subtype") == Name.Type3:
        return True  # glyphs are drawn by the font's own content streams
    descendants = font.get("/DescendantFonts")
    source = descendants[0] if isinstance(descendants, Array) and len(descendants) else font
    descriptor = source.get("/FontDescriptor")
    return isinstance(descriptor, Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def font_findings(pdf: pikepdf.Pdf) -> list[Finding]:
    """Every font used, artifacts and drawn-in pages included, is embedded (PDF/UA-1
    7.21.4.1): otherwise the reader's machine substitutes one, or shows nothing."""
    found: list[Finding] = []
    reported: set[tuple[int, int]] = set()
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        for font in _fonts(page.obj.get("/Resources"), seen):
            if font.objgen in reported or _embedded(font):
                continue
            reported.add(font.objgen)
            name = str(font.get("/BaseFont", "/?"))[1:]
            found.append(
                error("pdf-font-not-embedded", f"font {name} is not embedded", f"page {number}")
            )
    return found
