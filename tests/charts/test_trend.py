"""Trend chart: alt text, data table, SVG/PNG output, gaps, titles, caching."""

from __future__ import annotations

import pytest
from chart_helpers import COUNTS, PERIODS, TARGET, VALUES, png_dpi, svg_texts

from reportgen.charts import cache_info, clear_cache, trend_chart


def _chart(**overrides: object):  # type: ignore[no-untyped-def]
    args = {
        "periods": PERIODS,
        "values": VALUES,
        "unit": "rate",
        "label": "Children in care rate",
        "target": TARGET,
        "counts": COUNTS,
        "count_label": "Children in care",
        "polarity": "lower",
        **overrides,
    }
    return trend_chart(**args)  # type: ignore[arg-type]


def test_derived_title_states_the_message() -> None:
    fig = _chart(title=None)
    assert fig.caption == (
        "Children in care rate rose from 76.6 to 85.5 per 10,000 since March 2016"
    )


def test_alt_text_has_latest_range_trend_and_target() -> None:
    alt = _chart().alt
    assert "latest value is 85.5 per 10,000 in January 2017" in alt
    assert "lowest was 76.6 per 10,000 in March 2016" in alt
    assert "highest 85.5 per 10,000 in January 2017" in alt
    assert "rose from 76.6" in alt and "a deterioration as lower is better" in alt
    assert "above the target of 80.0 per 10,000, missing it" in alt
    assert "One period has no data" in alt


def test_alt_text_falling_and_improving() -> None:
    alt = _chart(values=[90.0, 88.0, None, 85.0] + [None] * 7, polarity="lower").alt
    assert "fell from 90.0" in alt and "an improvement" in alt


def test_data_table_header_and_one_row_per_period() -> None:
    table = _chart().data_table
    assert table is not None
    assert [c.text for c in table.header] == [
        "Period",
        "Children in care rate (per 10,000)",
        "Target",
        "Children in care",
    ]
    assert len(table.rows) == len(PERIODS)
    assert [c.text for c in table.rows[0]] == ["March 2016", "76.6", "80.0", "413"]
    assert [c.text for c in table.rows[3]] == ["June 2016", "n/a", "80.0", "n/a"]


def test_svg_keeps_title_as_text_and_uses_en_gb_month_labels() -> None:
    texts = svg_texts(_chart(title="Rate rose"))
    assert "Rate rose" in texts
    assert "Jan 2017" in texts
    assert "85.5" in texts  # the latest value labelled on the chart


def test_png_is_at_least_200_dpi_and_sized_in_mm() -> None:
    fig = _chart()
    assert min(png_dpi(fig)) >= 199.5
    assert (fig.image.width_mm, fig.image.height_mm) == (170.0, 85.0)  # with a count panel
    bare = _chart(counts=None)
    assert (bare.image.width_mm, bare.image.height_mm) == (170.0, 85.0)


def test_same_input_gives_same_bytes() -> None:
    first = _chart()
    clear_cache()
    second = _chart()
    assert first is not second
    assert first.image.svg == second.image.svg
    assert first.image.png == second.image.png


def test_cache_draws_the_same_chart_once() -> None:
    first = _chart()
    second = trend_chart(
        periods=tuple(PERIODS),
        values=tuple(VALUES),
        unit="rate",
        label="Children in care rate",
        target=tuple(TARGET),
        counts=tuple(COUNTS),
        count_label="Children in care",
        polarity="lower",
    )
    assert second is first
    assert cache_info()["hits"] == 1


@pytest.mark.parametrize(
    "values",
    [
        [None] * 11,
        [float("nan")] * 10 + [85.5],
        [85.5] + [None] * 10,
    ],
)
def test_missing_values_are_tolerated(values: list[float | None]) -> None:
    fig = _chart(values=values, target=None, counts=None)
    assert fig.alt
    assert fig.data_table is not None and len(fig.data_table.rows) == 11


def test_no_data_title_and_alt() -> None:
    fig = _chart(values=[None] * 11, target=None, counts=None)
    assert "no data" in fig.caption and "no data" in fig.alt


def test_unchanged_series_says_so() -> None:
    fig = _chart(values=[50.0] * 11, target=None, counts=None, unit="percent", label="Reviews")
    assert fig.caption == "Reviews stayed at 50.0% since March 2016"


def test_mismatched_lengths_raise() -> None:
    with pytest.raises(ValueError, match="11 periods but 2 target"):
        _chart(target=[1.0, 2.0])
