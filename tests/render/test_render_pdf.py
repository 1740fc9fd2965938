"""PDF writer: tagged PDF/UA-1 structure, metadata, bookmarks, text and determinism."""

from __future__ import annotations

import io
import re
import subprocess
from collections import Counter
from typing import Any

import pikepdf
import pytest
from system_tools import need

from reportgen import model as m
from reportgen.render.pdf import anchor_pages, layout_pdf, render_pdf
from reportgen.render.theme import Theme


def pdftotext(data: bytes, *args: str) -> str:
    return subprocess.run(
        [need("pdftotext"), *args, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def structure(pdf: pikepdf.Pdf) -> tuple[Counter[str], list[str]]:
    """Count structure element types and collect figure /Alt texts."""
    tags: Counter[str] = Counter()
    alts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            tags[str(node.S)] += 1
            if node.S == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    for kid in pdf.Root.StructTreeRoot.K:
        walk(kid)
    return tags, alts


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items: Any, level: int) -> None:
        for item in items:
            found.append((level, item.title))
            walk(item.children, level + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 1)
    return found


@pytest.fixture(scope="module")
def pdf(pdf_bytes: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf_bytes))


def test_metadata_language_and_marking(pdf: pikepdf.Pdf) -> None:
    assert str(pdf.Root.Lang) == "en-GB"
    assert str(pdf.docinfo.Title) == "Corporate Parenting Performance Report – January 2017"
    assert str(pdf.docinfo.Author) == "Deborah Johnson"
    assert str(pdf.docinfo.CreationDate).startswith("D:20170301")
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert "pdfuaid" in pdf.Root.Metadata.read_bytes().decode()


def test_structure_tree_has_headings_tables_and_figure_alt(pdf: pikepdf.Pdf) -> None:
    tags, alts = structure(pdf)
    for tag in ("/H1", "/H2", "/H3", "/H4", "/Table", "/TH", "/TD", "/Caption", "/L"):
        assert tags[tag] > 0, tag
    assert tags["/H1"] == 1
    assert alts == [
        "Bar chart: children with a plan rose from 55.6% in December to 79.4% in January."
    ]


def test_bookmarks_nest_like_the_sections(pdf: pikepdf.Pdf) -> None:
    assert outline(pdf) == [
        (1, "Corporate Parenting Performance Report"),
        (1, "1 Recommendations"),
        (1, "2 Background"),
        (1, "3 Key Issues"),
        (2, "3.4 Plans"),
        (3, "3.4.1 Placement stability"),
        (1, "Accountable Officer(s)"),
    ]


def test_text_running_header_footer_and_toc_page_numbers(pdf_bytes: bytes) -> None:
    text = pdftotext(pdf_bytes, "-layout")
    pages = text.split("\f")
    assert "Page 1 of 4" in pages[0] and "Page 4 of 4" in pages[3]
    assert all("Corporate Parenting Performance – January 2017" in p for p in pages[:4])
    assert all("Corporate Parenting Panel, 14 March 2017" in p for p in pages[:4])
    assert re.search(r"^3\.4\.1\s+Due to technical reasons", text, re.MULTILINE)
    toc_line = next(line for line in pages[1].splitlines() if "3.4 Plans" in line)
    assert toc_line.rstrip().endswith("3")
    assert "DRAFT" not in text


def test_draft_watermark_on_every_page_as_artifact(draft_pdf_bytes: bytes) -> None:
    pdf = pikepdf.open(io.BytesIO(draft_pdf_bytes))
    for number in range(1, len(pdf.pages) + 1):
        raw = pdftotext(draft_pdf_bytes, "-raw", "-f", str(number), "-l", str(number))
        assert "".join(raw.split()[:5]) == "DRAFT"
        assert b"/Artifact\nBMC" in pdf.pages[number - 1].Contents.read_bytes()[:200]


def test_layout_reports_pages_and_anchor_pages(doc: m.Document, theme: Theme) -> None:
    rendered = layout_pdf(doc, theme)
    assert len(rendered.pages) == 4
    pages = anchor_pages(rendered)
    assert pages["cover"] == 1 and pages["key-issues"] == 2
    assert pages["sec-accountable-officer-s"] == 4  # page_break_before


def test_same_document_same_bytes(doc: m.Document, theme: Theme, pdf_bytes: bytes) -> None:
    assert render_pdf(doc, theme) == pdf_bytes


def test_url_fetcher_is_locked_to_the_template(theme: Theme) -> None:
    from reportgen.render.pdf.fetcher import LockedURLFetcher

    fetcher = LockedURLFetcher(theme.roots)
    assert fetcher.allowed("data:image/png;base64,AAAA")
    assert fetcher.allowed((theme.base / "style.css").as_uri())
    assert not fetcher.allowed("https://example.org/x.png")
    assert not fetcher.allowed("file:///etc/passwd")
    assert not fetcher.allowed((theme.base / ".." / ".." / "pyproject.toml").as_uri())
