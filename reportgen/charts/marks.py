"""Marks drawn as few matplotlib artists as possible: bars, gridlines, plain lines.

Why: each matplotlib artist costs a transform, a limits update and, in the SVG, an
element with its own style and clip path. A chart's bars and gridlines are many shapes
in one style that neither touch nor overlap, so one path draws the same pixels as a
path each (``tests/charts/test_lean.py`` rasterises both with Typst to check).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path


def bars(
    ax: Any,
    positions: Sequence[float],
    values: Sequence[float],
    *,
    horizontal: bool = False,
    thickness: float = 0.7,
    **props: Any,
) -> None:
    """Plain bars as one artist: a patch per bar (``ax.bar``) costs a transform and a
    limits update each, a third of a trend chart's time; missing values draw nothing.

    Bars filled and not outlined (most of them) are one path of many boxes: the same
    pixels as a box each, for one SVG element instead of one per bar. Outlined or
    hatched bars stay a collection (their strokes and hatching as before)."""
    half = thickness / 2
    boxes = []
    for at, value in zip(positions, values, strict=True):
        if value != value:  # NaN: a gap
            continue
        if horizontal:
            boxes.append([(0, at - half), (value, at - half), (value, at + half), (0, at + half)])
        else:
            boxes.append([(at - half, 0), (at + half, 0), (at + half, value), (at - half, value)])
    if props.get("edgecolors") == "none" and not props.get("hatch"):
        if boxes:
            ax.add_artist(
                compound(boxes, closed=True, facecolor=props["facecolors"], edgecolor="none")
            )
        return
    from matplotlib.collections import PolyCollection

    ax.add_collection(PolyCollection(boxes, zorder=2, **props), autolim=False)


def compound(shapes: Sequence[Sequence[tuple[float, float]]], *, closed: bool, **props: Any) -> Any:
    """One patch drawing many shapes that neither touch nor overlap (boxes, gridlines):
    what a collection draws as an SVG path each, as one path (``zorder`` 2 by default,
    a collection's). Not added to the data limits: these axes' limits are set."""
    vertices: list[tuple[float, float]] = []
    codes: list[Any] = []
    for shape in shapes:
        vertices += [*shape, shape[0]] if closed else list(shape)
        codes += [Path.MOVETO] + [Path.LINETO] * (len(shape) - 1)
        codes += [Path.CLOSEPOLY] if closed else []
    path = Path(np.array(vertices, dtype=float), np.array(codes, dtype=np.uint8))
    return PathPatch(path, **{"zorder": 2, **props})


def line(ax: Any, x: Any, y: Any, **props: Any) -> Any:
    """A line added as ``Axes.plot`` adds it, without its argument parsing and colour
    cycle: for axes whose limits the family sets itself (nothing autoscales to it)."""
    return ax.add_line(Line2D(x, y, **props))
