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

from reportgen.charts import style
from reportgen.charts.alttext import scatter_alt, scatter_title
from reportgen.charts.axes import value_axis
from reportgen.charts.cache import cached
from reportgen.charts.datatable import category_table, column_heading
from reportgen.model import Figure, Image
from reportgen.vocabulary import UnitLike, is_missing

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


def _draw(
    points: list[tuple[str, float, float, str]],
    fit: Fit | None,
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_unit: UnitLike,
    y_unit: UnitLike,
    size: tuple[float, float],
    alt: str,
) -> Image:
    fig = style.new_figure(*size)
    ax = fig.add_subplot()
    marks = {  # kind: (marker, area pt^2, face, edge, zorder, legend)
        "other": ("o", 14, "#9A9A9A", "none", 2, "Other areas"),
        "neighbour": ("^", 42, style.NEIGHBOUR, style.TEXT, 3, "Statistical neighbours"),
        "council": ("D", 60, style.COUNCIL, style.TEXT, 4, None),
    }
    for kind, (marker, area, face, edge, z, legend) in marks.items():
        group = [p for p in points if p[3] == kind]
        if not group:
            continue
        ax.scatter(
            [p[1] for p in group],
            [p[2] for p in group],
            s=area,
            marker=marker,
            c=face,
            edgecolors=edge,
            linewidths=0.6,
            zorder=z,
            label=legend or group[0][0],
        )
        if kind == "council":
            for name, x, y, _ in group:
                ax.annotate(
                    name,
                    (x, y),
                    xytext=(6, 6),
                    textcoords="offset points",
                    fontweight="bold",
                    fontsize=style.FONT_SIZE,
                    zorder=5,
                    bbox={
                        "boxstyle": "square,pad=0.15",
                        "fc": "white",
                        "ec": "none",
                        "alpha": 0.85,
                    },
                )
    if fit is not None:
        xs = np.array([min(p[1] for p in points), max(p[1] for p in points)])
        ax.plot(
            xs,
            fit.predict(xs),  # type: ignore[arg-type]
            color=style.TEXT,
            lw=1.1,
            zorder=3,
            label="Line of best fit (all areas)",
        )
    value_axis(ax, x_unit, which="x")
    value_axis(ax, y_unit, which="y")
    ax.set_xlabel(x_label)
    ax.set_ylabel(style.wrap(y_label, size[1] - 35, style.FONT_SIZE))
    style.add_legend(fig, None, size[0])
    style.add_title(fig, title, size[0])
    return style.to_image(fig, title=title, alt=alt)


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
) -> Figure:
    """All areas as small grey points, neighbours as triangles, the council as a labelled
    diamond, and (``fit_line``) the least-squares line through every area.

    Points with a missing x or y are left off the chart but kept in the data table.
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
        image = _draw(
            known,
            fit,
            title=title,
            x_label=x_label,
            y_label=y_label,
            x_unit=x_unit,
            y_unit=y_unit,
            size=size,
            alt=alt,
        )
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)
