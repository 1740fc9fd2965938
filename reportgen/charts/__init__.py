"""Every chart reportgen draws. matplotlib is imported here and nowhere else.

Charts take plain data (periods, values, names) and return ``reportgen.model.Figure``
objects carrying an SVG (for the PDF), a 200 dpi PNG (for Word), alt text generated
from the data and the same data as a table. They know nothing of the indicator engine.
"""

from reportgen.charts.benchmark import bar_breakdown_chart, benchmark_bar_chart
from reportgen.charts.cache import cache_info, clear_cache
from reportgen.charts.scatter import Fit, least_squares, scatter_chart
from reportgen.charts.scorecard import rating_scorecard_chart, sparkline
from reportgen.charts.trend import trend_chart

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
