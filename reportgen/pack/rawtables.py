"""A Typst part's table tags fixed in its PDF's bytes, before pikepdf opens it.

``tagging.fix_tables`` drops long tables' spacer cells and tags row headers through
pikepdf; in a pack that read ~150,000 objects and keys at a microsecond or more each
(0.4 s of the merging thread's 1.2 s for 1,000 pages). Typst writes each structure
element uncompressed as one object, in one fixed shape::

    63 0 obj
    <</Type/StructElem/S/TD/P 68 0 R/A[<</O/Table/Headers[(U1x0y0)]>>]/K[62 0 R]>>
    endobj

so here the same repairs are made on those objects' text: the tables are found in the
same pre-order walk, each element is read (``_Element``) only if the walk or a repair
needs it, changed in memory exactly as the pikepdf code changes it, and written back in
place, the cross-reference table moved to match (``pack.rawpdf``).

Only what is recognised is edited. An element of another shape (keys this does not
know, an ``/A`` that is not an array of flat dictionaries, a ``/K`` that is not a plain
array of references and content ids), a reference to anything but a structure element,
a table inside another table or not reached by the walk, object streams: then
``fix_tables`` gives None and the caller fixes the tables through pikepdf, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from reportgen.pack import rawpdf
from reportgen.render.typst.tagging import _INLINE

__all__ = ["fix_tables"]


def _string(depth: int) -> bytes:
    """A literal string, holding balanced parentheses ``depth`` deep (Typst writes
    "(lower is better)" in an /Alt as it is) or escaped ones."""
    inner = b"" if depth == 0 else b"|" + _string(depth - 1)
    return rb"\((?:[^()\\]|\\[\s\S]" + inner + rb")*+\)"


_STR = _string(3)
_HEX = rb"<[0-9A-Fa-f]*>"
_ARRAY = rb"\[(?:[^\[\]()<>]|" + _STR + rb")*+\]"
_DICT = rb"<<(?:[^\[\]()<>]|" + _STR + rb"|" + _ARRAY + rb")*+>>"
#: A structure element as Typst writes it, keys in Typst's order; anything else is
#: not matched (the walk then stops: the file is left to pikepdf).
_ELEMENT = re.compile(
    rb"(\d+) 0 obj\n(<</Type/StructElem/S/(?P<s>[A-Za-z0-9]+)(?P<p>/P \d+ 0 R)"
    rb"(?P<id>/ID" + _STR + rb")?"
    rb"(?P<text>(?:/(?:T|Lang|Alt|E|ActualText)(?:" + _STR + rb"|" + _HEX + rb"))*+)"
    rb"(?:/A\[(?P<a>(?:" + _DICT + rb")*+)\])?"
    rb"/K\[(?P<k>[0-9 R]*)\](?P<pg>/Pg \d+ 0 R)?>>)\nendobj\n"
)
#: Just an object's structure type (or that it is a content reference: no type).
_KIND = re.compile(rb"(\d+) 0 obj\n<<(?:/Type/StructElem/S/([A-Za-z0-9]+)/P |/Type/(?:MCR|OBJR)/)")
_ROOT = re.compile(
    rb"\n(\d+) 0 obj\n<</Type/StructTreeRoot(?:/RoleMap<<(?:/[A-Za-z0-9]+)*>>)?/K\[([0-9 R]*)\]"
)
_DICTS = re.compile(_DICT)
_ITEM = re.compile(rb"/([A-Za-z0-9]+)( ?-?[0-9.]+|/[A-Za-z0-9]+|" + _STR + rb"|" + _ARRAY + rb")")


class _Unfamiliar(Exception):
    """The file is not laid out as this module reads it: leave it to pikepdf."""


_REFS = re.compile(rb"\d+ 0 R(?: \d+ 0 R)*")


def _kids(text: bytes) -> list[tuple[bytes, int | None]]:
    """A /K array's items: (text, the object referred to, or None for a content id)."""
    tokens = text.split(b" ") if text else []
    if _REFS.fullmatch(text):  # the usual: references only
        return [(b"%s 0 R" % number, int(number)) for number in tokens[::3]]
    items: list[tuple[bytes, int | None]] = []
    at = 0
    while at < len(tokens):
        if tokens[at + 1 : at + 3] == [b"0", b"R"] and tokens[at].isdigit():
            items.append((b"%s 0 R" % tokens[at], int(tokens[at])))
            at += 3
        elif tokens[at].isdigit():
            items.append((tokens[at], None))
            at += 1
        else:
            raise _Unfamiliar(text)
    return items


def _dicts(found: bytes | None) -> list[bytes]:
    """The dictionaries of an /A array, as written."""
    dicts: list[bytes] = [] if found is None else _DICTS.findall(found)
    if found is not None and sum(map(len, dicts)) != len(found):
        raise _Unfamiliar(found)
    return dicts


class _Attrs:
    """One attribute dictionary of an element's ``/A``, its keys in order; values
    kept as written (``b" 2"``, ``b"/Row"``, ``b"[(U1x0y0)]"``) unless changed."""

    def __init__(self, text: bytes) -> None:
        items = _ITEM.findall(text, 2, len(text) - 2)
        if sum(len(key) + len(value) + 1 for key, value in items) != len(text) - 4:
            raise _Unfamiliar(text)
        self.items: dict[bytes, bytes] = dict(items)
        if len(self.items) != len(items):
            raise _Unfamiliar(text)  # a key twice

    def text(self) -> bytes:
        return b"<<" + b"".join(b"/" + key + value for key, value in self.items.items()) + b">>"


class _Element:
    """One structure element read from its object, changed in memory, written back
    whole (only the parts ``_ELEMENT`` names; the rest kept as written). Its kids and
    attributes are read when first asked for: most cells are asked for neither."""

    def __init__(self, match: re.Match[bytes]) -> None:
        self.match = match
        self.span = match.span(2)
        self.kind = "/" + match.group("s").decode("ascii")
        self.ident = match.group("id") or b""
        self._kids: list[tuple[bytes, int | None]] | None = None
        self.attrs: list[_Attrs | bytes] | None = None  # None: as written
        self.changed = False

    @property
    def kids(self) -> list[tuple[bytes, int | None]]:
        if self._kids is None:
            self._kids = _kids(self.match.group("k"))
        return self._kids

    def table_attrs(self) -> _Attrs:
        """Its dictionary owned by /Table, made first in /A if it has none (as
        ``tagging._table_attrs`` makes it)."""
        self.changed = True
        if self.attrs is None:
            self.attrs = list(_dicts(self.match.group("a")))
        for index, item in enumerate(self.attrs):
            attrs = item if isinstance(item, _Attrs) else _Attrs(item)
            self.attrs[index] = attrs
            if attrs.items.get(b"O") == b"/Table":
                return attrs
        found = _Attrs(b"<</O/Table>>")
        self.attrs.insert(0, found)
        return found

    def text(self) -> bytes:
        """The element's dictionary as it now is."""
        match = self.match
        if self.attrs is None:
            found = match.group("a")
            attrs = b"" if found is None else b"/A[" + found + b"]"
        else:
            attrs = b"/A[" + b"".join(a if isinstance(a, bytes) else a.text() for a in self.attrs)
            attrs += b"]"
        kids = match.group("k") if self._kids is None else b" ".join(t for t, _ in self._kids)
        head = b"<</Type/StructElem/S" + self.kind.encode("ascii") + match.group("p")
        text, page = match.group("text"), match.group("pg") or b""
        return b"".join([head, self.ident, text, attrs, b"/K[", kids, b"]", page, b">>"])


class _Part:
    """A part's structure elements, read from its bytes as they are asked for."""

    def __init__(self, data: bytes, xref: rawpdf.Xref) -> None:
        self.data, self.xref = data, xref
        self.elements: dict[int, _Element] = {}

    def _at(self, number: int) -> int:
        offset = self.xref.offset(self.data, number)
        if offset is None:
            raise _Unfamiliar(number)
        return offset

    def element(self, number: int) -> _Element:
        if number not in self.elements:
            match = _ELEMENT.match(self.data, self._at(number))
            if match is None or int(match.group(1)) != number:
                raise _Unfamiliar(number)
            self.elements[number] = _Element(match)
        return self.elements[number]

    def kind(self, number: int) -> str | None:
        """The element's type ("/TD"), None for a content reference (no /S)."""
        if number in self.elements:
            return self.elements[number].kind
        match = _KIND.match(self.data, self._at(number))
        if match is None or int(match.group(1)) != number:
            raise _Unfamiliar(number)
        return None if match.group(2) is None else "/" + match.group(2).decode("ascii")

    def struct_kids(self, element: _Element) -> list[tuple[int, str]]:
        """As ``tagging._struct_kids``: the child elements, with their types."""
        found = []
        for _, number in element.kids:
            kind = None if number is None else self.kind(number)
            if number is not None and kind is not None:
                found.append((number, kind))
        return found

    def edits(self) -> list[rawpdf.Edit]:
        changed = [e for e in self.elements.values() if e.changed]
        return sorted((*e.span, e.text()) for e in changed)


def _tables(part: _Part, kids: list[tuple[int, str]], found: list[int]) -> list[int]:
    """The tables among ``kids`` and under them in pre-order, not looked for inside
    tables or text (``tagging._tables_under`` with ``nested=False``)."""
    for kid, kind in kids:
        if kind == "/Table":
            found.append(kid)
        elif kind not in _INLINE:
            _tables(part, part.struct_kids(part.element(kid)), found)
    return found


def _roots(part: _Part) -> list[tuple[int, str]]:
    """The structure tree root's child elements (Typst's one /Document), with types."""
    roots = list(_ROOT.finditer(part.data))
    at = part.xref.offset(part.data, int(roots[0].group(1))) if len(roots) == 1 else None
    if at is None or at != roots[0].start() + 1:
        raise _Unfamiliar("structure tree root")
    kids = [(n, part.kind(n)) for _, n in _kids(roots[0].group(2)) if n is not None]
    return [(n, kind) for n, kind in kids if kind is not None]


def _body_rows(part: _Part, table: _Element) -> Iterator[_Element]:
    for kid, kind in part.struct_kids(table):
        if kind == "/TR":
            yield part.element(kid)
        elif kind in ("/TBody", "/TFoot"):
            rows = part.struct_kids(part.element(kid))
            yield from (part.element(row) for row, inner in rows if inner == "/TR")


def _cells(part: _Part, row: _Element) -> list[tuple[int, int, str]]:
    """A row's cells: (position in its /K, cell, "/TD" or "/TH")."""
    found = []
    for position, (_, number) in enumerate(row.kids):
        kind = None if number is None else part.kind(number)
        if number is not None and kind in ("/TD", "/TH"):
            found.append((position, number, kind))
    return found


def _mark_cells(cells: list[_Element], ident: str, heads: bool) -> None:
    """As ``tagging._mark_cells``: the first cell the row's /TH /Scope /Row, the
    others naming it among their /Headers."""
    if not cells or heads:
        return
    first, name = cells[0], b"(" + ident.encode("ascii") + b")"
    first.kind, first.changed = "/TH", True
    first.ident = b"/ID" + name
    first.table_attrs().items[b"Scope"] = b"/Row"
    for cell in cells[1:]:
        attrs = cell.table_attrs()
        headers = attrs.items.get(b"Headers", b"")
        listed = headers[:-1] if headers[:1] == b"[" else b"["  # else: replaced, as pikepdf
        attrs.items[b"Headers"] = listed + name + b"]"


def _narrow_last_header(part: _Part, row: _Element) -> None:
    """As ``tagging._narrow_last_header``: the spacer column taken off its span."""
    cells = _cells(part, row)
    if not cells:
        return
    attrs = part.element(cells[-1][1]).table_attrs()
    try:
        span = int(attrs.items.get(b"ColSpan", b"1")) - 1
    except ValueError as error:
        raise _Unfamiliar("ColSpan") from error
    if span > 1:
        attrs.items[b"ColSpan"] = b" %d" % span
    else:
        attrs.items.pop(b"ColSpan", None)


def _fix_table(part: _Part, table: _Element, number: int, row_heads: bool, spacer: bool) -> None:
    """As ``tagging._fix_table``, on the elements read from the bytes."""
    if spacer:
        for kid, kind in part.struct_kids(table):
            if kind == "/THead":
                for row, _ in part.struct_kids(part.element(kid)):
                    _narrow_last_header(part, part.element(row))
    rows = list(_body_rows(part, table))
    for index, element in enumerate(rows):
        cells = _cells(part, element)
        if spacer and cells and index not in (1, len(rows) - 1):
            del element.kids[cells.pop()[0]]  # the rows the spacer cells start in
            element.changed = True
        if row_heads and cells:
            elements = [part.element(cell) for _, cell, _ in cells]
            _mark_cells(elements, f"RG{number}r{index + 1}", cells[0][2] == "/TH")


def fix_tables(
    data: bytes, flags: Sequence[bool], spacers: Sequence[int], first: int, count: int
) -> bytes | None:
    """``data`` with its tables fixed as ``tagging.fix_tables(pdf, flags, spacers,
    first, count)`` fixes them (``count``: the /Table elements in the bytes), or None
    if the file is not laid out as this reads it, or its tables are not the ones the
    flags describe (then pikepdf's walk decides, and raises)."""
    if not any(flags) and not spacers:
        return data
    xref = rawpdf.Xref.read(data)
    if xref is None:
        return None
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
    return rawpdf.splice(data, part.edits(), xref)
