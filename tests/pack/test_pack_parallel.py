"""Packs laid out in parallel processes are the packs laid out one after another.

``reportgen pack`` lays the public, full and supplement packs out at once (forked
processes, ``--workers``); nothing about a pack may depend on which process made it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pack_meeting import CREATED, fake_compose, write_meeting
from typer.testing import CliRunner

from reportgen.pack import build as pack_build
from reportgen.pack import build_packs, items

pytestmark = pytest.mark.slow


def test_parallel_packs_are_byte_identical_to_sequential(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_result
) -> None:
    spec = write_meeting(tmp_path)
    monkeypatch.setattr(items, "_compose", fake_compose)
    calls: list[int] = []
    real = pack_build._assemble_all

    def spy(jobs, workers):  # type: ignore[no-untyped-def]
        calls.append(workers)
        return real(jobs, workers)

    monkeypatch.setattr(pack_build, "_assemble_all", spy)
    parallel = build_packs(spec, tmp_path / "parallel", created=CREATED, workers=2)
    assert calls == [2]
    sequential = pack_result.outputs  # the session's packs, built with workers=1
    assert parallel.outputs.keys() == sequential.keys() and len(parallel.outputs) == 4
    for name, files in parallel.outputs.items():
        for ext, path in files.items():
            assert path.read_bytes() == sequential[name][ext].read_bytes(), (name, ext)


def test_assembly_runs_in_child_processes_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack_build, "assemble", lambda *job: os.getpid())
    jobs = [(None, [], None, None, None)] * 3
    assert pack_build._assemble_all(jobs, 1) == [os.getpid()] * 3  # type: ignore[arg-type]
    pids = pack_build._assemble_all(jobs, 2)  # type: ignore[arg-type]
    assert os.getpid() not in pids and len(set(pids)) <= 2


def test_cli_has_a_workers_option() -> None:
    from reportgen.cli import app

    result = CliRunner().invoke(app, ["pack", "--help"])
    assert result.exit_code == 0 and "--workers" in result.output


def test_a_layout_process_that_dies_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.errors import ReportgenError

    monkeypatch.setattr(pack_build, "assemble", lambda *job: os._exit(9))
    with pytest.raises(ReportgenError, match="out of memory") as caught:
        pack_build._assemble_all([(None, [], None, None, None)] * 2, 2)  # type: ignore[list-item]
    assert "--workers 1" in str(caught.value)
