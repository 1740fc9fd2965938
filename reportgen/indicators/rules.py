"""The rules a performance report applies: direction of travel, % adrift, RAG and BRAG.

BRAG follows the Derby performance surgery template (its BRAG key):

    Red   = variance of more than 5% from the target
    Amber = variance of 5% or less from the target (target not met)
    Green = target met
    Blue  = target exceeded by 2% or more

Percentages are of the target, polarity decides which side of it is good, and the 5% and
2% are per indicator (``Tolerance``). Boundaries are inclusive as the template words them
("5% or less" is Amber, "2% or more" is Blue). Figures exactly on a boundary in decimal,
such as 88.2 against 84 (5% adrift), are often a hair over it in binary floating point, so
each comparison allows ``SLACK`` percentage points; that is far below any difference a
report could show (one decimal place), so it only absorbs representation error.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.data.dataset import Aggregation, Materiality, Tolerance
from reportgen.indicators.rates import known, ratio
from reportgen.vocabulary import Direction, Polarity, Rating, shown

SLACK = 1e-9  # percentage points of float noise absorbed at a rating boundary
EPSILON = 1e-9  # relative difference below which two values are "no change"


def same_value(a: float, b: float) -> bool:
    """Equal at full precision, bar float noise (0.1 + 0.2 against 0.3)."""
    return abs(a - b) <= EPSILON * max(1.0, abs(a), abs(b))


def direction(
    current: float | None,
    previous: float | None,
    polarity: Polarity,
    stable: Materiality | None = None,
    decimals: int | None = None,
) -> Direction | None:
    """Which way an indicator moved, judged on the figures as shown (``decimals``), so the
    word always agrees with the printed change: 'no change' only when the shown figures
    are equal; 'broadly stable' when the change is within ``stable`` (materiality);
    otherwise improving or deteriorating by polarity, or plain 'up'/'down' for a neutral
    (context) measure. None when either figure is missing: nothing can be claimed."""
    if not known(current) or not known(previous):
        return None
    assert current is not None and previous is not None
    if decimals is not None:
        current, previous = shown(current, decimals), shown(previous, decimals)
        assert current is not None and previous is not None
    if same_value(current, previous):
        return "no change"
    if stable is not None and stable.covers(current - previous, previous):
        return "broadly stable"
    went_up = current > previous
    if polarity == "neutral":
        return "up" if went_up else "down"
    return "improving" if went_up == (polarity == "higher") else "deteriorating"


def adrift_pct(value: float | None, target: float | None, polarity: Polarity) -> float | None:
    """How far from target in percent of the target; positive = worse than target.

    Lower is better: (value - target) / target x 100; higher is better: (target - value) /
    target x 100; neutral: (value - target) / target x 100, positive = above the target.
    A target of zero has no percentage (None); ``brag`` handles it.
    """
    if not known(value) or not known(target) or target == 0:
        return None
    assert value is not None and target is not None
    gap = target - value if polarity == "higher" else value - target
    return gap / abs(target) * 100


def _meets(value: float, target: float, polarity: Polarity) -> bool:
    if same_value(value, target):
        return True
    return value < target if polarity == "lower" else value > target


def brag(
    value: float | None,
    target: float | None,
    polarity: Polarity,
    tolerance: Tolerance = Tolerance(),
) -> Rating | None:
    """Blue, Red, Amber or Green by the performance surgery rules above; None without a target.

    A target of zero (e.g. "no children placed in B&B") cannot be missed by a percentage:
    meeting it is Green, any miss is Red, and Blue is not possible. A neutral (context)
    measure is rated only when it has a target, on its distance from it either side
    (``neutral_rating``).
    """
    if not known(value) or not known(target):
        return None
    assert value is not None and target is not None
    if polarity == "neutral":
        return neutral_rating(value, target, tolerance)
    if target == 0:
        return "green" if _meets(value, target, polarity) else "red"
    adrift = adrift_pct(value, target, polarity)
    assert adrift is not None
    if -adrift >= tolerance.blue_pct - SLACK:
        return "blue"
    if adrift <= SLACK:
        return "green"
    return "amber" if adrift <= tolerance.amber_pct + SLACK else "red"


def neutral_rating(value: float, target: float, tolerance: Tolerance) -> Rating:
    """A target for a context measure is an expected level, not a ceiling or a floor:
    Green within ``amber_pct`` of it either side, Amber within twice that, Red beyond;
    never Blue (overshooting an expected level is not better)."""
    if target == 0:
        return "green" if same_value(value, target) else "red"
    gap = abs(value - target) / abs(target) * 100
    if gap <= tolerance.amber_pct + SLACK:
        return "green"
    return "amber" if gap <= 2 * tolerance.amber_pct + SLACK else "red"


def rag(
    value: float | None,
    target: float | None,
    polarity: Polarity,
    tolerance: Tolerance = Tolerance(),
) -> Rating | None:
    """As ``brag`` with Blue folded into Green, for papers that use plain RAG."""
    rating = brag(value, target, polarity, tolerance)
    return "green" if rating == "blue" else rating


def year_to_date(
    aggregation: Aggregation,
    values: Sequence[float | None],
    numerators: Sequence[float | None] = (),
    denominators: Sequence[float | None] = (),
    scale: float = 100.0,
) -> float | None:
    """Aggregate the months of the year so far (April first, the period last).

    stock: the latest value (a snapshot; the year to date *is* where we are now);
    flow: the sum of the months that have a figure (``missing_months`` says which have
    none, and the report says so); proportion: sum(numerators) / sum(denominators) x scale
    over the months that have both, so a big month weighs more and a missing month never
    turns the pooled ratio into a mean of percentages; the mean of the monthly values
    only when no month records a numerator and denominator; average: the mean.
    None when no month has a value.
    """
    present = [v for v in values if known(v)]
    if not present:
        return None
    if aggregation == "stock":
        last = values[-1] if values else None
        return last if known(last) else None
    if aggregation == "flow":
        return float(sum(present))  # type: ignore[arg-type]
    if aggregation == "proportion" and any(known(d) for d in denominators):
        pairs = [
            (n, d)
            for n, d in zip(numerators, denominators, strict=False)
            if known(n) and known(d) and d
        ]
        if not pairs:
            return None  # every cohort was empty: no performance, not 0%
        return ratio(sum(n for n, _ in pairs), sum(d for _, d in pairs), scale)  # type: ignore[misc]
    return float(sum(present)) / len(present)  # type: ignore[arg-type]


def missing_months(periods: Sequence[str], values: Sequence[float | None]) -> tuple[str, ...]:
    """The months among ``periods`` whose value is missing (for 'excluding ...')."""
    return tuple(p for p, v in zip(periods, values, strict=True) if not known(v))
