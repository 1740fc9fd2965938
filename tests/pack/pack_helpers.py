"""Reading packs back: page text, stamps, outline, structure text, decompressed bytes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
from docfiles import pdf_page_texts as page_texts
from system_tools import need


def stamp_starts(pdf: Path) -> dict[int, int]:
    """Item number -> first page (1-based) whose header says 'Agenda Item N'."""
    starts: dict[int, int] = {}
    for page, text in enumerate(page_texts(pdf), start=1):
        for match in re.finditer(
            r"Agenda Item (\d+)", text.split("\n", 3)[0] + "\n" + "\n".join(text.split("\n")[:3])
        ):
            starts.setdefault(int(match.group(1)), page)
    return starts


def agenda_pages(pdf: Path) -> dict[int, int]:
    """Item number -> page number printed in the agenda (read from the PDF text)."""
    found: dict[int, int] = {}
    current: int | None = None
    texts = page_texts(pdf)
    agenda = "\n".join(
        t for t in texts[:4] if re.search(r"^\s*(Supplementary agenda|Agenda)\s*$", t, re.M)
    )
    for line in agenda.splitlines():
        heading = re.match(r"^\s*(\d+)\s{2,}\S", line)
        if heading:
            current = int(heading.group(1))
        page = re.match(r"^\s+Page (\d+)\s*$", line)
        if page and current is not None:
            found[current] = int(page.group(1))
    return found


def outline(pdf_path: Path) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []
    with pikepdf.open(pdf_path) as pdf:

        def walk(items: Any, level: int) -> None:
            for item in items:
                page = pdf.pages.index(pikepdf.Page(item.destination[0])) + 1
                found.append((level, item.title, page))
                walk(item.children, level + 1)

        with pdf.open_outline() as tree:
            walk(tree.root, 1)
    return found


def struct_text(pdf: Path) -> str:
    """The structure tree with the text of each element (poppler's pdfinfo)."""
    return subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, check=True
    ).stdout.decode("utf-8", errors="replace")


def headings_in_structure(pdf: Path) -> dict[str, list[str]]:
    """Heading tag -> texts of every heading element in the structure tree."""
    lines = struct_text(pdf).splitlines()
    found: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        tag = re.match(r"^(\s*)(H[1-6])\b", line)
        if not tag:
            continue
        depth, texts = len(tag.group(1)), []
        for nxt in lines[i + 1 :]:
            if len(nxt) - len(nxt.lstrip()) <= depth:
                break
            texts += re.findall(r'"(.*)"', nxt)
        found.setdefault(tag.group(2), []).append(" ".join(t.strip() for t in texts))
    return found


def decompressed(pdf: Path, tmp: Path) -> bytes:
    """Every object and stream uncompressed (qpdf QDF mode), as one byte string."""
    out = tmp / (pdf.stem + ".qdf.pdf")
    subprocess.run(
        [
            need("qpdf"),
            "--qdf",
            "--object-streams=disable",
            "--stream-data=uncompress",
            "--decode-level=all",
            str(pdf),
            str(out),
        ],
        check=True,
    )
    return out.read_bytes()


def encodings(phrase: str) -> list[bytes]:
    """How a phrase could sit in PDF bytes: UTF-8/Latin-1, UTF-16BE, hex of those."""
    raw = [
        phrase.encode("utf-8"),
        phrase.encode("utf-16-be"),
        phrase.encode("latin-1", errors="ignore"),
    ]
    return [*raw, *(r.hex().encode() for r in raw), *(r.hex().upper().encode() for r in raw)]


def image_pixels(pdf_path: Path) -> list[bytes]:
    """Decoded pixel data of every image XObject on every page (and in forms)."""
    found: list[bytes] = []
    with pikepdf.open(pdf_path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                found.append(obj.read_bytes())
    return found
