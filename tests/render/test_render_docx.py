"""DOCX writer: check the real OOXML, and that LibreOffice opens the file."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from system_tools import need
from word_reading import shown

from reportgen import model as m
from reportgen.render.docx import render_docx
from reportgen.render.docx.make_reference import VARIANTS, build_reference
from reportgen.render.theme import Theme, load_theme

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
    "v": "urn:schemas-microsoft-com:vml",
}


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def headers_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(
            package.read(n).decode() for n in package.namelist() if n.startswith("word/header")
        )


@pytest.fixture(scope="module")
def body(docx_bytes: bytes) -> etree._Element:
    return part(docx_bytes, "word/document.xml")


def text_of(p: etree._Element) -> str:
    """Paragraph text as Word shows it (``w:tab`` elements become tabs)."""
    return "".join(
        "\t" if isinstance(node, etree._Element) else str(node)
        for node in p.xpath(".//w:t/text() | .//w:r/w:tab", namespaces=NS)
    )


def paragraphs_with_style(body: etree._Element, style_id: str) -> list[str]:
    paras = body.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='{style_id}']", namespaces=NS)
    return [text_of(p) for p in paras]


def numbered(docx_bytes: bytes, style: str) -> list[str]:
    """ "<number Word draws>\t<text>" for each paragraph in ``style``."""
    return [
        f"{s.number}\t{s.text}" if s.number else s.text
        for s in shown(docx_bytes)
        if s.style == style
    ]


def test_headings_use_title_and_heading_styles(body: etree._Element, docx_bytes: bytes) -> None:
    assert paragraphs_with_style(body, "Title") == ["Corporate Parenting Performance Report"]
    assert "3\tKey Issues" in numbered(docx_bytes, "Heading1")
    assert "Accountable Officer(s)" in numbered(docx_bytes, "Heading1")  # not numbered
    assert numbered(docx_bytes, "Heading2") == ["3.4\tPlans"]
    assert numbered(docx_bytes, "Heading3") == ["3.4.1\tPlacement stability"]


def test_heading_styles_have_outline_levels(docx_bytes: bytes) -> None:
    styles = part(docx_bytes, "word/styles.xml")
    for level in range(4):
        found = styles.xpath(
            f"//w:style[@w:styleId='Heading{level + 1}']/w:pPr/w:outlineLvl/@w:val", namespaces=NS
        )
        assert found == [str(level)]
    lang = styles.xpath("//w:docDefaults//w:lang/@w:val", namespaces=NS)
    assert lang == ["en-GB"]


def test_numbered_paragraphs_hang_their_number(docx_bytes: bytes) -> None:
    """Word shows the model's numbers: counted live where Word's count gives them, typed
    where this hand-built model skips numbers (3.1 then 3.4) so Word could not."""
    texts = numbered(docx_bytes, "NumberedParagraph")
    assert "2.2\tTargets follow the statutory guidance." in texts
    assert any(t.startswith("3.4.1\tDue to technical reasons") for t in texts)
    assert any(t.startswith("3.4.1.1\tPlacement moves") for t in texts)
    assert numbered(docx_bytes, "Recommendation") == [
        "1.1\tThe Panel is asked to receive the report."
    ]
    assert "2.1\tThe Panel is asked to receive the report." in numbered(
        docx_bytes, "NumberedParagraph"
    )  # the cover's own count behind "2."


def test_table_header_repeats_and_ratings_are_shaded(body: etree._Element) -> None:
    assert len(body.xpath("//w:tr[w:trPr/w:tblHeader]", namespaces=NS)) == 2
    fills = {
        "".join(tc.xpath(".//w:t/text()", namespaces=NS)): tc.xpath(
            "w:tcPr/w:shd/@w:fill", namespaces=NS
        )[0]
        for tc in body.xpath("//w:tc[w:tcPr/w:shd]", namespaces=NS)
    }
    assert fills["Red"] == "F4C7C3" and fills["Green"] == "CDE8CF"
    assert fills["Amber"] == "FCE4B6" and "Indicator" not in fills  # the style fills it
    assert body.xpath("//w:tblStyle/@w:val", namespaces=NS)[:2] == [
        "KeyValueTable",
        "ReportTable",
    ]  # the cover sheet, then the first data table


def test_figure_has_alt_text_and_data_table(body: etree._Element) -> None:
    doc_pr = body.xpath("//wp:docPr", namespaces=NS)[0]
    assert doc_pr.get("descr").startswith("Bar chart: children with a plan rose")
    assert doc_pr.get("title") == "Figure 1: Children in care with a plan"
    assert paragraphs_with_style(body, "TableHeadingSmall") == ["Month", "Per cent with a plan"]


def test_fields_toc_and_bookmarks(docx_bytes: bytes, body: etree._Element) -> None:
    instr = " ".join(body.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-2"' in instr
    assert paragraphs_with_style(body, "toc1")[:2] == ["1\tRecommendations", "2\tBackground"]
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        footers = "".join(
            package.read(n).decode() for n in package.namelist() if n.startswith("word/footer")
        )
    assert " PAGE " in footers and " NUMPAGES " in footers
    assert "Corporate Parenting Panel, 14 March 2017" in footers
    names = body.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert {"cover", "key_issues", "sec_3_4"} <= set(names)
    settings = part(docx_bytes, "word/settings.xml")
    assert settings.xpath("w:updateFields", namespaces=NS) == []  # results are current


def test_core_properties(docx_bytes: bytes) -> None:
    core = part(docx_bytes, "docProps/core.xml")
    assert core.findtext("dc:title", namespaces=NS) == (
        "Corporate Parenting Performance Report – January 2017"
    )
    assert core.findtext("dc:creator", namespaces=NS) == "Deborah Johnson"
    assert core.findtext("dc:language", namespaces=NS) == "en-GB"
    assert core.findtext("cp:keywords", namespaces=NS) == "looked after children, performance"
    assert core.findtext("dcterms:created", namespaces=NS) == "2017-03-01T09:00:00Z"


def test_running_header_and_draft_watermark(docx_bytes: bytes, draft_docx_bytes: bytes) -> None:
    assert "Corporate Parenting Performance – January 2017" in headers_xml(docx_bytes)
    assert "PowerPlusWaterMarkObject" not in headers_xml(docx_bytes)
    draft = headers_xml(draft_docx_bytes)
    assert "PowerPlusWaterMarkObject" in draft and 'string="DRAFT"' in draft


def test_same_document_same_bytes(doc: m.Document, theme: Theme, docx_bytes: bytes) -> None:
    assert render_docx(doc, theme) == docx_bytes


@pytest.mark.parametrize("folder", sorted(VARIANTS))
def test_committed_reference_docx_matches_generator(folder: str) -> None:
    """Each committed reference.docx (the base and the compact scorecard) must be
    regenerated when make_reference or its theme changes."""
    theme = load_theme(TEMPLATES / folder)
    generated = io.BytesIO()
    build_reference(theme, VARIANTS[folder]).save(generated)
    committed = (TEMPLATES / folder / "reference.docx").read_bytes()
    for name in ("word/styles.xml", "word/document.xml", "word/numbering.xml"):
        assert etree.tostring(part(generated.getvalue(), name)) == etree.tostring(
            part(committed, name)
        ), f"{name}: run python -m reportgen.render.docx.make_reference"


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_opens_the_docx(draft_docx_bytes: bytes, tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(draft_docx_bytes)
    subprocess.run(
        [
            need("soffice"),
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [need("pdftotext"), "-layout", str(tmp_path / "report.pdf"), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    for expected in (
        "Corporate Parenting Performance Report",
        "3.4.1",
        "Placement stability",
        "Key indicators, January 2017",
        "Page 1 of",
        "Rating key",
    ):
        assert expected in text


def test_page_break_after_turning_back_from_landscape_is_kept(
    doc: m.Document, theme: Theme
) -> None:
    """Turning the page (a new Word section) replaces a section's own page break only
    when the section starts the new page; content in between keeps the break."""
    body = (
        m.Section("Wide", (m.Paragraph((m.Text("plan"),)),), anchor="wide", landscape=True),
        m.Paragraph((m.Text("A note on the portrait page."),)),
        m.Section("Later", (m.Paragraph((m.Text("x"),)),), anchor="later", page_break_before=True),
        m.Section("Wide again", (), anchor="wide2", landscape=True, page_break_before=True),
    )
    root = part(render_docx(m.Document(meta=doc.meta, body=body), theme), "word/document.xml")
    breaks = {}
    for p in root.iterfind(".//w:p", NS):
        text = "".join(p.xpath(".//w:t/text()", namespaces=NS))
        if text in ("Wide", "Later", "Wide again"):
            breaks[text] = p.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert breaks == {"Wide": False, "Later": True, "Wide again": False}
