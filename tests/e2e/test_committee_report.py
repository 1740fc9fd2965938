"""The example committee report, end to end: spec + data + narratives -> DOCX and PDF.

Every assertion reads the real output files and compares them with the engine's results,
so a figure typed by hand, a lost heading or a chart without alt text fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docfiles import docx_body, flat, pdf_text, struct_nodes, table_starting
from e2e_helpers import EXAMPLE, ROOT, Built
from system_tools import need
from typer.testing import CliRunner

from reportgen import api
from reportgen import formatting as fmt
from reportgen.cli import app
from reportgen.errors import NarrativeError, SpecError

pytestmark = pytest.mark.slow

SECTIONS = [
    "Recommendations",
    "Background",
    "Key Issues",
    "Options considered and recommended proposal",
    "Consultation",
    "Financial and Procurement Implications",
    "Legal Implications",
    "Human Resources Implications",
    "Equalities and Human Rights Implications",
    "Risks and Mitigation",
    "Accountable Officer(s)",
    "Approvals Obtained",
]


def test_pdf_has_cover_sheet_and_numbered_sections_in_order(draft: Built) -> None:
    text = flat(draft.pdf_text)
    assert "Children in Care and Care Leavers Performance Report" in text
    assert "Corporate Parenting Panel" in text
    assert "Exempt from the Press and Public" in text
    positions = [text.find(title) for title in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)
    assert re.search(r"3\.\d+\.\d+", text), "paragraphs inside key issues are numbered 3.x.y"
    assert "2.1" in text and "1.1" in text


def test_pdf_figures_come_from_the_engine(draft: Built, results: object) -> None:
    text = flat(draft.pdf_text)
    cla = results["cla_rate"]  # type: ignore[index]
    eet = results["eet"]  # type: ignore[index]
    visits = results["visits"]  # type: ignore[index]
    assert f"there were {fmt.fmt_count(cla.count)} children in care" in text
    assert f"a rate of {fmt.fmt_rate(cla.rate)} per 10,000" in text
    assert fmt.fmt_percent(eet.value) in text
    assert fmt.fmt_percent(visits.value) in text
    assert f"direction of travel is {cla.direction_year}" in text


def test_brag_table_rows_match_the_hand_worked_figures(draft: Built) -> None:
    """The key indicators table (Word and PDF), three rows worked by hand from data/:
    children in care 482 / 56,374 x 10,000 = 85.50 (December 476 -> 84.44), target 84.0,
    statistical neighbours' 2015/16 mean (82.2 + 63.8 + 82.4 + 56.4 + 74.9 + 63.1 + 98.4 +
    76.9 + 78.4 + 81.5) / 10 = 75.80, England 60.0, 1.8% adrift -> amber; visits 380 / 483
    = 78.67% (396 / 476 = 83.19%) against 95.0, 17.2% short -> red, no benchmarks; care
    leavers in EET 159 / 223 = 71.30% (159 / 225 = 70.67%) against 60.0 -> blue."""
    body = docx_body(draft.docx)
    rows = {row[0]: row[1:7] for row in table_starting(body, "Indicator")[1:]}
    assert rows["Children in care rate (per 10,000)"] == [
        "85.5",
        "84.4",
        "84.0",
        "75.8",
        "60.0",
        "Amber",
    ]
    # no published comparator for a local measure: the GSS symbol x, with its key
    assert rows["Visits on time (%)"] == ["78.7%", "83.2%", "95.0%", "x", "x", "Red"]
    assert rows["Care leavers in EET (%)"][:3] == ["71.3%", "70.7%", "60.0%"]
    assert rows["Care leavers in EET (%)"][5] == "Blue"
    text = flat(draft.pdf_text)
    assert "85.5 84.4 84.0 75.8 60.0 Amber" in text
    assert "78.7% 83.2% 95.0% x x Red" in text
    assert "Key: x = not available." in text


def test_pdf_is_tagged_titled_bookmarked_and_has_charts(draft: Built) -> None:
    with pikepdf.open(draft.pdf) as pdf:
        assert len(pdf.pages) >= 5
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root
        assert "Performance Report" in str(pdf.docinfo.get("/Title"))
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            nested = [child.title for item in outline.root for child in item.children]
        assert any("Key Issues" in t for t in titles)
        assert any("Children in care" in t for t in nested)
        alts = [
            str(node.get("/Alt"))
            for node in struct_nodes(pdf)
            if node.get("/S") == pikepdf.Name.Figure
        ]
    doc = draft.result.document
    assert doc is not None
    assert len(alts) >= 5
    assert all(len(a) > 40 for a in alts), alts


def test_draft_has_watermark_and_final_does_not(draft: Built, final: Built) -> None:
    assert "DRAFT" in draft.pdf_text
    assert "DRAFT" not in final.pdf_text
    assert any("DRAFT" in xml for name, xml in draft.docx_xml.items() if "header" in name)
    assert not any("DRAFT" in xml for xml in final.docx_xml.values())


def test_docx_headings_pictures_alt_text_and_header_rows(draft: Built) -> None:
    body = draft.docx_xml["word/document.xml"]
    for title in ("Background", "Key Issues", "Approvals Obtained"):
        assert re.search(rf'<w:pStyle w:val="Heading\d"/>.*?{re.escape(title)}', body)
    pictures = re.findall(r"<wp:docPr [^>]*>", body)
    assert len(pictures) >= 5
    assert all('descr="' in p and 'descr=""' not in p for p in pictures)
    assert body.count("<w:tblHeader") >= 3
    core = draft.docx_xml["docProps/core.xml"]
    assert "Children in Care and Care Leavers Performance Report" in core
    assert "en-GB" in draft.docx_xml["word/styles.xml"] or "en-GB" in core


def test_docx_and_pdf_say_the_same_things(draft: Built) -> None:
    pdf = flat(draft.pdf_text)
    doc_text = flat(re.sub(r"<[^>]+>", " ", draft.docx_xml["word/document.xml"]))
    doc_text = doc_text.replace("&amp;", "&")
    for sentence in re.findall(r"There (?:was|were) [^.]+ in January 2017", pdf):
        assert flat(sentence) in doc_text
    assert "Implications supplied by Mark Hughes" in pdf
    assert "Implications supplied by Mark Hughes" in doc_text


@pytest.mark.libreoffice
def test_docx_opens_in_libreoffice(draft: Built, tmp_path: Path) -> None:
    soffice = need("soffice")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(draft.docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / (draft.docx.stem + ".pdf")
    text = flat(pdf_text(converted, layout=True))
    assert "Key Issues" in text and "Approvals Obtained" in text
    with pikepdf.open(converted) as pdf:
        assert len(pdf.pages) >= 4


def test_output_names_and_nothing_left_over(draft: Built) -> None:
    folder = draft.pdf.parent
    assert draft.pdf.name.startswith("2017-01-")
    assert sorted(p.suffix for p in folder.iterdir()) == [".docx", ".pdf", ".xlsx"]
    assert len({p.stem for p in folder.iterdir()}) == 1  # the data beside the report


def _copy_example(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "narratives" / "corporate-parenting", tmp_path / "narr")
    spec = tmp_path / "reports" / "spec.yaml"
    spec.parent.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("../narratives/corporate-parenting", "../narr")
    text = text.replace("data: ../data", f"data: {ROOT / 'data'}")
    spec.write_text(text, encoding="utf-8")
    return spec


def test_undefined_placeholder_names_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    spec = _copy_example(tmp_path)
    snippet = tmp_path / "narr" / "visits.md"
    snippet.write_text(
        "First line.\nThe figure is {{ vists.value | percent }}.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    with pytest.raises(NarrativeError) as caught:
        api.build_report(spec, out)
    message = str(caught.value)
    assert "visits.md" in message and "line 2" in message and "vists" in message
    assert not out.exists() or not any(out.iterdir())


def test_unknown_indicator_in_chart_is_a_spec_error(tmp_path: Path) -> None:
    spec = _copy_example(tmp_path)
    spec.write_text(
        spec.read_text().replace(
            "{type: trend, indicator: visits}", "{type: trend, indicator: visitz}"
        )
    )
    with pytest.raises(SpecError) as caught:
        api.compose_document(spec)
    assert "visitz" in str(caught.value) and "spec.yaml" in str(caught.value)


def test_cli_build_and_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["build", str(EXAMPLE), "--out", str(tmp_path), "-f", "docx"])
    assert ok.exit_code == 0, ok.output
    assert (
        tmp_path / "2017-01-children-in-care-and-care-leavers-performance-report.docx"
    ).is_file() or any(p.suffix == ".docx" for p in tmp_path.iterdir())
    bad = runner.invoke(app, ["build", str(EXAMPLE), "--period", "2031-01"])
    assert bad.exit_code == 2
    assert "2031-01" in bad.output
    missing = runner.invoke(app, ["build", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "nope.yaml" in missing.output


def test_inspect_outline_and_model(tmp_path: Path) -> None:
    import json

    runner = CliRunner()
    outline = runner.invoke(app, ["inspect", str(EXAMPLE)])
    assert outline.exit_code == 0, outline.output
    assert "Key Issues" in outline.output
    assert re.search(r"^  (3\.1 )?Children in care$", outline.output, re.M)
    model = runner.invoke(app, ["inspect", str(EXAMPLE), "--to", "model"])
    data = json.loads(model.stdout)
    assert data["type"] == "Document" and data["meta"]["title"].startswith("Children in Care")


def test_new_scaffolds_a_spec_that_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(app, ["new", "committee-report", "fostering"])
    assert made.exit_code == 0, made.output
    spec = tmp_path / "reports" / "fostering.yaml"
    assert (tmp_path / "narratives" / "fostering" / "summary.md").is_file()
    result = api.build_report(spec, tmp_path / "output", ("docx",))
    assert result.outputs["docx"].is_file()
    again = runner.invoke(app, ["new", "committee-report", "fostering"])
    assert again.exit_code == 2 and "already exists" in again.output


def test_locality_report_names_the_locality_and_compares_localities(tmp_path: Path) -> None:
    result = api.build_report(EXAMPLE, tmp_path, ("pdf",), api.Overrides(area="North"))
    text = flat(pdf_text(result.outputs["pdf"], layout=True))
    north = api.prepare(EXAMPLE, api.Overrides(area="North")).results["cla_rate"]
    assert result.outputs["pdf"].name.endswith("-north.pdf")
    assert "Performance Report: North locality" in text
    assert "Overall, the North locality has" in text
    assert f"there were {fmt.fmt_count(north.count)} children in care" in text
    assert "by locality, January 2017" in text
    assert "statistical neighbour average" not in text  # no benchmarks for a locality
