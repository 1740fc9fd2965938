"""The spreadsheet is written without openpyxl (``reportgen.render.xlsx_package``): the
same parts openpyxl wrote for the same sheets, byte for byte, apart from the file's
properties, which now carry the report's own date (reproducible) and never the clock.

The reference below fills an openpyxl workbook from the very ``Sheet`` values the writer
packages, as ``render.xlsx`` did before, so any difference in cells, styles, tables,
links, widths or package structure shows as a differing part.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table as OpenpyxlTable
from openpyxl.worksheet.table import TableStyleInfo

from reportgen import api
from reportgen import model as m
from reportgen.render import xlsx
from reportgen.render.xlsx_package import Sheet, Table, column_letter, package

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "corporate-parenting.yaml"
#: What the package holds beside the sheets: ours differ from openpyxl's on purpose.
PROPERTIES = ("docProps/app.xml", "docProps/core.xml")


def _by_openpyxl(sheets: list[Sheet]) -> bytes:
    """The workbook as openpyxl wrote it from the same sheets (the former writer)."""
    book = openpyxl.Workbook()
    for n, sheet in enumerate(sheets):
        target = book.active if n == 0 else book.create_sheet(sheet.name)
        assert target is not None
        target.title = sheet.name
        for (row, column), value in sheet.cells.items():
            target.cell(row=row, column=column, value=value)  # type: ignore[arg-type]
        if (1, 1) in sheet.cells:
            target["A1"].font = Font(bold=True, size=14)
        for table in sheet.tables:
            last = target.cell(row=table.top + table.rows - 1, column=table.columns).coordinate
            made = OpenpyxlTable(displayName=table.name, ref=f"A{table.top}:{last}")
            made.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
            target.add_table(made)
        for (row, column), link in sheet.links.items():
            target.cell(row=row, column=column).hyperlink = link
        for column, width in sheet.widths.items():
            target.column_dimensions[column_letter(column)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


def _sheets_of(doc: m.Document) -> list[Sheet]:
    """The sheets ``render_xlsx`` packages for ``doc`` (caught on their way in)."""
    caught: list[list[Sheet]] = []
    real = xlsx.package
    try:
        xlsx.package = lambda sheets, *rest: caught.append(sheets) or real(sheets, *rest)  # type: ignore[assignment]
        xlsx.render_xlsx(doc)
    finally:
        xlsx.package = real
    return caught[0]


def _odd_sheet() -> Sheet:
    """Cells that need care: markup characters, spaces at the ends, non-ASCII, numbers
    that do not print exactly, not-a-number, an empty text, a yes/no, a row of blanks."""
    sheet = Sheet("Odd & <sheet>", widths={1: 28, 2: 14.5, 4: 90})
    sheet.cells |= {
        (1, 1): "Heading ↑ “quoted” £5",
        (2, 1): "  leading and trailing  ",
        (3, 1): 'a & b < c > "d"',
        (3, 2): "Rate\r\nper 10,000\tnow",
        (4, 1): "x",
        (4, 2): 0.1 + 0.2,
        (5, 1): "y",
        (5, 2): float("nan"),
        (6, 1): "",
        (6, 2): 1e20,
        (7, 1): True,
        (7, 2): -3,
        (9, 3): None,
    }
    sheet.tables.append(Table("Odd_table", 3, 5, 2))
    sheet.links[4, 1] = "#'Odd & <sheet>'!A1"
    return sheet


def test_the_parts_are_the_ones_openpyxl_wrote() -> None:
    doc = api.compose_document(SPEC)
    for sheets in (_sheets_of(doc), [_odd_sheet(), Sheet("Empty")]):
        ours = _parts(package(sheets, "Title", "en-GB", "Author", None))
        theirs = _parts(_by_openpyxl(sheets))
        assert list(ours) == list(theirs)
        for name in theirs:
            if name not in PROPERTIES:
                assert ours[name] == theirs[name], name
    book = openpyxl.load_workbook(io.BytesIO(package([_odd_sheet()], "T", "en", "A", None)))
    assert book.active is not None and book.active["B4"].value == pytest.approx(0.3)


def test_the_same_report_gives_the_same_bytes_dated_as_the_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``meta.created``, else SOURCE_DATE_EPOCH, else no date at all: never the clock
    (openpyxl stamped the time of writing into the properties and the zip)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    doc = m.Document(meta=m.Metadata(title="T", author="A. Author"), body=())
    undated = _parts(xlsx.render_xlsx(doc))["docProps/core.xml"].decode()
    assert "dcterms:created" not in undated and "<dc:creator" in undated
    with zipfile.ZipFile(io.BytesIO(xlsx.render_xlsx(doc))) as book:
        assert {i.date_time for i in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    first = xlsx.render_xlsx(doc)
    assert xlsx.render_xlsx(doc) == first
    core = _parts(first)["docProps/core.xml"].decode()
    assert ">2023-11-14T22:13:20Z</dcterms:created>" in core
    assert ">2023-11-14T22:13:20Z</dcterms:modified>" in core
    assert ">A. Author</dc:creator>" in core

    created = datetime(2017, 2, 3, 9, 30, tzinfo=UTC)
    own = m.Document(meta=m.Metadata(title="T", created=created), body=())
    with zipfile.ZipFile(io.BytesIO(xlsx.render_xlsx(own))) as book:
        assert ">2017-02-03T09:30:00Z</dcterms:created>" in book.read("docProps/core.xml").decode()
        assert {i.date_time for i in book.infolist()} == {(2017, 2, 3, 9, 30, 0)}
    loaded = openpyxl.load_workbook(io.BytesIO(xlsx.render_xlsx(own)))
    assert loaded.properties.created == created.replace(tzinfo=None)
    assert loaded.properties.title == "T"


def test_a_text_is_written_as_text_whatever_it_starts_with() -> None:
    """openpyxl made '=...' a formula and '#N/A' an error value, and refused control
    characters with a traceback; a report's words stay words."""
    table = m.Table(
        header=(m.cell("Name"), m.cell("Note")),
        rows=(
            (m.cell('=HYPERLINK("http://x")'), m.cell("#N/A")),
            (m.cell("bell\x07here"), m.cell("ok")),
        ),
        caption="Words",
    )
    doc = m.Document(meta=m.Metadata(title="T"), body=(), spreadsheet=(table,))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render_xlsx(doc)))["Table_1"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=4)] == [
        ['=HYPERLINK("http://x")', "#N/A"],
        ["bellhere", "ok"],
    ]
    assert {c.data_type for row in sheet.iter_rows(min_row=4) for c in row} == {"s"}
