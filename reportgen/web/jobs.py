"""Build jobs: a bounded worker pool, one build per cache key, jobs kept on disk.

A job is one person's request; a build is the work for one cache key. Any number of
jobs can wait on the same build, and a request whose file is already in the cache is
done at once without a build. Jobs are JSON files under ``<cache>/jobs/`` so a person
can leave and come back (even after a restart) to the finished file; finished files
live under ``<cache>/files/`` named by their key, with a small JSON sidecar.

A failed build fails its jobs with a reference that is logged with the traceback; the
pool carries on (a crashed worker process is replaced), and the next identical request
tries again: failures are never cached.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from reportgen.atomic import write_bytes_atomic
from reportgen.errors import ReportgenError
from reportgen.web.builder import Builder, BuildOutcome, BuildTask, report_progress
from reportgen.web.catalogue import RequestError, Resolved
from reportgen.web.logs import ErrorLog, new_reference, now_iso
from reportgen.web.prune import prune

log = logging.getLogger("reportgen.web")

Status = Literal["queued", "running", "done", "failed"]
WORKER_NICENESS = 10


class QueueFull(RequestError):
    """Too many documents waiting: for this person (429) or for everyone (503)."""


def private_write(path: Path, data: bytes) -> None:
    """Written atomically and readable by the service's own user only."""
    write_bytes_atomic(path, data)
    path.chmod(0o600)


@dataclass(frozen=True)
class Job:
    """One person's request for one document, as stored and as the API shows it."""

    id: str
    user: str
    report: str
    title: str
    kind: str
    format: str
    key: str
    status: Status
    created: str
    period: str | None = None
    area: str | None = None
    finished: str | None = None
    cached: bool = False  # answered from the cache without a build of its own
    filename: str | None = None
    size: int | None = None
    pages: int | None = None
    seconds: float | None = None  # how long the build took
    reference: str | None = None  # failed: quote this to the support team
    error: str | None = None  # failed: what went wrong, for roles that see details

    @property
    def pending(self) -> bool:
        return self.status in ("queued", "running")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Flight:
    """A build under way and the jobs waiting for it."""

    future: Future[BuildOutcome]
    task: BuildTask
    executor: Executor
    jobs: list[str] = field(default_factory=list)
    submitted: float = field(default_factory=time.monotonic)


def _lower_priority() -> None:
    """In a new worker process: yield the CPU to the web process, so pages stay quick
    while PDFs are laid out (a build taking a little longer is not noticed)."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(WORKER_NICENESS)


def _warm_up() -> None:
    """In a new worker process: import the engine now, not during someone's first build."""
    import reportgen.api
    import reportgen.compose.report
    import reportgen.render.docx
    import reportgen.render.pdf  # noqa: F401


def stop_workers(executor: Executor, grace: float) -> None:
    """Cancel what waits, terminate what runs, and reap the worker processes."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1)


def _run(builder: Builder, task: BuildTask) -> BuildOutcome:
    """In the worker: say the build has started, then build."""
    report_progress(task, "Starting", 2)
    return builder(task)


class JobManager:
    def __init__(
        self,
        cache_dir: Path,
        builder: Builder,
        workers: int = 2,
        executor: str = "process",
        errors: ErrorLog | None = None,
        per_user: int = 5,
        queue: int = 50,
        keep_days: float = 30,
        max_bytes: int = 2 * 1024**3,
    ) -> None:
        self.cache_dir, self.builder = cache_dir, builder
        self.per_user, self.queue = per_user, queue
        self.keep_days, self.max_bytes = keep_days, max_bytes
        self.errors = errors or ErrorLog(None)
        self.workers, self.executor_kind = workers, executor
        self.jobs_dir, self.files_dir = cache_dir / "jobs", cache_dir / "files"
        self.progress_dir = cache_dir / "progress"
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._flights: dict[str, _Flight] = {}
        self._durations: dict[tuple[str, str], float] = {}
        self._executor: Executor | None = None
        self.builds_started = 0  # for tests and the status page: real builds, not cache hits

    # -- life cycle -------------------------------------------------------------------
    def _new_executor(self) -> Executor:
        if self.executor_kind == "thread":
            return ThreadPoolExecutor(self.workers, thread_name_prefix="reportgen-build")
        # spawn: forking a process that runs an event loop and threads is unsafe.
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_lower_priority,
        )

    def start(self) -> None:
        for folder in (self.cache_dir, self.jobs_dir, self.files_dir, self.progress_dir):
            # private to the service's user: built files include exempt reports, and the
            # files in them get ordinary (umask) permissions from the atomic writer
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o700)
        self.prune()
        self._executor = self._new_executor()
        if self.executor_kind == "process":
            for _ in range(self.workers):
                self._executor.submit(_warm_up)
        for path in sorted(self.jobs_dir.glob("*.json")):
            try:
                job = Job(**json.loads(path.read_text(encoding="utf-8")))
            except (ValueError, TypeError) as exc:
                log.warning("ignoring unreadable job file %s: %s", path, exc)
                continue
            if job.pending:  # the build died with the previous server process
                job = replace(
                    job,
                    status="failed",
                    finished=now_iso(),
                    reference=new_reference(),
                    error="the server restarted before "
                    "this document was finished; please request it again",
                )
                self._save(job)
            self._jobs[job.id] = job

    def prune(self) -> None:
        """Keep the cache within its age and size limits (see ``web.prune``)."""
        pruned, gone = prune(self.cache_dir, self.keep_days, self.max_bytes)
        with self._lock:
            for job_id in gone:
                self._jobs.pop(job_id, None)
        if pruned.files or pruned.jobs:
            log.info(
                "cache pruned: %d files (%d bytes), %d job records",
                pruned.files,
                pruned.bytes,
                pruned.jobs,
            )

    def shutdown(self, grace: float = 5.0) -> None:
        """Stop every build worker with the server (SIGTERM, SIGINT): a worker left
        behind holds hundreds of MB and keeps laying out a PDF nobody will fetch."""
        with self._lock:
            executors = {id(f.executor): f.executor for f in self._flights.values()}
            if self._executor is not None:
                executors[id(self._executor)] = self._executor
            self._executor = None
        for executor in executors.values():
            stop_workers(executor, grace)

    # -- requests ---------------------------------------------------------------------
    def target(self, key: str, fmt: str) -> Path:
        return self.files_dir / f"{key}.{fmt}"

    def submit(self, user: str, request: Resolved, key: str) -> Job:
        """A job for this request: done at once from the cache, or waiting on a build."""
        entry = request.entry
        job = Job(
            id=secrets.token_urlsafe(12),
            user=user,
            report=entry.id,
            title=entry.title,
            kind=entry.kind,
            format=request.format,
            key=key,
            status="queued",
            created=now_iso(),
            period=request.period,
            area=request.area,
        )
        target = self.target(key, request.format)
        with self._lock:
            meta = self._meta(target)
            if meta is not None:
                job = replace(job, status="done", finished=job.created, cached=True, **meta)
                self._store(job)
                return job
            flight = self._flights.get(key)
            mine = self._waiting(user)
            same = next((j for j in mine if j.key == key), None)
            if same is not None:  # asked again while it is being made: the same job
                return same
            self._check_room(len(mine), key)
            new = flight is None
            if flight is None:
                flight = self._launch(request, key, target)
            flight.jobs.append(job.id)
            self._store(job)
        if new:  # only now: a build that is already over calls back at once
            done = flight
            flight.future.add_done_callback(lambda f: self._finished(key, done, f))
        return job

    def _waiting(self, user: str) -> list[Job]:
        """The user's jobs still waiting on a build (only builds under way are looked at)."""
        ids = [i for f in self._flights.values() for i in f.jobs]
        return [j for i in ids if (j := self._jobs.get(i)) is not None and j.user == user]

    def _check_room(self, waiting: int, key: str) -> None:
        """One person cannot fill the queue, and the queue cannot grow without end."""
        if waiting >= self.per_user:
            raise QueueFull(
                429,
                f"you already have {waiting} documents being made",
                "job",
                "wait for one of them to finish, then ask again",
            )
        if key not in self._flights and len(self._flights) >= self.queue:
            raise QueueFull(
                503,
                "the service is busy making other documents",
                "job",
                "try again in a few minutes",
            )

    def _launch(self, request: Resolved, key: str, target: Path) -> _Flight:
        entry = request.entry
        task = BuildTask(
            key=key,
            kind=entry.kind,
            spec_path=entry.path,
            format=request.format,
            target=target,
            progress=self.progress_dir / f"{key}.json",
            period=request.period,
            area=request.area,
            variant=entry.variant,
        )
        assert self._executor is not None, "JobManager.start() was not called"
        future = self._executor.submit(_run, self.builder, task)
        flight = _Flight(future, task, self._executor)
        self._flights[key] = flight
        self.builds_started += 1
        return flight

    def _finished(self, key: str, flight: _Flight, future: Future[BuildOutcome]) -> None:
        seconds = round(time.monotonic() - flight.submitted, 2)
        try:
            outcome = future.result()
            if not flight.task.target.is_file():
                raise RuntimeError(f"the builder did not write {flight.task.target}")
            flight.task.target.chmod(0o600)  # built files include exempt reports
            meta = self._write_meta(flight.task.target, outcome, seconds)
            changes: dict[str, Any] = {"status": "done", **meta}
        except BaseException as exc:  # every failure becomes a reference
            changes = self._failure(flight, exc)
        with self._lock:
            self._flights.pop(key, None)
            for job_id in flight.jobs:
                job = self._jobs.get(job_id)
                if job is not None:
                    self._store(replace(job, finished=now_iso(), **changes))
        flight.task.progress.unlink(missing_ok=True)
        self.prune()

    def _failure(self, flight: _Flight, exc: BaseException) -> dict[str, Any]:
        task, reference = flight.task, new_reference()
        self.errors.record(
            reference,
            f"build failed: {task.kind} {task.spec_path} "
            f"period={task.period} area={task.area} format={task.format}",
            exc,
        )
        if isinstance(exc, BrokenProcessPool):
            with self._lock:  # a worker died (out of memory?): start a fresh pool, once
                old = self._executor
                if old is flight.executor:
                    self._executor = self._new_executor()
            if old is flight.executor and old is not None:
                old.shutdown(wait=False)
        message = str(exc) if isinstance(exc, ReportgenError) else f"{type(exc).__name__}: {exc}"
        return {"status": "failed", "reference": reference, "error": message}

    # -- files --------------------------------------------------------------------------
    def _meta(self, target: Path) -> dict[str, Any] | None:
        sidecar = target.with_name(target.name + ".json")
        if not (target.is_file() and sidecar.is_file()):
            return None
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        return {k: data.get(k) for k in ("filename", "size", "pages", "seconds")}

    def _write_meta(self, target: Path, outcome: BuildOutcome, seconds: float) -> dict[str, Any]:
        meta = {
            "filename": outcome.filename,
            "size": target.stat().st_size,
            "pages": outcome.pages,
            "seconds": seconds,
        }
        private_write(
            target.with_name(target.name + ".json"),
            json.dumps({**meta, "built": now_iso()}).encode(),
        )
        return meta

    def file_for(self, job: Job) -> Path | None:
        target = self.target(job.key, job.format)
        return target if job.status == "done" and target.is_file() else None

    # -- looking jobs up ----------------------------------------------------------------
    def _store(self, job: Job) -> None:
        self._jobs[job.id] = job
        self._save(job)
        if job.status == "done" and job.seconds and not job.cached:
            self._durations[(job.report, job.format)] = job.seconds

    def _save(self, job: Job) -> None:
        private_write(
            self.jobs_dir / f"{job.id}.json", json.dumps(job.to_json(), indent=1).encode()
        )

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def for_user(self, username: str) -> list[Job]:
        with self._lock:
            mine = [j for j in self._jobs.values() if j.user == username]
        return sorted(mine, key=lambda j: (j.created, j.id), reverse=True)

    def progress(self, job: Job) -> dict[str, Any]:
        """Where a job's build is: queued behind others, or a stage and a percentage."""
        if not job.pending:
            return {
                "status": job.status,
                "percent": 100 if job.status == "done" else 0,
                "stage": "Finished" if job.status == "done" else "Failed",
            }
        with self._lock:
            keys = list(self._flights)
        ahead = max(0, keys.index(job.key) - self.workers + 1) if job.key in keys else 0
        usual = self._durations.get((job.report, job.format))
        stage = (
            f"Waiting: {ahead} document{'s' if ahead != 1 else ''} ahead of yours"
            if ahead
            else "Getting ready"
        )
        state: dict[str, Any] = {
            "status": "queued",
            "percent": 0,
            "ahead": ahead,
            "stage": stage,
            "usual_seconds": usual,
        }
        path = self.progress_dir / f"{job.key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return state
        return {
            **state,
            "status": "running",
            "ahead": 0,
            "stage": data.get("stage"),
            "percent": int(data.get("percent", 0)),
        }

    def with_progress(self, job: Job) -> Job:
        """The job with ``status`` brought up to date from its build's progress file."""
        if job.status == "queued" and self.progress(job)["status"] == "running":
            return replace(job, status="running")
        return job

    def wait(
        self,
        job_id: str,
        timeout: float,
        poll: float = 0.05,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Job | None:
        """The job once it is no longer pending, or as it is after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        job = self.get(job_id)
        while job is not None and job.pending and time.monotonic() < deadline:
            sleep(poll)
            job = self.get(job_id)
        return job
