"""Typst code for values: string literals, lengths, labels and the theme dictionary.

Why this module exists: injection safety. Every piece of text from a document reaches
Typst as a *string literal* written here (``lit``), never as markup, so a report
containing ``#import``, ``*`` or ``]`` prints those characters and can run nothing.
Labels are only written when they are plain identifiers; anything else gets a hashed
stand-in, so no anchor can break out of the ``<...>`` syntax either.
"""

from __future__ import annotations

import hashlib
import re

from reportgen.render.theme import DEFAULT_SIZES, Theme

FALLBACK_FONTS = ("Liberation Sans", "Arial", "DejaVu Sans")

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_LABEL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-.:]*$")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or f"\\u{{{ord(char):x}}}"


def lit(text: str) -> str:
    """A Typst string literal for ``text`` (any characters, printed as they are)."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shown(text: str) -> str:
    """Text as a reader sees it: tabs and line ends are spaces (as in HTML) and other
    control characters, which no font can draw, are dropped (PDF/UA refuses them)."""
    return _CONTROL.sub(lambda c: " " if c.group(0) in "\t\n\r" else "", text)


def show(text: str) -> str:
    """A string literal of the text as shown (``shown``)."""
    return lit(shown(text))


def opt(text: str | None) -> str:
    """A string literal of the text as shown, or ``none``."""
    return "none" if text is None else show(text)


def label_name(anchor: str) -> str:
    """A label name Typst accepts for ``anchor`` (unchanged when it already is one)."""
    if _LABEL.match(anchor):
        return anchor
    return "rg-" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:16]


def label(anchor: str) -> str:
    """``<anchor>`` for markup: attaches to the element just before it."""
    return f"<{label_name(anchor)}>"


def label_ref(anchor: str) -> str:
    """A label as a value (a link target, a page-number query)."""
    return f"label({lit(label_name(anchor))})"


def num(value: float) -> str:
    """A number without float noise (Typst reads ``12.5``, not ``1.25e1``)."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _fonts(family: str | None) -> str:
    names = ((family,) if family else ()) + FALLBACK_FONTS
    return "(" + ", ".join(lit(n) for n in names) + ",)"


def _table_styles(theme: Theme) -> str:
    entries = []
    for name, style in sorted(theme.table_styles.items()):
        size = f"{num(style.size)}pt" if style.size is not None else "none"
        pad = (
            f"(x: {num(style.padding[1])}pt, y: {num(style.padding[0])}pt + 0.156em)"
            if style.padding
            else "none"
        )
        keep = "true" if style.keep_together else "false"
        entries.append(f"{lit(name)}: (size: {size}, inset: {pad}, keep: {keep})")
    return "(" + ", ".join(entries) + ",)" if entries else "(:)"


def theme_dict(theme: Theme) -> str:
    """``#let theme = (...)``: the house style as Typst data, read by house.typ."""
    colours = ", ".join(f"{lit(k)}: {lit(v)}" for k, v in sorted(theme.colours.items()))
    sizes = ", ".join(f"{lit(k)}: {num(theme.size(k))}" for k in sorted(DEFAULT_SIZES))
    page = theme.page
    return (
        f"#let theme = (colours: ({colours},), sizes: ({sizes},), "
        f"fonts: (body: {_fonts(theme.font('body'))}, heading: {_fonts(theme.font('heading'))}),"
        f" page: (paper: {lit(page.paper)}, top: {num(page.top)}, right: {num(page.right)}, "
        f"bottom: {num(page.bottom)}, left: {num(page.left)}), "
        f"tables: {_table_styles(theme)})\n"
    )
