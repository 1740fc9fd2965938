"""The words and number formats of every report: units, ratings, directions, periods.

One home, on the ground floor of the import graph (standard library plus the GSS symbols),
so that a unit, a rating or a period is spelt the same in the narrative, the tables, the
charts, the alt text and both output formats, and a fix is made once. Nothing else in
reportgen types "per 10,000", "Amber" or "deteriorating".

Computation never rounds; only the display functions here do, half-up (85.25 -> 85.3) as
a reader checking by hand expects. Any change or % adrift printed beside figures is worked
out from the figures *as printed* (``shown``), the sum a member checks with a pencil.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal

from reportgen.symbols import SYMBOLS, symbol_of

# ----------------------------------------------------------------------------- types

Unit = Literal["count", "rate", "percent", "days", "average", "money"]
#: Which way is better; ``neutral`` is a context (volume) measure: no better or worse.
Polarity = Literal["higher", "lower", "neutral"]
Direction = Literal["improving", "deteriorating", "broadly stable", "no change", "up", "down"]
Rating = Literal["red", "amber", "green", "blue"]

UNITS: Final[tuple[str, ...]] = ("count", "rate", "percent", "days", "average", "money")
POLARITIES: Final[tuple[str, ...]] = ("higher", "lower", "neutral")

#: Decimal places shown for each unit unless an indicator sets ``decimals``.
DECIMALS: Final[dict[str, int]] = {
    "count": 0,
    "rate": 1,
    "percent": 1,
    "days": 0,
    "average": 1,
    "money": 0,
}


@dataclass(frozen=True)
class DisplayUnit:
    """A unit with the indicator's own display rules: its ``decimals`` and, for a rate,
    its ``rate_per``. Every function here that takes a unit name takes one of these too,
    so a chart or table handed one shows 89.80 or "per 1,000" without knowing why."""

    unit: str
    decimals: int | None = None
    rate_per: int | None = None

    def __str__(self) -> str:
        return self.unit


UnitLike = str | DisplayUnit


def unit_name(unit: UnitLike) -> str:
    return unit.unit if isinstance(unit, DisplayUnit) else unit


def _split(
    unit: UnitLike, decimals: int | None, rate_per: int | None = None
) -> tuple[str, int | None, int | None]:
    if isinstance(unit, DisplayUnit):
        return (
            unit.unit,
            unit.decimals if decimals is None else decimals,
            unit.rate_per if rate_per is None else rate_per,
        )
    return unit, decimals, rate_per


MISSING = "n/a"
MINUS = "\u2212"  # a real minus sign: screen readers say "minus", not "dash"

# ----------------------------------------------------------------------------- numbers


def is_missing(value: object) -> bool:
    """True for None and NaN, the two ways a figure can be absent."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def places(unit: UnitLike, decimals: int | None = None) -> int:
    """The decimal places a figure is shown with: the indicator's own, else the unit's."""
    name, decimals, _ = _split(unit, decimals)
    return DECIMALS.get(name, 1) if decimals is None else decimals


def round_half_up(value: float, decimals: int) -> Decimal:
    """Round for display only, half away from zero."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def shown(value: float | None, decimals: int) -> float | None:
    """The figure as it is printed (rounded half-up), or None when missing."""
    if is_missing(value):
        return None
    assert value is not None
    return float(round_half_up(value, decimals))


def shown_difference(a: float | None, b: float | None, decimals: int) -> float | None:
    """a - b as a reader computes it from the printed figures (45.1 - 45.4 = -0.3)."""
    x, y = shown(a, decimals), shown(b, decimals)
    if x is None or y is None:
        return None
    return float(round_half_up(x, decimals) - round_half_up(y, decimals))


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """A number with thousands separators and fixed decimals: 1234.5 -> '1,234.5'."""
    if is_missing(value):
        return MISSING
    assert value is not None
    rounded = round_half_up(float(value), decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never show '-0.0'
    return f"{rounded:,.{decimals}f}".replace("-", MINUS)


def fmt_count(value: float | int | None) -> str:
    return fmt_number(value, 0)


def fmt_rate(value: float | None, decimals: int = 1) -> str:
    return fmt_number(value, decimals)


def fmt_percent(value: float | None, decimals: int = 1) -> str:
    """A value already on the 0-100 scale: 45.63 -> '45.6%'."""
    return MISSING if is_missing(value) else f"{fmt_number(value, decimals)}%"


def fmt_money(value: float | None, decimals: int = 0) -> str:
    if is_missing(value):
        return MISSING
    assert value is not None
    sign = MINUS if value < 0 else ""
    return f"{sign}£{fmt_number(abs(value), decimals)}"


def fmt_value(
    value: float | int | None,
    unit: UnitLike,
    decimals: int | None = None,
    symbol: str | None = None,
) -> str:
    """A figure by its unit; a missing one shows its GSS symbol when it has one."""
    if is_missing(value):
        return symbol or MISSING
    dp = places(unit, decimals)
    unit = unit_name(unit)
    if unit == "percent":
        return fmt_percent(value, dp)
    if unit == "money":
        return fmt_money(value, dp)
    return fmt_number(value, dp)


def fmt_value_with_unit(
    value: float | int | None,
    unit: UnitLike,
    decimals: int | None = None,
    rate_per: int | None = None,
    symbol: str | None = None,
) -> str:
    """As fmt_value, with the unit spelt out where a bare number would be ambiguous."""
    if is_missing(value):
        return missing_words(symbol)
    unit, decimals, rate_per = _split(unit, decimals, rate_per)
    text = fmt_value(value, unit, decimals)
    if unit == "rate":
        return f"{text} {rate_words(rate_per)}"
    if unit == "days":
        return f"{text} days"
    return text


def fmt_signed(
    value: float | int | None, unit: UnitLike = "count", decimals: int | None = None
) -> str:
    """A change with its sign: +12, \u22123.4, percentage points as '+1.2pp'."""
    if is_missing(value):
        return MISSING
    assert value is not None
    dp = places(unit, decimals)
    unit = unit_name(unit)
    magnitude = fmt_number(abs(value), dp)
    sign = "" if round_half_up(float(value), dp) == 0 else "+" if value > 0 else MINUS
    return f"{sign}{magnitude}{'pp' if unit == 'percent' else ''}"


def fmt_signed_percent(value: float | None, decimals: int = 1) -> str:
    """A relative change already in percent: 10.04 -> '+10.0%'."""
    if is_missing(value):
        return MISSING
    assert value is not None
    magnitude = fmt_number(abs(value), decimals)
    if round_half_up(float(value), decimals) == 0:
        return f"{magnitude}%"
    return f"{'+' if value > 0 else MINUS}{magnitude}%"


def change_word(
    value: float | None, up: str = "increase", down: str = "decrease", same: str = "no change"
) -> str:
    """'increase' / 'decrease' / 'no change' for a signed change (missing: not available)."""
    if is_missing(value):
        return "not available"
    assert value is not None
    return same if value == 0 else up if value > 0 else down


# ----------------------------------------------------------------------------- units


def rate_words(rate_per: int | None) -> str:
    """'per 10,000' from the indicator's own ``rate_per`` (10,000 when it has none)."""
    return f"per {fmt_count(rate_per or 10_000)}"


def population_words(denominator: str | None) -> str:
    """'aged under 18' for a ``population:0-17`` denominator; '' for anything else."""
    if not denominator or not denominator.startswith("population:"):
        return ""
    band = denominator.split(":", 1)[1]
    low, _, high = band.partition("-")
    if low == "0" and high.isdigit():
        return f"aged under {int(high) + 1}"
    return f"aged {band}"


def unit_words(
    unit: UnitLike, rate_per: int | None = None, denominator: str | None = None, long: bool = False
) -> str:
    """The unit as a label: 'per 10,000' ('per 10,000 aged under 18' when ``long``),
    '%', 'days', 'number', 'average', '£'."""
    unit, _, rate_per = _split(unit, None, rate_per)
    if unit == "rate":
        who = population_words(denominator) if long else ""
        return f"{rate_words(rate_per)} {who}".strip()
    return {
        "percent": "%",
        "count": "number",
        "days": "days",
        "average": "average",
        "money": "£",
    }.get(unit, unit)


def change_unit_words(unit: str) -> str:
    """What a change is counted in: percentage points for a percentage."""
    return "percentage points" if unit == "percent" else ""


# ----------------------------------------------------------------------------- ratings

#: The order every key, legend and table uses: best first.
RATING_ORDER: Final[tuple[Rating, ...]] = ("blue", "green", "amber", "red")
RATING_WORDS: Final[dict[str, str]] = {
    "blue": "Blue",
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "grey": "Not rated",
}
NOT_RATED = "Not rated"


def rating_word(rating: str | None) -> str:
    """'Amber'; 'Not rated' without a rating (no target, or no figure)."""
    return RATING_WORDS.get(rating or "", NOT_RATED)


def rating_key(amber_pct: float, blue_pct: float) -> tuple[tuple[Rating, str], ...]:
    """The BRAG key, Blue, Green, Amber, Red, with the measure's own thresholds."""
    return (
        ("blue", f"Target exceeded by {fmt_number(blue_pct, 0)}% or more"),
        ("green", "Target met"),
        ("amber", f"{fmt_number(amber_pct, 0)}% or less adrift from the target (target not met)"),
        ("red", f"More than {fmt_number(amber_pct, 0)}% adrift from the target"),
    )


# ----------------------------------------------------------------------------- directions

ARROWS: Final[dict[str, str]] = {"up": "\u2191", "down": "\u2193", "flat": "\u2192"}
_DIRECTION_WORDS: Final[dict[str, str]] = {
    "improving": "improving",
    "deteriorating": "deteriorating",
    "broadly stable": "broadly stable",
    "no change": "no change",
    "up": "up",
    "down": "down",
}


def direction_word(direction: str | None) -> str:
    """The direction of travel in words; 'not available' when none can be claimed."""
    return _DIRECTION_WORDS.get(direction or "", "not available")


def movement_verb(direction: str | None, change: float | None) -> str:
    """'rose to' / 'fell to' / 'stayed at' / 'was broadly stable at': neutral wording that
    says what happened, not whether it is good."""
    if direction == "broadly stable":
        return "was broadly stable at"
    if change is None or direction is None:
        return "was"
    return "stayed at" if change == 0 else "rose to" if change > 0 else "fell to"


def arrow(change: float | None) -> str:
    if change is None:
        return ""
    return ARROWS["flat"] if change == 0 else ARROWS["up" if change > 0 else "down"]


def polarity_note(polarity: str | None) -> str:
    """'lower is better' for an axis or key; '' for a neutral (context) measure."""
    return {"higher": "higher is better", "lower": "lower is better"}.get(polarity or "", "")


# ----------------------------------------------------------------------------- missing


def missing_words(symbol: str | None) -> str:
    """'not available (suppressed)': what a sentence says in place of a missing figure."""
    code = symbol_of(symbol) if symbol else None
    return {
        "c": "not available (suppressed)",
        "x": "not available",
        "z": "not applicable",
        "u": "not available (low reliability)",
        "low": "fewer than 0.5 (rounds to zero)",
        "k": "fewer than 0.5 (rounds to zero)",
    }.get(code or "", "not available")


def symbol_key(symbols: set[str] | frozenset[str] | list[str]) -> str:
    """'c = confidential ...; x = not available': the key under a table using them."""
    used = [s for s in SYMBOLS if s in set(symbols)]
    return "; ".join(f"{s} = {SYMBOLS[s]}" for s in used)


# ----------------------------------------------------------------------------- periods

MONTHS: Final[tuple[str, ...]] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def fmt_period(period: str | date | datetime) -> str:
    """'2017-01' (or a date) -> 'January 2017'."""
    if isinstance(period, (date, datetime)):
        return f"{MONTHS[period.month - 1]} {period.year}"
    year, month = str(period)[:7].split("-")
    return f"{MONTHS[int(month) - 1]} {int(year)}"


def fmt_date(value: date | datetime | str) -> str:
    """'24 February 2012', the GOV.UK style for dates."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def fmt_financial_year(start_year: int) -> str:
    """2016 -> '2016/17'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def is_year_end(period: str) -> bool:
    """March closes the April-to-March financial year."""
    return str(period)[5:7] == "03"


def forecast_words(period: str) -> str:
    """'the year-end forecast', or 'the outturn' once the year has ended (March)."""
    return "the outturn" if is_year_end(period) else "the year-end forecast"


def forecast_label(period: str, financial_year: str) -> str:
    """A table row label: 'Year-end forecast (2016/17)' or 'Outturn (2016/17)'."""
    return f"{'Outturn' if is_year_end(period) else 'Year-end forecast'} ({financial_year})"


def so_far(period: str, financial_year: str) -> str:
    """'so far in 2016/17', or 'in 2016/17' when the year is complete."""
    return f"in {financial_year}" if is_year_end(period) else f"so far in {financial_year}"


def months_list(periods: list[str] | tuple[str, ...]) -> str:
    """'October and December 2016' style list of months (each with its year)."""
    names = [fmt_period(p) for p in periods]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ----------------------------------------------------------------------------- counting

_ORDINAL_WORDS: Final[dict[int, str]] = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
}
_NUMBER_WORDS: Final[tuple[str, ...]] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_word(n: int) -> str:
    return _ORDINAL_WORDS.get(n, ordinal(n))


def number_word(n: int) -> str:
    """Numbers up to ten in words, as house style asks ('eight authorities')."""
    return _NUMBER_WORDS[n] if 0 <= n <= 10 else fmt_count(n)


def how_many(n: int, one: str, many: str) -> str:
    """'no authorities', 'one authority', 'eight authorities', '12 authorities'."""
    if n == 0:
        return f"no {many}"
    return f"{number_word(n)} {one if n == 1 else many}"


def position(rank: int, end: str, tied: bool = False) -> str:
    """Natural ordinals: 'the highest', 'the fourth highest', 'joint 7th highest'."""
    if tied:
        return f"joint {ordinal(rank)} {end}" if rank > 1 else f"joint {end}"
    return f"the {end}" if rank == 1 else f"the {ordinal_word(rank)} {end}"


def rank_text(rank: int, of: int, tied: bool = False) -> str:
    """'7th of 15', 'joint 7th of 15'."""
    return f"{'joint ' if tied else ''}{ordinal(rank)} of {of}"


#: Regions that take "the" in running text ("in the South West", "in London").
_REGIONS_WITH_THE: Final[frozenset[str]] = frozenset(
    {
        "north east",
        "north west",
        "east midlands",
        "west midlands",
        "east of england",
        "south east",
        "south west",
        "humber",
    }
)


def region_words(name: str | None) -> str:
    """'the South West', 'London', 'Yorkshire and the Humber'; 'the region' when unknown."""
    if not name:
        return "the region"
    if name.lower().startswith("the ") or name.lower() not in _REGIONS_WITH_THE:
        return name
    return f"the {name}"


def quartile_words(quartile: int, polarity: str) -> str:
    """Quartile 4 explained: which quarter of authorities it is, and whether it is good."""
    if polarity == "neutral":
        ends = {1: "the highest 25% of authorities", 4: "the lowest 25% of authorities"}
        return f"quartile {quartile} ({ends.get(quartile, 'the middle half of authorities')})"
    meaning = {
        1: "the best 25% of authorities",
        2: "the second best 25% of authorities",
        3: "the second worst 25% of authorities",
        4: "the worst 25% of authorities",
    }
    return f"quartile {quartile} ({meaning[quartile]})"


def year_end_words(financial_year: str) -> str:
    """'2015/16 year-end': the position a year closed on."""
    return f"{financial_year} year-end"


_FORECAST_METHODS: Final[dict[str, str]] = {
    "trend": "linear trend of the last 12 months projected to March",
    "pace": "year to date plus the average monthly count so far for the remaining months",
    "actual": "year-end actual",
}


def forecast_method_words(method: str | None) -> str:
    """How a forecast was made, in the words a paper quotes ('' when unknown)."""
    return _FORECAST_METHODS.get(method or "", "")


# ----------------------------------------------------------------------------- governance
# In councils "not for publication" is the statutory marking of exempt (Schedule 12A)
# material; a draft that is merely unfinished says so in other words (issue 19).

DRAFT_NOTICE: Final = "Draft \u2013 for internal review"
NOT_FOR_PUBLICATION: Final = "NOT FOR PUBLICATION"


def exempt_marking(paragraph: int | None) -> str:
    """The running marking of exempt material: 'NOT FOR PUBLICATION (Schedule 12A, paragraph 3)'."""
    where = f", paragraph {paragraph}" if paragraph is not None else ""
    return f"{NOT_FOR_PUBLICATION} (Schedule 12A{where})"


def contact_line(email: str | None, phone: str | None) -> str:
    """An author's contact details as the seed prints them: 'Tel: 01234 567123, a@b.gov.uk'."""
    return ", ".join(part for part in (f"Tel: {phone}" if phone else "", email or "") if part)


#: Approval rows every committee report carries (seed 002), whatever its template says.
ALWAYS_APPROVED: Final[tuple[str, ...]] = ("finance", "legal")
#: The row a contract award (a key decision of that kind) adds.
PROCUREMENT_APPROVAL: Final = "procurement"
#: What an outstanding approval row is called, by id; others are the id capitalised.
APPROVAL_ROLES: Final[dict[str, str]] = {
    "finance": "Strategic Director of Finance and Corporate Services",
    "legal": "Director of Legal Services",
    "procurement": "Head of Procurement",
    "director": "Strategic Director",
}


#: Under a table whose sources a table above it on the same page already named.
SOURCE_AS_ABOVE: Final[str] = "Source: as above"


def source_line(sources: Sequence[str | None]) -> str | None:
    """'Source: DfE SSDA903; local case management system' under a chart or table: each
    distinct source once, in order, also where indicators list several ("A; B" and
    "A; C" give "A; B; C"); None when no indicator records one."""
    distinct = source_parts(sources)
    return f"Source: {'; '.join(distinct)}" if distinct else None


def source_parts(sources: Sequence[str | None]) -> list[str]:
    """Each distinct source named by these indicators' ``source`` fields, in order."""
    parts = (part.strip() for s in sources if s for part in s.split(";"))
    return list(dict.fromkeys(part for part in parts if part))


# ----------------------------------------------------------------------------- chart words
# Titles state the chart's message in about ten words (Analysis Function guidance) and
# must read right for any indicator's label: a label is a topic ("Care leavers in EET",
# "3+ placements"), not always a noun a verb can agree with, so titles put it before a
# colon or a number-neutral verb (rose, fell, stayed at), never "is/has" + label.

#: Authorities are ranked among themselves; England and the region are references.
AUTHORITIES = "authorities"
#: A chart title states its message in about ten words; past this, a clause is dropped.
MAX_TITLE_WORDS = 14


def word_count(text: str) -> int:
    """Words as a reader counts them (a no-break space joins '(r = 0.56)' into one)."""
    return len(text.split(" "))


def title_label(label: str) -> str:
    """A label without its bracketed unit, for a title: 'Children in need (per 10,000)'
    -> 'Children in need' (the axis carries the unit)."""
    words, depth = [], 0
    for ch in label:
        depth += ch == "("
        if depth == 0:
            words.append(ch)
        depth -= ch == ")" and depth > 0
    return " ".join("".join(words).split()) or label


def axis_unit_words(unit: UnitLike) -> str:
    """A value axis's title, its unit: 'Rate per 10,000 children', 'Percentage',
    'Number', 'Days'. The axis says what the numbers are, not which way is better."""
    name, _, rate_per = _split(unit, None)
    if name == "rate":
        return f"Rate {rate_words(rate_per)} children"
    return {
        "percent": "Percentage",
        "count": "Number",
        "days": "Days",
        "average": "Average",
        "money": "Pounds (£)",
    }.get(name, name.capitalize())


def change_title(
    label: str, verb: str, first: str, latest: str, when: str, bare: str | None = None
) -> str:
    """'Visits on time fell from 95.3% to 78.7% in three months'. ``bare`` is the latest
    figure without unit words ('83' for '83 per 10,000'), used when the title would
    pass MAX_TITLE_WORDS: the axis title carries the unit."""
    for shown_latest in (latest, bare or latest):
        if verb == "stayed at":
            text = f"{title_label(label)} stayed at {shown_latest} {when}"
        else:
            text = f"{title_label(label)} {verb} from {first} to {shown_latest} {when}"
        if word_count(text) <= MAX_TITLE_WORDS:
            break
    return text


def since_words(period_text: str) -> str:
    return f"since {period_text}"


def recent_words(months: int) -> str:
    """'in three months': the span of a recent change that is the chart's story."""
    return f"in {number_word(months)} months"


def single_value_title(label: str, value: str, when: str) -> str:
    """'Care leavers in EET: 71.3% in January 2017' (one period only)."""
    return f"{title_label(label)}: {value} in {when}"


def no_data_title(label: str) -> str:
    return f"{title_label(label)}: no data available"


def standing_title(label: str, place: str, standing: str, total: int, versus: str = "") -> str:
    """'Care leavers in EET: Example Borough is the highest of 11 authorities, above
    England'. ``standing`` comes from ``position``; ``versus`` is '' or 'above England',
    left to the alt text and narrative when the title would pass MAX_TITLE_WORDS (and then
    the word 'authorities', the chart's bars naming them)."""
    text = f"{title_label(label)}: {place} is {standing} of {total}"
    for option in (f"{text} {AUTHORITIES}, {versus}", f"{text} {AUTHORITIES}", text):
        if word_count(option) <= MAX_TITLE_WORDS and not option.endswith(", "):
            return option
    return text


def comparison_title(label: str) -> str:
    return f"{title_label(label)}: comparison with other {AUTHORITIES}"


def largest_group_title(label: str, group: str, value: str) -> str:
    """'Children in care by age: 10 to 15 is the largest group (37.1%)'."""
    return f"{title_label(label)}: {group} is the largest group ({value})"


def lower_first(label: str) -> str:
    """'Children in care rate' -> 'children in care rate', but 'IDACI score' stays."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def relationship_title(y_label: str, x_label: str, strength: str, r: str | None) -> str:
    """'Children in care rate against deprivation: moderate positive relationship
    (r = 0.56)', no article, to stay near ten words; the coefficient's spaces do not
    break, so a title never wraps inside it."""
    text = f"{title_label(y_label)} against {lower_first(title_label(x_label))}"
    if r is None:
        return text
    coefficient = f"(r\u00a0=\u00a0{r})"
    return f"{text}: {strength} relationship {coefficient}"
