"""Paragraph numbering as council reports do it: 3. Key Issues, 3.1, 3.2, 3.4 Plans, 3.4.1.

Numbers are assigned once, in the model, so Word and the PDF show the same numbers and
a member can refer to "paragraph 3.4.1" in the meeting. Each number also records how it
was counted (``model.Numbering``: one "body" count shared by headings and paragraphs, at
a level), so Word can count it live and renumber when an author inserts a paragraph.

``link_references`` then turns "section 3" and "figure 2" in the text into
cross-references to those sections and figures (Word REF fields), for the same reason.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen import model as m

BODY = "body"


def number_section(section: m.Section, number: str, paragraphs: bool = True) -> m.Section:
    """Number a section and, within it, its paragraphs and subsections in one sequence."""
    level = number.count(".")
    counter = 0
    blocks: list[m.Block] = []
    for block in section.blocks:
        if isinstance(block, m.Section):
            counter += 1
            blocks.append(number_section(block, f"{number}.{counter}", paragraphs))
        elif (
            isinstance(block, m.Paragraph)
            and paragraphs
            and block.number is None
            and block.numbered
        ):
            counter += 1
            blocks.append(
                replace(block, number=f"{number}.{counter}", numbering=m.Numbering(BODY, level + 1))
            )
        else:
            blocks.append(block)
    return replace(section, number=number, blocks=tuple(blocks), numbering=m.Numbering(BODY, level))


def number_paragraphs(blocks: tuple[m.Block, ...], prefix: str) -> tuple[m.Block, ...]:
    """Number the paragraphs of a block run (used on the cover: Summary 1.1, 2.1).

    Each run is a count of its own ("cover-1") behind the fixed prefix "1.".
    """
    counter = 0
    out: list[m.Block] = []
    numbering = m.Numbering(f"cover-{prefix}", 0, prefix=f"{prefix}.")
    for block in blocks:
        if isinstance(block, m.Paragraph) and block.number is None and block.numbered:
            counter += 1
            out.append(replace(block, number=f"{prefix}.{counter}", numbering=numbering))
        else:
            out.append(block)
    return tuple(out)


def anchor_for(text: str) -> str:
    """A stable bookmark id from a heading: 'Key Issues' -> 'key-issues'."""
    slug = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in slug.split("-") if part) or "section"


# --- cross-references ---------------------------------------------------------------

_REFERENCE = re.compile(r"\b(sections?|paragraphs?|figures?)\s+(\d+(?:\.\d+)*)\b", re.IGNORECASE)


def reference_targets(body: tuple[m.Block, ...]) -> dict[tuple[str, str], str]:
    """(kind, number) -> anchor for every numbered section or paragraph-bearing section
    and every numbered figure that has an anchor."""
    targets: dict[tuple[str, str], str] = {}
    for block, _ in m.walk(body):
        if isinstance(block, m.Section) and block.number and block.anchor:
            targets[("section", block.number)] = block.anchor
        elif isinstance(block, m.Figure) and block.number and block.anchor:
            targets[("figure", block.number)] = block.anchor
    return targets


def _split(run: m.Text, targets: dict[tuple[str, str], str]) -> list[m.Text]:
    """One run -> runs where each cited number is a Text with ``ref`` set."""
    if run.link or run.ref:
        return [run]
    out: list[m.Text] = []
    position = 0
    for match in _REFERENCE.finditer(run.text):
        kind = "figure" if match.group(1).lower().startswith("fig") else "section"
        anchor = targets.get((kind, match.group(2)))
        if anchor is None:
            continue
        out.append(replace(run, text=run.text[position : match.start(2)]))
        out.append(replace(run, text=match.group(2), ref=anchor))
        position = match.end(2)
    if not out:
        return [run]
    out.append(replace(run, text=run.text[position:]))
    return [r for r in out if r.text]


def _link_runs(runs: tuple[m.Text, ...], targets: dict[tuple[str, str], str]) -> tuple[m.Text, ...]:
    return tuple(part for run in runs for part in _split(run, targets))


def _link_block(block: m.Block, targets: dict[tuple[str, str], str]) -> m.Block:
    if isinstance(block, m.Paragraph):
        return replace(block, content=_link_runs(block.content, targets))
    if isinstance(block, m.Section | m.Callout):
        return replace(block, blocks=tuple(_link_block(b, targets) for b in block.blocks))
    if isinstance(block, m.BulletList):
        return replace(block, items=tuple(_link_item(i, targets) for i in block.items))
    if isinstance(block, m.DefinitionList):
        return replace(
            block,
            items=tuple(
                (label, tuple(_link_block(b, targets) for b in value))
                for label, value in block.items
            ),
        )
    return block


def _link_item(item: m.ListItem, targets: dict[tuple[str, str], str]) -> m.ListItem:
    return replace(
        item,
        content=_link_runs(item.content, targets),
        children=tuple(_link_item(c, targets) for c in item.children),
    )


def link_references(
    blocks: tuple[m.Block, ...], targets: dict[tuple[str, str], str]
) -> tuple[m.Block, ...]:
    """``blocks`` with "section 3", "paragraph 3.4.1" and "figure 2" made into
    cross-references wherever that section or figure exists (the words are unchanged)."""
    return tuple(_link_block(b, targets) for b in blocks)
