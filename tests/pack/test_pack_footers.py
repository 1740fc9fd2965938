"""A Typst pack's footers are stamped from a few templates (``pack.footers``), not laid
out page by page: each stamped page must carry exactly what Typst writes for a footer
page of its shape and number, as an artifact, its text "Page N"; a footer the templates
cannot give is laid out by Typst as before.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import pikepdf
from system_tools import need

from reportgen import model as m
from reportgen.pack import footers
from reportgen.render.theme import load_theme
from reportgen.render.typst.parts import PageShape, furniture_pdf

ROOT = Path(__file__).resolve().parents[2]
CREATED = dt.datetime(2017, 3, 1, tzinfo=dt.UTC)
PORTRAIT, LANDSCAPE = PageShape(595.276, 841.89), PageShape(841.89, 595.276)
EXTERNAL = PageShape(595.276, 841.89, external=True)
#: Shapes of the pack pages stamped below, first numbered 1 then 995 (to 4 digits).
SHAPES = [PORTRAIT] * 8 + [LANDSCAPE, EXTERNAL, EXTERNAL, PORTRAIT, LANDSCAPE, PORTRAIT]
Pages = Sequence[tuple[PageShape, int]]


def lay_out(pages: Pages) -> bytes:
    theme = load_theme(ROOT / "templates" / "committee-report")
    return furniture_pdf(pages, m.Metadata(title="Pack"), theme, "Cabinet, 14 March 2017", CREATED)


def _drawing(stream: object) -> list[str]:
    """A content stream's operators and operands, the glyph codes it shows left out:
    each Typst document numbers its glyphs in its own font subset (their text and
    positions are compared by ``_words``); a kerning adjustment is kept."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(stream):  # type: ignore[arg-type]
        if str(operator) == "TJ":
            found.append(
                " ".join("S" if isinstance(x, pikepdf.String) else str(x) for x in operands[0])
            )
        elif str(operator) != "Tj":
            found.append(pikepdf.unparse_content_stream([(operands, operator)]).decode())
    return found


def _words(data: bytes) -> list[list[tuple[str, str]]]:
    """Each page's words with their boxes, as poppler reads them."""
    html = subprocess.run(
        [need("pdftotext"), "-bbox", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return [
        re.findall(r'<word (xMin="[^>]*")>([^<]*)</word>', page)
        for page in html.split("<page ")[1:]
    ]


def _stamped(lay: footers.FooterPages, starts: Sequence[int]) -> tuple[bytes, list[int]]:
    """A blank PDF of ``SHAPES`` pages stamped from each of ``starts`` in turn (the
    last numbering wins, as when a pack's front changes its page count)."""
    pdf = pikepdf.new()
    for shape in SHAPES:
        pdf.add_blank_page(page_size=(shape.width, shape.height))
    external = {i for i, s in enumerate(SHAPES) if s.external}
    with ExitStack() as stack:
        stamper = footers.Footers(pdf, lay, stack)
        for start in starts:
            stamper.stamp(list(pdf.pages), start, external)
        stamper.finish()
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue(), [starts[-1] + i for i in range(len(SHAPES))]


def _check(data: bytes, numbers: list[int], lay: footers.FooterPages) -> None:
    """Every page draws, inside one /Artifact, a form with the footer Typst lays out for
    its shape and number: the same drawing, the same words in the same places."""
    expected = lay(list(zip(SHAPES, numbers, strict=True)))
    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.open(io.BytesIO(expected)) as typst:
        for page, typst_page, number in zip(pdf.pages, typst.pages, numbers, strict=True):
            ops = [str(op) for _, op in pikepdf.parse_content_stream(page)]
            assert ops == ["BMC", "q", "Do", "Q", "EMC"], number  # drawn once, as an artifact
            form = page.obj.Resources.XObject[footers.FORM]
            assert _drawing(form) == _drawing(typst_page), number
    assert _words(data) == _words(expected)
    for number, words in zip(numbers, _words(data), strict=True):
        assert [w for _, w in words][-2:] == ["Page", str(number)]


def test_probe_numbers_hold_every_pair_of_digits() -> None:
    pairs = {str(p)[i : i + 2] for p in footers.PROBES for i in range(len(str(p)) - 1)}
    assert pairs == {f"{a}{b}" for a in range(10) for b in range(10)}
    assert all(0 < p < 2**63 and len(str(p)) <= 18 for p in footers.PROBES)


def test_stamped_footers_are_what_typst_lays_out_for_each_page() -> None:
    """Portrait, landscape and external pages, from 1 and across 3 to 4 digits (the
    second stamping renumbers every page: the last number wins, drawn once)."""
    laid: list[Pages] = []

    def counting(pages: Pages) -> bytes:
        laid.append(pages)
        return lay_out(pages)

    data, numbers = _stamped(counting, [1])
    _check(data, numbers, lay_out)
    assert len(laid) == 1  # one template document for every shape, no page laid out per page
    data, numbers = _stamped(counting, [1, 995])
    _check(data, numbers, lay_out)


def test_footers_the_templates_cannot_give_are_laid_out_per_page() -> None:
    """A footer with text after its number ("Page 12 (draft)") cannot be stamped from
    a template: every page gets the footer Typst lays out for it, numbered as stamped."""

    def trailing(pages: Pages) -> bytes:
        data = lay_out(pages)
        with pikepdf.open(io.BytesIO(data)) as pdf:
            font = pikepdf.Name("/f0")
            for page in pdf.pages:  # text after the number, as a footer might have
                page.contents_add(
                    pikepdf.Stream(pdf, b"BT " + font.unparse() + b" 8 Tf [<0001>] TJ ET"),
                    prepend=False,
                )
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()

    laid: list[Pages] = []

    def counting(pages: Pages) -> bytes:
        laid.append(pages)
        return trailing(pages)

    data, numbers = _stamped(counting, [1, 995])
    assert [n for _, n in laid[-1]] == numbers  # one page laid out per pack page
    _check(data, numbers, trailing)


def narrow_ones(pages: Pages) -> bytes:
    """Footers as Typst would lay them out in a face whose 1 is narrower than its other
    digits (Liberation Sans's are all one width): a right-aligned "Page 11" starts
    further right than "Page 10"."""
    with pikepdf.open(io.BytesIO(lay_out(pages))) as pdf:
        for page, (_, number) in zip(pdf.pages, pages, strict=True):
            instructions = list(pikepdf.parse_content_stream(page))
            shown = max(i for i, (_, op) in enumerate(instructions) if str(op) == "TJ")
            moved = max(i for i, (_, op) in enumerate(instructions[:shown]) if str(op) == "cm")
            matrix = list(instructions[moved].operands)
            matrix[4] = float(matrix[4]) + 1.5 * str(number).count("1")
            instructions[moved] = pikepdf.ContentStreamInstruction(matrix, pikepdf.Operator("cm"))
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_digits_of_different_widths_are_laid_out_not_stamped() -> None:
    """The probe pages' numbers hold more 1s than their templates, so the check
    refuses the templates, and each footer is Typst's own ("Page 11" too)."""
    data, numbers = _stamped(narrow_ones, [1])
    assert 11 in numbers
    _check(data, numbers, narrow_ones)
