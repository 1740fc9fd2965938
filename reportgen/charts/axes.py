"""Axis helpers shared by the chart families: unit-aware ticks and en-GB period labels.

Why: tick labels are numbers a reader sees, so they go through ``reportgen.vocabulary``
like every other figure (thousands separators, real minus signs, '%' for percentages),
and period axes read 'Jan 2017', not '2017-01'.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import Formatter, MaxNLocator

from reportgen.charts.style import TICK_SIZE
from reportgen.charts.summary import period_short
from reportgen.vocabulary import UnitLike, fmt_value, polarity_note


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


def value_axis(ax: Axes, unit: UnitLike, which: str = "y", nbins: int = 5) -> None:
    """Tidy numeric axis with formatted ticks and light gridlines behind the data."""
    axis = ax.yaxis if which == "y" else ax.xaxis
    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 5, 10], min_n_ticks=3))
    axis.set_major_formatter(UnitFormatter(unit))
    ax.grid(True, axis=which, zorder=0)  # type: ignore[arg-type]
    ax.set_axisbelow(True)


def period_axis(
    ax: Axes, periods: Sequence[str], max_labels: int = 8, width_mm: float = 135.0
) -> None:
    """Categorical period axis ('Jan 2017'), thinned from the latest period backwards.

    Counting back from the latest keeps the newest period labelled, which is the one
    the narrative talks about.
    """
    n = len(periods)
    step = max(1, math.ceil(n / max_labels))
    ticks = list(range(n - 1, -1, -step))[::-1]
    ax.set_xticks(ticks)
    ax.set_xticklabels([period_short(periods[i]) for i in ticks])
    ax.set_xlim(-0.6, n - 0.4)
    longest = max((len(period_short(periods[i])) for i in ticks), default=0)
    label_mm = longest * TICK_SIZE * 0.55 * 25.4 / 72 + 4  # glyphs plus a gap
    if len(ticks) * label_mm > width_mm:  # would collide: turn them
        for lab in ax.get_xticklabels():
            lab.set_rotation(45)
            lab.set_horizontalalignment("right")
            lab.set_rotation_mode("anchor")


def axis_label(label: str, polarity: str | None) -> str:
    """'Rate per 10,000 (higher is better)': the axis tells the reader how to judge; a
    neutral (context) measure is not judged, so its axis carries no note."""
    note = polarity_note(polarity)
    return f"{label} ({note})" if note else label
