"""Running heads, footers, page numbers and the DRAFT watermark on every page.

The house style draws them as cheaply as each document allows (issue 20): a report, and
each part of a document holding several pack parts, draws its running head, stamp and
watermark once (a page set rule where the part starts), not through a per-page lookup;
the footer is one line with a 1fr box, not a grid; the pack's footer pages have their
numbers written in. These tests read every page back (pdftotext) so that none of those
shortcuts can drop a head, a number or a watermark, and check the shortcuts against the
general forms they replace.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace

import pytest

from reportgen import model as m
from reportgen.render.html.parts import Part
from reportgen.render.theme import Theme
from reportgen.render.typst import SETUP, compile_pdf, document_source, preamble, render_typst
from reportgen.render.typst.blocks import Assets
from reportgen.render.typst.parts import PageShape, compile_parts, furniture_pdf

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


def test_a_pack_parts_page_rule_draws_the_furniture_a_report_draws(
    report: tuple[m.Document, bytes], theme: Theme
) -> None:
    """A pack part's running head, stamp and watermark (``rg-part-page``, set where the
    part starts) are drawn as a report's own (``rg-furniture``): every word in the
    same place on every page, so a report reads the same alone or in a pack."""
    doc, data = report
    source, assets = document_source(doc, theme)
    assert source.count(SETUP) == 1
    draft = "true" if doc.meta.draft else "false"
    rule = f'#set page(..rg-part-page(rg-init, "Furniture test report", "", {draft}))\n'
    as_part = compile_pdf(source.replace(SETUP, SETUP + rule), assets, None)
    assert _bbox(as_part) == _bbox(data)
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


def test_each_part_of_a_pack_document_shows_its_own_head_stamp_and_watermark(
    theme: Theme,
) -> None:
    """Three reports and an external PDF's placeholder pages in one Typst document, as
    a pack compiles them: every page carries the running head and stamp of the part it
    belongs to, and the DRAFT watermark only on the draft report's pages."""
    titled = [
        replace(_doc(draft), meta=replace(_doc(draft).meta, title=f"Report {n}"))
        for n, draft in ((1, False), (2, True), (3, False))
    ]
    parts = [
        Part(id=f"item-{n}", doc=doc, prefix=f"item-{n}-", stamp=f"Agenda Item {n}")
        for n, doc in enumerate(titled, start=1)
    ]
    parts.insert(
        2, Part(id="item-9", stamp="Agenda Item 9", running_header="Minutes", placeholder_pages=2)
    )
    laid = compile_parts(parts, m.Metadata(title="Pack"), theme)
    layout, raw = _pages(laid.pdf), _pages(laid.pdf, "-raw")
    starts = [laid.positions[p.id][0] for p in parts] + [len(layout)]
    heads = ["Report 1", "Report 2", "Minutes", "Report 3"]
    for number, part in enumerate(parts):
        pages = range(starts[number], starts[number + 1])
        assert len(pages) >= 2, part.id
        for page in pages:
            first = next(ln for ln in layout[page].splitlines() if ln.strip())
            assert re.split(r"\s{2,}", first.strip()) == [heads[number], part.stamp], page
            draft = part.doc is not None and part.doc.meta.draft
            # page 1 of the draft report also prints the draft notice (it says DRAFT)
            if page != starts[number] or not draft:
                assert ("DRAFT" in re.sub(r"\s+", "", raw[page])) == draft, page
