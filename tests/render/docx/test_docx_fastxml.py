"""The Word writer's direct XML (``render.docx.fastxml``) is python-docx's, element for
element: runs, paragraph styles and table skeletons are each written both ways on the
same reference document and their XML compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm
from lxml import etree

from reportgen.render.docx import docx_patches
from reportgen.render.docx.fastxml import (
    add_text_run,
    new_body_table,
    paragraph_style_names,
    set_style,
)

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = str(ROOT / "templates" / "_base" / "reference.docx")


def _xml(element: object) -> bytes:
    return etree.tostring(element)


@pytest.mark.parametrize(
    ("text", "bold", "italic"),
    [
        ("Plain words", False, False),
        ("Bold words", True, False),
        ("both", True, True),
        (" leading and trailing ", False, True),
        ("3.1\tA heading number and a tab", False, False),
        ("two\nlines\r\nand a tab\t", True, False),
        ("", False, False),
    ],
)
def test_a_run_is_written_as_python_docx_writes_it(text: str, bold: bool, italic: bool) -> None:
    docx_patches.find_children_in_one_pass()
    document = open_docx(REFERENCE)
    fast, plain = document.add_paragraph(), document.add_paragraph()
    r = add_text_run(fast._p, text, bold, italic)
    run = plain.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    assert _xml(fast._p) == _xml(plain._p)
    assert r.text == run.text  # still python-docx's own run element
    if bold:
        assert b"<w:b/>" in _xml(fast._p)


@pytest.mark.parametrize("style", ["Body Text", "Heading 2", "Normal", "Table Text"])
def test_a_new_paragraphs_style_is_set_as_python_docx_sets_it(style: str) -> None:
    document = open_docx(REFERENCE)
    docx_patches.memoise_style_ids(document)
    fast, plain = document.add_paragraph(), document.add_paragraph(style=style)
    set_style(fast, style)
    assert _xml(fast._p) == _xml(plain._p)
    assert fast.style.name == style
    set_style(fast, "Heading 3")  # a paragraph with properties: python-docx's setter
    assert fast.style.name == "Heading 3"


def test_a_body_table_skeleton_is_python_docxs_table_with_its_widths_set() -> None:
    document = open_docx(REFERENCE)
    docx_patches.memoise_style_ids(document)
    widths = [Mm(38), Mm(62.5), Mm(20)]
    plain = document.add_table(rows=3, cols=3)
    plain.style = "Report Table"
    plain.alignment = WD_TABLE_ALIGNMENT.LEFT
    plain.autofit = False
    for column, width in zip(plain.columns, widths, strict=True):
        column.width = width
    for row in plain.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    fast = new_body_table(document, 3, [w.twips for w in widths], "Report Table")
    assert _xml(fast._tbl) == _xml(plain._tbl)
    assert fast._tbl.getprevious() is plain._tbl  # appended to the body, before sectPr
    assert fast.cell(2, 1).width == plain.cell(2, 1).width


def test_paragraph_style_names_are_python_docxs_after_the_house_style() -> None:
    document = open_docx(REFERENCE)
    document.styles.add_style("Added Later", WD_STYLE_TYPE.PARAGRAPH)
    document.styles.add_style("A Character Style", WD_STYLE_TYPE.CHARACTER)
    expected = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    got = paragraph_style_names(document.styles)
    assert got == expected - {None}
    assert {"Heading 1", "Title", "Caption", "Added Later"} <= got  # UI names
    assert "A Character Style" not in got


def test_styles_found_by_id_from_the_index_as_by_python_docx() -> None:
    patched, plain = open_docx(REFERENCE), open_docx(REFERENCE)
    docx_patches.memoise_style_ids(patched)
    assert "get_by_id" in vars(patched.styles.element)  # the index is in use
    for style_id in ("Heading2", "TableText", "Title", "NoSuchStyle"):
        found, expected = (
            patched.styles.element.get_by_id(style_id),
            plain.styles.element.get_by_id(style_id),
        )
        assert (found is None) == (expected is None)
        if found is not None:
            assert found.name_val == expected.name_val
    added = patched.styles.add_style("Added Later", WD_STYLE_TYPE.PARAGRAPH)
    assert patched.styles.element.get_by_id(added.style_id) is not None


def test_a_fresh_rows_cells_and_their_alignment_are_python_docxs() -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from reportgen.render.docx.fastxml import align_new, first_paragraph, row_cells

    document = open_docx(REFERENCE)
    docx_patches.memoise_style_ids(document)
    table = new_body_table(document, 2, [Mm(30).twips, Mm(40).twips], "Report Table")
    fast = row_cells(table.rows[1], table)
    assert [c._tc for c in fast] == [c._tc for c in table.rows[1].cells]
    alignments = (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER)
    for cell, alignment in zip(fast, alignments, strict=True):
        plain = document.add_paragraph(style="Table Text")
        plain.alignment = alignment
        paragraph = first_paragraph(cell)
        assert paragraph._p is cell.paragraphs[0]._p
        set_style(paragraph, "Table Text")
        align_new(paragraph, alignment)
        assert _xml(paragraph._p) == _xml(plain._p)
    kept = document.add_paragraph(style="Table Text")
    kept.paragraph_format.keep_with_next = True  # more than a style: python-docx's setter
    align_new(kept, WD_ALIGN_PARAGRAPH.RIGHT)
    assert kept.alignment == WD_ALIGN_PARAGRAPH.RIGHT
