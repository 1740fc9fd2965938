"""An indicator result in words: the phrases every report type and snippet filter shares.

The words themselves (units, ratings, directions, periods, number formats) come from
``reportgen.vocabulary``; this module only puts a result's fields through them, so that
a table cell, a computed paragraph and a ``{{ cla | change }}`` in a snippet say the same
thing: the indicator's own unit ("per 1,000" when its ``rate_per`` is 1,000), its own
``decimals``, the reason a figure is missing, a change worked out from the figures as
shown, and no judgement words for a neutral (context) measure.
"""

from __future__ import annotations

from typing import Any

from reportgen import vocabulary as v


def value_text(r: Any, attr: str = "value", with_unit: bool = False) -> str:
    """A figure of the result, by its unit and decimals; a missing one in words."""
    number = getattr(r, attr)
    if v.is_missing(number):
        return v.missing_words(r.symbol if attr == "value" else None)
    if with_unit:
        return v.fmt_value_with_unit(number, r.unit, r.decimals, r.rate_per)
    return v.fmt_value(number, r.unit, r.decimals)


def cell_text(r: Any, attr: str = "value", with_unit: bool = False) -> str:
    """A figure for a table cell: the number (with its unit where rows mix units), or
    the GSS symbol of a missing one (the key under the table explains it)."""
    symbol = r.symbol if attr == "value" else ""
    number = getattr(r, attr)
    if with_unit and not v.is_missing(number):
        return v.fmt_value_with_unit(number, display_unit(r))
    return v.fmt_value(number, r.unit, r.decimals, symbol or None)


def unit_label(r: Any, long: bool = False) -> str:
    """'per 10,000' (or 'per 1,000', from the indicator), '%', 'days', 'number'."""
    return v.unit_words(r.unit, r.rate_per, r.denominator_ref, long=long)


def measure_label(r: Any) -> str:
    """'Children in care rate (per 10,000)': the short label with the unit where a bare
    number would be ambiguous (percentages carry their own sign)."""
    label = str(r.short_title or r.title)
    if r.unit not in ("rate", "days", "average"):
        return label
    unit = unit_label(r)
    return label if unit in label.lower() else f"{label} ({unit})"


def change_text(r: Any, judged: bool = True) -> str:
    """'+2 (broadly stable)', '\u22120.3 (improving)', '+44 (up)': the change as the shown
    figures give it and, where ``judged``, what it means (a neutral measure says only up,
    down or broadly stable). A change too small to show ('0.0pp') gets no verdict."""
    signed = v.fmt_signed(r.change, r.unit, r.decimals)
    if signed == v.MISSING:
        return v.MISSING
    if not judged or not r.direction or signed[:1] not in ("+", v.MINUS):
        return signed
    return f"{signed} ({v.direction_word(r.direction)})"


def direction_cell(r: Any) -> str:
    """An arrow for which way the shown figure moved, and the word for what it means."""
    if r.change is None or r.direction is None:
        return v.MISSING
    flat = r.direction in ("broadly stable", "no change")
    return f"{v.arrow(0.0 if flat else r.change)} {v.direction_word(r.direction).capitalize()}"


def compared_with(r: Any) -> str:
    """'December 2016', or 'November 2016 (December 2016: not available)' when the month
    before had no figure and an earlier one is used."""
    if not r.previous_period:
        return "the previous period"
    text = v.fmt_period(r.previous_period)
    if getattr(r, "previous_gap", None):
        text += f" ({v.fmt_period(r.previous_gap)}: not available)"
    return text


def movement(r: Any) -> str:
    """'rose to 482 from 476 in December 2016', 'was broadly stable at ...', said the same
    way for every polarity (it describes, it does not judge)."""
    now = value_text(r, with_unit=True)
    if v.is_missing(r.value):
        return f"was {now}"
    if v.is_missing(r.previous):
        return f"was {now}"
    verb = v.movement_verb(r.direction, r.change)
    if r.previous_gap:
        verb = "was"
    return f"{verb} {now}, from {value_text(r, 'previous', with_unit=True)} in {compared_with(r)}"


def ytd_note(r: Any) -> str:
    """' (not counting December 2016, which has no figure)' when the year to date leaves
    months out; '' when it is complete."""
    missing = tuple(getattr(r, "ytd_missing", ()) or ())
    if not missing:
        return ""
    which = "which has" if len(missing) == 1 else "which have"
    return f" (not counting {v.months_list(missing)}, {which} no figure)"


def so_far(r: Any) -> str:
    """'so far in 2016/17', or 'in 2016/17' when the period closes the year."""
    return v.so_far(r.period, r.financial_year)


def forecast_words(r: Any) -> str:
    """'the year-end forecast', or 'the outturn' at the year end."""
    return v.forecast_words(r.period)


def neighbours_words(r: Any) -> str:
    """'the statistical neighbour average (2015/16)', with 'of 9 of 10 neighbours' when
    some neighbours have no published figure."""
    used, total = getattr(r, "neighbours_used", None), getattr(r, "neighbours_total", None)
    year = f" ({r.benchmark_year})" if r.benchmark_year else ""
    if used is not None and total and used < total:
        return f"the average of {used} of {total} statistical neighbours{year}"
    return f"the statistical neighbour average{year}"


def rank_words(r: Any, among: str = "neighbours") -> str:
    """'the fifth lowest', 'joint 7th highest', 'the highest': the council's position,
    counted among authorities only (England and the region are not ranked)."""
    if among == "region":
        rank, of, tied = r.region_rank, r.region_rank_of, r.region_rank_tied
    elif among == "all":
        rank, of, tied = r.rank_all, r.rank_all_of, r.rank_all_tied
    else:
        rank, of, tied = r.rank, r.rank_of, r.rank_tied
    if rank is None or of is None:
        return "not ranked"
    end = "lowest" if r.polarity == "lower" else "highest"  # neutral: ranked highest first
    return v.position(rank, end, tied)


def quartile_text(r: Any) -> str:
    """'quartile 4 (the worst 25% of authorities)': never a bare quartile number."""
    if not r.quartile:
        return "no quartile (no published figure)"
    return v.quartile_words(r.quartile, r.polarity)


def rating_text(r: Any, attr: str = "brag") -> str:
    return v.rating_word(getattr(r, attr))


def adrift_text(r: Any, attr: str = "adrift_pct") -> str:
    """'7.4% adrift' / '2.1% better than target' / 'on target'; a neutral measure's
    distance from its target is 'above' or 'below' it."""
    pct = getattr(r, attr)
    if v.is_missing(pct):
        return v.MISSING
    text = v.fmt_number(abs(pct), 1) + "%"
    if text == "0.0%":
        return "on target"
    if r.polarity == "neutral":
        return f"{text} {'above' if pct > 0 else 'below'} target"
    return f"{text} adrift" if pct > 0 else f"{text} better than target"


def display_unit(r: Any) -> v.DisplayUnit:
    """The unit the result's figures are shown in: its decimals and its rate base."""
    return v.DisplayUnit(r.unit, r.decimals, r.rate_per)
