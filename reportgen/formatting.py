"""Number and date formatting: now part of ``reportgen.vocabulary`` (one home for the
words and number formats of every report). Kept so existing imports keep working; new
code imports ``reportgen.vocabulary``."""

from __future__ import annotations

from reportgen.vocabulary import (
    DECIMALS,
    MINUS,
    MISSING,
    MONTHS,
    Unit,
    change_word,
    fmt_count,
    fmt_date,
    fmt_financial_year,
    fmt_money,
    fmt_number,
    fmt_percent,
    fmt_period,
    fmt_rate,
    fmt_signed,
    fmt_signed_percent,
    fmt_value,
    fmt_value_with_unit,
    is_missing,
    month_name,
    number_word,
    ordinal,
    ordinal_word,
    round_half_up,
)

__all__ = [
    "DECIMALS",
    "MINUS",
    "MISSING",
    "MONTHS",
    "Unit",
    "change_word",
    "fmt_count",
    "fmt_date",
    "fmt_financial_year",
    "fmt_money",
    "fmt_number",
    "fmt_percent",
    "fmt_period",
    "fmt_rate",
    "fmt_signed",
    "fmt_signed_percent",
    "fmt_value",
    "fmt_value_with_unit",
    "is_missing",
    "month_name",
    "number_word",
    "ordinal",
    "ordinal_word",
    "round_half_up",
]
