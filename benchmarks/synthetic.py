"""A synthetic report shaped like the example: about 10 pages, 6 real charts, a 20-row table.

Why it exists: the renderers can be timed and profiled without the data and indicator
engine, so a slowdown in layout or writing shows up on its own, and the figures stay
comparable with the issue's own measurement (10 pages, 6 charts, 20-row table). Charts
are drawn by ``reportgen.charts`` from plain series, exactly as composition would.

    .venv/bin/python benchmarks/synthetic.py   # prints one timing line per stage
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from reportgen import model as m

ROOT = Path(__file__).resolve().parents[1]
CREATED = dt.datetime(2017, 3, 1, tzinfo=dt.UTC)
PERIODS = [f"{2015 + (m_ + 3) // 12}-{(m_ + 3) % 12 + 1:02d}" for m_ in range(22)]
TEXT = (
    "The council continues to monitor the timeliness of statutory visits, the "
    "stability of placements and the proportion of children with an up-to-date plan. "
)
RATINGS = ("Red", "Amber", "Green")


def series(seed: int, n: int = len(PERIODS)) -> list[float | None]:
    """A deterministic wobbly rising series (no randomness: same bytes every run)."""
    return [round(60 + seed * 3 + i * 0.9 + ((i * 7 + seed) % 5) * 1.3, 1) for i in range(n)]


def trend(seed: int, salt: str = "") -> m.Figure:
    from reportgen.charts import trend_chart

    values = series(seed)
    return trend_chart(
        title=f"Indicator {seed}{salt} has risen over the year",
        periods=PERIODS,
        values=values,
        unit="percent",
        label=f"Indicator {seed}",
        target=[80.0] * len(PERIODS),
        counts=[400.0 + 3 * i for i in range(len(PERIODS))],
        count_label="Children in care",
        caption=f"Figure {seed}",
    )


def benchmark(seed: int, salt: str = "") -> m.Figure:
    from reportgen.charts import benchmark_bar_chart

    names = [
        "Derby",
        "Nottingham",
        "Leicester",
        "Coventry",
        "Peterborough",
        "Stoke",
        "Wolverhampton",
        "Walsall",
        "Telford",
        "Luton",
        "Southend",
    ]
    items = [
        ("Example Borough", 70.0 + seed, "council"),
        ("England", 62.0, "england"),
        ("East Midlands", 58.5, "region"),
    ]
    items += [(name, 50.0 + (i * 13 + seed) % 40, "neighbour") for i, name in enumerate(names)]
    return benchmark_bar_chart(
        title=f"Benchmark {seed}{salt}: how we compare",
        items=items,
        unit="percent",
        label=f"Indicator {seed}",
        caption=f"Figure {seed}",
    )


def scorecard(rows: int = 20) -> m.Table:
    header = (
        m.cell("Indicator"),
        m.cell("Target", "right"),
        m.cell("Dec 2016", "right"),
        m.cell("Jan 2017", "right"),
        m.cell("Rating"),
    )
    body = tuple(
        (
            m.cell(f"Key indicator {r + 1}"),
            m.cell("95.0%", "right"),
            m.cell(f"{78 + r % 17:.1f}%", "right"),
            m.cell(f"{80 + r % 19:.1f}%", "right"),
            m.cell(RATINGS[r % 3], rating=RATINGS[r % 3].lower()),
        )
        for r in range(rows)
    )
    return m.Table(
        header,
        body,
        caption="Table 1: Key performance indicators",
        row_headers=True,
        style="scorecard",
    )


def _paras(section: int, count: int) -> tuple[m.Paragraph, ...]:
    return tuple(
        m.Paragraph(m.inlines(TEXT * 2), number=f"{section}.{p}") for p in range(1, count + 1)
    )


def document(salt: str = "") -> m.Document:
    """About 10 A4 pages. ``salt`` changes chart titles so the chart cache misses."""
    meta = m.Metadata(
        title=f"Children in Care Performance Report{salt}",
        created=CREATED,
        author="Performance Team",
        running_header="Children in Care Performance",
    )
    cover = (
        m.Section(meta.title, (m.Paragraph(m.inlines(TEXT), numbered=False),), anchor="cover"),
        m.PageBreak(),
    )
    charts = [
        trend(1, salt),
        benchmark(2, salt),
        trend(3, salt),
        trend(4, salt),
        benchmark(5, salt),
        trend(6, salt),
    ]
    body: list[m.Block] = [m.TableOfContents(depth=2)]
    body.append(m.Section("Key indicators", (*_paras(1, 3), scorecard()), number="1"))
    for i, chart in enumerate(charts, start=2):
        body.append(m.Section(f"Indicator {i - 1}", (*_paras(i, 3), chart), number=str(i)))
    body.append(m.Section("Implications", _paras(8, 4), number="8"))
    return m.Document(meta=meta, body=tuple(body), cover=cover)


def main() -> None:
    from reportgen.render.docx import render_docx
    from reportgen.render.pdf import layout_pdf, write_pdf
    from reportgen.render.theme import load_theme

    theme = load_theme(ROOT / "templates" / "committee-report")
    for run in range(3):
        t0 = time.perf_counter()
        doc = document(salt=f" run {run}")
        t1 = time.perf_counter()
        render_docx(doc, theme)
        t2 = time.perf_counter()
        rendered = layout_pdf(doc, theme)
        t3 = time.perf_counter()
        write_pdf(rendered, CREATED)
        t4 = time.perf_counter()
        print(
            f"run {run}: charts {t1 - t0:.3f} s, docx {t2 - t1:.3f} s, layout {t3 - t2:.3f} s "
            f"({len(rendered.pages)} pages), write {t4 - t3:.3f} s, total {t4 - t0:.3f} s"
        )


if __name__ == "__main__":
    main()
