"""Edits to a Typst PDF's bytes, with its cross-reference table moved to match.

Typst writes every object uncompressed, one after another, and ends the file with one
classic cross-reference table. Changing a few objects through pikepdf costs a
microsecond or more per access, and a pack's part is read in thousands of them; so
``pack.rawids`` (element ids) and ``pack.rawtables`` (table tags) edit recognised spans
of the bytes instead, and ``splice`` rewrites the table's offsets by the bytes each edit
added. A file laid out otherwise (object streams, incremental updates, a
cross-reference stream, a hybrid file) is not edited: ``Xref.read`` gives None and the
caller falls back to pikepdf.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

__all__ = ["Edit", "Xref", "splice"]

#: (start, end, new bytes): ``data[start:end]`` becomes the new bytes.
Edit = tuple[int, int, bytes]

_END = re.compile(rb"startxref\n(\d+)\n%%EOF\s*$")
_SECTION = re.compile(rb"xref\n(\d+) (\d+)\n")
_ENTRY = 20  # "oooooooooo ggggg n\r\n"
_ROW = re.compile(rb"(\d{10}) (\d{5}) ([nf])\r\n")


@dataclass(frozen=True)
class Xref:
    """The file's one classic cross-reference table: where it starts, where its
    entries start, every object's offset (-1: a free entry),
    and the ``startxref`` line at the end of the file."""

    start: int
    entries: int
    offsets: list[int]
    end: re.Match[bytes]

    @classmethod
    def read(cls, data: bytes) -> Xref | None:
        """The table, or None for anything else (a stream, updates, a second section)."""
        end = _END.search(data, max(0, len(data) - 64))
        section = _SECTION.match(data, int(end.group(1))) if end else None
        if end is None or section is None or int(section.group(1)) != 0:
            return None
        count = int(section.group(2))
        trailer = section.end() + count * _ENTRY
        rows = _ROW.findall(data, section.end(), trailer)
        if len(rows) != count or not data.startswith(b"trailer", trailer):
            return None
        if b"/Prev" in data[trailer : end.start()] or b"/XRefStm" in data[trailer : end.start()]:
            return None  # an update, or objects in streams the table does not list
        if any(kind == b"n" and gen != b"00000" for _, gen, kind in rows):
            return None  # Typst writes every object as generation 0
        offsets = [int(at) if kind == b"n" else -1 for at, _, kind in rows]
        return cls(section.start(), section.end(), offsets, end)

    def offset(self, number: int) -> int | None:
        """Where object ``number`` starts, or None (not in use)."""
        found = self.offsets[number] if 0 < number < len(self.offsets) else -1
        return None if found < 0 else found

    def moved(self, data: bytes, starts: list[int], added: list[int]) -> bytes:
        """The table's entries, each object's offset moved by what the edits before it
        added (``added[i]``: bytes added by the edits up to and including edit i).
        Objects in file order (as Typst writes them) are matched to the edits in one
        pass; any other is looked up."""
        rows, edit, shift, last = [], 0, 0, -1
        for index, offset in enumerate(self.offsets):
            if offset < 0:  # a free entry, kept as written
                at = self.entries + index * _ENTRY
                rows.append(data[at : at + _ENTRY])
                continue
            if offset >= last:
                while edit < len(starts) and starts[edit] < offset:
                    shift, edit = added[edit], edit + 1
                moved, last = shift, offset
            else:
                before = bisect_left(starts, offset)
                moved = added[before - 1] if before else 0
            rows.append(b"%010d 00000 n\r\n" % (offset + moved))
        return b"".join(rows)


def splice(data: bytes, edits: Sequence[Edit], xref: Xref | None = None) -> bytes | None:
    """``data`` with ``edits`` (in file order, not overlapping, all before the
    cross-reference table) made and the table moved to match; None if the file has no
    classic table or the edits are not as that says."""
    xref = xref or Xref.read(data)
    if xref is None or (edits and edits[-1][1] > xref.start):
        return None
    pieces: list[bytes] = []
    last = 0
    for start, stop, new in edits:
        if start < last:
            return None
        pieces += (data[last:start], new)
        last = stop
    added = list(accumulate(len(new) - stop + start for start, stop, new in edits))
    pieces.append(data[last : xref.start])
    tail = data[xref.entries + len(xref.offsets) * _ENTRY : xref.end.start()]
    return b"".join(
        [
            *pieces,
            data[xref.start : xref.entries],
            xref.moved(data, [start for start, _, _ in edits], added),
            tail,
            b"startxref\n%d\n%%%%EOF" % (xref.start + (added[-1] if added else 0)),
        ]
    )
