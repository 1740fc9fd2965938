"""Every raw-OOXML trick reportgen needs, and nothing else.

python-docx covers paragraphs, runs, tables and pictures; Word features it has no API
for are written here as XML, in tiny functions, so a reviewer finds all the raw XML in
one place: fields (PAGE, NUMPAGES, TOC, SEQ, REF, PAGEREF) with cached results,
list numbering (``numbering.xml`` definitions, ``w:numPr`` on styles and paragraphs),
cell shading, table-style conditional formatting, repeated header rows, keep-with-next,
alt text on ``wp:docPr``, bookmarks, internal hyperlinks, the DRAFT watermark, the
default language, fonts and outline levels for the reference document, and a
reproducible zip package.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: Child order of ``w:pPr`` in the schema (ECMA-376 CT_PPr).
_PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)


def _insert_in_ppr(p_pr: Any, element: Any) -> None:
    """Insert into ``w:pPr`` at its schema position (Word rejects out-of-order XML)."""
    tag = element.tag.split("}")[-1]
    successors = [f"w:{t}" for t in _PPR_ORDER[_PPR_ORDER.index(tag) + 1 :]]
    for old in p_pr.findall(element.tag):
        p_pr.remove(old)
    p_pr.insert_element_before(element, *successors)


# --- fields -------------------------------------------------------------------------


def _fld_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _instr(code: str) -> Any:
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run.append(instr)
    return run


def text_run(text: str) -> Any:
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def add_field(paragraph: Any, code: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES...) with a cached result shown until updated."""
    p = paragraph._p
    for element in (
        _fld_char("begin"),
        _instr(code),
        _fld_char("separate"),
        text_run(placeholder),
        _fld_char("end"),
    ):
        p.append(element)


def field_runs(code: str, result: str) -> list[Any]:
    """The runs of a complex field whose cached result is ``result`` (SEQ, REF...)."""
    return [
        _fld_char("begin"),
        _instr(code),
        _fld_char("separate"),
        text_run(result),
        _fld_char("end"),
    ]


def open_field(paragraph: Any, code: str) -> None:
    """Begin a field whose cached result spans several paragraphs (the TOC)."""
    for element in (_fld_char("begin"), _instr(code), _fld_char("separate")):
        paragraph._p.append(element)


def close_field(paragraph: Any) -> None:
    paragraph._p.append(_fld_char("end"))


def toc_code(depth: int) -> str:
    """TOC over heading levels 1..depth, hyperlinked, no page numbers in web view."""
    return f'TOC \\o "1-{max(1, depth)}" \\h \\z \\u'


def seq_code(identifier: str) -> str:
    """Caption number: Word's Insert Caption writes exactly this."""
    return f"SEQ {identifier} \\* ARABIC"


def ref_code(bookmark: str, paragraph_number: bool) -> str:
    """Cross-reference to a bookmark: its text, or (``\\r``) its paragraph's number."""
    return f"REF {bookmark} \\r \\h" if paragraph_number else f"REF {bookmark} \\h"


def pageref_code(bookmark: str) -> str:
    return f"PAGEREF {bookmark} \\h"


def append_runs(parent: Any, runs: Iterable[Any]) -> None:
    for run in runs:
        parent.append(run)


def anchor_link(paragraph: Any, bookmark: str) -> Any:
    """An internal hyperlink to a bookmark (TOC entries); append runs to it."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def tab_run() -> Any:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def clear_update_fields(settings: Any) -> None:
    """No refresh prompt on open: every field already carries its current result."""
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)


# --- tables -------------------------------------------------------------------------


def shade_cell(cell: Any, fill: str) -> None:
    """Solid background for a cell (rating or header), e.g. ``F4C7C3``."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    tc_pr.insert_element_before(
        shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"
    )


_TR_PR_ORDER = ("w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


def _row_flag(row: Any, name: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn(name)) is None:
        successors = _TR_PR_ORDER[_TR_PR_ORDER.index(name) + 1 :]
        tr_pr.insert_element_before(OxmlElement(name), *successors)


def repeat_header(row: Any) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def keep_row_together(row: Any) -> None:
    _row_flag(row, "w:cantSplit")


def keep_with_next(p_pr: Any) -> None:
    """Keep this paragraph on the page of the next (rows of a small table)."""
    _insert_in_ppr(p_pr, OxmlElement("w:keepNext"))


def free_of_next(p_pr: Any) -> None:
    """Let this paragraph part from the next, whatever its style says (a source line
    under a chart or table, whose style also heads a chart's data and keeps with it)."""
    keep = OxmlElement("w:keepNext")
    keep.set(qn("w:val"), "0")
    _insert_in_ppr(p_pr, keep)


def table_look(table: Any, first_row: bool, first_column: bool) -> None:
    """Which of the table style's conditional formats apply (header row, label column)."""
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tbl_pr.append(look)
    look.attrib.clear()
    flags = (
        ("firstRow", first_row),
        ("lastRow", False),
        ("firstColumn", first_column),
        ("lastColumn", False),
        ("noHBand", True),
        ("noVBand", True),
    )
    for name, on in flags:
        look.set(qn(f"w:{name}"), "1" if on else "0")
    value = (0x20 if first_row else 0) | (0x80 if first_column else 0) | 0x600
    look.set(qn("w:val"), f"{value:04X}")


def table_style_part(style: Any, kind: str, fill: str, bold: bool = True) -> None:
    """Conditional formatting in a table style (``firstRow``, ``firstCol``): a fill and
    bold text, so restyling the table style in Word recolours every header."""
    element = style.element
    for old in element.findall(qn("w:tblStylePr")):
        if old.get(qn("w:type")) == kind:
            element.remove(old)
    part = parse_xml(
        f'<w:tblStylePr xmlns:w="{W_NS}" w:type="{kind}"><w:pPr/>'
        f"<w:rPr>{'<w:b/><w:bCs/>' if bold else ''}</w:rPr><w:tblPr/><w:tcPr>"
        f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#").upper()}"/>'
        "</w:tcPr></w:tblStylePr>"
    )
    element.append(part)


# --- hyperlinks, pictures and bookmarks ---


def add_hyperlink(paragraph: Any, url: str) -> Any:
    """An external hyperlink element; the caller adds runs to it with ``append``."""
    r_id = paragraph.part.relate_to(url, RT_HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    paragraph._p.append(link)
    return link


def set_alt_text(inline_shape: Any, descr: str, title: str) -> None:
    """Alt text Word shows in its accessibility pane (``wp:docPr`` descr + title)."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", descr)
    doc_pr.set("title", title)


def bookmark_around(runs: list[Any], name: str, bookmark_id: int) -> list[Any]:
    """``runs`` wrapped in a bookmark (a caption's number, for REF fields)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name[:40])
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    return [start, *runs, end]


def add_bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark (cross-references, TOC links)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name[:40])
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph._p
    p_pr = p.find(qn("w:pPr"))
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


# --- watermark ----------------------------------------------------------------------

_WATERMARK = """<w:r xmlns:w="{w}" xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:w10="urn:schemas-microsoft-com:office:word"><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>
<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>
<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom"
 o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype><v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049"
 type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:440pt;
height:150pt;rotation:305;z-index:-251657216;mso-position-horizontal:center;
mso-position-horizontal-relative:margin;mso-position-vertical:center;
mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#{colour}"
 stroked="f"><v:fill opacity=".55"/><v:textpath style="font-family:&quot;Arial&quot;;
font-size:1pt;font-weight:bold" string="{text}"/><w10:wrap anchorx="margin"
 anchory="margin"/></v:shape></w:pict></w:r>"""


def add_watermark(header_paragraph: Any, text: str, colour: str) -> None:
    """Word's own diagonal text watermark (a VML shape behind the text, in the header,
    so it appears on every page and is not part of the body's reading order)."""
    xml = _WATERMARK.format(w=W_NS, colour=colour.lstrip("#"), text=text)
    header_paragraph._p.append(parse_xml(xml))


# --- styles and language ------------------------------------------------------------


def _default_rpr(styles: Any) -> Any:
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    return rpr


def set_default_language(styles: Any, lang: str) -> None:
    """Spell-check and screen-reader language for every run (``w:docDefaults``)."""
    set_run_language(_default_rpr(styles), lang)


def set_default_font(styles: Any, name: str) -> None:
    set_fonts(_default_rpr(styles), name)


def set_run_language(rpr: Any, lang: str) -> None:
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)
    lang_el.set(qn("w:eastAsia"), lang)
    lang_el.set(qn("w:bidi"), "ar-SA")


def set_fonts(rpr: Any, name: str) -> None:
    """Explicit font for all scripts, dropping theme-font references that would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), name)


def drop_style_fonts(styles: Any) -> None:
    """Take fonts off every style (Word's template gives its own theme fonts) so the
    document default, Normal's font, reaches every style that does not name one."""
    for style in styles.findall(qn("w:style")):
        for fonts in style.iter(qn("w:rFonts")):
            fonts.getparent().remove(fonts)


def drop_theme_colour(rpr: Any) -> None:
    """Remove theme colour references so an explicit RGB colour is the one used."""
    colour = rpr.find(qn("w:color"))
    if colour is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attr), None)


def set_outline_level(style: Any, level: int) -> None:
    """Outline level 0..8 so the navigation pane and TOC \\o see the heading."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    _insert_in_ppr(style.element.get_or_add_pPr(), outline)


def set_table_style_borders(style: Any, colour: str, size_eighths: int = 6) -> None:
    """Hairline grid on all edges and inside lines for a table style."""
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        style.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (
            ("val", "single"),
            ("sz", str(size_eighths)),
            ("space", "0"),
            ("color", colour.lstrip("#")),
        ):
            el.set(qn(f"w:{key}"), value)
        borders.append(el)
    tbl_pr.append(borders)


def set_table_cell_margins(style: Any, top: int, side: int) -> None:
    """Default cell padding in twentieths of a point."""
    tbl_pr = style.element.find(qn("w:tblPr"))
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def drop_core_dates(core_properties: Any) -> None:
    """No created/modified dates at all when the document has none: never the clock."""
    element = core_properties._element
    for tag in ("dcterms:created", "dcterms:modified"):
        for old in element.findall(qn(tag)):
            element.remove(old)


# --- package ------------------------------------------------------------------------


def reproducible_zip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Re-pack the .docx with fixed entry dates and order so same input = same bytes
    (python-docx stamps every zip entry with the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return zip_entries({name: source.read(name) for name in source.namelist()}, date_time)


#: Entries already compressed by their own format: stored, not deflated again.
_PACKED = (".png", ".jpeg", ".jpg", ".gif")


def zip_entries(
    entries: dict[str, bytes],
    date_time: tuple[int, int, int, int, int, int],
    store_pictures: bool = False,
) -> bytes:
    """The package's entries zipped with fixed dates and order (what
    ``reproducible_zip`` writes), from the parts themselves: no zip to unpack first.

    ``store_pictures``: PNG and JPEG pictures go in as they are (a zip may store an
    entry; Word and LibreOffice read both). Deflating the charts' PNGs again took
    about 9 ms a report to save 8% of their size.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in _ordered(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            packed = store_pictures and name.lower().endswith(_PACKED)
            info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name])
    return out.getvalue()


def _ordered(names: Iterable[str]) -> list[str]:
    """[Content_Types].xml first, as Office writes it; the rest in stable order."""
    names = list(names)
    first = [n for n in names if n == "[Content_Types].xml"]
    return first + sorted(n for n in names if n != "[Content_Types].xml")


def clear_style_formatting(style: Any) -> None:
    """Drop a built-in style's own paragraph and run formatting (theme fonts, borders,
    theme colours) so the reference document states the house style explicitly."""
    for tag in ("w:pPr", "w:rPr"):
        for old in style.element.findall(qn(tag)):
            style.element.remove(old)


def set_paragraph_box(
    style: Any, colour: str, fill: str | None, sides: str = "left", size_eighths: int = 24
) -> None:
    """Rule (``left``) or box (``all``) plus optional shading for a paragraph style.
    Consecutive paragraphs with the same settings share one box (call-outs)."""
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        if sides == "all" or edge == sides:
            el = OxmlElement(f"w:{edge}")
            for key, value in (
                ("val", "single"),
                ("sz", str(size_eighths)),
                ("space", "6"),
                ("color", colour.lstrip("#")),
            ):
                el.set(qn(f"w:{key}"), value)
            borders.append(el)
    _insert_in_ppr(p_pr, borders)
    if fill:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill.lstrip("#"))
        _insert_in_ppr(p_pr, shd)


# --- list numbering (numbering.xml) -------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One level of a list definition: ``text`` as Word writes it ("%1.%2")."""

    text: str
    left_twips: int
    hanging_twips: int
    style_id: str | None = None  # the paragraph style this level is bound to
    fmt: str = "decimal"
    font: str | None = None  # bullets need their symbol font


def _level_xml(ilvl: int, level: Level) -> str:
    style = f'<w:pStyle w:val="{level.style_id}"/>' if level.style_id else ""
    font = (
        (
            f'<w:rPr><w:rFonts w:ascii="{level.font}" w:hAnsi="{level.font}" '
            f'w:hint="default"/></w:rPr>'
        )
        if level.font
        else ""
    )
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{level.fmt}"/>'
        f'{style}<w:suff w:val="tab"/><w:lvlText w:val="{level.text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" '
        f'w:pos="{level.left_twips}"/></w:tabs><w:ind w:left="{level.left_twips}" '
        f'w:hanging="{level.hanging_twips}"/></w:pPr>{font}</w:lvl>'
    )


def add_abstract_num(numbering: Any, abstract_id: int, name: str, levels: list[Level]) -> None:
    """A list definition; abstract definitions must precede every ``w:num``."""
    multi = "multilevel" if len(levels) > 1 else "singleLevel"
    xml = (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="{multi}"/><w:name w:val="{name}"/>'
        + "".join(_level_xml(i, lvl) for i, lvl in enumerate(levels))
        + "</w:abstractNum>"
    )
    element = parse_xml(xml)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(element)
    else:
        numbering.append(element)


def add_num(
    numbering: Any, num_id: int, abstract_id: int, starts: dict[int, int] | None = None
) -> None:
    """A list instance; ``starts`` restarts levels at given values (startOverride)."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for ilvl, value in sorted((starts or {}).items())
    )
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )


def set_start(numbering: Any, num_id: int, ilvl: int, value: int) -> None:
    """Make an existing list instance start level ``ilvl`` at ``value``."""
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            num.append(
                parse_xml(
                    f'<w:lvlOverride xmlns:w="{W_NS}" w:ilvl="{ilvl}">'
                    f'<w:startOverride w:val="{value}"/></w:lvlOverride>'
                )
            )


def ids_in_use(numbering: Any) -> tuple[int, int]:
    """The highest abstractNumId and numId already defined."""
    abstract = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    return max(abstract, default=0), max(nums, default=0)


def set_num_pr(p_pr: Any, num_id: int, ilvl: int = 0) -> None:
    """Put a paragraph (or a paragraph style) in list ``num_id`` at level ``ilvl``;
    ``num_id`` 0 takes it out of the list its style would put it in."""
    num_pr = OxmlElement("w:numPr")
    if num_id:
        level = OxmlElement("w:ilvl")
        level.set(qn("w:val"), str(ilvl))
        num_pr.append(level)
    number = OxmlElement("w:numId")
    number.set(qn("w:val"), str(num_id))
    num_pr.append(number)
    _insert_in_ppr(p_pr, num_pr)


def drop_num_pr(p_pr: Any) -> None:
    for old in p_pr.findall(qn("w:numPr")):
        p_pr.remove(old)
