"""Helpers for the command-line tests: a project copy, the CLI run in-process, and the
one shape every user error must have.

A uniquely named module (not ``conftest``): every test folder has a conftest.py and
``from conftest import`` picks whichever pytest imported first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import Result
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "reports" / "corporate-parenting.yaml"
MEETING = ROOT / "meetings" / "corporate-parenting-2017-02.yaml"
DATA = ROOT / "data"

# Every way a file the user names can be wrong, and what the error must say.
BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "missing.yaml": (None, "not found"),
    "folder.yaml": (None, ""),  # a folder: each command words it its own way
    "empty.yaml": (b"", "expected a YAML mapping"),
    "junk.yaml": (b"\x00\x01\xff\xfe\x89PNG\x00junk", "not a text file"),
    "latin1.yaml": ("title: Café\n".encode("latin-1"), "not UTF-8 text"),
    "utf16.yaml": ("title: Café\n".encode("utf-16"), "UTF-16"),
    "invalid.yaml": (b"title: [unclosed\n", "not valid YAML"),
    "list.yaml": (b"- one\n- two\n", "expected a YAML mapping"),
}


def invoke(*args: str | Path) -> Result:
    """Run ``reportgen ARGS`` in this process, as a user would type it."""
    from reportgen.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], terminal_width=200)


def assert_user_error(result: Result, *fragments: str) -> None:
    """Exit 2, one ``error:`` line (plus its ``What to do``), no traceback, and the text
    that says what and where (``fragments``)."""
    out = result.output
    assert "Traceback" not in out, out
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, out
    for fragment in fragments:
        assert fragment in out, (fragment, out)


def one_error_line(result: Result) -> None:
    """The error printer's shape: exactly one line starting ``error:``."""
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output


def example_copy(folder: Path) -> Path:
    """The example report spec in ``folder``: bundled data, its own narratives copy."""
    spec = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    shutil.copytree((EXAMPLE.parent / spec["narratives"]).resolve(), folder / "narratives")
    spec["data"] = str(DATA)
    spec["narratives"] = "narratives"
    path = folder / "report.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path
