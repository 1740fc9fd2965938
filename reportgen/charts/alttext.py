"""Alt text and derived titles for every chart family, generated from the chart's data.

Why generated: hand-written alt text goes stale the month the data changes. Each text
says what the chart shows, the range (lowest and highest, with when/where), the latest
value, the direction of travel, and how it compares with a target or benchmark, so a
screen-reader user gets the same message a sighted reader takes from the picture.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.charts.summary import (
    SeriesSummary,
    compare,
    is_month,
    judgement,
    lower_first,
    movement,
    participle,
    period_long,
    polarity_phrase,
    summarise,
    value_text,
)
from reportgen.vocabulary import (
    RATING_ORDER,
    UnitLike,
    change_title,
    comparison_title,
    fmt_number,
    fmt_value,
    is_missing,
    largest_group_title,
    no_data_title,
    number_word,
    position,
    recent_words,
    relationship_title,
    since_words,
    single_value_title,
    standing_title,
)

# --- trend -----------------------------------------------------------------------------


#: A change over the last few periods is the chart's story when it is bigger than the
#: change over the whole chart (a three-month collapse after years of steady figures).
RECENT_MONTHS = 3


def _recent(s: SeriesSummary, periods: Sequence[str], values: Sequence[float | None]):  # type: ignore[no-untyped-def]
    """(earlier value, latest value) over the last RECENT_MONTHS, when that is the story."""
    i = list(periods).index(s.latest.period) - RECENT_MONTHS
    if i < 1 or is_missing(values[i]):
        return None
    earlier = float(values[i])  # type: ignore[arg-type]
    recent, overall = s.latest.value - earlier, s.latest.value - s.first.value
    return (earlier, s.latest.value) if abs(recent) > abs(overall) else None


def trend_title(
    label: str,
    unit: UnitLike,
    s: SeriesSummary | None,
    periods: Sequence[str] = (),
    values: Sequence[float | None] = (),
) -> str:
    """'Children in care rate rose from 72.2 to 85.5 per 10,000 since April 2014', or
    the last three months when they moved more than the whole span ('Visits on time fell
    from 95.3% to 78.7% in three months'). Verbs agree with any label (rose, fell,
    stayed at): a label may be plural ('Care leavers in EET')."""
    if s is None:
        return no_data_title(label)
    if s.first.period == s.latest.period:
        return single_value_title(
            label, value_text(s.latest.value, unit), period_long(s.latest.period)
        )
    monthly = bool(periods) and all(is_month(p) for p in periods)
    recent = _recent(s, periods, values) if monthly else None
    first, when = s.first.value, since_words(period_long(s.first.period))
    if recent is not None:
        first, when = recent[0], recent_words(RECENT_MONTHS)
    verb = movement(first, s.latest.value, unit)
    return change_title(
        label,
        "stayed at" if verb == "was unchanged" else verb,
        fmt_value(first, unit),
        value_text(s.latest.value, unit),
        when,
        fmt_value(s.latest.value, unit),
    )


def _range_sentence(s: SeriesSummary, unit: UnitLike) -> str:
    return (
        f"The lowest was {value_text(s.lowest.value, unit)} in "
        f"{period_long(s.lowest.period)} and the highest "
        f"{value_text(s.highest.value, unit)} in {period_long(s.highest.period)}."
    )


def _trend_sentence(s: SeriesSummary, unit: UnitLike, polarity: str) -> str:
    verb = s.movement(unit)
    if verb == "was unchanged":
        text = f"Overall it was unchanged since {period_long(s.first.period)}"
    else:
        text = (
            f"Overall it {verb} from {value_text(s.first.value, unit)} in "
            f"{period_long(s.first.period)}"
        )
    judged = judgement(s.first.value, s.latest.value, unit, polarity)
    if judged:
        text += f", {judged} as {polarity_phrase(polarity)}"
    return text + "."


def _target_sentence(
    periods: Sequence[str],
    values: Sequence[float | None],
    target: Sequence[float | None],
    unit: UnitLike,
    polarity: str,
) -> str:
    """Latest value against the target for the same period."""
    pairs = [
        (p, v, t)
        for p, v, t in zip(periods, values, target, strict=True)
        if not is_missing(v) and not is_missing(t)
    ]
    if not pairs:
        known = [t for t in target if not is_missing(t)]
        return f"The target is {value_text(known[-1], unit)}." if known else ""
    period, value, goal = pairs[-1]
    assert value is not None and goal is not None
    side = compare(value, goal, unit)
    if side == "the same as":
        return f"In {period_long(period)} it met the target of {value_text(goal, unit)}."
    met = (value > goal) == (polarity == "higher") if polarity in ("higher", "lower") else None
    verdict = "" if met is None else (", meeting it" if met else ", missing it")
    return (
        f"In {period_long(period)} it was {side} the target of {value_text(goal, unit)}{verdict}."
    )


def trend_alt(
    *,
    label: str,
    unit: UnitLike,
    periods: Sequence[str],
    values: Sequence[float | None],
    target: Sequence[float | None] | None,
    counts: Sequence[float | None] | None,
    polarity: str,
) -> str:
    """Alt text for a line chart of one indicator over time."""
    s = summarise(periods, values)
    if s is None:
        return f"Line chart of {lower_first(label)}: no data available for these periods."
    parts = [
        f"Line chart of {lower_first(label)} from {period_long(periods[0])} to "
        f"{period_long(periods[-1])}.",
        f"The latest value is {value_text(s.latest.value, unit)} in "
        f"{period_long(s.latest.period)}.",
        _range_sentence(s, unit),
        _trend_sentence(s, unit, polarity),
    ]
    if target is not None:
        parts.append(_target_sentence(periods, values, target, unit, polarity))
    if counts is not None:
        c = summarise(periods, counts)
        if c is not None:
            lo, hi, last = (fmt_value(p.value, "count") for p in (c.lowest, c.highest, c.latest))
            parts.append(
                f"A panel below shows the number each period as bars, from {lo} to {hi}; "
                f"latest {last}."
            )
    if s.missing:
        parts.append(_gaps(s.missing))
    return " ".join(p for p in parts if p)


def _gaps(n: int) -> str:
    if n == 1:
        return "One period has no data and is shown as a gap."
    return f"{number_word(n).capitalize()} periods have no data and are shown as gaps."


# --- sparkline -------------------------------------------------------------------------


def sparkline_alt(periods: Sequence[str], values: Sequence[float | None], unit: UnitLike) -> str:
    """'Trend over 12 months: rising from 76.6 to 85.5 per 10,000.'"""
    s = summarise(periods, values)
    months = all(len(str(p)) >= 7 and str(p)[4] == "-" for p in periods)
    span = f"{number_word(len(periods))} {'months' if months else 'periods'}"
    if s is None:
        return f"Trend over {span}: no data."
    verb = s.movement(unit)
    if verb == "was unchanged":
        return f"Trend over {span}: stable at {value_text(s.latest.value, unit)}."
    return (
        f"Trend over {span}: {participle(verb)} from {fmt_value(s.first.value, unit)} "
        f"to {value_text(s.latest.value, unit)}."
    )


# --- benchmark bars --------------------------------------------------------------------

Item = tuple[str, float | None, str]


#: Kinds of bar that are authorities (ranked); England and the region are reference values.
AUTHORITY_KINDS = ("council", "neighbour", "authority", "other")


def rank_of(items: Sequence[Item], name: str) -> tuple[int, int, bool] | None:
    """(rank by value, highest first, among the *authorities* with a value; how many; tied
    with another) for ``name``. England and the region are reference values, not ranked."""
    known = sorted(
        (
            float(v)
            for _, v, k in items
            if k in AUTHORITY_KINDS and v is not None and not is_missing(v)
        ),
        reverse=True,
    )
    for n, v, _ in items:
        if n == name and v is not None and not is_missing(v):
            return known.index(float(v)) + 1, len(known), known.count(float(v)) > 1
    return None


def _standing(items: Sequence[Item], council: str) -> tuple[str, int] | None:
    """('the fourth lowest', 11): the council's place among the authorities, counted
    from whichever end it is nearer, in natural ordinals."""
    found = rank_of(items, council)
    if found is None:
        return None
    rank, total, tied = found
    if rank <= (total + 1) // 2:
        return position(rank, "highest", tied), total
    # counted from the bottom, tied values share the lowest-counted place (joint 3rd
    # lowest, not joint 4th): the values below this one, plus one
    value = next(float(v) for n, v, _ in items if n == council and v is not None)
    below = len(
        [v for _, v, k in items if k in AUTHORITY_KINDS and v is not None and float(v) < value]
    )
    return position(below + 1, "lowest", tied), total


def benchmark_title(label: str, unit: UnitLike, items: Sequence[Item]) -> str:
    """'Children in care rate: Derby is the third highest of 11 authorities, above
    England': grammatical whatever the indicator's label (it stands before the colon)."""
    council = next((it for it in items if it[2] == "council"), None)
    standing = _standing(items, council[0]) if council else None
    if council is None or standing is None:
        return comparison_title(label)
    words, total = standing
    england = next((it for it in items if it[2] == "england" and not is_missing(it[1])), None)
    versus = ""
    if england is not None:
        versus = f"{compare(council[1], england[1], unit)} {england[0]}"  # type: ignore[arg-type]
    return standing_title(label, council[0], words, total, versus)


def benchmark_alt(*, label: str, unit: UnitLike, polarity: str, items: Sequence[Item]) -> str:
    """Alt text for a horizontal benchmark bar chart; names the council and its rank."""
    known = [it for it in items if not is_missing(it[1])]
    authorities = sum(1 for it in items if it[2] in AUTHORITY_KINDS)
    references = [it[0] for it in items if it[2] not in AUTHORITY_KINDS]
    also = f" with {' and '.join(references)} for reference" if references else ""
    phrase = polarity_phrase(polarity)
    order = f"sorted best to worst ({phrase})" if phrase else "sorted highest to lowest"
    parts = [
        f"Bar chart comparing {lower_first(label)} across {authorities} authorities{also}, {order}."
    ]
    for name, value, kind in items:
        standing = _standing(items, name) if kind == "council" else None
        if kind == "council" and standing is not None and not is_missing(value):
            parts.append(
                f"{name} (highlighted) is {value_text(value, unit)}, "
                f"{standing[0]} of {standing[1]} authorities."
            )
        elif kind == "council":
            parts.append(f"{name} (highlighted) has no value.")
    for name, value, kind in items:
        if kind in ("england", "region") and not is_missing(value):
            parts.append(f"{name}: {value_text(value, unit)}.")
    if known:
        hi = max(known, key=lambda it: it[1])  # type: ignore[arg-type, return-value]
        lo = min(known, key=lambda it: it[1])  # type: ignore[arg-type, return-value]
        parts.append(
            f"Values range from {value_text(lo[1], unit)} ({lo[0]}) to "
            f"{value_text(hi[1], unit)} ({hi[0]})."
        )
    missing = [it[0] for it in items if is_missing(it[1])]
    if missing:
        parts.append(f"No figure for {', '.join(missing)}.")
    return " ".join(parts)


# --- breakdown bars --------------------------------------------------------------------


def breakdown_title(
    label: str, unit: UnitLike, categories: Sequence[str], values: Sequence[float | None]
) -> str:
    """'White British is the largest group (81.0%)'."""
    known = [(c, v) for c, v in zip(categories, values, strict=True) if not is_missing(v)]
    if not known:
        return no_data_title(label)
    top = max(known, key=lambda cv: cv[1])  # type: ignore[arg-type, return-value]
    return largest_group_title(label, top[0], value_text(top[1], unit))


def breakdown_alt(
    label: str, unit: UnitLike, categories: Sequence[str], values: Sequence[float | None]
) -> str:
    """Lists every category: breakdowns are short, and the full list is the message."""
    listed = "; ".join(
        f"{c} {value_text(v, unit)}" for c, v in zip(categories, values, strict=True)
    )
    return f"Bar chart of {lower_first(label)}: {listed}."


# --- scatter ---------------------------------------------------------------------------


def strength(r: float) -> str:
    """Conventional words for a correlation coefficient."""
    size = abs(r)
    word = (
        "very weak"
        if size < 0.2
        else "weak"
        if size < 0.4
        else "moderate"
        if size < 0.6
        else "strong"
        if size < 0.8
        else "very strong"
    )
    return f"{word} {'positive' if r > 0 else 'negative'}" if size >= 0.005 else "no"


def scatter_alt(
    *,
    x_label: str,
    y_label: str,
    x_unit: UnitLike,
    y_unit: UnitLike,
    n: int,
    r: float | None,
    council: tuple[str, float, float] | None,
    predicted: float | None,
    neighbours_above: tuple[int, int] | None,
) -> str:
    """Alt text for a scatter of every council, the fitted line and where we sit."""
    parts = [
        f"Scatter chart of {lower_first(y_label)} against {lower_first(x_label)} "
        f"for {n} areas, with a least-squares line of best fit."
    ]
    if r is not None:
        parts.append(f"The correlation is {strength(r)} (r = {fmt_number(r, 2)}).")
    if council is not None:
        name, x, y = council
        text = (
            f"{name} (highlighted): {lower_first(x_label)} {value_text(x, x_unit)}, "
            f"{lower_first(y_label)} {value_text(y, y_unit)}"
        )
        if predicted is not None:
            side = compare(y, predicted, y_unit)
            where = "on" if side == "the same as" else side
            text += (
                f"; {where} the line (the fitted value for its "
                f"{lower_first(x_label)} is {value_text(predicted, y_unit)})"
            )
        parts.append(text + ".")
    if neighbours_above is not None and neighbours_above[1]:
        above, total = neighbours_above
        verb = "sits" if above == 1 else "sit"
        parts.append(
            f"{number_word(above).capitalize()} of {number_word(total)} "
            f"comparator areas {verb} above the line."
        )
    return " ".join(parts)


def scatter_title(y_label: str, x_label: str, r: float | None) -> str:
    """'Relationship between X and Y (strong positive, r = 0.71)'."""
    if r is None:
        return relationship_title(y_label, x_label, "", None)
    return relationship_title(y_label, x_label, strength(r), fmt_number(r, 2))


# --- rating scorecard ------------------------------------------------------------------


def scorecard_alt(rows: Sequence[tuple[str, str, str, str]]) -> str:
    """Counts by rating, then which indicators are red, so the exceptions come first."""
    order = (*RATING_ORDER, "grey")  # Blue, Green, Amber, Red: the one key order
    counts = {r: sum(1 for row in rows if row[2].lower() == r) for r in order}
    summary = ", ".join(f"{number_word(n)} {r}" for r, n in counts.items() if n)
    parts = [
        f"Scorecard of {number_word(len(rows))} indicators with ratings and direction "
        f"of travel: {summary or 'no ratings'}."
    ]
    reds = [row[0] for row in rows if row[2].lower() == "red"]
    if reds:
        parts.append(f"Rated red: {'; '.join(reds)}.")
    return " ".join(parts)
