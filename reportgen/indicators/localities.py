"""Which localities a comparison chart shows, and where the report's locality ranks.

A council with many localities (152 in the largest dataset) cannot draw them all: past
``max_bars`` the localities are put in rank order (best first, by polarity) and a window
is kept, the two best, the two worst and the ranks nearest the report's locality, with
its rank, so the caption can say where it stands. Composition words the caption.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.indicators.comparison import competition_rank
from reportgen.indicators.result import Polarity

Row = tuple[str, float | None]  # (area, value)


@dataclass(frozen=True)
class LocalityWindow:
    """The rows to draw, and the locality's rank when the window was cut around it."""

    rows: tuple[Row, ...]
    rank: int | None = None  # 1 = best (ties share a rank); None when nothing was cut
    of: int = 0  # localities with a figure, when ``rank`` is given


def locality_window(
    rows: Sequence[Row], area: str, whole: str | None, polarity: Polarity, max_bars: int
) -> LocalityWindow:
    """Up to ``max_bars`` localities in the given order; with more, in rank order, keeping
    the two best, the two worst and a window of ranks centred on ``area``."""
    head = [r for r in rows if r[0] == whole]
    localities = [r for r in rows if r[0] != whole]
    if len(localities) <= max_bars:
        return LocalityWindow(tuple(rows))
    ranked = sorted(
        (r for r in localities if r[1] is not None),
        key=lambda r: r[1] or 0.0,
        reverse=polarity != "lower",
    )  # neutral: highest first
    names = [n for n, _ in ranked]
    if area not in names or len(ranked) <= max_bars:
        return LocalityWindow(tuple(head + ranked[:max_bars]))
    at, last = names.index(area), len(ranked) - 1
    width = max_bars - 4
    lo = min(max(2, at - width // 2), last - 1 - width)
    keep = {0, 1, last - 1, last, *range(lo, lo + width)}
    rank = competition_rank(
        ranked[at][1] or 0.0, [v or 0.0 for i, (_, v) in enumerate(ranked) if i != at], polarity
    )
    return LocalityWindow(
        tuple(head + [r for i, r in enumerate(ranked) if i in keep]), rank=rank, of=len(ranked)
    )
