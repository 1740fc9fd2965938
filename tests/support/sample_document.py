"""A small hand-built committee report that exercises every node type of the document
model, and a PNG maker, for tests that render or check documents without the indicator
engine.

Uniquely named and on ``sys.path`` through pytest's ``pythonpath`` setting: pytest
imports every folder's ``conftest`` under the same module name, so the document cannot
be borrowed from one conftest by another.
"""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime

from reportgen import model as m

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="160mm" height="60mm" '
    b'viewBox="0 0 160 60"><rect x="10" y="20" width="30" height="35" fill="#0072B2"/>'
    b'<rect x="60" y="10" width="30" height="45" fill="#0072B2"/></svg>'
)


def tiny_png(rgb: tuple[int, int, int] = (0, 114, 178), width: int = 8, height: int = 4) -> bytes:
    """A valid solid-colour PNG without an imaging library; the colour makes each one
    unique where a test needs to find its own picture."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _para(number: str, text: str, style: str | None = None) -> m.Paragraph:
    return m.Paragraph(m.inlines(text), number=number, style=style)


def _scorecard() -> m.Table:
    """Rated cells of every kind, each saying its rating in words."""
    header = (
        m.cell("Indicator"),
        m.cell("Target", "right"),
        m.cell("Jan 2017", "right"),
        m.cell("Rating"),
    )
    rows = (
        (
            m.cell("Children in care with a plan"),
            m.cell("95.0%", "right"),
            m.cell("79.4%", "right"),
            m.cell("Red", rating="red"),
        ),
        (
            m.cell("Reviews held on time"),
            m.cell("95.0%", "right"),
            m.cell("98.2%", "right"),
            m.cell("Green", rating="green"),
        ),
        (
            m.cell("Visits within national standard"),
            m.cell("90.0%", "right"),
            m.cell("78.7%", "right"),
            m.cell("Amber", rating="amber"),
        ),
    )
    return m.Table(
        header,
        rows,
        caption="Table 1: Key indicators, January 2017",
        row_headers=True,
        widths=(46, 16, 16, 22),
        style="scorecard",
    )


def _figure() -> m.Figure:
    data = m.Table(
        (m.cell("Month"), m.cell("Per cent with a plan", "right")),
        (
            (m.cell("December"), m.cell("55.6%", "right")),
            (m.cell("January"), m.cell("79.4%", "right")),
        ),
    )
    return m.Figure(
        m.Image(png=tiny_png(), width_mm=120, height_mm=45, svg=SVG),
        alt="Bar chart: children with a plan rose from 55.6% in December to 79.4% in January.",
        caption="Figure 1: Children in care with a plan",
        data_table=data,
    )


def _cover() -> tuple[m.Block, ...]:
    sheet = m.DefinitionList(
        (
            ("Title", (m.Paragraph(m.inlines("Corporate Parenting Performance Report")),)),
            (
                "Report Author(s)",
                (m.Paragraph(m.inlines("Deborah Johnson")), m.Paragraph(m.inlines("Ian Walker"))),
            ),
            ("Recommendations", (_para("2.1", "The Panel is asked to receive the report."),)),
            ("Exempt from the Press and Public", (m.Paragraph(m.inlines("No")),)),
        ),
        caption="Report summary sheet",
        style="cover",
    )
    lead = m.Paragraph(
        m.inlines("Corporate Parenting Panel – 14 March 2017"), style="cover-meta", numbered=False
    )
    return (
        m.Section("Corporate Parenting Performance Report", (lead, sheet), anchor="cover"),
        m.PageBreak(),
    )


def _key_issues() -> m.Section:
    plans = m.Section(
        "Plans",
        (
            _para("3.4.1", "Due to technical reasons plans data could not be migrated. " * 4),
            m.Section(
                "Placement stability",
                (_para("3.4.1.1", "Placement moves are sometimes in the child's best interests."),),
                number="3.4.1",
            ),
        ),
        number="3.4",
    )
    return m.Section(
        "Key Issues",
        (
            _para("3.1", "This is the first performance report since the new system went live."),
            m.BulletList(
                (
                    m.ListItem(
                        m.inlines("Data quality"),
                        children=(m.ListItem(m.inlines("Migration gaps")),),
                    ),
                    m.ListItem((m.Text("Recording", bold=True), m.Text(" practice"))),
                )
            ),
            _scorecard(),
            _figure(),
            m.Callout(
                "key",
                "Rating key",
                (
                    m.Paragraph(
                        m.inlines("Red: off target. Amber: within tolerance. Green: on target.")
                    ),
                ),
            ),
            plans,
        ),
        number="3",
        anchor="key-issues",
    )


def sample_document(draft: bool = False) -> m.Document:
    """Cover sheet (definition list), contents, sections three deep, numbered paragraphs,
    a link, a nested list, a rated table with row headers, a figure with PNG, SVG and its
    data, a call-out, page breaks."""
    meta = m.Metadata(
        title="Corporate Parenting Performance Report – January 2017",
        author="Deborah Johnson",
        subject="Corporate parenting performance",
        keywords=("looked after children", "performance"),
        draft=draft,
        running_header="Corporate Parenting Performance – January 2017",
        footer_text="Corporate Parenting Panel, 14 March 2017",
        created=datetime(2017, 3, 1, 9, 0, tzinfo=UTC),
    )
    body: tuple[m.Block, ...] = (
        m.TableOfContents(depth=2),
        m.Section(
            "Recommendations",
            (_para("1.1", "The Panel is asked to receive the report.", "recommendation"),),
            number="1",
        ),
        m.Section(
            "Background",
            (
                _para("2.1", "This report provides evidence of the council's commitment. " * 6),
                m.Paragraph(
                    (
                        m.Text("Targets follow the "),
                        m.Text(
                            "statutory guidance",
                            link="https://www.gov.uk/government/publications/"
                            "children-act-1989-care-planning-placement-and-case-review",
                        ),
                        m.Text("."),
                    ),
                    number="2.2",
                ),
            ),
            number="2",
        ),
        _key_issues(),
        m.Section(
            "Accountable Officer(s)",
            (
                m.Paragraph(
                    m.inlines("Ian Thomas, Strategic Director"), style="signature", numbered=False
                ),
            ),
            page_break_before=True,
        ),
    )
    return m.Document(meta=meta, body=body, cover=_cover())
