"""A build saves charts only in the encodings its outputs read, end to end.

PDF-only builds (a manager's ad-hoc PDF, a report drawn into an agenda pack) carry SVG
charts and no PNG copies; Word-only builds carry PNGs and no SVG; the files still have
every chart.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docfiles import pdf_figure_alts

from reportgen import api
from reportgen import model as m
from reportgen.charts import clear_cache

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "corporate-parenting.yaml"

pytestmark = pytest.mark.slow


def figures(doc: m.Document) -> list[m.Figure]:
    return [b for b, _ in m.walk(doc.cover + doc.body) if isinstance(b, m.Figure)]


def images(doc: m.Document) -> list[m.Image]:
    return [f.image for f in figures(doc)]


def test_pdf_only_build_has_svg_charts_and_no_png(tmp_path: Path) -> None:
    clear_cache()
    built = api.build_report(SPEC, tmp_path, ("pdf",))
    assert built.document is not None
    found = images(built.document)
    assert found and all(i.svg is not None and i.png is None for i in found)
    alts = pdf_figure_alts(built.outputs["pdf"])
    assert all(any(alt == f.alt for alt in alts) for f in figures(built.document))


def test_word_only_build_has_png_charts_and_no_svg(tmp_path: Path) -> None:
    clear_cache()
    built = api.build_report(SPEC, tmp_path, ("docx",))
    assert built.document is not None
    found = images(built.document)
    assert found and all(i.png is not None and i.svg is None for i in found)
    with zipfile.ZipFile(built.outputs["docx"]) as z:
        pngs = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(pngs) >= len(found)


def test_word_from_a_pdf_only_document_says_why_it_cannot(tmp_path: Path) -> None:
    clear_cache()
    ctx = api.prepare(SPEC)
    doc = api.compose_for(ctx, ("pdf",))
    with pytest.raises(ValueError, match="without PNG copies"):
        api.render(doc, ctx.template_dir, "docx")
    assert api.render(doc, ctx.template_dir, "html").count(b"data:image/svg+xml") >= 1
