"""A report built by ``reportgen batch`` is the report ``reportgen build`` makes.

A batch worker keeps what it computed for earlier areas (the loaded data, every area's
figures for the locality charts, drawn charts, fonts) and builds the next area with it.
These tests prove that sharing changes nothing a reader gets: each area's DOCX, PDF and
XLSX from one warm worker that built other areas first are byte-identical to a single
``reportgen build --area`` of that area in a fresh process (the clock pinned by
SOURCE_DATE_EPOCH, as for any reproducible build). The XLSX is compared part by part
with its stamped times left out: openpyxl stamps the zip and docProps/core.xml with the
wall clock whoever builds it (SOURCE_DATE_EPOCH is not applied there).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from batch_example import ROOT, example_copy, run_batch_cli

pytestmark = pytest.mark.slow
#: built in this order by ONE worker: the later localities reuse what North computed
AREAS = ("North", "East", "Central")
EPOCH = "1488326400"  # 2017-03-01
STAMP = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _parts(path: Path) -> dict[str, bytes]:
    """A workbook's parts, the wall-clock stamps removed."""
    with zipfile.ZipFile(path) as z:
        return {n: STAMP.sub(b"", z.read(n)) for n in z.namelist()}


def _build_alone(spec: Path, area: str, out: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "reportgen", "build", str(spec), "--area", area, "--out", str(out)],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    )


def test_batch_reports_are_byte_identical_to_single_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = example_copy(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # spawned workers inherit it
    summary = tmp_path / "summary.json"
    code, output = run_batch_cli(
        [
            str(spec),
            "--areas",
            ",".join(AREAS),
            "--workers",
            "1",
            "--out",
            str(tmp_path / "batch"),
            "--json",
            str(summary),
        ]
    )
    assert code == 0, output
    assert len({i["worker"] for i in json.loads(summary.read_text())["items"]}) == 1
    for area in AREAS[1:]:  # built after another area by the same warm worker
        _build_alone(spec, area, tmp_path / "alone")
    alone = sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert len(alone) == 6 and {n.rsplit(".", 1)[1] for n in alone} == {"docx", "pdf", "xlsx"}
    for name in alone:
        batch, single = tmp_path / "batch" / name, tmp_path / "alone" / name
        if name.endswith(".xlsx"):
            assert _parts(batch) == _parts(single), name
        else:
            assert batch.read_bytes() == single.read_bytes(), name
