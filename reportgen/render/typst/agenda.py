"""A pack's agenda as the WeasyPrint pack sets it: item text under the item's title.

``pack.html.j2`` indents every paragraph of an agenda item 15 mm, under the title rather
than under the number (``#agenda section > p``), and prints the page references as plain
text. Typst has no selector for "the paragraphs of the section labelled agenda", and its
page breaks may not sit inside a container, so the agenda section is written here in
pieces: each heading as ``blocks.section`` writes it (same level, label and tags), then
the item's own blocks inside ``rg-agenda-item`` (a 15 mm pad). Only the layout changes:
the text, its order and its structure tags are those of the plain writer.

The agenda is found by its anchor, ``agenda``, the id the CSS keys on too.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen import model as m
from reportgen.render import common
from reportgen.render.typst.blocks import Ctx, blocks, section

__all__ = ["AGENDA", "body_source"]

#: The agenda section's anchor (``reportgen.pack.agenda``; ``#agenda`` in pack.html.j2).
AGENDA = "agenda"


class _Headings(common.Anchors):
    """The document's anchors, plus those of heading-only copies of its sections
    (anchors are keyed by object identity; the copies are kept alive here)."""

    def __init__(self, base: common.Anchors) -> None:
        self._base = base
        self._copies: dict[int, tuple[m.Section, str]] = {}

    def heading_only(self, node: m.Section) -> m.Section:
        copy = replace(node, blocks=())
        self._copies[id(copy)] = (copy, self._base[node])
        return copy

    def __getitem__(self, section: m.Section) -> str:
        found = self._copies.get(id(section))
        return found[1] if found is not None else self._base[section]


def _agenda(node: m.Section, ctx: Ctx) -> str:
    heads = _Headings(ctx.anchors)
    titles = replace(ctx, anchors=heads)
    out = [section(heads.heading_only(node), titles, 1)]
    for item in node.blocks:
        if not isinstance(item, m.Section):
            out.append(blocks((item,), ctx, 1))
            continue
        out.append(section(heads.heading_only(item), titles, 2))
        out.append(f"#rg-agenda-item[\n{blocks(item.blocks, ctx, 2)}\n]")
    return "#[\n#show: rg-agenda\n" + "\n".join(out) + "\n]"


def body_source(doc: m.Document, ctx: Ctx) -> str:
    """The document's body, its agenda section (if any) set as an agenda."""
    out = []
    for node in doc.body:
        if isinstance(node, m.Section) and node.anchor == AGENDA:
            out.append(_agenda(node, ctx))
        else:
            out.append(blocks((node,), ctx, depth=0))
    return "\n".join(out)
