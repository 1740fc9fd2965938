"""Every example report's Word file: nothing an author would renumber is typed, and
Word's accessibility rules hold (title, language, alt text, header rows, no spacer
paragraphs, no floating pictures, link text that says where it goes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from word_reading import NS, W, instructions, part, shown, typed_text

TYPED_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\s*\t")
TYPED_REFERENCE = re.compile(r"(?i)\b(sections?|paragraphs?|figures?|tables?)\s+\d")


@pytest.fixture(scope="module")
def documents(example_docx: dict[str, Path]) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in example_docx.items()}


def test_no_number_or_reference_is_typed(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        for para in shown(data):
            typed = typed_text(para.element)
            assert not TYPED_NUMBER.match(typed), f"{name}: typed number in {typed[:60]!r}"
            assert not TYPED_REFERENCE.search(typed), f"{name}: typed reference {typed[:80]!r}"


def test_numbered_reports_number_live(documents: dict[str, bytes]) -> None:
    """The committee reports count headings and paragraphs in Word (1, 1.1, 3.4.1),
    figures with SEQ fields and references with REF fields."""
    data = documents["care-leavers"]
    paras = shown(data)
    headings = [(p.number, p.text) for p in paras if p.style == "Heading1" and p.number]
    assert headings[:3] == [("1", "Recommendations"), ("2", "Background"), ("3", "Key Issues")]
    assert ("3.1.1", "NumberedParagraph2") in {(p.number, p.style) for p in paras}
    root = part(data, "word/document.xml")
    codes = instructions(root)
    assert codes.count("SEQ Figure \\* ARABIC") == 3
    assert "REF Key_Issues \\w \\h" in codes or any(
        c.startswith("REF ") and "\\w" in c for c in codes
    )
    recommendation = next(p for p in paras if "actions in section" in p.text and p.number)
    assert "section 3 to increase" in recommendation.text  # the REF's current result


def test_every_field_has_a_result(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        root = part(data, "word/document.xml")
        after_separate = False
        for node in root.iter(f"{{{W}}}fldChar", f"{{{W}}}t"):
            if after_separate:
                assert node.tag == f"{{{W}}}t" and (node.text or "").strip(), (
                    f"{name}: a field without a result"
                )
            after_separate = node.get(f"{{{W}}}fldCharType") == "separate"


def test_contents_list_has_pages_and_links(documents: dict[str, bytes]) -> None:
    data = documents["performance-surgery-cla"]
    root = part(data, "word/document.xml")
    bookmarks = set(root.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    entries = root.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'toc')]", namespaces=NS)
    assert len(entries) > 10
    for entry in entries:
        assert entry.xpath("w:hyperlink/@w:anchor", namespaces=NS)[0] in bookmarks
        page = [c for c in instructions(entry) if c.startswith("PAGEREF ")]
        assert page, f"no page number in {typed_text(entry)!r}"
    shown_pages = [int(p.text.rsplit("\t", 1)[1]) for p in shown(data) if p.style.startswith("toc")]
    assert shown_pages == sorted(shown_pages) and shown_pages[0] >= 2


def test_word_accessibility_rules(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        root = part(data, "word/document.xml")
        core = part(data, "docProps/core.xml")
        assert core.findtext("{http://purl.org/dc/elements/1.1/}title"), name
        styles = part(data, "word/styles.xml")
        assert styles.xpath("//w:docDefaults//w:lang/@w:val", namespaces=NS) == ["en-GB"]
        assert not root.xpath("//wp:anchor", namespaces=NS), f"{name}: floating object"
        for doc_pr in root.xpath("//wp:docPr", namespaces=NS):
            assert doc_pr.get("descr", "").strip(), f"{name}: picture without alt text"
        for table in root.xpath("//w:tbl[w:tblPr/w:tblStyle/@w:val='ReportTable']", namespaces=NS):
            assert table.xpath("w:tr[1]/w:trPr/w:tblHeader", namespaces=NS), name
        _no_spacer_paragraphs(name, root)
        for link in root.xpath(
            "//w:hyperlink[@r:id]",
            namespaces={
                **NS,
                "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            },
        ):
            text = "".join(link.xpath(".//w:t/text()", namespaces=NS)).strip().lower()
            assert text and text not in {"here", "click here", "link"}, name
            assert not text.startswith("http"), f"{name}: a bare address as link text"


def _no_spacer_paragraphs(name: str, root: etree._Element) -> None:
    """An empty paragraph is allowed only where Word needs one: between two tables
    (or it joins them) and as a table cell's required paragraph."""
    for p in root.xpath("//w:body/w:p", namespaces=NS):
        if p.xpath(".//w:t | .//w:drawing | .//w:br | .//w:fldChar | .//w:sectPr", namespaces=NS):
            continue
        before, after = p.getprevious(), p.getnext()
        between_tables = (
            before is not None
            and before.tag == f"{{{W}}}tbl"
            and after is not None
            and after.tag == f"{{{W}}}tbl"
        )
        assert between_tables, f"{name}: an empty paragraph used for spacing"


def test_styles_not_direct_formatting(documents: dict[str, bytes]) -> None:
    """Runs carry no fonts, sizes or colours; the header fill is the table style's."""
    for name, data in documents.items():
        root = part(data, "word/document.xml")
        assert not root.xpath(
            "//w:r/w:rPr/w:rFonts | //w:r/w:rPr/w:sz | //w:r/w:rPr/w:color", namespaces=NS
        ), name
        header_fills = root.xpath("//w:tr[w:trPr/w:tblHeader]/w:tc/w:tcPr/w:shd", namespaces=NS)
        assert not header_fills, f"{name}: header row shaded directly"
        styles = part(data, "word/styles.xml")
        fill = styles.xpath(
            "//w:style[@w:styleId='ReportTable']/w:tblStylePr"
            "[@w:type='firstRow']/w:tcPr/w:shd/@w:fill",
            namespaces=NS,
        )
        assert fill == ["DCE3ED"], name
        fonts = styles.xpath("//w:style//w:rFonts", namespaces=NS)
        assert not fonts, f"{name}: a style names its own font; Normal's should cascade"


def test_small_tables_keep_together(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        root = part(data, "word/document.xml")
        for table in root.xpath("//w:body/w:tbl", namespaces=NS):
            rows = table.xpath("w:tr", namespaces=NS)
            assert all(r.xpath("w:trPr/w:cantSplit", namespaces=NS) for r in rows), name
            kept = [bool(r.xpath(".//w:pPr/w:keepNext", namespaces=NS)) for r in rows]
            # kept with the table's own source line (Table.source) under it
            after = table.xpath("following-sibling::w:p[1]", namespaces=NS)
            sourced = bool(after) and bool(
                after[0].xpath("w:pPr/w:pStyle[@w:val='DataCaption']", namespaces=NS)
            )
            if len(rows) <= 10:
                assert kept == [True] * (len(rows) - 1) + [sourced], name
