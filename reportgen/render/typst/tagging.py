"""Row header cells, the one table tag Typst cannot yet write on request.

Typst tags a table's header row itself (``/TH`` with ``/Scope /Column``, and every data
cell's ``/Headers`` naming its column headers). A cell that heads its *row* (a cover
sheet's labels, a scorecard's indicator names) needs ``pdf.header-cell(scope: "row")``,
which Typst 0.15 keeps behind a feature flag the Python package does not enable. So
after compiling we turn the first cell of every body row of the tables the model marks
(``Table.row_headers``, every ``DefinitionList``) into ``/TH /Scope /Row`` with an
``/ID``, and add that id to the ``/Headers`` of the other cells in its row: the same
association the HTML writer's ``<th scope="row">`` gives.

Tables are matched to the model by order: the writer records one flag per table in the
order it emits them, which is the structure tree's pre-order. A count that does not
match is an error, not a guess.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name, String

__all__ = [
    "INLINE_ELEMENTS",
    "drop_spacers",
    "finish",
    "fix_tables",
    "lift_title_bookmark",
    "mark_row_headers",
    "mark_row_headers_in",
    "open_pdf",
]


def open_pdf(data: bytes) -> pikepdf.Pdf:
    """``data`` opened by pikepdf from a file, not a BytesIO: from a stream, each object
    qpdf parses is read through a Python call, which made finding a pack's tables in
    its tags (thousands of objects) twice as slow. The file is unlinked once open (qpdf
    keeps its own handle); close the returned Pdf when done."""
    if os.name == "nt":  # an open file cannot be unlinked there
        return pikepdf.open(io.BytesIO(data))
    with tempfile.NamedTemporaryFile(prefix="reportgen-", suffix=".pdf") as file:
        file.write(data)
        file.flush()
        return pikepdf.open(file.name)


def _struct_kids(node: Dictionary) -> list[tuple[Dictionary, str]]:
    """A structure element's child elements with their types, read once each.

    Marked-content ids (integers) and object references (no ``/S``) are skipped; the
    type comes back as text so callers compare strings, not pikepdf names (each
    pikepdf access costs microseconds, and a pack has tens of thousands of them).
    """
    kids = node.get("/K")
    if kids is None:
        return []
    found: list[tuple[Dictionary, str]] = []
    for kid in kids if isinstance(kids, Array) else (kids,):
        if isinstance(kid, int):
            continue
        kind = kid.get("/S") if isinstance(kid, Dictionary) else None
        if kind is not None:
            found.append((cast(Dictionary, kid), str(kind)))
    return found


def _kids(node: Dictionary) -> list[Dictionary]:
    return [kid for kid, _ in _struct_kids(node)]


#: Elements that hold only text, never a block: not searched for tables. A 1,000-page
#: pack has ~28,000 structure elements, most of them these; reading every one through
#: pikepdf took 3 s.
INLINE_ELEMENTS = frozenset(
    {"/P", "/Span", "/Link", "/Lbl", "/Caption", "/Code", "/Quote", "/Reference", "/Note"}
    | {f"/H{n}" for n in range(1, 7)}
    | {"/H"}
)


def _tables(node: Dictionary, nested: bool = True) -> Iterator[Dictionary]:
    """Every /Table element in pre-order (a table inside a table after its parent;
    not looked for if not ``nested``)."""
    if str(node.get("/S")) == "/Table":
        yield node
    yield from _tables_under(node, nested)


def _tables_under(node: Dictionary, nested: bool = True) -> Iterator[Dictionary]:
    for kid, kind in _struct_kids(node):
        if kind == "/Table":
            yield kid
            if nested:
                yield from _tables_under(kid)
        elif kind not in INLINE_ELEMENTS:
            yield from _tables_under(kid, nested)


def _body_rows(table: Dictionary) -> Iterator[Dictionary]:
    for kid, kind in _struct_kids(table):
        if kind == "/TR":
            yield kid
        elif kind in ("/TBody", "/TFoot"):
            yield from (row for row, inner in _struct_kids(kid) if inner == "/TR")


def _cells(row: Dictionary) -> list[tuple[int, Dictionary, str]]:
    """A row's cells: (position in its /K, cell, "/TD" or "/TH")."""
    kids = row.get("/K")
    items = kids if isinstance(kids, Array) else ([kids] if kids is not None else [])
    found = []
    for position, kid in enumerate(items):
        if isinstance(kid, int) or not isinstance(kid, Dictionary):
            continue
        kind = str(kid.get("/S"))
        if kind in ("/TD", "/TH"):
            found.append((position, kid, kind))
    return found


def _table_attrs(cell: Dictionary) -> Dictionary:
    """The cell's attribute dictionary owned by /Table (created if missing)."""
    attrs = cell.get("/A")
    items = list(attrs) if isinstance(attrs, Array) else ([attrs] if attrs is not None else [])
    for item in items:
        if isinstance(item, Dictionary) and item.get("/O") == Name.Table:
            return item
    found = Dictionary(O=Name.Table)
    cell.A = Array([found, *items])
    return found


def _mark_cells(cells: list[Dictionary], ident: str, heads: bool) -> None:
    """The first cell (unless it already ``heads``) becomes the row's /TH /Scope /Row
    with ``ident``; the others name it among their /Headers."""
    if not cells or heads:
        return
    first = cells[0]
    first.S = Name.TH
    first.ID = String(ident)
    attrs = _table_attrs(first)
    attrs.Scope = Name.Row
    for cell in cells[1:]:
        other = _table_attrs(cell)
        headers = other.get("/Headers")
        if isinstance(headers, Array):
            headers.append(String(ident))
        else:
            other.Headers = Array([String(ident)])


def lift_title_bookmark(pdf: pikepdf.Pdf) -> None:
    """Put the body's top sections beside the title in the outline, not under it.

    Typst nests bookmarks by heading level, so every section would sit one level down
    under the report title; Word's navigation pane and the WeasyPrint PDF show the title
    and the top sections side by side (``render.common``), and so does this.
    """
    with pdf.open_outline() as outline:
        if len(outline.root) != 1 or not outline.root[0].children:
            return
        title = outline.root[0]
        children = list(title.children)
        title.children.clear()
        outline.root.extend(children)


def drop_spacers(pdf: pikepdf.Pdf, spacers: list[int]) -> None:
    """Take the hidden spacer column of long tables (``blocks.table``, listed by their
    position in emission order) back out of the structure tree: its empty cells, and
    the extra column its last header cell spans, so the tags show the model's table."""
    fix_tables(pdf, [], spacers)


def mark_row_headers_in(pdf: pikepdf.Pdf, flags: list[bool]) -> None:
    """``mark_row_headers`` on an open PDF: a pack does it in its one finishing pass."""
    fix_tables(pdf, flags, [])


def fix_tables(
    pdf: pikepdf.Pdf,
    flags: list[bool],
    spacers: list[int],
    first: int = 1,
    count: int | None = None,
) -> None:
    """Both table repairs from ONE walk of the structure tree, each row read once:
    spacer cells dropped (``drop_spacers``), then the row headers of the tables
    ``flags`` marks tagged (``mark_row_headers``). Tables are matched by position.

    ``first`` numbers the first table in the row headers' ids ("RG{n}r{row}"): a pack
    fixes each part before merging it, numbering its tables after the parts before.
    ``count``, the number of /Table elements the file holds if the caller knows it
    (a pack reads it from the part's bytes), spares the walk the tables' own rows and
    cells (most of a report's elements) when that many are found outside tables."""
    if not any(flags) and not spacers:
        return
    root = pdf.Root.StructTreeRoot
    assert isinstance(root, Dictionary)
    tables = list(_tables(root, nested=count is None))
    if count is not None and len(tables) != count:  # some nested: look inside tables
        tables = list(_tables(root))
    if any(flags) and len(tables) != len(flags):
        raise RuntimeError(
            f"Typst wrote {len(tables)} tables, the document has "
            f"{len(flags)}: row headers cannot be matched"
        )
    spaced = set(spacers)
    for index, table in enumerate(tables):
        flag = index < len(flags) and flags[index]
        if flag or index in spaced:
            _fix_table(table, first + index, flag, index in spaced)


def _fix_table(table: Dictionary, number: int, row_heads: bool, spacer: bool) -> None:
    if spacer:
        for kid, kind in _struct_kids(table):
            if kind == "/THead":
                for row, _ in _struct_kids(kid):
                    _narrow_last_header(row)
    rows = list(_body_rows(table))
    for index, row in enumerate(rows):
        cells = _cells(row)
        kids = row.get("/K")
        if spacer and cells and index not in (1, len(rows) - 1) and isinstance(kids, Array):
            del kids[cells.pop()[0]]  # the rows the spacer cells start in
        if row_heads and cells:
            _mark_cells([c for _, c, _ in cells], f"RG{number}r{index + 1}", cells[0][2] == "/TH")


def _narrow_last_header(row: Dictionary) -> None:
    cells = _cells(row)
    if not cells:
        return
    attrs = _table_attrs(cells[-1][1])
    span = int(attrs.get("/ColSpan", 1)) - 1
    if span > 1:
        attrs.ColSpan = span
    elif "/ColSpan" in attrs:
        del attrs["/ColSpan"]


def finish(
    data: bytes, flags: list[bool], lift_title: bool = True, spacers: list[int] | None = None
) -> bytes:
    """Row headers tagged (``mark_row_headers``), long tables' spacer cells dropped
    (``drop_spacers``) and the title's bookmark lifted."""
    if not any(flags) and not lift_title and not spacers:
        return data
    with open_pdf(data) as pdf:
        fix_tables(pdf, flags, spacers or [])
        if lift_title:
            lift_title_bookmark(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )
        return out.getvalue()


def mark_row_headers(data: bytes, flags: list[bool]) -> bytes:
    """Make the first cell of each body row a row header in the flagged tables."""
    return finish(data, flags, lift_title=False)
