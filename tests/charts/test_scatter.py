"""Scatter chart: least-squares fit, correlation and where the council sits."""

from __future__ import annotations

import numpy as np
import pytest
from chart_helpers import svg_texts

from reportgen.charts import least_squares, scatter_chart


def test_fit_recovers_a_known_line() -> None:
    xs = [1.0, 2.0, 3.0, 4.0, 5.0]
    fit = least_squares(xs, [2 * x + 1 for x in xs])
    assert fit is not None
    assert fit.slope == pytest.approx(2.0)
    assert fit.intercept == pytest.approx(1.0)
    assert fit.r == pytest.approx(1.0)


def test_fit_matches_textbook_formula_on_noisy_data() -> None:
    xs = [10.0, 14.0, 20.0, 25.0, 31.0, 40.0]
    ys = [30.0, 52.0, 44.0, 70.0, 66.0, 95.0]
    x, y = np.array(xs), np.array(ys)
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    fit = least_squares(xs, ys)
    assert fit is not None
    assert fit.slope == pytest.approx(slope)
    assert fit.intercept == pytest.approx(y.mean() - slope * x.mean())


def test_fit_needs_spread() -> None:
    assert least_squares([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]) is None
    assert least_squares([1.0, 2.0], [1.0, 2.0]) is None


def _points() -> list[tuple[str, float | None, float | None, str]]:
    pts: list[tuple[str, float | None, float | None, str]] = [
        (f"Area {i}", float(i), 2.0 * i + 1, "other") for i in range(1, 9)
    ]
    pts += [
        ("Nottingham", 4.0, 12.0, "neighbour"),
        ("Leicester", 6.0, 10.0, "neighbour"),
        ("Derby", 5.0, 14.0, "council"),
        ("Rutland", None, 3.0, "other"),
    ]
    return pts


def test_alt_text_states_r_and_council_position() -> None:
    fig = scatter_chart(
        points=_points(),
        x_label="Children in poverty",
        y_label="Children in care rate",
        x_unit="percent",
        y_unit="rate",
    )
    assert "for 11 areas" in fig.alt
    assert "(r = 0." in fig.alt and "positive" in fig.alt
    assert "Derby (highlighted)" in fig.alt and "above the line" in fig.alt
    assert "One of two comparator areas sits above the line" in fig.alt
    assert "Derby" in svg_texts(fig)


def test_data_table_keeps_every_point_council_first() -> None:
    fig = scatter_chart(
        points=_points(), x_label="X", y_label="Y", x_unit="percent", y_unit="rate", fit_line=False
    )
    table = fig.data_table
    assert table is not None
    assert [c.text for c in table.header] == ["Area", "Type", "X", "Y (per 10,000)"]
    assert len(table.rows) == 12
    assert table.rows[0][0].text == "Derby"
    assert [c.text for c in table.rows[1]][:2] == ["Leicester", "Statistical neighbour"]
    assert ["Rutland", "Other area", "n/a", "3.0"] in [[c.text for c in r] for r in table.rows]
    assert "r =" not in fig.alt  # no fitted line asked for


def test_unknown_kind_rejected() -> None:
    with pytest.raises(ValueError, match="kind"):
        scatter_chart(
            points=[("A", 1.0, 1.0, "council?")],
            x_label="X",
            y_label="Y",
            x_unit="rate",
            y_unit="rate",
        )
