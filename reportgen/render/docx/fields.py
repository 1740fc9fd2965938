"""Captions, cross-references and the contents list as Word fields with results.

A figure caption is "Figure {SEQ Figure}: ...", its number bookmarked so that "figure
2" elsewhere is a REF field to it; "section 3" is a REF to the heading's paragraph
number. The contents list is a TOC field whose cached entries are already filled in:
number, title, a link to the heading's bookmark and a PAGEREF holding the page the
heading falls on in the laid-out document (``Writer.pages``). Every field carries its
current result, so the document reads correctly before anyone updates fields.
"""

from __future__ import annotations

import re
from typing import Any

from reportgen import model as m
from reportgen.render.docx import ooxml
from reportgen.render.docx.writer import Writer, new_paragraph


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: a letter first, then letters, digits, underscores; <= 40."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    return (name if name[:1].isalpha() else "s_" + name)[:40]


def add_reference(paragraph: Any, text: str, bookmark: str, heading: bool) -> None:
    """A REF field showing ``text`` now: a heading's number (``\\w``) or a bookmark's
    text (a caption's number)."""
    code = f"REF {bookmark} \\w \\h" if heading else ooxml.ref_code(bookmark, False)
    ooxml.append_runs(paragraph._p, ooxml.field_runs(code, text))


def _numbered_caption(
    paragraph: Any, caption: str, label: str, number: str | None, anchor: str | None, w: Writer
) -> str | None:
    """Write "<label> {SEQ <label>}" and return the rest of the caption, or None when
    the caption does not start with that label."""
    head = f"{label} {number}"
    if not number or not caption.startswith(head):
        return None
    paragraph.add_run(f"{label} ")
    runs = ooxml.field_runs(ooxml.seq_code(label), number)
    if anchor:
        runs = ooxml.bookmark_around(runs, bookmark_name(anchor), w.bookmark_id())
    ooxml.append_runs(paragraph._p, runs)
    return caption[len(head) :]


def add_figure_caption(paragraph: Any, node: m.Figure, w: Writer) -> None:
    rest = _numbered_caption(paragraph, node.caption, "Figure", node.number, node.anchor, w)
    paragraph.add_run(node.caption if rest is None else rest)


def add_table_caption(paragraph: Any, node: m.Table, w: Writer) -> None:
    """ "Table {SEQ Table}: ..." and, in a chart's data table, the figure it belongs to
    as a REF field ("Data for figure {REF}")."""
    caption = node.caption or ""
    rest = _numbered_caption(paragraph, caption, "Table", node.number, None, w)
    caption = caption if rest is None else rest
    if node.caption_ref and node.caption_ref[0] in caption:
        text, anchor = node.caption_ref
        before, _, after = caption.partition(text)
        paragraph.add_run(before)
        add_reference(paragraph, text, bookmark_name(anchor), anchor in w.sections)
        caption = after
    if caption:
        paragraph.add_run(caption)


def _entries(w: Writer, depth: int) -> list[tuple[int, m.Section]]:
    return [(d, b) for b, d in m.walk(w.doc.body) if isinstance(b, m.Section) and d <= depth]


def _entry(paragraph: Any, section: m.Section, w: Writer) -> None:
    """One cached contents line: number, title, page, all inside a link to the heading."""
    bookmark = bookmark_name(w.anchors[section])
    link = ooxml.anchor_link(paragraph, bookmark)
    if section.number:
        link.extend([ooxml.text_run(section.number), ooxml.tab_run()])
    link.append(ooxml.text_run(section.title))
    anchor = w.anchors[section]

    def add_page() -> None:  # once the pages are known (``Writer.later``)
        page = w.pages.get(anchor)
        if page is not None:
            link.append(ooxml.tab_run())
            ooxml.append_runs(link, ooxml.field_runs(ooxml.pageref_code(bookmark), str(page)))

    w.later.append(add_page)


def add_contents(box: Any, node: m.TableOfContents, w: Writer) -> None:
    """A real TOC field whose cached result is the finished contents list."""
    new_paragraph(box, "TOC Heading", w).add_run(node.title)
    entries = _entries(w, node.depth)
    if not entries:
        return
    paragraphs = [box.add_paragraph(style=f"toc {min(d, 3)}") for d, _ in entries]
    ooxml.open_field(paragraphs[0], ooxml.toc_code(node.depth))
    for paragraph, (_, section) in zip(paragraphs, entries, strict=True):
        _entry(paragraph, section, w)
    ooxml.close_field(paragraphs[-1])
