"""Direct labels placed where they cover nothing: the council's name on a scatter plot.

Why measured, not guessed: a fixed offset put "Example Borough" over comparator triangles
(the output review's scatter close-ups). Each candidate position is tried in turn, nearest
first, and its extent measured with the renderer (``Text.get_window_extent``) against every
marker's box, the labels already placed, the tick labels and the plot's edges; the first
that touches none wins. A label moved away from its point gets a thin leader line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.collections import PathCollection
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from reportgen.charts import style

#: (dx, dy) offsets in points, nearest first, in eight directions at growing distances.
_DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
_DISTANCES = (6.0, 12.0, 20.0, 30.0, 44.0, 60.0)
#: Offsets beyond this many points draw a leader line back to the point.
_LEADER_FROM = 10.0
_PAD_PX = 1.5


def _align(dx: int, dy: int) -> tuple[str, str]:
    return ("left" if dx > 0 else "right" if dx < 0 else "center"), (
        "bottom" if dy > 0 else "top" if dy < 0 else "center"
    )


def marker_boxes(ax: Axes, points: Sequence[tuple[str, float, float, str]]) -> list[Bbox]:
    """Display-space boxes of every plotted marker (from the collections' sizes)."""
    boxes = []
    scale = ax.figure.dpi / 72.0
    for coll in ax.collections:
        if not isinstance(coll, PathCollection):  # gridlines, not markers
            continue
        offsets = np.asarray(coll.get_offsets())
        sizes = coll.get_sizes()
        if not offsets.size:
            continue
        xy = ax.transData.transform(offsets)
        for i, (px, py) in enumerate(xy):
            half = math.sqrt(float(sizes[i % len(sizes)])) / 2 * scale + _PAD_PX
            boxes.append(Bbox.from_extents(px - half, py - half, px + half, py + half))
    return boxes


def text_box(note: Annotation, renderer: RendererBase) -> Bbox:
    """The box of a label's text alone (an annotation's own extent includes its leader);
    its offset is resolved first, as drawing would."""
    note.update_positions(renderer)
    return Text.get_window_extent(note, renderer)


def _fixed_text_boxes(ax: Axes, renderer: RendererBase) -> list[Bbox]:
    """Tick labels (drawn as plain texts by ``axes.value_axis``) and any other text."""
    labels = [*ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts]
    return [
        text_box(t, renderer) if isinstance(t, Annotation) else t.get_window_extent(renderer)
        for t in labels
        if t.get_text()
    ]


def _clear(box: Bbox, inside: Bbox, others: Sequence[Bbox]) -> int:
    """How many things ``box`` covers (0 = a good place); leaving the plot counts 100."""
    if not (
        box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1
    ):
        return 100
    return sum(1 for other in others if box.overlaps(other))


def place_label(
    ax: Axes,
    text: str,
    xy: tuple[float, float],
    points: Sequence[tuple[str, float, float, str]],
    placed: list[Bbox] | None = None,
) -> Annotation:
    """Annotate ``xy`` with ``text`` at the nearest position that covers no marker, no
    other label and stays inside the plot; returns the annotation (its box is appended to
    ``placed`` so later labels avoid it)."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    placed = placed if placed is not None else []
    obstacles = [*marker_boxes(ax, points), *placed, *_fixed_text_boxes(ax, renderer)]
    own = ax.transData.transform([xy])[0]
    obstacles = [b for b in obstacles if not b.contains(*own)]  # its own marker
    inside = ax.get_window_extent(renderer)
    best: tuple[int, Annotation] | None = None
    for distance in _DISTANCES:
        for dx, dy in _DIRECTIONS:
            note = _annotation(ax, text, xy, (dx * distance, dy * distance), dx, dy)
            score = _clear(text_box(note, renderer), inside, obstacles)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, note)
            else:
                note.remove()
            if score == 0:
                return _finish(best[1], renderer, placed)
    assert best is not None
    return _finish(best[1], renderer, placed)


def _annotation(
    ax: Axes, text: str, xy: tuple[float, float], offset: tuple[float, float], dx: int, dy: int
) -> Annotation:
    ha, va = _align(dx, dy)
    leader = math.hypot(*offset) >= _LEADER_FROM
    return ax.annotate(
        text,
        xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontweight="bold",
        fontsize=style.FONT_SIZE,
        color=style.TEXT,
        zorder=6,
        annotation_clip=False,
        arrowprops=(
            {"arrowstyle": "-", "color": style.TEXT, "lw": 0.6, "shrinkA": 1, "shrinkB": 4}
            if leader
            else None
        ),
    )


def _finish(note: Annotation, renderer: RendererBase, placed: list[Bbox]) -> Annotation:
    placed.append(text_box(note, renderer))
    return note
