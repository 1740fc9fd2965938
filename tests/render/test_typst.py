"""Typst writer: tagged PDF/UA-1 of the hand-built sample document, read back as a reader
and a screen reader would (pdftotext, the structure tree, the outline), plus the safety
of its text handling and the engine choice.

Each PDF is compiled once per module (Typst takes tens of milliseconds).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from reportgen import model as m
from reportgen.errors import ReportgenError
from reportgen.render.engine import ENV, choose_engine
from reportgen.render.theme import Theme
from reportgen.render.typst import TypstRenderError, render_typst
from reportgen.render.typst.code import label_name, lit

ROOT = Path(__file__).resolve().parents[2]


def pdftotext(data: bytes, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, in reading order."""

    def walk(node: Any) -> Iterator[pikepdf.Dictionary]:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                yield from walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            yield from walk(node.get("/K"))

    yield from walk(pdf.Root.StructTreeRoot.K)


def scope(cell: pikepdf.Dictionary) -> str | None:
    attrs = cell.get("/A")
    for item in attrs if isinstance(attrs, pikepdf.Array) else [attrs]:
        if isinstance(item, pikepdf.Dictionary) and "/Scope" in item:
            return str(item.Scope)
    return None


@pytest.fixture(scope="module")
def typst_bytes(doc: m.Document, theme: Theme) -> bytes:
    return render_typst(doc, theme)


@pytest.fixture(scope="module")
def pdf(typst_bytes: bytes) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(io.BytesIO(typst_bytes)) as opened:
        yield opened


def test_title_language_and_pdfua_identifier(pdf: pikepdf.Pdf) -> None:
    assert str(pdf.Root.Lang) == "en-GB"
    assert str(pdf.docinfo.Title) == "Corporate Parenting Performance Report – January 2017"
    assert "pdfuaid:part" in pdf.Root.Metadata.read_bytes().decode()
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True


def test_independent_validator_finds_nothing(typst_bytes: bytes, tmp_path: Path) -> None:
    pdfua = pytest.importorskip("pdfua")
    path = tmp_path / "sample.pdf"
    path.write_bytes(typst_bytes)
    report = pdfua.validate(str(path))
    assert [f.rule_id for f in report.findings] == []


def test_reportgens_own_check_finds_no_error(typst_bytes: bytes, tmp_path: Path) -> None:
    from reportgen.check.pdf import check_pdf

    path = tmp_path / "sample.pdf"
    path.write_bytes(typst_bytes)
    errors = [f for f in check_pdf(path) if f.severity == "error"]
    assert errors == []


def test_headings_follow_the_model_levels(pdf: pikepdf.Pdf, doc: m.Document) -> None:
    found = [
        (int(str(e.S)[2:]), str(e.get("/T", "")))
        for e in elements(pdf)
        if str(e.S) in {f"/H{n}" for n in range(1, 7)}
    ]
    expected = [(1, "Corporate Parenting Performance Report")]
    expected += [(level + 1, heading) for level, heading in m.headings(doc)]
    assert found == expected


def test_bookmarks_put_title_and_top_sections_side_by_side(
    pdf: pikepdf.Pdf, doc: m.Document
) -> None:
    with pdf.open_outline() as tree:
        top = [item.title for item in tree.root]
        under_key_issues = [
            c.title for item in tree.root if item.title == "3 Key Issues" for c in item.children
        ]
    sections = [b.heading for b in doc.body if isinstance(b, m.Section)]
    assert top == ["Corporate Parenting Performance Report", *sections]
    assert under_key_issues == ["3.4 Plans"]  # a space after the number, as in Word


def test_figure_alt_text_is_the_models(pdf: pikepdf.Pdf, doc: m.Document) -> None:
    alts = [str(e.Alt) for e in elements(pdf) if e.S == "/Figure"]
    figures = [b.alt for b, _ in m.walk(doc.body) if isinstance(b, m.Figure)]
    assert alts == figures


def test_header_rows_are_column_headers_and_row_headers_are_row_headers(pdf: pikepdf.Pdf) -> None:
    cells = [(str(e.S), scope(e)) for e in elements(pdf) if e.S in ("/TH", "/TD")]
    assert {s for kind, s in cells if kind == "/TH"} == {"/Column", "/Row"}
    # the cover sheet's 4 labels and the scorecard's 3 indicator names head their rows;
    # the chart's data table (no row headers) has none
    assert sum(1 for kind, s in cells if kind == "/TH" and s == "/Row") == 4 + 3


def test_running_head_footer_and_page_numbers_are_printed_but_not_tagged(
    typst_bytes: bytes, pdf: pikepdf.Pdf
) -> None:
    first = pdftotext(typst_bytes, "-f", "1", "-l", "1")
    assert "Corporate Parenting Performance – January 2017" in first
    assert "Corporate Parenting Panel, 14 March 2017" in first
    pages = len(pdf.pages)
    assert f"Page 1 of {pages}" in first
    # artifacts: only the cover's own title line is real content on page 1
    tagged_text = " ".join(str(e.get("/T", "")) for e in elements(pdf))
    assert "Page 1 of" not in tagged_text


def test_contents_page_numbers_come_from_the_layout(typst_bytes: bytes, pdf: pikepdf.Pdf) -> None:
    pages = [
        pdftotext(typst_bytes, "-f", str(n), "-l", str(n)) for n in range(1, len(pdf.pages) + 1)
    ]
    contents = next(p for p in pages if "Contents" in p)
    line = next(ln for ln in contents.splitlines() if ln.startswith("Accountable Officer"))
    number = int(line.rstrip(".").split(".")[-1].strip(". "))
    assert "Accountable Officer(s)" in pages[number - 1].split("Contents")[-1]


def test_draft_watermark_is_an_artifact(draft_doc: m.Document, theme: Theme) -> None:
    data = render_typst(draft_doc, theme)
    assert "DRAFT – FOR INTERNAL REVIEW" in pdftotext(data, "-f", "1", "-l", "1")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        content = (
            pdf.pages[1].Contents.read_bytes()
            if isinstance(pdf.pages[1].Contents, pikepdf.Stream)
            else b""
        )
    assert b"/Artifact" in content or content == b""


def test_same_document_gives_the_same_bytes(
    doc: m.Document, theme: Theme, typst_bytes: bytes
) -> None:
    assert render_typst(doc, theme) == typst_bytes


def test_landscape_section_prints_on_landscape_pages(doc: m.Document, theme: Theme) -> None:
    wide = m.Section(
        "Action plan", (m.Paragraph(m.inlines("Wide table here.")),), number="5", landscape=True
    )
    data = render_typst(replace(doc, body=(*doc.body, wide)), theme)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        boxes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]
    assert boxes[0][0] < boxes[0][1]  # portrait
    assert boxes[-1][0] > boxes[-1][1]  # the action plan: landscape


HOSTILE = (
    '#read("/etc/passwd") ] [ *not bold* _x_ $x^2$ @ref <label> '
    '\\ "quoted" // comment /* c */ = heading `raw` ~ \u00a0\x01'
)


def test_text_is_printed_literally_never_run(doc: m.Document, theme: Theme) -> None:
    hostile = m.Section(
        HOSTILE,
        (
            m.Paragraph(m.inlines(HOSTILE)),
            m.Table((m.cell(HOSTILE),), ((m.cell("x"),),), caption=HOSTILE),
        ),
        anchor="<x>] #y",
    )
    meta = replace(doc.meta, title=HOSTILE.replace("\x01", ""))
    data = render_typst(m.Document(meta=meta, body=(hostile,)), theme)
    text = " ".join(pdftotext(data).split())
    visible = " ".join(HOSTILE.replace("\x01", "").split())
    assert text.count(visible) >= 3  # heading, paragraph, header cell (and caption)
    assert "root:" not in text


def test_string_literals_and_labels_cannot_break_out() -> None:
    assert lit('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert lit("\x07") == '"\\u{7}"'
    assert label_name("sec-3.4") == "sec-3.4"
    assert label_name("<x>] #y").startswith("rg-")


def test_missing_title_is_refused_by_the_compiler(doc: m.Document, theme: Theme) -> None:
    with pytest.raises(TypstRenderError, match="title"):
        render_typst(replace(doc, meta=replace(doc.meta, title="")), theme)


def test_link_to_a_missing_anchor_is_plain_text(doc: m.Document, theme: Theme) -> None:
    para = m.Paragraph((m.Text("see item 9", link="#item-9"),))
    data = render_typst(m.Document(meta=doc.meta, body=(para,)), theme)
    assert "see item 9" in pdftotext(data)


def test_png_only_pictures_go_through_a_private_root(theme: Theme) -> None:
    from sample_document import tiny_png

    figure = m.Figure(
        m.Image(png=tiny_png(), width_mm=40, height_mm=20), alt="A box.", caption="Figure 1: A box"
    )
    data = render_typst(m.Document(meta=m.Metadata(title="PNG"), body=(figure,)), theme)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        assert any(xobjects[k].Subtype == "/Image" for k in xobjects)


@pytest.mark.parametrize(
    ("option", "env", "project", "theme_value", "expected"),
    [
        ("weasyprint", "typst", "typst", "typst", "weasyprint"),
        (None, "weasyprint", "typst", "typst", "weasyprint"),
        (None, None, "weasyprint", "typst", "weasyprint"),
        (None, None, None, "weasyprint", "weasyprint"),
        (None, None, "typst", "weasyprint", "typst"),
    ],
)
def test_engine_precedence(
    monkeypatch: pytest.MonkeyPatch,
    theme: Theme,
    option: str | None,
    env: str | None,
    project: str | None,
    theme_value: str,
    expected: str,
) -> None:
    if env:
        monkeypatch.setenv(ENV, env)
    else:
        monkeypatch.delenv(ENV, raising=False)
    chosen = choose_engine(option, project, replace(theme, pdf_engine=theme_value))
    assert chosen == expected


def test_unknown_engine_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    with pytest.raises(ReportgenError, match="unknown PDF engine 'prince'"):
        choose_engine("prince")


IMPORTS = """
import json, sys
sys.path.insert(0, {support!r})
from pathlib import Path
from sample_document import sample_document
from reportgen.api import render
render(sample_document(), Path({base!r}), "pdf", {engine!r})
print(json.dumps(sorted(m for m in ("typst", "weasyprint") if m in sys.modules)))
"""


@pytest.mark.parametrize("engine", ["typst", "weasyprint"])
def test_a_pdf_build_imports_only_its_engine(engine: str) -> None:
    code = IMPORTS.format(
        support=str(ROOT / "tests" / "support"),
        base=str(ROOT / "templates" / "_base"),
        engine=engine,
    )
    env = {k: v for k, v in os.environ.items() if k != ENV}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT, env=env, text=True
    ).stdout
    assert json.loads(out.splitlines()[-1]) == [engine]
