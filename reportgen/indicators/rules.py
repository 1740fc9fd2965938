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

from reportgen.data.dataset import Aggregation, Tolerance
from reportgen.indicators.rates import known, ratio
from reportgen.indicators.result import Direction, Polarity, Rating

SLACK = 1e-9  # percentage points of float noise absorbed at a rating boundary
EPSILON = 1e-9  # relative difference below which two values are "no change"


def same_value(a: float, b: float) -> bool:
    """Equal at full precision, bar float noise (0.1 + 0.2 against 0.3)."""
    return abs(a - b) <= EPSILON * max(1.0, abs(a), abs(b))


def direction(current: float | None, previous: float | None, polarity: Polarity
              ) -> Direction | None:
    """Improving or deteriorating by polarity; 'no change' only when the values are equal
    (see ``same_value``). None when either value is missing: no direction can be claimed."""
    if not known(current) or not known(previous):
        return None
    assert current is not None and previous is not None
    if same_value(current, previous):
        return "no change"
    went_up = current > previous
    return "improving" if went_up == (polarity == "higher") else "deteriorating"


def adrift_pct(value: float | None, target: float | None, polarity: Polarity) -> float | None:
    """How far from target in percent of the target; positive = worse than target.

    Lower is better: (value - target) / target x 100; higher is better: (target - value) /
    target x 100. A target of zero has no percentage (None); ``brag`` handles it.
    """
    if not known(value) or not known(target) or target == 0:
        return None
    assert value is not None and target is not None
    gap = value - target if polarity == "lower" else target - value
    return gap / abs(target) * 100


def _meets(value: float, target: float, polarity: Polarity) -> bool:
    if same_value(value, target):
        return True
    return value < target if polarity == "lower" else value > target


def brag(value: float | None, target: float | None, polarity: Polarity,
         tolerance: Tolerance = Tolerance()) -> Rating | None:
    """Blue, Red, Amber or Green by the performance surgery rules above; None without a target.

    A target of zero (e.g. "no children placed in B&B") cannot be missed by a percentage:
    meeting it is Green, any miss is Red, and Blue is not possible.
    """
    if not known(value) or not known(target):
        return None
    assert value is not None and target is not None
    if target == 0:
        return "green" if _meets(value, target, polarity) else "red"
    adrift = adrift_pct(value, target, polarity)
    assert adrift is not None
    if -adrift >= tolerance.blue_pct - SLACK:
        return "blue"
    if adrift <= SLACK:
        return "green"
    return "amber" if adrift <= tolerance.amber_pct + SLACK else "red"


def rag(value: float | None, target: float | None, polarity: Polarity,
        tolerance: Tolerance = Tolerance()) -> Rating | None:
    """As ``brag`` with Blue folded into Green, for papers that use plain RAG."""
    rating = brag(value, target, polarity, tolerance)
    return "green" if rating == "blue" else rating


def year_to_date(aggregation: Aggregation, values: Sequence[float | None],
                 numerators: Sequence[float | None] = (),
                 denominators: Sequence[float | None] = (), scale: float = 100.0
                 ) -> float | None:
    """Aggregate the months of the year so far (April first, the period last).

    stock: the latest value (a snapshot; the year to date *is* where we are now);
    flow: the sum, only when every month has a figure (a total with a month missing
    would understate the year); proportion: sum(numerators) / sum(denominators)
    x scale when every month has both (so a big month weighs more), else the mean of the
    monthly values; average: the mean. None when no month has a value.
    """
    present = [v for v in values if known(v)]
    if not present:
        return None
    if aggregation == "stock":
        last = values[-1] if values else None
        return last if known(last) else None
    if aggregation == "flow":
        return float(sum(present)) if len(present) == len(values) else None  # type: ignore[arg-type]
    if aggregation == "proportion" and _complete(numerators, len(values)) and _complete(
            denominators, len(values)):
        return ratio(sum(numerators), sum(denominators), scale)  # type: ignore[arg-type]
    return float(sum(present)) / len(present)  # type: ignore[arg-type]


def _complete(column: Sequence[float | None], length: int) -> bool:
    return len(column) == length and length > 0 and all(known(v) for v in column)
