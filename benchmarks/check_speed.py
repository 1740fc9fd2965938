"""Benchmark: the cost of tag repair (render/pdf/tagging) and of ``reportgen check`` on a
long report.

Builds a committee-report-shaped model Document of about N pages (numbered paragraphs, a
rated table, an SVG figure with its data, a contents list), lays it out once, then
times ``fix_tags`` (which runs on every PDF written) and ``check_pdf`` (reportgen's own
checks, then pdfua). Budget: tag repair a few milliseconds a page, against WeasyPrint's
50-100 ms a page for the layout itself.

    .venv/bin/python benchmarks/check_speed.py [--sections 60]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pikepdf

from reportgen import model as m
from reportgen.check.pdf import check_pdf
from reportgen.render.pdf import PDF_OPTIONS, layout_pdf
from reportgen.render.pdf.tagging import fix_tags, link_labels
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="160mm" height="60mm" '
    b'viewBox="0 0 160 60"><rect x="10" y="20" width="30" height="35" fill="#0072B2"/>'
    b"</svg>"
)
TEXT = (
    "The council continues to monitor the timeliness of statutory visits, the "
    "stability of placements and the proportion of children with an up-to-date plan. "
)


def _section(n: int) -> m.Section:
    rows = tuple(
        (m.cell(f"Indicator {i}"), m.cell("95.0%", "right"), m.cell("Red", rating="red"))
        for i in range(12)
    )
    table = m.Table(
        (m.cell("Indicator"), m.cell("Actual", "right"), m.cell("Rating")),
        rows,
        caption=f"Table {n}",
        row_headers=True,
    )
    figure = m.Figure(
        m.Image(png=b"", width_mm=120, height_mm=45, svg=SVG),
        alt=f"Chart {n}",
        caption=f"Figure {n}",
        data_table=m.Table((m.cell("Month"), m.cell("Value")), ((m.cell("Jan"), m.cell("1")),)),
    )
    paras = tuple(m.Paragraph(m.inlines(TEXT * 4), number=f"{n}.{i}") for i in range(1, 5))
    return m.Section(f"Section {n}", (*paras, table, figure), number=str(n))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, default=60)
    args = parser.parse_args()
    doc = m.Document(
        meta=m.Metadata(title="Benchmark report", created=datetime(2017, 3, 1, tzinfo=UTC)),
        body=(m.TableOfContents(depth=1), *(_section(n) for n in range(1, args.sections + 1))),
    )
    theme = load_theme(ROOT / "templates" / "committee-report")

    started = time.perf_counter()
    rendered = layout_pdf(doc, theme)
    raw = rendered.write_pdf(**PDF_OPTIONS)
    weasy = time.perf_counter() - started
    pages = len(pikepdf.open(io.BytesIO(raw)).pages)

    started = time.perf_counter()
    fixed = fix_tags(raw, link_labels(rendered))
    tagging = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.pdf"
        path.write_bytes(fixed)
        started = time.perf_counter()
        own = check_pdf(path, independent=False)
        checking = time.perf_counter() - started
        started = time.perf_counter()
        check_pdf(path, independent=True)
        with_pdfua = time.perf_counter() - started

    print(f"{pages} pages")
    print(f"WeasyPrint layout + write: {weasy:.2f} s ({weasy / pages * 1000:.0f} ms a page)")
    print(f"tag repair (fix_tags):     {tagging:.2f} s ({tagging / pages * 1000:.1f} ms a page)")
    print(
        f"reportgen checks:          {checking:.2f} s ({checking / pages * 1000:.1f} ms a page),"
        f" {sum(f.severity == 'error' for f in own)} error(s)"
    )
    print(f"checks + pdfua:            {with_pdfua:.2f} s")


if __name__ == "__main__":
    main()
