"""The speed-ups in ``reportgen.charts.lean`` change no byte of any chart.

Each chart kind is drawn twice: as reportgen draws it (``ChartAxes``, whose ticks are made
on first use, and the renderers' remembered font heights), and with matplotlib's own
``Axes`` and no font height hook. Both the SVG and matplotlib's PNG must be identical.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from chart_helpers import BENCH_ITEMS, COUNTS, PERIODS, TARGET, VALUES
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.collections import LineCollection, PolyCollection

from reportgen.charts import axes as chart_axes
from reportgen.charts import (
    bar_breakdown_chart,
    benchmark_bar_chart,
    clear_cache,
    lean,
    marks,
    rating_scorecard_chart,
    scatter_chart,
    sparkline,
    style,
    trend_chart,
)
from reportgen.model import Figure

POINTS = [
    (f"Area {i}", 0.1 + i * 0.01, 40.0 + (i * 37) % 60, "neighbour" if i < 6 else "other")
    for i in range(1, 40)
] + [("Example Borough", 0.3, 70.0, "council")]

KINDS: dict[str, Callable[[], Figure]] = {
    "trend with target and counts": lambda: trend_chart(
        periods=PERIODS, values=VALUES, target=TARGET, counts=COUNTS, unit="rate", label="Rate"
    ),
    "trend, years": lambda: trend_chart(
        periods=["2013/14", "2014/15", "2015/16", "2016/17"],
        values=[-2.5, 1.0, None, 3.25],
        unit="percent",
        label="Change",
    ),
    "benchmark": lambda: benchmark_bar_chart(items=BENCH_ITEMS, unit="rate", label="Rate"),
    "breakdown": lambda: bar_breakdown_chart(
        categories=["Under 1", "1-4", "5-9", "10-15", "16+"],
        values=[30.0, 80.0, None, 210.0, 95.0],
        unit="count",
        label="Children",
        highlight="1-4",
    ),
    "scatter": lambda: scatter_chart(
        title="Rate against deprivation, a title long enough to wrap onto a second line",
        points=POINTS,
        x_label="Deprivation",
        y_label="Rate",
        x_unit="percent",
        y_unit="rate",
    ),
    "scorecard": lambda: rating_scorecard_chart(
        rows=[
            ("An indicator with a name long enough to wrap in its cell", "85.5", "red", "up"),
            ("Short", "12%", "green", "improving"),
            ("Unrated", "n/a", "", ""),
        ]
    ),
    "sparkline": lambda: sparkline(periods=PERIODS, values=VALUES, unit="rate"),
}


def _plain_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draw with matplotlib's own Axes and font height lookups from here on."""
    monkeypatch.setattr(style, "add_axes", lambda fig, rect: fig.add_axes(rect))
    monkeypatch.setattr(lean, "install", lambda: None)
    for renderer in (RendererSVG, RendererAgg):
        if "_get_font_height_metrics" in vars(renderer):
            monkeypatch.delattr(renderer, "_get_font_height_metrics")


@pytest.mark.parametrize("kind", KINDS)
def test_lean_charts_are_byte_identical_to_plain_matplotlib(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lean_figure = KINDS[kind]()
    clear_cache()
    _plain_matplotlib(monkeypatch)
    plain_figure = KINDS[kind]()
    assert lean_figure.image.svg is not None and lean_figure.image.png is not None
    assert lean_figure.image.svg == plain_figure.image.svg
    assert lean_figure.image.png == plain_figure.image.png


def test_ticks_made_late_are_the_ticks_made_early() -> None:
    """Reading tick labels (as the scatter's label placement does) makes the ticks, with
    the axes' clip box and the stored settings, just as matplotlib's axes would."""
    with style.chart_context():
        fig = style.new_figure(100.0, 60.0)
        lazy = style.add_axes(fig, (0.1, 0.1, 0.8, 0.8))
        plain = fig.add_axes((0.1, 0.1, 0.8, 0.8))
        assert "majorTicks" not in vars(lazy.xaxis)
        for ax in (lazy, plain):
            ax.set_xlim(0.0, 3.0)
        made = lazy.xaxis.get_major_ticks()
        expected = plain.xaxis.get_major_ticks()
        assert len(made) == len(expected) > 1
        for a, b in zip(made, expected, strict=True):
            assert a.get_clip_box() is not None and b.get_clip_box() is not None
            assert a.get_clip_box().bounds == b.get_clip_box().bounds
            assert a.gridline.get_visible() == b.gridline.get_visible()
            assert a.label1.get_text() == b.label1.get_text()


#: (drawn first, then) -> the chart whose bytes must not depend on what came before.
#: Each pair shares a kept figure (``style.figure_with_axes``) but differs in size, data,
#: axes rectangles and limits.
AFTER: dict[str, tuple[Callable[[], Figure], Callable[[], Figure]]] = {
    "trend after trend": (
        KINDS["trend with target and counts"],
        lambda: trend_chart(
            periods=PERIODS[:6],
            values=[1200.0, 1300.0, None, 900.0, 950.0, 1000.0],
            target=[1000.0] * 6,
            counts=[3, 4, 5, 6, 7, 8],
            unit="count",
            label="Children",
            size=(150.0, 95.0),
        ),
    ),
    "plain trend after plain trend": (
        KINDS["trend, years"],
        lambda: trend_chart(periods=PERIODS, values=VALUES, unit="rate", label="Rate"),
    ),
    "breakdown after benchmark": (KINDS["benchmark"], KINDS["breakdown"]),
    "benchmark after breakdown": (KINDS["breakdown"], KINDS["benchmark"]),
    "scorecard after scorecard": (
        KINDS["scorecard"],
        lambda: rating_scorecard_chart(rows=[("One", "1", "amber", "down")]),
    ),
    "sparkline after a wider one": (
        lambda: sparkline(periods=["a", "b", "c"], values=[-5.0, None, 1.0e4], unit="count"),
        KINDS["sparkline"],
    ),
    "empty sparkline after sparkline": (
        KINDS["sparkline"],
        lambda: sparkline(periods=["a", "b"], values=[None, None], unit="count"),
    ),
}


@pytest.mark.parametrize("pair", AFTER)
def test_a_kept_figure_draws_exactly_what_a_new_one_draws(pair: str) -> None:
    first, second = AFTER[pair]
    lean.forget()
    alone = second()
    lean.forget()
    clear_cache()
    first()
    clear_cache()
    after = second()
    assert alone.image.svg is not None and alone.image.png is not None
    assert after.image.svg == alone.image.svg
    assert after.image.png == alone.image.png


def test_kept_figures_are_per_thread_and_only_after_a_chart_drew() -> None:
    import threading

    lean.forget()
    KINDS["benchmark"]()
    kept = lean.take("bars")
    assert kept is not None
    lean.keep("bars", *kept)
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(lean.take("bars")))
    worker.start()
    worker.join()
    assert seen == [None]  # another thread never gets this thread's figure
    with pytest.raises(RuntimeError), style.figure_with_axes("bars", (50.0, 50.0), [(0, 0, 1, 1)]):
        raise RuntimeError("a chart failing midway")
    assert lean.take("bars") is None  # its half-drawn figure is not kept


def test_a_forked_child_keeps_no_figure() -> None:
    import os

    lean.forget()
    KINDS["sparkline"]()  # drawn, so its figure is kept
    pid = os.fork()
    if pid == 0:  # the child: exit 0 only if nothing was kept
        os._exit(0 if lean.take("sparkline") is None else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert lean.take("sparkline") is not None  # the parent's is still there


def _as_collection(shapes: Any, *, closed: bool, **props: Any) -> Any:
    """What bars and gridlines were before ``marks.compound``: a collection."""
    if closed:
        return PolyCollection(
            shapes, facecolors=props["facecolor"], edgecolors="none", zorder=props.get("zorder", 2)
        )
    return LineCollection(
        shapes, colors=props["edgecolor"], linewidths=props["linewidth"], zorder=props["zorder"]
    )


def _pixels(figure: Figure) -> bytes:
    """The chart's SVG as Typst rasterises it for Word and lays it out in the PDF."""
    from PIL import Image as PILImage

    from reportgen.render import raster

    (png,) = raster._typst_pngs([figure.image])
    return PILImage.open(io.BytesIO(png)).convert("RGBA").tobytes()


@pytest.mark.parametrize(
    "kind", ["trend with target and counts", "benchmark", "breakdown", "scatter"]
)
def test_bars_and_gridlines_as_one_path_draw_the_pixels_of_a_collection(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_path = KINDS[kind]()
    clear_cache()
    monkeypatch.setattr(marks, "compound", _as_collection)
    monkeypatch.setattr(chart_axes, "compound", _as_collection)
    collections = KINDS[kind]()
    assert one_path.image.svg != collections.image.svg  # fewer elements, same picture
    assert _pixels(one_path) == _pixels(collections)


def test_texts_share_the_clip_box_axes_text_would_give_each() -> None:
    """Texts on chart axes share one clip box; it is the axes background's box, wherever
    the axes have moved to since, as matplotlib's own per-text box is."""
    with style.chart_context():
        fig = style.new_figure(120.0, 80.0)
        lazy = style.add_axes(fig, (0.1, 0.1, 0.5, 0.5))
        plain = fig.add_axes((0.1, 0.1, 0.5, 0.5))
        first, second = lazy.text(0, 0, "a"), lazy.text(1, 1, "b")
        expected = plain.text(0, 0, "a")
        for ax in (lazy, plain):
            ax.set_position((0.2, 0.3, 0.6, 0.4))
            ax.set_xlim(0.0, 10.0)
        assert first.get_clip_box() is second.get_clip_box()
        assert first.get_clip_box() is not None and expected.get_clip_box() is not None
        assert first.get_clip_box().bounds == expected.get_clip_box().bounds
        assert first.get_clip_on() == expected.get_clip_on() is False
