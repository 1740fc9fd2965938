"""Batch builds: one report per area, in parallel worker processes or on a Dask cluster.

``build_one`` is the per-report function every engine runs; ``run_batch`` plans and
runs a batch; ``reportgen batch`` (``reportgen/cli/batch.py``) is the command. Kept light to import:
WeasyPrint, matplotlib and Dask load only in the workers that need them.
"""

from reportgen.batch.engines import ENGINES, run_dask, run_local
from reportgen.batch.items import ItemResult, Job, WorkerSetup, build_one, warm_worker
from reportgen.batch.runner import BatchSummary, default_workers, plan_areas, run_batch

__all__ = [
    "ENGINES",
    "BatchSummary",
    "ItemResult",
    "Job",
    "WorkerSetup",
    "build_one",
    "default_workers",
    "plan_areas",
    "run_batch",
    "run_dask",
    "run_local",
    "warm_worker",
]
