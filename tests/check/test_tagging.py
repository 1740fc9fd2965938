"""The PDF post-processing (render/pdf/tagging): fixes the tags, changes nothing visible
and keeps output reproducible. (Its speed is measured in benchmarks/check_speed.py.)"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from system_tools import need

from reportgen import model as m
from reportgen.check.pdf import walk
from reportgen.render.common import Anchors, created_at, toc_entries
from reportgen.render.pdf import layout_pdf, write_pdf
from reportgen.render.pdf.tagging import fix_tags, link_labels
from reportgen.render.theme import Theme


def _pages_png(data: bytes, folder: Path, name: str) -> list[bytes]:
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run([need("pdftoppm"), "-r", "50", "-png", str(pdf), str(folder / name)], check=True)
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.png"))]


def _text(data: bytes) -> bytes:
    return subprocess.run(
        [need("pdftotext"), "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout


@pytest.mark.parametrize(("raw", "fixed"), [("raw.pdf", "pdf"), ("raw-draft.pdf", "draft.pdf")])
def test_nothing_visible_changes(
    files: dict[str, Path], tmp_path: Path, raw: str, fixed: str
) -> None:
    """WeasyPrint's own PDF and ours: pixel-identical pages, identical text."""
    before, after = files[raw].read_bytes(), files[fixed].read_bytes()
    assert before != after
    assert _pages_png(before, tmp_path, "before") == _pages_png(after, tmp_path, "after")
    assert _text(before) == _text(after)


def test_margin_boxes_become_pagination_artifacts(files: dict[str, Path]) -> None:
    with pikepdf.open(files["pdf"]) as pdf:
        for page in pdf.pages:
            content = page.Contents.read_bytes()
            assert content.count(b"/Artifact <</Type /Pagination>> BDC") == 3  # head, foot, page


def test_scopes_follow_the_html(files: dict[str, Path]) -> None:
    with pikepdf.open(files["pdf"]) as pdf:
        scopes = [
            str(e.node.A.Scope) for e in walk(pdf, pdf.Root.StructTreeRoot) if e.role == "/TH"
        ]
    # cover sheet: 4 row labels; scorecard: 4 column headers + 3 row headers; chart data: 2
    assert scopes == ["/Row"] * 4 + ["/Column"] * 4 + ["/Row"] * 3 + ["/Column"] * 2


def test_links_are_described_by_their_text(files: dict[str, Path], doc: m.Document) -> None:
    """WeasyPrint describes a link by its target ("sec-3"); ours by what it says."""
    entries = [e.text for e in toc_entries(doc, Anchors(doc), depth=2)]
    with pikepdf.open(files["raw.pdf"]) as raw, pikepdf.open(files["pdf"]) as fixed:
        before = [str(a.Contents) for p in raw.pages for a in p.obj.get("/Annots", [])]
        after = [str(a.Contents) for p in fixed.pages for a in p.obj.get("/Annots", [])]
    assert before[:3] == ["sec-1"] * 3 and before[-1].startswith("https://www.gov.uk/")
    # each contents line is three links (text, leader dots, page number), then the
    # external link in paragraph 2.2
    assert after == [text for text in entries for _ in range(3)] + ["statutory guidance"]


def _mcids(node: pikepdf.Dictionary) -> list[int]:
    k = node.get("/K")
    items: list[object] = list(k) if isinstance(k, pikepdf.Array) else [k]
    return [i for i in items if isinstance(i, int)]


def test_contents_leader_dots_become_artifacts(files: dict[str, Path]) -> None:
    """Before: one tagged dot per marked-content item inside each contents link. After:
    the links hold the heading and page number only; the dots are layout artifacts and
    the parent tree no longer points at them. The dots are still printed."""
    with pikepdf.open(files["raw.pdf"]) as raw, pikepdf.open(files["pdf"]) as fixed:
        counts = []
        for pdf in (raw, fixed):
            links = [e.node for e in walk(pdf, pdf.Root.StructTreeRoot) if e.role == "/Link"]
            counts.append(sum(len(_mcids(link)) for link in links))
            content = pdf.pages[1].Contents.read_bytes()
            counts.append(content.count(b"/Artifact <</Type /Layout>> BDC"))
        parents = pikepdf.NumberTree(fixed.Root.StructTreeRoot.ParentTree)[1]
        orphaned = sum(1 for p in parents if p is None)
    raw_tagged, raw_layout, tagged, layout = counts
    assert raw_layout == 0 and layout > 100  # dozens of dots on each of five lines
    assert tagged == 5 * 2 + 1  # heading text + page number per line, guidance link
    assert raw_tagged == tagged + layout
    assert orphaned == layout + 3  # and the three margin boxes
    assert b"....." in _text(files["pdf"].read_bytes())


def test_deterministic_and_idempotent(
    files: dict[str, Path], doc: m.Document, theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reportgen's own write path, run again in this test with no SOURCE_DATE_EPOCH
    (whatever other tests set): the bytes of the session's PDF. Fixing already fixed
    tags changes nothing."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    rendered = layout_pdf(doc, theme)
    once = write_pdf(rendered, created_at(doc))
    assert once == files["pdf"].read_bytes()
    assert fix_tags(files["raw.pdf"].read_bytes(), link_labels(rendered)) == once
    again = fix_tags(once, link_labels(rendered))
    with pikepdf.open(io.BytesIO(again)) as pdf:
        assert len(pdf.pages) == 4
        assert [str(a.Contents) for a in pdf.pages[1].Annots][-1] == "statutory guidance"
        tags = [e.role for e in walk(pdf, pdf.Root.StructTreeRoot)]
    with pikepdf.open(io.BytesIO(once)) as pdf:
        assert [e.role for e in walk(pdf, pdf.Root.StructTreeRoot)] == tags


def test_untagged_pdf_is_returned_unchanged() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    assert fix_tags(out.getvalue()) == out.getvalue()
