"""A spec in another encoding, or a folder given as a spec: one clear line, exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from reportgen.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_folder_given_as_spec(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(ROOT / "data"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "isafolder,notafile" in "".join(result.output.split())
    assert list(tmp_path.iterdir()) == []


def test_spec_in_another_encoding(tmp_path: Path) -> None:
    spec = tmp_path / "utf16.yaml"
    spec.write_text(
        (ROOT / "reports" / "care-leavers.yaml").read_text(encoding="utf-8"), encoding="utf-16"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(spec), "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    joined = "".join(result.output.split())  # the console wraps a long path
    assert "utf16.yaml" in joined and "UTF-8" in joined
    assert not out.exists() or list(out.iterdir()) == []
