"""Measure rows shared by the service performance report and the board scorecard.

Labels, figures and change words for one indicator, worded once so the two report types
(and their tests) agree. No builtins here: the types that use them register those.
"""

from __future__ import annotations

from reportgen import formatting as fmt
from reportgen import model as m
from reportgen.compose.context import ComposeContext
from reportgen.indicators.result import IndicatorResult

UNIT_WORDS = {"rate": "per 10,000", "days": "days", "average": "average"}


def label_for(ctx: ComposeContext, result: IndicatorResult) -> str:
    """The indicator's short title (its scorecard label), else its title."""
    return result.short_title or result.title


def measure_label(ctx: ComposeContext, result: IndicatorResult) -> str:
    """'Children in care rate (per 10,000)': the short label, with the unit where a bare
    number would be ambiguous (percentages carry their own sign)."""
    label = label_for(ctx, result)
    unit = UNIT_WORDS.get(result.unit)
    return f"{label} ({unit})" if unit and unit not in label.lower() else label


def num(value: float | None, unit: str) -> m.Cell:
    return m.cell(fmt.fmt_value(value, unit), align="right")


def change_text(result: IndicatorResult) -> str:
    """'+2 (deteriorating)': the signed change and what it means by polarity. A change
    too small to show ('0.0pp') gets no verdict: the reader could not see it."""
    signed = fmt.fmt_signed(result.change, result.unit)
    if signed == fmt.MISSING or not result.direction or signed[:1] not in ("+", fmt.MINUS):
        return signed
    return f"{signed} ({result.direction})"
