"""Options shared by several commands, defined once.

A new option for ``build``, ``pack`` and ``batch`` (say a PDF engine) is one
``Annotated`` alias here and one parameter in each command; its parsing and checking
live beside it so the commands stay thin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

Format = Literal["docx", "pdf", "html"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "html")

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing)")]
FormatsOption = Annotated[str, typer.Option("--formats", "-f", help="docx,pdf (default), html")]
PeriodOption = Annotated[str | None, typer.Option(help="Override the spec's period (YYYY-MM)")]
AreaOption = Annotated[
    str | None,
    typer.Option(
        help="Override the spec's area (a locality; for EES data an authority's name or code)"
    ),
]
PdfEngineOption = Annotated[
    str | None,
    typer.Option(
        "--pdf-engine",
        help="typst or weasyprint (default: REPORTGEN_PDF_ENGINE, the spec's "
        "pdf_engine, the theme's, then the default)",
    ),
]


def formats(value: str) -> tuple[Format, ...]:
    """``--formats docx,pdf`` as a tuple; an unknown name is a usage error (exit 2)."""
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise typer.BadParameter(
            f"unknown format {', '.join(bad) or '(none)'}: use docx, pdf, html, comma separated"
        )
    return chosen  # type: ignore[return-value]
