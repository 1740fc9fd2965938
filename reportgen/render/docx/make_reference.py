"""Generate ``templates/_base/reference.docx``: the Word house style, as pandoc does it.

The DOCX renderer never sets fonts or sizes on runs; it names styles, and this file
defines them. A council changes the Word look by editing the generated reference.docx
in Word (Modify Style...) and saving it in its template folder, with no code.

Run ``python -m reportgen.render.docx.make_reference [target]`` after changing it,
and commit the regenerated file.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt, RGBColor

from reportgen.render.docx import ooxml

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
HEADING = "1F3A60"  # dark council blue, 11.6:1 on white
TEXT = "1A1A1A"
RULE = "8A99AD"
CALLOUT_FILL = "EEF2F7"
TEXT_WIDTH_MM = 170  # A4 210 mm less 20 mm margins
GUTTER_MM = 15  # hanging indent for paragraph and heading numbers


@dataclass(frozen=True)
class ParaStyle:
    """A paragraph style in one line of data."""

    name: str
    size: float = 11
    bold: bool = False
    italic: bool = False
    colour: str = TEXT
    before: float = 0
    after: float = 6
    base: str | None = "Normal"
    hanging: bool = False
    indent_mm: float = 0
    keep_next: bool = False


HEADINGS = (
    ParaStyle("Title", 20, bold=True, colour=HEADING, after=6, keep_next=True),
    ParaStyle("Heading 1", 14, bold=True, colour=HEADING, before=14, after=6, keep_next=True,
              hanging=True),
    ParaStyle("Heading 2", 12, bold=True, colour=HEADING, before=10, after=4, keep_next=True,
              hanging=True),
    ParaStyle("Heading 3", 11, bold=True, colour=HEADING, before=8, after=4, keep_next=True,
              hanging=True),
    ParaStyle("Heading 4", 11, bold=True, italic=True, colour=HEADING, before=6, after=3,
              keep_next=True, hanging=True),
)

BODY = (
    ParaStyle("Body Text"),
    ParaStyle("Numbered Paragraph", base="Body Text", hanging=True),
    ParaStyle("Body Text Indent", base="Body Text", indent_mm=GUTTER_MM),
    ParaStyle("Lead", 12, base="Body Text"),
    ParaStyle("Small Print", 9, base="Body Text"),
    ParaStyle("Recommendation", bold=True, base="Numbered Paragraph"),
    ParaStyle("Signature", before=12, base="Body Text"),
    ParaStyle("Exempt Notice", bold=True, base="Body Text", before=6),
    ParaStyle("Cover Meta", 12, colour=HEADING, after=3, base="Body Text"),
    ParaStyle("Cover Label", 10.5, bold=True, after=0),
    ParaStyle("Cover Text", 10.5, after=3),
    ParaStyle("Caption", 9.5, bold=True, before=2, after=8),
    ParaStyle("Data Caption", 8.5, italic=True, before=2, after=1),
    ParaStyle("Table Caption", 10, bold=True, colour=HEADING, before=6, after=2,
              keep_next=True),
    ParaStyle("Table Text", 10, after=0),
    ParaStyle("Table Heading", 10, bold=True, after=0, base="Table Text"),
    ParaStyle("Table Text Small", 8.5, after=0),
    ParaStyle("Table Heading Small", 8.5, bold=True, after=0, base="Table Text Small"),
    ParaStyle("Callout Title", bold=True, colour=HEADING, after=3),
    ParaStyle("Callout", after=3),
    ParaStyle("List Item Numbered", base="Body Text", indent_mm=GUTTER_MM),
    ParaStyle("Figure", after=0, keep_next=True),
    ParaStyle("Draft Notice", 10, bold=True, after=6),
    ParaStyle("TOC Heading", 14, bold=True, colour=HEADING, before=0, after=6),
    ParaStyle("toc 1", after=3),
    ParaStyle("toc 2", after=2, indent_mm=8),
    ParaStyle("toc 3", after=2, indent_mm=16),
    ParaStyle("Header", 8.5, colour="4A4A4A", after=0),
    ParaStyle("Footer", 8.5, colour="4A4A4A", after=0),
)


def _style(doc: Any, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> Any:
    try:
        return doc.styles[name]
    except KeyError:
        return doc.styles.add_style(name, kind)


def _apply(doc: Any, spec: ParaStyle) -> None:
    style = _style(doc, spec.name)
    ooxml.clear_style_formatting(style)
    if spec.base and spec.name != "Normal":
        style.base_style = doc.styles[spec.base]
    style.quick_style = True
    font = style.font
    font.size, font.bold, font.italic = Pt(spec.size), spec.bold, spec.italic
    font.color.rgb = RGBColor.from_string(spec.colour)
    ooxml.set_fonts(style.element.get_or_add_rPr(), FONT)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
    fmt.keep_with_next = spec.keep_next or None
    if spec.hanging:
        fmt.left_indent, fmt.first_line_indent = Mm(GUTTER_MM), Mm(-GUTTER_MM)
        fmt.tab_stops.add_tab_stop(Mm(GUTTER_MM))
    elif spec.indent_mm:
        fmt.left_indent = Mm(spec.indent_mm)
    if spec.name.startswith("toc "):
        fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _normal(doc: Any) -> None:
    """Normal: Arial 11 pt, en-GB; every other style inherits it."""
    _apply(doc, ParaStyle("Normal", base=None))
    doc.styles["Normal"].paragraph_format.line_spacing = 1.1
    ooxml.set_default_font(doc.styles.element, FONT)
    ooxml.set_default_language(doc.styles.element, "en-GB")


def _lists(doc: Any) -> None:
    """Bullets keep Word's list numbering; text lines up with the paragraph gutter."""
    for name, level in (("List Bullet", 0), ("List Bullet 2", 1)):
        style = doc.styles[name]
        style.base_style = doc.styles["Body Text"]
        fmt = style.paragraph_format
        fmt.left_indent = Mm(GUTTER_MM + 6 + 6 * level)
        fmt.first_line_indent = Mm(-6)
        fmt.space_after = Pt(3)
    numbered = doc.styles["List Item Numbered"].paragraph_format
    numbered.left_indent, numbered.first_line_indent = Mm(GUTTER_MM + 6), Mm(-6)
    numbered.tab_stops.add_tab_stop(Mm(GUTTER_MM + 6))
    numbered.space_after = Pt(3)
    for name in ("Header", "Footer"):
        doc.styles[name].paragraph_format.tab_stops.add_tab_stop(
            Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)


def _table_style(doc: Any) -> None:
    style = _style(doc, "Report Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    ooxml.set_table_style_borders(style, RULE)
    ooxml.set_table_cell_margins(style, top=40, side=80)


def _boxes(doc: Any) -> None:
    for name in ("Callout Title", "Callout"):
        ooxml.set_paragraph_box(doc.styles[name], HEADING, CALLOUT_FILL, "left", 24)
    ooxml.set_paragraph_box(doc.styles["Exempt Notice"], TEXT, None, "all", 12)


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.header_distance = section.footer_distance = Mm(10)


def build_reference() -> Any:
    """The reference document, in memory."""
    doc = Document()
    _normal(doc)
    for spec in (*HEADINGS, *BODY):
        _apply(doc, spec)
    for level, spec in enumerate(HEADINGS[1:]):
        ooxml.set_outline_level(doc.styles[spec.name], level)
    _lists(doc)
    _table_style(doc)
    _boxes(doc)
    _page(doc)
    props = doc.core_properties
    props.author, props.title, props.comments = "reportgen", "reportgen reference", ""
    return doc


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else (
        Path(__file__).resolve().parents[3] / "templates" / "_base" / "reference.docx")
    buffer = io.BytesIO()
    build_reference().save(buffer)
    target.write_bytes(ooxml.reproducible_zip(buffer.getvalue(), (1980, 1, 1, 0, 0, 0)))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
