"""Renderer fixtures: the hand-built committee report that exercises every node type
(tests/support/sample_document.py) and its real output.

Renderer tests assert on real output (parsed HTML, PDF text and structure, DOCX XML)
of this one document, rendered once per session because WeasyPrint is slow.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_document import sample_document

from reportgen import model as m
from reportgen.render.theme import Theme, load_theme

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme(TEMPLATES / "_base")


@pytest.fixture(scope="session")
def doc() -> m.Document:
    return sample_document()


@pytest.fixture(scope="session")
def draft_doc() -> m.Document:
    return sample_document(draft=True)


@pytest.fixture(scope="session")
def html_text(doc: m.Document, theme: Theme) -> str:
    from reportgen.render.html import render_html

    return render_html(doc, theme)


@pytest.fixture(scope="session")
def pdf_bytes(doc: m.Document, theme: Theme) -> bytes:
    from reportgen.render.pdf import render_pdf

    return render_pdf(doc, theme)


@pytest.fixture(scope="session")
def draft_pdf_bytes(draft_doc: m.Document, theme: Theme) -> bytes:
    from reportgen.render.pdf import render_pdf

    return render_pdf(draft_doc, theme)


@pytest.fixture(scope="session")
def docx_bytes(doc: m.Document, theme: Theme) -> bytes:
    from reportgen.render.docx import render_docx

    return render_docx(doc, theme)


@pytest.fixture(scope="session")
def draft_docx_bytes(draft_doc: m.Document, theme: Theme) -> bytes:
    from reportgen.render.docx import render_docx

    return render_docx(draft_doc, theme)
