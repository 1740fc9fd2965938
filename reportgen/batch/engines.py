"""Where a batch's items run: local worker processes, or a Dask distributed cluster.

Every engine takes the same things: a plain picklable function returning an
``ItemResult``, a list of jobs (key, arguments), a warm-up function run once per
worker, and a callback told about each result as it arrives (the progress bar). An
engine never raises for one item: a crashed worker process or a lost task becomes a
failed ``ItemResult`` for the items it took with it, and the others carry on.

Local processes are started with ``spawn``: a clean interpreter, no inherited threads
(the progress bar runs one) and the same behaviour on Linux, macOS and Windows.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Literal

from reportgen.batch.items import NO_SETUP, ItemFn, ItemResult, Job, OnResult, WorkerSetup
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
]


def _unexpected(job: Job, exc: BaseException) -> ItemResult:
    return ItemResult.failed(job.key, f"{type(exc).__name__}: {exc}")


def _crashed(job: Job) -> ItemResult:
    return ItemResult.failed(
        job.key,
        "the worker process building this report died "
        "(out of memory or a crash in a native library)",
    )


def _pool(workers: int, setup: WorkerSetup) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=setup.fn,
        initargs=setup.args,
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
