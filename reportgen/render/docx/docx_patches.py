"""The one python-docx patch: style look-ups memoised for the length of one render.

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
"""

from __future__ import annotations

from typing import Any

from reportgen.render.patching import installed_in

__all__ = ["TESTED", "memoise_style_ids"]

#: python-docx versions the memoised look-up was checked against.
TESTED = ("1.0.0", "1.3.0")

_APPLIES = installed_in("python-docx", *TESTED)


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
    return styles
