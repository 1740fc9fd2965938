"""Reading built documents back for tests: PDF text (pdftotext), the PDF structure tree
(pikepdf), DOCX parts and Word headings/tables (the XML itself).

One module for every test folder, on ``sys.path`` through pytest's ``pythonpath``
setting and uniquely named: pytest imports every folder's ``conftest`` under the same
module name, so importing helpers from a conftest picks up whichever loaded last.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from system_tools import need

from reportgen import api

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def flat(text: str) -> str:
    """Whitespace runs as one space: PDF line breaks and layout padding fall where the
    page width puts them, so phrases are matched on flattened text."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class BuiltReport:
    """A report built by ``api.build_report``; each test folder's subclass adds what its
    tests read from the files."""

    result: api.BuildResult

    @property
    def pdf(self) -> Path:
        return self.result.outputs["pdf"]

    @property
    def docx(self) -> Path:
        return self.result.outputs["docx"]


# ------------------------------------------------------------------ PDF


def pdf_text(path: Path, layout: bool = False) -> str:
    """The PDF's text through pdftotext, which reads fonts' ToUnicode maps (real words).
    ``layout`` keeps columns side by side, as a reader sees them; pages end in a form feed."""
    args = [need("pdftotext"), *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def pdf_page_texts(path: Path) -> list[str]:
    """The layout text of every page, in order."""
    return pdf_text(path, layout=True).split("\f")[:-1]


def struct_nodes(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every element of the PDF's tag tree, depth first in document order."""

    def walk(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid
                yield from walk(kid)

    yield from walk(pdf.Root.StructTreeRoot)


def pdf_figure_alts(path: Path) -> list[str]:
    """The /Alt text of every tagged figure, in document order ('' where missing)."""
    with pikepdf.open(path) as pdf:
        return [
            str(n.get("/Alt", "")) for n in struct_nodes(pdf) if n.get("/S") == pikepdf.Name.Figure
        ]


# ------------------------------------------------------------------ DOCX


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def docx_parts(path: Path, prefix: str = "") -> dict[str, str]:
    """Part name -> XML of every XML part whose name starts with ``prefix``."""
    with zipfile.ZipFile(path) as z:
        return {
            n: z.read(n).decode("utf-8")
            for n in z.namelist()
            if n.startswith(prefix) and n.endswith(".xml")
        }


def docx_body(path: Path) -> ET.Element:
    """word/document.xml, parsed."""
    return ET.fromstring(docx_part(path, "word/document.xml"))


def text_of(element: ET.Element) -> str:
    """The Word text runs inside an element, whitespace flattened."""
    return flat("".join(t.text or "" for t in element.iter(f"{W}t")))


def style_of(paragraph: ET.Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


def docx_headings(body: ET.Element) -> list[tuple[int, str]]:
    """(level, text) of every Heading N paragraph; tabs between number and title
    become a space."""
    found = []
    for p in body.iter(f"{W}p"):
        match = re.fullmatch(r"Heading(\d)", style_of(p))
        if match:
            text = "".join(
                (t.text or "") if t.tag == f"{W}t" else " "
                for t in p.iter()
                if t.tag in (f"{W}t", f"{W}tab")
            )
            found.append((int(match.group(1)), flat(text)))
    return found


def docx_table_rows(body: ET.Element) -> list[list[list[str]]]:
    """Every table (nested ones too) as rows of cell texts, in document order."""
    return [
        [[text_of(tc) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
        for tbl in body.iter(f"{W}tbl")
    ]


def table_starting(body: ET.Element, first: str) -> list[list[str]]:
    """The first table whose header row starts with ``first``."""
    for rows in docx_table_rows(body):
        if rows and rows[0] and rows[0][0] == first:
            return rows
    raise AssertionError(f"no table with header {first!r}")
