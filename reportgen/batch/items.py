"""The per-report unit of a batch: one plain, picklable function, its job and its result.

The types every engine shares (``Job``, ``WorkerSetup``, ``ItemResult``) live here, so
an engine module (``engines``, ``dask_engine``) imports only this one and never another
engine: no import circle.

``build_one`` is a module-level function taking only strings so that any executor can
ship it: a local process pool, a Dask cluster, or anything else that can call a Python
function on another machine with the same files mounted. It never raises: a failure is
a result, so one bad area cannot stop the other 151.

Heavy imports happen inside the functions: ``reportgen --help`` imports this module.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.errors import ReportgenError

#: the spec whose data the batch's fork server loads before forking workers (preload.py)
PRELOAD_ENV = "REPORTGEN_BATCH_PRELOAD"


@dataclass(frozen=True)
class ItemResult:
    """What happened to one report of a batch. Plain data: it crosses process boundaries."""

    key: str  # the area (or other value the batch is over)
    ok: bool
    outputs: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str = ""  # what a user reads: the ReportgenError text, or the exception line
    detail: str = ""  # traceback, for errors that are not the user's input
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")

    @classmethod
    def failed(cls, key: str, error: str, detail: str = "", seconds: float = 0.0) -> ItemResult:
        return cls(key=key, ok=False, error=error, detail=detail, seconds=seconds)


ItemFn = Callable[..., ItemResult]
OnResult = Callable[[ItemResult], None]


@dataclass(frozen=True)
class Job:
    """One item: its key (the area) and the arguments for the item function."""

    key: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class WorkerSetup:
    """The warm-up a worker runs once before its first item (must be picklable)."""

    fn: Callable[..., None] | None = None
    args: tuple[Any, ...] = ()


NO_SETUP = WorkerSetup()


def build_one(
    spec_path: str, area: str, out_dir: str, formats: Sequence[str] = ("docx", "pdf")
) -> ItemResult:
    """Build the report of ``spec_path`` for ``area`` into ``out_dir``; never raises.

    Data, indicator results, templates and drawn charts are cached per process by
    ``reportgen.api`` and ``reportgen.charts``, so the second report a worker builds
    does not re-read the data folder.
    """
    started = time.perf_counter()
    try:
        from reportgen.api import Overrides, build_report

        result = build_report(
            Path(spec_path),
            Path(out_dir),
            tuple(formats),  # type: ignore[arg-type]
            Overrides(area=area),
        )
    except ReportgenError as exc:
        return ItemResult.failed(area, str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # anything else is a bug; keep going, keep the traceback
        return ItemResult.failed(
            area,
            f"{type(exc).__name__}: {exc}",
            detail=traceback.format_exc(),
            seconds=time.perf_counter() - started,
        )
    _private_if_exempt(Path(spec_path), list(result.outputs.values()))
    return ItemResult(
        key=area,
        ok=True,
        seconds=time.perf_counter() - started,
        outputs=tuple(str(p) for p in result.outputs.values()),
    )


def _private_if_exempt(spec_path: Path, outputs: list[Path]) -> None:
    """Exempt (``reportgen.exemption``: the spec, an appendix or a meeting item says so):
    readable by the owner only, so a shared output folder does not publish it."""
    from reportgen.compose.spec import load_spec
    from reportgen.exemption import decide, project_declarations

    if decide(load_spec(spec_path), declared=project_declarations(spec_path)) is not None:
        for path in outputs:
            path.chmod(0o600)


def warm_shared(spec_path: str) -> None:
    """The warm-up every worker of a batch shares, done once in the fork server
    (``reportgen.batch.preload``): the writers' imports, the spec's data and indicator
    results in the per-process caches, matplotlib's fonts. Starts no thread."""
    from reportgen.api import prepare
    from reportgen.charts import sparkline
    from reportgen.render import docx, xlsx  # noqa: F401  (imported for the workers)

    prepare(Path(spec_path))
    sparkline(periods=["2017-01", "2017-02"], values=[1.0, 2.0], unit="count")


def warm_worker(spec_path: str) -> None:
    """Pay a worker process's start-up costs once, before its first report.

    Whatever the fork server loaded (``warm_shared``) is found in the caches; then a
    one-line document is rendered so Typst's fonts and compiler, fontconfig and the Word
    reference document are loaded. Any error is left for ``build_one`` to report per
    item: an initializer that raised would break the pool.
    """
    with contextlib.suppress(Exception):  # build_one meets the same error and reports it
        _warm(Path(spec_path))


def _warm(spec_path: Path) -> None:
    from datetime import UTC, datetime

    from reportgen import model as m
    from reportgen.api import prepare, render

    warm_shared(str(spec_path))
    ctx = prepare(spec_path)
    doc = m.Document(
        meta=m.Metadata(title="warm-up", created=datetime(2017, 1, 1, tzinfo=UTC)),
        body=(m.Paragraph(m.inlines("Warm-up 1,234.5%"), numbered=False),),
    )
    for fmt in ("docx", "pdf"):
        render(doc, ctx.template_dir, fmt)
