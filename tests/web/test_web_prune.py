"""The web cache is kept to its age and size limits, oldest first, never half an entry."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reportgen.web.prune import DAY, prune

NOW = 1_800_000_000.0


def _entry(files: Path, name: str, size: int, age_days: float) -> Path:
    target = files / name
    target.write_bytes(b"x" * size)
    sidecar = files / f"{name}.json"
    sidecar.write_text("{}", encoding="utf-8")
    when = NOW - age_days * DAY
    os.utime(target, (when, when))
    return target


def _job(jobs: Path, job_id: str, status: str, age_days: float) -> Path:
    path = jobs / f"{job_id}.json"
    path.write_text(json.dumps({"id": job_id, "status": status}), encoding="utf-8")
    when = NOW - age_days * DAY
    os.utime(path, (when, when))
    return path


def _cache(tmp_path: Path) -> tuple[Path, Path, Path]:
    files, jobs = tmp_path / "files", tmp_path / "jobs"
    files.mkdir()
    jobs.mkdir()
    return tmp_path, files, jobs


def test_files_past_their_age_go_with_their_sidecars_and_young_ones_stay(tmp_path: Path):
    cache, files, _ = _cache(tmp_path)
    old = _entry(files, "a.pdf", 100, age_days=31)
    young = _entry(files, "b.pdf", 100, age_days=29)
    pruned, _ = prune(cache, keep_days=30, max_bytes=10**9, now=NOW)
    assert (pruned.files, pruned.bytes) == (1, 100)
    assert not old.exists() and not Path(f"{old}.json").exists()
    assert young.exists() and Path(f"{young}.json").exists()


def test_over_the_size_limit_the_oldest_go_first_until_it_fits(tmp_path: Path):
    cache, files, _ = _cache(tmp_path)
    first = _entry(files, "1.pdf", 400, age_days=3)
    second = _entry(files, "2.docx", 400, age_days=2)
    third = _entry(files, "3.pdf", 400, age_days=1)
    pruned, _ = prune(cache, keep_days=30, max_bytes=900, now=NOW)
    # 1,200 bytes against 900: removing the oldest (400) leaves 800, which fits
    assert (pruned.files, pruned.bytes) == (1, 400)
    assert not first.exists() and second.exists() and third.exists()


def test_a_file_still_being_written_has_no_sidecar_and_is_never_removed(tmp_path: Path):
    cache, files, _ = _cache(tmp_path)
    unfinished = files / "c.pdf"
    unfinished.write_bytes(b"x" * 5000)
    os.utime(unfinished, (NOW - 90 * DAY, NOW - 90 * DAY))
    pruned, _ = prune(cache, keep_days=30, max_bytes=1, now=NOW)
    assert pruned.files == 0 and unfinished.exists()


def test_old_finished_jobs_go_but_pending_and_recent_jobs_stay(tmp_path: Path):
    cache, _, jobs = _cache(tmp_path)
    _job(jobs, "old-done", "done", 40)
    _job(jobs, "old-failed", "failed", 40)
    _job(jobs, "old-queued", "queued", 40)
    _job(jobs, "new-done", "done", 1)
    pruned, gone = prune(cache, keep_days=30, max_bytes=10**9, now=NOW)
    assert sorted(gone) == ["old-done", "old-failed"] and pruned.jobs == 2
    assert sorted(p.stem for p in jobs.glob("*.json")) == ["new-done", "old-queued"]


def test_the_job_manager_prunes_when_it_starts(tmp_path: Path):
    from reportgen.web.jobs import JobManager

    cache, files, jobs = _cache(tmp_path)
    _entry(files, "k.pdf", 10, age_days=100)
    _job(jobs, "ancient", "done", 100)
    manager = JobManager(cache, builder=lambda task: None, executor="thread", keep_days=30)  # type: ignore[arg-type,return-value]
    manager.start()
    try:
        assert not (files / "k.pdf").exists()
        assert manager.get("ancient") is None
    finally:
        manager.shutdown()
