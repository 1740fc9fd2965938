"""Helpers for end-to-end tests: build a spec, read back its PDF text and DOCX XML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docfiles import BuiltReport, docx_parts, pdf_text

from reportgen import api

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "reports" / "corporate-parenting.yaml"


@dataclass(frozen=True)
class Built(BuiltReport):
    pdf_text: str  # pdftotext -layout
    docx_xml: dict[str, str]  # part name -> XML


def read(result: api.BuildResult) -> Built:
    """A built report with its PDF text and DOCX parts read back."""
    return Built(
        result, pdf_text(result.outputs["pdf"], layout=True), docx_parts(result.outputs["docx"])
    )
