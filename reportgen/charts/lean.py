"""Leaner matplotlib pieces for charts that draw no matplotlib ticks and lay out many texts.

Why: a chart costs tens of milliseconds, and two kinds of work matplotlib does for every
chart are wasted on ours. Every new Axes instantiates a major and a minor tick for each
axis (two marks, a gridline and two texts each) only to switch their gridlines off and
give them the axes' clip path, although our axes draw their ticks as plain texts
(``reportgen.charts.axes``) and never show matplotlib's: over half the cost of an Axes.
And every text drawn looks up its font's file and reads its height tables again.

Neither changes a drawn pixel or an SVG byte: ``ChartAxes`` makes the same ticks, in the
same state, the moment anything asks for them (drawing a visible axis, reading tick
labels); the font metrics and text extents are the numbers matplotlib computes,
remembered. Kept figures (``take``/``keep``/``emptied``) spare making a figure and its
axes for every chart: each thread re-uses its last figure of the same kind.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from matplotlib import axis as maxis
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure as MplFigure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.text import Text
from matplotlib.transforms import Bbox, TransformedBbox

_TICK_LISTS = ("majorTicks", "minorTicks")


@contextmanager
def _unmade_ticks(axis: maxis.Axis) -> Iterator[None]:
    """Within the block, a tick list not yet made reads as empty (and is not made)."""
    blanks: dict[str, list[Any]] = {n: [] for n in _TICK_LISTS if n not in vars(axis)}
    for name, blank in blanks.items():
        setattr(axis, name, blank)
    try:
        yield
    finally:
        for name, blank in blanks.items():
            if vars(axis).get(name) is blank and not blank:
                del axis.__dict__[name]  # lazy again: made on first use, as before


class _LazyTicks(maxis.Axis):
    """An axis that leaves its tick lists unmade until something reads them.

    ``set_tick_params`` stores its settings for ticks still to be made (as matplotlib
    does for every tick after the first), and ``set_clip_path`` is replayed on each tick
    as it is made, so a tick made late is the tick matplotlib would have made early.
    """

    _tick_clip: tuple[Any, Any] | None = None

    def set_clip_path(self, path: Any, transform: Any = None) -> None:
        self._tick_clip = (path, transform)
        with _unmade_ticks(self):
            super().set_clip_path(path, transform)

    def set_tick_params(self, which: Any = "major", reset: bool = False, **kwargs: Any) -> None:
        with _unmade_ticks(self):
            super().set_tick_params(which, reset, **kwargs)

    def _get_tick(self, major: bool) -> Any:
        tick = super()._get_tick(major)  # type: ignore[misc]
        if self._tick_clip is not None:
            tick.set_clip_path(*self._tick_clip)
        return tick


class _XAxis(_LazyTicks, maxis.XAxis):
    pass


class _YAxis(_LazyTicks, maxis.YAxis):
    pass


class ChartAxes(Axes):
    """A plain ``Axes`` whose axes make their ticks on first use (see ``_LazyTicks``)."""

    def _init_axis(self) -> None:
        # as ``Axes._init_axis``, with the lazy axis classes
        self.xaxis = _XAxis(self, clear=False)
        self.spines.bottom.register_axis(self.xaxis)
        self.spines.top.register_axis(self.xaxis)
        self.yaxis = _YAxis(self, clear=False)
        self.spines.left.register_axis(self.yaxis)
        self.spines.right.register_axis(self.yaxis)

    def clear(self) -> None:
        super().clear()
        # Making a tick places the spines (their transform is fixed when a tick asks
        # for it): place them here, as the ticks ``clear`` made used to.
        for spine in self.spines.values():
            spine.get_spine_transform()
        self._text_clip: TransformedBbox | None = None  # the new background's, when asked

    def text(self, x: Any, y: Any, s: Any, fontdict: Any = None, **kwargs: Any) -> Text:
        """As ``Axes.text``, but the texts share one clip box: the axes background's,
        which ``Axes.text`` builds anew for every text (a third of a text's cost) and a
        text drawn with ``clip_on=False`` (the default here, as there) never uses."""
        effective = {
            "verticalalignment": "baseline",
            "horizontalalignment": "left",
            "transform": self.transData,
            "clip_on": False,
            **(fontdict if fontdict is not None else {}),
            **kwargs,
        }
        text = Text(x, y, text=s, **effective)
        if text.get_clip_path() is None:
            if text.get_bbox_patch() is not None:  # its box is clipped too: as Axes.text
                text.set_clip_path(self.patch)
            else:
                if self._text_clip is None:  # what set_clip_path(self.patch) sets
                    self._text_clip = TransformedBbox(Bbox.unit(), self.patch.get_transform())
                text.set_clip_box(self._text_clip)
        cast(Any, self)._add_text(text)  # as Axes.text adds it (not in the type stubs)
        return text


_HEIGHTS: dict[tuple[Any, ...], tuple[float, float, float] | None] = {}
_HEIGHTS_LOCK = threading.Lock()


def font_height_metrics(prop: FontProperties, dpi: float) -> tuple[float, float, float] | None:
    """(ascent, descent, line gap) of ``prop``'s font at ``dpi``, computed exactly as
    ``matplotlib.text.Text._get_layout`` does when a renderer has no such method, once
    per font and size; None where matplotlib would measure "lp" instead."""
    key = (
        tuple(prop.get_family()),
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
        dpi,
    )
    if key in _HEIGHTS:
        return _HEIGHTS[key]
    font: Any = get_font(fontManager._find_fonts_by_props(prop))
    found = None
    for table_name, gap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        fontsize = prop.get_size_in_points()
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * fontsize * dpi / 72
        found = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
        break
    with _HEIGHTS_LOCK:
        _HEIGHTS[key] = found
    return found


def _svg_heights(renderer: Any, prop: FontProperties) -> tuple[Any, Any, Any]:
    # an SVG is laid out in points: ``print_svg`` draws the figure at 72 dpi
    return font_height_metrics(prop, 72.0) or (None, None, None)


def _agg_heights(renderer: Any, prop: FontProperties) -> tuple[Any, Any, Any]:
    return font_height_metrics(prop, float(renderer.dpi)) or (None, None, None)


_METRICS: dict[tuple[Any, ...], Any] = {}
_METRICS_MAX = 20_000


def _share_text_metrics() -> None:
    """Measure each (text, font, renderer kind, dpi) once per process, not once per figure.

    matplotlib caches text extents per renderer object, and every ``savefig`` makes a new
    renderer: a chart's tick labels ("Apr 2015", "80%") were measured again, glyph by
    glyph, for every chart and every encoding, a third of a chart's drawing time. The
    extents depend only on the text, the font properties, the renderer's kind and the
    dpi, so one shared table is exact. Installed once, under the chart lock.
    """
    from matplotlib import text as mtext

    module: Any = mtext
    if getattr(module._get_text_metrics_with_cache, "_reportgen", False):
        return
    measure = module._get_text_metrics_with_cache

    def shared(renderer: Any, text: str, fontprop: Any, ismath: Any, dpi: float) -> Any:
        key = (
            type(renderer),
            text,
            tuple(fontprop.get_family()),
            fontprop.get_style(),
            fontprop.get_weight(),
            fontprop.get_stretch(),
            fontprop.get_size_in_points(),
            fontprop.get_file(),
            ismath,
            dpi,
        )
        found = _METRICS.get(key)
        if found is None:
            if len(_METRICS) >= _METRICS_MAX:
                _METRICS.clear()
            found = _METRICS[key] = measure(renderer, text, fontprop, ismath, dpi)
        return found

    shared._reportgen = True  # type: ignore[attr-defined]
    module._get_text_metrics_with_cache = shared


def install() -> None:
    """Share text extents between renderers, and give the SVG and Agg renderers the
    font height hook ``Text._get_layout`` asks renderers for (matplotlib's PDF and
    PostScript renderers have one). Idempotent; called under the chart lock."""
    _share_text_metrics()
    for cls, hook in ((RendererSVG, _svg_heights), (RendererAgg, _agg_heights)):
        if "_get_font_height_metrics" not in vars(cls):
            setattr(cls, "_get_font_height_metrics", hook)  # noqa: B010


# --- kept figures -----------------------------------------------------------------------


class _Kept(threading.local):
    """Each thread's figures kept for re-use, by kind (a thread never shares one)."""

    def __init__(self) -> None:
        self.figures: dict[Hashable, tuple[MplFigure, list[ChartAxes]]] = {}


_KEPT = _Kept()


def take(kind: Hashable) -> tuple[MplFigure, list[ChartAxes]] | None:
    """The figure last drawn for ``kind`` in this thread (removed from the store until
    ``keep`` puts it back: a chart that fails midway is not re-used), or None."""
    return _KEPT.figures.pop(kind, None)


def keep(kind: Hashable, fig: MplFigure, axes: list[ChartAxes]) -> None:
    """Keep a drawn figure for the next chart of the same kind in this thread."""
    _KEPT.figures[kind] = (fig, axes)


def forget() -> None:
    """Drop this thread's kept figures (tests; a forked child, see below)."""
    _KEPT.figures.clear()


# A child forked while another thread was drawing must not pick up its half-drawn figure.
os.register_at_fork(after_in_child=forget)


def emptied(
    fig: MplFigure,
    axes: list[ChartAxes],
    size_in: tuple[float, float],
    rects: list[tuple[float, float, float, float]],
) -> None:
    """Make a kept figure as ``new_figure`` and ``add_axes`` would: the last chart's
    artists removed, the figure resized, the axes moved, their data limits forgotten.

    Everything else a family sets on its axes (limits, hidden axes and spines) it sets
    again on every chart, so the kept axes end in the state new ones would.
    """
    for artist in [*fig.texts, *fig.artists, *fig.lines, *fig.patches, *fig.images]:
        artist.remove()
    if tuple(fig.get_size_inches()) != size_in:
        fig.set_size_inches(size_in, forward=False)
    for ax, rect in zip(axes, rects, strict=True):
        for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images, *ax.artists]:
            artist.remove()
        ax.relim()
        ax.set_position(rect)
