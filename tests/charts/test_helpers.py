"""Small pure helpers: period labels, tick decimals, cache keys, legend widths."""

from __future__ import annotations

from reportgen.charts.axes import UnitFormatter
from reportgen.charts.cache import key_for
from reportgen.charts.style import _legend_width
from reportgen.charts.summary import lower_first, period_long, period_short, summarise


def test_period_labels_are_en_gb_and_pass_through_other_labels() -> None:
    assert period_short("2017-01") == "Jan 2017"
    assert period_short("2016-09-30") == "Sep 2016"
    assert period_long("2017-01") == "January 2017"
    assert period_short("2015/16") == "2015/16"


def test_tick_labels_use_formatting_with_enough_decimals() -> None:
    fmt = UnitFormatter("percent")
    fmt.set_locs([0.0, 2.5, 5.0])
    assert fmt.format_ticks([0.0, 2.5, 5.0]) == ["0.0%", "2.5%", "5.0%"]
    fmt = UnitFormatter("count")
    assert fmt.format_ticks([-1000.0, 0.0, 1000.0]) == ["\u22121,000", "0", "1,000"]


def test_lower_first_keeps_acronyms() -> None:
    assert lower_first("Children in care rate") == "children in care rate"
    assert lower_first("LAC rate") == "LAC rate"


def test_summary_ignores_gaps() -> None:
    s = summarise(["a", "b", "c"], [None, 2.0, float("nan")])
    assert s is not None and s.first == s.latest and s.missing == 2


def test_cache_key_treats_list_tuple_nan_none_alike() -> None:
    assert key_for("f", {"v": [1.0, None]}) == key_for("f", {"v": (1.0, float("nan"))})
    assert key_for("f", {"v": [1.0]}) != key_for("f", {"v": [1.5]})
    assert key_for("f", {"v": [1.0]}) != key_for("g", {"v": [1.0]})


def test_legend_width_is_column_major() -> None:
    assert _legend_width([100.0, 20.0, 50.0], 2) == 150.0  # columns [100, 20] and [50]
    assert _legend_width([100.0, 20.0, 50.0], 1) == 100.0
