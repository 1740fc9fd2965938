"""Running heads, footers, page numbers and the DRAFT watermark on every page.

The house style draws them as cheaply as each document allows (issue 20): a document of
one part (a report, each part of a pack) draws its running head and watermark once, not
through a per-page ``context`` lookup; the footer is one line with a 1fr box, not a grid;
the pack's footer pages have their numbers written in. These tests read every page back
(pdftotext) so that none of those shortcuts can drop a head, a number or a watermark,
and check the shortcuts against the general forms they replace.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace

import pytest

from reportgen import model as m
from reportgen.render.theme import Theme
from reportgen.render.typst import SETUP, compile_pdf, document_source, preamble, render_typst
from reportgen.render.typst.blocks import Assets
from reportgen.render.typst.parts import PageShape, furniture_pdf

WORDS = "The council keeps every child's plan under review and reports to members. " * 12


def _pages(data: bytes, mode: str = "-layout") -> list[str]:
    text = subprocess.run(
        ["pdftotext", mode, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return text.split("\f")[:-1]


def _doc(draft: bool) -> m.Document:
    sections = tuple(
        m.Section(
            f"Section {s}",
            tuple(m.Paragraph(m.inlines(WORDS), number=f"{s}.{p}") for p in range(1, 6)),
            number=str(s),
        )
        for s in range(1, 5)
    )
    meta = m.Metadata(title="Furniture test report", draft=draft)
    return m.Document(meta=meta, body=sections)


@pytest.fixture(scope="module", params=[False, True], ids=["final", "draft"])
def report(request: pytest.FixtureRequest, theme: Theme) -> tuple[m.Document, bytes]:
    doc = _doc(request.param)
    return doc, render_typst(doc, theme)


def test_every_page_has_its_running_head_and_page_x_of_y(
    report: tuple[m.Document, bytes], theme: Theme
) -> None:
    _, data = report
    pages = _pages(data)
    assert len(pages) >= 4
    runhead = "Furniture test report"
    footer = theme.footer_text or ""
    for number, text in enumerate(pages, start=1):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        assert lines[0].startswith(runhead) or number == 1, (number, lines[:2])
        assert re.search(rf"\bPage {number} of {len(pages)}$", lines[-1]), (number, lines[-1])
        assert lines[-1].startswith(footer)


def test_the_watermark_is_on_every_page_of_a_draft_only(report: tuple[m.Document, bytes]) -> None:
    """Read in content order (``-raw``) the watermark's letters come together; page 1's
    draft notice is left out (it says DRAFT too)."""
    doc, data = report
    pages = _pages(data, "-raw")
    marked = ["DRAFT" in re.sub(r"\s+", "", text) for text in pages[1:]]
    assert marked == [doc.meta.draft] * (len(pages) - 1)


def test_drawing_the_furniture_once_gives_the_pdf_of_looking_it_up_per_page(
    report: tuple[m.Document, bytes], theme: Theme
) -> None:
    """A one-part document's running head and watermark drawn once, or looked up per
    page as a document of several pack parts does: every word in the same place."""
    doc, data = report
    source, assets = document_source(doc, theme)
    assert source.count("parts: false") == 1
    looked_up = compile_pdf(source.replace("parts: false", "parts: true"), assets, None)
    assert _bbox(looked_up) == _bbox(data)
    assert len(_bbox(data)) > 500


def _shapes() -> list[PageShape]:
    a4, landscape = PageShape(595.2756, 841.8898), PageShape(841.8898, 595.2756)
    external = replace(a4, external=True)
    return [a4, a4, landscape, external, external, a4]


def test_pack_footer_pages_are_numbered_across_the_pack(theme: Theme) -> None:
    meta = m.Metadata(title="Cabinet pack")
    given = [(shape, number) for number, shape in enumerate(_shapes(), start=41)]
    pages = _pages(furniture_pdf(given, meta, theme, "Cabinet, 14 March 2017"))
    assert len(pages) == len(_shapes())
    for number, text in enumerate(pages, start=41):
        assert re.fullmatch(rf"Cabinet, 14 March 2017\s+Page {number}", text.strip()), text


LONG = "Children's Services Scrutiny Committee, 14 March 2017, public reports pack. " * 3


@pytest.mark.parametrize("footer", ["Example Borough Council", "", LONG], ids=len)
@pytest.mark.parametrize("total", [True, False])
def test_the_footer_line_sets_its_words_where_a_two_column_grid_did(
    theme: Theme, footer: str, total: bool
) -> None:
    """``rg-footer-line`` (a 1fr box) against the grid it replaced, short footer text,
    none, and one that wraps: every word at the same place on the page."""
    assets = Assets()
    head = preamble(m.Metadata(title="Footer"), theme, "", footer, assets, page_total=total)
    grid = (
        '{ set text(size: rg-pt("running"), fill: rgb("#4A4A4A"))\n'
        "grid(columns: (1fr, auto), align: (left + top, right + top), rg-init.footer,\n"
        "if rg-init.total { [#rg-init.page #n #rg-init.of #t] } else { [#rg-init.page #n] }) }"
    )
    line = "rg-footer-line(rg-init, n, total: if rg-init.total { t })"
    bodies = []
    for footer_code in (grid, line):
        pages = "".join(
            f"#{{ let n = {n}; let t = 3; page(footer: {footer_code})[Body {n}] }}\n"
            for n in (1, 2, 3)
        )
        bodies.append(_bbox(compile_pdf(head + SETUP + pages, assets, None)))
    assert bodies[0] == bodies[1]
    assert any(w.startswith(">Page<") for w in bodies[0])


def _bbox(data: bytes) -> list[str]:
    """Every word with its box, as pdftotext reads them."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return [f"{m.group(2)}{m.group(1)}" for m in re.finditer(r"<word ([^>]*)(>[^<]*<)/word>", out)]


def _first_page(data: bytes) -> tuple[float, float, str]:
    from reportgen.render.typst.tagging import open_pdf

    with open_pdf(data) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
    return box[2] - box[0], box[3] - box[1], _pages(data)[0]


def test_documents_compiled_one_after_another_keep_their_own_theme_and_words(
    theme: Theme,
) -> None:
    """The house style and the theme are modules Typst reuses from one compile to the
    next in a process; each document's paper, footer and running head are still its
    own, in either order."""
    letter = replace(
        theme,
        page=replace(theme.page, paper="us-letter"),
        footer_text="Letter Borough Council",
    )
    a4 = replace(theme, footer_text="A4 Borough Council")
    docs = {
        "letter": (letter, replace(_doc(False), meta=m.Metadata(title="Letter report"))),
        "a4": (a4, replace(_doc(True), meta=m.Metadata(title="A4 report", draft=True))),
    }
    for order in (("letter", "a4"), ("a4", "letter")):
        found = {
            name: _first_page(render_typst(d, t)) for name, (t, d) in ((n, docs[n]) for n in order)
        }
        width, height, text = found["letter"]
        assert (round(width), round(height)) == (612, 792)
        assert "Letter Borough Council" in text and "A4 Borough" not in text
        width, height, text = found["a4"]
        assert (round(width), round(height)) == (595, 842)
        assert "A4 Borough Council" in text and "DRAFT" in text
