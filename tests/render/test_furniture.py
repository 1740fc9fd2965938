"""Writers hold no words: the draft notice, watermark, chart-data label, page words and
contents placeholder come from the document, and Word and HTML say the same."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

from sample_document import sample_document

from reportgen import model as m
from reportgen.render import WRITERS
from reportgen.render.theme import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]
WORDS = m.Furniture(
    draft_notice="Drafft – nid i’w gyhoeddi",
    draft_watermark="DRAFFT",
    chart_data="Data ar gyfer y siart",
    page="Tudalen",
    page_of="o",
    toc_placeholder="Diweddarwch y maes hwn.",
)


def _draft(furniture: m.Furniture) -> m.Document:
    doc = sample_document(draft=True)
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, furniture=furniture))


def _theme() -> Theme:
    return load_theme(ROOT / "templates" / "committee-report")


def _docx_xml(doc: m.Document, theme: Theme) -> str:
    with zipfile.ZipFile(io.BytesIO(WRITERS["docx"](doc, theme))) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_both_writers_show_the_documents_words_and_none_of_their_own() -> None:
    theme = _theme()
    html = WRITERS["html"](_draft(WORDS), theme).decode("utf-8")
    xml = _docx_xml(_draft(WORDS), theme)
    for text in (WORDS.draft_notice, WORDS.chart_data, WORDS.page):
        assert text in html and text in xml, text
    assert WORDS.draft_watermark in xml  # Word's watermark is text; the PDF's an SVG image
    default = m.Furniture()
    for text in (default.draft_notice, default.chart_data, "Page "):
        assert text not in html and text not in xml, text


def test_the_draft_notice_is_one_wording_in_both_formats() -> None:
    theme, doc = _theme(), _draft(m.Furniture())
    notice = m.Furniture().draft_notice
    assert f'<p class="draft-notice">{notice}</p>' in WRITERS["html"](doc, theme).decode()
    assert f"<w:t>{notice}</w:t>" in _docx_xml(doc, theme)


def test_the_logo_alt_text_comes_from_the_theme(tmp_path: Path) -> None:
    assert Theme(folder=tmp_path, council_name="Anytown Council").logo_alt == "Anytown Council logo"
    assert Theme(folder=tmp_path).logo_alt == "Council logo"
    assert Theme(folder=tmp_path, logo_alt_text="Anytown crest").logo_alt == "Anytown crest"
