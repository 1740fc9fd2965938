"""The report's data as an accessible spreadsheet (issue 19).

Follows the Government Analysis Function's "Releasing statistics in spreadsheets": a
cover sheet, a contents sheet, a notes sheet, then one table per sheet, each a real
Excel table (named, header row marked) starting under a title in cell A1, with no merged
cells, no blank rows inside a table and no colour-only meaning. Figures are written at
full precision (``Cell.value``, the number the printed text rounds); a missing figure is
its GSS symbol in square brackets ("[x]"), explained in the notes, never 0 or blank.

Like the other writers it sees only the document model: the tables are the document's
``spreadsheet`` (every chart's data, and every data table of the body). The sheets are
laid out here and written as a package by ``render.xlsx_package``, without openpyxl
(whose import cost a cold build 0.1 s; gptables wants pandas frames, which no writer
may import). The file's dates are the report's (``meta.created``, else
``SOURCE_DATE_EPOCH``), never the clock: the same report gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportgen import model as m
from reportgen.render.common import created_at
from reportgen.render.xlsx_package import Sheet, Table, package

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


def _cover(doc: m.Document) -> Sheet:
    """The title, where the data comes from and how to read it (A1: the heading)."""
    sheet = Sheet("Cover", widths={1: 100})
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
        sheet.cells[row, 1] = line
    return sheet


def _notes() -> Sheet:
    sheet = Sheet("Notes")
    sheet.cells[1, 1] = "Notes"
    sheet.cells[2, 1] = "This worksheet contains one table."
    rows = [
        ("Note number", "Note text"),
        ("Note 1", "Figures are unrounded; the report rounds them only for display."),
    ]
    rows += [
        (f"Note {n}", f"{symbol} means {meaning}.")
        for n, (symbol, meaning) in enumerate(SYMBOL_NOTES.items(), start=2)
    ]
    _write_table(sheet, rows, "Notes_table", start=3)
    return sheet


def _write_table(sheet: Sheet, rows: Sequence[Sequence[object]], name: str, start: int) -> None:
    """``rows`` (the first: column names) from row ``start`` as the sheet's Excel table,
    the first column wide enough for a label, the others for a figure."""
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row, start=1):
            sheet.cells[r, c] = value
    width = len(rows[0])
    sheet.cells.setdefault((start + len(rows) - 1, width), None)  # the table's last cell
    sheet.tables.append(Table(name, start, len(rows), width))
    for c in range(1, width + 1):
        sheet.widths[c] = 14 if c > 1 else 28


def _data_sheet(number: int, table: m.Table) -> Sheet:
    sheet = Sheet(f"Table_{number}")
    sheet.cells[1, 1] = f"Table {number}: {table.caption or 'data'}"
    sheet.cells[2, 1] = "This worksheet contains one table. Figures are unrounded (note 1)."
    rows: list[list[object]] = [list(_headers(table))]
    rows += [[value_of(c) for c in row] for row in table.rows]
    _write_table(sheet, rows, sheet.name, start=3)
    return sheet


def _contents(data: list[tuple[Sheet, m.Table]]) -> Sheet:
    """The list of tables, each name a link to its sheet."""
    sheet = Sheet("Contents")
    sheet.cells[1, 1] = "Contents"
    sheet.cells[2, 1] = "This worksheet contains one table."
    listed: list[tuple[object, ...]] = [("Sheet name", "Table title")]
    listed += [(each.name, table.caption or "") for each, table in data]
    _write_table(sheet, listed, "Contents_table", start=3)
    for row, (each, _) in enumerate(data, start=4):
        sheet.links[row, 1] = f"#'{each.name}'!A1"
    sheet.widths[2] = 90
    return sheet


def render_xlsx(doc: m.Document) -> bytes:
    """The workbook: cover, contents, notes and one sheet per table of ``doc.spreadsheet``."""
    data = [(_data_sheet(n, t), t) for n, t in enumerate(doc.spreadsheet, start=1)]
    sheets = [_cover(doc), _contents(data), _notes(), *(sheet for sheet, _ in data)]
    meta = doc.meta
    return package(sheets, meta.title, meta.language, meta.author or "reportgen", created_at(doc))
