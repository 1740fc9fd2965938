# mypy: disable-error-code="no-untyped-call"
"""The Dask distributed engine: the same per-report function, on a cluster.

With an address (``tcp://scheduler:8786``) the jobs go to an existing cluster, whose
workers must have reportgen installed and see the spec, data and output folders at the
same paths (a shared filesystem). Without one a ``LocalCluster`` of single-threaded
worker processes is started for the batch and closed after it.

Dask is an optional dependency (``pip install 'reportgen[distributed]'``); this module
is imported only when ``--engine dask`` is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dask.distributed import Client, LocalCluster, WorkerPlugin
from dask.distributed import as_completed as dask_completed

from reportgen.batch.items import ItemFn, ItemResult, Job, OnResult, WorkerSetup


class WarmUp(WorkerPlugin):
    """Runs the batch's warm-up on every worker once, including workers that join late."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.warm = setup

    def setup(self, worker: Any) -> None:
        if self.warm.fn is not None:
            self.warm.fn(*self.warm.args)


def run(
    fn: ItemFn,
    jobs: Sequence[Job],
    on_result: OnResult,
    *,
    workers: int,
    setup: WorkerSetup,
    address: str | None = None,
) -> None:
    """Submit every job, report each result as it completes, close what was opened.

    A task whose worker dies is retried by Dask on another worker; after Dask's
    ``allowed-failures`` it raises ``KilledWorker``, which becomes that item's failure.
    """
    cluster = None
    if address is None:
        # No dashboard, and the scheduler's HTTP server on a free port: with Dask's default
        # (8787) a second batch, or anything else on that port, fails with a warning
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},
        )
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        if setup.fn is not None:
            client.register_plugin(WarmUp(setup), name="reportgen-warm-up")
        futures = {client.submit(fn, *job.args, pure=False): job for job in jobs}
        for future in dask_completed(list(futures)):
            job = futures[future]
            try:
                result: ItemResult = future.result()
            except Exception as exc:  # KilledWorker, a lost scheduler, a raising function
                result = ItemResult.failed(job.key, f"{type(exc).__name__}: {exc}")
            on_result(result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
