"""``reportgen build`` ends its process without the interpreter's teardown
(``reportgen.cli._leave``): these tests hold the real command line to what ``sys.exit``
gives, in a new process each: the exit status, every line of output flushed down a
pipe, exit handlers run once, and a user's mistake still its error line with status 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "corporate-parenting.yaml"
#: The command line as ``python -m reportgen`` runs it, with an exit handler of its own.
RUN = """
import atexit, sys
atexit.register(lambda: print("HANDLER RAN", file=sys.stderr))
sys.argv = ["reportgen", *sys.argv[1:]]
from reportgen.cli import main
main()
"""


def _build(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REPORTGEN_RENDER_HELPER": "0", "REPORTGEN_CHART_CACHE": ""}
    return subprocess.run(
        [sys.executable, "-c", RUN, "build", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_a_build_exits_0_with_its_files_listed_and_handlers_run(tmp_path: Path) -> None:
    done = _build(SPEC, "-o", tmp_path, "-f", "pdf", "--pdf-engine", "typst")
    assert done.returncode == 0, done.stderr
    listed = [Path(line) for line in done.stdout.splitlines()]
    assert sorted(p.suffix for p in listed) == [".pdf", ".xlsx"]
    assert all(p.is_file() and p.parent == tmp_path for p in listed)
    assert done.stderr.count("HANDLER RAN") == 1


def test_a_missing_spec_is_its_error_and_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    done = _build(missing, "-o", tmp_path / "out")
    assert done.returncode == 2
    lines = [x for x in done.stderr.splitlines() if x.strip() and x != "HANDLER RAN"]
    assert lines[0].startswith("error: ") and "nowhere.yaml" in lines[0]
    assert "Traceback" not in done.stderr
    assert done.stderr.count("HANDLER RAN") == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
