"""Keeping the web cache to a size: built files and old jobs are removed, oldest first.

Every document a manager asks for is kept under ``<cache>/files/`` so the next identical
request is answered at once. Left alone that folder grows by a few MB per request for as
long as the service runs, and it holds exempt reports, which a council should not keep
longer than it needs. So the cache is pruned when the service starts and after builds:
files older than ``keep_days`` go, then the oldest until the folder is under ``max_bytes``.
A job whose file has gone answers "no longer kept: request it again" (HTTP 410), and a
finished job record older than ``keep_days`` is removed with it.

Files a build is writing are never touched: only finished files with their JSON sidecar
(written last, see ``JobManager._write_meta``) are candidates.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

DAY = 24 * 3600


@dataclass(frozen=True)
class Pruned:
    """What one pass removed, for the log and the tests."""

    files: int = 0
    bytes: int = 0
    jobs: int = 0


@dataclass(frozen=True)
class _Cached:
    path: Path
    sidecar: Path
    size: int
    mtime: float


def _cached_files(files_dir: Path) -> list[_Cached]:
    """Finished cache entries (a file and its sidecar), oldest first."""
    found = []
    for sidecar in files_dir.glob("*.json"):
        target = sidecar.with_name(sidecar.name[: -len(".json")])
        try:
            stat = target.stat()
        except OSError:
            continue  # a sidecar without its file: removed below with nothing to keep
        found.append(_Cached(target, sidecar, stat.st_size, stat.st_mtime))
    return sorted(found, key=lambda c: (c.mtime, c.path.name))


def _remove(entry: _Cached) -> None:
    entry.sidecar.unlink(missing_ok=True)  # the sidecar first: no half entry looks finished
    entry.path.unlink(missing_ok=True)


def prune_files(files_dir: Path, keep_days: float, max_bytes: int, now: float) -> Pruned:
    """Remove files older than ``keep_days``, then the oldest until under ``max_bytes``."""
    entries = _cached_files(files_dir)
    total = sum(e.size for e in entries)
    removed = freed = 0
    for entry in entries:
        if entry.mtime >= now - keep_days * DAY and total <= max_bytes:
            break
        _remove(entry)
        total -= entry.size
        removed, freed = removed + 1, freed + entry.size
    return Pruned(files=removed, bytes=freed)


def prune_jobs(jobs_dir: Path, keep_days: float, now: float) -> list[str]:
    """Remove finished job records older than ``keep_days``; their ids."""
    gone = []
    for path in jobs_dir.glob("*.json"):
        try:
            if path.stat().st_mtime >= now - keep_days * DAY:
                continue
            status = json.loads(path.read_text(encoding="utf-8")).get("status")
        except (OSError, ValueError):
            continue
        if status in ("done", "failed"):
            path.unlink(missing_ok=True)
            gone.append(path.stem)
    return gone


def prune(
    cache_dir: Path, keep_days: float, max_bytes: int, now: float | None = None
) -> tuple[Pruned, list[str]]:
    """One pass over ``files/`` and ``jobs/`` under ``cache_dir``."""
    now = time.time() if now is None else now
    files = prune_files(cache_dir / "files", keep_days, max_bytes, now)
    jobs = prune_jobs(cache_dir / "jobs", keep_days, now)
    return Pruned(files.files, files.bytes, len(jobs)), jobs
