"""The state of one DOCX render, and the one way a paragraph is started.

Kept apart from ``blocks`` (which writes the model's blocks) so that ``fields``
(captions, references, the contents list) can use them without importing ``blocks``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reportgen import model as m
from reportgen.render.common import Anchors
from reportgen.render.docx.fastxml import set_style
from reportgen.render.docx.numbers import Numbers
from reportgen.render.docx.pages import TEXT_WIDTH_MM
from reportgen.render.theme import Theme


@dataclass
class Writer:
    """State for one DOCX render: the theme, section anchors, bookmark ids, counts."""

    doc: m.Document
    theme: Theme
    anchors: Anchors
    numbers: Numbers
    next_bookmark: int = 1
    styles: set[str] = field(default_factory=set)
    landscape: bool = False  # the orientation of the Word section being written
    new_page: bool = False  # a section break has just started a page
    break_pending: bool = False  # a PageBreak waits for the next paragraph
    text_width_mm: float = TEXT_WIDTH_MM  # its width between the margins, for tables
    pages: Mapping[str, int] = field(default_factory=dict)  # anchor -> page (contents)
    sections: set[str] = field(default_factory=set)  # anchors that are headings
    in_body: bool = False
    #: Steps run once ``pages`` is known, just before saving (the contents list's page
    #: numbers, so the Word file can be written while the PDF is still being laid out).
    later: list[Callable[[], None]] = field(default_factory=list)

    def style(self, name: str | None, fallback: str) -> str:
        """``name`` if the reference document defines it, else ``fallback``."""
        return name if name and name in self.styles else fallback

    def bookmark_id(self) -> int:
        self.next_bookmark += 1
        return self.next_bookmark - 1


def new_paragraph(box: Any, style: str, w: Writer) -> Any:
    """A paragraph; the first after a page break starts the new page itself (no empty
    paragraph holding the break)."""
    paragraph = box.add_paragraph()
    set_style(paragraph, style)
    if w.break_pending:
        paragraph.paragraph_format.page_break_before = True
        w.break_pending = False
    return paragraph
