"""The report's data as an accessible spreadsheet (issue 19, item 3): cover, contents and
notes sheets, one table per sheet, no merged cells, unrounded figures, GSS symbols for
missing values; the cover lists what is appended or supplied; the build writes it."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from reportgen import api
from reportgen import model as m
from reportgen.render.xlsx import render_xlsx

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "corporate-parenting.yaml"


@pytest.fixture(scope="module")
def doc() -> m.Document:
    return api.compose_document(SPEC)


@pytest.fixture(scope="module")
def book(doc: m.Document) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(render_xlsx(doc)))


def test_sheets_follow_the_guidance(doc: m.Document, book: openpyxl.Workbook) -> None:
    tables = [f"Table_{n}" for n in range(1, len(doc.spreadsheet) + 1)]
    assert book.sheetnames == ["Cover", "Contents", "Notes", *tables]
    assert len(tables) >= 5  # five charts and the KPI table
    for sheet in book.worksheets:
        assert not sheet.merged_cells.ranges, sheet.title
        assert sheet["A1"].value and sheet["A1"].font.b, sheet.title
    for name in tables:  # one real Excel table per sheet, under its title
        assert list(book[name].tables) == [name]
    listed = [r[0].value for r in book["Contents"].iter_rows(min_row=4)]
    assert listed == tables


def test_figures_are_unrounded_and_match_the_printed_table(
    doc: m.Document, book: openpyxl.Workbook
) -> None:
    """Every chart cell holds the number its printed text rounds, and some carry more
    decimals than the page shows (full precision, not the display)."""
    finer = 0
    for number, table in enumerate(doc.spreadsheet, start=1):
        sheet = book[f"Table_{number}"]
        for r, row in enumerate(table.rows, start=4):
            for c, cell in enumerate(row, start=1):
                if cell.value is None:
                    continue
                written = sheet.cell(row=r, column=c).value
                assert written == pytest.approx(cell.value, rel=1e-14)  # Excel: 15 digits
                shown = "".join(t.text for t in cell.content).rstrip("%").replace(",", "")
                places = len(shown.split(".")[1]) if "." in shown else 0
                assert f"{written:,.{places}f}".replace(",", "") == shown
                finer += round(written, places) != written
    assert finer > 10


def test_missing_values_are_gss_symbols(tmp_path: Path) -> None:
    table = m.Table(
        header=(m.cell("Area"), m.cell("Rate", align="right")),
        rows=(
            (m.cell("A"), m.cell("n/a", align="right")),
            (m.cell("B"), m.cell("c", align="right")),
            (m.cell("C"), m.cell("45.1", align="right", value=45.0937)),
        ),
        caption="Rates",
    )
    doc = m.Document(meta=m.Metadata(title="T"), body=(), spreadsheet=(table,))
    sheet = openpyxl.load_workbook(BytesIO(render_xlsx(doc)))["Table_1"]
    assert [sheet.cell(row=r, column=2).value for r in (4, 5, 6)] == ["[x]", "[c]", 45.0937]
    notes = " ".join(
        str(c.value)
        for row in openpyxl.load_workbook(BytesIO(render_xlsx(doc)))["Notes"].iter_rows()
        for c in row
    )
    assert "[x] means not available" in notes and "[c] means confidential" in notes


def test_the_cover_lists_what_is_appended_and_supplied(doc: m.Document) -> None:
    sheet = next(b for b, _ in m.walk(doc.cover) if isinstance(b, m.DefinitionList))
    listed = dict(sheet.items)["List of Appendices Included"]
    lines = ["".join(t.text for t in p.content) for p in listed if isinstance(p, m.Paragraph)]
    appendix = [s for s in doc.body if isinstance(s, m.Section) and s.anchor == "chart-data"]
    assert appendix and appendix[0].title in lines
    assert any(
        line.startswith("Spreadsheet ") and line.split()[1].endswith(".xlsx") for line in lines
    )
    assert "None" not in lines


def test_long_tables_are_in_the_spreadsheet_only(doc: m.Document) -> None:
    appendix = next(s for s in doc.body if isinstance(s, m.Section) and s.anchor == "chart-data")
    printed = [b for b in appendix.blocks if isinstance(b, m.Table)]
    assert printed and all(len(t.rows) <= 15 for t in printed)
    assert any(len(t.rows) > 15 for t in doc.spreadsheet)
    links = [t.link for b in appendix.blocks if isinstance(b, m.Paragraph) for t in b.content]
    assert any(link and link.endswith(".xlsx") for link in links)


@pytest.mark.slow
def test_the_build_writes_the_spreadsheet_beside_the_pdf(tmp_path: Path) -> None:
    result = api.build_report(SPEC, tmp_path, formats=("pdf",))
    assert set(result.outputs) == {"pdf", "xlsx"}
    assert result.outputs["xlsx"].with_suffix(".pdf") == result.outputs["pdf"]
    book = openpyxl.load_workbook(result.outputs["xlsx"])
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in result.outputs.values()
    )
