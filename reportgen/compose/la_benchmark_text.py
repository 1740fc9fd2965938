"""Words and printed figures for the la-benchmark report, worded once.

Every figure is printed at the decimals the mapping gives the measure (the precision the
DfE publishes), a missing figure as its GSS symbol, and any comparison in the text is
made between the figures as printed, so a reader checking with a pencil agrees.
"""

from __future__ import annotations

from reportgen import vocabulary as fmt
from reportgen.data.ees import IndicatorMap
from reportgen.indicators.la_benchmark import MeasureBenchmark, Reading
from reportgen.symbols import SYMBOLS


def unit_heading(ind: IndicatorMap) -> str:
    """'per 10,000', '%', 'number': the measure's unit as the vocabulary spells it, from
    its own ``rate_per``."""
    return fmt.unit_words(ind.unit, ind.rate_per)


def shown(value: float | None, ind: IndicatorMap) -> str:
    """The figure as the report prints it: '157', '26.5%', or 'n/a'."""
    return fmt.fmt_value(value, ind.unit, ind.decimals)


def figure(reading: Reading, ind: IndicatorMap) -> str:
    """A reading for a table cell: the figure, or its symbol ('c', 'x', 'z')."""
    if reading.value is None:
        return reading.symbol or "x"
    return shown(reading.value, ind)


def count_cell(reading: Reading) -> str:
    if reading.count is None:
        return reading.count_symbol or ("" if reading.value is not None else reading.symbol)
    return fmt.fmt_count(reading.count)


def with_unit(value: float | None, ind: IndicatorMap) -> str:
    """For prose: '157 per 10,000 children', '26.5%', '13.9'."""
    text = shown(value, ind)
    return (
        f"{text} per {fmt.fmt_count(ind.rate_per)} children"
        if ind.unit == "rate" and ind.rate_per
        else text
    )


def printed(value: float | None, ind: IndicatorMap) -> float | None:
    """The value as printed, back as a number, for comparisons a reader can check."""
    if value is None:
        return None
    return float(fmt.round_half_up(value, ind.decimals))


def missing_words(reading: Reading) -> str:
    meaning = SYMBOLS.get(reading.symbol, SYMBOLS["x"]).replace(" (", ", ").replace(")", "")
    return f"not published ({reading.symbol or 'x'}: {meaning})"


def compare_word(mine: float | None, other: float | None, ind: IndicatorMap) -> str | None:
    """'higher than' / 'lower than' / 'the same as', on the printed figures."""
    a, b = printed(mine, ind), printed(other, ind)
    if a is None or b is None:
        return None
    return "the same as" if a == b else "higher than" if a > b else "lower than"


def rank_words(mb: MeasureBenchmark) -> str:
    """'ranked 3rd of 151 authorities (quartile 1, the highest quarter)'."""
    if mb.rank is None:
        return f"not ranked (no published figure; {mb.rank_of} authorities have one)"
    joint = "joint " if mb.joint else ""
    return (
        f"ranked {joint}{fmt.ordinal(mb.rank)} of {mb.rank_of} authorities ({quartile_words(mb)})"
    )


def quartile_words(mb: MeasureBenchmark) -> str:
    if mb.quartile is None:
        return "no quartile"
    best = (
        {1: "highest", 4: "lowest"}
        if mb.definition.polarity == "neutral"
        else {1: "best", 4: "worst"}
    )
    extra = f", the {best[mb.quartile]} quarter" if mb.quartile in best else ""
    return f"quartile {mb.quartile}{extra}"


def rank_rule(ind: IndicatorMap) -> str:
    """How this measure is ranked, for the notes and table headings."""
    if ind.polarity == "neutral":
        return "ranked from the highest figure (1), as a context measure with no better or worse"
    return (
        f"ranked from the best figure (1): {'higher' if ind.polarity == 'higher' else 'lower'}"
        " is better"
    )


def neighbours_words(mb: MeasureBenchmark) -> str:
    """'the average of its statistical neighbours (120)', naming how many had a figure."""
    of = len(mb.peers)
    if mb.neighbours_avg is None:
        return "its statistical neighbours (no figures published)"
    some = f"; {mb.neighbours_n} of {of} neighbours with a figure" if mb.neighbours_n < of else ""
    average = shown(mb.neighbours_avg, mb.definition)
    return f"the average of its statistical neighbours ({average}{some})"


def change_sentence(mb: MeasureBenchmark) -> str:
    """The change on the year before, from the printed figures ('down from 164 in 2024')."""
    if len(mb.trend) < 2:
        return ""
    before, now = mb.trend[-2], mb.trend[-1]
    a, b = printed(before.value, mb.definition), printed(now.value, mb.definition)
    if a is None or b is None:
        return ""
    if a == b:
        return f", the same as in {before.period}"
    word = "up" if b > a else "down"
    return f", {word} from {shown(before.value, mb.definition)} in {before.period}"


def commentary(mb: MeasureBenchmark, name: str) -> str:
    """Two or three computed sentences on one measure; nothing judged without a figure."""
    ind, own = mb.definition, mb.own
    label = ind.label[0].lower() + ind.label[1:]
    if own.value is None:
        shared = (
            ""
            if mb.shared is None
            else (
                f" It is published jointly for {mb.shared_name}: {with_unit(mb.shared.value, ind)}"
                " (not ranked)."
            )
        )
        return (
            f"{name}'s figure for {label} in {own.period} is {missing_words(own)}."
            f"{shared} England's figure was {with_unit(mb.england.value, ind)}."
        )
    count = f" ({fmt.fmt_count(own.count)})" if own.count is not None else ""
    first = (
        f"In {own.period}, {name}'s figure for {label} was {with_unit(own.value, ind)}"
        f"{count}{change_sentence(mb)}."
    )
    found: dict[str, list[str]] = {}
    for what, value in (
        ("England", mb.england.value),
        (f"the {mb.region_name} region", mb.region.value),
    ):
        word = compare_word(own.value, value, ind)
        if word:
            found.setdefault(word, []).append(f"{what} ({shown(value, ind)})")
    word = compare_word(own.value, mb.neighbours_avg, ind)
    if word:
        found.setdefault(word, []).append(neighbours_words(mb))
    second = (
        " It was " + "; ".join(f"{w} {_and(p)}" for w, p in found.items()) + "." if found else ""
    )
    return f"{first}{second} {name} is {rank_words(mb)}."


def _and(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
