"""``reportgen batch`` on the example report: real DOCX and tagged PDF per area.

One batch per session (conftest): four areas on two worker processes, one of which
(South) fails in its narrative. Output files are checked as documents, not names.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from batch_example import AREAS, Batch, example_copy, run_batch_cli

pytestmark = pytest.mark.slow
BUILT = ("Example Borough", "North", "East")


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_exit_status_and_summary_count_built_and_failed(batch: Batch) -> None:
    assert batch.exit_code == 1  # some failed
    assert batch.summary["built"] == 3 and batch.summary["failed"] == 1
    assert batch.summary["workers"] == 2 and batch.summary["engine"] == "local"
    assert "Batch summary" in batch.output and "Built" in batch.output


def test_the_failure_is_reported_against_its_own_area(batch: Batch) -> None:
    failed = [i for i in batch.summary["items"] if not i["ok"]]
    assert [i["key"] for i in failed] == ["South"]
    assert "summary.md" in failed[0]["error"]  # names the snippet, as the build command would
    assert "failed South" in batch.output
    assert not list(batch.out.glob("*-south.*"))


def test_one_docx_and_one_pdf_per_area_with_the_area_in_the_name(batch: Batch) -> None:
    """And the data spreadsheet beside them (issue 19), named for the area too."""
    names = sorted(p.name for p in batch.out.iterdir() if not p.name.startswith("."))
    slugs = ("example-borough", "north", "east")
    assert len(names) == 9
    for slug in slugs:
        assert (
            sum(name.endswith((f"-{slug}.docx", f"-{slug}.pdf", f"-{slug}.xlsx")) for name in names)
            == 3
        )


def test_each_pdf_is_a_tagged_report_about_its_own_area(batch: Batch) -> None:
    for area in BUILT:
        slug = area.lower().replace(" ", "-")
        [path] = batch.out.glob(f"*-{slug}.pdf")
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 5
            assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        title = pdf_text(path).splitlines()[0]  # the running header: the report's title
        assert title.startswith("Children in Care and Care Leavers Performance Report")
        for other in AREAS[1:]:  # localities: the title names its own, never another's
            assert (f"{other} locality" in title) == (other == area)


def test_each_docx_is_a_word_document_about_its_own_area(batch: Batch) -> None:
    for area in BUILT:
        [path] = batch.out.glob(f"*-{area.lower().replace(' ', '-')}.docx")
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode("utf-8")
        assert area in body and "<w:tbl>" in body


def test_work_was_shared_by_two_worker_processes(batch: Batch) -> None:
    workers = {i["worker"] for i in batch.summary["items"]}
    assert len(workers) == 2


def test_unknown_area_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    spec = example_copy(tmp_path)
    code, output = run_batch_cli(
        [str(spec), "--areas", "North,Atlantis", "--out", str(tmp_path / "out")]
    )
    assert code == 2
    assert "unknown area(s): Atlantis" in output and "North" in output
    assert not (tmp_path / "out").exists()


def test_dask_engine_builds_real_reports_on_a_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    spec = example_copy(tmp_path)
    summary = tmp_path / "summary.json"
    code, output = run_batch_cli(
        [
            str(spec),
            "--areas",
            "North,East",
            "--workers",
            "2",
            "--engine",
            "dask",
            "--formats",
            "pdf",
            "--out",
            str(tmp_path / "out"),
            "--json",
            str(summary),
        ]
    )
    assert code == 0, output
    pdfs = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert [n.rsplit("-", 1)[1] for n in pdfs] == ["east.pdf", "north.pdf"]
    for path in (tmp_path / "out").glob("*.pdf"):
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 5
