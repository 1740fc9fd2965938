"""DOCX checks: pass on real output, fail on each kind of broken file, with a location."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.check.docx import check_docx
from reportgen.check.findings import Finding, errors

BrokenDocx = Callable[..., Path]
DOC, STYLES, CORE = "word/document.xml", "word/styles.xml", "docProps/core.xml"


def found(path: Path) -> list[tuple[str, str]]:
    return [(f.code, f.where) for f in errors(check_docx(path))]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in errors(findings)}


@pytest.mark.parametrize("name", ["docx", "draft.docx"])
def test_real_output_has_no_errors_or_warnings(files: dict[str, Path], name: str) -> None:
    assert check_docx(files[name]) == []


def test_skipped_heading_level(broken_docx: BrokenDocx) -> None:
    path = broken_docx(DOC, '<w:pStyle w:val="Heading2"/>', '<w:pStyle w:val="Heading4"/>')
    [(code, where)] = found(path)
    assert code == "docx-heading-skip"
    assert where == "heading 4 (heading 4) '3.4 Plans'"


def test_heading_style_without_outline_level(broken_docx: BrokenDocx) -> None:
    path = broken_docx(STYLES, '<w:outlineLvl w:val="0"/>', "")
    result = errors(check_docx(path))
    assert {f.code for f in result} == {"docx-heading-no-outline"}
    assert [f.where for f in result] == [  # every Heading 1 (Word numbers them itself)
        "paragraph 'Recommendations'",
        "paragraph 'Background'",
        "paragraph 'Key Issues'",
        "paragraph 'Accountable Officer(s)'",
    ]
    assert "navigation pane" in result[0].message


def test_picture_without_alt_text(broken_docx: BrokenDocx) -> None:
    path = broken_docx(DOC, 'descr="Bar chart: children', 'descr="" x="')
    assert found(path) == [("docx-picture-no-alt", "word/document.xml, picture 1 (Picture 1)")]


def test_decorative_picture_needs_no_alt_text(broken_docx: BrokenDocx) -> None:
    """Word 365 marks a decorative picture with an extension element on wp:docPr."""
    original = (
        '<wp:docPr id="1" name="Picture 1" descr="Bar chart: children with a plan '
        'rose from 55.6% in December to 79.4% in January." title="Figure 1: '
        'Children in care with a plan"/>'
    )
    decorative = (
        '<wp:docPr id="1" name="Picture 1"><a:extLst xmlns:a="http://schemas.'
        'openxmlformats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-'
        '948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft'
        '.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'
        "</wp:docPr>"
    )
    assert found(broken_docx(DOC, original, decorative)) == []
    plain = '<wp:docPr id="1" name="Picture 1"/>'
    assert found(broken_docx(DOC, original, plain)) == [
        ("docx-picture-no-alt", "word/document.xml, picture 1 (Picture 1)")
    ]


def test_table_without_header_row(broken_docx: BrokenDocx) -> None:
    path = broken_docx(DOC, "<w:tblHeader/>", "")
    result = errors(check_docx(path))
    assert [(f.code, f.where) for f in result] == [
        ("docx-table-no-header", "table 2 after 'Table 1: Key indicators, January 2017'")
    ]
    assert result[0].message.startswith("the first row is styled as headings but not marked")


def test_label_table_needs_its_first_column_marked(broken_docx: BrokenDocx) -> None:
    """The cover sheet is a label/value table: no header row, but a header column."""
    path = broken_docx(DOC, 'w:firstColumn="1"', 'w:firstColumn="0"')  # the first table
    assert found(path) == [("docx-table-no-header", "table 1 after 'Report summary sheet'")]


@pytest.mark.parametrize(
    ("part", "old", "new", "code"),
    [
        (
            CORE,
            "<dc:title>Corporate Parenting Performance Report – January 2017</dc:title>",
            "",
            "docx-no-title",
        ),
        (CORE, "<dc:language>en-GB</dc:language>", "", "docx-no-language-property"),
        (
            STYLES,
            '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>',
            "",
            "docx-no-language",
        ),
    ],
)
def test_missing_properties(
    broken_docx: BrokenDocx, part: str, old: str, new: str, code: str
) -> None:
    assert codes(check_docx(broken_docx(part, old, new))) == {code}


def test_other_language_is_a_warning(broken_docx: BrokenDocx) -> None:
    result = check_docx(broken_docx(CORE, "<dc:language>en-GB", "<dc:language>cy-GB"))
    assert errors(result) == []
    assert [(f.code, f.message) for f in result] == [
        ("docx-language", "language is 'cy-GB', expected 'en-GB'")
    ]


def test_low_contrast_heading_style(broken_docx: BrokenDocx) -> None:
    """A council restyles Heading 1 in pale grey: every use is caught, once per style."""
    path = broken_docx(
        STYLES,
        '<w:color w:val="1F3A60"/><w:sz w:val="28"/>',
        '<w:color w:val="AAAAAA"/><w:sz w:val="28"/>',
    )
    result = errors(check_docx(path))
    assert [f.code for f in result] == ["docx-contrast"]
    assert result[0].message == "text #AAAAAA on #FFFFFF has contrast 2.32:1, below 4.5:1"
    assert result[0].where == "word/document.xml, style 'heading 1', 'Recommendations'"


def test_low_contrast_rating_cell(broken_docx: BrokenDocx) -> None:
    path = broken_docx(DOC, 'w:fill="F4C7C3"', 'w:fill="6E1E14"')  # the red rating cell
    result = errors(check_docx(path))
    assert [f.code for f in result] == ["docx-contrast"]
    assert "#1A1A1A on #6E1E14" in result[0].message
    assert result[0].where == "word/document.xml, style 'Table Text', 'Red'"


def test_unresolved_placeholder(broken_docx: BrokenDocx) -> None:
    path = broken_docx(DOC, "Reviews held on time", "{{ reviews.value | percent }}")
    [(code, where)] = found(path)
    assert code == "docx-placeholder" and "'{{ reviews.value | percent }}'" in where


def test_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("not a zip")
    assert codes(check_docx(path)) == {"docx-unreadable"}
