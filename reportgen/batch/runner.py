"""Plan and run a batch: one report per area of a spec's dataset, on any engine.

The parent process only reads the spec and the dataset's list of areas, checks the
choice, and hands ``build_one`` jobs to an engine; workers do all the building. Results
stream back through a callback (the CLI's progress bar) and are collected into a
``BatchSummary``, which the CLI prints and can write as JSON.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from reportgen.atomic import output_folder
from reportgen.batch.engines import (
    ENGINES,
    EngineName,
    run_dask,
    run_local,
    start_fork_server,
    stop_fork_server,
)
from reportgen.batch.items import (
    ItemFn,
    ItemResult,
    Job,
    OnResult,
    WorkerSetup,
    build_one,
    warm_worker,
)
from reportgen.cpus import available_cpus
from reportgen.errors import SpecError

Over = Literal["area"]
OVER: tuple[Over, ...] = ("area",)


def default_workers() -> int:
    """The CPUs this process may use (a container's limit, not the host's core count)."""
    return available_cpus()


@dataclass
class BatchSummary:
    """Every item's result, in completion order, and the batch's wall time."""

    engine: str
    workers: int
    results: list[ItemResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def built(self) -> list[ItemResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[ItemResult]:
        return [r for r in self.results if not r.ok]

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "workers": self.workers,
            "seconds": self.seconds,
            "built": len(self.built),
            "failed": len(self.failed),
            "items": [asdict(r) for r in self.results],
        }


def start_workers(spec_path: Path, engine: EngineName = "local") -> None:
    """Begin warming the local workers for ``spec_path`` now, before planning.

    Why: reading a large dataset takes seconds, and the planner reads it too; started
    first, the fork server reads it on the other core meanwhile (``start_fork_server``).
    Nothing to do for Dask, whose workers are elsewhere.
    """
    if engine == "local":
        start_fork_server(str(Path(spec_path).resolve()))


def plan_areas(spec_path: Path, areas: Sequence[str] | None = None) -> list[str]:
    """The areas to build: all of the dataset's, or the chosen ones checked against it.

    Two areas whose names give the same file-name slug ("St Helens", "St. Helens") would
    overwrite each other's output, so that is refused before anything is built.
    """
    from reportgen.api import file_slug, report_areas, resolve_areas

    spec_path = Path(spec_path).resolve()
    available = report_areas(spec_path)
    if areas is not None:
        areas = resolve_areas(spec_path, areas)  # EES data: authorities by name or code
    chosen = available if areas is None else list(dict.fromkeys(areas))
    unknown = [a for a in chosen if a not in available]
    if unknown:
        raise SpecError(
            f"unknown area(s): {', '.join(unknown)}",
            file=spec_path,
            hint=f"choose from: {', '.join(available)}",
        )
    if not chosen:
        raise SpecError(
            "no areas to build",
            file=spec_path,
            hint="the dataset has no areas, or --areas was empty",
        )
    slugs: dict[str, str] = {}
    for area in chosen:
        other = slugs.setdefault(file_slug(area), area)
        if other != area:
            raise SpecError(
                f"areas '{other}' and '{area}' would get the same file name",
                file=spec_path,
                hint="build them in separate runs with --out",
            )
    return chosen


def run_batch(
    spec_path: Path,
    keys: Sequence[str],
    out_dir: Path,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    workers: int | None = None,
    engine: EngineName = "local",
    address: str | None = None,
    on_result: OnResult | None = None,
    fn: ItemFn = build_one,
    warm: Callable[[str], None] | None = warm_worker,
) -> BatchSummary:
    """Build one report per key with ``fn(spec, key, out_dir, formats)`` on ``engine``.

    The output folder is checked (created, proved writable) before any worker starts.
    ``fn`` and ``warm`` are parameters so that another per-item function (a different
    output, a test double of the same shape) runs through the same engines.
    """
    if engine not in ENGINES:
        raise SpecError(f"unknown engine '{engine}'", hint=f"use one of: {', '.join(ENGINES)}")
    spec = str(Path(spec_path).resolve())
    out = str(output_folder(out_dir).resolve())  # checked here, not by every worker after
    jobs = [Job(key, (spec, key, out, tuple(formats))) for key in keys]
    count = max(1, min(workers or default_workers(), len(jobs)))
    summary = BatchSummary(engine=engine, workers=count)
    setup = WorkerSetup(warm, (spec,)) if warm is not None else WorkerSetup()

    def collect(result: ItemResult) -> None:
        summary.results.append(result)
        if on_result is not None:
            on_result(result)

    started = time.perf_counter()
    if engine == "dask":
        run_dask(fn, jobs, collect, workers=count, setup=setup, address=address)
    else:
        if warm is warm_worker:
            start_fork_server(spec)  # (if start_workers has not already)
        try:
            run_local(fn, jobs, collect, workers=count, setup=setup)
        finally:
            stop_fork_server()
    summary.seconds = time.perf_counter() - started
    return summary
