"""Small pure helpers: period labels, tick decimals, cache keys, measured text widths."""

from __future__ import annotations

from reportgen.charts.axes import UnitFormatter
from reportgen.charts.cache import key_for
from reportgen.charts.style import text_mm, wrap
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


def test_text_width_is_measured_from_the_font() -> None:
    # Liberation Sans is metric-compatible with Arial: "M" is 0.833 em, "i" 0.222 em;
    # at 9 pt (3.175 mm an em) ten of each measure about 26.4 mm and 7.1 mm
    assert abs(text_mm("M" * 10, 9.0) - 26.4) < 0.8
    assert abs(text_mm("i" * 10, 9.0) - 7.1) < 0.5
    assert text_mm("Example Borough", 9.0, bold=True) > text_mm("Example Borough", 9.0)


def test_wrap_breaks_at_words_within_the_width() -> None:
    text = "Children in care rate rose from 72.2 to 85.5 per 10,000 since April 2014"
    lines = wrap(text, 80.0, 10.0).split("\n")
    assert len(lines) == 2 and " ".join(lines) == text
    assert all(text_mm(line, 10.0) <= 80.0 for line in lines)
