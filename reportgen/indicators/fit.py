"""The least-squares line through every council's pair of figures (the surgery scatters).

The performance surgery's graphs three and four plot each council's rate against
deprivation (or a second measure); composition words where the council sits against
the line. The arithmetic is here so that words and picture use the same line.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

Point = tuple[str, float, float, str]  # name, x, y, kind (council | neighbour | other)


@dataclass(frozen=True)
class Scatter:
    """Every council with both figures, and the least-squares line through them."""

    points: list[Point]
    slope: float
    intercept: float
    r: float  # Pearson's correlation coefficient

    def predict(self, x: float) -> float:
        return self.slope * x + self.intercept


def fit(points: list[Point]) -> Scatter | None:
    """The line through ``points``; None with fewer than three or no spread in x or y."""
    xs, ys = [p[1] for p in points], [p[2] for p in points]
    if len(points) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    slope, intercept = statistics.linear_regression(xs, ys)
    return Scatter(points, slope, intercept, statistics.correlation(xs, ys))
