"""Repair what WeasyPrint's young PDF/UA tagging gets wrong, after it has written the PDF.

Checked on real output of WeasyPrint 70 (``reportgen check`` finds each of these):

* Header cells are tagged ``/TH`` with an ``/ID`` but no ``/Scope``, although the HTML
  says ``scope="col"``/``scope="row"``. PDF/UA-1 (7.5) needs the header/data
  association to be determinable; assistive technology reads ``/Scope``. We add it:
  a ``/TH`` in a ``/THead`` row is a column header, the first ``/TH`` of a body row is a
  row header (how the HTML writer emits them), any other is a column header.
* Running headers, footers and "Page X of Y" (CSS margin boxes) are marked as ``/Span``
  content whose structure elements are deliberately left out of the tree, so the
  content is neither tagged real content nor an artifact (PDF/UA-1 7.1-3). We turn
  those marked-content sequences into ``/Artifact`` (type ``/Pagination``), which is
  what they are, and drop their parent-tree entries.
* Every link annotation's ``/Contents`` (its description for assistive technology,
  PDF/UA-1 7.18.5) is the link's target: "sec-3" or a URL. With the laid-out
  document at hand (``link_labels``) we use the link's own text ("3 Key Issues").
* A contents line's leader dots are tagged as link text, one marked-content item per
  dot, so a screen reader reads "dot dot dot..." between the heading and its page.
  They are decoration: we make them artifacts (type ``/Layout``).

What is already right is left alone (``/Lang``, ``/MarkInfo``, ``DisplayDocTitle``,
``/Tabs /S``, ``/Alt`` on figures, rules and backgrounds and the DRAFT watermark as
artifacts).

Speed: the structure tree and parent tree are walked once; a page's content stream is
only rewritten when it holds marked content to turn into artifacts (in practice: every
page with a running header), with one byte-level substitution, never a full content
parse: about 2-4 ms a page (benchmarks/check_speed.py), against WeasyPrint's 70+.

Not repaired (see docs/checks.md): an element that crosses a page break is tagged once
per page (a long table becomes two /Table elements, each with its repeated header
row), and lists nested in lists are children of the outer /L rather than of its /LI.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

__all__ = ["LinkLabel", "fix_tags", "link_labels"]

_MARKED = re.compile(rb"/([A-Za-z0-9_]+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ARTIFACT = {
    "pagination": b"/Artifact <</Type /Pagination>> BDC",
    "layout": b"/Artifact <</Type /Layout>> BDC",
}


@dataclass(frozen=True)
class LinkLabel:
    """What a link annotation is: its target (what WeasyPrint wrote as /Contents), the
    link's text, and whether it is a leader (the dots of a contents line)."""

    target: str
    text: str
    leader: bool = False


def link_labels(rendered: Any) -> list[list[LinkLabel]]:
    """Per page, a label for each link annotation WeasyPrint will write, in its order.

    ``rendered`` is a laid-out ``weasyprint.Document``; like WeasyPrint, internal links
    to a missing anchor are left out (they get no annotation).
    """
    anchors = {name for page in rendered.pages for name in page.anchors}
    labels = []
    for page in rendered.pages:
        row = []
        for kind, target, _, box in page.links:
            if kind not in ("internal", "external") or (
                kind == "internal" and target not in anchors
            ):
                continue
            element = getattr(box, "element", None)
            text = " ".join("".join(element.itertext()).split()) if element is not None else ""
            row.append(
                LinkLabel(str(target), text or str(target), bool(getattr(box, "is_leader", False)))
            )
        labels.append(row)
    return labels


def fix_tags(data: bytes, labels: Sequence[Sequence[LinkLabel]] | None = None) -> bytes:
    """The PDF with header-cell scopes added, margin-box content made artifacts and,
    given ``labels`` (see ``link_labels``), links described and leaders made artifacts."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if not isinstance(tree, Dictionary):
            return data
        reachable = _walk_and_scope(tree)
        for page, mcids in _orphans(pdf, tree, reachable):
            _make_artifacts(page, mcids, "pagination")
        if labels is not None:
            for page, mcids in _label_links(pdf, tree, labels):
                _make_artifacts(page, mcids, "layout")
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _kids(node: Dictionary) -> list[Dictionary]:
    """Child structure elements (not MCIDs, marked-content or object references)."""
    k = node.get("/K")
    items = list(k) if isinstance(k, Array) else [k] if k is not None else []
    return [i for i in items if isinstance(i, Dictionary) and "/S" in i]


def _walk_and_scope(tree: Dictionary) -> set[tuple[int, int]]:
    """Every structure element reachable from the root; adds ``/Scope`` to ``/TH``."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Dictionary, str, str, int]] = [
        (kid, "", "", i) for i, kid in enumerate(_kids(tree))
    ]
    while stack:
        node, parent, grandparent, index = stack.pop()
        if node.objgen in seen:
            continue
        seen.add(node.objgen)
        role = str(node.S)
        if role == "/TH":
            _set_scope(node, "/Column" if grandparent == "/THead" or index > 0 else "/Row")
        stack.extend((kid, role, parent, i) for i, kid in enumerate(_kids(node)))
    return seen


def _set_scope(th: Dictionary, scope: str) -> None:
    """Put ``/Scope`` in the cell's Table attribute dictionary, keeping what is there."""
    attrs = th.get("/A")
    owners = list(attrs) if isinstance(attrs, Array) else [attrs] if attrs is not None else []
    table = next(
        (a for a in owners if isinstance(a, Dictionary) and a.get("/O") == Name.Table), None
    )
    if table is None:
        table = Dictionary(O=Name.Table)
        th.A = Array([*owners, table]) if owners else table
    if "/Scope" not in table:
        table.Scope = Name(scope)


def _orphans(
    pdf: pikepdf.Pdf, tree: Dictionary, reachable: set[tuple[int, int]]
) -> Iterator[tuple[pikepdf.Page, set[int]]]:
    """Pages with marked content whose structure element is not in the tree."""
    if "/ParentTree" not in tree:
        return
    parents = pikepdf.NumberTree(tree.ParentTree)
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in parents:
            continue
        elements = parents[int(key)]
        if not isinstance(elements, Array):
            continue
        lost = {
            mcid
            for mcid, element in enumerate(elements)
            if isinstance(element, Dictionary) and element.objgen not in reachable
        }
        for mcid in lost:
            elements[mcid] = None  # no structure element owns it any more
        if lost:
            yield page, lost


def _label_links(
    pdf: pikepdf.Pdf, tree: Dictionary, labels: Sequence[Sequence[LinkLabel]]
) -> Iterator[tuple[pikepdf.Page, set[int]]]:
    """Describe each link by its text; yield the leader dots' MCIDs to make artifacts.

    WeasyPrint writes a page's link annotations in the order of its links, with the
    target as /Contents, so the n-th annotation for a target is the n-th label for it.
    """
    if "/ParentTree" not in tree:
        return
    parents = pikepdf.NumberTree(tree.ParentTree)
    for page, page_labels in zip(pdf.pages, labels, strict=False):
        queues: dict[str, deque[LinkLabel]] = defaultdict(deque)
        for label in page_labels:
            queues[label.target].append(label)
        leaders: set[int] = set()
        for annot in page.obj.get("/Annots", Array()):
            queue = queues.get(str(annot.get("/Contents", "")))
            if annot.get("/Subtype") != Name.Link or not queue:
                continue
            label = queue.popleft()
            annot.Contents = String(label.text)
            key = annot.get("/StructParent")
            element = parents.get(int(key)) if key is not None else None
            if label.leader and isinstance(element, Dictionary):
                leaders |= _drop_mcids(element)
        key = page.obj.get("/StructParents")
        elements = parents.get(int(key)) if key is not None else None
        if leaders and isinstance(elements, Array):
            for mcid in leaders:
                elements[mcid] = None
            yield page, leaders


def _drop_mcids(element: Dictionary) -> set[int]:
    """Remove the element's own marked-content ids from it; return them."""
    k = element.get("/K")
    items = list(k) if isinstance(k, Array) else [k] if k is not None else []
    mcids = {int(i) for i in items if isinstance(i, int)}
    element.K = Array([i for i in items if not isinstance(i, int)])
    return mcids


def _make_artifacts(page: pikepdf.Page, mcids: set[int], kind: str) -> None:
    """Rewrite ``/Span <</MCID n>> BDC`` as an artifact of ``kind`` for each MCID."""

    def swap(match: re.Match[bytes]) -> bytes:
        return _ARTIFACT[kind] if int(match.group(2)) in mcids else match.group(0)

    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, Array) else [contents]
    for stream in streams:
        if isinstance(stream, pikepdf.Stream):
            data = stream.read_bytes()
            fixed = _MARKED.sub(swap, data)
            if fixed != data:
                stream.write(fixed)
