"""Charts saved only in the encodings the outputs read (``reportgen.charts.formats``).

A PDF-only build skips the 200 dpi PNG (most of a chart's saving time); a Word-only
build skips the SVG. The chart cache must never hand a build a chart lacking what it
needs, and a chart drawn in both encodings may serve a build that needs one.
"""

from __future__ import annotations

import pytest
from chart_helpers import PERIODS, TARGET, VALUES

from reportgen.charts import cache_info, clear_cache, trend_chart
from reportgen.charts.formats import ALL, chart_formats, current, formats_for_outputs
from reportgen.model import Figure


def draw(title: str = "Trend") -> Figure:
    return trend_chart(
        title=title, periods=PERIODS, values=VALUES, unit="rate", label="Rate", target=TARGET
    )


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


def test_outputs_map_to_encodings() -> None:
    # matplotlib draws the SVG only: Word's PNG is rasterised from it (render.raster)
    for outputs in (["pdf"], ["html"], ["docx"], ["docx", "pdf"], []):
        assert formats_for_outputs(outputs) == {"svg"}, outputs


def test_only_the_wanted_encoding_is_saved() -> None:
    with chart_formats({"svg"}):
        svg_only = draw()
    with chart_formats({"png"}):
        png_only = draw()
    both = draw()
    assert svg_only.image.png is None and svg_only.image.svg == both.image.svg
    assert png_only.image.svg is None and png_only.image.png == both.image.png
    assert svg_only.alt == both.alt and svg_only.data_table == both.data_table


def test_context_is_restored_and_checked() -> None:
    with chart_formats({"svg"}):
        assert current() == {"svg"}
    assert current() == ALL
    with pytest.raises(ValueError, match="chart formats"), chart_formats({"jpeg"}):
        pass
    with pytest.raises(ValueError, match="chart formats"), chart_formats(()):
        pass


def test_cache_never_serves_a_chart_without_the_wanted_encoding() -> None:
    with chart_formats({"svg"}):
        draw()
    both = draw()  # the SVG-only entry cannot serve this: drawn again
    assert both.image.png is not None and both.image.svg is not None
    assert cache_info()["misses"] == 2


def test_a_chart_in_both_encodings_serves_a_narrower_build_with_only_what_it_asked() -> None:
    """Served from the cache, not drawn again, but without matplotlib's PNG: a build
    that asked for the SVG alone rasterises its Word pictures from it (render.raster),
    so its DOCX is the same whatever the process drew before."""
    both = draw()
    with chart_formats(formats_for_outputs(["docx", "pdf"])):
        again = draw()
    assert again.image.png is None and again.image.svg == both.image.svg
    assert (again.alt, again.caption, again.data_table) == (both.alt, both.caption, both.data_table)
    assert both.image.png is not None  # the cached chart itself is untouched
    assert cache_info() == {"hits": 1, "misses": 1, "size": 1}


def test_only_a_build_with_word_wants_picture_copies_and_the_context_restores() -> None:
    from reportgen.charts.formats import pictures_wanted

    for outputs, wanted in ((["pdf"], False), (["html"], False), (["docx"], True)):
        with chart_formats(formats_for_outputs(outputs)):
            assert pictures_wanted() is wanted, outputs
        assert pictures_wanted() is False
    with chart_formats({"svg"}):  # a plain set says nothing of pictures
        assert pictures_wanted() is False
