"""Facts about the data a chart shows, shared by its title, alt text and data table.

Why separate from drawing: the words a reader hears (alt text) and the message they see
(title) must come from the same computed facts, and they must be testable without
drawing anything. Every number leaves here through ``reportgen.formatting``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.vocabulary import (
    MONTHS,
    UnitLike,
    fmt_period,
    fmt_value,
    fmt_value_with_unit,
    is_missing,
    polarity_note,
)

_MONTH_RE = re.compile(r"^\d{4}-\d{2}")


def is_month(period: str) -> bool:
    """True for 'YYYY-MM' (or an ISO date), the periods the indicator engine produces."""
    return bool(_MONTH_RE.match(str(period)))


def period_short(period: str) -> str:
    """Axis label: '2017-01' -> 'Jan 2017'; other labels ('2015/16', 'Q3') pass through.

    TODO(formatting): belongs in ``reportgen.formatting`` as ``fmt_period_short``; it is
    built from the same month names so it cannot drift.
    """
    if not is_month(period):
        return str(period)
    year, month = str(period)[:7].split("-")
    return f"{MONTHS[int(month) - 1][:3]} {int(year)}"


def period_long(period: str) -> str:
    """Text label: '2017-01' -> 'January 2017'; other labels pass through."""
    return fmt_period(period) if is_month(period) else str(period)


def as_float(value: float | None) -> float:
    """Missing values become NaN, which matplotlib draws as a gap."""
    return float("nan") if is_missing(value) else float(value)  # type: ignore[arg-type]


def lower_first(label: str) -> str:
    """'Children in care rate' -> 'children in care rate', but 'LAC rate' stays."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def value_text(value: float | None, unit: UnitLike) -> str:
    """A value with its unit spelled out for prose ('85.5 per 10,000', '79.4%')."""
    return fmt_value_with_unit(value, unit)


@dataclass(frozen=True)
class Point:
    period: str
    value: float


@dataclass(frozen=True)
class SeriesSummary:
    """First, latest, lowest and highest known points of a series, and the gaps."""

    first: Point
    latest: Point
    lowest: Point
    highest: Point
    count: int  # points with a value
    missing: int  # periods without one

    def movement(self, unit: UnitLike) -> str:
        """'rose' / 'fell' / 'was unchanged', judged at the precision a reader sees."""
        return movement(self.first.value, self.latest.value, unit)


def summarise(periods: Sequence[str], values: Sequence[float | None]) -> SeriesSummary | None:
    """Summarise a series; None when it has no values at all."""
    if len(periods) != len(values):
        raise ValueError(f"{len(periods)} periods but {len(values)} values")
    known = [
        Point(str(p), float(v))  # type: ignore[arg-type]
        for p, v in zip(periods, values, strict=True)
        if not is_missing(v)
    ]
    if not known:
        return None
    return SeriesSummary(
        first=known[0],
        latest=known[-1],
        lowest=min(known, key=lambda pt: pt.value),  # earliest of equal lows
        highest=max(known, key=lambda pt: pt.value),
        count=len(known),
        missing=len(values) - len(known),
    )


def movement(first: float, last: float, unit: UnitLike) -> str:
    """Direction of a change in words, ignoring changes too small to show."""
    if fmt_value(first, unit) == fmt_value(last, unit):
        return "was unchanged"
    return "rose" if last > first else "fell"


def participle(verb: str) -> str:
    """'rose' -> 'rising', for 'Trend over 12 months: rising from X to Y'."""
    return {"rose": "rising", "fell": "falling"}.get(verb, "stable")


def judgement(first: float, last: float, unit: UnitLike, polarity: str) -> str | None:
    """'an improvement' / 'a deterioration' given polarity; None when unchanged."""
    verb = movement(first, last, unit)
    if verb == "was unchanged" or polarity not in ("higher", "lower"):
        return None
    better = (last > first) == (polarity == "higher")
    return "an improvement" if better else "a deterioration"


def polarity_phrase(polarity: str) -> str:
    """How a reader should read the chart: 'higher is better' / 'lower is better'; ''
    for a neutral (context) measure."""
    return polarity_note(polarity)


def compare(value: float, other: float, unit: UnitLike) -> str:
    """'above' / 'below' / 'the same as', at display precision."""
    if fmt_value(value, unit) == fmt_value(other, unit):
        return "the same as"
    return "above" if value > other else "below"
