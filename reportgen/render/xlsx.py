"""The report's data as an accessible spreadsheet (issue 19).

Follows the Government Analysis Function's "Releasing statistics in spreadsheets": a
cover sheet, a contents sheet, a notes sheet, then one table per sheet, each a real
Excel table (named, header row marked) starting under a title in cell A1, with no merged
cells, no blank rows inside a table and no colour-only meaning. Figures are written at
full precision (``Cell.value``, the number the printed text rounds); a missing figure is
its GSS symbol in square brackets ("[x]"), explained in the notes, never 0 or blank.

Like the other writers it sees only the document model: the tables are the document's
``spreadsheet`` (every chart's data, and every data table of the body). It uses openpyxl
directly: gptables wants pandas frames, which no writer may import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table as SheetTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from reportgen import model as m

#: GSS symbols (reportgen.symbols) as a published table writes them, and their key.
SYMBOL_NOTES: dict[str, str] = {
    "[c]": "confidential (suppressed to protect confidentiality)",
    "[x]": "not available",
    "[z]": "not applicable",
    "[u]": "low reliability",
    "[low]": "rounds to zero",
}
_MISSING_TEXT = {
    "n/a": "[x]",
    "": "[x]",
    "c": "[c]",
    "x": "[x]",
    "z": "[z]",
    "u": "[u]",
    "low": "[low]",
    "k": "[low]",
}
_NUMBER = re.compile(r"^[\u2212+-]?[£]?[\d,]*\.?\d+%?$")
HEADING = Font(bold=True, size=14)


def text_of(cell: m.Cell) -> str:
    return "".join(t.text for t in cell.content).strip()


def value_of(cell: m.Cell) -> float | str:
    """The full-precision figure, a number typed in the text, or the text (a missing
    figure as its bracketed GSS symbol)."""
    if cell.value is not None:
        return cell.value
    text = text_of(cell)
    if cell.align == "right" and text.lower() in _MISSING_TEXT:
        return _MISSING_TEXT[text.lower()]
    if _NUMBER.match(text) and not text.endswith("%"):
        return float(text.replace(",", "").replace("£", "").replace("\u2212", "-"))
    return text


def is_data_table(table: m.Table) -> bool:
    """A table of figures (not a key-value sheet such as approvals)."""
    return any(
        c.value is not None or isinstance(value_of(c), float) for row in table.rows for c in row
    )


def _headers(table: m.Table) -> list[str]:
    """Unique, non-empty column headings (an Excel table requires both)."""
    seen: dict[str, int] = {}
    out = []
    for number, cell in enumerate(table.header, start=1):
        name = text_of(cell) or f"Column {number}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _cover(book: Workbook, doc: m.Document) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cover"
    lines = [
        doc.meta.title,
        f"Data for the report: {doc.meta.title}",
        f"Published by {doc.meta.council or doc.meta.author}"
        if (doc.meta.council or doc.meta.author)
        else "",
        "This workbook holds every chart's and table's data, unrounded: the report "
        "rounds only for display.",
        "Missing figures are shown by a symbol in square brackets; see the Notes sheet.",
        "The Contents sheet lists the tables, one to a sheet.",
    ]
    for row, line in enumerate([x for x in lines if x], start=1):
        sheet.cell(row=row, column=1, value=line)
    sheet["A1"].font = HEADING
    sheet.column_dimensions["A"].width = 100


def _notes(book: Workbook) -> None:
    sheet = book.create_sheet("Notes")
    sheet["A1"] = "Notes"
    sheet["A1"].font = HEADING
    sheet["A2"] = "This worksheet contains one table."
    rows = [
        ("Note number", "Note text"),
        ("Note 1", "Figures are unrounded; the report rounds them only for display."),
    ]
    rows += [
        (f"Note {n}", f"{symbol} means {meaning}.")
        for n, (symbol, meaning) in enumerate(SYMBOL_NOTES.items(), start=2)
    ]
    _write_table(sheet, rows, "Notes_table", start=3)


def _write_table(sheet: Worksheet, rows: Sequence[Sequence[object]], name: str, start: int) -> None:
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    last = sheet.cell(row=start + len(rows) - 1, column=len(rows[0])).coordinate
    table = SheetTable(displayName=name, ref=f"A{start}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    sheet.add_table(table)
    for c in range(1, len(rows[0]) + 1):
        letter = sheet.cell(row=start, column=c).column_letter
        sheet.column_dimensions[letter].width = 14 if c > 1 else 28


def _data_sheet(book: Workbook, number: int, table: m.Table) -> str:
    name = f"Table_{number}"
    sheet = book.create_sheet(name)
    sheet["A1"] = f"Table {number}: {table.caption or 'data'}"
    sheet["A1"].font = HEADING
    sheet["A2"] = "This worksheet contains one table. Figures are unrounded (note 1)."
    rows: list[list[object]] = [list(_headers(table))]
    rows += [[value_of(c) for c in row] for row in table.rows]
    _write_table(sheet, rows, name, start=3)
    return name


def render_xlsx(doc: m.Document) -> bytes:
    """The workbook: cover, contents, notes and one sheet per table of ``doc.spreadsheet``."""
    book = Workbook()
    _cover(book, doc)
    contents = book.create_sheet("Contents")
    _notes(book)
    listed: list[tuple[object, ...]] = [("Sheet name", "Table title")]
    for number, table in enumerate(doc.spreadsheet, start=1):
        name = _data_sheet(book, number, table)
        listed.append((name, table.caption or ""))
    contents["A1"] = "Contents"
    contents["A1"].font = HEADING
    contents["A2"] = "This worksheet contains one table."
    _write_table(contents, listed, "Contents_table", start=3)
    for row in range(4, 4 + len(doc.spreadsheet)):
        link = contents.cell(row=row, column=1)
        link.hyperlink = f"#'{link.value}'!A1"
    contents.column_dimensions["B"].width = 90
    book.properties.title = doc.meta.title
    book.properties.language = doc.meta.language
    out = BytesIO()
    book.save(out)
    return out.getvalue()
