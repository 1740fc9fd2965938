"""Tables for Word: header row repeated on every page and coloured by the table style;
rated cells shaded with the theme's pale rating colours (the cell text still says the
rating); small tables kept on one page and no row split across pages.

The header fill and bold come from the ``Report Table`` style's first-row formatting
(and the cover's label column from ``Key Value Table``'s first column), so a council
that restyles the table style in Word recolours every header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Row

from reportgen import model as m
from reportgen.render.common import column_percentages
from reportgen.render.docx import ooxml
from reportgen.render.docx.docx_patches import applies
from reportgen.render.docx.fastxml import (
    add_text_run,
    align_new,
    first_paragraph,
    new_body_table,
    row_cells,
    set_style,
)
from reportgen.render.docx.pages import TEXT_WIDTH_MM
from reportgen.render.docx.pictures import add_picture
from reportgen.render.theme import Theme

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}
#: Tables of at most this many rows (header included) are kept on one page.
SMALL_TABLE_ROWS = 10

FillBlocks = Callable[[Any, tuple[m.Block, ...]], None]
WriteCaption = Callable[[Any], None]


def ends_with_table(box: Any) -> bool:
    """True when the last thing in ``box`` (body or cell) is a table."""
    container = (
        box.element.body
        if hasattr(box, "element") and hasattr(box.element, "body")
        else getattr(box, "_tc", None)
    )
    if container is None:
        return False
    children = [c for c in container if c.tag != qn("w:sectPr") and c.tag != qn("w:tcPr")]
    return bool(children) and children[-1].tag == qn("w:tbl")


def _new_table(
    box: Any,
    rows: int,
    cols: int,
    widths: tuple[float, ...] | None,
    width_mm: float,
    style: str = "Report Table",
) -> Any:
    percentages = column_percentages(widths) or tuple(100 / cols for _ in range(cols))
    widths_emu = [Mm(width_mm * percentages[index] / 100) for index in range(cols)]
    if hasattr(box, "_body") and applies():  # the document body: the finished skeleton in one parse
        return new_body_table(box, rows, [w.twips for w in widths_emu], style)
    table = box.add_table(rows=rows, cols=cols)
    table.style = style
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths_emu, strict=True):
        column.width = width
    # row by row: python-docx's ``column.cells`` walks the whole table for each column
    for row in table.rows:
        for cell, width in zip(row.cells, widths_emu, strict=True):
            cell.width = width
    return table


def _fill_cell(cell: Any, node: m.Cell, style: str, theme: Theme) -> None:
    paragraph = first_paragraph(cell)
    set_style(paragraph, style)
    if node.align != "left":
        align_new(paragraph, ALIGN[node.align])
    for run in node.content:
        add_text_run(paragraph._p, run.text, run.bold, run.italic)
    if node.image is not None:
        _cell_image(paragraph, node.image, node.alt)
    if node.rating:
        ooxml.shade_cell(cell, theme.colour(f"rating-{node.rating}", "#FFFFFF"))


def _cell_image(paragraph: Any, image: m.Image, alt: str) -> None:
    """A small picture (a sparkline) in the cell, with its alt text on ``wp:docPr``."""
    shape = add_picture(paragraph.add_run(), image, image.width_mm, image.height_mm)
    ooxml.set_alt_text(shape, alt, "")


def _fill_row(
    table: Any, index: int, cells: tuple[m.Cell, ...], styles: tuple[str, str], theme: Theme
) -> None:
    """Write a row, merging cells for colspans; ``styles`` = (first cell, the rest)."""
    row = _Row(table._tbl.tr_lst[index], table)  # ``table.rows[i]`` makes every row
    # a w:tc a cell when none spans; else python-docx's grid, once: each call walks the
    # row, and merging keeps the later cells' elements
    unmerged = all(node.colspan == 1 for node in cells)
    grid = row_cells(row, table) if unmerged else row.cells
    column = 0
    for position, node in enumerate(cells):
        target = grid[column]
        if node.colspan > 1:
            target = target.merge(grid[column + node.colspan - 1])
        _fill_cell(target, node, styles[0] if position == 0 else styles[1], theme)
        column += node.colspan
    ooxml.keep_row_together(row)


def keep_together(table: Any) -> None:
    """A small table stays on one page: every row but the last keeps with the next
    (Word's own way); a long one may break, but never inside a row."""
    rows = table.rows
    # a long one never leaves a body row alone at either end, as the PDF (issue 19)
    kept = rows[:-1] if len(rows) <= SMALL_TABLE_ROWS else [rows[1], rows[-2]]
    for row in kept:
        for paragraph in row._tr.iter(qn("w:p")):
            ooxml.keep_with_next(paragraph.get_or_add_pPr())


def keep_last_row_with_next(table: Any) -> None:
    """The table's last row stays on the page of the paragraph after it (its source)."""
    for paragraph in table.rows[-1]._tr.iter(qn("w:p")):
        ooxml.keep_with_next(paragraph.get_or_add_pPr())


def add_table(
    box: Any,
    node: m.Table,
    theme: Theme,
    small: bool = False,
    width_mm: float = TEXT_WIDTH_MM,
    caption: WriteCaption | None = None,
) -> Any:
    """Caption above (Word convention), then the table in the 'Report Table' style."""
    text, heading = (
        ("Table Text Small", "Table Heading Small") if small else ("Table Text", "Table Heading")
    )
    if node.caption:
        paragraph = box.add_paragraph(style="Table Caption")
        if caption is not None:
            caption(paragraph)
        else:
            paragraph.add_run(node.caption)
    width = sum(c.colspan for c in node.header)
    table = _new_table(box, 1 + len(node.rows), width, node.widths, width_mm)
    ooxml.table_look(table, first_row=True, first_column=False)
    _fill_row(table, 0, node.header, (heading, heading), theme)
    ooxml.repeat_header(table.rows[0])
    first = heading if node.row_headers else text
    for index, row in enumerate(node.rows, start=1):
        _fill_row(table, index, row, (first, text), theme)
    keep_together(table)
    return table


def add_definition_list(
    box: Any, node: m.DefinitionList, fill: FillBlocks, width_mm: float = TEXT_WIDTH_MM
) -> Any:
    """Label/value pairs as a two-column 'Key Value Table' (labels shaded by its
    first-column formatting)."""
    if node.caption:
        box.add_paragraph(node.caption, style="Table Caption")
    table = _new_table(box, len(node.items), 2, (38, 62), width_mm, "Key Value Table")
    ooxml.table_look(table, first_row=False, first_column=True)
    for row, (label, blocks) in zip(table.rows, node.items, strict=True):
        label_cell, value_cell = row.cells
        label_cell.paragraphs[0].style = "Cover Label"
        label_cell.paragraphs[0].add_run(label)
        fill(value_cell, blocks)
        _drop_leading_empty(value_cell)
        _cover_spacing(value_cell)
        ooxml.keep_row_together(row)
    keep_together(table)
    return table


#: Space after a paragraph inside a front-sheet value cell, in points.
COVER_AFTER_PT = 3


def _cover_spacing(cell: Any) -> None:
    """Set a value cell as the PDFs set it: plain text in 'Cover Text' (the deflist
    size, 3 pt after) rather than 'Body Text', numbered paragraphs 3 pt apart, and no
    space after the last, so the cell padding alone frames the text. A committee's
    front sheet then keeps to its first page in Word as in the PDFs."""
    paragraphs = cell.paragraphs
    for paragraph in paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Body Text":
            paragraph.style = "Cover Text"
        else:
            paragraph.paragraph_format.space_after = Pt(COVER_AFTER_PT)
        paragraph.paragraph_format.space_before = Pt(0)
    if paragraphs:
        paragraphs[-1].paragraph_format.space_after = Pt(0)


def _drop_leading_empty(cell: Any) -> None:
    """A new cell starts with an empty paragraph; drop it once content follows."""
    paragraphs = cell.paragraphs
    if len(paragraphs) > 1 and not paragraphs[0].text:
        paragraphs[0]._p.getparent().remove(paragraphs[0]._p)
