"""Version guards for the library patches the writers carry (one module per library).

A patch of a library's internals is only as good as the versions it was checked against.
Each patch module names the range it was tested with; outside it the patch stands aside
and the library behaves as its authors wrote it (slower perhaps, never wrong). The
modules: ``render/pdf/weasyprint_patches.py`` (a lean user-agent stylesheet),
``render/pdf/pydyf_patches.py`` (a cached page list for long packs),
``render/pdf/fonttools_patches.py`` (reproducible font timestamps) and
``render/docx/docx_patches.py`` (memoised style look-ups).
"""

from __future__ import annotations

import re
from importlib import metadata


def _parts(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version)[:3])


def version_in(version: str, lowest: str, below: str) -> bool:
    """``lowest <= version < below``, comparing the numeric parts (70.0 < 70.1 < 71)."""
    found = _parts(version)
    return bool(found) and _parts(lowest) <= found < _parts(below)


def installed_in(distribution: str, lowest: str, below: str) -> bool:
    """Is the installed ``distribution`` within the tested range? False if not found."""
    try:
        return version_in(metadata.version(distribution), lowest, below)
    except metadata.PackageNotFoundError:
        return False
