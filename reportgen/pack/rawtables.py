"""A Typst part's table tags fixed in its PDF's bytes, before pikepdf opens it.

``tagging.fix_tables`` drops long tables' spacer cells and tags row headers through
pikepdf, each of ~150,000 object and key accesses for a 1,000-page pack costing a
microsecond or more: ~0.4-0.5 s of the merging thread's ~1.2 s, though part of that is
parsing objects the merge's copy parses anyway: done here, the merge's thread CPU
fell by ~0.13-0.16 s (of ~0.9 s, the 100-report pack's parts merged alone). Typst
writes each structure element uncompressed as one object, in one fixed shape::

    63 0 obj
    <</Type/StructElem/S/TD/P 68 0 R/A[<</O/Table/Headers[(U1x0y0)]>>]/K[62 0 R]>>
    endobj

so here the same repairs are made as small edits of that text: the tables are found
by the same pre-order walk (each element's type read from its object's first bytes),
and each change ``tagging`` makes is one edit where it falls: "/TD" becomes "/TH", an
``/ID`` and a ``/Scope`` are inserted, a row header's id is inserted at the end of a
cell's ``/Headers``, a spacer cell's reference is cut from its row's ``/K``, a
``/ColSpan`` is rewritten. The cross-reference table then moves to match
(``pack.rawpdf``).

Only what is recognised is edited. A walked element or row of another shape (keys
this does not know, a ``/K`` that is not an array of references and content ids), a
cell whose ``/A`` does not open with Typst's /Table dictionary, anything but a
structure element or a content reference where an element may be, an element reached
twice, a table inside another table or one the walk does not reach, object streams:
then ``edits`` gives None and the caller fixes the tables through pikepdf.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from reportgen.pack import rawpdf
from reportgen.render.typst.tagging import INLINE_ELEMENTS

__all__ = ["edits", "fix_tables"]


def _string(depth: int) -> bytes:
    """A literal string, holding balanced parentheses ``depth`` deep (Typst writes
    "(lower is better)" in an /Alt as it is) or escaped ones.

    Written as unrolled loops (a run of plain bytes, then any number of (special item,
    run)), never with possessive quantifiers: unambiguous, so linear even when a match
    fails, and right on Python 3.11.2 (Debian 12's), whose ``re`` fails some patterns
    with a possessive group (``(?:...)*+``) that later versions match."""
    special = rb"\\[\s\S]" if depth == 0 else rb"(?:\\[\s\S]|" + _string(depth - 1) + rb")"
    return rb"\([^()\\]*(?:" + special + rb"[^()\\]*)*\)"


_STR = _string(3)
_HEX = rb"<[0-9A-Fa-f]*>"
_PLAIN = rb"[^\[\]()<>]*"  # bytes of an array or dictionary that open nothing
_ARRAY = rb"\[" + _PLAIN + rb"(?:" + _STR + _PLAIN + rb")*\]"
_DICT = rb"<<" + _PLAIN + rb"(?:(?:" + _STR + rb"|" + _ARRAY + rb")" + _PLAIN + rb")*>>"
#: A structure element as Typst writes it, whole, keys in Typst's order: what the walk
#: and the row edits read (its /K).
_ELEMENT = re.compile(
    rb"(\d+) 0 obj\n<</Type/StructElem/S/(?P<s>[A-Za-z0-9]+)/P \d+ 0 R(?:/ID" + _STR + rb")?"
    rb"(?:/(?:T|Lang|Alt|E|ActualText)(?:" + _STR + rb"|" + _HEX + rb"))*"
    rb"(?:/A\[(?:" + _DICT + rb")*\])?/K\[(?P<k>[0-9 R]*)\](?:/Pg \d+ 0 R)?>>\nendobj\n"
)
#: A table cell as far as the edits reach: its type, /ID and the /Table attribute
#: dictionary opening its /A, written by Typst in this order. The empty groups mark
#: where an edit inserts.
_CELL = re.compile(
    rb"(\d+) 0 obj\n<</Type/StructElem/S/(?P<s>T[DH])/P \d+ 0 R(?P<id>(?:/ID" + _STR + rb")?)"
    rb"/A\[<</O/Table(?P<scope>(?:/Scope/[A-Za-z]+)?)/Headers\[(?:" + _STR + rb")*(?P<heads>)\]"
    rb"(?P<span>(?:/ColSpan (?P<n>\d+))?)(?:/RowSpan \d+)?>>"
)
_CELL_KINDS = {b"TD": "/TD", b"TH": "/TH"}
#: Just an object's structure type (or that it is a content reference: no type).
_KIND = re.compile(rb"(\d+) 0 obj\n<<(?:/Type/StructElem/S/([A-Za-z0-9]+)/P |/Type/(?:MCR|OBJR)/)")
_ROOT_TYPE = b"<</Type/StructTreeRoot"
_ROOT = re.compile(
    rb"(\d+) 0 obj\n<</Type/StructTreeRoot(?:/RoleMap<<(?:/[A-Za-z0-9]+)*>>)?/K\[([0-9 R]*)\]"
)
_REFS = re.compile(rb"\d+ 0 R(?: \d+ 0 R)*")


class _Unfamiliar(Exception):
    """The file is not laid out as this module reads it: leave it to pikepdf."""


def _kids(text: bytes) -> list[int | None]:
    """A /K array's items: the object each refers to, None for a content id."""
    tokens = text.split(b" ") if text else []
    if _REFS.fullmatch(text):  # the usual: references only
        return [int(number) for number in tokens[::3]]
    items: list[int | None] = []
    at = 0
    while at < len(tokens):
        if tokens[at + 1 : at + 3] == [b"0", b"R"] and tokens[at].isdigit():
            items.append(int(tokens[at]))
            at += 3
        elif tokens[at].isdigit():
            items.append(None)
            at += 1
        else:
            raise _Unfamiliar(text)
    return items


class _Element(NamedTuple):
    """A walked element, table part or row: its type, kids, and its /K's place."""

    kind: str
    kids: list[int | None]
    text: bytes  # the /K array's items as written
    at: int  # where that text starts in the file


class _Cell(NamedTuple):
    """A table cell: its object number, type ("/TD", "/TH") and where its parts are.
    (Tuples: a pack reads ~15,000 cells, and a frozen dataclass is slow to make.)"""

    number: int
    kind: str
    match: re.Match[bytes]


class _Part:
    """A part's structure elements, read from its bytes as they are asked for, and
    the edits made to them."""

    def __init__(self, data: bytes, xref: rawpdf.Xref) -> None:
        self.data, self.xref = data, xref
        self.edits: list[rawpdf.Edit] = []
        self.edited: set[int] = set()

    def _at(self, number: int) -> int:
        offset = self.xref.offset(number)
        if offset is None:
            raise _Unfamiliar(number)
        return offset

    def edit(self, number: int, edits: Sequence[rawpdf.Edit]) -> None:
        """Edits to object ``number``: once only (pikepdf would see its own earlier
        changes on a second visit; that is not followed here)."""
        if number in self.edited:
            raise _Unfamiliar(number)
        self.edited.add(number)
        self.edits += edits

    def element(self, number: int) -> _Element:
        match = _ELEMENT.match(self.data, self._at(number))
        if match is None or int(match.group(1)) != number:
            raise _Unfamiliar(number)
        kind, text = match.group("s", "k")
        return _Element("/" + kind.decode("ascii"), _kids(text), text, match.start("k"))

    def kind(self, number: int) -> str | None:
        """The element's type ("/TD"), None for a content reference (no /S)."""
        match = _KIND.match(self.data, self._at(number))
        if match is None or int(match.group(1)) != number:
            raise _Unfamiliar(number)
        return None if match.group(2) is None else "/" + match.group(2).decode("ascii")

    def cell(self, number: int) -> _Cell | None:
        """The cell, None if ``number`` is another element or a content reference."""
        offsets = self.xref.offsets
        at = offsets[number] if 0 < number < len(offsets) else -1
        match = _CELL.match(self.data, at) if at >= 0 else None
        if match is not None and int(match.group(1)) == number:
            return _Cell(number, _CELL_KINDS[match.group("s")], match)
        if self.kind(number) in ("/TD", "/TH"):
            raise _Unfamiliar(number)  # a cell of a shape not known here
        return None

    def struct_kids(self, element: _Element) -> list[tuple[int, str]]:
        """As ``tagging._struct_kids``: the child elements, with their types."""
        found = []
        for number in element.kids:
            kind = None if number is None else self.kind(number)
            if number is not None and kind is not None:
                found.append((number, kind))
        return found


def _tables(part: _Part, kids: list[tuple[int, str]], found: list[int]) -> list[int]:
    """The tables among ``kids`` and under them in pre-order, not looked for inside
    tables or text (``tagging._tables_under`` with ``nested=False``)."""
    for kid, kind in kids:
        if kind == "/Table":
            found.append(kid)
        elif kind not in INLINE_ELEMENTS:
            _tables(part, part.struct_kids(part.element(kid)), found)
    return found


def _roots(part: _Part) -> list[tuple[int, str]]:
    """The structure tree root's child elements (Typst's one /Document), with types."""
    data = part.data
    found = data.find(_ROOT_TYPE)  # found by memchr, not a regular expression's scan
    if found < 0 or data.find(_ROOT_TYPE, found + 1) >= 0:
        raise _Unfamiliar("structure tree root")
    start = data.rfind(b"\n", 0, data.rfind(b"\n", 0, found)) + 1
    root = _ROOT.match(data, start)
    if root is None or part.xref.offset(int(root.group(1))) != start:
        raise _Unfamiliar("structure tree root")
    kids = [(n, part.kind(n)) for n in _kids(root.group(2)) if n is not None]
    return [(n, kind) for n, kind in kids if kind is not None]


def _body_rows(part: _Part, table: _Element) -> Iterator[tuple[int, _Element]]:
    for kid, kind in part.struct_kids(table):
        if kind == "/TR":
            yield kid, part.element(kid)
        elif kind in ("/TBody", "/TFoot"):
            rows = part.struct_kids(part.element(kid))
            yield from ((row, part.element(row)) for row, inner in rows if inner == "/TR")


def _cells(part: _Part, row: _Element) -> list[tuple[int, _Cell]]:
    """A row's cells, each with its position in the row's /K."""
    found = []
    for position, number in enumerate(row.kids):
        cell = None if number is None else part.cell(number)
        if cell is not None:
            found.append((position, cell))
    return found


def _mark_cells(part: _Part, cells: list[_Cell], ident: str) -> None:
    """As ``tagging._mark_cells``: the first cell the row's /TH /Scope /Row with
    ``ident``, the others naming it at the end of their /Headers."""
    first, name = cells[0].match, b"(" + ident.encode("ascii") + b")"
    part.edit(
        cells[0].number,
        [
            (*first.span("s"), b"TH"),
            (*first.span("id"), b"/ID" + name),
            (*first.span("scope"), b"/Scope/Row"),
        ],
    )
    for cell in cells[1:]:
        at = cell.match.start("heads")
        part.edit(cell.number, [(at, at, name)])


def _narrow_last_header(part: _Part, row: _Element) -> None:
    """As ``tagging._narrow_last_header``: the spacer column taken off its span."""
    cells = _cells(part, row)
    if not cells:
        return
    cell = cells[-1][1]
    span = int(cell.match.group("n") or 1) - 1
    if span > 1:
        part.edit(cell.number, [(*cell.match.span("span"), b"/ColSpan %d" % span)])
    elif cell.match.group("n"):
        part.edit(cell.number, [(*cell.match.span("span"), b"")])


def _drop(part: _Part, number: int, row: _Element, position: int) -> None:
    """The item at ``position`` cut from the row's /K."""
    tokens = row.text.split(b" ")
    start = sum(1 if kid is None else 3 for kid in row.kids[:position])
    del tokens[start : start + (1 if row.kids[position] is None else 3)]
    part.edit(number, [(row.at, row.at + len(row.text), b" ".join(tokens))])


def _fix_table(part: _Part, table: _Element, number: int, row_heads: bool, spacer: bool) -> None:
    """As ``tagging._fix_table``, as edits of the bytes."""
    if spacer:
        for kid, kind in part.struct_kids(table):
            if kind == "/THead":
                for head, _ in part.struct_kids(part.element(kid)):
                    _narrow_last_header(part, part.element(head))
    rows = list(_body_rows(part, table))
    for index, (row_number, row) in enumerate(rows):
        cells = _cells(part, row)
        if spacer and cells and index not in (1, len(rows) - 1):
            _drop(part, row_number, row, cells.pop()[0])  # the rows the spacers start in
        if row_heads and cells and cells[0][1].kind != "/TH":
            _mark_cells(part, [cell for _, cell in cells], f"RG{number}r{index + 1}")


def edits(
    data: bytes,
    xref: rawpdf.Xref,
    flags: Sequence[bool],
    spacers: Sequence[int],
    first: int,
    count: int,
) -> list[rawpdf.Edit] | None:
    """The edits that fix ``data``'s tables as ``tagging.fix_tables(pdf, flags,
    spacers, first, count)`` fixes them (``count``: the /Table elements in the bytes),
    or None if the file is not laid out as this reads it, or its tables are not the
    ones the flags describe (then pikepdf's walk decides, and raises)."""
    if not any(flags) and not spacers:
        return []
    part = _Part(data, xref)
    try:
        tables = _tables(part, _roots(part), [])
        if len(tables) != count or (any(flags) and len(tables) != len(flags)):
            return None  # nested or unreached tables, or not the model's
        spaced = set(spacers)
        for index, table in enumerate(tables):
            flag = index < len(flags) and flags[index]
            if flag or index in spaced:
                _fix_table(part, part.element(table), first + index, flag, index in spaced)
    except _Unfamiliar:
        return None
    return sorted(part.edits)


def fix_tables(
    data: bytes, flags: Sequence[bool], spacers: Sequence[int], first: int, count: int
) -> bytes | None:
    """``data`` with its tables fixed (``edits``), or None where that cannot be."""
    xref = rawpdf.Xref.read(data)
    found = None if xref is None else edits(data, xref, flags, spacers, first, count)
    return None if found is None else rawpdf.splice(data, found, xref)
