"""A content cache for drawn charts: the same chart in ten reports is drawn once.

Drawing and saving a chart costs tens of milliseconds; a batch of hundreds of reports
repeats the same benchmark and trend charts many times. The key is a hash of the chart
function's name and its (normalised) keyword arguments, so lists and tuples, and NaN and
None, hit the same entry. Entries are frozen model Figures, safe to share.
"""

from __future__ import annotations

import functools
import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, ParamSpec, TypeVar

from reportgen.charts import diskcache, formats
from reportgen.model import Figure

P = ParamSpec("P")
R = TypeVar("R")

MAX_ENTRIES = 256

_store: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()
_stats = {"hits": 0, "misses": 0}


def _normal(value: object) -> object:
    """A canonical, repr-stable form: sequences -> tuples, NaN -> None, floats exact."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _normal(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_normal(v) for v in value)
    if isinstance(value, float):
        return None if math.isnan(value) else float.hex(value)
    if isinstance(value, (int, str, bool)) or value is None:
        return value
    return repr(value)


def key_for(
    name: str, kwargs: Mapping[str, object], encodings: frozenset[str] = formats.ALL
) -> str:
    """The cache key for one chart call saved in ``encodings``."""
    text = repr(
        (name, _normal(kwargs))
        if encodings == formats.ALL
        else (name, _normal(kwargs), tuple(sorted(encodings)))
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lookup(name: str, kwargs: Mapping[str, object]) -> tuple[str, Any | None]:
    """(the key for this chart call, the chart already drawn for it or None).

    Looked for in memory, then in the disk cache when there is one
    (``reportgen.charts.diskcache``: the command line's, so a fresh process need not
    import matplotlib to draw what it drew last time)."""
    wanted = formats.current()
    key = key_for(name, kwargs, wanted)
    # a chart saved in every encoding serves a build that wants fewer
    keys = (key,) if wanted == formats.ALL else (key, key_for(name, kwargs))
    with _lock:
        for found in keys:
            if found in _store:
                _store.move_to_end(found)
                _stats["hits"] += 1
                return key, narrowed(_store[found], wanted)
    for found in keys:
        kept = diskcache.load(found)
        if kept is not None:
            kept = narrowed(kept, wanted)
            remember(key, kept, disk=False)
            with _lock:
                _stats["hits"] += 1
            return key, kept
    with _lock:
        _stats["misses"] += 1
    return key, None


def narrowed(chart: Any, wanted: frozenset[str]) -> Any:
    """A chart holding only the encodings ``wanted``: what drawing it now would give.

    Why: a chart drawn in every encoding (matplotlib's own PNG as well as the SVG) may
    serve a build that asked for the SVG alone, but that build's Word pictures must still
    be rasterised from the SVG (``render.raster``); handing it matplotlib's PNG made the
    same report's DOCX differ with what the process had drawn before."""
    if wanted == formats.ALL or not isinstance(chart, Figure):
        return chart
    image = chart.image
    if ("png" in wanted or image.png is None) and ("svg" in wanted or image.svg is None):
        return chart
    return replace(
        chart,
        image=replace(
            image,
            png=image.png if "png" in wanted else None,
            svg=image.svg if "svg" in wanted else None,
        ),
    )


def remember(key: str, result: object, disk: bool = True) -> None:
    """Keep a drawn chart in memory (LRU) and, with ``disk``, in the disk cache."""
    with _lock:
        _store[key] = result
        _store.move_to_end(key)
        while len(_store) > MAX_ENTRIES:
            _store.popitem(last=False)
    if disk:
        diskcache.store(key, result)


def cached(func: Callable[P, R]) -> Callable[P, R]:
    """Memoise a keyword-only chart function on the content of its arguments (LRU)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if args:  # chart functions are keyword-only; be safe rather than mis-key
            return func(*args, **kwargs)
        key, found = lookup(func.__qualname__, kwargs)
        if found is not None:
            return found  # type: ignore[no-any-return]
        result = func(*args, **kwargs)
        remember(key, result)
        return result

    return wrapper


def clear_cache() -> None:
    """Forget every drawn chart (tests, or after a style change)."""
    with _lock:
        _store.clear()
        _stats.update(hits=0, misses=0)


def cache_info() -> dict[str, int]:
    """Hits, misses and current size, for batch logging."""
    with _lock:
        return {**_stats, "size": len(_store)}
