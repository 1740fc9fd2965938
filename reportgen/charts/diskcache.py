"""Drawn charts kept on disk, so a fresh process (one ``reportgen build``) need not draw.

The in-memory cache (``reportgen.charts.cache``) serves a warm process: a batch, the web
service. A command-line build is a new process every time, and drawing its charts, with
matplotlib's import, was a third of a cold build. So the command line's build, pack and
batch (or whoever sets ``REPORTGEN_CHART_CACHE``) also keep each drawn chart in a folder, under
the same content key plus a stamp of the chart code (``reportgen/charts/*.py``) and the
matplotlib version: a changed chart style or library draws afresh.

Entries are JSON written from the model's frozen dataclasses (never pickle: reading a
cache file cannot run code); an unreadable, foreign or stale entry is a miss. The
folder is created private to the user (mode 0700), since a chart of an exempt report is
exempt too; ``reportgen serve`` does not use it (one warm process needs none).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from reportgen.filestore import ENV, default_folder, folder, load_bytes, store_bytes, write

__all__ = ["ENV", "default_folder", "folder", "load", "load_bytes", "store", "store_bytes"]

_CHARTS = Path(__file__).resolve().parent


@cache
def code_stamp() -> str:
    """What the drawings depend on besides their data: the chart code and matplotlib."""
    from importlib import metadata  # here: the command line imports this module early

    digest = hashlib.sha256()
    for path in sorted(_CHARTS.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    with contextlib.suppress(metadata.PackageNotFoundError):  # a dependency: always there
        digest.update(metadata.version("matplotlib").encode())
    return digest.hexdigest()[:16]


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        node = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$type": type(value).__name__, **node}
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} on disk")


def _decode(value: Any) -> Any:
    return _decode_in(value, _model_types())


@cache
def _model_types() -> dict[str, type]:
    """The model's dataclasses by name: what an entry's ``$type`` may be."""
    from reportgen import model as m

    return {
        name: obj
        for name, obj in vars(m).items()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj)
    }


#: What JSON decodes as itself (most of an entry: the runs of text and the figures).
_PLAIN = (str, int, float, bool, type(None))


def _decode_in(value: Any, types: dict[str, type]) -> Any:
    """Why not a generic walk: a chart's entry is hundreds of nodes, and decoding them
    was about 5% of a cold build; plain values are passed over without a call."""
    if isinstance(value, list):
        return tuple([v if isinstance(v, _PLAIN) else _decode_in(v, types) for v in value])
    if not isinstance(value, dict):
        return value
    if "$b64" in value:
        return base64.b64decode(value["$b64"])
    cls = types.get(str(value.get("$type")))
    if cls is None:
        raise TypeError(f"not a model type: {value.get('$type')!r}")
    return cls(
        **{
            k: v if isinstance(v, _PLAIN) else _decode_in(v, types)
            for k, v in value.items()
            if k != "$type"
        }
    )


def _path(key: str) -> Path | None:
    root = folder()
    return None if root is None else root / f"{code_stamp()}-{key}.json"


def load(key: str) -> Any | None:
    """The chart kept under ``key``, or None (no folder, no entry, or unreadable)."""
    path = _path(key)
    if path is None or not path.is_file():
        return None
    try:
        return _decode(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def store(key: str, value: Any) -> None:
    """Keep ``value`` under ``key``, atomically; a value that cannot be kept is skipped."""
    path = _path(key)
    if path is None:
        return
    try:
        text = json.dumps(_encode(value), separators=(",", ":"))
    except TypeError:
        return
    write(path, text.encode("utf-8"))
