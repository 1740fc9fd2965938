"""Properties every chart family shares: valid SVG with live text, fonts >= 9 pt,
200 dpi PNG, deterministic bytes, and no pyplot global state."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from chart_helpers import BENCH_ITEMS, PERIODS, TARGET, VALUES, png_dpi, svg_font_sizes, svg_texts

from reportgen.charts import (
    bar_breakdown_chart,
    benchmark_bar_chart,
    clear_cache,
    rating_scorecard_chart,
    scatter_chart,
    trend_chart,
)
from reportgen.model import Figure

BUILDERS: dict[str, Callable[[], Figure]] = {
    "trend": lambda: trend_chart(
        title="T1", periods=PERIODS, values=VALUES, unit="rate", label="Rate", target=TARGET
    ),
    "benchmark": lambda: benchmark_bar_chart(
        title="T2", items=BENCH_ITEMS, unit="rate", label="Rate"
    ),
    "breakdown": lambda: bar_breakdown_chart(
        title="T3", categories=["A", "B"], values=[60.0, 40.0], label="Share"
    ),
    "scatter": lambda: scatter_chart(
        title="T4",
        points=[("A", 1.0, 2.0, "other"), ("B", 2.0, 3.5, "neighbour"), ("C", 3.0, 7.0, "council")],
        x_label="X",
        y_label="Y",
        x_unit="percent",
        y_unit="rate",
    ),
    "scorecard": lambda: rating_scorecard_chart(title="T5", rows=[("A", "1", "red", "up")]),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_svg_is_xml_with_title_as_text(name: str) -> None:
    fig = BUILDERS[name]()
    assert fig.image.svg is not None and b"font-family" in fig.image.svg
    assert any(t.startswith("T") and len(t) == 2 for t in svg_texts(fig))


@pytest.mark.parametrize("name", BUILDERS)
def test_text_is_at_least_9pt(name: str) -> None:
    sizes = svg_font_sizes(BUILDERS[name]())
    assert sizes and min(sizes) >= 9.0


@pytest.mark.parametrize("name", BUILDERS)
def test_png_dpi_and_deterministic_bytes(name: str) -> None:
    first = BUILDERS[name]()
    clear_cache()
    second = BUILDERS[name]()
    assert min(png_dpi(first)) >= 199.5
    assert (first.image.png, first.image.svg) == (second.image.png, second.image.svg)
    assert first.data_table is not None and first.data_table.header


def test_no_pyplot_and_bytes_stable_across_processes() -> None:
    code = (
        "import sys, hashlib\n"
        "from reportgen.charts import trend_chart\n"
        "f = trend_chart(periods=['2017-01', '2017-02', '2017-03'], values=[1.0, None, 2.0],"
        " unit='rate', label='R')\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "print(hashlib.sha256(f.image.svg + f.image.png).hexdigest())\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
