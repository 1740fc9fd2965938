"""What-if figures: an action plan's expected improvement, re-rated by the measure's rules.

A performance surgery's action plan expects each action to improve the measure by a
percentage; the plan's total is applied to the year-end forecast (or the latest value)
and rated with the same % adrift and BRAG rules as the real figure, so the surgery sees
whether the plan is enough to hit the target. Composition words the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.data.dataset import Tolerance
from reportgen.indicators.result import Polarity, Rating
from reportgen.indicators.rules import adrift_pct, brag
from reportgen.vocabulary import shown


@dataclass(frozen=True)
class Scenario:
    """The measure after an expected improvement, at full precision."""

    base: float
    improvement_pct: float
    expected: float
    adrift_pct: float | None  # of the target; positive = worse, as ``rules.adrift_pct``
    brag: Rating | None


def improved(base: float, pct: float, polarity: Polarity, unit: str) -> float:
    """``base`` moved ``pct`` per cent in the good direction (a percentage stops at 100)."""
    value = base * (1 - pct / 100) if polarity == "lower" else base * (1 + pct / 100)
    return min(value, 100.0) if unit == "percent" else value


def rate_scenario(
    base: float,
    pct: float,
    target: float | None,
    polarity: Polarity,
    unit: str,
    tolerance: Tolerance,
    decimals: int,
) -> Scenario:
    """The improved value, its % adrift from ``target`` and its BRAG rating, worked out
    from the expected figure and the target as printed (``decimals``), like every other
    % adrift, so a reader's own sum agrees."""
    expected = improved(base, pct, polarity, unit)
    printed = shown(expected, decimals)
    return Scenario(
        base=base,
        improvement_pct=pct,
        expected=expected,
        adrift_pct=adrift_pct(printed, shown(target, decimals), polarity),
        brag=brag(printed, target, polarity, tolerance),
    )
