"""A build draws each chart once, as SVG, end to end.

The PDF engines embed the SVG; Word's PNG pictures are rasterised from that SVG by
Typst (``reportgen.render.raster``) at the picture's printed size, so matplotlib never
draws a chart twice and the Word and PDF pictures come from the same drawing.
"""

from __future__ import annotations

import struct
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


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_word_build_rasterises_each_svg_chart_at_its_printed_size(tmp_path: Path) -> None:
    clear_cache()
    built = api.build_report(SPEC, tmp_path, ("docx",))
    assert built.document is not None
    found = images(built.document)
    assert found and all(i.svg is not None and i.png is None for i in found)
    with zipfile.ZipFile(built.outputs["docx"]) as z:
        pngs = [
            z.read(n) for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")
        ]
    sizes = {_png_size(p) for p in pngs}
    for image in found:  # 200 pixels an inch of the printed picture
        expected = (round(image.width_mm / 25.4 * 200), round(image.height_mm / 25.4 * 200))
        assert any(abs(w - expected[0]) <= 1 and abs(h - expected[1]) <= 1 for w, h in sizes)


def test_a_picture_with_neither_encoding_is_refused_with_a_reason() -> None:
    from reportgen.render.common import image_png

    with pytest.raises(ValueError, match="neither an SVG nor a PNG"):
        image_png(m.Image(png=None, width_mm=10, height_mm=10, svg=None))


def test_word_from_a_pdf_only_document_has_every_chart(tmp_path: Path) -> None:
    clear_cache()
    ctx = api.prepare(SPEC)
    doc = api.compose_for(ctx, ("pdf",))
    data = api.render(doc, ctx.template_dir, "docx")
    out = tmp_path / "report.docx"
    out.write_bytes(data)
    with zipfile.ZipFile(out) as z:
        pngs = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(pngs) >= len(images(doc))
    assert api.render(doc, ctx.template_dir, "html").count(b"data:image/svg+xml") >= 1
