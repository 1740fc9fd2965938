"""Pagination that holds in the outputs a reader gets (issue 19): the Typst PDF (the
default engine) and the Word file as LibreOffice lays it out, every page of every example.

Each example is built once per session (``example_build``); all the Word files go through
one LibreOffice call. The rules are ``page_measure.violations``: no short table split, no
long table leaving a row alone, no heading or lead-in at a page foot, no page more than
half empty unless a section must end there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from docfiles import pdf_page_texts
from example_builds import ExampleBuilds
from page_measure import violations
from pdf_pages import leaves, measure_pdf

from reportgen import api
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "reports").glob("*.yaml"))
TAGGED = {"UseTaggedPDF": {"type": "boolean", "value": "true"}}


@pytest.fixture(scope="session")
def built(example_build: ExampleBuilds) -> dict[str, api.BuildResult]:
    return {name: example_build(ROOT / "reports" / name) for name in EXAMPLES}


@pytest.fixture(scope="session")
def word_pdfs(
    built: dict[str, api.BuildResult], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every example's DOCX laid out by LibreOffice, in one call (tagged PDF, so the
    structure says which page each row and heading is on)."""
    out = tmp_path_factory.mktemp("word-pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    files = [str(r.outputs["docx"]) for r in built.values()]
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            f"pdf:writer_pdf_Export:{json.dumps(TAGGED)}",
            "--outdir",
            str(out),
            *files,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: out / (r.outputs["docx"].stem + ".pdf") for name, r in built.items()}


def _facts(result: api.BuildResult, pdf: Path):  # type: ignore[no-untyped-def]
    assert result.document is not None
    page = load_theme(ROOT / "templates" / result.document.template).page
    return measure_pdf(pdf, result.document, page)


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_page_of_the_typst_pdf_holds(name: str, built: dict[str, api.BuildResult]) -> None:
    result = built[name]
    facts = _facts(result, result.outputs["pdf"])
    assert len(facts) >= 2
    assert violations(facts) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_page_of_the_word_file_holds(
    name: str, built: dict[str, api.BuildResult], word_pdfs: dict[str, Path]
) -> None:
    facts = _facts(built[name], word_pdfs[name])
    assert len(facts) >= 2
    assert violations(facts) == []


@pytest.mark.slow
def test_the_word_layout_is_tagged_enough_to_measure(word_pdfs: dict[str, Path]) -> None:
    """The Word measure reads LibreOffice's structure tree: it must hold tables and
    headings, or the rules above would pass on nothing."""
    import pikepdf

    with pikepdf.open(word_pdfs["corporate-parenting.yaml"]) as pdf:
        kinds = {t for leaf in leaves(pdf) for t in leaf.path}
    assert {"/Table", "/TR", "/H1", "/H2"} <= kinds


#: A committee report's front sheet: its first label and its last.
FRONT_SHEET = ("Report summary sheet", "Exempt from the Press and Public")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["corporate-parenting.yaml", "placement-commissioning.yaml"])
def test_the_front_sheet_keeps_to_page_one_in_word_and_the_pdf(
    name: str, built: dict[str, api.BuildResult], word_pdfs: dict[str, Path]
) -> None:
    """The summary sheet is one page a member reads first: Word (through LibreOffice)
    spilled its last two rows onto page 2 while the PDF kept it whole."""
    for pdf in (word_pdfs[name], built[name].outputs["pdf"]):
        pages = pdf_page_texts(pdf)
        first, last = FRONT_SHEET
        assert first in pages[0] and last in pages[0], (pdf.name, pages[1][:200])
