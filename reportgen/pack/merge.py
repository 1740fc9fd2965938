"""Join tagged PDFs (one per pack part) into one tagged PDF, keeping their tags.

Most tools that merge PDFs drop the structure trees. This keeps them, as PDF/UA needs:

- pages are copied in order; every struct element, the parent tree's entries and the
  named destinations are copied with them in ONE ``copy_foreign`` per part, so their
  page and annotation references land on the copied objects;
- the first PDF's ``/Document`` element becomes the pack's root element, and each other
  part's top elements become its kids (one document, parts in reading order);
- each page's ``/StructParents`` and each annotation's ``/StructParent`` is moved past
  the keys of the parts before it, and the parent trees are joined under those keys
  (``/ParentTreeNextKey`` follows), so every marked-content id still resolves;
- element ``/ID`` s (Typst numbers its table header cells per document: "U2x0y0") get
  the part's prefix, in the ``/IDTree`` and in every cell's ``/Headers`` (ids outside
  the ``/IDTree`` are not looked for: the pack tags row headers after renaming);
- ``/RoleMap`` and ``/ClassMap`` are joined, the named destinations too.

The first PDF's catalog stays the pack's: title, ``/Lang``, ``/MarkInfo``, viewer
preferences and the XMP metadata with its PDF/UA identification.

``retarget`` then points the agenda's links at the parts they name (the footers are
``pack.footers``').
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Any, Protocol

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, NumberTree, String

from reportgen.pack import rawids, rawpdf
from reportgen.render.typst.tagging import open_pdf

__all__ = ["Fix", "Merger", "merge_tagged", "retarget"]


class Fix(Protocol):
    """A change made to one part before it is merged (its table tags): as edits of
    its bytes, or on its open PDF where ``edits`` does not recognise them (None)."""

    def edits(self, data: bytes, xref: rawpdf.Xref) -> list[rawpdf.Edit] | None: ...

    def __call__(self, pdf: pikepdf.Pdf) -> None: ...


def _in_bytes(data: bytes, prefix: str | None, fix: Fix | None) -> tuple[bytes | None, bool]:
    """``data`` with its ids given ``prefix`` (``rawids``) and ``fix`` made, both in its
    bytes with one rewrite of the cross-reference table, and whether ``fix`` was made
    there; None if the ids could not be renamed there (both are then left to pikepdf:
    the ids first, as the table fix's ids are not Typst's)."""
    xref = rawpdf.Xref.read(data)
    renames = [] if prefix is None else rawids.edits(data, prefix.encode("ascii"))
    if xref is None or renames is None:
        return None, False
    fixes = None if fix is None else fix.edits(data, xref)
    if fixes is not None:
        joined = _splice(data, sorted([*renames, *fixes]), xref)
        if joined is not None:  # None: the edits overlap
            return joined, True
    return _splice(data, renames, xref), fix is None


def _splice(data: bytes, edits: list[rawpdf.Edit], xref: rawpdf.Xref) -> bytes | None:
    return rawpdf.splice(data, edits, xref) if edits else data


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _root_element(pdf: pikepdf.Pdf) -> Dictionary:
    """The ``/Document`` element Typst puts at the top of every structure tree."""
    kids = _as_list(pdf.Root.StructTreeRoot.get("/K"))
    if len(kids) != 1 or kids[0].get("/S") != Name.Document:
        raise RuntimeError("a part's structure tree has no single /Document root")
    found: Dictionary = kids[0]
    return found


def _numbers(tree: object) -> list[tuple[int, Any]]:
    """A number tree's entries; a flat one (Typst's parent trees: one /Nums array of
    thousands of entries) read as one list, not entry by entry through NumberTree."""
    if tree is None:
        return []
    assert isinstance(tree, Dictionary)
    flat = tree.get("/Nums")
    if isinstance(flat, Array) and "/Kids" not in tree:
        entries = list(flat)
        return [(int(key), value) for key, value in zip(entries[::2], entries[1::2], strict=True)]
    return list(NumberTree(tree).items())


def _names(tree: object) -> list[tuple[str, Any]]:
    return [] if tree is None else list(NameTree(tree).items())  # type: ignore[arg-type]


def _dest_tree(pdf: pikepdf.Pdf) -> object:
    names = pdf.Root.get("/Names")
    return None if names is None else names.get("/Dests")


def _flat(entries: dict[str, Any]) -> Array:
    return Array([x for key in sorted(entries) for x in (String(key), entries[key])])


_CELLS = frozenset({"/TD", "/TH"})
_ROWS = frozenset({"/TR", "/THead", "/TBody", "/TFoot"})


def _cells(table: Dictionary) -> Iterator[Dictionary]:
    """A table's cells (element kinds compared as strings: a 1,000-page pack has
    ~12,000 cells, and pikepdf's Name objects are slow to make and compare)."""
    kids = table.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        if not isinstance(kid, Dictionary):
            continue
        kind = str(kid.get("/S"))
        if kind in _CELLS:
            yield kid
        elif kind in _ROWS:
            yield from _cells(kid)


def _table_of(cell: Any) -> Dictionary | None:
    node = cell
    for _ in range(4):  # TH -> TR -> THead/TBody -> Table
        node = node.get("/P") if isinstance(node, Dictionary) else None
        if isinstance(node, Dictionary) and node.get("/S") == Name.Table:
            return node
    return None


def _prefix_ids(source: pikepdf.Pdf, prefix: str) -> dict[str, Any]:
    """Give a part's element ids ``prefix``, in its ``/IDTree`` and in the ``/Headers``
    of the cells of every table holding one; returns the renamed id -> element.

    Typst's ids are its tables' header cells, a few per table, so the tables are found
    from each id's first cell's row (not by climbing from every id), and each cell's
    ``/Headers`` is renamed in place, empty ones left alone: ~12,000 cells per
    1,000-page pack, each pikepdf access costing a microsecond or more."""
    renamed: dict[str, Any] = {}
    tables: dict[tuple[int, int], Dictionary] = {}
    rows: set[tuple[int, int]] = set()
    for name, element in _names(source.Root.StructTreeRoot.get("/IDTree")):
        element.ID = String(prefix + name)
        renamed[prefix + name] = element
        row = element.get("/P")
        if isinstance(row, Dictionary) and row.objgen not in rows:
            rows.add(row.objgen)
            table = _table_of(element)
            if table is not None:
                tables[table.objgen] = table
    for table in tables.values():
        for cell in _cells(table):
            _prefix_headers(cell, prefix)
    return renamed


def _prefix_headers(cell: Dictionary, prefix: str) -> None:
    found = cell.get("/A")
    for attrs in found if isinstance(found, Array) else (found,):
        if not isinstance(attrs, Dictionary):
            continue
        headers = attrs.get("/Headers")
        if isinstance(headers, Array):
            for index, header in enumerate(headers):
                headers[index] = String(prefix + str(header))


def _renumber(pages: Sequence[pikepdf.Page], base: int) -> None:
    for page in pages:
        obj = page.obj
        if "/StructParents" in obj:
            obj.StructParents = int(obj.StructParents) + base
        for annot in _as_list(obj.get("/Annots")):
            if isinstance(annot, Dictionary) and "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + base


class Merger:
    """Tagged PDFs joined into the first one, part by part (so a pack can merge each
    part as soon as it is compiled). ``stack`` keeps every part open until the result
    is saved: pikepdf copies stream data lazily."""

    def __init__(self, first: bytes, stack: ExitStack, fix: Fix | None = None) -> None:
        self.stack = stack
        changed, fixed = _in_bytes(first, None, fix)
        self.pdf = pdf = stack.enter_context(open_pdf(first if changed is None else changed))
        if fix is not None and not fixed:
            fix(pdf)
        root = pdf.Root.StructTreeRoot
        self.document = _root_element(pdf)
        self.nums: list[tuple[int, Any]] = _numbers(root.get("/ParentTree"))
        self.next_key = int(root.get("/ParentTreeNextKey", 0))
        self.ids: dict[str, Any] = dict(_names(root.get("/IDTree")))
        self.dests: dict[str, Any] = dict(_names(_dest_tree(pdf)))
        self.role_map = Dictionary(dict(root.get("/RoleMap", {}).items()))
        self.class_map = Dictionary(dict(root.get("/ClassMap", {}).items()))
        self.parts = 1

    def add(self, data: bytes, at_start: bool = False, fix: Fix | None = None) -> None:
        """Copy one part's pages and tags onto the end (or the start) of the PDF;
        ``fix`` changes the part first, after its ids are renamed: in its bytes if both
        can be (the table ids it adds are not Typst's), else on the open PDF."""
        prefix = f"P{self.parts}-"
        self.parts += 1
        renamed, fixed = _in_bytes(data, prefix, fix)  # in the bytes, if it can
        source = self.stack.enter_context(open_pdf(data if renamed is None else renamed))
        pdf, src_root = self.pdf, source.Root.StructTreeRoot
        kids = _as_list(_root_element(source).get("/K"))
        for kid in kids:
            if isinstance(kid, Dictionary) and "/P" in kid:
                del kid["/P"]  # or copying it would drag the part's tree root along
        if renamed is None:
            ids = _prefix_ids(source, prefix)
        else:
            ids = dict(_names(src_root.get("/IDTree")))
            if not all(name.startswith(prefix) for name in ids):
                raise RuntimeError("a part's element ids were not all renamed")
        if fix is not None and not fixed:
            fix(source)
        nums, dests = _numbers(src_root.get("/ParentTree")), _names(_dest_tree(source))
        first = 0 if at_start else len(pdf.pages)
        if at_start:
            for offset, page in enumerate(source.pages):
                pdf.pages.insert(offset, page)
        else:
            pdf.pages.extend(source.pages)
        lists = [kids, [v for _, v in nums], list(ids.values()), [v for _, v in dests]]
        copied = pdf.copy_foreign(source.make_indirect(Array([Array(x) for x in lists])))
        new_kids, values, elements, targets = (list(x) for x in copied)
        _renumber(pdf.pages[first : first + len(source.pages)], self.next_key)
        self.nums += [(k + self.next_key, v) for (k, _), v in zip(nums, values, strict=True)]
        self.next_key += int(src_root.get("/ParentTreeNextKey", 0))
        self.ids.update(zip(ids, elements, strict=True))
        self.dests.update((name, v) for (name, _), v in zip(dests, targets, strict=True))
        self._maps(src_root)
        self._adopt(new_kids, at_start)

    def _maps(self, src_root: Any) -> None:
        for key, value in src_root.get("/RoleMap", {}).items():
            self.role_map[key] = value
        for key, value in src_root.get("/ClassMap", {}).items():
            self.class_map[key] = self.pdf.copy_foreign(value) if value.is_indirect else value

    def _adopt(self, kids: list[Any], at_start: bool) -> None:
        """The part's top elements become the root /Document's kids, in page order."""
        document_kids = self.document.get("/K")
        if not isinstance(document_kids, Array):
            self.document.K = document_kids = Array(_as_list(document_kids))
        for kid in kids:
            if isinstance(kid, Dictionary):
                kid.P = self.document
        if at_start:
            self.document.K = Array([*kids, *document_kids])
        else:
            document_kids.extend(kids)

    def finish(self) -> pikepdf.Pdf:
        """Write the joined tables into the structure tree root; the merged PDF."""
        pdf, root = self.pdf, self.pdf.Root.StructTreeRoot
        nums = [x for key, value in sorted(self.nums, key=lambda kv: kv[0]) for x in (key, value)]
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = self.next_key
        if self.ids:
            root.IDTree = pdf.make_indirect(Dictionary(Names=_flat(self.ids)))
        if self.role_map:
            root.RoleMap = self.role_map
        if self.class_map:
            root.ClassMap = self.class_map
        if self.dests:
            if "/Names" not in pdf.Root:
                pdf.Root.Names = Dictionary()
            pdf.Root.Names.Dests = pdf.make_indirect(Dictionary(Names=_flat(self.dests)))
        _count_pages(pdf)
        return pdf


def _count_pages(pdf: pikepdf.Pdf) -> None:
    """The XMP page count (Typst writes each part's own) made the pack's."""
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return
    xmp = meta.read_bytes()
    fixed = re.sub(
        rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>",
        b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(pdf.pages),
        xmp,
    )
    if fixed != xmp:
        meta.write(fixed)


def merge_tagged(parts: Sequence[bytes], stack: ExitStack) -> pikepdf.Pdf:
    """The parts' PDFs as one tagged PDF, the first one's catalog kept."""
    merger = Merger(parts[0], stack)
    for data in parts[1:]:
        merger.add(data)
    return merger.finish()


def _top(page: pikepdf.Object, from_top: float) -> float:
    """The /XYZ top Typst writes for a place ``from_top`` pt down the page (it aims
    10 pt above the place, not at the page edge)."""
    return float(page.MediaBox[3]) - max(from_top - 10, 0)


def retarget(
    pdf: pikepdf.Pdf,
    pages: range,
    stand_in: tuple[int, float],
    targets: Sequence[tuple[int, float]],
) -> None:
    """Point the links on ``pages`` that go to the stand-in targets (all at
    ``stand_in``: 0-based page, pt from the top) at ``targets`` instead, in order: the
    agenda's page references, whose parts were compiled apart from it. Their number
    must match: a link that cannot be told apart is an error, not a guess."""
    stand_page = pdf.pages[stand_in[0]].obj
    top = _top(stand_page, stand_in[1])
    links = [
        annot
        for index in pages
        for annot in _as_list(pdf.pages[index].obj.get("/Annots"))
        if isinstance(annot, Dictionary)
        and isinstance(annot.get("/Dest"), Array)
        and annot.Dest[0].objgen == stand_page.objgen
        and abs(float(annot.Dest[3]) - top) < 0.01
    ]
    if len(links) != len(targets):
        raise RuntimeError(f"{len(links)} agenda links for {len(targets)} items")
    for annot, (page, from_top) in zip(links, targets, strict=True):
        target = pdf.pages[page].obj
        dest = annot.Dest
        annot.Dest = Array([target, Name.XYZ, dest[2], _top(target, from_top), 0])
        annot.Contents = String(f"page {page + 1}")
