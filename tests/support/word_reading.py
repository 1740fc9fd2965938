"""Read a .docx the way Word shows it, without reportgen: list numbers counted from
numbering.xml, fields' cached results, paragraphs in document order.

Written from the OOXML rules (ECMA-376 17.9), independently of the DOCX writer, so a
test can say "Word shows 3.4.1 here" and mean it.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from system_tools import need

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def _val(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path, NS)
    return None if found is None else found.get(f"{{{W}}}val")


@dataclass
class Shown:
    """One paragraph as Word shows it."""

    style: str
    number: str  # the list number Word draws ("" if none)
    text: str  # typed text and fields' cached results, tabs as \t
    element: etree._Element


class Numbering:
    """Word's list counters for one document (per w:num, with start overrides)."""

    def __init__(self, docx: bytes) -> None:
        root = part(docx, "word/numbering.xml")
        self.abstract = {
            a.get(f"{{{W}}}abstractNumId"): a for a in root.findall("w:abstractNum", NS)
        }
        self.nums = {n.get(f"{{{W}}}numId"): n for n in root.findall("w:num", NS)}
        self.counters: dict[str, list[int]] = {}

    def _level(self, num_id: str, ilvl: int) -> etree._Element:
        abstract = self.abstract[_val(self.nums[num_id], "w:abstractNumId") or ""]
        return abstract.find(f"w:lvl[@w:ilvl='{ilvl}']", NS)

    def _start(self, num_id: str, ilvl: int) -> int:
        override = self.nums[num_id].find(f"w:lvlOverride[@w:ilvl='{ilvl}']/w:startOverride", NS)
        if override is not None:
            return int(override.get(f"{{{W}}}val"))
        return int(_val(self._level(num_id, ilvl), "w:start") or "1")

    def count(self, num_id: str, ilvl: int) -> str:
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else self._start(num_id, ilvl)
        counters[ilvl + 1 :] = [0] * (8 - ilvl)
        text = _val(self._level(num_id, ilvl), "w:lvlText") or ""
        return re.sub(
            r"%(\d)",
            lambda m: str(
                counters[int(m.group(1)) - 1] or self._start(num_id, int(m.group(1)) - 1)
            ),
            text,
        )


class Styles:
    def __init__(self, docx: bytes) -> None:
        root = part(docx, "word/styles.xml")
        self.by_id = {s.get(f"{{{W}}}styleId"): s for s in root.findall("w:style", NS)}

    def num_pr(self, style_id: str) -> tuple[str | None, int]:
        """numId and ilvl a paragraph style (or one it is based on) gives."""
        style = self.by_id.get(style_id)
        while style is not None:
            num_pr = style.find("w:pPr/w:numPr", NS)
            if num_pr is not None:
                return _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl") or "0")
            style = self.by_id.get(_val(style, "w:basedOn") or "")
        return None, 0


def text_of(p: etree._Element) -> str:
    """Typed text and cached field results; field codes are not shown."""
    out, in_code = [], False
    for node in p.iter(f"{{{W}}}fldChar", f"{{{W}}}t", f"{{{W}}}tab"):
        if node.tag == f"{{{W}}}fldChar":
            kind = node.get(f"{{{W}}}fldCharType")
            in_code = kind == "begin"
        elif not in_code and node.tag == f"{{{W}}}t":
            out.append(node.text or "")
        elif not in_code and node.getparent().tag == f"{{{W}}}r":
            out.append("\t")
    return "".join(out)


def shown(docx: bytes) -> list[Shown]:
    """Every body paragraph (table cells included) in order, numbered as Word would."""
    numbering, styles = Numbering(docx), Styles(docx)
    out = []
    for p in part(docx, "word/document.xml").iter(f"{{{W}}}p"):
        style = _val(p, "w:pPr/w:pStyle") or "Normal"
        num_id, ilvl = styles.num_pr(style)
        own = p.find("w:pPr/w:numPr", NS)
        if own is not None:
            num_id = _val(own, "w:numId") or num_id
            ilvl = int(_val(own, "w:ilvl") or ilvl)
        number = numbering.count(num_id, ilvl) if num_id and num_id != "0" else ""
        out.append(Shown(style, number, text_of(p), p))
    return out


def instructions(root: etree._Element) -> list[str]:
    return [" ".join(t.split()) for t in root.xpath("//w:instrText/text()", namespaces=NS)]


def typed_text(p: etree._Element) -> str:
    """Only the text typed into the paragraph: field codes and results left out."""
    out, depth = [], 0
    for node in p.iter(f"{{{W}}}fldChar", f"{{{W}}}t"):
        if node.tag == f"{{{W}}}fldChar":
            kind = node.get(f"{{{W}}}fldCharType")
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
        elif depth == 0:
            out.append(node.text or "")
    return "".join(out)


def libreoffice_pdf(sources: list[Path], out: Path) -> dict[Path, Path]:
    """Convert ``sources`` to PDF with one private LibreOffice (no field update is
    asked for: it shows what the file carries). A missing tool fails, naming its package
    (docs/testing.md: nothing is skipped silently)."""
    need("pdftotext")
    subprocess.run(
        [
            need("soffice"),
            f"-env:UserInstallation={(out / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {s: out / f"{s.stem}.pdf" for s in sources}


def pdf_pages(pdf: Path) -> list[str]:
    """pdftotext -layout, one string per page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    return text.split("\f")
