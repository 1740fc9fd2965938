"""A Typst pack is its parts compiled apart and merged (``pack.merge``): the merged
file must keep one valid structure tree.

Read back from real output: every marked-content id on every page, and every link
annotation, resolves through the merged parent tree to the element that owns it; the
tree has one /Document root holding every part's elements; element ids are unique and
every table cell's /Headers names one of them. ``merge_tagged`` is also tested alone
on two documents whose Typst ids clash.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pack_helpers import agenda_pages, outline, page_texts, stamp_starts
from pack_meeting import CREATED, fake_compose
from pikepdf import Array, Dictionary, Name

from reportgen import model as m
from reportgen.pack import PackResult, build_packs, items, merge
from reportgen.render.engine import choose_engine
from reportgen.render.theme import load_theme

Built = dict[str, dict[str, Path]]
PACKS = ("cpp-2017-03-public", "cpp-2017-03-full", "cpp-2017-03-supplement-public")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def typst_built(pack_result: PackResult, meeting_dir: Path) -> Built:
    """The synthetic meeting's Typst packs (only Typst packs are merged)."""
    if choose_engine() == "typst":
        return pack_result.outputs
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(items, "_compose", fake_compose)
        out = meeting_dir / "output-merge-typst"
        return build_packs(
            meeting_dir / "meeting.yaml", out, created=CREATED, pdf_engine="typst"
        ).outputs


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def elements(node: Any) -> Iterator[Dictionary]:
    for kid in _kids(node):
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def _page_of(element: Dictionary, kid: Any) -> Any:
    """The page a marked-content reference sits on: its own /Pg, or its element's, or
    the nearest ancestor's."""
    if isinstance(kid, Dictionary) and "/Pg" in kid:
        return kid.Pg
    node: Any = element
    while isinstance(node, Dictionary) and node.get("/Type") != Name.StructTreeRoot:
        if "/Pg" in node:
            return node.Pg
        node = node.get("/P")
    return None


def _owns_mcid(element: Dictionary, mcid: int, page: Any) -> bool:
    for kid in _kids(element):
        own = (
            kid
            if isinstance(kid, int)
            else kid.get("/MCID")
            if isinstance(kid, Dictionary)
            else None
        )
        if own is not None and int(own) == mcid:
            found = _page_of(element, kid)
            return found is not None and found.objgen == page.objgen
    return False


def _mcids(page: pikepdf.Page) -> list[int]:
    found = []
    for operands, operator in pikepdf.parse_content_stream(page):
        marked = str(operator) == "BDC" and isinstance(operands[1], Dictionary)
        if marked and "/MCID" in operands[1]:
            found.append(int(operands[1].MCID))
    return found


def check_tree(pdf: pikepdf.Pdf) -> int:
    """Assert the structure tree is whole; return how many content ids were resolved."""
    root = pdf.Root.StructTreeRoot
    tops = _kids(root)
    assert len(tops) == 1 and Name.Document == tops[0].S
    assert all(k.P.objgen == tops[0].objgen for k in _kids(tops[0]) if isinstance(k, Dictionary))
    tree = dict(pikepdf.NumberTree(root.ParentTree).items())
    assert all(key < int(root.ParentTreeNextKey) for key in tree)
    resolved = 0
    for index, page in enumerate(pdf.pages):
        mcids = _mcids(page)
        if mcids:
            owners = tree[int(page.obj.StructParents)]
            for mcid in mcids:
                assert _owns_mcid(owners[mcid], mcid, page.obj), (index, mcid)
                resolved += 1
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                owner = tree[int(annot.StructParent)]
                objrs = [k for k in _kids(owner) if isinstance(k, Dictionary) and "/Obj" in k]
                assert any(k.Obj.objgen == annot.objgen for k in objrs), index
    return resolved


def check_ids(pdf: pikepdf.Pdf) -> int:
    """Element ids are unique and every /Headers entry names one; returns the count."""
    ids = [str(e.ID) for e in elements(pdf.Root.StructTreeRoot) if "/ID" in e]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for element in elements(pdf.Root.StructTreeRoot):
        attrs = element.get("/A")
        for attr in list(attrs) if isinstance(attrs, Array) else [attrs]:
            if isinstance(attr, Dictionary) and "/Headers" in attr:
                assert {str(h) for h in attr.Headers} <= known, element.S
    return len(ids)


@pytest.mark.parametrize("name", PACKS)
def test_every_content_id_and_link_resolves_in_the_merged_tree(
    typst_built: Built, name: str
) -> None:
    with pikepdf.open(typst_built[name]["pdf"]) as pdf:
        assert check_tree(pdf) > 100  # the reports' text is tagged, not just present
        check_ids(pdf)
        # the catalog is the pack's: title, language, PDF/UA identification
        assert pdf.Root.Lang == "en-GB" and pdf.Root.MarkInfo.Marked
        meta = pdf.open_metadata()
        assert "pack" in str(meta.get("dc:title")) and str(meta.get("pdfuaid:part")) == "1"
        xmp = pdf.Root.Metadata.read_bytes()  # the page count: the pack's, not a part's
        assert f"<xmpTPg:NPages>{len(pdf.pages)}</xmpTPg:NPages>".encode() in xmp


@pytest.mark.parametrize("name", PACKS)
def test_agenda_numbers_bookmarks_and_links_point_at_the_items(
    typst_built: Built, name: str
) -> None:
    path = typst_built[name]["pdf"]
    starts = stamp_starts(path)
    printed = agenda_pages(path)
    assert printed and all(starts[item] == page for item, page in printed.items())
    marks = {title.split(":")[0]: page for level, title, page in outline(path) if level == 1}
    for item, page in printed.items():
        assert marks[f"Item {item}"] == page
    with pikepdf.open(path) as pdf:
        links = sorted(
            pdf.pages.index(pikepdf.Page(a.Dest[0])) + 1
            for p in pdf.pages[:3]
            for a in p.obj.get("/Annots", [])
            if "/Dest" in a
        )
    assert links == sorted(printed.values())


def test_every_page_has_its_own_running_page_number(typst_built: Built) -> None:
    """The footers are drawn after the merge, one per pack page, external pages too."""
    texts = page_texts(typst_built["cpp-2017-03-full"]["pdf"])
    assert len(texts) > 10
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"\bPage {number}\s*$", text.strip()), (number, text[-80:])


def _report(title: str, word: str) -> m.Document:
    header = (m.cell("Measure"), m.cell("Value", "right"))
    rows = tuple((m.cell(f"{word} {r}"), m.cell(f"{r}.0", "right")) for r in range(3))
    table = m.Table(header, rows, caption=f"{word} table", row_headers=True)
    body = (m.Section(f"{word} section", (m.Paragraph(m.inlines(f"{word} text.")), table)),)
    return m.Document(meta=m.Metadata(title=title), body=body)


def _part_pdf(title: str, word: str) -> bytes:
    """A report as a pack part is compiled: row headers not tagged yet (the pack tags
    them as it merges the part)."""
    from reportgen.render.typst import compile_with_marks, document_source

    theme = load_theme(ROOT / "templates" / "committee-report")
    source, assets = document_source(_report(title, word), theme)
    return compile_with_marks(source, assets, None, marks=False, tag_rows=False)[0]


def test_merging_two_documents_keeps_both_trees_and_makes_ids_unique() -> None:
    first, second = _part_pdf("One", "Alpha"), _part_pdf("Two", "Beta")
    with pikepdf.open(io.BytesIO(second)) as alone:
        clash = {str(e.ID) for e in elements(alone.Root.StructTreeRoot) if "/ID" in e}
    with ExitStack() as stack:
        pdf = merge.merge_tagged([first, second], stack)
        assert len(pdf.pages) == 2
        assert check_tree(pdf) > 10
        assert check_ids(pdf) == 2 * len(clash) and clash  # both tables' ids, none lost
        tops = _kids(_kids(pdf.Root.StructTreeRoot)[0])
        headings = [str(e.get("/T", "")) for top in tops for e in [top, *elements(top)]]
        assert any("Alpha" in h for h in headings) and any("Beta" in h for h in headings)
        assert str(pdf.docinfo.Title) == "One"


def test_links_that_cannot_be_matched_are_an_error() -> None:
    with ExitStack() as stack:
        pdf = merge.merge_tagged([_part_pdf("One", "Alpha")], stack)
        with pytest.raises(RuntimeError, match="0 agenda links for 1 items"):
            merge.retarget(pdf, range(1), (0, 100.0), [(0, 50.0)])


def test_parts_grouped_into_fewer_documents_give_the_same_pack(
    pack_result: PackResult, meeting_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several parts in one Typst document (``typst_pack.CHUNK_PARTS``, the default:
    their running heads and stamps change at each part) give the same pack as one part
    a document: same text, pages, outline, a whole tag tree. (``pack_result`` writes
    the meeting.)"""
    from reportgen.pack import typst_pack

    monkeypatch.setattr(items, "_compose", fake_compose)
    spec = meeting_dir / "meeting.yaml"
    monkeypatch.setattr(typst_pack, "CHUNK_PARTS", 1)
    apart = build_packs(
        spec, meeting_dir / "output-merge-apart", created=CREATED, pdf_engine="typst"
    )
    monkeypatch.undo()
    monkeypatch.setattr(items, "_compose", fake_compose)
    sizes: list[int] = []
    grouping = typst_pack.chunks

    def spy(parts: Any) -> list[list[Any]]:
        groups = grouping(parts)
        sizes.extend(len(group) for group in groups)
        return groups

    monkeypatch.setattr(typst_pack, "chunks", spy)
    out = meeting_dir / "output-merge-chunks"
    grouped = build_packs(spec, out, created=CREATED, pdf_engine="typst")
    assert max(sizes) > 1  # some document held several parts
    for name in PACKS:
        alone, together = apart.outputs[name]["pdf"], grouped.outputs[name]["pdf"]
        assert page_texts(together) == page_texts(alone)
        assert outline(together) == outline(alone)
        with pikepdf.open(together) as pdf:
            check_tree(pdf)


def test_parts_are_grouped_in_order_with_the_last_part_alone() -> None:
    """``typst_pack.chunks``: every part once, in order, at most ``CHUNK_PARTS`` a
    document, and the last part a document of its own, so the front's second compile
    runs beside it rather than after it."""
    from types import SimpleNamespace

    from reportgen.pack import typst_pack

    parts: list[Any] = [
        SimpleNamespace(id=f"item-{n}", doc=None, placeholder_pages=2) for n in range(21)
    ]
    groups = typst_pack.chunks(parts)
    assert [p.id for group in groups for p in group] == [p.id for p in parts]
    assert groups[-1] == [parts[-1]]
    assert max(len(g) for g in groups) == typst_pack.CHUNK_PARTS > 1
    assert len(groups) >= 2 * typst_pack.WORKERS


def test_parts_tables_are_fixed_as_merged_and_numbered_across_the_pack() -> None:
    """``typst_pack`` tags each part's row headers before merging it, not on the merged
    tree: every id stays unique, each row header names its table's place in the pack's
    structure order (the front's table first, then each part's), and each other cell
    in its row lists it among its /Headers."""
    from reportgen.pack import typst_pack
    from reportgen.render.html.parts import Part

    theme = load_theme(ROOT / "templates" / "committee-report")
    front = Part(id="front", doc=_report("Agenda", "Front"))
    parts = [Part(id=f"item-{n}", doc=_report(f"R{n}", w)) for n, w in ((1, "Alpha"), (2, "Beta"))]
    with ExitStack() as stack:
        pdf, laid = typst_pack._compile_and_merge(
            front, parts, m.Metadata(title="Pack"), theme, None, stack
        )
        check_tree(pdf)
        assert check_ids(pdf) > 3 * 3  # three tables' column and row headers
        tables = [e for e in elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Table"]
        assert len(tables) == 3 == sum(len(p.row_header_tables) for p in laid)
        for number, table in enumerate(tables, start=1):
            rows = [e for e in elements(table) if str(e.S) == "/TR"][1:]  # after the header
            assert len(rows) == 3
            for index, row in enumerate(rows, start=1):
                cells = [e for e in elements(row) if e.S in (Name.TD, Name.TH)]
                assert cells[0].S == Name.TH and str(cells[0].ID) == f"RG{number}r{index}"
                heads = [str(h) for a in cells[1].A if "/Headers" in a for h in a.Headers]
                assert str(cells[0].ID) in heads


def _resaved(data: bytes) -> bytes:
    """The same PDF written by qpdf with object streams: its ids are compressed."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _ids_and_headers(pdf: pikepdf.Pdf) -> tuple[set[str], list[list[str]]]:
    ids = {str(e.ID) for e in elements(pdf.Root.StructTreeRoot) if "/ID" in e}
    headers = [
        [str(h) for h in attr.Headers]
        for e in elements(pdf.Root.StructTreeRoot)
        for attr in (e.A if isinstance(e.get("/A"), Array) else [e.get("/A")])
        if isinstance(attr, Dictionary) and "/Headers" in attr
    ]
    return ids, headers


def test_ids_renamed_in_the_bytes_are_all_renamed_and_the_file_stays_whole(
    tmp_path: Path,
) -> None:
    """``rawids`` renames every Typst id where it stands (the /ID, the /IDTree, every
    /Headers) and moves the cross-reference table to match: qpdf finds nothing wrong,
    and the tags name the same ids, prefixed, as before."""
    from system_tools import need

    from reportgen.pack import rawids

    data = _part_pdf("One", "Alpha")
    renamed = rawids.prefix_ids(data, "P3-")
    assert renamed is not None
    path = tmp_path / "renamed.pdf"
    path.write_bytes(renamed)
    checked = subprocess.run([need("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr
    with pikepdf.open(io.BytesIO(data)) as before, pikepdf.open(path) as after:
        for obj in after.objects:  # every object where the table says it is
            assert obj is not None
        assert after.get_warnings() == []
        ids, headers = _ids_and_headers(before)
        assert ids and any(headers)
        assert _ids_and_headers(after) == (
            {"P3-" + i for i in ids},
            [["P3-" + h for h in row] for row in headers],
        )
        tree = dict(pikepdf.NameTree(after.Root.StructTreeRoot.IDTree).items())
        assert set(tree) == {"P3-" + i for i in ids}


def test_ids_the_bytes_do_not_show_are_renamed_through_pikepdf() -> None:
    """Parts whose ids are not where Typst writes them (here: in object streams) are
    left to the pikepdf renaming, and the merged ids are still unique and resolve."""
    from reportgen.pack import rawids

    first, second = _resaved(_part_pdf("One", "Alpha")), _resaved(_part_pdf("Two", "Beta"))
    assert rawids.prefix_ids(second, "P1-") is None
    with pikepdf.open(io.BytesIO(second)) as alone:
        clash = {str(e.ID) for e in elements(alone.Root.StructTreeRoot) if "/ID" in e}
    with ExitStack() as stack:
        pdf = merge.merge_tagged([first, second], stack)
        assert check_tree(pdf) > 10
        assert check_ids(pdf) == 2 * len(clash) and clash


def test_an_id_string_anywhere_else_leaves_the_bytes_alone() -> None:
    """A string that looks like an id outside the three places (a report titled
    "U9x9y9", say) is not guessed at: nothing is renamed in the bytes."""
    from reportgen.pack import rawids

    assert rawids.prefix_ids(_part_pdf("U9x9y", "Alpha"), "P1-") is not None
    assert rawids.prefix_ids(_part_pdf("U9x9y9", "Alpha"), "P1-") is None


def test_the_front_numbers_need_every_part_laid_out_but_the_last() -> None:
    """The front compiles beside the last part: that part starts on the page after the
    others, as its own layout then confirms; a part before it cannot be guessed."""
    from reportgen.pack import typst_pack
    from reportgen.render.html.parts import Part
    from reportgen.render.typst.parts import PartPdf

    def laid(ident: str, pages: int, first: int = 0) -> PartPdf:
        return PartPdf(b"", {ident: (first, 0.0), "rg-part-end": (pages - 1, 0.0)}, [], [])

    parts = [Part(id=f"item-{n}", placeholder_pages=1) for n in (1, 2, 3)]
    every = [laid("item-1", 4), laid("item-2", 10), laid("item-3", 3)]
    starts = typst_pack._starts(2, parts, every)
    assert starts == [("item-1", 3), ("item-2", 7), ("item-3", 17)]
    assert typst_pack._starts(2, parts, every[:2]) == starts
    with pytest.raises(RuntimeError, match="no layout yet"):
        typst_pack._starts(2, parts, every[:1])
    assert typst_pack._last_starts_at_top(parts, every)
    assert not typst_pack._last_starts_at_top(parts, [*every[:2], laid("item-3", 3, first=1)])


def test_tables_counted_in_the_bytes_spare_the_walk_but_not_a_nested_table() -> None:
    """A pack counts a part's tables in its bytes (``typst_pack._TABLE``) so the walk
    need not look inside tables; a table nested in a cover sheet's cell is still found
    and tagged exactly as by the full walk."""
    from reportgen.pack import typst_pack
    from reportgen.render.typst import compile_with_marks, document_source
    from reportgen.render.typst.tagging import fix_tables

    inner = _report("Inner", "Inner").body[0].blocks[1]
    cover = m.DefinitionList((("Figures", (inner,)),), caption="Cover")
    outer = _report("Outer", "Outer")
    doc = m.Document(meta=outer.meta, body=(cover, *outer.body))
    theme = load_theme(ROOT / "templates" / "committee-report")
    source, assets = document_source(doc, theme)
    data = compile_with_marks(source, assets, None, marks=False, tag_rows=False)[0]
    flags = assets.row_header_tables
    assert len(typst_pack._TABLE.findall(data)) == len(flags) == 3

    def fixed(count: int | None) -> list[str]:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            fix_tables(pdf, flags, assets.spacer_tables, 1, count)
            return sorted(str(e.ID) for e in elements(pdf.Root.StructTreeRoot) if "/ID" in e)

    full = fixed(None)
    assert sum(i.startswith("RG") for i in full) == 3 + 3 + 1  # each row header, the cover's
    assert fixed(3) == full


def test_where_parts_will_start_is_told_before_the_last_part_is_merged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``typst_pack._compile_and_merge`` tells its caller where every part will start
    (the Word agenda is made from it) once every document but the last is laid out,
    before the last part is merged, not after: and the pages it tells are the ones
    the parts then start on."""
    from reportgen.pack import typst_pack
    from reportgen.render.html.parts import Part

    merged: list[int] = []
    adding = merge.Merger.add

    def counted(self: merge.Merger, *args: Any, **kwargs: Any) -> None:
        merged.append(1)
        adding(self, *args, **kwargs)

    monkeypatch.setattr(merge.Merger, "add", counted)
    told: list[tuple[int, dict[str, tuple[int, float]]]] = []
    theme = load_theme(ROOT / "templates" / "committee-report")
    front = Part(id="front", doc=_report("Agenda", "Front"))
    words = ("Alpha", "Beta", "Gamma", "Delta")
    parts = [Part(id=f"item-{n}", doc=_report(f"R{n}", w)) for n, w in enumerate(words, 1)]
    with ExitStack() as stack:
        _, laid = typst_pack._compile_and_merge(
            front,
            parts,
            m.Metadata(title="Pack"),
            theme,
            None,
            stack,
            laid_out=lambda found: told.append((len(merged), dict(found))),
        )
    assert len(told) == 1
    adds, found = told[0]
    assert adds < len(parts) - 1  # the first part starts the merge, each other is an add
    final = typst_pack._positions(laid)
    assert {p.id: found[p.id][0] for p in parts} == {p.id: final[p.id][0] for p in parts}
