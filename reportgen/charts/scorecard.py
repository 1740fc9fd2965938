"""Scorecard graphics: row sparklines and the RAG scorecard table image.

The corporate parenting report and the board's scorecard both show one row per indicator
with its latest value, a red/amber/green rating and a direction-of-travel arrow, often
with a small trend line.
A rating is never shown by colour alone: every rating cell says the word, and every
arrow has its word beside it, because a fifth of a committee may be reading in greyscale.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from reportgen import vocabulary
from reportgen.charts import style
from reportgen.charts.alttext import scorecard_alt, sparkline_alt
from reportgen.charts.cache import cached
from reportgen.charts.datatable import series_table
from reportgen.charts.summary import as_float
from reportgen.model import RATINGS, Cell, Figure, Image, Table, cell
from reportgen.vocabulary import UnitLike, number_word

ScorecardRow = tuple[str, str, str, str]  # (indicator, value text, rating, direction)

#: direction as given -> (arrow, word). Improving/deteriorating come from the indicator
#: engine (polarity already applied); up/down are raw movement.
_UP, _DOWN, _FLAT = (vocabulary.ARROWS[k] for k in ("up", "down", "flat"))
DIRECTIONS: dict[str, tuple[str, str]] = {
    **{
        d: (arrow, vocabulary.direction_word(d).capitalize())
        for d, arrow in (
            ("improving", _UP),
            ("deteriorating", _DOWN),
            ("no change", _FLAT),
            ("up", _UP),
            ("down", _DOWN),
            ("broadly stable", _FLAT),
        )
    },
    "same": (_FLAT, "No change"),
    "flat": (_FLAT, "No change"),
    "stable": (_FLAT, "No change"),
    _UP: (_UP, "Up"),
    _DOWN: (_DOWN, "Down"),
    _FLAT: (_FLAT, "No change"),
    "": ("", ""),
}

_COLUMNS = (("Indicator", 88.0), ("Latest", 28.0), ("Rating", 24.0), ("Direction", 30.0))
_LINE_MM = 4.2  # one 9 pt line plus leading
_PAD_MM = 1.6


def direction_text(direction: str) -> str:
    """'improving' -> '↑ Improving'; unknown words pass through unchanged."""
    arrow, word = DIRECTIONS.get(direction.strip().lower(), ("", direction))
    return f"{arrow} {word}".strip()


def rating_word(rating: str) -> tuple[str | None, str]:
    """(model rating or None, word shown): 'Red' -> ('red', 'Red'); '' -> (None, 'Not rated')."""
    key = rating.strip().lower()
    if not key:
        return None, vocabulary.NOT_RATED
    if key not in RATINGS:
        raise ValueError(f"unknown rating {rating!r}; expected one of {RATINGS}")
    return key, vocabulary.rating_word(key)


# --- sparkline -------------------------------------------------------------------------


def _draw_sparkline(y: np.ndarray, size: tuple[float, float], alt: str) -> Image:
    with style.figure_with_axes("sparkline", size, [(0.03, 0.15, 0.90, 0.70)]) as (fig, (ax,)):
        _spark(ax, y)
        return style.to_image(fig, title="Trend", alt=alt)


def _spark(ax: Axes, y: np.ndarray) -> None:
    """The line, its latest point marked, y scaled to the data (a kept figure's axes
    forget the last chart's data limits: ``style.figure_with_axes``)."""
    ax.axis("off")
    ax.plot(np.arange(y.size), y, color=style.SERIES, lw=1.0, solid_capstyle="round")
    known = np.flatnonzero(~np.isnan(y))
    if known.size:
        last = int(known[-1])
        ax.plot([last], [y[last]], "o", color=style.SERIES, ms=2.4)  # where we are now
    ax.set_xlim(-0.3, max(y.size - 1, 1) + 0.3)
    ax.margins(y=0.12)


@cached
def sparkline(
    *,
    periods: Sequence[str],
    values: Sequence[float | None],
    unit: UnitLike,
    label: str | None = None,
    size: tuple[float, float] = (40, 10),
    caption: str | None = None,
) -> Figure:
    """A tiny trend line for a scorecard row: no axes, no text, latest point marked.

    The image carries no numbers (the row beside it does); the alt text says the span and
    direction ("Trend over twelve months: rising from 76.6 to 85.5 per 10,000").
    """
    if len(periods) != len(values):
        raise ValueError(f"{len(periods)} periods but {len(values)} values")
    if not periods:
        raise ValueError("sparkline needs at least one period")
    alt = sparkline_alt(periods, values, unit)
    heading = label or "Value"
    table = series_table(
        periods=periods,
        columns=[(heading, values, unit)],
        caption=f"Data for: {label}" if label else None,
    )
    y = np.array([as_float(v) for v in values], dtype=float)
    with style.chart_context():
        image = _draw_sparkline(y, size, alt)
    return Figure(
        image=image,
        alt=alt,
        caption=caption or (f"Trend: {label}" if label else "Trend"),
        data_table=table,
    )


# --- RAG scorecard ---------------------------------------------------------------------


def _wrap_cell(text: str, width_mm: float) -> list[str]:
    chars = max(8, int(width_mm / (style.FONT_SIZE * 0.5 * style.MM_PER_INCH / 72)))
    return textwrap.wrap(text, chars) or [""]


def _layout(rows: Sequence[tuple[str, str, str, str]]) -> list[tuple[list[list[str]], float]]:
    """Each row's wrapped cell lines and its height in mm."""
    out = []
    for row in rows:
        lines = [
            _wrap_cell(text, width - 2 * _PAD_MM)
            for text, (_, width) in zip(row, _COLUMNS, strict=True)
        ]
        height = max(len(ls) for ls in lines) * _LINE_MM + 2 * _PAD_MM
        out.append((lines, height))
    return out


_SWATCH_MM = 2.6


def _rating_cell(ax: Axes, x: float, top: float, width: float, height: float, rating: str) -> None:
    """The house tint behind the word, and a strong swatch (3:1 or more on white) before
    it: the word says the rating, the swatch is the mark a reader scans for."""
    ax.add_patch(
        Rectangle(
            (x + 0.4, top + 0.4),
            width - 0.8,
            height - 0.8,
            facecolor=style.RATING_FILL[rating],
            edgecolor="none",
        )
    )
    ax.add_patch(
        Rectangle(
            (x + _PAD_MM, top + (height - _SWATCH_MM) / 2),
            _SWATCH_MM,
            _SWATCH_MM,
            facecolor=style.RATING_MARK[rating],
            edgecolor="none",
        )
    )


def _draw_row(
    ax: Axes, top: float, lines: list[list[str]], height: float, *, rating: str | None, bold: bool
) -> None:
    x = 0.0
    for col, ((_, width), cell_lines) in enumerate(zip(_COLUMNS, lines, strict=True)):
        indent = 0.0
        if col == 2 and rating:
            _rating_cell(ax, x, top, width, height, rating)
            indent = _SWATCH_MM + 1.2
        align_right = col == 1
        ax.text(
            x + width - _PAD_MM if align_right else x + _PAD_MM + indent,
            top + height / 2,
            "\n".join(cell_lines),
            ha="right" if align_right else "left",
            va="center_baseline",
            fontsize=style.FONT_SIZE,
            fontweight="bold" if bold else "normal",
            color=style.TEXT,
            linespacing=1.25,
        )
        x += width
    ax.plot(
        [0, x],
        [top + height, top + height],
        color=style.GRID if not bold else style.TEXT,
        lw=0.6 if not bold else 0.9,
    )


def _draw_scorecard(
    display: list[tuple[str, str, str, str]], ratings: list[str | None], title: str, alt: str
) -> Image:
    header = tuple(name for name, _ in _COLUMNS)
    laid = _layout([header, *display])  # type: ignore[list-item]
    title_mm = 6.0 + _LINE_MM * (style.wrap(title, 170.0).count("\n"))
    width = sum(w for _, w in _COLUMNS)
    height = title_mm + sum(h for _, h in laid) + 1.0
    with style.figure_with_axes("scorecard", (width, height), [(0, 0, 1, 1)]) as (fig, (ax,)):
        _draw_table(ax, laid, ratings, title, width, height, title_mm)
        return style.to_image(fig, title=title, alt=alt)


def _draw_table(
    ax: Axes,
    laid: list[tuple[list[list[str]], float]],
    ratings: list[str | None],
    title: str,
    width: float,
    height: float,
    top: float,
) -> None:
    """The title and the rows on axes measured in millimetres, top down."""
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)  # millimetres, top down
    ax.axis("off")
    ax.text(
        0.5,
        1.0,
        style.wrap(title, width - 2),
        ha="left",
        va="top",
        fontsize=style.TITLE_SIZE,
        fontweight="bold",
        color=style.TEXT,
    )
    for i, (lines, h) in enumerate(laid):
        _draw_row(ax, top, lines, h, rating=None if i == 0 else ratings[i - 1], bold=i == 0)
        top += h


def scorecard_title(ratings: Sequence[str | None]) -> str:
    """'Two of nine indicators are rated red' — the exceptions are the message."""
    total = len(ratings)
    reds = sum(1 for r in ratings if r == "red")
    if reds:
        verb = "is" if reds == 1 else "are"
        return (
            f"{number_word(reds).capitalize()} of {number_word(total)} indicators {verb} rated red"
        )
    greens = sum(1 for r in ratings if r in ("green", "blue"))
    return (
        f"No indicators are rated red; {number_word(greens)} of {number_word(total)} "
        f"are green or better"
    )


@cached
def rating_scorecard_chart(
    *, title: str | None = None, rows: Sequence[ScorecardRow], caption: str | None = None
) -> Figure:
    """A RAG scorecard as an image (170 mm wide, height from the rows) plus its table.

    ``rows`` are (indicator, value text, rating, direction); value text is already
    formatted by the caller. Ratings are red/amber/green/blue/grey (any case) or ''.
    """
    if not rows:
        raise ValueError("rating_scorecard_chart needs at least one row")
    ratings = [rating_word(r[2]) for r in rows]
    display = [
        (name, value, word, direction_text(direction))
        for (name, value, _, direction), (_, word) in zip(rows, ratings, strict=True)
    ]
    title = title or scorecard_title([key for key, _ in ratings])
    alt = scorecard_alt(
        [(n, v, key or "", d) for (n, v, _, d), (key, _) in zip(rows, ratings, strict=True)]
    )
    table = Table(
        header=tuple(cell(h) for h, _ in _COLUMNS),
        rows=tuple(
            (cell(n), cell(v, align="right"), Cell((*cell(w).content,), rating=key), cell(d))
            for (n, v, w, d), (key, _) in zip(display, ratings, strict=True)
        ),
        caption=f"Data for: {title}",
        row_headers=True,
    )
    with style.chart_context():
        image = _draw_scorecard(display, [key for key, _ in ratings], title, alt)
    return Figure(image=image, alt=alt, caption=caption or title, data_table=table)
