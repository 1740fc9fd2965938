"""Horizontal bar charts: benchmarking against other areas, and demographic breakdowns.

The Derby performance surgery paper's graph two compares the council with its comparator
authorities. Bars are sorted
best to worst by polarity so "top" always means "best". The council is picked out three
ways (colour, hatching and a bold label) so the chart still works in greyscale print and
for colour-blind readers; England and the region are outlined bars, not solid, because
they are reference points rather than peers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from reportgen.charts import style
from reportgen.charts.alttext import (
    Item,
    benchmark_alt,
    benchmark_title,
    breakdown_alt,
    breakdown_title,
)
from reportgen.charts.axes import axis_label, value_axis
from reportgen.charts.cache import cached
from reportgen.charts.datatable import category_table, column_heading
from reportgen.charts.summary import as_float
from reportgen.model import Figure, Image
from reportgen.vocabulary import UnitLike, fmt_value, is_missing

KINDS = ("council", "england", "region", "neighbour")
KIND_WORDS = {
    "council": "Council",
    "england": "England",
    "region": "Region",
    "neighbour": "Statistical neighbour",
}

#: (face, edge, hatch, linewidth) per kind. The region is hatched with horizontal lines,
#: not dots: matplotlib writes every dot of a dotted hatch as a path of its own, and
#: WeasyPrint drawing them cost 0.07 s per benchmark chart (a quarter of the PDF write of
#: the example report); lines cost nothing measurable and read as clearly against the
#: council's diagonal hatch.
_BAR_STYLE: dict[str, tuple[str, str, str, float]] = {
    "council": (style.COUNCIL, style.TEXT, style.COUNCIL_HATCH, 0.8),
    "neighbour": (style.NEIGHBOUR, style.TEXT, "", 0.6),  # dark edge: 3:1 non-text contrast
    "england": ("white", style.TEXT, "", 1.2),
    "region": ("white", style.MUTED, "---", 1.0),
}


def sort_items(items: Sequence[Item], polarity: str) -> list[Item]:
    """Best first by polarity; areas with no value go last, in their given order."""
    known = [it for it in items if not is_missing(it[1])]
    missing = [it for it in items if is_missing(it[1])]
    known.sort(key=lambda it: float(it[1]), reverse=(polarity != "lower"))  # type: ignore[arg-type]
    return known + missing


def _legend_word(kind: str, items: Sequence[Item]) -> str:
    """The council's own name in the key ('Derby'), the kind for everything else."""
    if kind == "council":
        return next(name for name, _, k in items if k == "council")
    return KIND_WORDS[kind]


def _auto_height(n: int) -> float:
    """Enough height for each bar's label at 8 pt plus title, axis and legend."""
    return min(240.0, 34.0 + 6.0 * n)


def _bar_values(
    ax: Axes, values: Sequence[float | None], unit: UnitLike, bold: Sequence[bool]
) -> None:
    """Values printed at the bar ends, so nobody reads numbers off the axis."""
    for i, (value, strong) in enumerate(zip(values, bold, strict=True)):
        x = 0.0 if is_missing(value) else float(value)  # type: ignore[arg-type]
        ax.annotate(
            fmt_value(value, unit),
            (x, i),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=style.TICK_SIZE,
            color=style.TEXT,
            fontweight="bold" if strong else "normal",
        )


def _value_room(ax: Axes, values: Sequence[float | None]) -> None:
    known = [float(v) for v in values if not is_missing(v)]  # type: ignore[arg-type]
    hi = max([0.0, *known])
    lo = min([0.0, *known])
    ax.set_xlim(lo * 1.15, hi * 1.15 if hi > 0 else 1.0)


def _draw_benchmark(
    ordered: list[Item],
    *,
    title: str,
    unit: UnitLike,
    label: str,
    polarity: str,
    size: tuple[float, float],
    alt: str,
) -> Image:
    fig = style.new_figure(*size)
    ax = fig.add_subplot()
    y = np.arange(len(ordered))
    for i, (_, value, kind) in enumerate(ordered):
        face, edge, hatch, lw = _BAR_STYLE[kind]
        ax.barh(
            i,
            as_float(value),
            height=0.7,
            color=face,
            edgecolor=edge,
            hatch=hatch,
            linewidth=lw,
            zorder=2,
        )
    ax.set_yticks(y, [name for name, _, _ in ordered])
    for tick, (_, _, kind) in zip(ax.get_yticklabels(), ordered, strict=True):
        if kind == "council":
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(ordered) - 0.5, -0.5)  # best at the top
    value_axis(ax, unit, which="x")
    _value_room(ax, [v for _, v, _ in ordered])
    _bar_values(ax, [v for _, v, _ in ordered], unit, [k == "council" for _, _, k in ordered])
    ax.set_xlabel(axis_label(label, polarity))
    present = [k for k in KINDS if any(it[2] == k for it in ordered)]
    handles = [
        Patch(
            facecolor=_BAR_STYLE[k][0],
            edgecolor=_BAR_STYLE[k][1],
            hatch=_BAR_STYLE[k][2],
            linewidth=max(_BAR_STYLE[k][3], 0.8),
            label=_legend_word(k, ordered),
        )
        for k in present
    ]
    style.add_legend(fig, handles, size[0])
    style.add_title(fig, title, size[0])
    return style.to_image(fig, title=title, alt=alt)


@cached
def benchmark_bar_chart(
    *,
    title: str | None = None,
    items: Sequence[Item],
    unit: UnitLike,
    label: str,
    polarity: str = "higher",
    size: tuple[float, float] | None = None,
    caption: str | None = None,
) -> Figure:
    """Horizontal bars for the council, England, the region and neighbours, best first.

    ``items`` are (name, value, kind) with kind in council/england/region/neighbour.
    ``size=None`` grows the height with the number of bars (170 mm wide).
    """
    for name, _, kind in items:
        if kind not in KINDS:
            raise ValueError(f"benchmark item {name!r}: kind {kind!r} not in {KINDS}")
    if not items:
        raise ValueError("benchmark_bar_chart needs at least one item")
    ordered = sort_items(items, polarity)
    title = title or benchmark_title(label, unit, ordered)
    alt = benchmark_alt(label=label, unit=unit, polarity=polarity, items=ordered)
    table = category_table(
        first="Area",
        names=[it[0] for it in ordered],
        extra=("Type", [KIND_WORDS[it[2]] for it in ordered]),
        columns=[(column_heading(label, unit), [it[1] for it in ordered], unit)],
        caption=f"Data for: {title}",
    )
    size = size or (170.0, _auto_height(len(ordered)))
    with style.chart_context():
        image = _draw_benchmark(
            ordered, title=title, unit=unit, label=label, polarity=polarity, size=size, alt=alt
        )
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)


def _draw_breakdown(
    categories: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    unit: UnitLike,
    label: str,
    size: tuple[float, float],
    alt: str,
    highlight: str | None = None,
) -> Image:
    fig = style.new_figure(*size)
    ax = fig.add_subplot()
    marked = [c == highlight for c in categories]
    y = np.arange(len(categories))
    ax.barh(
        y,
        [as_float(v) for v in values],
        height=0.7,
        zorder=2,
        color=[style.COUNCIL if m else style.SERIES for m in marked],
        hatch=[style.COUNCIL_HATCH if m else "" for m in marked],
        edgecolor=[style.TEXT if m else style.SERIES for m in marked],
        linewidth=[0.8 if m else 0.0 for m in marked],
    )
    ax.set_yticks(y, list(categories))
    for tick, m in zip(ax.get_yticklabels(), marked, strict=True):
        if m:  # the highlighted bar is named in bold, not told by colour alone
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(categories) - 0.5, -0.5)  # first category at the top
    value_axis(ax, unit, which="x")
    _value_room(ax, values)
    _bar_values(ax, values, unit, marked)
    ax.set_xlabel(label)
    style.add_title(fig, title, size[0])
    return style.to_image(fig, title=title, alt=alt)


@cached
def bar_breakdown_chart(
    *,
    title: str | None = None,
    categories: Sequence[str],
    values: Sequence[float | None],
    unit: UnitLike = "percent",
    label: str,
    sort: bool = False,
    size: tuple[float, float] | None = None,
    caption: str | None = None,
    highlight: str | None = None,
) -> Figure:
    """Simple horizontal bars for a breakdown (gender, ethnicity, age band).

    Categories keep their given order unless ``sort=True`` (age bands have a natural
    order that sorting by size would destroy). ``highlight`` names one category drawn as
    the council is in benchmark charts (orange, hatched, label in bold): a locality
    among its siblings.
    """
    if len(categories) != len(values):
        raise ValueError(f"{len(categories)} categories but {len(values)} values")
    if not categories:
        raise ValueError("bar_breakdown_chart needs at least one category")
    pairs = list(zip(categories, values, strict=True))
    if sort:
        pairs = [(c, v) for c, v, _ in sort_items([(c, v, "") for c, v in pairs], "higher")]
    cats, vals = [c for c, _ in pairs], [v for _, v in pairs]
    title = title or breakdown_title(label, unit, cats, vals)
    alt = breakdown_alt(label, unit, cats, vals)
    if highlight is not None:
        if highlight not in cats:
            raise ValueError(f"highlight {highlight!r} is not one of the categories")
        alt += f" {highlight} is highlighted."
    table = category_table(
        first="Group",
        names=cats,
        columns=[(column_heading(label, unit), vals, unit)],
        caption=f"Data for: {title}",
    )
    size = size or (170.0, min(200.0, 26.0 + 6.0 * len(cats)))
    with style.chart_context():
        image = _draw_breakdown(
            cats, vals, title=title, unit=unit, label=label, size=size, alt=alt, highlight=highlight
        )
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)
