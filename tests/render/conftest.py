"""A small hand-built committee report that exercises every node type.

Renderer tests assert on real output (parsed HTML, PDF text and structure, DOCX XML)
of this one document, rendered once per session because WeasyPrint is slow.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.render.theme import Theme, load_theme

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="160mm" height="60mm" '
       b'viewBox="0 0 160 60"><rect x="10" y="20" width="30" height="35" fill="#1F3A60"/>'
       b'<rect x="60" y="10" width="30" height="45" fill="#1F3A60"/></svg>')


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    """A valid solid-colour PNG without needing Pillow or matplotlib."""
    raw = b"".join(b"\x00" + bytes((31, 58, 96)) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def para(number: str, text: str, style: str | None = None) -> m.Paragraph:
    return m.Paragraph(m.inlines(text), number=number, style=style)


def scorecard() -> m.Table:
    header = (m.cell("Indicator"), m.cell("Target", "right"), m.cell("Jan 2017", "right"),
              m.cell("Rating"))
    rows = (
        (m.cell("Children in care with a plan"), m.cell("95.0%", "right"),
         m.cell("79.4%", "right"), m.cell("Red", rating="red")),
        (m.cell("Reviews held on time"), m.cell("95.0%", "right"),
         m.cell("98.2%", "right"), m.cell("Green", rating="green")),
        (m.cell("Visits within national standard"), m.cell("90.0%", "right"),
         m.cell("78.7%", "right"), m.cell("Amber", rating="amber")),
    )
    return m.Table(header, rows, caption="Table 1: Key indicators, January 2017",
                   row_headers=True, widths=(46, 16, 16, 22), style="scorecard")


def figure() -> m.Figure:
    data = m.Table((m.cell("Month"), m.cell("Per cent with a plan", "right")),
                   ((m.cell("December"), m.cell("55.6%", "right")),
                    (m.cell("January"), m.cell("79.4%", "right"))))
    return m.Figure(m.Image(png=tiny_png(), width_mm=120, height_mm=45, svg=SVG),
                    alt="Bar chart: children with a plan rose from 55.6% in December "
                        "to 79.4% in January.",
                    caption="Figure 1: Children in care with a plan", data_table=data)


def cover() -> tuple[m.Block, ...]:
    sheet = m.DefinitionList((
        ("Title", (m.Paragraph(m.inlines("Corporate Parenting Performance Report")),)),
        ("Report Author(s)", (m.Paragraph(m.inlines("Deborah Johnson")),
                              m.Paragraph(m.inlines("Ian Walker")))),
        ("Recommendations", (para("2.1", "The Panel is asked to receive the report."),)),
        ("Exempt from the Press and Public", (m.Paragraph(m.inlines("No")),)),
    ), caption="Report summary sheet", style="cover")
    lead = m.Paragraph(m.inlines("Corporate Parenting Panel – 14 March 2017"),
                       style="cover-meta", numbered=False)
    return (m.Section("Corporate Parenting Performance Report", (lead, sheet), anchor="cover"),
            m.PageBreak())


def key_issues() -> m.Section:
    plans = m.Section("Plans", (
        para("3.4.1", "Due to technical reasons plans data could not be migrated. " * 4),
        m.Section("Placement stability", (
            para("3.4.1.1", "Placement moves are sometimes in the child's best interests."),
        ), number="3.4.1"),
    ), number="3.4")
    return m.Section("Key Issues", (
        para("3.1", "This is the first performance report since the new system went live."),
        m.BulletList((
            m.ListItem(m.inlines("Data quality"), children=(
                m.ListItem(m.inlines("Migration gaps")),)),
            m.ListItem((m.Text("Recording", bold=True), m.Text(" practice"))),
        )),
        scorecard(),
        figure(),
        m.Callout("key", "Rating key", (m.Paragraph(m.inlines(
            "Red: off target. Amber: within tolerance. Green: on target.")),)),
        plans,
    ), number="3", anchor="key-issues")


def sample_document(draft: bool = False) -> m.Document:
    """Every node type: sections 3 deep, numbered paragraphs, nested list, rated table,
    definition list, figure with PNG + SVG + data table, callout, page break, TOC."""
    meta = m.Metadata(
        title="Corporate Parenting Performance Report – January 2017",
        author="Deborah Johnson", subject="Corporate parenting performance",
        keywords=("looked after children", "performance"), draft=draft,
        running_header="Corporate Parenting Performance – January 2017",
        footer_text="Corporate Parenting Panel, 14 March 2017",
        created=datetime(2017, 3, 1, 9, 0, tzinfo=UTC))
    body: tuple[m.Block, ...] = (
        m.TableOfContents(depth=2),
        m.Section("Recommendations", (
            para("1.1", "The Panel is asked to receive the report.", "recommendation"),
        ), number="1"),
        m.Section("Background", (
            para("2.1", "This report provides evidence of the council's commitment. " * 6),
            para("2.2", "Targets, including 'RAG' tolerances, are included."),
        ), number="2"),
        key_issues(),
        m.Section("Accountable Officer(s)", (
            m.Paragraph(m.inlines("Ian Thomas, Strategic Director"), style="signature",
                        numbered=False),
        ), page_break_before=True),
    )
    return m.Document(meta=meta, body=body, cover=cover())


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme(TEMPLATES / "_base")


@pytest.fixture(scope="session")
def doc() -> m.Document:
    return sample_document()


@pytest.fixture(scope="session")
def draft_doc() -> m.Document:
    return replace(sample_document(), meta=replace(sample_document().meta, draft=True))


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
