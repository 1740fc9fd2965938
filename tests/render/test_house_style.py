"""One house style, three writers: a theme change reaches the CSS, Typst and Word.

A temporary theme changes the body type size, the heading colour, the table header fill
and the page margins; each writer's output must carry every one of them, and the PDFs
from both engines must be laid out with them (text starts at the new left margin, body
words grow with the body size).
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.errors import ReportgenError
from reportgen.render.theme import BASE_FOLDER, Theme, load_theme

HOUSE = """
sizes: {body: 13}
colours: {heading: "#8B0000", table-header: "#FFEE00"}
page: {top: 30, right: 15, bottom: 28, left: 35}
"""
MM = 72 / 25.4  # points per mm
WORD = "Quixotic"  # the body paragraph's first word, found in the PDFs by position


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Theme:
    folder = tmp_path_factory.mktemp("house")
    (folder / "theme.yaml").write_text(HOUSE, encoding="utf-8")
    return load_theme(folder)


@pytest.fixture(scope="module")
def doc() -> m.Document:
    table = m.Table(
        header=(m.cell("Measure"), m.cell("Value")),
        rows=((m.cell("Children in care"), m.cell("42")),),
        caption="Headline",
    )
    para = m.Paragraph(m.inlines(f"{WORD} words of a committee paper."), numbered=False)
    section = m.Section(title="Background", blocks=(para, table))
    return m.Document(m.Metadata(title="House style"), body=(section,))


def test_css_is_generated_from_the_theme(house: Theme, doc: m.Document) -> None:
    from reportgen.render.html import render_html

    html = render_html(doc, house)
    assert "--size-body: 13pt;" in html
    assert "--colour-heading: #8B0000;" in html and "--colour-table-header: #FFEE00;" in html
    assert "@page { size: 210mm 297mm; margin: 30mm 15mm 28mm 35mm; }" in html
    # the hand-written stylesheet reads the values; it no longer states them itself
    base_css = (BASE_FOLDER / "style.css").read_text(encoding="utf-8")
    assert "font-size: var(--size-body)" in base_css
    assert "background: var(--colour-table-header)" in base_css
    assert not re.search(r"@page\s*\{[^}]*\bmargin:", base_css)
    assert not re.search(r"\bsize:\s*A4", base_css)


def test_typst_styling_is_made_from_the_theme(house: Theme) -> None:
    from reportgen.render.typst.code import theme_dict

    source = theme_dict(house)
    assert re.search(r'"body": 13[,)]', source)
    assert '"heading": "#8B0000"' in source and '"table-header": "#FFEE00"' in source
    assert "top: 30, right: 15, bottom: 28, left: 35" in source


def test_word_styles_and_page_are_made_from_the_theme(house: Theme, doc: m.Document) -> None:
    from reportgen.render.docx import render_docx

    with zipfile.ZipFile(io.BytesIO(render_docx(doc, house))) as docx:
        styles = docx.read("word/styles.xml").decode()
        body = docx.read("word/document.xml").decode()

    def style(name: str) -> str:
        pattern = rf'<w:style [^>]*>\s*<w:name w:val="{name}"/>.*?</w:style>'
        found = re.search(pattern, styles, re.S | re.I)
        assert found, name
        return found.group(0)

    for name in ("Body Text", "Numbered Paragraph", "Normal"):
        assert '<w:sz w:val="26"/>' in style(name), name  # half-points: 13 pt
    assert '<w:sz w:val="28"/>' in style("Heading 1")  # the theme's h2 size, unchanged
    assert 'w:color w:val="8B0000"' in style("Heading 1")
    assert 'w:fill="FFEE00"' in style("Report Table")
    margins = re.search(r"<w:pgMar ([^>]*)/>", body)
    assert margins
    twips = dict(re.findall(r'w:(\w+)="(\d+)"', margins.group(1)))
    assert [round(int(twips[k]) / 56.6929) for k in ("top", "right", "bottom", "left")] == [
        30,
        15,
        28,
        35,
    ]


def _word_box(pdf: bytes, word: str) -> tuple[float, float]:
    """(left x, height) in points of ``word`` on page 1, from pdftotext's bounding boxes."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = re.search(
        rf'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}<', html
    )
    assert found, word
    return float(found[1]), float(found[3]) - float(found[2])


@pytest.mark.parametrize("engine", ["typst", "weasyprint"])
def test_both_pdf_engines_lay_out_with_the_theme(
    engine: str, house: Theme, doc: m.Document
) -> None:
    from reportgen.render.engine import render_pdf_bytes

    base = load_theme(BASE_FOLDER)
    left, height = _word_box(render_pdf_bytes(doc, house, engine), WORD)  # type: ignore[arg-type]
    base_left, base_height = _word_box(render_pdf_bytes(doc, base, engine), WORD)  # type: ignore[arg-type]
    assert left == pytest.approx(35 * MM, abs=1.0)
    assert base_left == pytest.approx(20 * MM, abs=1.0)
    assert height / base_height == pytest.approx(13 / 11, rel=0.03)


@pytest.mark.parametrize(
    ("yaml", "message"),
    [
        ("colours: {heading: 'red; } body { display: none'}", "not a #RRGGBB colour"),
        ("page: {paper: foolscap}", "paper 'foolscap' is not one of"),
    ],
)
def test_a_bad_theme_value_is_refused_once_at_load(tmp_path: Path, yaml: str, message: str) -> None:
    (tmp_path / "theme.yaml").write_text(yaml, encoding="utf-8")
    with pytest.raises(ReportgenError, match=message):
        load_theme(tmp_path)
