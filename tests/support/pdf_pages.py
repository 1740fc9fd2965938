"""Measure any tagged PDF page by page: the Typst PDF and the DOCX as LibreOffice lays it
out (issue 19), with the same rules as ``page_measure`` (the WeasyPrint layout).

What is on which page comes from the structure tree (tables and their body rows,
headings, paragraphs, figures: each element's marked content names its page), and how
full a page is from its pixels: the lowest dark row inside the margins, so a chart drawn
as vectors or as a picture counts as much as text. Pale marks (a draft watermark) do not.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
from page_measure import PageFacts
from pikepdf import Array, Dictionary

from reportgen import model as m
from reportgen.render.theme import PageSetup

HEADINGS = {f"/H{i}" for i in range(1, 6)}
INTRODUCED = {"/Table", "/Figure"}
DARK = 150  # grey level (0-255) a pixel must be darker than to count as content
DPI = 24


@dataclass(frozen=True)
class Leaf:
    """One piece of marked content in reading order: its page and its element path."""

    page: int  # 1-based
    path: tuple[str, ...]  # structure types from the root down, e.g. ("/Document", "/P")
    owners: tuple[int, ...]  # ids of the elements on that path (one per element)


def _kids(node: Dictionary) -> list[object]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def leaves(pdf: pikepdf.Pdf) -> list[Leaf]:
    """Every marked-content item of the structure tree, in pre-order (reading order)."""
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages, start=1)}
    found: list[Leaf] = []
    counter = iter(range(10**9))
    ids: dict[tuple[int, int], int] = {}

    def ident(node: Dictionary) -> int:
        key = node.objgen if node.objgen != (0, 0) else (-1, next(counter))
        return ids.setdefault(key, len(ids))

    def visit(node: Dictionary, page: int | None, path: tuple, owners: tuple) -> None:
        if "/Pg" in node:
            page = pages.get(node.Pg.objgen, page)
            if node.get("/K") is None and page is not None:
                found.append(Leaf(page, path, owners))  # LibreOffice's charts: no content
        for kid in _kids(node):
            if isinstance(kid, Dictionary) and "/S" in kid:
                if str(kid.S) == "/Figure" and "/Alt" not in kid:
                    continue  # decoration: LibreOffice tags Word's watermark shape so
                visit(kid, page, (*path, str(kid.S)), (*owners, ident(kid)))
            elif isinstance(kid, Dictionary) and "/MCID" in kid:
                where = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                if where is not None:
                    found.append(Leaf(where, path, owners))
            elif isinstance(kid, int) and page is not None:
                found.append(Leaf(page, path, owners))

    root = pdf.Root.StructTreeRoot
    roles = {str(k): str(v) for k, v in root.get("/RoleMap", Dictionary()).items()}
    visit(root, None, (), ())
    return [Leaf(f.page, tuple(_standard(t, roles) for t in f.path), f.owners) for f in found]


def _standard(kind: str, roles: dict[str, str]) -> str:
    """A structure type as a standard one: LibreOffice names paragraphs by their style
    (role-mapped to /P) and tags numbered body paragraphs /H6 (mapped to /H); headings
    in both writers are /H1-/H5."""
    kind = roles.get(kind, kind) if kind not in HEADINGS or kind == "/H6" else kind
    return "/P" if kind in ("/H", "/H6") else kind


def rows_per_page(pdf: pikepdf.Pdf) -> dict[int, dict[int, int]]:
    """Per table (element id): body rows per page."""
    counts: dict[int, dict[int, int]] = {}
    seen_rows: set[tuple[int, int]] = set()
    for leaf in leaves(pdf):
        path = leaf.path
        if "/Table" not in path or "/THead" in path or "/TR" not in path:
            continue
        table = leaf.owners[len(path) - 1 - path[::-1].index("/Table")]
        row = leaf.owners[len(path) - 1 - path[::-1].index("/TR")]
        if (table, row) in seen_rows:
            continue
        seen_rows.add((table, row))
        pages = counts.setdefault(table, {})
        pages[leaf.page] = pages.get(leaf.page, 0) + 1
    return counts


def _ends(found: list[Leaf], page_count: int) -> dict[int, str]:
    """Pages whose last content in reading order is a heading, or a lead-in whose table
    or figure is on a later page: page -> what. (A chart that floats on while the text
    flows on is not at fault: later text then ends the page.)"""
    last: dict[int, int] = {}
    for index, leaf in enumerate(found):
        last[leaf.page] = index
    bad: dict[int, str] = {}
    for page, index in last.items():
        if page >= page_count or index + 1 >= len(found):
            continue
        before, after = found[index], found[index + 1]
        if set(before.path) & HEADINGS and not set(after.path) & HEADINGS:
            bad[page] = "ends with a heading"
        elif before.path[-1:] == ("/P",) and _introduced(before, after):
            bad[page] = "ends with a lead-in to the next page's table or figure"
    return bad


def _introduced(before: Leaf, after: Leaf) -> bool:
    """``after`` starts the table or figure that is the paragraph's next sibling."""
    depth = len(before.path) - 1
    return before.path[:depth] == after.path[:depth] and (
        len(after.path) > depth and after.path[depth] in INTRODUCED
    )


def _fills(pdf_path: Path, page: PageSetup) -> list[float]:
    """Share of the content area (inside top and bottom margins) above its lowest dark
    pixel, per page."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(DPI), str(pdf_path), f"{tmp}/p"],
            check=True,
            capture_output=True,
        )
        fills = []
        for image in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem[2:])):
            pixels = _pgm(image)
            height = pixels.shape[0]
            top = round(page.top / 25.4 * DPI)
            bottom = height - round(page.bottom / 25.4 * DPI)
            dark = np.nonzero((pixels[top:bottom] < DARK).any(axis=1))[0]
            fills.append(0.0 if dark.size == 0 else (dark[-1] + 1) / (bottom - top))
        return fills


def _pgm(path: Path) -> np.ndarray:
    data = path.read_bytes()
    parts = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert parts is not None, path
    width, height = int(parts.group(1)), int(parts.group(2))
    return np.frombuffer(data[parts.end() :], dtype=np.uint8)[: width * height].reshape(
        height, width
    )


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def forced_starts(doc: m.Document) -> list[list[str]]:
    """The first words of every block that must start a new page: a section that breaks
    before it or is landscape, the block after a page break or after a landscape part."""
    starts: list[list[str]] = []
    if doc.cover and doc.body and (words := _first_words(doc.body[0])):
        starts.append(words)  # the body starts on a new page after the cover
    for blocks in _block_lists(doc):
        for i, block in enumerate(blocks):
            previous = blocks[i - 1] if i else None
            forced = isinstance(previous, m.PageBreak) or (
                isinstance(previous, m.Section) and previous.landscape
            )
            if isinstance(block, m.Section):
                forced = forced or block.page_break_before or block.landscape
            if forced and (words := _first_words(block)):
                starts.append(words)
    return starts


def _block_lists(doc: m.Document) -> Iterator[tuple[m.Block, ...]]:
    yield doc.cover
    yield doc.body
    for block, _ in m.walk(doc.body):
        if isinstance(block, m.Section):
            yield block.blocks


def _first_words(block: m.Block) -> list[str]:
    if isinstance(block, m.Section):
        return _words(block.title)[:6]
    if isinstance(block, m.Paragraph):
        return _words(m.plain_text(block.content))[:6]
    return []


def page_texts(pdf_path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")


def measure_pdf(pdf_path: Path, doc: m.Document, page: PageSetup) -> list[PageFacts]:
    """One PageFacts per page of a tagged PDF of ``doc``."""
    with pikepdf.open(pdf_path) as pdf:
        count = len(pdf.pages)
        landscape = [float(p.mediabox[2]) > float(p.mediabox[3]) for p in pdf.pages]
        rows = rows_per_page(pdf)
        ends = _ends(leaves(pdf), count)
    fills = _fills(pdf_path, page)
    texts = page_texts(pdf_path)
    starts = forced_starts(doc)
    facts = []
    for number in range(1, count + 1):
        following = number < count
        forced = not following or landscape[number] != landscape[number - 1]
        if following and not forced:
            head = " ".join(_words(texts[number])[:40])
            forced = any(" ".join(words) in head for words in starts)
        tables = {
            key: (f"table {key}", pages[number]) for key, pages in rows.items() if number in pages
        }
        foot = ends.get(number, "")
        facts.append(PageFacts(number, fills[number - 1], forced, tables, bool(foot), foot))
    return facts
