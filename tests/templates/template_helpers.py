"""Reading built reports back for the template tests: PDF text, structure tree, colours
and fonts; DOCX headings, tables (with their caption and cell shading), alt text."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from docfiles import WP, BuiltReport, W, docx_body, flat, pdf_text, struct_nodes, style_of, text_of
from system_tools import need
from typer.testing import CliRunner

from reportgen import api
from reportgen.cli import app
from reportgen.indicators.result import IndicatorResult

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Built(BuiltReport):
    """One report built to DOCX and PDF, with what the tests read from the files."""

    text: str  # PDF text, whitespace collapsed
    body: ET.Element  # word/document.xml


def scaffold(tmp: Path, template: str, name: str) -> Path:
    """``reportgen new`` in a scratch project that reads the bundled data; the new spec."""
    (tmp / "data").symlink_to(ROOT / "data")
    result = CliRunner().invoke(
        app,
        [
            "new",
            template,
            name,
            "--reports",
            str(tmp / "reports"),
            "--narratives",
            str(tmp / "narratives"),
        ],
    )
    assert result.exit_code == 0, result.output
    return tmp / "reports" / f"{name}.yaml"


def build(spec: Path, out: Path) -> Built:
    return read(api.build_report(spec, out, ("docx", "pdf")))


def read(result: api.BuildResult) -> Built:
    """A built report with its PDF text and DOCX body read back."""
    return Built(result, flat(pdf_text(result.outputs["pdf"])), docx_body(result.outputs["docx"]))


def label(r: IndicatorResult) -> str:
    """How a table row names an indicator: its short title where it has one."""
    return r.short_title or r.title


# ------------------------------------------------------------------ PDF


def _children(node: pikepdf.Dictionary, role: str) -> list[pikepdf.Dictionary]:
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and k.get("/S") == role]


def pdf_cell_figure_alts(path: Path) -> list[str]:
    """Alt text of the figures tagged inside table data cells (sparklines)."""
    with pikepdf.open(path) as pdf:
        return [
            str(f.get("/Alt", ""))
            for n in struct_nodes(pdf)
            if n.get("/S") == pikepdf.Name.TD
            for f in _children(n, "/Figure")
        ]


def pdf_table_header_counts(path: Path) -> list[int]:
    """For each tagged table, how many /TH cells its /THead row has (0: no header row)."""
    counts = []
    with pikepdf.open(path) as pdf:
        for node in struct_nodes(pdf):
            if node.get("/S") != pikepdf.Name.Table:
                continue
            heads = _children(node, "/THead")
            rows = _children(heads[0], "/TR") if heads else []
            counts.append(len(_children(rows[0], "/TH")) if rows else 0)
    return counts


def pdf_fill_colours(path: Path) -> set[tuple[int, int, int]]:
    """Every RGB fill colour (0-255) the pages paint with: ``rg`` (WeasyPrint), or ``sc``
    / ``scn`` with three components in an RGB colour space (Typst's sRGB ICC space)."""
    found: set[tuple[int, int, int]] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for instruction in pikepdf.parse_content_stream(page):
                if (
                    str(instruction.operator) in ("rg", "sc", "scn")
                    and len(instruction.operands) == 3
                ):
                    r, g, b = (round(float(v) * 255) for v in instruction.operands)
                    found.add((r, g, b))
    return found


def rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def pdf_font_names(path: Path) -> set[str]:
    names: set[str] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                names.add(str(font.get("/BaseFont", "")))
    return names


def pdf_pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


# ------------------------------------------------------------------ DOCX


@dataclass(frozen=True)
class DocxTable:
    caption: str
    rows: list[list[str]]
    fills: list[list[str | None]]  # cell shading, hex without '#', or None
    alts: list[list[list[str]]]  # alt text of the pictures in each cell

    @property
    def header(self) -> list[str]:
        return self.rows[0]

    def row(self, first: str) -> list[str]:
        """The body row whose first cell is ``first``."""
        return next(r for r in self.rows[1:] if r[0] == first)

    def row_index(self, first: str) -> int:
        return next(i for i, r in enumerate(self.rows) if i and r[0] == first)


def docx_tables(body: ET.Element) -> list[DocxTable]:
    """Top-level tables in document order with the Table Caption paragraph before each."""
    tables: list[DocxTable] = []
    caption = ""
    container = body.find(f"{W}body")
    assert container is not None
    for child in container:
        if child.tag == f"{W}p":
            caption = text_of(child) if style_of(child) == "TableCaption" else ""
        elif child.tag == f"{W}tbl":
            rows, fills, alts = [], [], []
            for tr in child.findall(f"{W}tr"):
                cells = tr.findall(f"{W}tc")
                rows.append([text_of(tc) for tc in cells])
                fills.append([_fill(tc) for tc in cells])
                alts.append([[d.get("descr", "") for d in tc.iter(f"{WP}docPr")] for tc in cells])
            tables.append(DocxTable(caption, rows, fills, alts))
            caption = ""
    return tables


def _fill(cell: ET.Element) -> str | None:
    shading = cell.find(f"{W}tcPr/{W}shd")
    return shading.get(f"{W}fill") if shading is not None else None


def docx_alts(body: ET.Element) -> list[str]:
    return [d.get("descr", "") for d in body.iter(f"{WP}docPr")]


def docx_pages_via_libreoffice(path: Path, out: Path) -> int:
    """Pages of the DOCX as LibreOffice lays it out (how a reader's Word would)."""
    subprocess.run(
        [
            need("soffice"),
            f"-env:UserInstallation={(out / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return pdf_pages(out / (path.stem + ".pdf"))
