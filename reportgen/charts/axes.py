"""Axis helpers shared by the chart families: unit-aware ticks and en-GB period labels.

Why: tick labels are numbers a reader sees, so they go through ``reportgen.vocabulary``
like every other figure (thousands separators, real minus signs, '%' for percentages),
and period axes read 'Apr 2016', not '2016-04'. Monthly axes are ticked at the starts of
quarters or of financial years (April), never at whatever month a fixed step lands on,
and their labels are never turned: the step widens until they fit side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.markers import TICKDOWN
from matplotlib.ticker import Formatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation, Transform

from reportgen.charts.marks import compound, line
from reportgen.charts.style import GRID, MUTED, TEXT, TICK_SIZE, text_mm
from reportgen.charts.summary import is_month, period_short
from reportgen.vocabulary import UnitLike, fmt_value

#: Clear space between two neighbouring tick labels, in mm.
LABEL_GAP_MM = 3.0
QUARTER_STARTS = (1, 4, 7, 10)
#: Spans up to this many months are ticked at quarter starts; longer ones at Aprils.
QUARTERLY_UP_TO = 18
FINANCIAL_YEAR_START = 4


class UnitFormatter(Formatter):
    """Format ticks with fmt_value, using as few decimals as the tick spacing needs."""

    def __init__(self, unit: UnitLike) -> None:
        self.unit = unit
        self.decimals = 0

    def set_locs(self, locs: list[float]) -> None:
        super().set_locs(locs)
        self.decimals = _decimals_for([float(v) for v in locs])

    def __call__(self, x: float, pos: int | None = None) -> str:
        return fmt_value(x, self.unit, decimals=self.decimals)


def _decimals_for(locs: list[float]) -> int:
    """The fewest decimals (up to 3) that show every tick exactly: 2.5 needs one."""
    for places in range(4):
        if all(abs(v * 10**places - round(v * 10**places)) < 1e-6 for v in locs):
            return places
    return 3


def nice_ticks(lo: float, hi: float, nbins: int = 5) -> list[float]:
    """Round tick values covering lo..hi (1, 2, 5 steps), computed without an axes."""
    if not np.isfinite(lo) or not np.isfinite(hi):
        lo, hi = 0.0, 1.0
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    locator = MaxNLocator(nbins=nbins, steps=[1, 2, 5, 10], min_n_ticks=3)
    return [float(v) for v in locator.tick_values(lo, hi)]


def tick_texts(ticks: Sequence[float], unit: UnitLike) -> list[str]:
    """The labels ``value_axis`` will print for these ticks (to size margins first)."""
    decimals = _decimals_for([float(v) for v in ticks])
    return [fmt_value(v, unit, decimals=decimals) for v in ticks]


def value_axis(
    ax: Axes, unit: UnitLike, ticks: Sequence[float], which: str = "y", grid: bool = True
) -> None:
    """Numeric axis at the given ticks, formatted by unit, light gridlines behind the data.

    Drawn as one line collection and plain texts, not matplotlib ticks: each Tick is two
    marks, a gridline and two texts whose extents matplotlib measures on every draw to
    place an axis label this chart does not use (two thirds of a chart's drawing time).
    """
    fig = ax.get_figure()
    assert fig is not None
    ticks = [float(t) for t in ticks]
    labels = tick_texts(ticks, unit)
    if which == "y":
        ax.yaxis.set_visible(False)  # nothing of matplotlib's axis is drawn or measured
        ax.set_ylim(ticks[0], ticks[-1])
        ends, place = ax.get_yaxis_transform(), ScaledTranslation(-4 / 72, 0, fig.dpi_scale_trans)
        segments = [[(0.0, t), (1.0, t)] for t in ticks]
        ha, va = "right", "center_baseline"
    else:
        ax.xaxis.set_visible(False)
        ax.set_xlim(ticks[0], ticks[-1])
        ends, place = ax.get_xaxis_transform(), ScaledTranslation(0, -4 / 72, fig.dpi_scale_trans)
        segments = [[(t, 0.0), (t, 1.0)] for t in ticks]
        ha, va = "center", "top"
    if grid:  # one path, as a collection's lines each (``marks.compound``)
        grid_lines = compound(
            segments, closed=False, fill=False, edgecolor=GRID, linewidth=0.5, zorder=0
        )
        grid_lines.set_transform(ends)
        ax.add_artist(grid_lines)
    for t, text in zip(ticks, labels, strict=True):
        at = (0.0, t) if which == "y" else (t, 0.0)
        ax.text(*at, text, transform=ends + place, fontsize=TICK_SIZE, color=TEXT, ha=ha, va=va)
    ax.set_axisbelow(True)


def offset(ax: Axes, dx_pt: float, dy_pt: float, base: Transform | None = None) -> Transform:
    """``base`` (default: data coordinates) moved by (dx, dy) points: where a label set
    off from its point goes. A plain text with this transform draws where an annotation
    with ``textcoords="offset points"`` would, without re-placing itself on every draw."""
    fig = ax.get_figure()
    assert fig is not None
    return (base or ax.transData) + ScaledTranslation(dx_pt / 72, dy_pt / 72, fig.dpi_scale_trans)


def _month_number(period: str) -> int:
    return int(str(period)[5:7])


def _fits(labels: Sequence[str], positions: Sequence[int], n: int, width_mm: float) -> bool:
    """Whether labels centred at ``positions`` (of ``n`` slots) clear each other."""
    if len(labels) < 2:
        return True
    slot = width_mm / max(n, 1)
    widths = [text_mm(text, TICK_SIZE) for text in labels]
    return all(
        (positions[i + 1] - positions[i]) * slot >= (widths[i] + widths[i + 1]) / 2 + LABEL_GAP_MM
        for i in range(len(labels) - 1)
    )


def month_ticks(periods: Sequence[str], width_mm: float) -> list[tuple[int, str]]:
    """(index, label) ticks for monthly periods: quarter starts for a span of up to 18
    months if they fit, else April (the financial year's start) of every year, every
    second year, and so on."""
    n = len(periods)
    quarters = [i for i, p in enumerate(periods) if _month_number(p) in QUARTER_STARTS]
    aprils = [i for i, p in enumerate(periods) if _month_number(p) == FINANCIAL_YEAR_START]
    schemes: list[list[int]] = []
    if len(quarters) >= 2 and n <= QUARTERLY_UP_TO:
        schemes.append(quarters)
    for step in (1, 2, 3, 4, 5, 10):
        chosen = aprils[::step] if len(aprils[::step]) >= 2 or step == 1 else []
        if chosen:
            schemes.append(chosen)
    if not schemes:  # a short span with one or no quarter start: every month that fits
        schemes = [list(range(0, n, step)) for step in (1, 2, 3)]
    for positions in schemes:
        labels = [period_short(periods[i]) for i in positions]
        if _fits(labels, positions, n, width_mm):
            return list(zip(positions, labels, strict=True))
    positions = schemes[-1][:1]
    return [(i, period_short(periods[i])) for i in positions]


def category_ticks(periods: Sequence[str], width_mm: float) -> list[tuple[int, str]]:
    """Ticks for other periods ('2015/16', 'Q3'): every k-th, counted back from the
    latest so the newest is labelled, with k the smallest that lets them fit."""
    n = len(periods)
    for step in range(1, max(n, 1) + 1):
        positions = list(range(n - 1, -1, -step))[::-1]
        labels = [str(periods[i]) for i in positions]
        if _fits(labels, positions, n, width_mm):
            return list(zip(positions, labels, strict=True))
    return [(n - 1, str(periods[-1]))]


def period_ticks(periods: Sequence[str], width_mm: float) -> list[tuple[int, str]]:
    """The labelled ticks of a period axis ``width_mm`` wide."""
    if periods and all(is_month(p) for p in periods):
        return month_ticks(periods, width_mm)
    return category_ticks(periods, width_mm)


def period_axis(ax: Axes, periods: Sequence[str], width_mm: float, labels: bool = True) -> None:
    """Categorical period axis, horizontal labels at quarter or financial-year starts,
    drawn as one line of tick marks and plain texts (see ``value_axis``)."""
    fig = ax.get_figure()
    assert fig is not None
    ticks = period_ticks(periods, width_mm)
    ax.xaxis.set_visible(False)
    ax.set_xlim(-0.6, len(periods) - 0.4)
    base = ax.get_xaxis_transform()
    line(
        ax,
        [i for i, _ in ticks],
        [0.0] * len(ticks),
        linestyle="none",
        marker=TICKDOWN,
        markersize=3,
        markeredgewidth=0.6,
        color=MUTED,
        transform=base,
        clip_on=False,
    )
    if not labels:
        return
    place = base + ScaledTranslation(0, -5 / 72, fig.dpi_scale_trans)
    for i, text in ticks:
        ax.text(
            i, 0.0, text, transform=place, ha="center", va="top", fontsize=TICK_SIZE, color=TEXT
        )
