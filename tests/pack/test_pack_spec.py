"""Meeting spec validation and atomic output: a bad item is named, and no pack is left."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pack_meeting import CREATED, MEETING, ROOT, fake_compose, write_meeting

from reportgen.errors import SpecError
from reportgen.pack import assemble as assemble_module
from reportgen.pack import build, build_packs, items, load_meeting


def _spec(tmp_path: Path, meeting: str = MEETING) -> Path:
    return write_meeting(tmp_path, meeting)


def test_example_meeting_validates(tmp_path: Path) -> None:
    spec = load_meeting(_spec(tmp_path))
    assert spec.committee == "Corporate Parenting Panel"
    assert [i.kind for i in spec.items] == [
        "text",
        "text",
        "file",
        "report",
        "report",
        "report",
        "report",
        "text",
    ]


def test_missing_item_file_is_named(tmp_path: Path) -> None:
    spec = _spec(tmp_path, MEETING.replace("files/minutes.pdf", "files/missing.pdf"))
    with pytest.raises(SpecError) as error:
        load_meeting(spec)
    message = str(error.value)
    assert "agenda item 3 (Minutes of the last meeting)" in message
    assert "missing.pdf" in message


def test_missing_report_spec_is_named(tmp_path: Path) -> None:
    spec = _spec(tmp_path, MEETING.replace("reports/sufficiency.yaml", "reports/nope.yaml"))
    with pytest.raises(SpecError, match=r"agenda item 6 \(reports/nope.yaml\): report not found"):
        load_meeting(spec)


def test_bad_exempt_paragraph(tmp_path: Path) -> None:
    bad = MEETING.replace(
        "    public_title: Residential", "    exempt: {paragraph: 9}\n    public_title: Residential"
    )
    with pytest.raises(SpecError, match=r"items\.6\.exempt\.paragraph: .*1 to 7"):
        load_meeting(_spec(tmp_path, bad))


def test_supplement_item_needs_urgency_reason(tmp_path: Path) -> None:
    bad = MEETING.replace(
        "      urgency_reason: the letter arrived after the agenda was published.\n", ""
    )
    with pytest.raises(SpecError, match="urgency_reason"):
        load_meeting(_spec(tmp_path, bad))


def test_item_cannot_be_report_and_file(tmp_path: Path) -> None:
    bad = MEETING.replace(
        "  - report: reports/performance.yaml",
        "  - report: reports/performance.yaml\n    file: files/minutes.pdf",
    )
    with pytest.raises(SpecError, match="either a report or a file"):
        load_meeting(_spec(tmp_path, bad))


def test_unreadable_pdf_is_named_and_no_pack_written(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    (tmp_path / "files" / "minutes.pdf").write_bytes(b"this is not a PDF")
    with pytest.raises(
        SpecError,
        match=r"agenda item 3 \(Minutes of the last meeting\): "
        "not a readable PDF",
    ):
        build_packs(spec, tmp_path / "output", created=CREATED)
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


def test_docx_without_libreoffice_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = tmp_path / "appendix.docx"
    docx.write_bytes(b"PK")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SpecError, match="LibreOffice"):
        items.read_pdf(docx, "agenda item 4 (Appendix)")


def test_failure_after_layout_leaves_no_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every pack is built in memory first: a failure in the last one writes nothing."""
    spec = _spec(tmp_path)
    monkeypatch.setattr(items, "_compose", fake_compose)
    real, calls = assemble_module.assemble, []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise SpecError("simulated failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "assemble", flaky)
    with pytest.raises(SpecError, match="simulated"):
        build_packs(spec, tmp_path / "output", created=CREATED)
    assert len(calls) == 3
    leftovers = list((tmp_path / "output").glob("*")) if (tmp_path / "output").exists() else []
    assert leftovers == []


@pytest.mark.slow
@pytest.mark.libreoffice
def test_docx_item_is_converted_with_libreoffice() -> None:
    docx = ROOT / "meetings" / "files" / "work-programme-2016-17.docx"
    data, pages = items.read_pdf(docx, "agenda item 9 (Work programme)")
    assert data.startswith(b"%PDF") and pages >= 1


def test_same_meeting_gives_the_same_bytes(
    tmp_path: Path, built: dict[str, dict[str, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec(tmp_path)
    monkeypatch.setattr(items, "_compose", fake_compose)
    again = build_packs(spec, tmp_path / "output", ("public",), created=CREATED).outputs
    for ext in ("pdf", "docx"):
        first = built["cpp-2017-03-public"][ext].read_bytes()
        assert again["cpp-2017-03-public"][ext].read_bytes() == first, ext


def test_cli_names_the_missing_item_and_writes_nothing(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reportgen.cli import app

    spec = _spec(tmp_path, MEETING.replace("files/minutes.pdf", "files/missing.pdf"))
    out = tmp_path / "output"
    result = CliRunner().invoke(app, ["pack", str(spec), "--out", str(out)])
    assert result.exit_code == 2
    flat = " ".join(result.output.split())
    assert "agenda item 3 (Minutes of the last meeting): file not found" in flat
    assert "What to do" in flat
    assert not out.exists()
