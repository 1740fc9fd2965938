"""The batch engines with a stand-in item function: parallelism, warm-up, failures.

Real worker processes run here (spawned locally, or a Dask LocalCluster of processes);
only the per-report work is replaced by ``batch_fakes.fake_build`` so the tests can
provoke each kind of failure quickly. Real report builds are in test_batch_build.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from batch_fakes import fake_build, fake_warm

from reportgen.batch import ItemResult, Job, WorkerSetup, run_batch, run_local


def _jobs(tmp_path: Path, keys: list[str]) -> list[Job]:
    spec = str(tmp_path / "spec.yaml")
    return [Job(k, (spec, k, str(tmp_path / "out"), ("docx",))) for k in keys]


def _pids(results: list[ItemResult]) -> set[int]:
    return {int(r.worker.rsplit(":", 1)[1]) for r in results}


def test_local_builds_every_item_in_parallel_worker_processes(tmp_path: Path) -> None:
    keys = [f"area-{i}" for i in range(8)]
    seen: list[ItemResult] = []
    run_local(
        fake_build,
        _jobs(tmp_path, keys),
        seen.append,
        workers=2,
        setup=WorkerSetup(fake_warm, (str(tmp_path / "spec.yaml"),)),
    )
    assert sorted(r.key for r in seen) == sorted(keys)
    assert all(r.ok for r in seen)
    pids = _pids(seen)
    assert len(pids) == 2 and os.getpid() not in pids  # both workers, not the parent
    warmed = {int(p.name.split("-")[1]) for p in tmp_path.glob("warm-*")}
    assert warmed == pids  # each worker warmed once, before its first item
    for key in keys:
        assert (tmp_path / "out" / f"{key}.docx").read_text().endswith("warmed=True")


def test_failures_are_reported_per_item_and_the_rest_are_built(tmp_path: Path) -> None:
    keys = ["north", "bad-south", "raise-east", "west", "central"]
    seen: list[ItemResult] = []
    run_local(fake_build, _jobs(tmp_path, keys), seen.append, workers=2)
    by_key = {r.key: r for r in seen}
    assert set(by_key) == set(keys) and len(seen) == len(keys)
    assert [k for k in keys if by_key[k].ok] == ["north", "west", "central"]
    assert "values.csv: no rows for bad-south" in by_key["bad-south"].error
    assert by_key["raise-east"].error == "RuntimeError: unexpected failure for raise-east"


def test_a_crashing_item_fails_alone_and_its_pool_mates_are_rebuilt(tmp_path: Path) -> None:
    keys = ["a", "b", "crash-c", "d", "e", "f"]
    seen: list[ItemResult] = []
    run_local(fake_build, _jobs(tmp_path, keys), seen.append, workers=2)
    by_key = {r.key: r for r in seen}
    assert len(seen) == len(keys) and set(by_key) == set(keys)  # each reported once
    assert not by_key["crash-c"].ok
    assert "worker process building this report died" in by_key["crash-c"].error
    assert all(by_key[k].ok for k in keys if k != "crash-c")


def test_run_batch_summary_counts_and_json(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    streamed: list[str] = []
    summary = run_batch(
        spec,
        ["x", "bad-y", "z"],
        tmp_path / "out",
        ("docx", "pdf"),
        workers=8,
        on_result=lambda r: streamed.append(r.key),
        fn=fake_build,
        warm=fake_warm,
    )
    assert summary.workers == 3  # never more workers than items
    assert sorted(streamed) == ["bad-y", "x", "z"]
    assert [r.key for r in summary.failed] == ["bad-y"]
    assert len(summary.built) == 2 and summary.seconds > 0
    data = summary.to_dict()
    assert data["built"] == 2 and data["failed"] == 1
    outputs = {o for item in data["items"] for o in item["outputs"]}
    assert outputs == {str(tmp_path / "out" / f"{k}.{f}") for k in "xz" for f in ("docx", "pdf")}


def test_dask_local_cluster_of_processes_runs_the_same_function(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    keys = ["north", "bad-south", "raise-east", "west", "central", "sea"]
    seen: list[ItemResult] = []
    summary = run_batch(
        tmp_path / "spec.yaml",
        keys,
        tmp_path / "out",
        ("pdf",),
        workers=2,
        engine="dask",
        on_result=seen.append,
        fn=fake_build,
        warm=fake_warm,
    )
    by_key = {r.key: r for r in summary.results}
    assert set(by_key) == set(keys) and len(seen) == len(keys)
    assert {k for k, r in by_key.items() if r.ok} == {"north", "west", "central", "sea"}
    assert "no rows for bad-south" in by_key["bad-south"].error
    assert "unexpected failure for raise-east" in by_key["raise-east"].error
    pids = _pids(summary.built)
    assert len(pids) == 2 and os.getpid() not in pids  # two worker processes did the work
    assert all(f"warm-{pid}" in {p.name for p in tmp_path.iterdir()} for pid in pids)
    assert all(
        (tmp_path / "out" / f"{k}.pdf").read_text().endswith("warmed=True")
        for k in ("north", "west", "central", "sea")
    )
