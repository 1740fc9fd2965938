"""The theme's house style in Word: colours, fonts, type sizes, paper and margins,
council name and logo.

Spacing and the rest live in the reference document, but a council's colours,
typefaces, sizes and margins are named once, in ``theme.yaml``, and must reach Word as
well as the PDF. So the reference document's styles and page are restyled from the
theme as it is opened, and only where they differ from it: a reference made from the
same theme (``make_reference.py``) is left exactly as it is.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, Pt, RGBColor

from reportgen.render.docx import ooxml
from reportgen.render.theme import Theme

#: Styles drawn in the heading colour (see make_reference.py).
HEADING_STYLES = frozenset(
    {
        "Title",
        "TOC Heading",
        "Table Caption",
        "Callout Title",
        "Cover Meta",
        *(f"Heading {n}" for n in range(1, 10)),
    }
)
#: Styles set in the heading font; every other paragraph and character style gets the
#: body font.
HEADING_FONT_STYLES = frozenset({"Title", "TOC Heading", *(f"Heading {n}" for n in range(1, 10))})
#: Table styles and the conditional part that holds their header fill.
TABLE_HEADER_PARTS = (("Report Table", "firstRow"), ("Key Value Table", "firstCol"))
#: Word styles set at a theme type size (``Theme.size`` role) other than the body's. Every
#: other paragraph style at the reference's body size ("Body Text") follows the body size.
ROLE_STYLES: dict[str, tuple[str, ...]] = {
    "title": ("Title",),
    "h2": ("Heading 1",),  # a top-level section: h2 in the HTML
    "h3": ("Heading 2",),
    "lead": ("Lead",),
    "small": ("Small Print",),
    "table": ("Table Text", "Table Heading"),
    "caption": ("Caption",),
    "running": ("Header", "Footer"),
    "data": ("Table Text Small", "Table Heading Small"),
    "deflist": ("Cover Label", "Cover Text"),
}
LOGO_HEIGHT_MM = 16.0
RASTER_LOGOS = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


def _rgb(colour: str) -> RGBColor | None:
    text = colour.strip().lstrip("#")
    if len(text) != 6:
        return None
    try:
        return RGBColor.from_string(text.upper())
    except ValueError:
        return None


def _recolour(style: Any, colour: RGBColor) -> None:
    if style.font.color.rgb != colour:
        style.font.color.rgb = colour
        ooxml.drop_theme_colour(style.element.get_or_add_rPr())


def apply_house_style(document: Any, theme: Theme) -> None:
    """Restyle the reference document's styles with the theme's colour and fonts.

    The body font goes into the document defaults only (every style inherits it); the
    heading font onto the heading styles only when it differs from the body's.
    """
    heading = _rgb(theme.colours.get("heading", ""))
    body_font, heading_font = theme.font("body"), theme.font("heading")
    if body_font:
        ooxml.set_default_font(document.styles.element, body_font)
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        if heading is not None and style.name in HEADING_STYLES:
            _recolour(style, heading)
        if heading_font and heading_font != body_font and style.name in HEADING_FONT_STYLES:
            ooxml.set_fonts(style.element.get_or_add_rPr(), heading_font)
    _table_header_fill(document, theme)
    _sizes(document, theme)
    _page(document, theme)


def _sizes(document: Any, theme: Theme) -> None:
    """Each role's styles at the theme's size; the body size moves every style that was
    at the reference's body size (Normal, numbered paragraphs, lists, call-outs...)."""
    paragraph_styles = {s.name: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    named = {name for names in ROLE_STYLES.values() for name in names}
    body = paragraph_styles.get("Body Text")
    old_body = body.font.size if body is not None else None
    targets: dict[str, float] = {}
    if old_body is not None and abs(old_body.pt - theme.size("body")) > 0.01:
        for name, style in paragraph_styles.items():
            if name not in named and style.font.size == old_body:
                targets[name] = theme.size("body")
    for role, names in ROLE_STYLES.items():
        targets.update({name: theme.size(role) for name in names})
    for name, size in targets.items():
        style = paragraph_styles.get(name)
        if style is not None and (style.font.size is None or abs(style.font.size.pt - size) > 0.01):
            style.font.size = Pt(size)


def _page(document: Any, theme: Theme) -> None:
    """The first section's paper and margins from the theme (later sections copy it)."""
    section, page = document.sections[0], theme.page
    short, long = (Mm(v) for v in page.size_mm)
    wanted = {
        "page_width": short if section.page_width <= section.page_height else long,
        "page_height": long if section.page_width <= section.page_height else short,
        "top_margin": Mm(page.top),
        "right_margin": Mm(page.right),
        "bottom_margin": Mm(page.bottom),
        "left_margin": Mm(page.left),
    }
    for name, value in wanted.items():
        if abs(getattr(section, name) - value) > Mm(0.1):  # EMU rounding in the reference
            setattr(section, name, value)


def _table_header_fill(document: Any, theme: Theme) -> None:
    """The theme's table-header colour in the table styles' header formatting."""
    fill = theme.colours.get("table-header")
    if not fill or _rgb(fill) is None:
        return
    for name, part in TABLE_HEADER_PARTS:
        try:
            style = document.styles[name]
        except KeyError:
            continue
        ooxml.table_style_part(style, part, fill)


def add_banner(document: Any, theme: Theme, styles: set[str]) -> None:
    """The council's logo and name above the cover, as the HTML banner shows them.

    Word cannot embed SVG, so an SVG logo appears in the PDF only (use a PNG for both).
    """
    style = "Cover Meta" if "Cover Meta" in styles else "Body Text"
    logo = theme.logo
    if logo is not None and logo.suffix.lower() in RASTER_LOGOS:
        paragraph = document.add_paragraph(style=style)
        shape = paragraph.add_run().add_picture(str(logo), height=Mm(LOGO_HEIGHT_MM))
        ooxml.set_alt_text(shape, theme.logo_alt, "")
    if theme.council_name:
        paragraph = document.add_paragraph(style=style)
        paragraph.add_run(theme.council_name).bold = True
