"""Trend chart: one indicator over time against its target, with optional count bars.

The Derby performance surgery paper's graph one: the rate as a line, the annual target as a dashed
step line and the
monthly count of children as bars on a second axis, so members see how whole numbers
move the rate. Missing periods are gaps, never interpolated: an invented point would be
a number nobody measured.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from reportgen.charts import style
from reportgen.charts.alttext import trend_alt, trend_title
from reportgen.charts.axes import axis_label, period_axis, value_axis
from reportgen.charts.cache import cached
from reportgen.charts.datatable import column_heading, series_table
from reportgen.charts.summary import as_float, summarise
from reportgen.model import Figure, Image
from reportgen.vocabulary import UnitLike, fmt_value


def _check_lengths(periods: Sequence[str], **series: Sequence[float | None] | None) -> None:
    for name, values in series.items():
        if values is not None and len(values) != len(periods):
            raise ValueError(f"trend_chart: {len(periods)} periods but {len(values)} {name}")


def _count_bars(
    ax: Axes, x: np.ndarray, counts: Sequence[float | None], label: str, height_mm: float
) -> Axes:
    """Counts on a right-hand axis, drawn *behind* the line they explain."""
    axc = ax.twinx()
    axc.bar(
        x,
        [as_float(c) for c in counts],
        width=0.7,
        color=style.COUNT_BARS,
        edgecolor="none",
        label=label,
    )
    axc.spines["right"].set_visible(True)
    value_axis(axc, "count")
    axc.grid(False)
    axc.set_ylabel(style.wrap(label, height_mm - 30, style.FONT_SIZE))
    axc.set_ylim(0, axc.get_ylim()[1] * 1.15)
    ax.set_zorder(axc.get_zorder() + 1)  # line above bars
    ax.patch.set_visible(False)
    return axc


def _label_latest(ax: Axes, y: np.ndarray, unit: UnitLike) -> None:
    """Print the latest value beside its point: the number the narrative will quote."""
    known = np.flatnonzero(~np.isnan(y))
    if known.size == 0:
        return
    i = int(known[-1])
    ax.annotate(
        fmt_value(float(y[i]), unit),
        (i, float(y[i])),
        xytext=(5, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontweight="bold",
        fontsize=style.FONT_SIZE,
        color=style.TEXT,
        zorder=5,
        bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
    )


def _draw(
    *,
    title: str,
    periods: Sequence[str],
    values: Sequence[float | None],
    unit: UnitLike,
    label: str,
    target: Sequence[float | None] | None,
    counts: Sequence[float | None] | None,
    count_label: str,
    polarity: str,
    size: tuple[float, float],
    alt: str,
) -> Image:
    n = len(periods)
    x = np.arange(n)
    y = np.array([as_float(v) for v in values], dtype=float)
    fig = style.new_figure(*size)
    ax = fig.add_subplot()
    handles: list[Artist] = []
    if counts is not None:
        _count_bars(ax, x, counts, count_label, size[1])
        handles.append(Patch(color=style.COUNT_BARS, label=count_label))
    (line,) = ax.plot(x, y, color=style.SERIES, lw=1.8, marker="o", ms=3.2, label=label, zorder=3)
    handles.insert(0, line)
    if target is not None:
        (tline,) = ax.plot(
            x,
            [as_float(t) for t in target],
            drawstyle="steps-mid",
            color=style.TARGET,
            lw=1.1,
            ls=(0, (4, 2)),
            label="Target",
            zorder=2,
        )
        handles.insert(1, tline)
    _label_latest(ax, y, unit)
    value_axis(ax, unit)
    period_axis(ax, periods, width_mm=size[0] - (55 if counts is not None else 35))
    ax.set_xlim(-0.6, n - 0.7 + 0.3 + 0.09 * (n + 1))  # room for the latest label
    ax.margins(y=0.12)
    ax.set_ylabel(style.wrap(axis_label(label, polarity), size[1] - 30, style.FONT_SIZE))
    if len(handles) > 1:
        style.add_legend(fig, handles, size[0])
    style.add_title(fig, title, size[0])
    return style.to_image(fig, title=title, alt=alt)


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
    size: tuple[float, float] = (170, 85),
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
    title = title or trend_title(label, unit, summarise(periods, values))
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
            label=label,
            target=target,
            counts=counts,
            count_label=count_label,
            polarity=polarity,
            size=size,
            alt=alt,
        )
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)
