"""Word counts the numbers: the model's labels become live list numbering.

The model carries every number as text ("3.4.1", the PDF prints it) and how it was
counted (``model.Numbering``: which count, which level). Word must show the same
label without it being typed, so that an author who inserts a paragraph gets every
later number moved on. This module follows Word's own counting as the document is
written and answers, for each numbered node, which list and level produce its label:

* the "body" count is the outline list of the reference document, bound to the
  ``Heading N`` and ``Numbered Paragraph N`` styles (headings and paragraphs share it);
* any other count (the cover's "1.1, 1.2" behind a fixed "1.") gets a list of its own;
* an ordered list gets a fresh instance of the "1." list that restarts at its start.

When Word could not count to the model's label (a hand-built model with a gap, say),
the answer is None and the writer types the label instead: the document never shows
a number the PDF does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportgen import model as m
from reportgen.render.docx import ooxml

BODY = "body"
LEVELS = 9
GUTTER_MM = 15  # hanging indent for paragraph and heading numbers
TWIPS_PER_MM = 56.6929
#: numbering.xml ids the reference document defines (well clear of Word's own lists).
OUTLINE_ABSTRACT, OUTLINE_NUM = 20, 20
ORDERED_ABSTRACT, ORDERED_NUM = 21, 21
#: Paragraph styles for numbered paragraphs at outline levels 1..3 ("3.1", "3.4.1"...).
NUMBERED_PARAGRAPH_STYLES = ("Numbered Paragraph", "Numbered Paragraph 2", "Numbered Paragraph 3")


@dataclass(frozen=True)
class Place:
    """Where Word counts a node: list ``num_id`` at level ``ilvl``."""

    num_id: int
    ilvl: int


@dataclass
class _Count:
    num_id: int
    counters: list[int] = field(default_factory=lambda: [0] * LEVELS)
    started: bool = False


def _parts(label: str, prefix: str) -> list[int] | None:
    if not label.startswith(prefix):
        return None
    pieces = label[len(prefix) :].split(".")
    if not all(p.isdigit() for p in pieces):
        return None
    return [int(p) for p in pieces]


def infer(label: str, in_body: bool) -> m.Numbering:
    """Structure for a number a hand-built model gave without any: "3.4.1" is level 2
    of the body count; on the cover each run of numbers is its own count."""
    if in_body:
        return m.Numbering(BODY, label.count("."))
    head, _, _ = label.rpartition(".")
    return m.Numbering(f"cover-{head}", 0, prefix=f"{head}." if head else "")


class Numbers:
    """Word's list counters for one document being written."""

    def __init__(self, document: Any) -> None:
        self.numbering = document.part.numbering_part.element
        abstract, num = ooxml.ids_in_use(self.numbering)
        self._next_abstract, self._next_num = max(abstract, 100) + 1, max(num, 100) + 1
        self._counts: dict[str, _Count] = {BODY: _Count(OUTLINE_NUM)}

    def _new_num(self, abstract_id: int, starts: dict[int, int] | None = None) -> int:
        num_id, self._next_num = self._next_num, self._next_num + 1
        ooxml.add_num(self.numbering, num_id, abstract_id, starts)
        return num_id

    def _own_list(self, prefix: str) -> int:
        """A single-level list "<prefix>%1" hanging in the gutter (cover numbers)."""
        abstract_id, self._next_abstract = self._next_abstract, self._next_abstract + 1
        gutter = round(GUTTER_MM * TWIPS_PER_MM)
        text = prefix.replace("%", "%%") + "%1"
        ooxml.add_abstract_num(
            self.numbering, abstract_id, f"Report {prefix}%1", [ooxml.Level(text, gutter, gutter)]
        )
        return self._new_num(abstract_id)

    def place(self, label: str, numbering: m.Numbering) -> Place | None:
        """The list and level whose count shows ``label`` here, or None to type it."""
        parts = _parts(label, numbering.prefix)
        level = numbering.level
        if parts is None or len(parts) != level + 1 or level >= LEVELS:
            return None
        count = self._counts.get(numbering.sequence)
        if count is None:
            count = _Count(self._own_list(numbering.prefix))
            self._counts[numbering.sequence] = count
        expected = [max(c, 1) for c in count.counters[:level]] + [count.counters[level] + 1]
        if parts != expected and not (level == 0 and not count.started):
            return None
        if parts != expected:  # the first number of a count that starts later (item 10)
            ooxml.set_start(self.numbering, count.num_id, 0, parts[0])
        count.counters[level] = parts[level]
        count.counters[level + 1 :] = [0] * (LEVELS - level - 1)
        count.started = True
        return Place(count.num_id, level)

    def ordered_list(self, start: int) -> int:
        """A new instance of the "1." list, restarting at ``start``."""
        return self._new_num(ORDERED_ABSTRACT, {0: start})

    @staticmethod
    def paragraph_style(place: Place | None) -> str:
        """The numbered-paragraph style bound to this level of the outline list."""
        if place is None or place.num_id != OUTLINE_NUM or not 1 <= place.ilvl <= 3:
            return NUMBERED_PARAGRAPH_STYLES[0]
        return NUMBERED_PARAGRAPH_STYLES[place.ilvl - 1]

    @staticmethod
    def style_level(style: str) -> int | None:
        """The outline level a style's own numbering puts a paragraph at, if any."""
        if style in NUMBERED_PARAGRAPH_STYLES:
            return NUMBERED_PARAGRAPH_STYLES.index(style) + 1
        if style.startswith("Heading ") and style[8:].isdigit() and int(style[8:]) <= 4:
            return int(style[8:]) - 1
        return None

    @staticmethod
    def style_binds(place: Place, style_level: int | None) -> bool:
        """True when the paragraph's style already puts it at this place."""
        return place.num_id == OUTLINE_NUM and style_level == place.ilvl
