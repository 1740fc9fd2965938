"""The Typst writer's table tag repair (``render/typst/tagging``), read back from real PDFs.

One walk of the structure tree finds every table in pre-order and, row by row, drops
the hidden spacer column of long tables and tags the row header cells of the tables the
model marks. These tests lay out tables where a wrong order, a missed nested table or a
cell dropped from the wrong row would show: a long row-headed table nested inside a
cover sheet's cell, then tables with and without row headers, long and short.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pikepdf
import pytest

from reportgen import model as m
from reportgen.render.theme import Theme
from reportgen.render.typst import render_typst
from reportgen.render.typst.tagging import open_pdf

Element = pikepdf.Object


def _kids(node: Element) -> list[Element]:
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _tables(node: Element) -> list[Element]:
    """Every /Table in pre-order, by the plainest possible walk (no pruning)."""
    found = [node] if node.get("/S") == "/Table" else []
    return found + [t for kid in _kids(node) for t in _tables(kid)]


def _rows(table: Element) -> list[list[Element]]:
    """Body rows (not the header row), each as its TD/TH cells."""
    found = []
    for kid in _kids(table):
        if kid.S == "/TBody":
            found += _kids(kid)
        elif kid.S == "/TR":
            found.append(kid)
    return [[c for c in _kids(r) if c.S in ("/TD", "/TH")] for r in found]


def _attrs(cell: Element) -> pikepdf.Object:
    attrs = cell.get("/A")
    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
    return next(a for a in items if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table")


def _table(name: str, rows: int, row_headers: bool) -> m.Table:
    return m.Table(
        header=(m.cell("Name"), m.cell("Value", "right"), m.cell("Rating")),
        rows=tuple(
            (m.cell(f"{name} {i}"), m.cell(str(i), "right"), m.cell("Red", rating="red"))
            for i in range(rows)
        ),
        caption=f"{name} table",
        row_headers=row_headers,
    )


#: (name, body rows, row headers?) in reading order; the first sits in a cover cell
TABLES = [("Nested", 14, True), ("Plain", 12, False), ("Short", 4, True), ("Long", 16, True)]


@pytest.fixture(scope="module")
def tagged(theme: Theme) -> pikepdf.Pdf:
    nested, *rest = (_table(n, r, h) for n, r, h in TABLES)
    cover = m.DefinitionList(
        (("Report of", (m.Paragraph(m.inlines("The director")),)), ("Figures", (nested,))),
        caption="Cover",
    )
    doc = m.Document(meta=m.Metadata(title="Tables"), body=(m.Section("Tables", (cover, *rest)),))
    return pikepdf.open(io.BytesIO(render_typst(doc, theme)))


def test_tables_keep_the_models_shape_and_row_headers(tagged: pikepdf.Pdf) -> None:
    cover, *tables = _tables(tagged.Root.StructTreeRoot)
    assert len(tables) == len(TABLES)
    for table, (name, count, row_headers) in zip(tables, TABLES, strict=True):
        rows = _rows(table)
        assert len(rows) == count, name
        assert {len(r) for r in rows} == {3}, f"{name}: spacer cells left in the tags"
        heads = [r[0] for r in rows if r[0].S == "/TH"]
        assert len(heads) == (count if row_headers else 0), name
        for row in rows if row_headers else ():
            ident = row[0].ID
            assert _attrs(row[0]).Scope == "/Row"
            assert all(ident in list(_attrs(c).Headers) for c in row[1:]), name
    # the cover sheet's labels head their rows too
    assert [str(r[0].S) for r in _rows(cover)] == ["/TH", "/TH"]


def test_no_header_spans_the_hidden_column(tagged: pikepdf.Pdf) -> None:
    cells = [c for t in _tables(tagged.Root.StructTreeRoot) for c in _kids(t)]
    heads = [h for kid in cells if kid.S == "/THead" for r in _kids(kid) for h in _kids(r)]
    assert heads and all("/ColSpan" not in _attrs(h) for h in heads)


def test_open_pdf_leaves_no_file_behind(
    tagged: pikepdf.Pdf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.BytesIO()
    tagged.save(out)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with open_pdf(out.getvalue()) as reopened:
        assert list(tmp_path.iterdir()) == []
        assert len(reopened.pages) == len(tagged.pages)
        assert len(_tables(reopened.Root.StructTreeRoot)) == len(TABLES) + 1
