"""Accessibility checks on a real .docx: what Word's accessibility checker and a screen
reader rely on, read straight from the package XML (zip + lxml, no python-docx), so
any .docx can be checked, not only reportgen's.

Checked: headings use styles with outline levels and never skip a level; every
picture has alt text (or is marked decorative); every table has a repeating header
row (a label/value table may instead mark its first column as headers); the title
and language are in the document properties and the language is set on the text;
text colours keep 4.5:1 contrast with their background (white, a shaded paragraph
style or a shaded cell such as a rating); no unresolved ``{{ }}`` placeholders.

"No text in images" is ensured by construction rather than checked here: titles,
ratings and numbers are always text, and every chart carries its figures as a table.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from reportgen.check.colour import MIN_CONTRAST, contrast
from reportgen.check.findings import Finding, error, warning

__all__ = ["check_docx"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}")
DECORATIVE = "decorative"


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    outline: int | None  # 0-based w:outlineLvl
    colour: str | None = None  # w:rPr/w:color, hex without '#', or "auto"
    fill: str | None = None  # w:pPr/w:shd fill
    default: bool = False  # the default paragraph style (Normal)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _text(element: Any) -> str:
    """The element's text, a tab shown as a space ("3.4 Plans", not "3.4Plans")."""
    if element is None:
        return ""
    return "".join(
        " " if node.tag == _w("tab") else node.text or ""
        for node in element.iter(_w("t"), _w("tab"))
    )


def check_docx(path: Path | str, language: str = "en-GB") -> list[Finding]:
    """Every accessibility finding for the .docx at ``path``."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = {
                n: package.read(n)
                for n in package.namelist()
                if n.endswith(".xml") and (n.startswith(("word/", "docProps/")))
            }
    except (zipfile.BadZipFile, OSError) as exc:
        return [error("docx-unreadable", f"cannot open as .docx: {exc}")]
    if "word/document.xml" not in parts:
        return [error("docx-unreadable", "no word/document.xml: not a Word document")]
    body = etree.fromstring(parts["word/document.xml"])
    styles = _styles(parts.get("word/styles.xml"))
    found = property_findings(parts, language)
    found += heading_findings(body, styles)
    found += picture_findings(parts)
    found += table_findings(body, styles)
    found += contrast_findings(parts, styles)
    found += placeholder_findings(body)
    return found


# --------------------------------------------------------------- properties


def property_findings(parts: dict[str, bytes], language: str) -> list[Finding]:
    """Title and language in the core properties; language on the text itself."""
    found: list[Finding] = []
    core = etree.fromstring(parts["docProps/core.xml"]) if "docProps/core.xml" in parts else None
    title = core.findtext("dc:title", "", NS).strip() if core is not None else ""
    if not title:
        found.append(error("docx-no-title", "document title is not set", "File > Properties"))
    prop_lang = core.findtext("dc:language", "", NS).strip() if core is not None else ""
    if not prop_lang:
        found.append(
            error(
                "docx-no-language-property",
                "language is not set in the document properties",
                "docProps/core.xml",
            )
        )
    styles = etree.fromstring(parts["word/styles.xml"]) if "word/styles.xml" in parts else None
    lang = (
        styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS) if styles is not None else None
    )
    text_lang = lang.get(_w("val"), "") if lang is not None else ""
    if not text_lang:
        found.append(
            error(
                "docx-no-language",
                "no default language for the text (w:lang in the document defaults)",
                "word/styles.xml",
            )
        )
    for value in {v for v in (prop_lang, text_lang) if v}:
        if value.lower() != language.lower():
            found.append(
                warning(
                    "docx-language",
                    f"language is {value!r}, expected {language!r}",
                    "document properties",
                )
            )
    return found


# --------------------------------------------------------------- headings


def _styles(xml: bytes | None) -> dict[str, Style]:
    if xml is None:
        return {}
    styles = {}
    for s in etree.fromstring(xml).iterfind("w:style", NS):
        name = s.find("w:name", NS)
        based = s.find("w:basedOn", NS)
        outline = s.find("w:pPr/w:outlineLvl", NS)
        colour = s.find("w:rPr/w:color", NS)
        fill = s.find("w:pPr/w:shd", NS)
        styles[s.get(_w("styleId"), "")] = Style(
            name=name.get(_w("val"), "") if name is not None else "",
            based_on=based.get(_w("val")) if based is not None else None,
            outline=int(outline.get(_w("val"), "9")) if outline is not None else None,
            colour=colour.get(_w("val")) if colour is not None else None,
            fill=fill.get(_w("fill")) if fill is not None else None,
            default=s.get(_w("default")) in ("1", "true") and s.get(_w("type")) == "paragraph",
        )
    return styles


def _outline(style_id: str | None, styles: dict[str, Style]) -> int | None:
    """A style's outline level, inherited through ``basedOn``."""
    for _ in range(10):
        style = styles.get(style_id or "")
        if style is None:
            return None
        if style.outline is not None:
            return style.outline
        style_id = style.based_on
    return None


def _level(p: Any, styles: dict[str, Style]) -> tuple[int | None, str]:
    """(1-based heading level or None, style name) of a paragraph."""
    own = p.find("w:pPr/w:outlineLvl", NS)
    style_el = p.find("w:pPr/w:pStyle", NS)
    style_id = style_el.get(_w("val")) if style_el is not None else None
    name = styles[style_id].name if style_id in styles else (style_id or "Normal")
    outline = int(own.get(_w("val"))) if own is not None else _outline(style_id, styles)
    if outline is None or outline > 8:
        return None, name
    return outline + 1, name


def heading_findings(body: Any, styles: dict[str, Style]) -> list[Finding]:
    """Heading N styles carry outline levels; levels never skip; headings have text."""
    found: list[Finding] = []
    previous, number = 0, 0
    for p in body.iter(_w("p")):
        level, name = _level(p, styles)
        named = HEADING_NAME.match(name)
        if named and level is None:
            found.append(
                error(
                    "docx-heading-no-outline",
                    f"style {name!r} has no outline level: Word's navigation pane will not see it",
                    f"paragraph '{_text(p)[:50]}'",
                )
            )
            level = int(named.group(1))
        if level is None:
            continue
        number += 1
        where = f"heading {number} ({name}) '{_text(p)[:50]}'"
        if level > previous + 1:
            after = f"after level {previous}" if previous else "as the first heading"
            found.append(
                error(
                    "docx-heading-skip",
                    f"level {level} {after}: heading levels must not be skipped",
                    where,
                )
            )
        if not _text(p).strip():
            found.append(error("docx-heading-empty", "heading has no text", where))
        previous = level
    return found


# --------------------------------------------------------------- pictures, tables, text


def _decorative(doc_pr: Any) -> bool:
    return any(
        DECORATIVE in str(el.tag).lower() and el.get("val") in ("1", "true") for el in doc_pr.iter()
    )


def picture_findings(parts: dict[str, bytes]) -> list[Finding]:
    """Every picture in the body, headers and footers has alt text or is decorative."""
    found: list[Finding] = []
    number = 0
    for name in sorted(parts):
        if not re.match(r"word/(document|header\d*|footer\d*)\.xml$", name):
            continue
        for doc_pr in etree.fromstring(parts[name]).iterfind(".//wp:docPr", NS):
            number += 1
            if not doc_pr.get("descr", "").strip() and not _decorative(doc_pr):
                found.append(
                    error(
                        "docx-picture-no-alt",
                        "picture has no alt text",
                        f"{name}, picture {number} ({doc_pr.get('name', '')})",
                    )
                )
    return found


def _on(element: Any) -> bool:
    return element is not None and element.get(_w("val"), "true") not in ("0", "false", "off")


def _cell_styles(cell: Any, styles: dict[str, Style]) -> list[str]:
    ids = [el.get(_w("val")) for el in cell.iterfind(".//w:pStyle", NS)]
    return [styles[i].name.lower() if i in styles else "" for i in ids]


def _header_like(row: Any, styles: dict[str, Style]) -> bool:
    """Every cell of the row is styled as a heading: it is a header row in all but name."""
    cells = row.findall("w:tc", NS)
    return bool(cells) and all(
        (names := _cell_styles(c, styles)) and all("heading" in n for n in names) for c in cells
    )


def _first_column_marked(table: Any) -> bool:
    """The table look marks the first column (explicit attribute, else the bitmask)."""
    look = table.find("w:tblPr/w:tblLook", NS)
    if look is None:
        return False
    explicit = look.get(_w("firstColumn"))
    if explicit is not None:
        return explicit in ("1", "true", "on")
    return bool(int(look.get(_w("val"), "0") or "0", 16) & 0x0080)


def _label_column(table: Any, styles: dict[str, Style]) -> bool:
    """True for a label/value table (a cover sheet): the look marks the first column as
    headers and every first-column cell is styled as a label or heading."""
    if not _first_column_marked(table):
        return False
    for row in table.iterfind("w:tr", NS):
        cell = row.find("w:tc", NS)
        names = _cell_styles(cell, styles) if cell is not None else []
        if not names or not all("label" in n or "heading" in n for n in names):
            return False
    return True


def table_findings(body: Any, styles: dict[str, Style]) -> list[Finding]:
    """Every table repeats a header row, or (label/value tables, whose first row is
    not headings) marks its first column as headers and styles it as labels."""
    found: list[Finding] = []
    for number, table in enumerate(body.iter(_w("tbl")), start=1):
        first = table.find("w:tr", NS)
        if first is not None and _on(first.find("w:trPr/w:tblHeader", NS)):
            continue
        header_like = first is not None and _header_like(first, styles)
        if not header_like and _label_column(table, styles):
            continue
        caption = _text(table.getprevious()) if table.getprevious() is not None else ""
        what = (
            "the first row is styled as headings but not marked as a header row"
            if header_like
            else "table has no header row"
        )
        found.append(
            error(
                "docx-table-no-header",
                f"{what} (set 'Repeat as header row' on the first row)",
                f"table {number}" + (f" after '{caption[:50]}'" if caption else ""),
            )
        )
    return found


def placeholder_findings(body: Any) -> list[Finding]:
    found = []
    for number, p in enumerate(body.iter(_w("p")), start=1):
        text = _text(p)
        if PLACEHOLDER.search(text):
            found.append(
                error(
                    "docx-placeholder",
                    "unresolved template placeholder in the text",
                    f"paragraph {number} '{text[:60]}'",
                )
            )
    return found


# --------------------------------------------------------------- contrast


def _inherited(style_id: str | None, styles: dict[str, Style], attr: str) -> str | None:
    """A style property (colour, fill), inherited through ``basedOn``."""
    for _ in range(10):
        style = styles.get(style_id or "")
        if style is None:
            return None
        value = getattr(style, attr)
        if value is not None:
            return value  # type: ignore[no-any-return]
        style_id = style.based_on
    return None


def _hex(value: str | None) -> str | None:
    """'1A1A1A' -> '#1A1A1A'; 'auto', 'clear' or nothing -> None (Word decides)."""
    if not value or not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return None
    return "#" + value.upper()


def _background(p: Any, style_id: str | None, styles: dict[str, Style]) -> str:
    """The fill behind a paragraph: its cell's shading, its own, its style's, or white."""
    cell = next((a for a in p.iterancestors(_w("tc"))), None)
    candidates = [
        cell.find("w:tcPr/w:shd", NS).get(_w("fill"))
        if cell is not None and cell.find("w:tcPr/w:shd", NS) is not None
        else None,
        p.find("w:pPr/w:shd", NS).get(_w("fill"))
        if p.find("w:pPr/w:shd", NS) is not None
        else None,
        _inherited(style_id, styles, "fill"),
    ]
    return next((h for h in map(_hex, candidates) if h), "#FFFFFF")


def contrast_findings(parts: dict[str, bytes], styles: dict[str, Style]) -> list[Finding]:
    """Every run of text is at least 4.5:1 against what is behind it (WCAG 1.4.3).

    Colours come from the run, its character style, its paragraph style (through
    ``basedOn``) and the document default; "auto" text is Word's choice and passes.
    """
    default_style = next((i for i, s in styles.items() if s.default), None)
    seen: set[tuple[str, str, str]] = set()
    found: list[Finding] = []
    for name in sorted(parts):
        if not re.match(r"word/(document|header\d*|footer\d*)\.xml$", name):
            continue
        for p in etree.fromstring(parts[name]).iter(_w("p")):
            style_el = p.find("w:pPr/w:pStyle", NS)
            style_id = style_el.get(_w("val")) if style_el is not None else default_style
            background = _background(p, style_id, styles)
            for run in p.iterfind(".//w:r", NS):
                if not _text(run).strip():
                    continue
                own = run.find("w:rPr/w:color", NS)
                char = run.find("w:rPr/w:rStyle", NS)
                raw = (
                    (own.get(_w("val")) if own is not None else None)
                    or (
                        _inherited(char.get(_w("val")), styles, "colour")
                        if char is not None
                        else None
                    )
                    or _inherited(style_id, styles, "colour")
                )
                colour = _hex(raw)
                style_name = styles[style_id].name if style_id in styles else "Normal"
                if colour is None or (style_name, colour, background) in seen:
                    continue
                seen.add((style_name, colour, background))
                ratio = contrast(colour, background)
                if ratio < MIN_CONTRAST:
                    found.append(
                        error(
                            "docx-contrast",
                            f"text {colour} on {background} has "
                            f"contrast {ratio:.2f}:1, below {MIN_CONTRAST}:1",
                            f"{name}, style {style_name!r}, '{_text(p)[:50]}'",
                        )
                    )
    return found
