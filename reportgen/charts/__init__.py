"""Every chart reportgen draws. matplotlib is imported here and nowhere else.

Charts take plain data (periods, values, names) and return ``reportgen.model.Figure``
objects carrying an SVG (for the PDF), a 200 dpi PNG (for Word), alt text generated
from the data and the same data as a table. They know nothing of the indicator engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from reportgen.charts.cache import cache_info, clear_cache, lookup, remember

if TYPE_CHECKING:
    from reportgen.charts.benchmark import bar_breakdown_chart, benchmark_bar_chart
    from reportgen.charts.scatter import Fit, least_squares, scatter_chart
    from reportgen.charts.scorecard import rating_scorecard_chart, sparkline
    from reportgen.charts.trend import trend_chart

#: name -> the module defining it. Modules (and so matplotlib) are imported on first
#: use, and a cached chart function is looked up in the chart cache first: a command
#: line build whose charts are all in the disk cache never imports matplotlib.
_LAZY = {
    "bar_breakdown_chart": "benchmark",
    "benchmark_bar_chart": "benchmark",
    "Fit": "scatter",
    "least_squares": "scatter",
    "scatter_chart": "scatter",
    "rating_scorecard_chart": "scorecard",
    "sparkline": "scorecard",
    "trend_chart": "trend",
}
#: the functions ``reportgen.charts.cache.cached`` memoises, by their own names
_CACHED = frozenset(
    {
        "bar_breakdown_chart",
        "benchmark_bar_chart",
        "scatter_chart",
        "rating_scorecard_chart",
        "sparkline",
        "trend_chart",
    }
)


def _real(name: str) -> Any:
    return getattr(import_module(f"reportgen.charts.{_LAZY[name]}"), name)


def _deferred(name: str) -> Any:
    """A stand-in that serves a cached chart without importing its module."""

    def chart(*args: Any, **kwargs: Any) -> Any:
        if args:
            return _real(name)(*args, **kwargs)
        key, found = lookup(name, kwargs)
        if found is None:  # draw it: the undecorated function, as ``cached`` would
            found = _real(name).__wrapped__(**kwargs)
            remember(key, found)
        return found

    chart.__name__ = chart.__qualname__ = name
    return chart


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = _deferred(name) if name in _CACHED else _real(name)
    globals()[name] = value
    return value


__all__ = [
    "Fit",
    "bar_breakdown_chart",
    "benchmark_bar_chart",
    "cache_info",
    "clear_cache",
    "least_squares",
    "rating_scorecard_chart",
    "scatter_chart",
    "sparkline",
    "trend_chart",
]
