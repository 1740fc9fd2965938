"""Generate the Word house style (``reference.docx``) from the theme, as pandoc does it.

The DOCX renderer never sets fonts or sizes on runs; it names styles, and this file
defines them from the house style in ``theme.yaml`` (fonts and colours) plus the sizes
and spacing below. Only ``Normal`` (the document defaults) names the body font, so a
council that changes Normal's font in Word changes every style that does not choose
its own. A council changes the Word look by editing the generated reference.docx in
Word (Modify Style...) and saving it in its template folder, with no code.

Numbering lives here too: one multi-level list ("1", "1.1", "1.1.1") bound to
``Heading 1..4`` and to ``Numbered Paragraph``, ``Numbered Paragraph 2`` and ``3``
(one count shared by headings and paragraphs, as council papers number them), and a
plain "1." list for ordered lists. Word renumbers both itself when an author edits.

Run ``python -m reportgen.render.docx.make_reference`` after changing it (it writes
``templates/_base/reference.docx`` and the board scorecard's compact variant), and
commit the regenerated files.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt, RGBColor

from reportgen.render.docx import ooxml
from reportgen.render.docx.numbers import (
    GUTTER_MM,
    NUMBERED_PARAGRAPH_STYLES,
    ORDERED_ABSTRACT,
    ORDERED_NUM,
    OUTLINE_ABSTRACT,
    OUTLINE_NUM,
    TWIPS_PER_MM,
)
from reportgen.render.theme import BASE_FOLDER, Theme, load_theme

DEFAULT_FONT = "Arial"  # when the theme names none; LibreOffice uses Liberation Sans
TEXT_WIDTH_MM = 170  # A4 210 mm less 20 mm margins


@dataclass(frozen=True)
class ParaStyle:
    """A paragraph style in one line of data; ``colour`` names a theme colour."""

    name: str
    size: float = 11
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    before: float = 0
    after: float = 6
    base: str | None = "Normal"
    hanging: bool = False
    indent_mm: float = 0
    keep_next: bool = False
    heading_font: bool = False


HEADINGS = (
    ParaStyle("Title", 20, bold=True, colour="heading", after=6, keep_next=True, heading_font=True),
    ParaStyle(
        "Heading 1",
        14,
        bold=True,
        colour="heading",
        before=14,
        after=6,
        keep_next=True,
        hanging=True,
        heading_font=True,
    ),
    ParaStyle(
        "Heading 2",
        12,
        bold=True,
        colour="heading",
        before=10,
        after=4,
        keep_next=True,
        hanging=True,
        heading_font=True,
    ),
    ParaStyle(
        "Heading 3",
        11,
        bold=True,
        colour="heading",
        before=8,
        after=4,
        keep_next=True,
        hanging=True,
        heading_font=True,
    ),
    ParaStyle(
        "Heading 4",
        11,
        bold=True,
        italic=True,
        colour="heading",
        before=6,
        after=3,
        keep_next=True,
        hanging=True,
        heading_font=True,
    ),
)

BODY = (
    # before + after = 6 pt between paragraphs, and 3 pt under a table (no spacer lines)
    ParaStyle("Body Text", before=3, after=3),
    ParaStyle("Numbered Paragraph", base="Body Text", hanging=True),
    ParaStyle("Numbered Paragraph 2", base="Numbered Paragraph", hanging=True),
    ParaStyle("Numbered Paragraph 3", base="Numbered Paragraph", hanging=True),
    ParaStyle("Body Text Indent", base="Body Text", indent_mm=GUTTER_MM),
    ParaStyle("Lead", 12, base="Body Text"),
    ParaStyle("Small Print", 9, base="Body Text"),
    ParaStyle("Recommendation", bold=True, base="Numbered Paragraph", hanging=True),
    ParaStyle("Signature", before=12, base="Body Text"),
    ParaStyle("Exempt Notice", bold=True, base="Body Text", before=6),
    ParaStyle("Cover Meta", 12, colour="heading", after=3, base="Body Text"),
    ParaStyle("Cover Label", 10.5, bold=True, after=0),
    ParaStyle("Cover Text", 10.5, after=3),
    ParaStyle("Caption", 9.5, bold=True, before=2, after=8, keep_next=True),
    ParaStyle("Data Caption", 8.5, italic=True, before=2, after=1, keep_next=True),
    ParaStyle("Table Caption", 10, bold=True, colour="heading", before=6, after=2, keep_next=True),
    ParaStyle("Table Text", 10, after=0),
    ParaStyle("Table Heading", 10, bold=True, after=0, base="Table Text"),
    ParaStyle("Table Text Small", 8.5, after=0),
    ParaStyle("Table Heading Small", 8.5, bold=True, after=0, base="Table Text Small"),
    ParaStyle("Callout Title", bold=True, colour="heading", after=3, keep_next=True),
    ParaStyle("Callout", after=3),
    ParaStyle("List Item Numbered", base="Body Text", indent_mm=GUTTER_MM),
    ParaStyle("Figure", after=0, keep_next=True),
    ParaStyle("Draft Notice", 10, bold=True, after=6),
    ParaStyle(
        "TOC Heading",
        14,
        bold=True,
        colour="heading",
        before=0,
        after=6,
        keep_next=True,
        heading_font=True,
    ),
    ParaStyle("toc 1", after=3),
    ParaStyle("toc 2", after=2, indent_mm=8),
    ParaStyle("toc 3", after=2, indent_mm=16),
    ParaStyle("Header", 8.5, colour="muted", after=0),
    ParaStyle("Footer", 8.5, colour="muted", after=0),
)

#: The board scorecard is read at a glance on one or two pages: set tighter.
COMPACT: dict[str, dict[str, Any]] = {
    "Title": dict(size=17, after=4),
    "Heading 1": dict(size=12.5, before=8, after=3),
    "Body Text": dict(size=10, before=2, after=2),
    "Cover Meta": dict(size=11, after=2),
    "Table Caption": dict(size=9, before=3, after=1),
    "List Bullet": dict(size=9.5, left_mm=6, hanging_mm=4, after=2),  # short commentary
    # ten columns with benchmarks (issue 19): as theme.yaml's table_styles set the PDF
    "Table Text": dict(size=8.5),
    "Table Heading": dict(size=8.5),
}
VARIANTS: dict[str, dict[str, dict[str, Any]]] = {"_base": {}, "board-scorecard": COMPACT}


def _style(doc: Any, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> Any:
    try:
        return doc.styles[name]
    except KeyError:
        return doc.styles.add_style(name, kind)


def _colour(theme: Theme, name: str) -> RGBColor:
    fallback = {"heading": "#1F3A60", "text": "#1A1A1A", "muted": "#4A4A4A"}
    return RGBColor.from_string(
        theme.colour(name, fallback.get(name, "#000000")).lstrip("#").upper()
    )


def _apply(doc: Any, spec: ParaStyle, theme: Theme) -> None:
    style = _style(doc, spec.name)
    ooxml.clear_style_formatting(style)
    if spec.base and spec.name != "Normal":
        style.base_style = doc.styles[spec.base]
    style.quick_style = True
    font = style.font
    font.size = Pt(spec.size)
    font.bold, font.italic = spec.bold or None, spec.italic or None
    if spec.colour:
        font.color.rgb = _colour(theme, spec.colour)
    heading_font = theme.font("heading")
    if spec.heading_font and heading_font and heading_font != theme.font("body"):
        ooxml.set_fonts(style.element.get_or_add_rPr(), heading_font)
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


def _normal(doc: Any, theme: Theme) -> None:
    """Normal: the body font (in the document defaults), 11 pt, text colour, en-GB."""
    _apply(doc, ParaStyle("Normal", base=None, colour="text"), theme)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.1
    ooxml.set_default_font(doc.styles.element, theme.font("body") or DEFAULT_FONT)
    ooxml.set_default_language(doc.styles.element, "en-GB")


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _numbering(doc: Any) -> None:
    """The outline list bound to the heading and numbered-paragraph styles, and the
    ordered-list definition; every level hangs its number in the 15 mm gutter."""
    numbering = doc.part.numbering_part.element
    gutter = _twips(GUTTER_MM)
    texts = [".".join(f"%{i}" for i in range(1, n + 2)) for n in range(9)]
    headings = [f"Heading{n}" for n in range(1, 5)]
    levels = [
        ooxml.Level(text, gutter, gutter, headings[i] if i < 4 else None)
        for i, text in enumerate(texts)
    ]
    ooxml.add_abstract_num(numbering, OUTLINE_ABSTRACT, "Report outline", levels)
    ooxml.add_num(numbering, OUTLINE_NUM, OUTLINE_ABSTRACT)
    ordered = [
        ooxml.Level(f"%{i + 1}.", _twips(GUTTER_MM + 6 + 6 * i), _twips(6)) for i in range(9)
    ]
    ooxml.add_abstract_num(numbering, ORDERED_ABSTRACT, "Report ordered list", ordered)
    ooxml.add_num(numbering, ORDERED_NUM, ORDERED_ABSTRACT)
    for level, name in enumerate(f"Heading {n}" for n in range(1, 5)):
        ooxml.set_num_pr(doc.styles[name].element.get_or_add_pPr(), OUTLINE_NUM, level)
    for level, name in enumerate(NUMBERED_PARAGRAPH_STYLES, start=1):
        ooxml.set_num_pr(doc.styles[name].element.get_or_add_pPr(), OUTLINE_NUM, level)
    ooxml.set_num_pr(doc.styles["List Item Numbered"].element.get_or_add_pPr(), ORDERED_NUM)


def _lists(doc: Any) -> None:
    """Bullets keep Word's list numbering; text lines up with the paragraph gutter."""
    for name, level in (("List Bullet", 0), ("List Bullet 2", 1)):
        style = doc.styles[name]
        style.base_style = doc.styles["Body Text"]
        fmt = style.paragraph_format
        fmt.left_indent = Mm(GUTTER_MM + 6 + 6 * level)
        fmt.first_line_indent = Mm(-6)
        fmt.space_before, fmt.space_after = Pt(0), Pt(3)
    numbered = doc.styles["List Item Numbered"].paragraph_format
    numbered.left_indent, numbered.first_line_indent = Mm(GUTTER_MM + 6), Mm(-6)
    numbered.tab_stops.add_tab_stop(Mm(GUTTER_MM + 6))
    numbered.space_before, numbered.space_after = Pt(0), Pt(3)
    for name in ("Header", "Footer"):
        doc.styles[name].paragraph_format.tab_stops.add_tab_stop(
            Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT
        )


def _list_overrides(doc: Any, overrides: dict[str, dict[str, Any]]) -> None:
    """A variant's bullet indent, size and spacing (the compact scorecard)."""
    spec = overrides.get("List Bullet")
    if not spec:
        return
    style = doc.styles["List Bullet"]
    fmt = style.paragraph_format
    fmt.left_indent, fmt.first_line_indent = Mm(spec["left_mm"]), Mm(-spec["hanging_mm"])
    fmt.space_after = Pt(spec["after"])
    style.font.size = Pt(spec["size"])


def _table_styles(doc: Any, theme: Theme) -> None:
    """'Report Table': grid, padding, and the header row's fill and bold in its
    firstRow formatting; 'Key Value Table' shades its label column the same way."""
    fill, rule = theme.colour("table-header", "#DCE3ED"), theme.colour("rule", "#8A99AD")
    for name, part in (("Report Table", "firstRow"), ("Key Value Table", "firstCol")):
        style = _style(doc, name, WD_STYLE_TYPE.TABLE)
        style.base_style = doc.styles["Normal Table"]
        ooxml.set_table_style_borders(style, rule)
        ooxml.set_table_cell_margins(style, top=40, side=80)
        ooxml.table_style_part(style, part, fill)


def _hyperlink(doc: Any, theme: Theme) -> None:
    """Links: a character style, so their look is restylable too."""
    style = _style(doc, "Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.font.underline = True
    style.font.color.rgb = _colour(theme, "heading")


def _boxes(doc: Any, theme: Theme) -> None:
    heading, text = theme.colour("heading", "#1F3A60"), theme.colour("text", "#1A1A1A")
    for name in ("Callout Title", "Callout"):
        ooxml.set_paragraph_box(
            doc.styles[name], heading, theme.colour("callout", "#EEF2F7"), "left", 24
        )
    ooxml.set_paragraph_box(doc.styles["Exempt Notice"], text, None, "all", 12)


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.header_distance = section.footer_distance = Mm(10)


def build_reference(
    theme: Theme | None = None, overrides: dict[str, dict[str, Any]] | None = None
) -> Any:
    """The reference document, in memory, for ``theme`` (default: the base theme)."""
    theme = theme or load_theme(BASE_FOLDER)
    doc = Document()
    _normal(doc, theme)
    names = {spec.name for spec in (*HEADINGS, *BODY)}
    styles = {name: spec for name, spec in (overrides or {}).items() if name in names}
    for spec in (*HEADINGS, *BODY):
        _apply(doc, replace(spec, **styles.get(spec.name, {})), theme)
    for level, spec in enumerate(HEADINGS[1:]):
        ooxml.set_outline_level(doc.styles[spec.name], level)
    _lists(doc)
    _list_overrides(doc, overrides or {})
    _numbering(doc)
    _table_styles(doc, theme)
    _hyperlink(doc, theme)
    _boxes(doc, theme)
    _page(doc)
    ooxml.drop_style_fonts(doc.styles.element)
    props = doc.core_properties
    props.author, props.title, props.comments = "reportgen", "reportgen reference", ""
    return doc


def write_reference(
    target: Path, theme: Theme | None = None, overrides: dict[str, dict[str, Any]] | None = None
) -> None:
    buffer = io.BytesIO()
    build_reference(theme, overrides).save(buffer)
    target.write_bytes(ooxml.reproducible_zip(buffer.getvalue(), (1980, 1, 1, 0, 0, 0)))
    print(f"wrote {target}")


def main(argv: list[str]) -> int:
    """Write every variant's reference.docx, or one to the path given."""
    templates = BASE_FOLDER.parent
    if argv:
        write_reference(Path(argv[0]))
        return 0
    for folder, overrides in VARIANTS.items():
        write_reference(
            templates / folder / "reference.docx", load_theme(templates / folder), overrides
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
