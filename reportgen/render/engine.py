"""Which PDF engine writes a PDF: Typst (fast) or WeasyPrint (HTML and CSS).

Both write tagged PDF/UA-1 from the same document model and house style. The choice is
made here, once, from (first that is set wins):

1. the command-line option or API argument (``--pdf-engine``),
2. the environment variable ``REPORTGEN_PDF_ENGINE`` (a machine or CI setting; also how
   ``reportgen batch`` hands the option to its worker processes),
3. the project's setting: ``pdf_engine:`` in the report spec or meeting spec,
4. the house style's setting: ``pdf_engine:`` in the template's ``theme.yaml``,
5. ``DEFAULT_ENGINE``.

Each engine is imported only when chosen, so a Typst build never loads WeasyPrint and
a WeasyPrint build never loads Typst.
"""

from __future__ import annotations

import os
from typing import Literal, cast

from reportgen import model as m
from reportgen.errors import ReportgenError
from reportgen.render.theme import PDF_ENGINES, Theme

__all__ = ["DEFAULT_ENGINE", "ENV", "PdfEngine", "choose_engine", "render_pdf_bytes"]

PdfEngine = Literal["typst", "weasyprint"]
#: Typst: the parity suite (tests/render/test_typst_parity.py) passes for every example.
DEFAULT_ENGINE: PdfEngine = "typst"
ENV = "REPORTGEN_PDF_ENGINE"


def _valid(value: str, where: str) -> PdfEngine:
    value = value.strip().lower()
    if value not in PDF_ENGINES:
        raise ReportgenError(
            f"{where}: unknown PDF engine {value!r}", hint=f"use one of: {', '.join(PDF_ENGINES)}"
        )
    return cast(PdfEngine, value)


def choose_engine(
    option: str | None = None, project: str | None = None, theme: Theme | None = None
) -> PdfEngine:
    """The engine to use, by the precedence in this module's docstring."""
    if option:
        return _valid(option, "--pdf-engine")
    env = os.environ.get(ENV, "").strip()
    if env:
        return _valid(env, ENV)
    if project:
        return _valid(project, "pdf_engine")
    if theme is not None and theme.pdf_engine:
        return _valid(theme.pdf_engine, "theme pdf_engine")
    return DEFAULT_ENGINE


def render_pdf_bytes(doc: m.Document, theme: Theme, engine: PdfEngine) -> bytes:
    """One report as tagged PDF by ``engine`` (imported only now)."""
    if engine == "typst":
        from reportgen.render.typst import render_typst

        return render_typst(doc, theme)
    from reportgen.render.pdf import render_pdf

    return render_pdf(doc, theme)
