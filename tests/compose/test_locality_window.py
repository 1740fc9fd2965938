"""Which localities a locality's comparison chart draws when there are too many to read."""

from __future__ import annotations

import pytest

from reportgen.compose.figures import MAX_LOCALITY_BARS, _locality_window

WHOLE = "Example Borough"


def rows(n: int) -> list[tuple[str, float | None]]:
    # L000 has the highest value, L(n-1) the lowest
    return [(WHOLE, 50.0)] + [(f"L{i:03d}", float(1000 - i)) for i in range(n)]


def test_a_few_localities_are_all_drawn_in_their_own_order() -> None:
    given = [(WHOLE, 5.0), ("North", 1.0), ("South", 9.0), ("East", None)]
    assert _locality_window(given, "North", WHOLE, "higher") == (given, "")


@pytest.mark.parametrize("at", [0, 1, 40, 75, 148, 150])
def test_many_localities_keep_whole_extremes_and_the_area(at: int) -> None:
    chosen, note = _locality_window(rows(151), f"L{at:03d}", WHOLE, "higher")
    names = [n for n, _ in chosen]
    assert names[0] == WHOLE
    assert len(names) <= MAX_LOCALITY_BARS + 1
    assert {"L000", "L001", "L149", "L150", f"L{at:03d}"} <= set(names)
    assert f"ranks {at + 1}" in note and "of 151 localities" in note
    values = [v for _, v in chosen[1:]]
    assert values == sorted(values, reverse=True)  # best first


def test_lower_is_better_ranks_the_smallest_first() -> None:
    chosen, note = _locality_window(rows(151), "L150", WHOLE, "lower")
    assert chosen[1][0] == "L150" and "ranks 1st of 151" in note


def test_missing_values_are_left_out_of_the_ranking() -> None:
    given = [*rows(30), ("Gap", None)]
    chosen, note = _locality_window(given, "L010", WHOLE, "higher")
    assert "Gap" not in [n for n, _ in chosen] and "of 30 localities" in note


def test_few_known_values_among_many_localities_are_all_drawn_ranked() -> None:
    given = [(WHOLE, 50.0), *[(f"L{i:03d}", float(i) if i < 5 else None) for i in range(20)]]
    chosen, note = _locality_window(given, "L002", WHOLE, "higher")
    assert [n for n, _ in chosen] == [WHOLE, "L004", "L003", "L002", "L001", "L000"]
    assert note == ""
