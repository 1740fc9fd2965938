"""A Typst part's element ids prefixed in its PDF's bytes, before pikepdf opens it.

Typst numbers the ids of its table header cells per document ("U2x0y0"), so every
part of a pack has the same ones; ``pack.merge`` makes them unique with a prefix per
part, in the ``/ID`` of each header cell, the ``/IDTree`` and every cell's
``/Headers``. Done through pikepdf that meant reading every cell of every table
(~15,000 in a 1,000-page pack: 0.4 s). Typst writes its objects uncompressed, each
id as a literal string in one of three places, so here they are renamed with three
regular expressions and the cross-reference table moved by what each edit added
(``pack.rawpdf``).

Only what is recognised is edited: the ids of ``/ID(...)``, of a ``/Headers[...]``
of ids and of an ``/IDTree`` of ids and references, written as Typst writes them.
If an id string turns up anywhere else, or the file ends otherwise than with one
classic cross-reference table, nothing is changed (None) and the merge renames the
ids through pikepdf instead.
"""

from __future__ import annotations

import re

from reportgen.pack import rawpdf

__all__ = ["edits", "prefix_ids"]

_ID = rb"\(U\d+x\d+y\d+\)"
#: Where Typst writes its ids: (pattern, group holding the ids).
_PLACES = (
    re.compile(rb"/ID(" + _ID + rb")"),
    re.compile(rb"/Headers\[((?:" + _ID + rb")*)\]"),
    re.compile(rb"/IDTree<</Names\[((?:" + _ID + rb"\d+ 0 R)*)\]>>"),
)
_ANY_ID = re.compile(_ID)


def edits(data: bytes, prefix: bytes) -> list[rawpdf.Edit] | None:
    """(start, end, new bytes) for every id-holding span, in file order; None if an
    id string sits anywhere else. (``pack.merge`` splices them with the part's table
    edits, ``pack.rawtables``: one rewrite of the cross-reference table.)"""
    found = []
    for pattern in _PLACES:
        for match in pattern.finditer(data):
            start, end = match.span(1)
            renamed = _ANY_ID.sub(lambda m: b"(" + prefix + m.group(0)[1:], data[start:end])
            found.append((start, end, renamed))
    found.sort()
    inside = sum(len(_ANY_ID.findall(data, s, e)) for s, e, _ in found)
    if inside != len(_ANY_ID.findall(data)):
        return None
    return found


def prefix_ids(data: bytes, prefix: str) -> bytes | None:
    """``data`` with every Typst element id given ``prefix``, or None if the file is
    not laid out as this expects (the caller then renames through pikepdf)."""
    found = edits(data, prefix.encode("ascii"))
    return None if found is None else rawpdf.splice(data, found)
