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
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, String

__all__ = ["finish", "lift_title_bookmark", "mark_row_headers", "mark_row_headers_in"]


def _kids(node: Dictionary) -> list[Dictionary]:
    kids = node.get("/K")
    if kids is None:
        return []
    items = kids if isinstance(kids, Array) else [kids]
    return [k for k in items if isinstance(k, Dictionary) and "/S" in k]


#: Elements that hold only text, never a block: not searched for tables. A 1,000-page
#: pack has ~28,000 structure elements, most of them these; reading every one through
#: pikepdf took 3 s.
_INLINE = frozenset(
    {"/P", "/Span", "/Link", "/Lbl", "/Caption", "/Code", "/Quote", "/Reference", "/Note"}
    | {f"/H{n}" for n in range(1, 7)}
    | {"/H"}
)


def _tables(node: Dictionary) -> Iterator[Dictionary]:
    """Every /Table element in pre-order (a table inside a table after its parent)."""
    kind = node.get("/S")
    if kind == Name.Table:
        yield node
    elif kind is not None and str(kind) in _INLINE:
        return
    for kid in _kids(node):
        yield from _tables(kid)


def _body_rows(table: Dictionary) -> Iterator[Dictionary]:
    for kid in _kids(table):
        if kid.S == Name.TR:
            yield kid
        elif kid.S in (Name.TBody, Name.TFoot):
            yield from (row for row in _kids(kid) if row.S == Name.TR)


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


def _mark_row(row: Dictionary, ident: str) -> None:
    cells = [c for c in _kids(row) if c.S in (Name.TD, Name.TH)]
    if not cells or cells[0].S == Name.TH:
        return
    first = cells[0]
    first.S = Name.TH
    first.ID = String(ident)
    attrs = _table_attrs(first)
    attrs.Scope = Name.Row
    for cell in cells[1:]:
        other = _table_attrs(cell)
        headers = other.get("/Headers")
        other.Headers = Array([*(headers if isinstance(headers, Array) else []), String(ident)])


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
    if not spacers:
        return
    root = pdf.Root.StructTreeRoot
    assert isinstance(root, Dictionary)
    tables = list(_tables(root))
    for position in spacers:
        table = tables[position]
        for kid in _kids(table):
            if Name.THead == kid.S:
                for row in _kids(kid):
                    _narrow_last_header(row)
        rows = list(_body_rows(table))
        for index, row in enumerate(rows):
            if index not in (1, len(rows) - 1):  # the rows the spacer cells start in
                _drop_last_cell(row)


def _narrow_last_header(row: Dictionary) -> None:
    cells = [c for c in _kids(row) if c.S in (Name.TD, Name.TH)]
    if not cells:
        return
    attrs = _table_attrs(cells[-1])
    span = int(attrs.get("/ColSpan", 1)) - 1
    if span > 1:
        attrs.ColSpan = span
    elif "/ColSpan" in attrs:
        del attrs["/ColSpan"]


def _drop_last_cell(row: Dictionary) -> None:
    kids = row.K
    if not isinstance(kids, Array):
        return
    cells = [
        i
        for i, k in enumerate(kids)
        if isinstance(k, Dictionary) and k.get("/S") in (Name.TD, Name.TH)
    ]
    if cells:
        del kids[cells[-1]]


def finish(
    data: bytes, flags: list[bool], lift_title: bool = True, spacers: list[int] | None = None
) -> bytes:
    """Row headers tagged (``mark_row_headers``), long tables' spacer cells dropped
    (``drop_spacers``) and the title's bookmark lifted."""
    if not any(flags) and not lift_title and not spacers:
        return data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        drop_spacers(pdf, spacers or [])
        mark_row_headers_in(pdf, flags)
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


def mark_row_headers_in(pdf: pikepdf.Pdf, flags: list[bool]) -> None:
    """``mark_row_headers`` on an open PDF: a pack does it in its one finishing pass."""
    if not any(flags):
        return
    root = pdf.Root.StructTreeRoot
    assert isinstance(root, Dictionary)
    tables = list(_tables(root))
    if len(tables) != len(flags):
        raise RuntimeError(
            f"Typst wrote {len(tables)} tables, the document has "
            f"{len(flags)}: row headers cannot be matched"
        )
    for number, (table, flag) in enumerate(zip(tables, flags, strict=True), start=1):
        if flag:
            for index, row in enumerate(_body_rows(table), start=1):
                _mark_row(row, f"RG{number}r{index}")
