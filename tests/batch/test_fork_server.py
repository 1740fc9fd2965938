"""Local batch workers come from a fork server warmed with the batch's spec.

What must hold: the workers run this reportgen (not one found in the current folder),
they start with the spec's data already loaded by the server, they see the environment
the batch was started with (not the server's, copied when it started), and the server is
stopped when the batch ends (its CPU time then counts in the caller's children).
"""

from __future__ import annotations

import os
import subprocess
import sys
from multiprocessing import forkserver
from pathlib import Path

import pytest
from batch_example import example_copy
from batch_fakes import fake_build, probe

import reportgen
from reportgen.batch import Job, run_batch, run_local
from reportgen.batch.runner import start_workers

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="workers come from a fork server on Linux"
)


def test_workers_are_forked_warm_with_this_reportgen_and_the_batchs_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = example_copy(tmp_path)
    shadow = tmp_path / "cwd" / "reportgen"  # a reportgen in the current folder
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('the wrong reportgen')\n")
    monkeypatch.chdir(shadow.parent)
    monkeypatch.delenv("RG_PROBE", raising=False)
    start_workers(spec)  # as the CLI does, before planning: the server copies os.environ now
    monkeypatch.setenv("RG_PROBE", "set-after-the-server-started")
    summary = run_batch(spec, ["North", "East", "Central"], tmp_path / "out", fn=probe)
    assert len(summary.built) == 3
    for item in summary.built:
        facts = dict(fact.split("=", 1) for fact in item.outputs)
        assert facts["file"] == reportgen.__file__
        assert facts["preloaded"] == "True" and facts["data_loaded"] == "True"
        assert facts["env"] == "set-after-the-server-started"
        assert facts["preload_env"] == ""  # the server's own setting stays in the server
    assert forkserver._forkserver._forkserver_pid is None  # stopped and reaped


def test_a_server_someone_else_started_is_replaced_by_one_warmed_with_the_spec(
    tmp_path: Path,
) -> None:
    # A bare run_local starts an unwarmed fork server and leaves it running; forkserver
    # would re-use it for the next batch, whose workers would then each load the data.
    run_local(
        fake_build, [Job("a", (str(tmp_path / "x.yaml"), "a", str(tmp_path), ()))], print, workers=1
    )
    unwarmed = forkserver._forkserver._forkserver_pid
    assert unwarmed is not None
    spec = example_copy(tmp_path)
    start_workers(spec)
    assert forkserver._forkserver._forkserver_pid not in (None, unwarmed)
    summary = run_batch(spec, ["North"], tmp_path / "out", fn=probe)
    facts = dict(fact.split("=", 1) for fact in summary.built[0].outputs)
    assert facts["preloaded"] == "True" and facts["data_loaded"] == "True"


def _servers_for(spec: Path) -> list[str]:
    """Processes whose environment names ``spec`` as the batch to preload."""
    needle = f"REPORTGEN_BATCH_PRELOAD={spec.resolve()}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and needle in (proc / "environ").read_bytes().split(b"\0"):
                found.append(proc.name)
        except OSError:
            continue
    return found


def test_a_batch_refused_while_planning_leaves_no_fork_server_behind(tmp_path: Path) -> None:
    """The server starts before planning; an unknown area ends the command, and the
    server with it (not left loading data nobody will use, holding stdout open)."""
    spec = example_copy(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(Path(reportgen.__file__).parents[1])}
    with (tmp_path / "err.txt").open("w") as err:  # a file: a pipe would wait for the server
        code = subprocess.call(
            [sys.executable, "-m", "reportgen", "batch", str(spec), "--areas", "Atlantis"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
    left = _servers_for(spec)  # at once: the server takes seconds to load what it preloads
    assert code == 2 and "unknown area(s): Atlantis" in (tmp_path / "err.txt").read_text()
    assert left == []
