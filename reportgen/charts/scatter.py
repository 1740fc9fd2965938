"""Scatter chart: every council on two measures, with a least-squares line.

The Derby performance surgery paper's graphs three and four plot the children-in-care rate against
deprivation for
all 152 councils, comparators picked out and the council labelled, with the national
line of best fit. The question the chart answers is "are we higher than our deprivation
predicts?", so the alt text states the correlation and where the council sits relative
to the line, not just the coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure as MplFigure
from matplotlib.lines import Line2D

from reportgen.charts import style
from reportgen.charts.alttext import scatter_alt, scatter_title
from reportgen.charts.axes import nice_ticks, tick_texts, value_axis
from reportgen.charts.cache import cached
from reportgen.charts.datatable import category_table, column_heading
from reportgen.charts.labels import place_label
from reportgen.model import Figure
from reportgen.vocabulary import (
    UnitLike,
    axis_unit_words,
    is_missing,
    lower_first,
)

ScatterPoint = tuple[str, float | None, float | None, str]
KINDS = ("council", "neighbour", "other")
KIND_WORDS = {"council": "Council", "neighbour": "Statistical neighbour", "other": "Other area"}


@dataclass(frozen=True)
class Fit:
    """y = slope * x + intercept, with Pearson's r, over ``n`` points."""

    slope: float
    intercept: float
    r: float
    n: int

    def predict(self, x: float) -> float:
        return self.slope * x + self.intercept


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> Fit | None:
    """Ordinary least-squares line (numpy.polyfit); None if a line is meaningless.

    Needs three points and some spread in both x and y, otherwise r is undefined.
    """
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    if x.size < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    r = float(np.corrcoef(x, y)[0, 1])
    return Fit(float(slope), float(intercept), r, int(x.size))


def _known(points: Sequence[ScatterPoint]) -> list[tuple[str, float, float, str]]:
    return [
        (n, float(x), float(y), k)  # type: ignore[arg-type]
        for n, x, y, k in points
        if not is_missing(x) and not is_missing(y)
    ]


def _ordered(points: Sequence[ScatterPoint]) -> list[ScatterPoint]:
    """Council first, then neighbours, then everyone else, alphabetical within each."""
    return sorted(points, key=lambda p: (KINDS.index(p[3]), p[0].casefold()))


#: kind: (marker, area pt^2, face, edge, zorder)
MARKS: dict[str, tuple[str, float, str, str, int]] = {
    "other": ("o", 14, style.OTHER, "none", 2),
    "neighbour": ("^", 42, style.NEIGHBOUR, style.TEXT, 3),
    "council": ("D", 60, style.COUNCIL, style.TEXT, 4),
}
KEY_WORDS = {"neighbour": "Statistical neighbours", "other": "Other areas"}
FIT_WORDS = "Line of best fit (all areas)"


def axis_title(label: str, unit: UnitLike, year: str | None) -> str:
    """'Children in care rate (per 10,000 children, 2015/16)': what, in what unit, when.
    A label that brings its own brackets ('(IDACI, %)') keeps them, the year added."""
    if label.endswith(")"):
        return f"{label[:-1]}, {year})" if year else label
    unit_text = axis_unit_words(unit)
    unit_text = unit_text[5:] if unit_text.startswith("Rate ") else lower_first(unit_text)
    parts = [p for p in (unit_text, year) if p]
    return f"{label} ({', '.join(parts)})"


def _ticks(values: Sequence[float]) -> list[float]:
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.05 or 1.0
    return nice_ticks(lo - pad, hi + pad)


def _key(fig: MplFigure, frame: style.Frame, kinds: Sequence[str], fit: bool) -> None:
    """A one-line key under the chart for the marker shapes (the council is labelled on
    the chart itself); drawn as plain artists, not a legend box."""
    x = 2.0
    for kind in kinds:
        marker, area, face, edge, _ = MARKS[kind]
        fig.add_artist(
            Line2D(
                [frame.x(x + 1.5)],
                [frame.y(2.6)],
                marker=marker,
                markersize=area**0.5,
                markerfacecolor=face,
                markeredgecolor=edge,
                markeredgewidth=0.6,
                linestyle="none",
                transform=fig.transFigure,
            )
        )
        fig.text(
            frame.x(x + 4), frame.y(2.6), KEY_WORDS[kind], va="center", fontsize=style.TICK_SIZE
        )
        x += 8 + style.text_mm(KEY_WORDS[kind], style.TICK_SIZE)
    if fit:
        fig.add_artist(
            Line2D(
                [frame.x(x), frame.x(x + 6)],
                [frame.y(2.6)] * 2,
                color=style.TEXT,
                lw=1.1,
                transform=fig.transFigure,
            )
        )
        fig.text(frame.x(x + 8), frame.y(2.6), FIT_WORDS, va="center", fontsize=style.TICK_SIZE)


def _figure(
    points: list[tuple[str, float, float, str]],
    fit: Fit | None,
    *,
    title: str,
    x_title: str,
    y_title: str,
    x_unit: UnitLike,
    y_unit: UnitLike,
    size: tuple[float, float],
) -> MplFigure:
    """The scatter drawn at its final size, its council labels placed clear of the rest."""
    width, height = size
    frame = style.Frame(width, height)
    xt, yt = _ticks([p[1] for p in points]), _ticks([p[2] for p in points])
    left = max(style.text_mm(t, style.TICK_SIZE) for t in tick_texts(yt, y_unit)) + 3.0
    top = style.title_height(title, width) + style.line_mm(style.FONT_SIZE) + 1.5
    bottom = style.line_mm(style.TICK_SIZE) + style.line_mm(style.FONT_SIZE) + 10.0
    right = style.text_mm(tick_texts(xt[-1:], x_unit)[0], style.TICK_SIZE) / 2 + 2.0
    fig = style.new_figure(width, height)
    ax = style.add_axes(fig, frame.rect(left, bottom, width - left - right, height - top - bottom))
    for kind, (marker, area, face, edge, z) in MARKS.items():
        group = [p for p in points if p[3] == kind]
        if group:
            ax.scatter(
                [p[1] for p in group],
                [p[2] for p in group],
                s=area,
                marker=marker,
                c=face,
                edgecolors=edge,
                linewidths=0.6,
                zorder=z,
            )
    if fit is not None:
        xs = np.array([xt[0], xt[-1]])
        ax.plot(xs, fit.predict(xs), color=style.TEXT, lw=1.1, zorder=3)  # type: ignore[arg-type]
    value_axis(ax, x_unit, xt, which="x")
    value_axis(ax, y_unit, yt, which="y")
    style.axis_title(fig, frame, y_title, left - 2.0, height - top + 1.0)
    fig.text(
        frame.x(left + (width - left - right) / 2),
        frame.y(7.0),
        x_title,
        ha="center",
        va="bottom",
        fontsize=style.FONT_SIZE,
        color=style.TEXT,
    )
    _key(
        fig,
        frame,
        [k for k in ("neighbour", "other") if any(p[3] == k for p in points)],
        fit is not None,
    )
    style.add_title(fig, title, width)
    for name, x, y, kind in points:
        if kind == "council":
            place_label(ax, name, (x, y), points)
    return fig


@cached
def scatter_chart(
    *,
    title: str | None = None,
    points: Sequence[ScatterPoint],
    x_label: str,
    y_label: str,
    x_unit: UnitLike,
    y_unit: UnitLike,
    fit_line: bool = True,
    size: tuple[float, float] = (170, 110),
    caption: str | None = None,
    year: str | None = None,
    x_year: str | None = None,
) -> Figure:
    """All areas as small grey points, neighbours as triangles, the council as a labelled
    diamond, and (``fit_line``) the least-squares line through every area.

    Points with a missing x or y are left off the chart but kept in the data table.
    Axis titles carry the unit, and the figures' year ('2015/16') when given: ``year``
    for y, ``x_year`` for x.
    """
    for name, _, _, kind in points:
        if kind not in KINDS:
            raise ValueError(f"scatter point {name!r}: kind {kind!r} not in {KINDS}")
    known = _known(points)
    fit = least_squares([p[1] for p in known], [p[2] for p in known]) if fit_line else None
    r = fit.r if fit is not None else None
    council = next(((n, x, y) for n, x, y, k in known if k == "council"), None)
    neighbours = [p for p in known if p[3] == "neighbour"]
    above = (
        None
        if fit is None
        else (sum(1 for p in neighbours if p[2] > fit.predict(p[1])), len(neighbours))
    )
    title = title or scatter_title(y_label, x_label, r)
    alt = scatter_alt(
        x_label=x_label,
        y_label=y_label,
        x_unit=x_unit,
        y_unit=y_unit,
        n=len(known),
        r=r,
        council=council,
        predicted=None if fit is None or council is None else fit.predict(council[1]),
        neighbours_above=above,
    )
    ordered = _ordered(points)
    table = category_table(
        first="Area",
        names=[p[0] for p in ordered],
        extra=("Type", [KIND_WORDS[p[3]] for p in ordered]),
        columns=[
            (column_heading(x_label, x_unit), [p[1] for p in ordered], x_unit),
            (column_heading(y_label, y_unit), [p[2] for p in ordered], y_unit),
        ],
        caption=f"Data for: {title}",
    )
    with style.chart_context():
        fig = _figure(
            known,
            fit,
            title=title,
            x_title=axis_title(x_label, x_unit, x_year),
            y_title=axis_title(y_label, y_unit, year),
            x_unit=x_unit,
            y_unit=y_unit,
            size=size,
        )
        image = style.to_image(fig, title=title, alt=alt)
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)
