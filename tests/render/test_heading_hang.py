"""A numbered heading whose title wraps hangs (issue 19): the second line starts under
the title, not back at the margin under the number, in the Typst and WeasyPrint PDFs.
Read back from the PDFs' word boxes (``pdftotext -bbox``).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.render.pdf import render_pdf
from reportgen.render.theme import Theme, load_theme
from reportgen.render.typst import render_typst

ROOT = Path(__file__).resolve().parents[2]
TITLE = (
    "Implications for Children and Young People and Vulnerable Adults in the borough "
    "and for the partners who commission their placements with us"
)


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme(ROOT / "templates" / "_base")


def _doc() -> m.Document:
    body = m.Paragraph(m.inlines("The report relates to services."), number="10.1")
    section = m.Section(TITLE, (body,), number="10")
    return m.Document(meta=m.Metadata(title="Hanging headings"), body=(section,))


def _words(pdf: bytes) -> list[tuple[str, float, float]]:
    """(word, left x, top y) of every word, in reading order."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    return [(w, float(x), float(y)) for x, y, w in found]


@pytest.mark.parametrize("render", [render_typst, render_pdf], ids=["typst", "weasyprint"])
def test_a_wrapped_numbered_heading_hangs_under_its_title(
    theme: Theme, render: Callable[[m.Document, Theme], bytes]
) -> None:
    words = _words(render(_doc(), theme))
    texts = [w for w, _, _ in words]
    start = texts.index("Implications")
    number = words[start - 1]
    assert number[0] == "10"
    heading = words[start : start + len(TITLE.split())]
    lines = sorted({round(y) for _, _, y in heading})
    assert len(lines) >= 2, "the title should wrap for this test to mean anything"
    first_x = heading[0][1]
    for line in lines[1:]:
        left = min(x for _, x, y in heading if round(y) == line)
        assert abs(left - first_x) < 2, (line, left, first_x)
    assert first_x - number[1] > 30  # the title sits in from the number, at the gutter
