"""Helpers for end-to-end tests: build a spec, read back its PDF text and DOCX XML."""

from __future__ import annotations

import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportgen import api

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "reports" / "corporate-parenting.yaml"


@dataclass(frozen=True)
class Built:
    result: api.BuildResult
    pdf_text: str
    docx_xml: dict[str, str]

    @property
    def pdf(self) -> Path:
        return self.result.outputs["pdf"]

    @property
    def docx(self) -> Path:
        return self.result.outputs["docx"]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out


def docx_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def build(spec: Path, out: Path, overrides: api.Overrides | None = None) -> Built:
    result = api.build_report(spec, out, ("docx", "pdf"), overrides or api.Overrides())
    return Built(result, pdf_text(result.outputs["pdf"]), docx_parts(result.outputs["docx"]))
