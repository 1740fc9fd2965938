"""Text runs and paragraph styles written as the XML python-docx writes, without its
proxies.

Why: a report's Word file has some 400 runs and 350 styled paragraphs. python-docx
writes each through generic machinery (a proxy object, a child inserted after a search
of its possible successors, an enum conversion per property, an empty ``w:rPr`` made and
emptied for ``bold = None``): about a fifth of the Word writer's time. The XML here is
the same, element for element (``tests/render/docx/test_docx_fastxml.py`` holds it to
python-docx's), built with lxml on the document's own tree, so the elements are still
python-docx's classes for anything that follows.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from lxml.etree import SubElement

__all__ = [
    "add_text_run",
    "align_new",
    "first_paragraph",
    "new_body_table",
    "paragraph_style_names",
    "row_cells",
    "set_style",
]

_R, _RPR, _T, _B, _I = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:b"), qn("w:i")
_TAB, _BR, _PPR, _PSTYLE = qn("w:tab"), qn("w:br"), qn("w:pPr"), qn("w:pStyle")
_VAL, _SPACE = qn("w:val"), qn("xml:space")
_TC, _P, _JC = qn("w:tc"), qn("w:p"), qn("w:jc")
_BREAKS = re.compile(r"([\t\r\n])")


def add_text_run(p: Any, text: str, bold: bool = False, italic: bool = False) -> Any:
    """``paragraph.add_run(text)`` then ``run.bold, run.italic = bold or None, italic or
    None``, as python-docx writes it: the run's (possibly empty) ``w:rPr``, then a
    ``w:t`` per stretch of text, ``w:tab`` for a tab and ``w:br`` for a line end."""
    r = SubElement(p, _R)
    rpr = SubElement(r, _RPR)
    if bold:
        SubElement(rpr, _B)
    if italic:
        SubElement(rpr, _I)
    for piece in _BREAKS.split(text) if text else ():
        if piece == "\t":
            SubElement(r, _TAB)
        elif piece in ("\r", "\n"):
            SubElement(r, _BR)
        elif piece:
            t = SubElement(r, _T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_SPACE, "preserve")
    return r


def set_style(paragraph: Any, style: str) -> None:
    """``paragraph.style = style`` for a paragraph without properties yet (a new one);
    python-docx's own setter for any other."""
    p = paragraph._p
    if len(p) and p[0].tag == _PPR:
        paragraph.style = style
        return
    style_id = paragraph.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
    ppr = p.makeelement(_PPR, {})
    p.insert(0, ppr)  # python-docx's pPr: always the paragraph's first child
    if style_id is not None:
        SubElement(ppr, _PSTYLE).set(_VAL, style_id)


def new_body_table(document: Any, rows: int, twips: list[int], style: str) -> Any:
    """A table at the end of the document body as python-docx's ``add_table`` makes it
    and then ``style``, left alignment, a fixed layout and every column's and cell's
    width (``twips``) are set: one parse of the finished skeleton instead of a property
    set per cell (python-docx walks the whole grid to find each row's cells)."""
    from docx.table import Table

    body = document._body
    style_id = document.part.get_style_id(style, WD_STYLE_TYPE.TABLE)
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr><w:p/></w:tc>' for w in twips
    )
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        + (f'<w:tblStyle w:val="{escape(style_id)}"/>' if style_id is not None else "")
        + '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="left"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        + "</w:tblGrid>"
        + f"<w:tr>{cells}</w:tr>" * rows
        + "</w:tbl>"
    )
    tbl = parse_xml(xml)
    body._element._insert_tbl(tbl)
    return Table(tbl, body)


def paragraph_style_names(styles: Any) -> set[str]:
    """``{s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}`` read
    from the ``w:styles`` element (python-docx makes a proxy and converts an enum for
    each of the reference's 250 styles): UI names, as python-docx gives them (a style
    without a name has none to look up, so it is left out)."""
    from docx.styles import BabelFish

    names: set[str] = set()
    style_type, name_tag = qn("w:type"), qn("w:name")
    for style in styles.element.iterchildren(qn("w:style")):
        if style.get(style_type, "paragraph") != "paragraph":
            continue
        name = style.find(name_tag)
        value = None if name is None else name.get(_VAL)
        if value is not None:
            names.add(BabelFish.internal2ui(value))
    return names


def row_cells(row: Any, table: Any) -> list[Any]:
    """``row.cells`` of a row none of whose cells spans columns or rows: a cell per
    ``w:tc`` (python-docx works out each cell's grid span and vertical merge first)."""
    from docx.table import _Cell

    return [_Cell(tc, table) for tc in row._tr.iterchildren(_TC)]


def first_paragraph(cell: Any) -> Any:
    """``cell.paragraphs[0]`` without a proxy for every paragraph of the cell."""
    from docx.text.paragraph import Paragraph

    return Paragraph(cell._tc.find(_P), cell)


def align_new(paragraph: Any, alignment: Any) -> None:
    """``paragraph.alignment = alignment`` for a paragraph whose properties hold at most
    its style (as ``set_style`` leaves a new one): ``w:jc`` follows ``w:pStyle``.
    python-docx's own setter for any other."""
    ppr = paragraph._p.pPr
    if ppr is None or any(child.tag != _PSTYLE for child in ppr):
        paragraph.alignment = alignment
        return
    SubElement(ppr, _JC).set(_VAL, alignment.xml_value)
