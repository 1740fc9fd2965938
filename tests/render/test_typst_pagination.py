"""The Typst writer's pagination (issue 19), on small hand-built documents laid out for
real: a long table never leaves one row alone wherever it starts, a short one never
splits, a lead-in never ends a page, and the hidden column that does it leaves no trace
in the tagged table. Plus the page measure itself, on a PDF that breaks every rule.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
import typst
from page_measure import violations
from pdf_pages import measure_pdf, rows_per_page

from reportgen import model as m
from reportgen.render.theme import Theme, load_theme
from reportgen.render.typst import render_typst

ROOT = Path(__file__).resolve().parents[2]
FILLERS = range(20, 50, 3)  # lines of text before the table: it starts all down the page


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme(ROOT / "templates" / "_base")


def _table(rows: int, caption: str) -> m.Table:
    return m.Table(
        header=(m.cell("Month"), m.cell("Value", align="right")),
        rows=tuple((m.cell(f"Month {i}"), m.cell(str(i), align="right")) for i in range(rows)),
        caption=caption,
    )


def _filler(lines: int) -> tuple[m.Block, ...]:
    return tuple(m.Paragraph(m.inlines(f"Line {i} of the text before.")) for i in range(lines))


def _doc(*body: m.Block) -> m.Document:
    return m.Document(meta=m.Metadata(title="Pagination"), body=(m.Section("Body", body),))


def _pdf(doc: m.Document, theme: Theme, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(render_typst(doc, theme))
    return path


def _rows_per_page(path: Path) -> list[dict[int, int]]:
    with pikepdf.open(path) as pdf:
        return list(rows_per_page(pdf).values())


def test_a_long_table_never_leaves_one_row_alone(theme: Theme, tmp_path: Path) -> None:
    """Tables of 22-25 rows starting a line apart near the top of a page: unguarded,
    some of these would put their last row alone on the next page."""
    split = 0
    for lines in range(8, 14):
        for count in (22, 23, 24, 25):
            doc = _doc(*_filler(lines), _table(count, "Long"))
            (pages,) = _rows_per_page(_pdf(doc, theme, tmp_path, f"long-{lines}-{count}"))
            assert sum(pages.values()) == count
            assert min(pages.values()) >= 2, f"{lines} lines, {count} rows: {pages}"
            split += len(pages) > 1
    assert split >= 6  # the tables did break, often


def test_a_short_table_never_splits(theme: Theme, tmp_path: Path) -> None:
    for lines in FILLERS:
        doc = _doc(*_filler(lines), _table(m.KEEP_TOGETHER_ROWS, "Short"))
        (pages,) = _rows_per_page(_pdf(doc, theme, tmp_path, f"short-{lines}"))
        assert list(pages.values()) == [m.KEEP_TOGETHER_ROWS], f"{lines} lines before"


def test_a_lead_in_and_heading_never_end_a_page(theme: Theme, tmp_path: Path) -> None:
    lead = m.Paragraph(m.inlines("The table below shows the months."))
    for lines in FILLERS:
        body = (*_filler(lines), m.Section("Months", (lead, _table(8, "Months"))))
        path = _pdf(_doc(*body), theme, tmp_path, f"lead-{lines}")
        feet = [v for v in violations(measure_pdf(path, _doc(*body), theme.page)) if "ends" in v]
        assert feet == [], f"{lines} lines before"


def test_the_hidden_column_leaves_no_trace_in_the_tags(theme: Theme, tmp_path: Path) -> None:
    """Every row of the tagged long table has the header's two cells, none spanning."""
    path = _pdf(_doc(*_filler(30), _table(24, "Long")), theme, tmp_path, "tags")
    with pikepdf.open(path) as pdf:
        rows = [r for r in _elements(pdf.Root.StructTreeRoot) if str(r.get("/S")) == "/TR"]
        cells = [[c for c in _children(r) if str(c.get("/S")) in ("/TD", "/TH")] for r in rows]
        spans = [
            a
            for row in cells
            for c in row
            for a in _attributes(c)
            if "/ColSpan" in a or "/RowSpan" in a
        ]
        assert len(rows) == 25  # the header row and 24 body rows
        assert {len(row) for row in cells} == {2}
        assert spans == []


def _children(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _elements(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [node, *(e for kid in _children(node) for e in _elements(kid))]


def _attributes(cell: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    attrs = cell.get("/A")
    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
    return [a for a in items if isinstance(a, pikepdf.Dictionary)]


RAW = """#set document(title: "Broken")
#set page(paper: "a4", margin: (top: 24mm, bottom: 22mm, x: 20mm))
#set text(lang: "en")
#v(236mm)
#table(columns: 2, table.header([Month], [Value]),
  ..range(12).map(i => ([Month #i], [#i])).flatten())
#v(140mm)
= A heading at the foot
#pagebreak()
Text.
"""


def test_the_measure_finds_what_a_reader_would_reject(theme: Theme, tmp_path: Path) -> None:
    """On a PDF laid out with no care (a 12-row table leaving one row under its header,
    a heading alone at a page foot) the measure reports each, read from the real PDF."""
    path = tmp_path / "broken.pdf"
    path.write_bytes(typst.compile(RAW.encode(), pdf_standards=["ua-1"]))
    found = violations(measure_pdf(path, m.Document(m.Metadata(title="Broken"), ()), theme.page))
    assert any("row left alone" in v for v in found), found
    assert any("ends with a heading" in v for v in found), found
