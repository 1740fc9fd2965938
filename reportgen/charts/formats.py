"""Which encodings a drawn chart is saved in: only those the outputs being built read.

Why: matplotlib can save a chart as SVG (the PDFs embed it) and as a 200 dpi PNG, but
the PNG costs about three times the SVG (the whole figure rasterised by Agg and
compressed, some 65 ms a chart). Builds now draw SVG only and the writers that need a
PNG (Word) rasterise that SVG with Typst (``reportgen.render.raster``); ``chart_formats``
remains for callers that want matplotlib's own PNG.

The choice is a context, like ``decimal.localcontext``, set by whoever knows the
outputs (``reportgen.api``), rather than an argument threaded through every chart family
and builtin. A ``ContextVar`` is per thread, so concurrent builds in the web service's
pool each keep their own. The chart cache keys on it (``reportgen.charts.cache``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["ALL", "Encodings", "chart_formats", "current", "formats_for_outputs", "pictures_wanted"]

ALL: frozenset[str] = frozenset({"png", "svg"})
_CURRENT: ContextVar[frozenset[str]] = ContextVar("reportgen_chart_formats", default=ALL)
_PICTURES: ContextVar[bool] = ContextVar("reportgen_chart_pictures", default=False)


class Encodings(frozenset[str]):
    """The encodings to save (a set like any other: equal to, and keyed in the chart
    cache as, the plain set) and whether an output being built also reads a PNG copy
    rasterised from the SVG (Word): then a composer may start that copy as soon as the
    chart is drawn (``reportgen.render.raster.start``), while the rest is composed."""

    pictures: bool

    def __new__(cls, encodings: Iterable[str], pictures: bool = False) -> Encodings:
        made = super().__new__(cls, encodings)
        made.pictures = pictures
        return made


def pictures_wanted() -> bool:
    """True inside ``chart_formats`` given the encodings for outputs that include Word."""
    return _PICTURES.get()


def current() -> frozenset[str]:
    """The encodings charts drawn now are saved in."""
    return _CURRENT.get()


@contextmanager
def chart_formats(formats: Iterable[str]) -> Iterator[frozenset[str]]:
    """Save charts drawn inside the block in ``formats`` only ("svg", "png")."""
    chosen = frozenset(formats)
    if not chosen or not chosen <= ALL:
        raise ValueError(f"chart formats must be some of {sorted(ALL)}, not {sorted(chosen)}")
    token = _CURRENT.set(chosen)
    pictures = _PICTURES.set(bool(getattr(formats, "pictures", False)))
    try:
        yield chosen
    finally:
        _PICTURES.reset(pictures)
        _CURRENT.reset(token)


def formats_for_outputs(outputs: Iterable[str]) -> frozenset[str]:
    """Chart encodings the given output formats need drawn: the SVG for every one.

    Word's and the HTML's PNG copies are rasterised from that SVG by the renderer
    (``reportgen.render.raster``, Typst: a third of matplotlib's cost), so matplotlib
    draws each chart once. A caller may still ask ``chart_formats({"png", "svg"})``.
    """
    return Encodings({"svg"}, pictures="docx" in set(outputs))
