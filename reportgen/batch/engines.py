"""Where a batch's items run: local worker processes, or a Dask distributed cluster.

Every engine takes the same things: a plain picklable function returning an
``ItemResult``, a list of jobs (key, arguments), a warm-up function run once per
worker, and a callback told about each result as it arrives (the progress bar). An
engine never raises for one item: a crashed worker process or a lost task becomes a
failed ``ItemResult`` for the items it took with it, and the others carry on.

Local processes are forked from a fork server (``forkserver``) on Linux, else started
with ``spawn``: either way a clean interpreter with no
inherited threads (the progress bar runs one). The fork server is started by
``start_fork_server`` with a batch's spec: it loads what every worker needs once
(``reportgen.batch.preload``), and each worker is forked with it already in memory.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, Literal

from reportgen.batch.items import (
    NO_SETUP,
    PRELOAD_ENV,
    ItemFn,
    ItemResult,
    Job,
    OnResult,
    WorkerSetup,
)
from reportgen.errors import ReportgenError

EngineName = Literal["local", "dask"]
ENGINES: tuple[EngineName, ...] = ("local", "dask")
__all__ = [
    "ENGINES",
    "EngineName",
    "ItemFn",
    "Job",
    "OnResult",
    "WorkerSetup",
    "run_dask",
    "run_local",
    "start_fork_server",
    "stop_fork_server",
]

#: (pid, spec) of the fork server ``start_fork_server`` last started: a server with any
#: other pid was started by someone else (a bare ``run_local``), unwarmed or for another spec
_warmed: tuple[int, str] | None = None


def _unexpected(job: Job, exc: BaseException) -> ItemResult:
    return ItemResult.failed(job.key, f"{type(exc).__name__}: {exc}")


def _crashed(job: Job) -> ItemResult:
    return ItemResult.failed(
        job.key,
        "the worker process building this report died "
        "(out of memory or a crash in a native library)",
    )


def _context() -> BaseContext:
    """The fork server on Linux, else spawn: on macOS a forked process may not use
    system frameworks its parent loaded (Accelerate, behind numpy's BLAS), and Windows
    has no fork."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


@contextmanager
def _environ(**values: str) -> Iterator[None]:
    """``values`` in os.environ while the block runs (the fork server copies it)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def start_fork_server(spec_path: str) -> None:
    """Start the fork server local workers come from, warming it with ``spec_path``.

    Call it as early as possible (before planning): it loads the spec's data in its own
    process while the caller does other work. Without a fork server (not Linux) it does
    nothing; workers then warm themselves, as they always may. A server this function
    already started for the same spec (``runner.start_workers`` started it) is kept; any
    other running server (one a bare ``run_local`` started, unwarmed, or one warmed with
    another spec) is stopped first, since ``forkserver.ensure_running`` would re-use it
    and every worker would then load the data again.

    The server imports this very reportgen, whatever the folder it is started from
    holds: PYTHONSAFEPATH keeps the current folder off its path, and a reportgen that is
    not installed (a source checkout) goes first on PYTHONPATH. It runs with one BLAS
    thread: a process is only safely forked without threads, and each worker is one of
    several on the machine's cores anyway.
    """
    global _warmed
    context = _context()
    if context.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver, resource_tracker

    running = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if running is not None and _warmed != (running, spec_path):
        stop_fork_server()
    env = {PRELOAD_ENV: spec_path, "PYTHONSAFEPATH": "1"}
    here = Path(__file__).resolve().parents[2]
    if here.name not in ("site-packages", "dist-packages"):  # never before the stdlib
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(here), os.environ.get("PYTHONPATH")) if p
        )
    for blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        env[blas] = os.environ.get(blas) or "1"
    context.set_forkserver_preload(["reportgen.batch.preload"])
    resource_tracker.ensure_running()  # first, so only the server gets ``env``
    with _environ(**env):
        forkserver.ensure_running()
    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    _warmed = (pid, spec_path) if pid is not None else None
    atexit.unregister(_kill_fork_server)  # (registered once, however many batches)
    atexit.register(_kill_fork_server)


def _kill_fork_server() -> None:
    """At exit, a fork server still running is killed, not left loading data nobody
    will use (the command failed while planning: an unknown area, a bad --out). Left
    alone it would also hold the command's stdout and stderr open for that long."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
        stop_fork_server()


def _start_worker(
    environ: dict[str, str], fn: Callable[..., None] | None, args: tuple[Any, ...]
) -> None:
    """A new worker's first act: take the environment the batch was started with (a
    forked worker has the fork server's, copied when it started, perhaps for an earlier
    batch: SOURCE_DATE_EPOCH or REPORTGEN_PDF_ENGINE set since must still reach it),
    then run the warm-up."""
    os.environ.clear()
    os.environ.update(environ)
    if fn is not None:
        fn(*args)


def stop_fork_server() -> None:
    """Stop the fork server once a batch's pools are shut down, and reap it.

    Why: its CPU time (and its workers', which it reaps) then counts in this process's
    children, as spawned workers' always did (``time``, a benchmark's wait4); and the
    next batch in this process starts a server warmed with its own spec, not this one's.
    """
    global _warmed
    if _context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    _warmed = None
    stop = getattr(forkserver._forkserver, "_stop", None)  # CPython's own, since 3.8
    if stop is not None:
        stop()


def _pool(workers: int, setup: WorkerSetup) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(dict(os.environ), setup.fn, setup.args),
    )


def _run_pool(
    fn: ItemFn, jobs: Sequence[Job], workers: int, setup: WorkerSetup, on_result: OnResult
) -> list[Job]:
    """Run ``jobs`` in one pool; return the jobs lost when a worker process died."""
    lost: list[Job] = []
    pool = _pool(workers, setup)
    try:
        futures: dict[Future[ItemResult], Job] = {pool.submit(fn, *job.args): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                on_result(future.result())
            except BrokenProcessPool:
                lost.append(job)
            except Exception as exc:  # the item function raised (it should not)
                on_result(_unexpected(job, exc))
    except BaseException:  # Ctrl-C: drop the queued jobs rather than build them all first
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return lost


def _run_one_by_one(
    fn: ItemFn, jobs: Sequence[Job], setup: WorkerSetup, on_result: OnResult
) -> None:
    """One job at a time, so a crash is the fault of exactly the job that was running."""
    pool: ProcessPoolExecutor | None = None
    try:
        for job in jobs:
            pool = pool or _pool(1, setup)
            try:
                on_result(pool.submit(fn, *job.args).result())
            except BrokenProcessPool:
                on_result(_crashed(job))
                pool.shutdown(wait=True)
                pool = None
            except Exception as exc:
                on_result(_unexpected(job, exc))
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def run_local(
    fn: ItemFn,
    jobs: Sequence[Job],
    on_result: OnResult,
    *,
    workers: int,
    setup: WorkerSetup = NO_SETUP,
) -> None:
    """Run ``jobs`` on ``workers`` local processes.

    When a worker dies (the OOM killer, a segfault in a native library) Python breaks the
    whole pool and every unfinished job is lost with it. Lost jobs get a second parallel
    round, then any still lost run one at a time: a job that kills its worker again is
    reported as failed, and the innocent jobs it took down with it still get built.
    """
    workers = max(1, workers)
    lost = _run_pool(fn, jobs, workers, setup, on_result)
    if lost:
        lost = _run_pool(fn, lost, workers, setup, on_result)
    if lost:
        _run_one_by_one(fn, lost, setup, on_result)


def run_dask(
    fn: ItemFn,
    jobs: Sequence[Job],
    on_result: OnResult,
    *,
    workers: int,
    setup: WorkerSetup = NO_SETUP,
    address: str | None = None,
) -> None:
    """Run ``jobs`` on a Dask distributed cluster (see ``reportgen.batch.dask_engine``)."""
    try:
        from reportgen.batch.dask_engine import run
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("dask", "distributed"):
            raise ReportgenError(
                "the dask engine needs Dask distributed",
                hint="pip install 'reportgen[distributed]'",
            ) from None
        raise
    run(fn, jobs, on_result, workers=workers, setup=setup, address=address)
