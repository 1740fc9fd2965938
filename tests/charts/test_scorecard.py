"""Sparklines and the RAG scorecard image."""

from __future__ import annotations

import pytest
from chart_helpers import PERIODS, VALUES, png_dpi, svg_texts

from reportgen.charts import rating_scorecard_chart, sparkline

ROWS = [
    ("Children in care per 10,000", "85.5", "Red", "deteriorating"),
    ("Reviews in time", "96.7%", "green", "no change"),
    ("Visits in time", "78.7%", "AMBER", "improving"),
    ("Dental checks", "66.1%", "", ""),
]


def test_sparkline_alt_text_and_size() -> None:
    periods = [*PERIODS, "2017-02"]
    fig = sparkline(periods=periods, values=[*VALUES, 86.0], unit="rate")
    assert fig.alt == "Trend over 12 months: rising from 76.6 to 86.0 per 10,000."
    assert (fig.image.width_mm, fig.image.height_mm) == (40.0, 10.0)
    assert svg_texts(fig) == []  # no text in a sparkline: the scorecard row has the numbers
    assert fig.data_table is not None and len(fig.data_table.rows) == 12
    assert min(png_dpi(fig)) >= 199.5


def test_sparkline_falling_stable_and_empty() -> None:
    assert (
        "falling from 3"
        in sparkline(periods=["2017-01", "2017-02"], values=[3.0, 1.0], unit="count").alt
    )
    assert (
        "stable at 2"
        in sparkline(periods=["2017-01", "2017-02"], values=[2.0, 2.0], unit="count").alt
    )
    assert "no data" in sparkline(periods=["2017-01"], values=[None], unit="count").alt
    assert (
        "Trend over two periods"
        in sparkline(periods=["2015/16", "2016/17"], values=[1.0, 2.0], unit="count").alt
    )


def test_scorecard_says_rating_words_and_arrows() -> None:
    fig = rating_scorecard_chart(rows=ROWS)
    texts = svg_texts(fig)
    for word in ("Red", "Green", "Amber", "Not rated"):
        assert word in texts
    assert "↓ Deteriorating" in texts and "→ No change" in texts and "↑ Improving" in texts
    assert fig.caption == "One of four indicators is rated red"
    assert "one green, one amber, one red" in fig.alt
    assert "Rated red: Children in care per 10,000." in fig.alt


def test_scorecard_data_table_carries_ratings() -> None:
    table = rating_scorecard_chart(rows=ROWS).data_table
    assert table is not None
    assert [c.text for c in table.header] == ["Indicator", "Latest", "Rating", "Direction"]
    assert len(table.rows) == len(ROWS)
    assert [(r[2].rating, r[2].text) for r in table.rows] == [
        ("red", "Red"),
        ("green", "Green"),
        ("amber", "Amber"),
        (None, "Not rated"),
    ]


def test_scorecard_rejects_unknown_rating() -> None:
    with pytest.raises(ValueError, match="unknown rating"):
        rating_scorecard_chart(rows=[("X", "1", "purple", "up")])
