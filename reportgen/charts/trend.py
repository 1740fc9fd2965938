"""Trend chart: one indicator over time against its target, with optional count bars.

The Derby performance surgery paper's graph one: the rate as a line, the annual target as a
dashed step line, and the monthly count of children as bars, so members see how whole
numbers move the rate. The paper drew the counts on a second y axis; the Analysis
Function's guidance is one measure per axis, so they are a small panel of their own under
the rate, sharing its time axis. Lines are labelled where they end (the latest value,
"Target"), not in a legend. Missing periods are gaps, never interpolated: an invented
point would be a number nobody measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure as MplFigure

from reportgen.charts import marks, style
from reportgen.charts.alttext import trend_alt, trend_title
from reportgen.charts.axes import nice_ticks, offset, period_axis, tick_texts, value_axis
from reportgen.charts.cache import cached
from reportgen.charts.datatable import column_heading, series_table
from reportgen.charts.lean import ChartAxes
from reportgen.charts.summary import as_float, summarise
from reportgen.model import Figure, Image
from reportgen.vocabulary import UnitLike, axis_unit_words, fmt_value

TARGET_WORD = "Target"


def _check_lengths(periods: Sequence[str], **series: Sequence[float | None] | None) -> None:
    for name, values in series.items():
        if values is not None and len(values) != len(periods):
            raise ValueError(f"trend_chart: {len(periods)} periods but {len(values)} {name}")


@dataclass(frozen=True)
class _Layout:
    """Millimetre boxes of a trend chart: the rate panel, the count panel (if any)."""

    frame: style.Frame
    left: float
    plot_width: float
    rate: tuple[float, float]  # (bottom, height)
    counts: tuple[float, float] | None


def _layout(
    size: tuple[float, float], title: str, ytexts: list[str], right_texts: list[str], counts: bool
) -> _Layout:
    """Where the panels go, from the measured widths of the texts round them."""
    width, height = size
    left = max(style.text_mm(t, style.TICK_SIZE) for t in ytexts) + 3.0
    right = max(style.text_mm(t, style.FONT_SIZE, bold=True) for t in right_texts) + 4.0
    top = style.title_height(title, width) + style.line_mm(style.FONT_SIZE) + 1.5
    bottom = style.line_mm(style.TICK_SIZE) + 3.5
    plot = height - top - bottom
    if not counts:
        return _Layout(style.Frame(width, height), left, width - left - right, (bottom, plot), None)
    count_h = max(12.0, plot * 0.26)
    gap = style.line_mm(style.FONT_SIZE) + 3.0
    return _Layout(
        style.Frame(width, height),
        left,
        width - left - right,
        (bottom + count_h + gap, plot - count_h - gap),
        (bottom, count_h),
    )


def _label_end(ax: Axes, x: float, y: float, text: str, *, bold: bool, dy_pt: float = 0) -> None:
    """A direct label just right of a line's last point (the number the text quotes, or
    the line's name), instead of a legend the eye must travel to."""
    ax.text(
        x,
        y,
        text,
        transform=offset(ax, 5, dy_pt),
        ha="left",
        va="center",
        fontweight="bold" if bold else "normal",
        fontsize=style.FONT_SIZE,
        color=style.TEXT,
        zorder=5,
    )


def _last_known(y: np.ndarray) -> int | None:
    known = np.flatnonzero(~np.isnan(y))
    return None if known.size == 0 else int(known[-1])


def _value_ticks(*series: np.ndarray) -> list[float]:
    known = np.concatenate([a[~np.isnan(a)] for a in series]) if series else np.array([])
    if known.size == 0:
        return [0.0, 0.5, 1.0]
    lo, hi = float(known.min()), float(known.max())
    pad = (hi - lo) * 0.08 or abs(hi) * 0.05 or 1.0
    return nice_ticks(lo - pad, hi + pad)


def _target_offset(lay: _Layout, ticks: list[float], y: float, goal: float) -> float:
    """Points to move the 'Target' label so it clears the latest value's label."""
    per_mm = (ticks[-1] - ticks[0]) / lay.rate[1]
    apart_mm = abs(goal - y) / per_mm if per_mm else 0.0
    need = style.line_mm(style.FONT_SIZE) + 0.5
    if apart_mm >= need:
        return 0.0
    return (need - apart_mm) * 72 / 25.4 * (1 if goal >= y else -1)


def _rects(lay: _Layout) -> list[tuple[float, float, float, float]]:
    """The rate panel's axes rectangle, and the count panel's if there is one."""
    panels = [lay.rate] if lay.counts is None else [lay.rate, lay.counts]
    return [lay.frame.rect(lay.left, bottom, lay.plot_width, h) for bottom, h in panels]


def _count_panel(
    fig: MplFigure,
    axc: Axes,
    lay: _Layout,
    x: np.ndarray,
    counts: Sequence[float | None],
    label: str,
) -> None:
    """The number each period, as bars on its own small axis under the rate: one
    measure per axis (no second y axis)."""
    assert lay.counts is not None
    bottom, height = lay.counts
    c = np.array([as_float(v) for v in counts], dtype=float)
    marks.bars(axc, list(x), list(c), facecolors=style.COUNT_BARS, edgecolors="none")
    top = float(np.nanmax(c)) if np.isfinite(c).any() else 1.0
    value_axis(axc, "count", nice_ticks(0.0, max(top, 1.0), nbins=3))
    style.axis_title(fig, lay.frame, label, lay.left - 2.0, bottom + height + 1.0)


def _draw(
    *,
    title: str,
    periods: Sequence[str],
    values: Sequence[float | None],
    unit: UnitLike,
    target: Sequence[float | None] | None,
    counts: Sequence[float | None] | None,
    count_label: str,
    size: tuple[float, float],
    alt: str,
) -> Image:
    n = len(periods)
    x = np.arange(n)
    y = np.array([as_float(v) for v in values], dtype=float)
    t = np.array([as_float(v) for v in target], dtype=float) if target is not None else None
    ticks = _value_ticks(y, *(() if t is None else (t,)))
    last, tlast = _last_known(y), None if t is None else _last_known(t)
    ytexts = tick_texts(ticks, unit)
    if counts is not None:
        c = [as_float(v) for v in counts]
        top = max([v for v in c if v == v] or [1.0])
        ytexts += tick_texts(nice_ticks(0.0, max(top, 1.0), nbins=3), "count")
    right = [fmt_value(float(y[last]), unit)] if last is not None else [""]
    right += [TARGET_WORD] if tlast is not None else []
    lay = _layout(size, title, ytexts, right, counts is not None)
    rects = _rects(lay)
    with style.figure_with_axes(("trend", len(rects)), size, rects) as (fig, axes):
        _draw_panels(fig, axes, lay, periods, x, y, t, ticks, unit, counts, count_label)
        style.add_title(fig, title, size[0])
        return style.to_image(fig, title=title, alt=alt)


def _draw_panels(
    fig: MplFigure,
    axes: list[ChartAxes],
    lay: _Layout,
    periods: Sequence[str],
    x: np.ndarray,
    y: np.ndarray,
    t: np.ndarray | None,
    ticks: list[float],
    unit: UnitLike,
    counts: Sequence[float | None] | None,
    count_label: str,
) -> None:
    """The rate (line, target, end labels, axes) and, under it, the count panel."""
    ax = axes[0]
    last, tlast = _last_known(y), None if t is None else _last_known(t)
    marks.line(ax, x, y, color=style.SERIES, lw=1.8, marker="o", ms=3.0, zorder=3)
    if t is not None:
        marks.line(
            ax, x, t, drawstyle="steps-mid", color=style.TARGET, lw=1.1, ls=(0, (4, 2)), zorder=2
        )
    value_axis(ax, unit, ticks)
    period_axis(ax, periods, lay.plot_width, labels=counts is None)
    if last is not None:
        _label_end(ax, last, float(y[last]), fmt_value(float(y[last]), unit), bold=True)
    if t is not None and tlast is not None:
        near = float(y[last]) if last is not None and abs(last - tlast) < 2 else None
        dy = 0.0 if near is None else _target_offset(lay, ticks, near, float(t[tlast]))
        _label_end(ax, tlast + 0.5, float(t[tlast]), TARGET_WORD, bold=False, dy_pt=dy)
    style.axis_title(
        fig, lay.frame, axis_unit_words(unit), lay.left - 2.0, lay.rate[0] + lay.rate[1] + 1.0
    )
    if counts is not None:
        _count_panel(fig, axes[1], lay, x, counts, count_label)
        period_axis(axes[1], periods, lay.plot_width)


@cached
def trend_chart(
    *,
    title: str | None = None,
    periods: Sequence[str],
    values: Sequence[float | None],
    unit: UnitLike,
    label: str,
    target: Sequence[float | None] | None = None,
    counts: Sequence[float | None] | None = None,
    count_label: str = "Number",
    polarity: str = "higher",
    size: tuple[float, float] | None = None,
    caption: str | None = None,
) -> Figure:
    """Line of an indicator over time, against its target, with the latest value labelled.

    ``title=None`` derives a message title from the data ("… rose from 76.6 to 85.5 per
    10,000 since March 2016"). ``caption`` defaults to the title. Missing values (None or
    NaN) are drawn as gaps and listed as 'n/a' in the data table.
    """
    if not periods:
        raise ValueError("trend_chart needs at least one period")
    _check_lengths(periods, values=values, target=target, counts=counts)
    title = title or trend_title(label, unit, summarise(periods, values), periods, values)
    size = size or (170.0, 85.0)  # the count panel shares the height: pages keep their breaks
    alt = trend_alt(
        label=label,
        unit=unit,
        periods=periods,
        values=values,
        target=target,
        counts=counts,
        polarity=polarity,
    )
    columns: list[tuple[str, Sequence[float | None], UnitLike]] = [
        (column_heading(label, unit), values, unit)
    ]
    if target is not None:
        columns.append(("Target", target, unit))
    if counts is not None:
        columns.append((count_label, counts, "count"))
    table = series_table(periods=periods, columns=columns, caption=f"Data for: {title}")
    with style.chart_context():
        image = _draw(
            title=title,
            periods=periods,
            values=values,
            unit=unit,
            target=target,
            counts=counts,
            count_label=count_label,
            size=size,
            alt=alt,
        )
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)
