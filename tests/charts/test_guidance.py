"""Charts against the Government Analysis Function's guidance (issue 19 item 2).

One measure per axis, ticks at quarter or financial-year starts never rotated, 3:1
contrast for every mark, 9 pt text, units on axes without "(lower is better)", direct
labels instead of legends, and the council's scatter label covering nothing.
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

import pytest
from chart_helpers import BENCH_ITEMS, COUNTS, PERIODS, TARGET, VALUES, svg_font_sizes, svg_texts

from reportgen.charts import (
    bar_breakdown_chart,
    benchmark_bar_chart,
    rating_scorecard_chart,
    scatter_chart,
    style,
    trend_chart,
)
from reportgen.charts.axes import period_ticks
from reportgen.charts.labels import marker_boxes, text_box
from reportgen.charts.scatter import _figure, _known
from reportgen.charts.style import text_mm
from reportgen.check.colour import contrast
from reportgen.model import Figure

ROOT = Path(__file__).resolve().parents[2]


def _months(start_year: int, start_month: int, n: int) -> list[str]:
    out = []
    for i in range(n):
        m = start_month - 1 + i
        out.append(f"{start_year + m // 12}-{m % 12 + 1:02d}")
    return out


SPANS = [(6, 8), (7, 1), (12, 4), (13, 11), (18, 2), (24, 4), (34, 4), (36, 1), (60, 4), (84, 6)]


@pytest.mark.parametrize(("n", "start"), SPANS)
def test_month_ticks_fall_on_quarter_or_april_starts_and_fit(n: int, start: int) -> None:
    periods = _months(2014, start, n)
    width = 140.0
    ticks = period_ticks(periods, width)
    assert len(ticks) >= 2
    months = {int(periods[i][5:7]) for i, _ in ticks}
    assert months <= {1, 4, 7, 10}, (n, start, ticks)
    if n >= 24:  # a long span is ticked at financial-year starts only
        assert months == {4}, ticks
    slot = width / n
    for (a, la), (b, lb) in itertools.pairwise(ticks):
        room = (b - a) * slot
        assert room >= (text_mm(la, style.TICK_SIZE) + text_mm(lb, style.TICK_SIZE)) / 2, ticks


@pytest.mark.parametrize(("n", "start"), [(6, 8), (24, 4), (60, 4)])
def test_trend_labels_are_never_rotated(n: int, start: int) -> None:
    periods = _months(2014, start, n)
    fig = trend_chart(
        periods=periods, values=[50.0 + i % 7 for i in range(n)], unit="percent", label="Visits"
    )
    assert fig.image.svg is not None
    angles = [float(a) for a in re.findall(rb"<text[^>]*rotate\((-?[\d.]+)", fig.image.svg)]
    assert angles and all(a == 0 for a in angles)


def test_annual_periods_are_thinned_from_the_latest_and_fit() -> None:
    years = [f"{y}/{(y + 1) % 100:02d}" for y in range(2010, 2025)]
    ticks = period_ticks(years, 60.0)
    assert ticks[-1] == (14, "2024/25") and 2 <= len(ticks) < 15


def _trend() -> Figure:
    return trend_chart(
        periods=PERIODS,
        values=VALUES,
        unit="rate",
        label="Children in care rate",
        target=TARGET,
        counts=COUNTS,
        count_label="Number of children",
        polarity="lower",
    )


def test_counts_have_their_own_axis_not_a_second_y_axis() -> None:
    fig = _trend()
    svg = fig.image.svg
    assert svg is not None
    texts = svg_texts(fig)
    # two panels each titled by its own measure, stacked (no right-hand axis)
    assert "Rate per 10,000 children" in texts and "Number of children" in texts
    assert svg.count(b'id="axes_') == 2
    assert b"patch_" in svg
    # both series are still in the alt text and the data table
    assert "panel below shows the number" in fig.alt and "482" in fig.alt
    assert fig.data_table is not None
    assert [c.text for c in fig.data_table.header][-1] == "Number of children"


def test_lines_are_labelled_directly_not_by_a_legend() -> None:
    fig = _trend()
    texts = svg_texts(fig)
    assert "Target" in texts and "85.5" in texts
    assert fig.image.svg is not None and b'id="legend' not in fig.image.svg


def test_axes_carry_units_not_polarity_notes() -> None:
    bench = benchmark_bar_chart(items=BENCH_ITEMS, unit="rate", label="Rate", polarity="lower")
    for fig in (_trend(), bench):
        joined = " ".join(svg_texts(fig))
        assert "is better" not in joined
        assert "Rate per 10,000 children" in joined


ALL = {
    "trend": _trend,
    "benchmark": lambda: benchmark_bar_chart(items=BENCH_ITEMS, unit="percent", label="EET"),
    "breakdown": lambda: bar_breakdown_chart(
        categories=["North", "South", "East"], values=[5.0, 7.0, 6.0], label="L", highlight="East"
    ),
    "scatter": lambda: scatter_chart(
        points=[(f"A{i}", float(i), float(i % 5), "other") for i in range(20)]
        + [("N", 3.0, 2.0, "neighbour"), ("Us", 4.0, 4.0, "council")],
        x_label="X",
        y_label="Y",
        x_unit="percent",
        y_unit="rate",
    ),
    "scorecard": lambda: rating_scorecard_chart(
        rows=[(f"I{r}", "1", r, "up") for r in ("blue", "green", "amber", "red")]
    ),
}


def test_every_mark_colour_has_3_to_1_contrast_on_white() -> None:
    for colour in style.MARK_COLOURS:
        assert contrast(colour, "#FFFFFF") >= 3.0, colour
    # the review's failures would fail here
    assert contrast("#C6DBEF", "#FFFFFF") < 3.0 and contrast("#BBBBBB", "#FFFFFF") < 3.0


#: Colours allowed under 3:1: the page, gridlines, and the rating tints behind words.
BACKGROUNDS = {"#ffffff", style.GRID.lower(), *(c.lower() for c in style.RATING_FILL.values())}


@pytest.mark.parametrize("name", ALL)
def test_every_colour_drawn_is_a_3_to_1_mark_or_a_background(name: str) -> None:
    svg = ALL[name]().image.svg
    assert svg is not None
    used = {c.lower() for c in re.findall(rb"(?:fill|stroke): ?(#[0-9a-fA-F]{6})", svg)}
    used = {c.decode() if isinstance(c, bytes) else c for c in used}
    assert used, "no colours found"
    for colour in used - BACKGROUNDS:
        assert contrast(colour, "#FFFFFF") >= 3.0, (name, colour)


@pytest.mark.parametrize("name", ALL)
def test_chart_text_is_at_least_9pt(name: str) -> None:
    sizes = svg_font_sizes(ALL[name]())
    assert sizes and min(sizes) >= 9.0


# --- scatter labels ----------------------------------------------------------------------


def _ees_points(own: str) -> list[tuple[str, float, float, str]]:
    """Every authority's 2025 rates of children starting care (x) and looked after (y);
    ``own`` is the council, and the ten authorities nearest it on y are its 'neighbours'
    (as close a cluster as any real comparator group)."""
    rows: dict[str, dict[str, float]] = {}
    path = ROOT / "data-ees" / "cla_number_and_rate_per_10k_children.csv"
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["time_period"] != "2025" or row["geographic_level"] != "Local authority":
                continue
            try:
                value = float(row["rate_per_10000"])
            except ValueError:
                continue
            kind = {"Children looked after on 31 March each year": "y"}.get(
                row["population_type"],
                "x" if row["population_type"].startswith("Children starting") else "",
            )
            if kind:
                rows.setdefault(row["la_name"], {})[kind] = value
    pts = [(n, v["x"], v["y"]) for n, v in rows.items() if "x" in v and "y" in v]
    me = next(p for p in pts if p[0] == own)
    near = sorted((p for p in pts if p[0] != own), key=lambda p: abs(p[2] - me[2]))[:10]
    names = {p[0] for p in near}
    return [
        (n, x, y, "council" if n == own else "neighbour" if n in names else "other")
        for n, x, y in pts
    ]


def _label_clear(points: list[tuple[str, float, float, str]]) -> None:
    with style.chart_context():
        fig = _figure(
            _known(points),
            None,
            title="T",
            x_title="X",
            y_title="Y",
            x_unit="rate",
            y_unit="rate",
            size=(170, 110),
        )
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        own = next(p for p in points if p[3] == "council")
        label = next(t for t in ax.texts if t.get_text() == own[0])
        box = text_box(label, renderer)  # type: ignore[arg-type]
        own_xy = ax.transData.transform([(own[1], own[2])])[0]
        markers = [b for b in marker_boxes(ax, points) if not b.contains(*own_xy)]
        assert markers
        hits = [b for b in markers if box.overlaps(b)]
        assert not hits, f"{own[0]}'s label covers {len(hits)} markers"
        others = [t.get_window_extent(renderer) for t in ax.texts if t is not label]
        assert len(others) >= 6  # the tick labels, drawn as texts
        assert not any(box.overlaps(t) for t in others if t.width)
        assert ax.get_window_extent(renderer).contains(box.x0, box.y0)


@pytest.mark.parametrize("own", ["Hartlepool", "Barnet", "Derby", "Devon", "Leeds", "Kent"])
def test_council_label_covers_no_marker_for_la_benchmark_authorities(own: str) -> None:
    _label_clear(_ees_points(own))


def test_council_label_covers_no_marker_for_the_example() -> None:
    def read(name: str) -> list[dict[str, str]]:
        with (ROOT / "data" / name).open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    rows = read("councils.csv")
    values = {
        r["code"]: float(r["value"])
        for r in read("benchmarks.csv")
        if r["indicator"] == "cla_rate" and r["year"] == "2015/16" and r["value"]
    }
    points = [
        (
            r["name"],
            float(r["deprivation"]) * 100,
            values[r["code"]],
            "council"
            if r["own"] == "true"
            else "neighbour"
            if r["neighbour"] == "true"
            else "other",
        )
        for r in rows
        if r["code"] in values
    ]
    assert sum(p[3] == "council" for p in points) == 1 and len(points) > 100
    _label_clear(points)
