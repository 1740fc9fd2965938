"""``benchmarks/run.py --quick`` runs every measurement end to end (no timing asserted).

Keeps the benchmark harness from rotting as the code it measures changes: every section
must produce its rows, with real figures, and the JSON must carry the machine it ran on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_quick_benchmark_produces_every_row(tmp_path: Path) -> None:
    target = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick",
                          "--json", str(target)], capture_output=True, text=True, cwd=ROOT,
                         timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["quick"] is True and data["machine"]["cores"] >= 1
    assert data["machine"]["weasyprint"][0].isdigit()
    rows = {row["name"]: row for row in data["rows"]}
    for prefix in ("cold: reportgen --help", "cold: reportgen build", "warm: PDF layout",
                   "warm: one report", "chart: trend", "chart: benchmark", "pack: 2-report",
                   "batch: 1 report", "batch: 2 report", "batch: growth",
                   "peak memory of any reportgen process"):
        assert any(name.startswith(prefix) for name in rows), prefix
    timed = [r for name, r in rows.items() if name.startswith(("cold", "warm", "chart", "pack"))]
    assert all(r["seconds"] and r["seconds"] > 0 for r in timed)
    batch = data["raw"]["batch"]
    assert batch["2"]["built"] == 2 and batch["2"]["failed"] == 0
    assert data["raw"]["warm"]["drawn"]["pages"] >= 5
    assert "Measurement" in run.stdout and "targets:" in run.stdout
