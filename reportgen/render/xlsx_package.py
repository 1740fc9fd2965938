"""Worksheets as an .xlsx package, written directly (SpreadsheetML parts in a zip).

Why not openpyxl: importing it took about 0.1 s of CPU (its charts, drawings, pivot
tables and reader all come with the package) and filling its object model another
0.03 s, for a workbook of a few text and number cells, some column widths, one bold
font and one table a sheet. In a cold ``reportgen build`` that ran beside the helper's
DOCX and PDF, on the same two cores. The parts written here are the ones openpyxl
wrote for the same workbook, byte for byte (ASCII, other characters as references, as
lxml wrote them; ``tests/render/test_xlsx_package.py`` compares them), with three
deliberate differences:

- the file dates are the report's own (``render.common.created_at``: ``meta.created``,
  else ``SOURCE_DATE_EPOCH``, else none), never the clock, so the same report gives the
  same bytes, as its DOCX and PDF do;
- a text is always text: openpyxl made a text starting with "=" a formula and "#N/A"
  an error value, and refused control characters (now dropped) with a traceback;
- the application named in ``docProps/app.xml`` is reportgen, the creator the author.
"""

from __future__ import annotations

import io
import math
import numbers
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime

from reportgen.render.xlsx_theme import THEME_XML

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"
#: Zip entry dates for a report without a date (the DOCX writer's too).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: Excel's longest cell text; characters XML 1.0 cannot carry.
MAX_TEXT = 32767
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
#: Control characters in a table's column name, written OOXML's way ("_x000a_"); the
#: range is openpyxl's (its octal \031 is 25), so names come out as they did.
_NAME_CONTROLS = re.compile(r"[\001-\031]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
     "\t": "&#9;"}
)  # fmt: skip


@dataclass(frozen=True)
class Table:
    """An Excel table over ``rows`` x ``columns`` cells from (``top``, column A); its
    column names are its first row's texts."""

    name: str
    top: int
    rows: int
    columns: int


@dataclass
class Sheet:
    """One worksheet: cell values by (row, column), both from 1; ``A1`` is the heading."""

    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # cell -> target


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _ref(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


def _text(value: str) -> str:
    return value.translate(_TEXT_ESCAPES)


def _attr(value: object) -> str:
    return str(value).translate(_ATTR_ESCAPES)


def _number(value: float) -> str:
    """As openpyxl wrote numbers: 16 significant digits; not-a-number as no value."""
    return "" if math.isnan(value) or math.isinf(value) else format(value, ".16g")


def cell_xml(row: int, column: int, value: object) -> str:
    """One ``<c>``: a number, a yes/no, or an inline text (``A1`` in the heading font)."""
    style = ' s="1"' if (row, column) == (1, 1) else ""
    ref = _ref(row, column)
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, numbers.Real):
        return f'<c r="{ref}"{style} t="n"><v>{_number(float(value))}</v></c>'
    text = _ILLEGAL.sub("", str(value))[:MAX_TEXT]
    if not text:
        return f'<c r="{ref}"{style} t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_text(text)}</t></is></c>'


def _rows_xml(sheet: Sheet) -> str:
    rows: dict[int, list[str]] = {}
    for (row, column), value in sorted(sheet.cells.items()):
        cells = rows.setdefault(row, [])  # a row of empty cells is still a row
        if value is not None:
            cells.append(cell_xml(row, column, value))
    return "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))


def _dimension(sheet: Sheet) -> str:
    if not sheet.cells:
        return "A1:A1"
    rows = [r for r, _ in sheet.cells]
    columns = [c for _, c in sheet.cells]
    return f"{_ref(min(rows), min(columns))}:{_ref(max(rows), max(columns))}"


def sheet_xml(sheet: Sheet, first_rel: int) -> str:
    """The worksheet part; its links are relationships ``first_rel``.., then its tables."""
    cols = "".join(
        f'<col width="{_number(w)}" customWidth="1" min="{c}" max="{c}"/>'
        for c, w in sorted(sheet.widths.items())
    )
    links = "".join(
        f'<hyperlink xmlns:r="{REL}" ref="{_ref(*cell)}" r:id="rId{first_rel + n}"/>'
        for n, cell in enumerate(sheet.links)
    )
    after = first_rel + len(sheet.links)
    parts = "".join(
        f'<tablePart xmlns:r="{REL}" r:id="rId{after + n}"/>' for n in range(len(sheet.tables))
    )
    return (
        f'<worksheet xmlns="{MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
        f'<pageSetUpPr/></sheetPr><dimension ref="{_dimension(sheet)}"/><sheetViews>'
        '<sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView>'
        '</sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + f"<sheetData>{_rows_xml(sheet)}</sheetData>"
        + (f"<hyperlinks>{links}</hyperlinks>" if links else "")
        + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        + (f'<tableParts count="{len(sheet.tables)}">{parts}</tableParts>' if parts else "")
        + "</worksheet>"
    )


def _column_name(value: object) -> str:
    return _NAME_CONTROLS.sub(lambda c: f"_x{ord(c.group()):04x}_", str(value))


def table_xml(sheet: Sheet, table: Table, number: int) -> str:
    """An Excel table part: named, its header row's texts as the column names."""
    last = _ref(table.top + table.rows - 1, table.columns)
    ref = f"A{table.top}:{last}"
    columns = "".join(
        f'<tableColumn id="{c}" name="{_attr(_column_name(sheet.cells.get((table.top, c))))}"/>'
        for c in range(1, table.columns + 1)
    )
    name = _attr(table.name)
    return (
        f'<table id="{number}" name="{name}" displayName="{name}" ref="{ref}" '
        f'headerRowCount="1" xmlns="{MAIN}"><autoFilter ref="{ref}"/>'
        f'<tableColumns count="{table.columns}">{columns}</tableColumns>'
        '<tableStyleInfo name="TableStyleLight1" showRowStripes="0"/></table>'
    )


def _relationships(rels: list[tuple[str, str, bool]]) -> str:
    """(type, target, external) as a relationships part, numbered rId1.."""
    items = "".join(
        f'<Relationship Type="{kind}" Target="{_attr(target)}"'
        + (' TargetMode="External"' if external else "")
        + f' Id="rId{n}"/>'
        for n, (kind, target, external) in enumerate(rels, start=1)
    )
    return f'<Relationships xmlns="{PKG_REL}">{items}</Relationships>'


def _styles_xml() -> str:
    """Excel's default font, and the headings' bold 14 pt (style 1)."""
    indexed = "".join(f'<rgbColor rgb="00{c}"/>' for c in _INDEXED.split())
    return (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="0"/><fonts count="2"><font>'
        '<name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/>'
        '<scheme val="minor"/></font><font><b val="1"/><sz val="14"/></font></fonts>'
        '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
        '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
        'fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/><xf numFmtId="0" '
        'fontId="1" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" '
        'hidden="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
        f'defaultPivotStyle="PivotStyleLight16"/><colors><indexedColors>{indexed}'
        "</indexedColors></colors></styleSheet>"
    )


#: The legacy palette openpyxl writes into every workbook's styles.
_INDEXED = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 "
    "0000FF FFFF00 FF00FF 00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 808080 "
    "9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF "
    "800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 "
    "3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 "
    "993300 993366 333399 333333"
)


def _workbook_xml(sheets: list[Sheet]) -> str:
    listed = "".join(
        f'<sheet xmlns:r="{REL}" name="{_attr(s.name)}" sheetId="{n}" state="visible" '
        f'r:id="rId{n}"/>'
        for n, s in enumerate(sheets, start=1)
    )
    return (
        f'<workbook xmlns="{MAIN}"><workbookPr/><workbookProtection/><bookViews>'
        '<workbookView visibility="visible" minimized="0" showHorizontalScroll="1" '
        'showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" '
        f'autoFilterDateGrouping="1"/></bookViews><sheets>{listed}</sheets><definedNames/>'
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _core_xml(title: str, language: str, creator: str, created: datetime | None) -> str:
    """Dublin Core properties; the dates only when the report has one (never the clock)."""
    dc, terms = "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    dates = ""
    if created is not None:
        stamp = _utc(created).strftime("%Y-%m-%dT%H:%M:%SZ")
        dates = "".join(
            f'<dcterms:{tag} xmlns:dcterms="{terms}" xmlns:xsi="{xsi}" '
            f'xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{tag}>'
            for tag in ("created", "modified")
        )
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        f'core-properties"><dc:creator xmlns:dc="{dc}">{_text(creator)}</dc:creator>'
        f'<dc:title xmlns:dc="{dc}">{_text(title)}</dc:title>'
        f'<dc:language xmlns:dc="{dc}">{_text(language)}</dc:language>{dates}'
        "</cp:coreProperties>"
    )


def _utc(moment: datetime) -> datetime:
    """A date as UTC (a date without a zone is taken to be UTC already)."""
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


def _content_types(sheets: list[Sheet]) -> str:
    def override(part: str, kind: str) -> str:
        return f'<Override PartName="{part}" ContentType="{kind}"/>'

    items = [
        override("/xl/styles.xml", f"{CT}.spreadsheetml.styles+xml"),
        override("/xl/theme/theme1.xml", f"{CT}.theme+xml"),
        override(
            "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"
        ),
        override("/docProps/app.xml", f"{CT}.extended-properties+xml"),
    ]
    for n, tables in enumerate(_table_numbers(sheets), start=1):
        items.append(override(f"/xl/worksheets/sheet{n}.xml", f"{CT}.spreadsheetml.worksheet+xml"))
        for k in tables:
            items.append(override(f"/xl/tables/table{k}.xml", f"{CT}.spreadsheetml.table+xml"))
    items.append(override("/xl/workbook.xml", f"{CT}.spreadsheetml.sheet.main+xml"))
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(items)
        + "</Types>"
    )


def _table_numbers(sheets: list[Sheet]) -> list[range]:
    """Each sheet's tables' numbers: the workbook's tables counted from 1 in sheet order."""
    out, first = [], 1
    for sheet in sheets:
        out.append(range(first, first + len(sheet.tables)))
        first += len(sheet.tables)
    return out


def _sheet_parts(sheets: list[Sheet]) -> dict[str, str]:
    """Each worksheet, its tables and its relationships (links first, then tables)."""
    parts: dict[str, str] = {}
    for n, (sheet, tables) in enumerate(zip(sheets, _table_numbers(sheets), strict=True), 1):
        parts[f"xl/worksheets/sheet{n}.xml"] = sheet_xml(sheet, 1)
        rels = [(f"{REL}/hyperlink", target, True) for target in sheet.links.values()]
        for k, table in zip(tables, sheet.tables, strict=True):
            parts[f"xl/tables/table{k}.xml"] = table_xml(sheet, table, k)
            rels.append((f"{REL}/table", f"/xl/tables/table{k}.xml", False))
        if rels:
            parts[f"xl/worksheets/_rels/sheet{n}.xml.rels"] = _relationships(rels)
    return parts


def package(
    sheets: list[Sheet], title: str, language: str, creator: str, created: datetime | None
) -> bytes:
    """The .xlsx file: ``sheets`` in order, the first one shown on opening. Same
    arguments, same bytes (the zip's entry dates are ``created``'s, or 1980's)."""
    count = len(sheets)
    book_rels = [
        (f"{REL}/worksheet", f"/xl/worksheets/sheet{n}.xml", False) for n in range(1, count + 1)
    ]
    book_rels += [
        (f"{REL}/styles", "styles.xml", False),
        (f"{REL}/theme", "theme/theme1.xml", False),
    ]
    parts = {
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
        '2006/extended-properties"><Application>reportgen</Application></Properties>',
        "docProps/core.xml": _core_xml(title, language, creator, created),
        "xl/theme/theme1.xml": THEME_XML,
        **_sheet_parts(sheets),
        "xl/styles.xml": _styles_xml(),
        "_rels/.rels": _relationships(
            [
                (f"{REL}/officeDocument", "xl/workbook.xml", False),
                (f"{PKG_REL}/metadata/core-properties", "docProps/core.xml", False),
                (f"{REL}/extended-properties", "docProps/app.xml", False),
            ]
        ),
        "xl/workbook.xml": _workbook_xml(sheets),
        "xl/_rels/workbook.xml.rels": _relationships(book_rels),
        "[Content_Types].xml": _content_types(sheets),
    }
    stamp = _utc(created).timetuple()[:6] if created and created.year >= 1980 else ZIP_EPOCH
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("ascii", "xmlcharrefreplace"))
    return out.getvalue()
