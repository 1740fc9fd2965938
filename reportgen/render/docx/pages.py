"""Word page set-up: the running footer, and turning pages for landscape sections.

Why a module of its own: a landscape section in Word is a new Word *section*, and a
section's footer is laid out for its own page width. The footer's "Page X of Y" sits on
a right tab at the text width; left linked to a portrait footer, it would stop 170 mm
in, mid-page, on a landscape page. So every section written here gets its own footer,
built by the one function that also builds the first.
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Length, Mm

from reportgen import model as m
from reportgen.render import common
from reportgen.render.docx import ooxml
from reportgen.render.theme import Theme

#: A4 portrait less 20 mm margins: the reference document's text width.
TEXT_WIDTH_MM = 170.0

__all__ = ["TEXT_WIDTH_MM", "text_width_mm", "turn_page", "write_footer"]


def text_width_mm(section: Any) -> float:
    """Width between the margins of a Word section, in mm."""
    return float(Length(section.page_width - section.left_margin - section.right_margin).mm)


def write_footer(section: Any, doc: m.Document, theme: Theme) -> None:
    """Footer text, then 'Page X of Y' on a right tab at this section's text width."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    width = text_width_mm(section)
    if abs(width - TEXT_WIDTH_MM) > 0.5:  # the Footer style's own tab is at 170 mm
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
    words = doc.meta.furniture
    paragraph.add_run(common.footer_text(doc, theme.footer_text) + f"\t{words.page} ")
    ooxml.add_field(paragraph, "PAGE")
    paragraph.add_run(f" {words.page_of} ")
    ooxml.add_field(paragraph, "NUMPAGES")


def turn_page(document: Any, landscape: bool, doc: m.Document, theme: Theme) -> float:
    """Start a new Word section, on a new page, turned to ``landscape`` or back.

    The new section copies the previous one's margins and keeps its header (running
    title, DRAFT watermark); its footer is rewritten for the new width. Returns the new
    text width in mm.
    """
    previous = document.sections[-1]
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = sorted((previous.page_width, previous.page_height))
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    write_footer(section, doc, theme)
    return text_width_mm(section)
