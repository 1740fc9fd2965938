"""Benchmark: a synthetic ~1,000-page agenda pack in one layout pass.

Real cabinet packs pass 1,000 pages. This builds 100 committee-report-shaped model
Documents of about 10 pages each (numbered paragraphs, a 30-row rated table, an SVG
chart), one exempt, one external PDF, and lays out the public and full packs through the
real pack assembly (``reportgen.pack.assemble``) without the indicator engine, so the
time measured is layout and writing. Prints wall time, pages and peak RSS.

    /work/venv/bin/python benchmarks/pack_scale.py [--reports 100] [--variant public]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time
from pathlib import Path

from reportgen import model as m
from reportgen.compose.spec import Exemption
from reportgen.pack.agenda import AgendaView
from reportgen.pack.assemble import assemble
from reportgen.pack.items import PackItem
from reportgen.pack.spec import MeetingSpec
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
CREATED = dt.datetime(2017, 3, 1, tzinfo=dt.UTC)
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="160mm" height="60mm" '
       b'viewBox="0 0 160 60">' + b"".join(
           b'<rect x="%d" y="%d" width="8" height="%d" fill="#1F3A60"/>' % (10 + 12 * i,
                                                                            55 - 4 * i, 4 * i)
           for i in range(1, 12)) + b"</svg>")
TEXT = ("The council continues to monitor the timeliness of statutory visits, the "
        "stability of placements and the proportion of children with an up-to-date plan. ")


def _table(n: int) -> m.Table:
    header = (m.cell("Indicator"), m.cell("Target", "right"), m.cell("Actual", "right"),
              m.cell("Rating"))
    ratings = ("Red", "Amber", "Green")
    rows = tuple((m.cell(f"Indicator {n}.{r}"), m.cell("95.0%", "right"),
                  m.cell(f"{80 + r % 20:.1f}%", "right"),
                  m.cell(ratings[r % 3], rating=ratings[r % 3].lower())) for r in range(30))
    return m.Table(header, rows, caption=f"Table {n}: scorecard", row_headers=True)


def _section(n: int, s: int) -> m.Section:
    paras = tuple(m.Paragraph(m.inlines(TEXT * 5), number=f"{s}.{p}") for p in range(1, 7))
    extra: tuple[m.Block, ...] = ()
    if s == 2:
        extra = (_table(n),)
    if s == 3:
        extra = (m.Figure(m.Image(png=b"", width_mm=150, height_mm=55, svg=SVG),
                          alt="Bar chart rising steadily", caption=f"Figure {n}"),)
    return m.Section(f"Section {s} of report {n}", (*paras, *extra), number=str(s))


def report(n: int) -> m.Document:
    """About 10 A4 pages: a cover page and 6 sections."""
    meta = m.Metadata(title=f"Report {n}: service performance", created=CREATED)
    cover = (m.Section(meta.title, (m.Paragraph(m.inlines(TEXT), numbered=False),),
                       anchor="cover"), m.PageBreak())
    return m.Document(meta=meta, body=tuple(_section(n, s) for s in range(1, 7)), cover=cover)


def items(count: int) -> list[PackItem]:
    minutes = (ROOT / "meetings" / "files" / "minutes-2017-01-10.pdf").read_bytes()
    found = [PackItem(1, "text", "Apologies", "Apologies", ("To receive apologies.",)),
             PackItem(2, "file", "Minutes", "Minutes", pdf=minutes, pages=3)]
    for n in range(count):
        exempt = Exemption(paragraph=3) if n == count // 2 else None
        title = f"Report {n + 1}: service performance"
        found.append(PackItem(n + 3, "report", title, "Exempt item" if exempt else title,
                              exempt=exempt, doc=report(n + 1)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--variant", choices=("public", "full"), default="full")
    parser.add_argument("--out", type=Path, default=None, help="write the PDF here")
    args = parser.parse_args()
    spec = MeetingSpec(committee="Cabinet", date=dt.date(2017, 3, 14), items=[
        {"title": "placeholder", "text": "x"}])
    theme = load_theme(ROOT / "templates" / "committee-report")
    start = time.perf_counter()
    built = items(args.reports)
    pack = assemble(spec, built, AgendaView(public=args.variant == "public"), theme, CREATED)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.out:
        args.out.write_bytes(pack.pdf)
    print(f"pack_scale: {args.reports} reports, {args.variant} pack, {pack.page_count} pages, "
          f"{len(pack.pdf) / 1e6:.1f} MB, {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
