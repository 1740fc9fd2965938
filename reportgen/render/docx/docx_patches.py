"""The python-docx patches: style look-ups memoised for one render, and a save that
hands back the package's entries instead of a zip (``package_entries``).

What: python-docx resolves a style name by scanning every style in the reference
document, twice, each time a paragraph or table is given a style: about 1 ms a call, and
a ten-page report sets some 700 styles (most of the DOCX time). The styles cannot change
during a render, so ``memoise_style_ids`` wraps ``DocumentPart.get_style_id`` on this one
document's part (an instance attribute: no class is touched, other documents are not
affected), and the default style of each type, which every first look-up of a name
compares against, is found once per render on that part's ``Styles`` proxy.

Guard: applied only with python-docx ``TESTED`` (see ``render/patching.py``) and when the
part has the ``get_style_id(style_or_name, style_type)`` method it wraps; otherwise the
document is left as python-docx made it. Remove it if python-docx caches the look-up.
``find_children_in_one_pass`` replaces one method of python-docx's element base class
and skips clearing empty new runs (the only class-wide patches, same XML; see their
docstrings). ``package_entries`` calls
``PackageWriter``'s static steps (private) under the same guard; remove it if
python-docx can save without zipping.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from typing import Any

from reportgen.render.patching import installed_in

__all__ = [
    "TESTED",
    "applies",
    "find_children_in_one_pass",
    "memoise_style_ids",
    "package_entries",
]

#: python-docx versions the memoised look-up was checked against.
TESTED = ("1.0.0", "1.3.0")

_APPLIES = installed_in("python-docx", *TESTED)


def applies() -> bool:
    """True when the installed python-docx is one the short cuts were checked against."""
    return _APPLIES


def memoise_style_ids(document: Any) -> None:
    """Look each style name up once per render instead of once per paragraph.

    python-docx resolves a style name by scanning every style in the reference document,
    twice, each time a paragraph or table is given a style: about 1 ms a call, and a
    ten-page report sets some 700 styles (most of the DOCX time). The styles cannot
    change during a render, so the lookup is memoised on this document's part only.
    """
    part = document.part
    lookup = getattr(part, "get_style_id", None)
    if not _APPLIES or lookup is None:
        return
    found: dict[tuple[str, Any], str | None] = {}
    styles = _with_default_memoised(part.styles)

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if not isinstance(style_or_name, str):
            return styles.get_style_id(style_or_name, style_type)  # type: ignore[no-any-return]
        key = (style_or_name, style_type)
        if key not in found:
            found[key] = styles.get_style_id(style_or_name, style_type)
        return found[key]

    part.get_style_id = get_style_id


def _with_default_memoised(styles: Any) -> Any:
    """``styles`` (one python-docx ``Styles`` proxy) with ``default(style_type)`` found once.

    Each name's first look-up still asks python-docx, which compares the style with the
    default of its type; finding that default reads the type of every style in the
    reference (about 250, each through a slow enum conversion): 1.8 ms a look-up, 40 ms a
    report. No render changes which style is a type's default (``w:default``), so the
    answer is kept on this proxy only (an instance attribute).
    """
    default = styles.default
    defaults: dict[Any, Any] = {}

    def memoised(style_type: Any) -> Any:
        if style_type not in defaults:
            defaults[style_type] = default(style_type)
        return defaults[style_type]

    styles.default = memoised
    _index_style_names(styles.element)
    return styles


def _index_style_names(element: Any) -> None:
    """``get_by_name`` on this ``w:styles`` element from a dict of its styles' names.

    python-docx finds a style by name with an XPath query over every style (some 250),
    for each name's first look-up and each ``styles[name]``: about 25 a report. The
    index holds the first style of each name, as the query's first match; a name not in
    it (a style added later) is still asked of python-docx. Kept on this element proxy,
    which the memoised ``Styles`` holds alive for the render (lxml would otherwise make
    a new proxy, with python-docx's own method).
    """
    lookup = element.get_by_name
    names: dict[str, Any] = {}
    style_tag, name_tag, val = _clark("w:style"), _clark("w:name"), _clark("w:val")
    for style in element.iterchildren(style_tag):
        name = style.find(name_tag)
        if name is not None and name.get(val) is not None:
            names.setdefault(name.get(val), style)

    def get_by_name(name: str) -> Any:
        found = names.get(name)
        return found if found is not None else lookup(name)

    element.get_by_name = get_by_name
    _index_style_ids(element)


def _index_style_ids(element: Any) -> None:
    """``get_by_id`` on this ``w:styles`` element from a dict, as ``get_by_name`` above:
    python-docx runs an XPath query over every style for each paragraph whose style is
    read back (the front sheet's cells, some 30 a report). First match by id, as the
    query's; an id not in the index (a style added later) is still asked of python-docx."""
    lookup = element.get_by_id
    ids: dict[str, Any] = {}
    style_tag, style_id = _clark("w:style"), _clark("w:styleId")
    for style in element.iterchildren(style_tag):
        if style.get(style_id) is not None:
            ids.setdefault(style.get(style_id), style)

    def get_by_id(found_id: str) -> Any:
        found = ids.get(found_id)
        return found if found is not None else lookup(found_id)

    element.get_by_id = get_by_id


class _Entries(dict[str, bytes]):
    """Stands in for python-docx's zip writer: keeps each entry's bytes by name."""

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self[pack_uri.membername] = blob


def package_entries(document: Any) -> dict[str, bytes]:
    """Every entry of the saved .docx by name, as ``document.save`` would zip them.

    Why: ``render_docx`` re-zips the package with fixed dates, so zipping it first in
    python-docx (deflating every part, then inflating it again) was wasted work, about
    a tenth of the DOCX time. This runs the steps of ``OpcPackage.save`` with a writer
    that keeps the bytes. With another python-docx than ``TESTED`` it saves and unzips.
    """
    package = document.part.package
    if not _APPLIES:
        buffer = io.BytesIO()
        document.save(buffer)
        source = zipfile.ZipFile(buffer)
        return {name: source.read(name) for name in source.namelist()}
    from docx.opc import pkgwriter

    writer: Any = pkgwriter.PackageWriter  # its private static steps, untyped
    parts = package.parts
    for part in parts:
        part.before_marshal()
    entries = _Entries()
    writer._write_content_types_stream(entries, parts)
    writer._write_pkg_rels(entries, package.rels)
    writer._write_parts(entries, parts)
    return dict(entries)


@lru_cache(maxsize=1024)
def _clark(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _first_child_found_in(self: Any, *tagnames: str) -> Any:
    """python-docx's ``first_child_found_in`` with the same answer, in one pass.

    The child returned is still the first one whose tag comes EARLIEST in ``tagnames``
    (not the earliest in the document), as python-docx's loop of ``find`` calls gives.
    """
    first: dict[str, Any] = {}
    for child in self.iterchildren():
        first.setdefault(child.tag, child)
    if first:
        for tagname in tagnames:
            child = first.get(_clark(tagname))
            if child is not None:
                return child
    return None


def find_children_in_one_pass() -> None:
    """Make python-docx find where a new element goes without a ``find`` per candidate.

    Why: each new paragraph property, run property or cell property asks which of its
    possible successors (twenty or more tag names) the parent already has, one
    ``find(qn(name))`` each: about 1,400 a report and the largest part of what remains
    of the DOCX time. This is python-docx's own ``BaseOxmlElement.first_child_found_in``
    answered from one walk of the (few) children with cached tag names. Class-wide, as
    python-docx calls it from every element class; applied once, only with ``TESTED``.
    """
    from docx.oxml.text.run import CT_R
    from docx.oxml.xmlchemy import BaseOxmlElement

    if not _APPLIES or BaseOxmlElement.first_child_found_in is _first_child_found_in:
        return
    if not callable(getattr(BaseOxmlElement, "first_child_found_in", None)):
        return
    if not callable(getattr(CT_R, "clear_content", None)):
        return
    BaseOxmlElement.first_child_found_in = _first_child_found_in  # type: ignore[method-assign]
    _clear_runs_with_content_only(CT_R)


def _clear_runs_with_content_only(run_class: Any) -> None:
    """Setting a run's text first clears the run with an XPath query (``clear_content``),
    compiled afresh each time: a thousand a report, for runs that are new and empty. A
    run with nothing but its ``w:rPr`` has nothing to clear, so it is left alone; any
    other run is cleared by python-docx's own method, as before."""
    clear = run_class.clear_content
    rpr = _clark("w:rPr")

    def clear_content(self: Any) -> None:
        if len(self) == 0 or (len(self) == 1 and self[0].tag == rpr):
            return
        clear(self)

    run_class.clear_content = clear_content
