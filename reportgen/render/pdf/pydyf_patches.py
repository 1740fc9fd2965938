"""The one pydyf patch: a cached page list while a long PDF is written.

What: ``pydyf.PDF.page_references`` is a property that rebuilds the list of page
references from scratch on every call. WeasyPrint's tagging reads it once per tagged
element, which makes writing quadratic in the page count: over a third of the write
time of a 1,000-page agenda pack. ``cached_page_references`` swaps the class's property
for one that rebuilds only when a page has been added, for as long as any thread is
inside it, then puts the original back. The bytes written are identical (tested in
tests/pack/test_pack_render.py).

Guard: applied only with pydyf ``TESTED`` (see ``render/patching.py``) and only while
``page_references`` is still a property; otherwise a no-op, so a pydyf that fixed or
renamed it just writes at its own speed. Remove it when pydyf caches the list itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf

from reportgen.render.patching import installed_in

__all__ = ["TESTED", "cached_page_references"]

#: pydyf versions the cached page list was checked against.
TESTED = ("0.10.0", "0.14.0")

_ORIGINAL = getattr(pydyf.PDF, "page_references", None)
_APPLIES = isinstance(_ORIGINAL, property) and installed_in("pydyf", *TESTED)
_LOCK = threading.Lock()
_USERS = 0


def _page_references(self: Any) -> tuple[bytes, ...]:
    """pydyf's ``page_references``, rebuilt only when a page has been added."""
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_reportgen_page_refs")
    if cached is None or cached[0] != len(kids):
        refs = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = (len(kids), refs)
        self.__dict__["_reportgen_page_refs"] = cached
    return cached[1]  # type: ignore[no-any-return]


@contextmanager
def cached_page_references() -> Iterator[None]:
    """Use the cached page list while any thread is inside; restore it afterwards.

    A no-op if a future pydyf no longer has the property (nothing to speed up).
    """
    global _USERS
    if not _APPLIES:
        yield
        return
    with _LOCK:
        if _USERS == 0:
            pydyf.PDF.page_references = property(_page_references)
        _USERS += 1
    try:
        yield
    finally:
        with _LOCK:
            _USERS -= 1
            if _USERS == 0:
                pydyf.PDF.page_references = _ORIGINAL
