"""Benchmark and breakdown bar charts."""

from __future__ import annotations

import pytest
from chart_helpers import BENCH_ITEMS, png_dpi, svg_texts

from reportgen.charts import bar_breakdown_chart, benchmark_bar_chart


def _bench(polarity: str = "lower"):  # type: ignore[no-untyped-def]
    return benchmark_bar_chart(
        items=BENCH_ITEMS, unit="rate", label="Children in care rate", polarity=polarity
    )


def test_council_is_highlighted_in_alt_text() -> None:
    alt = _bench().alt
    # ranked among the authorities only: England and the region are reference values
    assert "across 5 authorities with East Midlands and England for reference" in alt
    assert "Derby (highlighted) is 85.5 per 10,000, the second highest of 4 authorities" in alt
    assert "England: 60.0 per 10,000" in alt and "East Midlands: 55.2 per 10,000" in alt
    assert "from 55.2 per 10,000 (East Midlands) to 92.1 per 10,000 (Nottingham)" in alt
    assert "No figure for Peterborough" in alt


def test_sorted_best_to_worst_by_polarity_missing_last() -> None:
    lower = _bench("lower").data_table
    higher = _bench("higher").data_table
    assert lower is not None and higher is not None
    assert [r[0].text for r in lower.rows] == [
        "East Midlands",
        "England",
        "Leicester",
        "Coventry",
        "Derby",
        "Nottingham",
        "Peterborough",
    ]
    assert [r[0].text for r in higher.rows][:2] == ["Nottingham", "Derby"]
    assert higher.rows[-1][0].text == "Peterborough"


def test_data_table_header_types_and_values() -> None:
    table = _bench().data_table
    assert table is not None
    assert [c.text for c in table.header] == ["Area", "Type", "Children in care rate (per 10,000)"]
    assert len(table.rows) == len(BENCH_ITEMS)
    assert [c.text for c in table.rows[-1]] == ["Peterborough", "Statistical neighbour", "n/a"]


def test_derived_title_and_svg_text() -> None:
    fig = _bench()
    assert fig.caption == (
        "Children in care rate: Derby is the second highest of 4 authorities, above England"
    )
    texts = svg_texts(fig)
    assert "85.5" in texts and "Derby" in texts and "n/a" in texts
    assert min(png_dpi(fig)) >= 199.5


def test_height_grows_with_bars() -> None:
    small = benchmark_bar_chart(items=BENCH_ITEMS[:2], unit="rate", label="R")
    assert small.image.height_mm < _bench().image.height_mm


def test_unknown_kind_rejected() -> None:
    with pytest.raises(ValueError, match="kind 'county'"):
        benchmark_bar_chart(items=[("X", 1.0, "county")], unit="rate", label="R")


def test_breakdown_keeps_order_and_lists_every_group() -> None:
    fig = bar_breakdown_chart(
        categories=["Male", "Female", "Not known"],
        values=[54.0, 45.0, None],
        label="Children looked after by gender",
    )
    assert fig.caption == "Children looked after by gender: Male is the largest group (54.0%)"
    assert "Male 54.0%; Female 45.0%; Not known not available" in fig.alt
    assert fig.data_table is not None
    assert [r[0].text for r in fig.data_table.rows] == ["Male", "Female", "Not known"]
    assert [c.text for c in fig.data_table.header] == ["Group", "Children looked after by gender"]


def test_breakdown_sort() -> None:
    fig = bar_breakdown_chart(categories=["A", "B"], values=[1.0, 3.0], label="L", sort=True)
    assert fig.data_table is not None
    assert [r[0].text for r in fig.data_table.rows] == ["B", "A"]


def test_breakdown_highlight_marks_one_bar_by_colour_hatch_and_bold_label() -> None:
    from reportgen.charts import style

    cats, vals = ["Example Borough", "North", "South"], [85.5, 95.1, 70.2]
    plain = bar_breakdown_chart(categories=cats, values=vals, unit="rate", label="Rate")
    marked = bar_breakdown_chart(
        categories=cats, values=vals, unit="rate", label="Rate", highlight="North"
    )
    colour = style.COUNCIL.lower()
    assert colour not in plain.image.svg.decode().lower()
    svg = marked.image.svg.decode().lower()
    assert colour in svg and "<pattern" in svg  # orange and hatched
    # the title is bold in both; the marked one adds its label and its value in bold
    assert svg.count("font-weight: 700") == plain.image.svg.decode().count("font-weight: 700") + 2
    assert marked.alt.endswith("North is highlighted.")
    with pytest.raises(ValueError, match="not one of the categories"):
        bar_breakdown_chart(
            categories=cats, values=vals, unit="rate", label="Rate", highlight="West"
        )
