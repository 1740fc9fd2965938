"""``reportgen batch SPEC --over area``: one report per area, in parallel.

A thin shell over ``reportgen.batch.runner``: a progress bar while workers build, each
failure printed as it happens (the others carry on), and a summary at the end. Exit
status 0 when every report was built, 1 when any failed, 2 for a problem with the
command itself (unknown area, bad spec).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from reportgen.api import use_pdf_engine
from reportgen.atomic import output_folder, write_bytes_atomic
from reportgen.batch.engines import EngineName
from reportgen.batch.items import ItemResult
from reportgen.batch.runner import (
    BatchSummary,
    Over,
    default_workers,
    plan_areas,
    run_batch,
    start_workers,
)
from reportgen.cli.console import err, plain, print_failed
from reportgen.cli.options import FormatsOption, OutOption, formats
from reportgen.errors import OutputError


def _areas(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [a.strip() for a in value.split(",") if a.strip()]


def _check_json_target(path: Path) -> None:
    if path.is_dir():
        raise OutputError(
            "is a folder; --json wants a file name", file=path, hint="e.g. --json output/batch.json"
        )
    output_folder(path.parent)


def _print_summary(summary: BatchSummary, out: Path) -> None:
    count = len(summary.results)
    each = summary.seconds / count if count else 0.0
    table = Table(title="Batch summary", show_header=False, title_justify="left")
    table.add_row("Built", f"[green]{len(summary.built)}[/]")
    table.add_row("Failed", f"[red]{len(summary.failed)}[/]" if summary.failed else "0")
    table.add_row("Time", f"{summary.seconds:.1f} s ({each:.2f} s a report)")
    table.add_row("Workers", f"{summary.workers} ({summary.engine})")
    table.add_row("Output", plain(out))
    err.print(table)
    for result in summary.failed:
        print_failed(result.key, result.error)


def batch_command(
    spec: Annotated[
        Path, typer.Argument(help="Report spec, e.g. reports/corporate-parenting.yaml")
    ],
    over: Annotated[
        Over,
        typer.Option(
            "--over", help="Build one report per: area (every area in the spec's dataset)"
        ),
    ] = "area",
    areas: Annotated[
        str | None, typer.Option("--areas", help="Only these areas, comma separated (default: all)")
    ] = None,
    formats_: FormatsOption = "docx,pdf",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Worker processes (default: the CPUs available)"
        ),
    ] = None,
    out: OutOption = Path("output"),
    engine: Annotated[
        EngineName,
        typer.Option(
            "--engine",
            help="local: worker processes on "
            "this machine; dask: a Dask cluster "
            "(needs reportgen[distributed])",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)",
        ),
    ] = None,
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Also write the summary, with every item, as JSON here"),
    ] = None,
    pdf_engine: Annotated[
        str | None,
        typer.Option(
            "--pdf-engine",
            help="typst or weasyprint; workers get it as REPORTGEN_PDF_ENGINE "
            "(set that on remote Dask workers yourself)",
        ),
    ] = None,
) -> None:
    """Build one report per area in parallel, with a progress bar and a summary."""
    chosen = formats(formats_)
    if pdf_engine:  # worker processes read the choice from the environment
        use_pdf_engine(pdf_engine)
    start_workers(spec, engine)  # they load the data while this process plans
    keys = plan_areas(spec, _areas(areas))
    output_folder(out)  # a bad --out is found before any worker starts
    if json_out is not None:  # found now, not after the whole batch
        _check_json_target(json_out)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task(f"Building {len(keys)} report(s) by {over}", total=len(keys))

        def on_result(result: ItemResult) -> None:
            if not result.ok:  # one line now; the whole message in the summary
                first = result.error.splitlines()[0] if result.error else "failed"
                print_failed(result.key, first, on=progress.console)
            progress.advance(task)

        summary = run_batch(
            spec,
            keys,
            out,
            chosen,
            workers=workers or default_workers(),
            engine=engine,
            address=scheduler,
            on_result=on_result,
        )
    _print_summary(summary, out)
    if json_out is not None:
        write_bytes_atomic(json_out, json.dumps(summary.to_dict(), indent=2).encode())
    if summary.failed:
        raise typer.Exit(code=1)
