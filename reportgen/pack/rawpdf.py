"""Edits to a Typst PDF's bytes, with its cross-reference table moved to match.

Typst writes every object uncompressed, one after another, and ends the file with one
classic cross-reference table. Changing a few objects through pikepdf costs a
microsecond or more per access, and a pack's part is read in thousands of them; so
``pack.rawids`` (element ids) and ``pack.rawtables`` (table tags) edit recognised spans
of the bytes instead, and ``splice`` rewrites the table's offsets by the bytes each edit
added. A file laid out otherwise (object streams, incremental updates, a
cross-reference stream) is not edited: ``Xref.read`` gives None and the caller falls
back to pikepdf.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Edit", "Xref", "splice"]

#: (start, end, new bytes): ``data[start:end]`` becomes the new bytes.
Edit = tuple[int, int, bytes]

_END = re.compile(rb"startxref\n(\d+)\n%%EOF\s*$")
_SECTION = re.compile(rb"xref\n(\d+) (\d+)\n")
_ENTRY = 20  # "oooooooooo ggggg n\r\n"


@dataclass(frozen=True)
class Xref:
    """The file's one classic cross-reference table: where it starts, where its
    entries start, how many, and the ``startxref`` line at the end of the file."""

    start: int
    entries: int
    count: int
    end: re.Match[bytes]

    @classmethod
    def read(cls, data: bytes) -> Xref | None:
        """The table, or None for anything else (a stream, updates, a second section)."""
        end = _END.search(data, max(0, len(data) - 64))
        section = _SECTION.match(data, int(end.group(1))) if end else None
        if end is None or section is None or int(section.group(1)) != 0:
            return None
        count = int(section.group(2))
        if not data.startswith(b"trailer", section.end() + count * _ENTRY):
            return None
        return cls(section.start(), section.end(), count, end)

    def offset(self, data: bytes, number: int) -> int | None:
        """Where object ``number`` (generation 0, in use) starts, or None."""
        if not 0 < number < self.count:
            return None
        at = self.entries + number * _ENTRY
        row = data[at : at + _ENTRY]
        if row[10:18] != b" 00000 n":
            return None
        return int(row[:10])

    def moved(self, data: bytes, starts: list[int], added: list[int]) -> bytes:
        """The table's entries, each object's offset moved by what the edits before it
        added (``added[i]``: bytes added by the edits up to and including edit i)."""
        rows = []
        for index in range(self.count):
            row = data[self.entries + index * _ENTRY : self.entries + (index + 1) * _ENTRY]
            if row[17:18] == b"n":
                offset = int(row[:10])
                before = bisect_left(starts, offset)
                row = b"%010d" % (offset + (added[before - 1] if before else 0)) + row[10:]
            rows.append(row)
        return b"".join(rows)


def splice(data: bytes, edits: Sequence[Edit], xref: Xref | None = None) -> bytes | None:
    """``data`` with ``edits`` (in file order, not overlapping, all before the
    cross-reference table) made and the table moved to match; None if the file has no
    classic table or the edits are not as that says."""
    xref = xref or Xref.read(data)
    if xref is None or (edits and edits[-1][1] > xref.start):
        return None
    pieces, starts, added, last, total = [], [], [], 0, 0
    for start, stop, new in edits:
        if start < last:
            return None
        pieces += [data[last:start], new]
        last, total = stop, total + len(new) - (stop - start)
        starts.append(start)
        added.append(total)
    pieces.append(data[last : xref.start])
    tail = data[xref.entries + xref.count * _ENTRY : xref.end.start()]
    return b"".join(
        [
            *pieces,
            data[xref.start : xref.entries],
            xref.moved(data, starts, added),
            tail,
            b"startxref\n%d\n%%%%EOF" % (xref.start + total),
        ]
    )
