"""Chart titles and alt text read right for EVERY indicator reportgen ships (issue 19).

Titles are built from each indicator's own label and unit, exactly as the compose layer
passes them (the example definitions' short titles; la-benchmark's EES labels with their
unit in brackets), in every shape a title takes (rising, falling, unchanged, a recent
collapse, one period, no data; highest, middle, lowest, tied), and checked against rules
a reader would apply: no "the 1st", "highest" never directly before a noun, about ten
words, starts with the measure, no dangling last word, no bracketed unit, and no "is/was"
agreeing with a label that may be plural.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.charts.alttext import (
    benchmark_alt,
    benchmark_title,
    scatter_title,
    trend_alt,
    trend_title,
)
from reportgen.charts.summary import summarise
from reportgen.data.definitions import load_definitions
from reportgen.data.ees.mapping import load_mapping
from reportgen.vocabulary import MAX_TITLE_WORDS, DisplayUnit, fmt_value, title_label, word_count

ROOT = Path(__file__).resolve().parents[2]
MONTHS = [f"{2014 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}" for m in range(34)]  # Apr 2014..


def _example_labels() -> list[tuple[str, DisplayUnit]]:
    defs = load_definitions(ROOT / "data" / "indicators.yaml")
    return [
        (d.short_title or d.title, DisplayUnit(d.unit, d.decimals, d.rate_per))
        for d in defs.values()
    ]


def _ees_labels() -> list[tuple[str, DisplayUnit]]:
    from reportgen.vocabulary import unit_words

    mapping = load_mapping(ROOT / "data-ees" / "ees.yaml")
    return [
        (
            f"{i.label} ({unit_words(i.unit, i.rate_per)})",
            DisplayUnit(i.unit, i.decimals, i.rate_per),
        )
        for i in mapping.indicators
        if i.report
    ]


LABELS = _example_labels() + _ees_labels()
DANGLING = {"of", "the", "and", "to", "from", "since", "in", "a", "an", "is", "was", "for"}


def _series(shape: str) -> list[float | None]:
    if shape == "rising":
        return [50.0 + i for i in range(34)]
    if shape == "falling":
        return [80.0 - i * 0.5 for i in range(34)]
    if shape == "flat":
        return [60.0] * 34
    if shape == "collapse":
        return [92.0] * 30 + [94.0, 88.0, 83.0, 78.7]
    if shape == "one":
        return [None] * 33 + [71.3]
    return [None] * 34


def _check(title: str, label: str, *, starts: str | None = None) -> None:
    clean = title_label(label)
    assert "the 1st" not in title and "1st highest" not in title, title
    assert not re.search(r"\b(highest|lowest)\s+(?!of\b)[a-z]", title), title
    assert word_count(title) <= MAX_TITLE_WORDS, (word_count(title), title)
    assert title.startswith(starts or clean), title
    last = title.split(" ")[-1]
    assert last.lower() not in DANGLING and not re.search(r"[,:;]$", title), title
    assert "(per" not in title and "(%)" not in title and "(number)" not in title, title
    assert not re.match(re.escape(clean) + r" (is|was|has|have|are|were)\b", title), title


@pytest.mark.parametrize(("label", "unit"), LABELS, ids=[lab for lab, _ in LABELS])
def test_trend_titles_and_alt_text_are_grammatical(label: str, unit: DisplayUnit) -> None:
    for shape in ("rising", "falling", "flat", "collapse", "one", "none"):
        values = _series(shape)
        title = trend_title(label, unit, summarise(MONTHS, values), MONTHS, values)
        _check(title, label)
        alt = trend_alt(
            label=label,
            unit=unit,
            periods=MONTHS,
            values=values,
            target=None,
            counts=None,
            polarity="higher",
        )
        assert "the 1st" not in alt and " 1st " not in alt, alt


def _items(rank: int, tied: bool = False) -> list[tuple[str, float | None, str]]:
    """Eleven authorities, the council ranked ``rank`` from the top, England and region."""
    values = [90.0 - 5 * i for i in range(11)]
    council = values[rank - 1]
    items = [(f"Neighbour {i}", v, "neighbour") for i, v in enumerate(values) if i != rank - 1]
    if tied:
        items[0] = ("Neighbour 0", council, "neighbour")
    items += [("Example Borough", council, "council"), ("England", 61.0, "england")]
    return [*items, ("Yorkshire and the Humber", 58.0, "region")]


@pytest.mark.parametrize(("label", "unit"), LABELS, ids=[lab for lab, _ in LABELS])
def test_benchmark_titles_and_alt_text_are_grammatical(label: str, unit: DisplayUnit) -> None:
    for rank, tied in ((1, False), (2, False), (5, False), (11, False), (4, True)):
        items = _items(rank, tied)
        title = benchmark_title(label, unit, items)
        _check(title, label)
        assert "Example Borough is" in title and "of 11" in title, title
        alt = benchmark_alt(label=label, unit=unit, polarity="lower", items=items)
        assert "the 1st" not in alt and "1st highest" not in alt, alt
        assert "of 13" not in alt  # England and the region are not counted as authorities


def test_scatter_title_is_short_and_keeps_r_on_one_line() -> None:
    title = scatter_title(
        "Children in care rate", "Children in income-deprived families (IDACI, %)", 0.5612
    )
    assert title == (
        "Children in care rate against children in income-deprived families: "
        "moderate positive relationship (r\u00a0=\u00a00.56)"
    )
    assert word_count(title) <= MAX_TITLE_WORDS


def _unit(name: str, rate_per: int | None = None) -> DisplayUnit:
    return DisplayUnit(name, None, rate_per)


def test_hand_written_titles_for_five_indicators() -> None:
    rate = _unit("rate", 10_000)
    cla = [72.2 + i * (85.5 - 72.2) / 33 for i in range(34)]
    assert (
        trend_title("Children in care rate", rate, summarise(MONTHS, cla), MONTHS, cla)
        == "Children in care rate rose from 72.2 to 85.5 per 10,000 since April 2014"
    )
    visits = [92.8] * 30 + [95.0, 88.5, 83.3, 78.7]
    assert (
        trend_title("Visits on time", _unit("percent"), summarise(MONTHS, visits), MONTHS, visits)
        == "Visits on time fell from 95.0% to 78.7% in three months"
    )
    flat = [50.0] * 34
    assert (
        trend_title("Care leavers in EET", _unit("percent"), summarise(MONTHS, flat), MONTHS, flat)
        == "Care leavers in EET stayed at 50.0% since April 2014"
    )
    eet = [
        ("Example Borough", 63.1, "council"),
        ("England", 48.0, "england"),
        ("Yorkshire and the Humber", 49.3, "region"),
        *[(f"N{i}", 40.0 + i, "neighbour") for i in range(10)],
    ]
    assert (
        benchmark_title("Care leavers in EET", _unit("percent"), eet)
        == "Care leavers in EET: Example Borough is the highest of 11 authorities, above England"
    )
    ees = [
        ("Hartlepool", 159.0, "council"),
        ("England", 70.0, "england"),
        ("North East", 110.0, "region"),
        *[(f"N{i}", 90.0 + i, "neighbour") for i in range(10)],
    ]
    assert (
        benchmark_title("Children looked after (per 10,000)", _unit("count"), ees)
        == "Children looked after: Hartlepool is the highest of 11 authorities, above England"
    )
    stability = [
        ("Example Borough", 66.2, "council"),
        ("England", 68.0, "england"),
        *[(f"N{i}", v, "neighbour") for i, v in enumerate([60.0, 62.0, 66.2, 70, 71, 72, 73])],
        *[(f"M{i}", 80.0 + i, "neighbour") for i in range(3)],
    ]
    # the long label leaves no room for England's comparison within fourteen words
    assert (
        benchmark_title("Care leavers in suitable accommodation (%)", _unit("percent"), stability)
        == "Care leavers in suitable accommodation: Example Borough is joint 3rd lowest "
        "of 11 authorities"
    )


def test_titles_are_built_from_vocabulary_words() -> None:
    """The chart modules spell no title phrase themselves: alttext imports them."""
    source = (ROOT / "reportgen" / "charts" / "alttext.py").read_text(encoding="utf-8")
    for phrase in ('" is the largest group', '"rose from', "comparison with other"):
        assert phrase not in source
    assert fmt_value(85.46, "rate") == "85.5"
