"""A real batch of the example report, built once per session through the CLI."""

from __future__ import annotations

import json

import pytest
from batch_example import AREAS, Batch, example_copy, run_batch_cli


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    folder = tmp_path_factory.mktemp("batch")
    spec = example_copy(folder, bomb=True)
    out, summary = folder / "out", folder / "summary.json"
    code, output = run_batch_cli(
        [
            str(spec),
            "--over",
            "area",
            "--areas",
            ",".join(AREAS),
            "--workers",
            "2",
            "--out",
            str(out),
            "--json",
            str(summary),
        ]
    )
    return Batch(code, output, json.loads(summary.read_text(encoding="utf-8")), out)
