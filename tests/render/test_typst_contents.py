"""A DOCX built beside a Typst PDF numbers its contents list from the Typst layout.

The example with a contents list (the performance surgery paper) is built to DOCX + PDF
with the Typst engine in a fresh interpreter, as ``reportgen build`` does, so that the
test can see which modules it loaded: WeasyPrint must not be among them (it used to be
imported only to lay the report out a second time for the Word page numbers). Then the
Word contents list's cached page numbers are compared with where the headings really
are in the Typst PDF, read independently of the writer's marks: from the PDF's own
bookmarks (Typst writes them from the headings) and from the page text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pikepdf
import pytest

from reportgen.render.engine import ENV

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "performance-surgery-cla.yaml"

BUILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from reportgen.api import Overrides, build_report
result = build_report(Path({spec!r}), Path({out!r}), ("docx", "pdf"), Overrides(pdf_engine="typst"))
loaded = sorted(m for m in ("typst", "weasyprint") if m in sys.modules)
print(json.dumps({{"loaded": loaded, "outputs": {{k: str(v) for k, v in result.outputs.items()}}}}))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("typst-contents")
    code = BUILD.format(root=str(ROOT), spec=str(SPEC), out=str(out))
    env = {k: v for k, v in os.environ.items() if k != ENV}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    data: dict[str, object] = json.loads(run.stdout.splitlines()[-1])
    return data


def contents_lines(path: Path) -> list[tuple[str, int]]:
    """(title, page) of every line of the Word contents list, from its cached text."""
    found = []
    for paragraph in docx.Document(str(path)).paragraphs:
        if paragraph.style is not None and re.fullmatch(r"toc \d", paragraph.style.name.lower()):
            title, _, page = paragraph.text.rpartition("\t")
            found.append((title.split("\t")[-1], int(page)))
    return found


def bookmark_pages(path: Path) -> dict[str, int]:
    """Every bookmark's title -> 1-based page, at any depth."""
    found: dict[str, int] = {}
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}

        def walk(items: list[pikepdf.OutlineItem]) -> None:
            for item in items:
                target = item.destination if item.destination is not None else item.action.D
                found.setdefault(str(item.title), pages[target[0].objgen])
                walk(list(item.children))

        with pdf.open_outline() as outline:
            walk(list(outline.root))
    return found


def page_text(pdf: bytes, page: int) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()


def test_a_typst_build_with_contents_never_imports_weasyprint(built: dict[str, object]) -> None:
    assert built["loaded"] == ["typst"]


def test_word_contents_pages_are_the_typst_pdfs_heading_pages(built: dict[str, object]) -> None:
    outputs = built["outputs"]
    assert isinstance(outputs, dict)
    lines = contents_lines(Path(outputs["docx"]))
    assert len(lines) >= 10, lines  # the example's contents list, two levels deep
    marks = bookmark_pages(Path(outputs["pdf"]))
    pdf = Path(outputs["pdf"]).read_bytes()
    for title, page in lines:
        assert marks[title] == page, (title, page, marks[title])
        assert title in page_text(pdf, page).replace("\n", " ")
    # the numbers are real layout, not a constant: the contents span several pages
    assert len({page for _, page in lines}) >= 5
