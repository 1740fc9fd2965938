"""Benchmark: agenda packs of ~200 and ~1,000 pages in one layout pass.

Real cabinet packs pass 1,000 pages. This builds committee-report-shaped model
Documents of about 10 pages each (numbered paragraphs, a 30-row rated table, an SVG
chart), one of them exempt, plus the 3-page minutes PDF, and lays the pack out through
the real pack assembly (``reportgen.pack.assemble``: one WeasyPrint layout, the tagged
PDF write, external pages drawn in, the outline, the Word agenda). Composition and the
indicator engine are left out, so what is measured is what grows with the pack.

Targets for a 1,000-page pack on the 2-core CI machine: under 60 s and under 2 GB
peak RSS per pack. ``reportgen pack`` builds the public and the full pack one after
the other, so the command takes about twice the per-pack time (``--variants
public,full`` measures that).

    .venv/bin/python benchmarks/pack_scale.py                 # both sizes, table
    .venv/bin/python benchmarks/pack_scale.py --reports 100 --json
    .venv/bin/python benchmarks/pack_scale.py --reports 20 --out /tmp/pack.pdf

``measure(reports, variants)`` runs one size in a fresh process (so peak RSS is that
build's own) and returns its figures; ``benchmarks/run.py`` may import it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CREATED = dt.datetime(2017, 3, 1, tzinfo=dt.UTC)
SIZES = (20, 100)  # reports: about 200 and 1,000 pages
TARGET_SECONDS, TARGET_MB = 60.0, 2048.0
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="160mm" height="60mm" '
    b'viewBox="0 0 160 60">'
    + b"".join(
        b'<rect x="%d" y="%d" width="8" height="%d" fill="#1F3A60"/>'
        % (10 + 12 * i, 55 - 4 * i, 4 * i)
        for i in range(1, 12)
    )
    + b"</svg>"
)
TEXT = (
    "The council continues to monitor the timeliness of statutory visits, the "
    "stability of placements and the proportion of children with an up-to-date plan. "
)


@dataclass(frozen=True)
class PackTiming:
    """One benchmark run: the pack(s) built and what they cost."""

    reports: int
    variants: tuple[str, ...]
    pages: int  # of the last pack built (the full pack if both)
    megabytes: float
    seconds: float  # wall clock, all variants
    cpu_seconds: float
    layout_seconds: float  # WeasyPrint layout, all variants
    write_seconds: float  # PDF writing incl. tag fixes
    peak_rss_mb: float

    def line(self) -> str:
        ok = self.seconds / len(self.variants) < TARGET_SECONDS and self.peak_rss_mb < TARGET_MB
        return (
            f"pack_scale: {self.reports} reports, {'+'.join(self.variants)}, "
            f"{self.pages} pages, {self.megabytes:.1f} MB: {self.seconds:.1f} s wall "
            f"({self.cpu_seconds:.1f} s CPU; layout {self.layout_seconds:.1f} s, "
            f"write {self.write_seconds:.1f} s), peak RSS {self.peak_rss_mb:.0f} MB"
            f"{'' if ok else '  ** over target **'}"
        )


def _table(n: int) -> Any:
    from reportgen import model as m

    header = (
        m.cell("Indicator"),
        m.cell("Target", "right"),
        m.cell("Actual", "right"),
        m.cell("Rating"),
    )
    ratings = ("Red", "Amber", "Green")
    rows = tuple(
        (
            m.cell(f"Indicator {n}.{r}"),
            m.cell("95.0%", "right"),
            m.cell(f"{80 + r % 20:.1f}%", "right"),
            m.cell(ratings[r % 3], rating=ratings[r % 3].lower()),
        )
        for r in range(30)
    )
    return m.Table(header, rows, caption=f"Table {n}: scorecard", row_headers=True)


def _section(n: int, s: int) -> Any:
    from reportgen import model as m

    paras = tuple(m.Paragraph(m.inlines(TEXT * 5), number=f"{s}.{p}") for p in range(1, 7))
    extra: tuple[m.Block, ...] = ()
    if s == 2:
        extra = (_table(n),)
    if s == 3:
        extra = (
            m.Figure(
                m.Image(png=b"", width_mm=150, height_mm=55, svg=SVG),
                alt="Bar chart rising steadily",
                caption=f"Figure {n}",
            ),
        )
    return m.Section(f"Section {s} of report {n}", (*paras, *extra), number=str(s))


def report(n: int) -> Any:
    """About 10 A4 pages: a cover page and 6 sections."""
    from reportgen import model as m

    meta = m.Metadata(title=f"Report {n}: service performance", created=CREATED)
    cover = (
        m.Section(meta.title, (m.Paragraph(m.inlines(TEXT), numbered=False),), anchor="cover"),
        m.PageBreak(),
    )
    return m.Document(meta=meta, body=tuple(_section(n, s) for s in range(1, 7)), cover=cover)


def items(count: int) -> list[Any]:
    from reportgen.compose.spec import Exemption
    from reportgen.pack.items import PackItem

    minutes = (ROOT / "meetings" / "files" / "minutes-2017-01-10.pdf").read_bytes()
    found = [
        PackItem(1, "text", "Apologies", "Apologies", ("To receive apologies.",)),
        PackItem(2, "file", "Minutes", "Minutes", pdf=minutes, pages=3),
    ]
    for n in range(count):
        exempt = Exemption(paragraph=3) if n == count // 2 else None
        title = f"Report {n + 1}: service performance"
        found.append(
            PackItem(
                n + 3,
                "report",
                title,
                "Exempt item" if exempt else title,
                exempt=exempt,
                doc=report(n + 1),
            )
        )
    return found


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(reports: int, variants: tuple[str, ...], out: Path | None = None) -> PackTiming:
    """Build the pack(s) in this process and time them."""
    from reportgen.pack.agenda import AgendaView
    from reportgen.pack.assemble import assemble
    from reportgen.pack.spec import MeetingSpec
    from reportgen.render.pdf import parts
    from reportgen.render.theme import load_theme

    phases = {"layout": 0.0, "write": 0.0}

    def timed(name: str, fn: Any) -> Any:
        def inner(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                phases[name] += time.perf_counter() - start

        return inner

    parts.layout_parts = timed("layout", parts.layout_parts)
    parts.write_parts = timed("write", parts.write_parts)
    spec = MeetingSpec.model_validate(
        {
            "committee": "Cabinet",
            "date": dt.date(2017, 3, 14),
            "items": [{"title": "placeholder", "text": "x"}],
        }
    )
    theme = load_theme(ROOT / "templates" / "committee-report")
    wall, cpu = time.perf_counter(), _cpu()
    built = items(reports)
    pack = None
    for variant in variants:
        pack = assemble(spec, built, AgendaView(public=variant == "public"), theme, CREATED)
    assert pack is not None
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    if out:
        out.write_bytes(pack.pdf)
    return PackTiming(
        reports,
        variants,
        pack.page_count,
        len(pack.pdf) / 1e6,
        wall,
        cpu,
        phases["layout"],
        phases["write"],
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def measure(reports: int, variants: tuple[str, ...] = ("full",)) -> PackTiming:
    """``run`` in a fresh interpreter, so peak RSS belongs to this build alone."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--reports",
        str(reports),
        "--variants",
        ",".join(variants),
        "--json",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    data = json.loads(output.strip().splitlines()[-1])
    return PackTiming(**{**data, "variants": tuple(data["variants"])})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reports",
        type=int,
        default=None,
        help="reports of ~10 pages each (default: 20 and 100, each in its own process)",
    )
    parser.add_argument(
        "--variants",
        default="full",
        help="public, full or public,full (what `reportgen pack` builds)",
    )
    parser.add_argument("--out", type=Path, default=None, help="write the (last) PDF here")
    parser.add_argument("--json", action="store_true", help="one JSON line per run")
    args = parser.parse_args()
    variants = tuple(v.strip() for v in args.variants.split(",") if v.strip())
    if args.reports is None:
        for size in SIZES:
            timing = measure(size, variants)
            print(json.dumps(asdict(timing)) if args.json else timing.line(), flush=True)
        return
    timing = run(args.reports, variants, args.out)
    print(json.dumps(asdict(timing)) if args.json else timing.line())


if __name__ == "__main__":
    main()
