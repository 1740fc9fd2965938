"""The one fontTools work-around: a pinned clock for the fonts WeasyPrint subsets.

What: fontTools stamps each subset font's ``head.modified`` with ``SOURCE_DATE_EPOCH``
if set, else the wall clock, so without it every PDF would differ. When the variable is
unset, ``font_clock`` sets it to the document's own date for the duration of one write
and removes it afterwards: the only place reportgen changes ``os.environ``.

Threads: the environment is shared by the whole process, so the write that set the
variable holds a lock until it is removed; a concurrent write waits rather than stamping
its fonts with another document's date (a user's own ``SOURCE_DATE_EPOCH`` needs no lock:
it is never changed). Guard: applied only with fontTools ``TESTED`` (see
``render/patching.py``), the versions that read the variable in ``timestampNow``.
Remove it if WeasyPrint passes a timestamp (or ``recalcTimestamp=False``) to fontTools.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from reportgen.render.patching import installed_in

__all__ = ["TESTED", "font_clock"]

#: fontTools versions whose ``timeTools.timestampNow`` honours SOURCE_DATE_EPOCH.
TESTED = ("4.0.0", "5.0.0")

_VARIABLE = "SOURCE_DATE_EPOCH"
_APPLIES = installed_in("fonttools", *TESTED)
_LOCK = threading.Lock()


@contextmanager
def font_clock(created: datetime | None) -> Iterator[None]:
    """Subset fonts written inside carry ``created`` as their date (see module doc)."""
    if created is None or not _APPLIES:
        yield
        return
    with _LOCK:
        users_own = _VARIABLE in os.environ  # nobody else sets it while we hold the lock
        if not users_own:
            os.environ[_VARIABLE] = str(int(created.timestamp()))
            try:
                yield
            finally:
                os.environ.pop(_VARIABLE, None)
            return
    yield
