"""The private folder where a command-line run keeps what a later run can reuse.

``reportgen build``, ``pack`` and ``batch`` are new processes every time. What they
draw or rasterise is kept in one folder (``REPORTGEN_CHART_CACHE``): the drawn charts
(``reportgen.charts.diskcache``, JSON) and the PNG copies of them that Word files hold
(``reportgen.render.raster``). Both stages keep their files here, at the bottom of the
import graph, so a writer never imports the chart code to reach its own cache.

The folder is created private to the user (mode 0700): a chart of an exempt report is
exempt too. Writes are atomic; a failure to read or write only costs a miss.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["ENV", "MAX_FILES", "default_folder", "folder", "load_bytes", "store_bytes", "write"]

#: Environment variable naming the folder; empty or unset: no disk cache.
ENV = "REPORTGEN_CHART_CACHE"
#: Entries kept; the oldest are removed when a store finds more.
MAX_FILES = 2000


def default_folder() -> Path:
    """``$XDG_CACHE_HOME/reportgen/charts`` (``~/.cache/...``), used by the command line."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportgen" / "charts"


def folder() -> Path | None:
    """The disk cache folder now, or None when there is none."""
    value = os.environ.get(ENV, "")
    return Path(value) if value else None


def load_bytes(name: str) -> bytes | None:
    """The file ``name`` kept by ``store_bytes`` (a rasterised picture: its name says
    everything it depends on), or None (no folder, no entry, unreadable)."""
    root = folder()
    if root is None:
        return None
    try:
        return (root / name).read_bytes()
    except OSError:
        return None


def store_bytes(name: str, data: bytes) -> None:
    """Keep ``data`` as the file ``name``, atomically (``reportgen.render.raster``'s
    PNGs: a cold build then need not rasterise its Word pictures again)."""
    root = folder()
    if root is not None:
        write(root / name, data)


def write(path: Path, data: bytes) -> None:
    """Write ``path`` atomically in a private folder; a failure only costs a miss."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        return
    _prune(path.parent)


def _prune(root: Path) -> None:
    """Once the folder holds 100 entries over ``MAX_FILES``, remove the oldest.

    Several processes prune the same folder at once (a batch's workers): an entry
    another has just removed is skipped, never an error in this one's report."""
    try:
        entries = [*root.glob("*.json"), *root.glob("*.png")]
    except OSError:
        return
    if len(entries) <= MAX_FILES + 100:
        return
    aged: list[tuple[float, Path]] = []
    for entry in entries:
        try:
            aged.append((entry.stat().st_mtime, entry))
        except OSError:
            continue  # removed meanwhile
    aged.sort(key=lambda pair: pair[0])
    for _, old in aged[: len(aged) - MAX_FILES]:
        try:
            old.unlink(missing_ok=True)
        except OSError:
            continue
