"""A Typst part's element ids prefixed in its PDF's bytes, before pikepdf opens it.

Typst numbers the ids of its table header cells per document ("U2x0y0"), so every
part of a pack has the same ones; ``pack.merge`` makes them unique with a prefix per
part, in the ``/ID`` of each header cell, the ``/IDTree`` and every cell's
``/Headers``. Done through pikepdf that meant reading every cell of every table
(~15,000 in a 1,000-page pack: 0.4 s). Typst writes its objects uncompressed, each
id as a literal string in one of three places, so here they are renamed with three
regular expressions and the cross-reference table moved by what each edit added.

Only what is recognised is edited: the ids of ``/ID(...)``, of a ``/Headers[...]``
of ids and of an ``/IDTree`` of ids and references, written as Typst writes them.
If an id string turns up anywhere else, or the file ends otherwise than with one
classic cross-reference table, nothing is changed (None) and the merge renames the
ids through pikepdf instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["prefix_ids"]

_ID = rb"\(U\d+x\d+y\d+\)"
#: Where Typst writes its ids: (pattern, group holding the ids).
_PLACES = (
    re.compile(rb"/ID(" + _ID + rb")"),
    re.compile(rb"/Headers\[((?:" + _ID + rb")*)\]"),
    re.compile(rb"/IDTree<</Names\[((?:" + _ID + rb"\d+ 0 R)*)\]>>"),
)
_ANY_ID = re.compile(_ID)
_END = re.compile(rb"startxref\n(\d+)\n%%EOF\s*$")
_SECTION = re.compile(rb"xref\n(\d+) (\d+)\n")
_ENTRY = 20  # "oooooooooo ggggg n\r\n"


def _edits(data: bytes, prefix: bytes) -> list[tuple[int, int, bytes]] | None:
    """(start, end, new bytes) for every id-holding span, in file order; None if an
    id string sits anywhere else."""
    edits = []
    for pattern in _PLACES:
        for match in pattern.finditer(data):
            start, end = match.span(1)
            renamed = _ANY_ID.sub(lambda m: b"(" + prefix + m.group(0)[1:], data[start:end])
            edits.append((start, end, renamed))
    edits.sort()
    inside = sum(len(_ANY_ID.findall(data, s, e)) for s, e, _ in edits)
    if inside != len(_ANY_ID.findall(data)):
        return None
    return edits


def _table(data: bytes) -> tuple[re.Match[bytes], re.Match[bytes], int] | None:
    """The file's one classic cross-reference table: the ``startxref`` at its end, the
    table's heading and its entry count; None for anything else (a stream, updates)."""
    end = _END.search(data, max(0, len(data) - 64))
    section = _SECTION.match(data, int(end.group(1))) if end else None
    if end is None or section is None or int(section.group(1)) != 0:
        return None
    count = int(section.group(2))
    if not data.startswith(b"trailer", section.end() + count * _ENTRY):
        return None
    return end, section, count


def _entries(data: bytes, at: int, count: int, starts: list[int], added: list[int]) -> bytes:
    """The table's entries, each object's offset moved by what the edits before it
    added (``added[i]``: bytes added by the edits up to and including edit i)."""
    rows = []
    for index in range(count):
        row = data[at + index * _ENTRY : at + (index + 1) * _ENTRY]
        if row[17:18] == b"n":
            offset = int(row[:10])
            before = bisect_left(starts, offset)
            row = b"%010d" % (offset + (added[before - 1] if before else 0)) + row[10:]
        rows.append(row)
    return b"".join(rows)


def prefix_ids(data: bytes, prefix: str) -> bytes | None:
    """``data`` with every Typst element id given ``prefix``, or None if the file is
    not laid out as this expects (the caller then renames through pikepdf)."""
    found, edits = _table(data), _edits(data, prefix.encode("ascii"))
    if found is None or edits is None:
        return None
    end, section, count = found
    table_at = section.start()
    if edits and edits[-1][1] > table_at:
        return None
    pieces, starts, added, last, total = [], [], [], 0, 0
    for start, stop, new in edits:
        pieces += [data[last:start], new]
        last, total = stop, total + len(new) - (stop - start)
        starts.append(start)
        added.append(total)
    pieces.append(data[last:table_at])
    entries = section.end()
    tail = data[entries + count * _ENTRY : end.start()]
    return b"".join(
        [
            *pieces,
            section.group(0),
            _entries(data, entries, count, starts, added),
            tail,
            b"startxref\n%d\n%%%%EOF" % (table_at + total),
        ]
    )
