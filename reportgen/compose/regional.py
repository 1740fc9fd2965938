"""Regional comparison in words: "the lowest in the region", "eight authorities performing
more poorly and six better" (the county children's social care
performance report, section 7).

The indicator engine ranks the council's published figure among the authorities of its
region (``region_rank``, ``region_better``, ``region_worse``); these functions only put
that into the sentences a committee paper uses. They are Jinja filters for narrative
snippets (``{{ cla_rate | regional_position }}``) and the service performance template's
regional comparison builds its paragraphs from the same functions, so a snippet and a
computed paragraph can never word the same fact differently.

Position words describe the value, not the judgement: for a measure where lower is
better, the best authority has "the lowest" figure; "performing better" and "more
poorly" do carry the judgement, by the indicator's polarity. A neutral (context) measure
is never judged: "higher than eight authorities and lower than six".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportgen import vocabulary as fmt

NOT_RANKED = "not ranked in the region (no published figure)"


def _counts(result: Any) -> tuple[int, int, int, int] | None:
    """(authorities in the region including the council, better, worse, level) or None:
    the engine's counts (``region_level`` since issue 19), read, never worked out here."""
    of = getattr(result, "region_rank_of", None)
    better = getattr(result, "region_better", None)
    worse = getattr(result, "region_worse", None)
    level = getattr(result, "region_level", None)
    if of is None or better is None or worse is None or level is None:
        return None
    return of, better, worse, level


def _ends(result: Any) -> tuple[str, str]:
    """(word for the rank-1 end, word for the other end) of the region's figures; a
    neutral measure is ranked highest first."""
    return (
        ("lowest", "highest")
        if getattr(result, "polarity", "higher") == "lower"
        else ("highest", "lowest")
    )


def _neutral(result: Any) -> bool:
    return getattr(result, "polarity", "higher") == "neutral"


def _where(result: Any, named: bool) -> str:
    name = getattr(result, "region_name", None)
    return fmt.region_words(name) if named and name else "the region"


def regional_position(result: Any, named: bool = False) -> str:
    """'the lowest in the region', 'among the highest in the region', 'in the mid-range
    for the region'; ``named`` uses the region's name ("in Yorkshire and the Humber")."""
    counts = _counts(result)
    if counts is None:
        return NOT_RANKED
    of, better, worse, level = counts
    best, worst = _ends(result)
    where = _where(result, named)
    if of <= 1:
        return f"the only published figure in {where}"
    joint = "joint " if level else ""
    if better == 0:
        return f"the {joint}{best} in {where}"
    if worse == 0:
        return f"the {joint}{worst} in {where}"
    third = (of - 1) / 3
    if better <= third:
        return f"among the {best} in {where}"
    if worse <= third:
        return f"among the {worst} in {where}"
    return f"in the mid-range for {where}"


def _authorities(n: int) -> str:
    return fmt.how_many(n, "authority", "authorities")


def regional_counts(result: Any) -> str:
    """'eight authorities performing more poorly and six performing better' (with 'and
    one performing the same' when figures tie); for a neutral measure 'higher than eight
    authorities and lower than six'."""
    counts = _counts(result)
    if counts is None:
        return NOT_RANKED
    of, better, worse, level = counts
    if of <= 1:
        return "no other authority in the region with a published figure"
    if _neutral(result):
        parts = [
            f"higher than {_authorities(worse)}",
            f"lower than {fmt.number_word(better) if better else 'none'}",
        ]
        if level:
            parts.append(f"the same as {fmt.number_word(level)}")
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    parts = [
        f"{_authorities(worse)} performing more poorly",
        f"{fmt.number_word(better) if better else 'none'} performing better",
    ]
    if level:
        parts.append(f"{fmt.number_word(level)} performing the same")
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def regional_rank(result: Any) -> str:
    """'12th of 15', 'joint 7th of 15' (1st = best by the indicator's polarity; highest
    for a neutral measure), or 'not ranked'."""
    rank, of = getattr(result, "region_rank", None), getattr(result, "region_rank_of", None)
    if rank is None or of is None:
        return "not ranked"
    return fmt.rank_text(rank, of, bool(getattr(result, "region_rank_tied", False)))


def regional_summary(result: Any, named: bool = False) -> str:
    """Position and counts together: 'in the mid-range for the region, with eight
    authorities performing more poorly and six performing better' (neutral: 'the highest
    in the region, higher than 14 authorities ...')."""
    position = regional_position(result, named)
    if _counts(result) is None or position.startswith("the only"):
        return position
    if _neutral(result):
        return f"{position}, {regional_counts(result)}"
    return f"{position}, with {regional_counts(result)}"


REGIONAL_FILTERS: dict[str, Callable[..., str]] = {
    "regional_position": regional_position,
    "regional_counts": regional_counts,
    "regional_rank": regional_rank,
    "regional_summary": regional_summary,
}
