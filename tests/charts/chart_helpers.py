"""Shared inputs and output probes for chart tests (imported by the test modules)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from reportgen.model import Figure

SVG_NS = "{http://www.w3.org/2000/svg}"


PERIODS = [
    "2016-03",
    "2016-04",
    "2016-05",
    "2016-06",
    "2016-07",
    "2016-08",
    "2016-09",
    "2016-10",
    "2016-11",
    "2016-12",
    "2017-01",
]
VALUES = [76.6, 77.1, 78.0, None, 79.5, 80.2, 81.0, 82.4, 83.0, 84.1, 85.5]
TARGET = [80.0] * 11
COUNTS = [413, 416, 420, None, 448, 452, 457, 465, 468, 474, 482]

BENCH_ITEMS = [
    ("Derby", 85.5, "council"),
    ("England", 60.0, "england"),
    ("East Midlands", 55.2, "region"),
    ("Nottingham", 92.1, "neighbour"),
    ("Leicester", 64.0, "neighbour"),
    ("Coventry", 71.8, "neighbour"),
    ("Peterborough", None, "neighbour"),
]


def svg_texts(figure: Figure) -> list[str]:
    """Every <text> string in the SVG: with svg.fonttype 'none' text stays text."""
    assert figure.image.svg is not None
    root = ET.fromstring(figure.image.svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def svg_font_sizes(figure: Figure) -> list[float]:
    """Font sizes in the SVG, in points (matplotlib writes 72 user units per inch)."""
    assert figure.image.svg is not None
    return [float(s) for s in re.findall(rb"font-size: ([\d.]+)px", figure.image.svg)]


def png_dpi(figure: Figure) -> tuple[float, float]:
    """Resolution from the PNG pHYs chunk, via Pillow."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(figure.image.png)) as img:
        return img.info["dpi"]  # type: ignore[no-any-return]
