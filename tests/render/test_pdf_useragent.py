"""The lean user-agent stylesheet: faster layout, the same PDF bytes.

``reportgen.render.pdf.weasyprint_patches`` drops WeasyPrint's footnote and note pseudo-element
rules and limits ``::marker`` to list items. That is only safe if no bundled template
renders differently, so every example report is laid out both ways and the PDFs
compared byte for byte; and CSS that could need the full sheet must get it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import weasyprint
from weasyprint import html as weasy_html

from reportgen import api
from reportgen.compose.report import compose
from reportgen.render.html import render_html
from reportgen.render.pdf import PDF_OPTIONS, write_pdf
from reportgen.render.pdf.fetcher import LockedURLFetcher
from reportgen.render.pdf.weasyprint_patches import html_document, lean_user_agent_css
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
#: One example of each bundled template (each has its own CSS and page layout; the other
#: committee reports share corporate-parenting's template and stylesheet).
EXAMPLES = [
    ROOT / "reports" / f"{name}.yaml"
    for name in (
        "corporate-parenting",
        "performance-surgery-cla",
        "service-performance-2017-01",
        "board-scorecard-2017-01",
        "surgery-minutes-2017-02",
    )
]
CREATED = dt.datetime(2017, 3, 1, tzinfo=dt.UTC)  # example_builds.EPOCH, as the session builds


def test_lean_sheet_drops_note_rules_and_scopes_marker() -> None:
    lean = lean_user_agent_css(weasy_html.UA)
    assert lean is not None
    assert "::footnote-call" in weasy_html.UA and "::footnote-call" not in lean
    assert "::note-callback" not in lean
    assert "li::marker, summary::marker {" in lean
    assert "\n::marker" not in lean
    # everything else is untouched
    assert len(weasy_html.UA) - len(lean) < 600


def test_unexpected_weasyprint_sheet_is_left_alone() -> None:
    assert lean_user_agent_css("p { margin: 0 }") is None
    assert lean_user_agent_css(weasy_html.UA + "\n::marker { color: red }\n") is None


@pytest.mark.parametrize(
    "css",
    [
        "aside { float: footnote }",
        "aside { FLOAT : note }",
        "div.item { display: list-item }",
        "@import url(other.css);",
    ],
)
def test_css_that_may_need_the_full_sheet_gets_it(css: str) -> None:
    html = html_document(f"<style>{css}</style><p>Text</p>")
    assert type(html) is weasyprint.HTML


def test_plain_document_gets_the_lean_sheet() -> None:
    html = html_document("<style>p { color: black }</style><ol><li>One</li></ol>")
    assert type(html) is not weasyprint.HTML
    assert isinstance(html, weasyprint.HTML)


def _pdf(html: weasyprint.HTML) -> bytes:
    rendered = html.render(pdf_variant=PDF_OPTIONS["pdf_variant"], pdf_tags=True)
    return write_pdf(rendered, CREATED)


@pytest.mark.slow
@pytest.mark.parametrize("spec", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_pdf_is_byte_identical_with_the_lean_sheet(spec: Path) -> None:
    """The example laid out by WeasyPrint with reportgen's lean user-agent sheet against
    the same document with WeasyPrint's full sheet (the session's example builds use the
    default engine, Typst, so this test lays the WeasyPrint PDF out itself)."""
    ctx = api.prepare(spec, api.Overrides())
    theme = load_theme(ctx.template_dir)
    source = render_html(compose(ctx, created=CREATED), theme)
    options = {
        "base_url": theme.folder.as_uri() + "/",
        "url_fetcher": LockedURLFetcher(theme.roots),
    }
    lean = html_document(source, **options)
    assert type(lean) is not weasyprint.HTML, "the example should use the lean sheet"
    assert _pdf(lean) == _pdf(weasyprint.HTML(string=source, **options))


def test_lists_render_identically() -> None:
    """Markers are the one user-agent rule kept but narrowed: numbered and bulleted lists,
    nested, must come out the same. The upper-case list is the sensitive case: without
    the marker rule's ``text-transform: none`` its markers would read "A." for "a."."""
    source = (
        "<html lang='en'><head><title>Lists</title><style>"
        "ol.up { list-style-type: lower-alpha; text-transform: uppercase }</style>"
        "</head><body><ol class='up'><li>First<ul><li>a</li><li>b</li></ul></li>"
        "<li>Second</li></ol>"
        "<ul><li>Bullet</li></ul><ol start='9'><li>Nine</li><li>Ten</li></ol>"
        "</body></html>"
    )
    lean = html_document(source)
    assert type(lean) is not weasyprint.HTML
    assert _pdf(lean) == _pdf(weasyprint.HTML(string=source))
