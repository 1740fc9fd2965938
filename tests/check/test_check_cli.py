"""``reportgen check``: what a clerk or CI sees, and the exit status CI relies on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from reportgen.cli import app

BrokenPdf = Callable[[Callable[[pikepdf.Pdf], None]], Path]


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *map(str, args)])
    return result.exit_code, result.output


def test_good_files_pass(files: dict[str, Path]) -> None:
    code, out = run(files["pdf"], files["docx"])
    assert code == 0
    assert out.splitlines() == [
        f"PASS {files['pdf']}: 0 error(s), 0 warning(s)",
        f"PASS {files['docx']}: 0 error(s), 0 warning(s)",
    ]


def test_verbose_shows_what_could_not_be_checked(files: dict[str, Path]) -> None:
    code, out = run("--verbose", files["pdf"])
    assert code == 0 and "info [pdfua-" in out


def test_failure_says_what_and_where_and_exits_1(
    files: dict[str, Path], broken_pdf: BrokenPdf
) -> None:
    def strip_alt(pdf: pikepdf.Pdf) -> None:
        from reportgen.check.pdf import walk

        figure = next(e.node for e in walk(pdf, pdf.Root.StructTreeRoot) if e.role == "/Figure")
        del figure.Alt

    broken = broken_pdf(strip_alt)
    code, out = run(files["docx"], broken)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("PASS") and lines[1] == f"FAIL {broken}: 2 error(s), 0 warning(s)"
    assert (
        "  error [pdf-figure-no-alt] page 2, figure 1: figure has no alternative text"
        " (/Alt)" in lines
    )
    assert any(line.startswith("  error [pdfua-UA-13-004] page 2") for line in lines)


def test_json_for_ci(files: dict[str, Path], broken_pdf: BrokenPdf) -> None:
    broken = broken_pdf(lambda pdf: pdf.Root.__delitem__("/Lang"))
    result = CliRunner().invoke(app, ["check", "--format", "json", str(broken)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert list(report) == [str(broken)]
    assert {
        "severity": "error",
        "code": "pdf-no-language",
        "message": "document language (/Lang) is not set",
        "where": "catalog",
    } in report[str(broken)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.pdf", "file not found"),
        ("notes.txt", "expected a report spec (.yaml)"),
        ("folder", "is a folder"),
    ],
)
def test_uncheckable_path_is_a_user_error(tmp_path: Path, name: str, message: str) -> None:
    """Nothing is checked when one path cannot be: exit 2, the path and the reason."""
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "folder").mkdir()
    good = tmp_path / "good.pdf"
    good.write_bytes(b"%PDF-1.7 not really")
    code, out = run(good, tmp_path / name)
    assert code == 2
    assert f"{tmp_path / name}: {message}" in out
    assert "good.pdf" not in out  # stopped before checking the good file


def test_spec_that_cannot_be_built_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "report.yaml"
    spec.write_text("title: [unclosed\n")
    code, out = run(spec)
    assert code == 2
    assert "report.yaml" in out and "not valid YAML" in out


def test_every_finding_code_is_documented() -> None:
    """docs/checks.md explains every code the checks can report (and no stale ones)."""
    import re

    root = Path(__file__).resolve().parents[2]
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((root / "reportgen" / "check").glob("*.py"))
    )
    emitted = set(re.findall(r'(?:error|warning|info|make)\(\s*"([a-z0-9-]+)"', source))
    emitted |= set(re.findall(r'Finding\("(?:error|warning|info)", "([a-z0-9-]+)"', source))
    docs = (root / "docs" / "checks.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", docs, flags=re.MULTILINE))
    assert len(emitted) > 40
    assert emitted - documented == set()
    assert documented - emitted == set()
