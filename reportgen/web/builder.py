"""The work a build worker does: one document (or one agenda pack) into the cache.

Runs in a worker process, so everything it takes and returns is a small picklable value
and it reports progress by writing a tiny JSON file the web process reads. The work is
the engine's own entry point (``reportgen.api.render_report`` / ``render_pack``), which
tells each stage as it starts; this module only words it for the job page and saves.
A test can pass any other function with the same signature to ``create_app``.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
        write_bytes_atomic(
            task.progress,
            json.dumps({"stage": stage, "percent": percent, "time": time.time()}).encode(),
        )


def pdf_pages(path: Path) -> int | None:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    except pikepdf.PdfError:
        return None


RENDER_STAGE = {
    "pdf": "Laying out the PDF",
    "docx": "Making the Word document",
    "html": "Making the web page",
}
STAGES = {
    "data": "Reading the data and computing the figures",
    "compose": "Writing the report",
    "pack": "Composing the agenda and every report on it",
}


def _listener(task: BuildTask) -> Callable[[str, int], None]:
    """Turns the engine's stage names into what the job page says."""

    def heard(stage: str, percent: int) -> None:
        words = (
            RENDER_STAGE.get(task.format, "Rendering")
            if stage == "render"
            else (STAGES.get(stage, stage))
        )
        report_progress(task, words, percent)

    return heard


def build_report_file(task: BuildTask) -> BuildOutcome:
    """One report through the engine's own entry point (``reportgen.api``)."""
    from reportgen import api

    data, filename = api.render_report(
        task.spec_path,
        task.format,  # type: ignore[arg-type]
        api.Overrides(period=task.period, area=task.area),
        _listener(task),
    )
    report_progress(task, "Saving the file", 95)
    write_bytes_atomic(task.target, data)
    pages = pdf_pages(task.target) if task.format == "pdf" else None
    return BuildOutcome(filename, pages)


def build_pack_file(task: BuildTask) -> BuildOutcome:
    """One agenda pack (public or full) through ``reportgen.api``."""
    from reportgen import api

    variant: Literal["public", "full"] = "full" if task.variant == "full" else "public"
    data, filename = api.render_pack(task.spec_path, variant, _listener(task))
    report_progress(task, "Saving the pack", 95)
    write_bytes_atomic(task.target, data)
    return BuildOutcome(filename, pdf_pages(task.target))


def build_document(task: BuildTask) -> BuildOutcome:
    """The default builder: a report or a pack, by the task's kind."""
    if task.kind == "pack":
        return build_pack_file(task)
    return build_report_file(task)
