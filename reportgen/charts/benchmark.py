"""Horizontal bar charts: benchmarking against other areas, and demographic breakdowns.

The Derby performance surgery paper's graph two compares the council with its comparator
authorities. Bars are sorted
best to worst by polarity so "top" always means "best". The council is picked out three
ways (colour, hatching and a bold label) so the chart still works in greyscale print and
for colour-blind readers; England and the region are outlined bars, not solid, because
they are reference points rather than peers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure as MplFigure

from reportgen.charts import marks, style
from reportgen.charts.alttext import (
    Item,
    benchmark_alt,
    benchmark_title,
    breakdown_alt,
    breakdown_title,
)
from reportgen.charts.axes import nice_ticks, offset, tick_texts, value_axis
from reportgen.charts.cache import cached
from reportgen.charts.datatable import category_table, column_heading
from reportgen.charts.summary import as_float
from reportgen.model import Figure, Image
from reportgen.vocabulary import UnitLike, axis_unit_words, fmt_value, is_missing

KINDS = ("council", "england", "region", "neighbour")
KIND_WORDS = {
    "council": "Council",
    "england": "England",
    "region": "Region",
    "neighbour": "Statistical neighbour",
}

#: (face, edge, hatch, linewidth, edge line style) per kind. Every bar is named on the
#: axis, so there is no legend: the council is orange, hatched and named in bold (three
#: signals, not colour alone); neighbours are plain turquoise bars (3.2:1 on white, no
#: outline needed); England and the region are reference values, drawn as outlines
#: (solid and dashed), not as peers.
_BAR_STYLE: dict[str, tuple[str, str, str, float, str]] = {
    "council": (style.COUNCIL, style.TEXT, style.COUNCIL_HATCH, 0.8, "solid"),
    "neighbour": (style.NEIGHBOUR, "none", "", 0.0, "solid"),
    "england": ("white", style.TEXT, "", 1.2, "solid"),
    "region": ("white", style.TEXT, "", 1.2, "dashed"),
}


def sort_items(items: Sequence[Item], polarity: str) -> list[Item]:
    """Best first by polarity; areas with no value go last, in their given order."""
    known = [it for it in items if not is_missing(it[1])]
    missing = [it for it in items if is_missing(it[1])]
    known.sort(key=lambda it: float(it[1]), reverse=(polarity != "lower"))  # type: ignore[arg-type]
    return known + missing


def _auto_height(n: int) -> float:
    """Enough height for each bar's 9 pt label plus the title and the value axis."""
    return min(240.0, 30.0 + 6.2 * n)


def _bar_values(
    ax: Axes, values: Sequence[float | None], unit: UnitLike, bold: Sequence[bool]
) -> None:
    """Values printed at the bar ends, so nobody reads numbers off the axis."""
    place = offset(ax, 3, 0)
    for i, (value, strong) in enumerate(zip(values, bold, strict=True)):
        x = 0.0 if is_missing(value) else max(float(value), 0.0)  # type: ignore[arg-type]
        ax.text(
            x,
            i,
            fmt_value(value, unit),
            transform=place,
            ha="left",
            va="center",
            fontsize=style.TICK_SIZE,
            color=style.TEXT,
            fontweight="bold" if strong else "normal",
        )


def _value_ticks(values: Sequence[float | None]) -> list[float]:
    known = [float(v) for v in values if not is_missing(v)]  # type: ignore[arg-type]
    return nice_ticks(min([0.0, *known]), max([0.0, *known]) or 1.0)


def _bars_frame(
    names: Sequence[str],
    bold: Sequence[bool],
    values: Sequence[float | None],
    ticks: list[float],
    unit: UnitLike,
    title: str,
    size: tuple[float, float],
) -> tuple[tuple[float, float, float, float], style.Frame, float]:
    """The bars' axes rectangle, placed from the measured names and values; the frame;
    the plot's centre in mm (for the value axis's title)."""
    width, height = size
    frame = style.Frame(width, height)
    left = max(style.text_mm(n, style.TICK_SIZE, bold=b) for n, b in zip(names, bold, strict=True))
    left += 3.0
    texts = [fmt_value(v, unit) for v in values] + tick_texts(ticks[-1:], unit)
    right = max(style.text_mm(t, style.TICK_SIZE, bold=True) for t in texts) + 3.0
    top = style.title_height(title, width)
    bottom = style.line_mm(style.TICK_SIZE) + style.line_mm(style.FONT_SIZE) + 4.5
    rect = frame.rect(left, bottom, width - left - right, height - top - bottom)
    return rect, frame, left + (width - left - right) / 2


def _name_axis(ax: Axes, names: Sequence[str], bold: Sequence[bool]) -> None:
    """Each bar's name at its left, as plain text (a tick per bar costs two lines and two
    texts each); the council's name in bold, so it is not told by colour alone."""
    ax.yaxis.set_visible(False)  # no ticks: nothing of it is drawn or measured
    place = offset(ax, -4, 0, ax.get_yaxis_transform())
    for i, (name, strong) in enumerate(zip(names, bold, strict=True)):
        ax.text(
            0,
            i,
            name,
            transform=place,
            ha="right",
            va="center",
            fontsize=style.TICK_SIZE,
            fontweight="bold" if strong else "normal",
            color=style.TEXT,
        )
    ax.set_ylim(len(names) - 0.5, -0.5)  # first at the top
    ax.spines["left"].set_visible(False)


def _x_title(fig: MplFigure, frame: style.Frame, centre: float, unit: UnitLike) -> None:
    fig.text(
        frame.x(centre),
        frame.y(1.0),
        axis_unit_words(unit),
        ha="center",
        va="bottom",
        fontsize=style.FONT_SIZE,
        color=style.TEXT,
    )


def _draw_bars(ax: Axes, kinds: Sequence[str], values: Sequence[float]) -> None:
    """One collection per kind of bar (a patch per bar costs a transform each)."""
    for kind in dict.fromkeys(kinds):
        face, edge, hatch, lw, ls = _BAR_STYLE[kind]
        at = [i for i, k in enumerate(kinds) if k == kind]
        marks.bars(
            ax,
            at,
            [values[i] for i in at],
            horizontal=True,
            facecolors=face,
            edgecolors=edge,
            hatch=hatch or None,
            linewidths=lw,
            linestyles=ls,
        )


def _draw_benchmark(
    ordered: list[Item],
    *,
    title: str,
    unit: UnitLike,
    size: tuple[float, float],
    alt: str,
) -> Image:
    names = [name for name, _, _ in ordered]
    values = [v for _, v, _ in ordered]
    kinds = [kind for _, _, kind in ordered]
    numbers = [as_float(v) for v in values]
    bold = [k == "council" for k in kinds]
    return _bar_chart(
        names, bold, values, lambda ax: _draw_bars(ax, kinds, numbers), unit, title, size, alt
    )


def _bar_chart(
    names: Sequence[str],
    bold: Sequence[bool],
    values: Sequence[float | None],
    bars: Callable[[Axes], None],
    unit: UnitLike,
    title: str,
    size: tuple[float, float],
    alt: str,
) -> Image:
    """A horizontal bar chart, one bar a name (``bold`` names marked), with value labels,
    value axis and title: the benchmark and breakdown charts differ only in ``bars``."""
    ticks = _value_ticks(values)
    rect, frame, centre = _bars_frame(names, bold, values, ticks, unit, title, size)
    with style.figure_with_axes("bars", size, [rect]) as (fig, (ax,)):
        bars(ax)
        _name_axis(ax, names, bold)
        value_axis(ax, unit, ticks, which="x")
        _bar_values(ax, values, unit, bold)
        _x_title(fig, frame, centre, unit)
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
        image = _draw_benchmark(ordered, title=title, unit=unit, size=size, alt=alt)
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)


def _draw_breakdown(
    categories: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    unit: UnitLike,
    size: tuple[float, float],
    alt: str,
    highlight: str | None = None,
) -> Image:
    marked = [c == highlight for c in categories]
    numbers = [as_float(v) for v in values]
    return _bar_chart(
        categories,
        marked,
        values,
        lambda ax: _breakdown_bars(ax, marked, numbers),
        unit,
        title,
        size,
        alt,
    )


def _breakdown_bars(ax: Axes, marked: Sequence[bool], numbers: Sequence[float]) -> None:
    """Plain bars, and the highlighted one drawn as the council is in benchmark charts."""
    for strong in (False, True):
        at = [i for i, m in enumerate(marked) if m == strong]
        marks.bars(
            ax,
            at,
            [numbers[i] for i in at],
            horizontal=True,
            facecolors=style.COUNCIL if strong else style.SERIES,
            edgecolors=style.TEXT if strong else "none",
            hatch=style.COUNCIL_HATCH if strong else None,
            linewidths=0.8 if strong else 0.0,
        )


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
    size = size or (170.0, min(200.0, 26.0 + 6.2 * len(cats)))
    with style.chart_context():
        image = _draw_breakdown(
            cats, vals, title=title, unit=unit, size=size, alt=alt, highlight=highlight
        )
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)
