"""The work a build worker does: one document (or one agenda pack) into the cache.

Runs in a worker process, so everything it takes and returns is a small picklable value
and it reports progress by writing a tiny JSON file the web process reads. The stages
are the engine's own (``reportgen.api``): prepare (data + indicators), compose, render,
write. A test can pass any other function with the same signature to ``create_app``.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportgen.atomic import write_bytes_atomic


@dataclass(frozen=True)
class BuildTask:
    """What to build and where to put it."""

    key: str
    kind: str  # "report" | "pack"
    spec_path: Path
    format: str
    target: Path  # the cache file to write (atomically)
    progress: Path  # JSON progress file for the web process to read
    period: str | None = None
    area: str | None = None
    variant: str | None = None  # packs: "public" | "full"


@dataclass(frozen=True)
class BuildOutcome:
    filename: str  # the name the user downloads, e.g. 2017-01-corporate-parenting.pdf
    pages: int | None = None


Builder = Callable[[BuildTask], BuildOutcome]


def report_progress(task: BuildTask, stage: str, percent: int) -> None:
    """Tell the web process how far the build is (best effort: never fails a build)."""
    with contextlib.suppress(OSError):
        write_bytes_atomic(task.progress, json.dumps(
            {"stage": stage, "percent": percent, "time": time.time()}).encode())


def pdf_pages(path: Path) -> int | None:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    except pikepdf.PdfError:
        return None


RENDER_STAGE = {"pdf": "Laying out the PDF", "docx": "Making the Word document",
                "html": "Making the web page"}


def build_report_file(task: BuildTask) -> BuildOutcome:
    from reportgen import api
    from reportgen.compose.report import output_stem

    report_progress(task, "Reading the data and computing the figures", 10)
    ctx = api.prepare(task.spec_path, api.Overrides(period=task.period, area=task.area))
    report_progress(task, "Writing the report", 30)
    doc = api.compose_for(ctx, (task.format,))  # type: ignore[arg-type]
    report_progress(task, RENDER_STAGE.get(task.format, "Rendering"), 50)
    data = api.render(doc, ctx.template_dir, task.format)  # type: ignore[arg-type]
    report_progress(task, "Saving the file", 95)
    write_bytes_atomic(task.target, data)
    pages = pdf_pages(task.target) if task.format == "pdf" else None
    return BuildOutcome(f"{output_stem(ctx)}.{task.format}", pages)


def build_pack_file(task: BuildTask) -> BuildOutcome:
    from reportgen.pack import build_packs

    variant = task.variant or "public"
    report_progress(task, "Composing the agenda and every report on it", 10)
    with tempfile.TemporaryDirectory(prefix="reportgen-pack-") as tmp:
        result = build_packs(task.spec_path, Path(tmp), (variant,))  # type: ignore[arg-type]
        report_progress(task, "Saving the pack", 95)
        name = next(n for n in result.outputs if n.endswith(f"-{variant}")
                    and "-supplement-" not in n)
        write_bytes_atomic(task.target, result.outputs[name][task.format].read_bytes())
    return BuildOutcome(f"{name}.{task.format}", pdf_pages(task.target))


def build_document(task: BuildTask) -> BuildOutcome:
    """The default builder: a report or a pack, by the task's kind."""
    if task.kind == "pack":
        return build_pack_file(task)
    return build_report_file(task)
