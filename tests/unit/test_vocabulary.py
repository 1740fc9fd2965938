"""The vocabulary: one home for units, ratings, directions, periods and number formats."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reportgen import vocabulary as v

PACKAGE = Path(__file__).resolve().parents[2] / "reportgen"


@pytest.mark.parametrize(
    ("rate_per", "expected"),
    [(1000, "per 1,000"), (10000, "per 10,000"), (None, "per 10,000"), (100000, "per 100,000")],
)
def test_rate_words_come_from_the_indicator(rate_per: int | None, expected: str) -> None:
    assert v.rate_words(rate_per) == expected
    assert v.fmt_value_with_unit(45.0, "rate", rate_per=rate_per) == f"45.0 {expected}"


def test_display_unit_carries_decimals_and_rate_base() -> None:
    unit = v.DisplayUnit("rate", 2, 1000)
    assert v.fmt_value(89.8, unit) == "89.80"
    assert v.fmt_value_with_unit(84, unit) == "84.00 per 1,000"
    assert v.fmt_signed(-0.3, unit) == "\u22120.30"
    assert v.unit_words(unit) == "per 1,000"
    assert v.unit_words("rate", 10000, "population:0-17", long=True) == ("per 10,000 aged under 18")


@pytest.mark.parametrize(
    ("a", "b", "dp", "expected"),
    [
        (45.056, 45.411, 1, -0.3),
        (432.39, 433.85, 0, -2.0),
        (95.536, 95.556, 1, -0.1),
        (85.25, 85.15, 1, 0.1),
        (None, 1.0, 1, None),
    ],
)
def test_shown_difference_is_what_a_reader_computes(
    a: float | None, b: float, dp: int, expected: float | None
) -> None:
    result = v.shown_difference(a, b, dp)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_rating_words_and_key_order() -> None:
    assert v.RATING_ORDER == ("blue", "green", "amber", "red")
    assert [r for r, _ in v.rating_key(5, 2)] == list(v.RATING_ORDER)
    assert v.rating_word("amber") == "Amber" and v.rating_word(None) == "Not rated"


def test_missing_and_symbols() -> None:
    assert v.fmt_value(None, "rate", symbol="c") == "c"
    assert v.fmt_value(None, "rate") == "n/a"
    assert v.missing_words("c") == "not available (suppressed)"
    assert v.missing_words(":") == "not available"  # legacy symbol
    assert v.missing_words("z") == "not applicable"
    assert v.symbol_key({"x", "c"}).startswith("c = confidential")
    assert v.change_word(None) == "not available"  # a gap is never "no change"
    assert v.direction_word(None) == "not available"


def test_calendar_words() -> None:
    assert v.forecast_words("2017-01") == "the year-end forecast"
    assert v.forecast_words("2017-03") == "the outturn"
    assert v.forecast_label("2017-03", "2016/17") == "Outturn (2016/17)"
    assert v.so_far("2017-01", "2016/17") == "so far in 2016/17"
    assert v.so_far("2017-03", "2016/17") == "in 2016/17"
    assert v.months_list(["2016-10", "2016-12"]) == "October 2016 and December 2016"


@pytest.mark.parametrize(
    ("rank", "end", "tied", "expected"),
    [
        (1, "highest", False, "the highest"),
        (4, "lowest", False, "the fourth lowest"),
        (7, "highest", True, "joint 7th highest"),
        (1, "lowest", True, "joint lowest"),
        (12, "highest", False, "the 12th highest"),
    ],
)
def test_natural_ordinals(rank: int, end: str, tied: bool, expected: str) -> None:
    assert v.position(rank, end, tied) == expected


def test_counts_regions_and_quartiles() -> None:
    assert v.how_many(0, "authority", "authorities") == "no authorities"
    assert v.how_many(1, "authority", "authorities") == "one authority"
    assert v.how_many(8, "authority", "authorities") == "eight authorities"
    assert v.rank_text(7, 15, tied=True) == "joint 7th of 15"
    assert v.region_words("South West") == "the South West"
    assert v.region_words("London") == "London"
    assert v.region_words("Yorkshire and the Humber") == "Yorkshire and the Humber"
    assert v.quartile_words(4, "lower") == "quartile 4 (the worst 25% of authorities)"
    assert "highest" in v.quartile_words(1, "neutral")


def test_neutral_measures_get_no_judgement_note() -> None:
    assert v.polarity_note("lower") == "lower is better"
    assert v.polarity_note("neutral") == ""
    assert v.movement_verb("up", 6.0) == "rose to"
    assert v.movement_verb("broadly stable", 1.0) == "was broadly stable at"


def test_vocabulary_is_on_the_ground_floor() -> None:
    """Standard library and the GSS symbols only: everything else may import it."""
    tree = ast.parse((PACKAGE / "vocabulary.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {m for m in modules if m and m.startswith("reportgen")} == {"reportgen.symbols"}
    assert not {m for m in modules if m and m.split(".")[0] in ("pandas", "numpy")}


#: Words only the vocabulary may spell (a unit base or a rating); writers ask for them.
SPELLED = (
    "per 10,000",
    "per 1,000",
    "Amber",
    "Deteriorating",
    "lower is better",
    "higher is better",
    "so far in",
    "year-end forecast",
)


def _code_strings(path: Path) -> list[str]:
    """String constants in a module, docstrings left out (they may quote examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_nothing_else_spells_a_unit_or_a_rating() -> None:
    offenders = []
    for sub in ("compose", "charts", "render", "indicators"):
        for path in (PACKAGE / sub).rglob("*.py"):
            offenders += [
                f"{path.relative_to(PACKAGE)}: {text!r}"
                for text in _code_strings(path)
                for word in SPELLED
                if word in text
            ]
    assert offenders == []
