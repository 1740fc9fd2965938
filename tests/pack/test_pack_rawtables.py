"""A pack fixes each Typst part's table tags in its bytes (``pack.rawtables``, spliced
with the id renaming by ``pack.merge._in_bytes``); the structure tree must come out
exactly as the pikepdf path (``merge._prefix_ids`` then ``tagging.fix_tables``) makes it.

Compared on real compiled parts through a canonical dump of every structure element
read back by pikepdf: its type, /ID, every /A dictionary's keys and values, its /K as
child positions and content ids. Where the bytes are not as Typst writes them (object
streams, a nested table, a cell's attributes in another order, tables the flags do not
describe) the byte path declines (None) and the pack is still fixed, through pikepdf.
"""

from __future__ import annotations

import io
import sys
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from reportgen import model as m
from reportgen.pack import merge, rawtables, typst_pack
from reportgen.render.html.parts import Part
from reportgen.render.theme import load_theme
from reportgen.render.typst import compile_with_marks, document_source
from reportgen.render.typst.parts import PartPdf

ROOT = Path(__file__).resolve().parents[2]
THEME = load_theme(ROOT / "templates" / "committee-report")
LONG = m.KEEP_TOGETHER_ROWS + 5  # rows: drawn with a hidden spacer column


def _table(word: str, rows: int, row_headers: bool) -> m.Table:
    header = (m.cell("Measure"), m.cell("Target", "right"), m.cell("Value", "right"))
    body = tuple(
        (m.cell(f"{word} {r}"), m.cell("95.0%", "right"), m.cell(f"{r}.0", "right"))
        for r in range(rows)
    )
    return m.Table(header, body, caption=f"{word} table", row_headers=row_headers)


def _doc(title: str, *blocks: m.Block) -> m.Document:
    text = m.Paragraph(m.inlines(f"{title} (lower is better) text."))
    return m.Document(meta=m.Metadata(title=title), body=(m.Section(title, (text, *blocks)),))


def _part(doc: m.Document) -> PartPdf:
    """``doc`` compiled as a pack compiles a part: row headers and spacers not fixed."""
    source, assets = document_source(doc, THEME)
    data = compile_with_marks(source, assets, None, marks=False, tag_rows=False)[0]
    return PartPdf(data, {}, list(assets.row_header_tables), list(assets.spacer_tables))


def _value(value: Any) -> Any:
    if isinstance(value, Array):
        return [_value(v) for v in value]
    if isinstance(value, Dictionary):
        return {key: _value(value[key]) for key in sorted(value.keys())}
    if isinstance(value, Name):
        return str(value)
    if isinstance(value, String):
        return ("string", bytes(value))
    if isinstance(value, Decimal | int | bool):
        return value
    return repr(value)


def dump(pdf: pikepdf.Pdf) -> list[tuple[Any, ...]]:
    """Every structure element in pre-order: type, /ID, /A, /K (a child element by its
    place in this list, a content id as ("mcid", n), a reference dict's own keys)."""
    found: list[tuple[Any, ...]] = []

    def visit(node: Any) -> int:
        index = len(found)
        found.append(())
        kid = node.get("/K")
        kids = list(kid) if isinstance(kid, Array) else [] if kid is None else [kid]
        entries: list[Any] = []
        for kid in kids:
            if isinstance(kid, Dictionary) and "/S" in kid:
                entries.append(("element", visit(kid)))
            elif isinstance(kid, Dictionary):
                entries.append(("ref", _value(kid.get("/MCID")), str(kid.get("/Type"))))
            else:
                entries.append(("mcid", int(kid)))
        ident = str(node.ID) if "/ID" in node else None
        found[index] = (str(node.S), ident, _value(node.get("/A")), entries)
        return index

    for top in pdf.Root.StructTreeRoot.K:
        visit(top)
    return found


def _by_bytes(data: bytes, fix: merge.Fix, prefix: str | None) -> list[tuple[Any, ...]]:
    changed, fixed = merge._in_bytes(data, prefix, fix)
    assert changed is not None and fixed, "the byte path declined a part Typst wrote"
    with pikepdf.open(io.BytesIO(changed)) as pdf:
        assert pdf.get_warnings() == []  # every object where the table says it is
        return dump(pdf)


def _by_pikepdf(data: bytes, fix: merge.Fix, prefix: str | None) -> list[tuple[Any, ...]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if prefix is not None:
            merge._prefix_ids(pdf, prefix)
        fix(pdf)
        return dump(pdf)


def _unfixed(data: bytes, prefix: str | None) -> list[tuple[Any, ...]]:
    """The tree with only its ids renamed (the fix left out)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if prefix is not None:
            merge._prefix_ids(pdf, prefix)
        return dump(pdf)


def _differences(one: list[Any], other: list[Any]) -> int:
    """How many elements differ, place by place (a dropped one shifts those after)."""
    shared = min(len(one), len(other))
    return sum(bool(one[i] != other[i]) for i in range(shared)) + abs(len(one) - len(other))


def _assert_same(part: PartPdf, first: int = 1, prefix: str | None = "P2-") -> int:
    """The byte path's tree is the pikepdf path's; returns how many elements the fix
    changed (so a case cannot pass by fixing nothing on either path)."""
    fix = typst_pack._fixer(part, first)
    want = _by_pikepdf(part.pdf, fix, prefix)
    assert _by_bytes(part.pdf, fix, prefix) == want
    return _differences(want, _unfixed(part.pdf, prefix))


def _row_heads(part: PartPdf) -> list[str]:
    fix = typst_pack._fixer(part, 7)
    return [e[1] for e in _by_bytes(part.pdf, fix, None) if e[1] and e[1].startswith("RG")]


@pytest.mark.parametrize(
    ("rows", "row_headers", "flags", "spacers"),
    [
        (4, True, [True], []),  # row headers only (a short table: no spacer)
        (LONG, False, [False], [0]),  # a spacer column only
        (LONG, True, [True], [0]),  # both
    ],
    ids=["row-headers", "spacer", "both"],
)
def test_one_table_fixed_in_the_bytes_as_through_pikepdf(
    rows: int, row_headers: bool, flags: list[bool], spacers: list[int]
) -> None:
    part = _part(_doc("One", _table("Alpha", rows, row_headers)))
    assert (part.row_header_tables, part.spacer_tables) == (flags, spacers)
    changed = _assert_same(part)
    assert changed >= (rows * 3 if row_headers else rows // 2)  # not a fix of nothing
    assert _assert_same(part, prefix=None) == changed  # as the pack's first part


def test_several_tables_numbered_from_the_parts_first() -> None:
    """Tables of every kind in one part, numbered from the part's place in the pack."""
    doc = _doc(
        "Mixed",
        _table("Alpha", 3, True),
        _table("Beta", 3, False),
        _table("Gamma", LONG, True),
        _table("Delta", LONG, False),
    )
    part = _part(doc)
    assert part.row_header_tables == [True, False, True, False]
    assert part.spacer_tables == [2, 3]
    assert _assert_same(part, first=5) > 3 + LONG
    heads = _row_heads(part)
    assert heads[:4] == ["RG7r1", "RG7r2", "RG7r3", "RG9r1"]
    assert len(heads) == 3 + LONG


def test_a_row_whose_first_cell_already_heads_it_is_left_as_it_is() -> None:
    """A body row opening with a /TH (written so here, in place of Typst's /TD) is not
    given a row header: on both paths its cells keep their /Headers."""
    part = _part(_doc("One", _table("Alpha", 3, True)))
    with pikepdf.open(io.BytesIO(part.pdf)) as pdf:
        tables = [e for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Table"]
        body = next(e for e in _elements(tables[0]) if str(e.S) == "/TBody")
        number = body.K[1].K[0].objgen[0]  # the second body row's first cell
    cell = b"\n%d 0 obj\n<</Type/StructElem/S/TD" % number
    data = part.pdf.replace(cell, cell[:-2] + b"TH")
    assert data != part.pdf
    headed = PartPdf(data, {}, part.row_header_tables, part.spacer_tables)
    assert _assert_same(headed) > 0
    assert _row_heads(headed) == ["RG7r1", "RG7r3"]


def _elements(node: Any) -> Any:
    kids = node.get("/K")
    for kid in kids if isinstance(kids, Array) else []:
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def test_a_part_without_tables_is_only_renamed() -> None:
    part = _part(_doc("Plain", m.Paragraph(m.inlines("Nothing tabulated."))))
    assert part.row_header_tables == []
    assert _assert_same(part) == 0


def test_pack_scale_parts_fixed_in_the_bytes_as_through_pikepdf() -> None:
    """``benchmarks/pack_scale.py``'s reports (the 1,000-page pack's): a cover page, a
    30-row rated table with row headers and a spacer column, a chart with alt text."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import pack_scale
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for n in (1, 2):
        part = _part(pack_scale.report(n))
        assert part.row_header_tables == [True] and part.spacer_tables == [0]
        assert _assert_same(part, first=n) > 30 * 4


def test_the_meetings_parts_fixed_in_the_bytes_as_through_pikepdf(
    pack_result: Any, meeting_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every part the synthetic meeting's Typst packs merge (front sheet and agenda,
    cover sheets, scorecards, the exempt report, an external PDF's placeholder pages)
    is fixed in its bytes, to the tree pikepdf would make."""
    from pack_meeting import CREATED, fake_compose

    from reportgen.pack import build_packs, items

    seen: list[tuple[bytes, str | None, merge.Fix]] = []
    in_bytes = merge._in_bytes

    def spy(data: bytes, prefix: str | None, fix: merge.Fix | None) -> Any:
        if fix is not None:
            seen.append((data, prefix, fix))
        return in_bytes(data, prefix, fix)

    monkeypatch.setattr(merge, "_in_bytes", spy)
    monkeypatch.setattr(items, "_compose", fake_compose)
    out = meeting_dir / "output-rawtables"
    build_packs(meeting_dir / "meeting.yaml", out, created=CREATED, pdf_engine="typst")
    monkeypatch.undo()  # _by_bytes below calls _in_bytes itself
    assert len(seen) > 4
    changed = 0
    for data, prefix, fix in seen:
        want = _by_pikepdf(data, fix, prefix)
        assert _by_bytes(data, fix, prefix) == want
        changed += _differences(want, _unfixed(data, prefix))
    assert changed > 20  # the front sheet's details, the cover sheets' rows


def _pack(parts: list[Part], stack: ExitStack) -> list[tuple[Any, ...]]:
    pdf, _ = typst_pack._compile_and_merge(
        Part(id="front", doc=_doc("Agenda", _table("Front", 3, True))),
        parts,
        m.Metadata(title="Pack"),
        THEME,
        None,
        stack,
    )
    return dump(pdf)


def test_a_pack_merged_without_the_byte_path_has_the_same_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole pack, every part's tables fixed through pikepdf instead (as for parts
    the bytes do not show), has the same structure tree, numbering across parts too."""
    docs = [
        _doc("R1", _table("Alpha", LONG, True)),
        _doc("R2", _table("Beta", 3, True), _table("Gamma", LONG, False)),
        _doc("R3", m.Paragraph(m.inlines("No tables."))),
    ]
    parts = [Part(id=f"item-{n}", doc=doc) for n, doc in enumerate(docs, 1)]
    with ExitStack() as stack:
        fast = _pack(parts, stack)
        monkeypatch.setattr(rawtables, "edits", lambda *args: None)
        slow = _pack(parts, stack)
    assert fast == slow
    heads = {e[1] for e in fast if e[1] and e[1].startswith("RG")}
    assert {"RG1r1", "RG2r1", f"RG2r{LONG}", "RG3r3"} <= heads  # numbered across parts
    assert not any(h.startswith("RG4") for h in heads)  # Gamma has no row headers


class _PikepdfOnly:
    """``fix`` never made in the bytes: the merge as it was before the byte path."""

    def __init__(self, fix: merge.Fix) -> None:
        self.fix = fix

    def edits(self, data: bytes, xref: Any) -> None:
        return None

    def __call__(self, pdf: pikepdf.Pdf) -> None:
        self.fix(pdf)


def _merged(data: bytes, fix: merge.Fix) -> list[tuple[Any, ...]]:
    """``data`` merged after a one-paragraph first part, with ``fix``: the tags."""
    plain = _part(_doc("Two", m.Paragraph(m.inlines("First part."))))
    with ExitStack() as stack:
        merger = merge.Merger(plain.pdf, stack)
        merger.add(data, fix=fix)
        return dump(merger.finish())


def _resaved(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _swapped(data: bytes) -> bytes:
    """The last data cell's /Table attributes written in another (equally valid)
    order, the same length: the bytes are no longer as Typst writes them."""
    at = data.rindex(b"<</O/Table/Headers[")
    end = data.index(b"]>>", at) + 1
    headers = data[at + len(b"<</O/Table") : end]
    swapped = data[:at] + b"<<" + headers + b"/O/Table" + data[end:]
    assert len(swapped) == len(data)
    return swapped


def _nested() -> PartPdf:
    inner = _table("Inner", 3, True)
    cover = m.DefinitionList((("Figures", (inner,)),), caption="Cover")
    return _part(_doc("Outer", cover, _table("Outer", 3, True)))


@pytest.mark.parametrize("case", ["object-streams", "cell-attributes", "nested-table"])
def test_bytes_not_as_typst_writes_them_are_fixed_through_pikepdf(case: str) -> None:
    """The byte path declines (None) and the merged part is still fixed, by pikepdf."""
    part = _part(_doc("One", _table("Alpha", LONG, True)))
    if case == "nested-table":
        part = _nested()
    data = {"object-streams": _resaved, "cell-attributes": _swapped}.get(case, bytes)(part.pdf)
    part = PartPdf(data, {}, part.row_header_tables, part.spacer_tables)
    fix = typst_pack._fixer(part, 1)
    flags, spacers = part.row_header_tables, part.spacer_tables
    assert rawtables.fix_tables(data, flags, spacers, 1, fix.tables) is None
    renamed, fixed = merge._in_bytes(data, "P2-", fix)
    assert not fixed and (renamed is None) == (case == "object-streams")
    merged = _merged(data, fix)
    assert merged == _merged(data, _PikepdfOnly(fix))
    assert any(e[1] and e[1].startswith("RG") for e in merged)


def test_a_nested_table_is_left_to_pikepdf_even_without_row_headers() -> None:
    """Only spacers to drop, in a part with a table inside another: the walk that does
    not look inside tables finds fewer than the bytes hold, so the byte path declines
    rather than number the tables without the nested one."""
    part = _nested()
    fix = typst_pack._fixer(part, 1)
    assert fix.tables == 3
    assert rawtables.fix_tables(part.pdf, [False] * 3, [2], 1, fix.tables) is None
    assert rawtables.fix_tables(part.pdf, [False] * 3, [], 1, fix.tables) == part.pdf


def test_tables_the_flags_do_not_describe_are_still_an_error() -> None:
    """One flag too many: the byte path does not guess (None), and the merge raises
    the pikepdf walk's error, as before."""
    part = _part(_doc("One", _table("Alpha", 3, True)))
    wrong = PartPdf(part.pdf, {}, [True, True], [])
    fix = typst_pack._fixer(wrong, 1)
    assert rawtables.fix_tables(part.pdf, [True, True], [], 1, fix.tables) is None
    plain = _part(_doc("Two", m.Paragraph(m.inlines("First part."))))
    with ExitStack() as stack:
        merger = merge.Merger(plain.pdf, stack)
        with pytest.raises(RuntimeError, match="row headers cannot be matched"):
            merger.add(part.pdf, fix=fix)


def test_the_patterns_hold_no_possessive_or_atomic_groups() -> None:
    """Python 3.11.2 (Debian 12's, and CI's) fails to match a Typst /Table element with
    ``(?:...)*+`` where 3.11.7 matches it: every Typst part then fell back to pikepdf.
    The patterns are unrolled loops instead; this keeps them so on any Python."""
    import re

    patterns = [v for v in vars(rawtables).values() if isinstance(v, re.Pattern)]
    assert len(patterns) >= 4
    for pattern in patterns:
        source = pattern.pattern.decode("latin-1")
        unescaped = re.sub(r"\\.", "", source)  # escaped characters are literals
        assert not re.search(r"[*+?}]\+|\(\?>", unescaped), source[:80]
