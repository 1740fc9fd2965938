"""Missing values with a reason: the GSS symbols statistical publications put in a cell.

A published table never prints 0 where a figure is suppressed or does not exist; it prints
a symbol that says why. reportgen keeps that reason all the way to the page: a value that
is missing is ``NaN`` in a frame's ``value`` column and its symbol sits beside it in the
frame's ``symbol`` column (empty where the value is a number). Composition shows the
symbol in tables (with a key), words in text, and a gap in charts; never 0, and no
direction of travel is claimed across it.

This module is standard-library only so that every stage (readers, indicators, the
vocabulary) can use it.
"""

from __future__ import annotations

from typing import Final

#: Symbol -> what it means, in the words of the GSS guidance on symbols in tables.
SYMBOLS: Final[dict[str, str]] = {
    "c": "confidential (suppressed to protect confidentiality)",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    "k": "rounds to zero",
}

#: Older conventions still seen in council spreadsheets, read as their GSS equivalent.
LEGACY_SYMBOLS: Final[dict[str, str]] = {":": "x", "..": "x"}


def symbol_of(cell: str) -> str | None:
    """The GSS symbol a cell holds (legacy ``:``/``..`` mapped to ``x``), or None.

    Case and surrounding space are ignored ("C", " x "). A number, or any other text, is
    not a symbol: callers decide whether other text is an error.
    """
    text = cell.strip().lower()
    if text in SYMBOLS:
        return text
    return LEGACY_SYMBOLS.get(text)


def is_symbol(cell: str) -> bool:
    return symbol_of(cell) is not None
