"""A "Source: ..." line under every table built from indicator data (issue 19), from the
indicator definitions' ``source``, printed by all three writers: read back from the Word
XML, the HTML and the Typst PDF's text, and on a real example end to end.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from example_builds import ExampleBuilds

from reportgen import model as m
from reportgen.render.docx import render_docx
from reportgen.render.html import render_html
from reportgen.render.theme import Theme, load_theme
from reportgen.render.typst import render_typst
from reportgen.vocabulary import SOURCE_AS_ABOVE, source_line

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCE = "Source: Placements register; SSDA903 return"


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme(ROOT / "templates" / "_base")


def _doc() -> m.Document:
    table = m.Table(
        header=(m.cell("Placement type"), m.cell("Children", align="right")),
        rows=((m.cell("Foster care"), m.cell("310", align="right")),),
        caption="Children by placement type",
        source=SOURCE,
    )
    after = m.Paragraph(m.inlines("The next paragraph."))
    return m.Document(meta=m.Metadata(title="Sources"), body=(m.Section("S", (table, after)),))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_word_prints_the_source_right_after_the_table(theme: Theme) -> None:
    with zipfile.ZipFile(io.BytesIO(render_docx(_doc(), theme))) as z:
        body = z.read("word/document.xml").decode()
    table_end = body.index("</w:tbl>")
    source_at = body.index("Placements register")
    assert table_end < source_at < body.index("The next paragraph.")
    assert "SSDA903 return" in body[source_at : body.index("The next paragraph.")]


def test_html_prints_the_source_right_after_the_table(theme: Theme) -> None:
    html = render_html(_doc(), theme)
    assert re.search(r'</table>\s*<p class="source table-source">' + re.escape(SOURCE), html)


def test_typst_prints_the_source_under_the_last_row(theme: Theme) -> None:
    text = _flat(
        subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=render_typst(_doc(), theme),
            capture_output=True,
            check=True,
        ).stdout.decode()
    )
    assert "Foster care 310 " + SOURCE + " The next paragraph." in text


def test_sources_that_share_a_part_name_it_once() -> None:
    assert source_line(["A; B", "A; C", "B"]) == "Source: A; B; C"


def _known_sources() -> set[str]:
    data = yaml.safe_load((ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    items = data["indicators"] if isinstance(data, dict) else data
    return {part.strip() for i in items if i.get("source") for part in i["source"].split(";")}


@pytest.mark.slow
def test_every_indicator_table_of_the_scorecard_has_its_source(
    example_build: ExampleBuilds,
) -> None:
    """Each theme table of the board scorecard names sources from the indicator
    definitions (each once on the two pages), in the model, the Word XML and the PDF."""
    built = example_build(ROOT / "reports" / "board-scorecard-2017-01.yaml")
    assert built.document is not None
    tables = [
        b
        for b, _ in m.walk(built.document.body)
        if isinstance(b, m.Table) and b.style == "board-scorecard"
    ]
    assert len(tables) >= 3
    known = _known_sources()
    assert tables[0].source != SOURCE_AS_ABOVE  # the first names its sources
    for table in tables:
        assert table.source is not None, table.caption
        if table.source != SOURCE_AS_ABOVE:  # a later one names only new ones
            assert set(table.source.removeprefix("Source: ").split("; ")) <= known
    with zipfile.ZipFile(built.outputs["docx"]) as z:
        word = "".join(t.text or "" for t in _texts(z.read("word/document.xml")))
    pdf = _flat(
        subprocess.run(
            ["pdftotext", str(built.outputs["pdf"]), "-"], capture_output=True, check=True
        ).stdout.decode()
    )
    for table in tables:
        assert table.source is not None
        assert table.source in word
        assert table.source in pdf


def _texts(xml: bytes):  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET

    return ET.fromstring(xml).iter(f"{W}t")
