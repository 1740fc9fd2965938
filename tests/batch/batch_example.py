"""Helpers for the batch tests: the example spec copied, the CLI run, the result.

A uniquely named module (not ``conftest``): every test folder has a conftest.py and
``from conftest import`` picks whichever pytest imported first.

The spec is a copy of reports/corporate-parenting.yaml whose narratives fail for one
area only (South), so the session's one batch shows both halves of the promise: the
other areas' reports are built, and the failure is reported against its own area.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "reports" / "corporate-parenting.yaml"
AREAS = ("Example Borough", "North", "South", "East")
BOMB = '\n{% if area == "South" %}{{ no_such_indicator.value }}{% endif %}\n'


@dataclass(frozen=True)
class Batch:
    exit_code: int
    output: str
    summary: dict[str, Any]
    out: Path


def example_copy(folder: Path, bomb: bool = False) -> Path:
    """The example spec in ``folder``, reading the bundled data; narratives copied."""
    spec = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    narratives = folder / "narratives"
    shutil.copytree((EXAMPLE.parent / spec["narratives"]).resolve(), narratives)
    if bomb:
        with (narratives / "summary.md").open("a", encoding="utf-8") as fh:
            fh.write(BOMB)
    spec["data"] = str((EXAMPLE.parent / spec["data"]).resolve())
    spec["narratives"] = "narratives"
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def run_batch_cli(args: list[str]) -> tuple[int, str]:
    from reportgen.cli import app

    result = CliRunner().invoke(app, ["batch", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output
