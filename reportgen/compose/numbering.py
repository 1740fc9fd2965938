"""Paragraph numbering as council reports do it: 3. Key Issues, 3.1, 3.2, 3.4 Plans, 3.4.1.

Numbers are assigned once, in the model, so Word and the PDF show the same numbers and
a member can refer to "paragraph 3.4.1" in the meeting.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen import model as m


def number_section(section: m.Section, number: str, paragraphs: bool = True) -> m.Section:
    """Number a section and, within it, its paragraphs and subsections in one sequence."""
    counter = 0
    blocks: list[m.Block] = []
    for block in section.blocks:
        if isinstance(block, m.Section):
            counter += 1
            blocks.append(number_section(block, f"{number}.{counter}", paragraphs))
        elif isinstance(block, m.Paragraph) and paragraphs and block.number is None \
                and block.numbered:
            counter += 1
            blocks.append(replace(block, number=f"{number}.{counter}"))
        else:
            blocks.append(block)
    return replace(section, number=number, blocks=tuple(blocks))


def number_paragraphs(blocks: tuple[m.Block, ...], prefix: str) -> tuple[m.Block, ...]:
    """Number the paragraphs of a block run (used on the cover: Summary 1.1, 2.1)."""
    counter = 0
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.Paragraph) and block.number is None and block.numbered:
            counter += 1
            out.append(replace(block, number=f"{prefix}.{counter}"))
        else:
            out.append(block)
    return tuple(out)


def anchor_for(text: str) -> str:
    """A stable bookmark id from a heading: 'Key Issues' -> 'key-issues'."""
    slug = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in slug.split("-") if part) or "section"
