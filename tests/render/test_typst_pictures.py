"""Every chart in a Typst PDF is its own picture, including charts drawn smaller.

A chart taller than the cap (``common.picture_size``) is drawn from a smaller copy of
its Image made for that one call. The writer once remembered pictures by the copy's
``id()``; once the copy was gone the next capped chart could get the same id and the
PDF showed the first chart again, under the second one's caption and alt text (the
performance surgery's Figure 3 showed the bar chart of Figure 2).
"""

from __future__ import annotations

import re

import pikepdf
import pytest

from reportgen import model as m
from reportgen.render.common import MAX_PICTURE_MM
from reportgen.render.theme import Theme
from reportgen.render.typst import document_source, render_typst
from reportgen.render.typst.blocks import Assets
from reportgen.render.typst.tagging import open_pdf

COLOURS = ("#112233", "#CC4400", "#00AA66")


def _chart(colour: str) -> m.Image:
    """A chart taller than the cap, one colour all over."""
    height = MAX_PICTURE_MM + 30
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="{height}mm" '
        f'viewBox="0 0 100 {height}"><rect width="100" height="{height}" fill="{colour}"/></svg>'
    )
    return m.Image(png=None, width_mm=100, height_mm=height, svg=svg.encode())


def _doc() -> m.Document:
    figures = tuple(
        m.Figure(_chart(c), alt=f"Chart {n} in {c}", caption=f"Figure {n}")
        for n, c in enumerate(COLOURS, start=1)
    )
    return m.Document(meta=m.Metadata(title="Charts"), body=(m.Section("Charts", figures),))


def test_each_capped_chart_reads_its_own_picture(theme: Theme) -> None:
    source, assets = document_source(_doc(), theme)
    keys = re.findall(r'image\("/(rg-img-[^"]+)"', source)
    assert len(keys) == len(set(keys)) == len(COLOURS)
    for key, colour in zip(keys, COLOURS, strict=True):
        assert colour.encode() in assets.files[key]


def test_a_picture_made_for_one_call_is_never_mistaken_for_a_later_one() -> None:
    """Many short-lived pictures (as ``_capped`` makes them), none kept by the caller:
    CPython reuses a freed object's address, so keyed by bare ids they collided."""
    assets = Assets()
    codes = [assets.image(_chart(f"#{n:06x}"), alt="chart") for n in range(200)]
    keys = [re.search(r'"/(rg-img-[^"]+)"', code).group(1) for code in codes]  # type: ignore[union-attr]
    assert len(set(keys)) == 200
    assert all(f"#{n:06x}".encode() in assets.files[key] for n, key in enumerate(keys))


def _fills(pdf: pikepdf.Pdf) -> set[tuple[float, ...]]:
    """Every fill colour the pages set (a chart's SVG is drawn into the page itself)."""
    return {
        tuple(round(float(v), 2) for v in operands)
        for page in pdf.pages
        for operands, op in pikepdf.parse_content_stream(page)
        if str(op) in ("scn", "sc", "rg")
    }


@pytest.mark.parametrize("index", range(len(COLOURS)))
def test_the_pdf_draws_each_chart_in_its_own_colour(theme: Theme, index: int) -> None:
    with open_pdf(render_typst(_doc(), theme)) as pdf:
        fills = _fills(pdf)
    colour = COLOURS[index]
    assert tuple(round(int(colour[i : i + 2], 16) / 255, 2) for i in (1, 3, 5)) in fills
