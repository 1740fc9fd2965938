"""The one WeasyPrint patch: its HTML class with a leaner user-agent stylesheet.

What: a subclass of ``weasyprint.HTML`` overriding the private ``_ua_stylesheets`` hook
to return a copy of WeasyPrint's own user-agent sheet with six rules narrowed or dropped.
Tested with WeasyPrint ``TESTED`` (see ``render/patching.py``): outside that range, or if
the hook or the sheet's text is not as expected, ``html_document`` returns a plain
``weasyprint.HTML``. Remove it when WeasyPrint computes pseudo-element styles lazily.

Why: WeasyPrint's default user-agent stylesheet has six universal pseudo-element rules
(``::marker``, ``::footnote-call``, ``::footnote-marker``, ``::note-call``,
``::note-marker``, ``::note-callback``). Each gives *every* element a computed style for
that pseudo-element, so an 11-page report with ~900 elements computes ~5,800 styles
instead of ~900: about 0.08 s of a 0.6 s layout. The footnote and note styles are only
read for an element floated into a footnote or note, and the marker style only for a
list item. Reports here have neither footnotes nor notes and their list items are
``<li>``, so the lean sheet drops the note rules and limits ``::marker`` to ``li`` and
``summary``; the PDF is byte-for-byte the same (tested on every bundled template).

A document whose CSS might need the full sheet (floats into footnotes or notes, another
element made a list item, an ``@import`` we cannot see into) gets WeasyPrint's own sheet,
so a council's custom template never renders differently, only more slowly.
"""

from __future__ import annotations

import re
from typing import Any

import weasyprint

from reportgen.render.patching import installed_in

__all__ = ["TESTED", "html_document", "lean_user_agent_css"]

#: WeasyPrint versions the lean sheet was checked against (byte-identical PDFs).
TESTED = ("60.0", "71.0")

#: CSS that could need the rules the lean sheet leaves out.
_NEEDS_FULL_SHEET = re.compile(r"float\s*:\s*(?:footnote|note)\b|list-item|@import", re.IGNORECASE)
_NOTE_RULE = re.compile(r"^::(?:footnote|note)-[\w-]+ \{[^}\n]*\}\n", re.MULTILINE)
_MARKER_RULE = "::marker {"


def lean_user_agent_css(full: str) -> str | None:
    """The lean sheet made from WeasyPrint's own; None if its text is not as expected."""
    lean, notes = _NOTE_RULE.subn("", full)
    if notes != 5 or lean.count(_MARKER_RULE) != 1:
        return None  # a WeasyPrint version laid out differently: keep its own sheet
    return lean.replace(_MARKER_RULE, "li::marker, summary::marker {")


def _lean_class() -> type[weasyprint.HTML] | None:
    if not installed_in("weasyprint", *TESTED):
        return None
    try:
        from weasyprint import html as ua

        text = lean_user_agent_css(ua.UA)
        if text is None or not hasattr(weasyprint.HTML, "_ua_stylesheets"):
            return None
        sheet = weasyprint.CSS(string=text, counter_style=ua.UA_COUNTER_STYLE)
        forms = ua.UA_FORM_STYLESHEET
    except (ImportError, AttributeError):  # internals moved: WeasyPrint's behaviour
        return None

    class LeanHTML(weasyprint.HTML):  # type: ignore[misc]  # WeasyPrint is untyped
        def _ua_stylesheets(self, forms_: bool = False) -> list[Any]:
            return [sheet, forms] if forms_ else [sheet]

    return LeanHTML


_LEAN_HTML = _lean_class()


def html_document(string: str, **kwargs: Any) -> weasyprint.HTML:
    """``weasyprint.HTML(string=...)``, with the lean user-agent sheet when it is safe.

    Our stylesheets are inlined in ``<style>``, so the string holds all the CSS there is.
    """
    if _LEAN_HTML is None or _NEEDS_FULL_SHEET.search(string):
        return weasyprint.HTML(string=string, **kwargs)
    return _LEAN_HTML(string=string, **kwargs)
