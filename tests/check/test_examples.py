"""``reportgen check`` on every example output: each report under reports/ built to PDF
and DOCX, and the example meeting's agenda packs. Any error fails CI, so an
accessibility or content regression in a renderer, template, snippet or spec is
caught where a council would publish it.

Every output is built once per session (pinned clock) and shared by the tests here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from example_builds import ExampleBuilds, ExamplePacks
from typer.testing import CliRunner

from reportgen.check import check_spec
from reportgen.check.findings import Finding

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "reports").glob("*.yaml"))
MEETINGS = sorted((ROOT / "meetings").glob("*.yaml"))
EPOCH = "1488326400"  # 2017-03-01

pytestmark = pytest.mark.slow


def problems(found: list[Finding]) -> list[str]:
    return [str(f) for f in found if f.severity == "error"]


@pytest.fixture(scope="session")
def built_example(example_build: ExampleBuilds) -> ExampleBuilds:
    """Each example report built once per session (shared with the template tests)."""
    return example_build


@pytest.fixture(scope="session")
def packs(example_packs: ExamplePacks) -> list[Path]:
    """Every pack of every example meeting (public, full, supplements): PDF and DOCX,
    packed once per session (shared with tests/pack/test_pack_example.py)."""
    return [
        p
        for meeting in MEETINGS
        for p in sorted(example_packs(meeting).iterdir())
        if p.suffix in (".pdf", ".docx")
    ]


def test_there_are_examples_to_check() -> None:
    assert len(EXAMPLES) >= 2 and MEETINGS


@pytest.mark.parametrize("spec", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_report_passes_every_check(spec: Path, built_example: ExampleBuilds) -> None:
    """Content (stale figures, placeholders, approvals), colour and both files,
    including the independent PDF/UA validator."""
    result = built_example(spec)
    found = check_spec(spec, built=result, out_dirs=())
    assert problems(found) == []
    pdf_checked = [f for f in found if f.where.startswith(f"{result.stem}.pdf")]
    assert any(f.code.startswith("pdfua-") for f in pdf_checked), "pdfua did not run"


@pytest.mark.parametrize("spec", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_pdf_structure_is_real(spec: Path, built_example: ExampleBuilds) -> None:
    """What the checks pass is there to check: headings, tables with scoped headers,
    figures with alt text, a title and the language, in the file itself."""
    result = built_example(spec)
    assert result.document is not None
    with pikepdf.open(result.outputs["pdf"]) as pdf:
        roles: list[str] = []
        scoped = alt = 0
        stack = list(pdf.Root.StructTreeRoot.K)
        while stack:
            node = stack.pop()
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                continue
            roles.append(str(node.S))
            attrs = node.get("/A")  # one attribute dictionary, or an array of them (Typst)
            scoped += str(node.S) == "/TH" and any(
                isinstance(a, pikepdf.Dictionary) and "/Scope" in a
                for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs])
            )
            alt += str(node.S) == "/Figure" and bool(str(node.get("/Alt", "")).strip())
            kids = node.get("/K")
            stack += (
                list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            )
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == result.document.meta.title
    assert "/H1" in roles and "/H2" in roles
    assert scoped == roles.count("/TH") > 0
    assert alt == roles.count("/Figure")


def test_cli_checks_every_example_output(built_example: ExampleBuilds, packs: list[Path]) -> None:
    """``reportgen check`` itself, on all the files at once: exit 0, one line each."""
    from reportgen.cli import app

    outputs = [
        p for spec in EXAMPLES for p in built_example(spec).outputs.values() if p.suffix != ".xlsx"
    ]  # the data spreadsheet: `check` reads PDF and DOCX
    outputs += packs
    result = CliRunner().invoke(app, ["check", "--format", "json", *map(str, outputs)])
    report = json.loads(result.output)
    failures = {
        path: [f for f in found if f["severity"] == "error"] for path, found in report.items()
    }
    assert {p: f for p, f in failures.items() if f} == {}
    assert result.exit_code == 0
    assert sorted(report) == sorted(map(str, outputs))


def _alt_texts(path: Path) -> list[str]:
    """The alt text of every figure in a PDF, in reading order."""
    from reportgen.check.pdf import walk

    with pikepdf.open(path) as pdf:
        return [
            str(e.node.get("/Alt", ""))
            for e in walk(pdf, pdf.Root.StructTreeRoot)
            if e.role == "/Figure"
        ]


def test_packs_keep_every_reports_tags(packs: list[Path], built_example: ExampleBuilds) -> None:
    """The full pack carries the tagged figures of every report on its agenda, in
    agenda order; external files are the only pages hidden from screen readers (a
    warning, not an error)."""
    import yaml

    from reportgen.check import check_pdf

    meeting = MEETINGS[0]
    items = yaml.safe_load(meeting.read_text(encoding="utf-8"))["items"]
    reports = [(meeting.parent / item["report"]).resolve() for item in items if "report" in item]
    expected = [alt for spec in reports for alt in _alt_texts(built_example(spec).outputs["pdf"])]
    full = next(
        p
        for p in packs
        if p.parent.name == meeting.stem
        and p.name.endswith("-full.pdf")
        and "supplement" not in p.name
    )
    assert expected and _alt_texts(full) == expected
    found = check_pdf(full, independent=False)
    assert problems(found) == []
    assert {f.code for f in found} <= {"pdf-hidden-page"}
