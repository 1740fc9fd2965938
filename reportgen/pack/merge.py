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
  the ``/IDTree`` are not looked for: the pack tags row headers after merging);
- ``/RoleMap`` and ``/ClassMap`` are joined, the named destinations too.

The first PDF's catalog stays the pack's: title, ``/Lang``, ``/MarkInfo``, viewer
preferences and the XMP metadata with its PDF/UA identification.

``add_furniture`` then lays each page's footer (``render.typst.parts.furniture_pdf``) on
it as an artifact, and ``retarget`` points the agenda's links at the parts they name.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import ExitStack

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, NumberTree, String

__all__ = ["add_furniture", "merge_tagged", "retarget"]


def _as_list(value: object) -> list[pikepdf.Object]:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]  # type: ignore[arg-type]


def _root_element(pdf: pikepdf.Pdf) -> Dictionary:
    """The ``/Document`` element Typst puts at the top of every structure tree."""
    kids = _as_list(pdf.Root.StructTreeRoot.get("/K"))
    if len(kids) != 1 or kids[0].get("/S") != Name.Document:
        raise RuntimeError("a part's structure tree has no single /Document root")
    return kids[0]


class _Tree:
    """The merged structure tree's shared tables, filled part by part."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        root = pdf.Root.StructTreeRoot
        self.pdf = pdf
        self.document = _root_element(pdf)
        self.nums: list[tuple[int, pikepdf.Object]] = list(_numbers(root.get("/ParentTree")))
        self.next_key = int(root.get("/ParentTreeNextKey", 0))
        self.ids: dict[str, pikepdf.Object] = dict(_names(root.get("/IDTree")))
        self.dests: dict[str, pikepdf.Object] = dict(_names(_dest_tree(pdf)))
        self.role_map = Dictionary(root.get("/RoleMap", Dictionary()))
        self.class_map = Dictionary(root.get("/ClassMap", Dictionary()))

    def write(self) -> None:
        root = self.pdf.Root.StructTreeRoot
        nums = Array([x for key, value in sorted(self.nums, key=lambda kv: kv[0]) for x in (key, value)])
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = self.next_key
        if self.ids:
            root.IDTree = self.pdf.make_indirect(Dictionary(Names=_flat(self.ids)))
        if self.role_map:
            root.RoleMap = self.role_map
        if self.class_map:
            root.ClassMap = self.class_map
        if self.dests:
            names = self.pdf.Root.get("/Names")
            if names is None:
                self.pdf.Root.Names = names = Dictionary()
            names.Dests = self.pdf.make_indirect(Dictionary(Names=_flat(self.dests)))


def _flat(entries: dict[str, pikepdf.Object]) -> Array:
    return Array([x for key in sorted(entries) for x in (String(key), entries[key])])


def _numbers(tree: object) -> Iterator[tuple[int, pikepdf.Object]]:
    if tree is None:
        return iter(())
    return iter(NumberTree(tree).items())  # type: ignore[arg-type]


def _names(tree: object) -> Iterator[tuple[str, pikepdf.Object]]:
    if tree is None:
        return iter(())
    return iter(NameTree(tree).items())  # type: ignore[arg-type]


def _dest_tree(pdf: pikepdf.Pdf) -> object:
    names = pdf.Root.get("/Names")
    return None if names is None else names.get("/Dests")


def _cells(table: Dictionary) -> Iterator[Dictionary]:
    for kid in _as_list(table.get("/K")):
        if not isinstance(kid, Dictionary):
            continue
        kind = kid.get("/S")
        if kind in (Name.TD, Name.TH):
            yield kid
        elif kind in (Name.TR, Name.THead, Name.TBody, Name.TFoot):
            yield from _cells(kid)


def _table_of(cell: Dictionary) -> Dictionary | None:
    node: object = cell
    for _ in range(4):  # TH -> TR -> THead/TBody -> Table
        node = node.get("/P") if isinstance(node, Dictionary) else None  # type: ignore[attr-defined]
        if isinstance(node, Dictionary) and node.get("/S") == Name.Table:
            return node
    return None


def _prefix_ids(source: pikepdf.Pdf, prefix: str) -> dict[str, pikepdf.Object]:
    """Give a part's element ids ``prefix``, in its ``/IDTree`` and in the ``/Headers``
    of the cells of every table holding one; returns the renamed id -> element."""
    renamed: dict[str, pikepdf.Object] = {}
    tables: dict[tuple[int, int], Dictionary] = {}
    for name, element in _names(source.Root.StructTreeRoot.get("/IDTree")):
        element.ID = String(prefix + name)
        renamed[prefix + name] = element
        table = _table_of(element)
        if table is not None:
            tables[table.objgen] = table
    for table in tables.values():
        for cell in _cells(table):
            for attrs in _as_list(cell.get("/A")):
                if isinstance(attrs, Dictionary) and "/Headers" in attrs:
                    attrs.Headers = Array([String(prefix + str(h)) for h in attrs.Headers])
    return renamed


def _renumber(pages: Sequence[pikepdf.Page], base: int) -> None:
    for page in pages:
        obj = page.obj
        if "/StructParents" in obj:
            obj.StructParents = int(obj.StructParents) + base
        for annot in _as_list(obj.get("/Annots")):
            if isinstance(annot, Dictionary) and "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + base


def _append(tree: _Tree, source: pikepdf.Pdf, prefix: str) -> None:
    """Copy one part's pages and tags onto the end of ``tree``'s PDF."""
    pdf, src_root = tree.pdf, source.Root.StructTreeRoot
    kids = _as_list(_root_element(source).get("/K"))
    for kid in kids:
        if isinstance(kid, Dictionary) and "/P" in kid:
            del kid["/P"]  # or copying it would drag the part's tree root along
    ids = _prefix_ids(source, prefix)
    nums = list(_numbers(src_root.get("/ParentTree")))
    dests = list(_names(_dest_tree(source)))
    first = len(pdf.pages)
    pdf.pages.extend(source.pages)
    bundle = source.make_indirect(
        Array([Array(kids), Array([v for _, v in nums]), Array(list(ids.values())),
               Array([v for _, v in dests])])
    )
    copied = pdf.copy_foreign(bundle)
    new_kids, values, elements, targets = (list(part) for part in copied)
    _renumber(pdf.pages[first:], tree.next_key)
    tree.nums += [(key + tree.next_key, value) for (key, _), value in zip(nums, values, strict=True)]
    tree.next_key += int(src_root.get("/ParentTreeNextKey", 0))
    tree.ids.update(zip(ids, elements, strict=True))
    tree.dests.update((name, value) for (name, _), value in zip(dests, targets, strict=True))
    for key, value in src_root.get("/RoleMap", Dictionary()).items():
        tree.role_map[key] = value
    for key, value in src_root.get("/ClassMap", Dictionary()).items():
        tree.class_map[key] = pdf.copy_foreign(value) if value.is_indirect else value
    document_kids = tree.document.get("/K")
    if not isinstance(document_kids, Array):
        tree.document.K = document_kids = Array(_as_list(document_kids))
    for kid in new_kids:
        if isinstance(kid, Dictionary):
            kid.P = tree.document
        document_kids.append(kid)


def merge_tagged(parts: Sequence[bytes], stack: ExitStack) -> pikepdf.Pdf:
    """The parts' PDFs as one tagged PDF, the first one's catalog kept. ``stack`` keeps
    every part open until the result is saved (pikepdf copies stream data lazily)."""
    pdf = stack.enter_context(pikepdf.open(io.BytesIO(parts[0])))
    tree = _Tree(pdf)
    for number, data in enumerate(parts[1:], start=1):
        source = stack.enter_context(pikepdf.open(io.BytesIO(data)))
        _append(tree, source, f"P{number}-")
    tree.write()
    return pdf


def add_furniture(pdf: pikepdf.Pdf, furniture: bytes, stack: ExitStack) -> None:
    """Draw page n of ``furniture`` (same size as pack page n) on pack page n, as an
    artifact: its footer is page furniture, not content."""
    source = stack.enter_context(pikepdf.open(io.BytesIO(furniture)))
    if len(source.pages) != len(pdf.pages):
        raise RuntimeError(
            f"{len(source.pages)} footer pages for a pack of {len(pdf.pages)} pages"
        )
    forms = pdf.copy_foreign(source.make_indirect(Array([p.as_form_xobject() for p in source.pages])))
    for page, form in zip(pdf.pages, forms, strict=True):
        name = page.add_resource(form, Name.XObject, Name("/RgFurniture"), replace_existing=False)
        content = b"/Artifact BMC\nq " + name.unparse() + b" Do Q\nEMC\n"
        page.contents_add(pikepdf.Stream(pdf, content), prepend=False)


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
