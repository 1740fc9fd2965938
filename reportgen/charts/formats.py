"""Which encodings a drawn chart is saved in: only those the outputs being built read.

Why: every chart is saved as SVG (the PDF and HTML embed it) and as a 200 dpi PNG (Word
embeds it). The PNG costs about three times the SVG: the whole figure is rasterised at
200 dpi and compressed, some 60 ms a chart. A PDF-only build (a manager's ad-hoc PDF, a
report drawn into an agenda pack, a PDF-only batch) need not pay for it, nor a Word-only
build for the SVG.

The choice is a context, like ``decimal.localcontext``, set by whoever knows the
outputs (``reportgen.api``), rather than an argument threaded through every chart family
and builtin. A ``ContextVar`` is per thread, so concurrent builds in the web service's
pool each keep their own. The chart cache keys on it (``reportgen.charts.cache``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["ALL", "chart_formats", "current", "formats_for_outputs"]

ALL: frozenset[str] = frozenset({"png", "svg"})
_CURRENT: ContextVar[frozenset[str]] = ContextVar("reportgen_chart_formats", default=ALL)


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
    try:
        yield chosen
    finally:
        _CURRENT.reset(token)


def formats_for_outputs(outputs: Iterable[str]) -> frozenset[str]:
    """Chart encodings the given output formats read: Word the PNG, PDF and HTML the SVG."""
    needed = frozenset("png" if output == "docx" else "svg" for output in outputs)
    return needed or ALL
