"""The report commands: ``build``, ``templates``, ``new`` and ``inspect``.

Thin shells over ``reportgen.api``: parse options, call, print where the files went.
Errors the user can fix are printed by ``reportgen.cli.console`` (exit status 2).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated, Literal

import typer

from reportgen.cli.console import plain, print_done
from reportgen.cli.helper import Hints, render_helper
from reportgen.cli.options import (
    AreaOption,
    FormatsOption,
    OutOption,
    PdfEngineOption,
    PeriodOption,
    formats,
)


def build_command(
    specs: Annotated[
        list[Path], typer.Argument(help="Report spec(s), e.g. reports/corporate-parenting.yaml")
    ],
    out: OutOption = Path("output"),
    formats_: FormatsOption = "docx,pdf",
    period: PeriodOption = None,
    area: AreaOption = None,
    final: Annotated[
        bool | None, typer.Option("--final/--draft", help="Override draft/final status")
    ] = None,
    pdf_engine: PdfEngineOption = None,
) -> None:
    """Build report(s) to DOCX and tagged PDF in the output folder."""
    chosen = formats(formats_)
    engine = pdf_engine or os.environ.get("REPORTGEN_PDF_ENGINE", "").strip().lower() or None
    hints = Hints(chosen, engine, specs[0] if specs else None, period, area)
    with render_helper(hints) as helper:  # forked first: it reads while we import
        from reportgen.api import Overrides, build_report, render_outputs

        status: Literal["draft", "final"] | None = (
            None if final is None else "final" if final else "draft"
        )
        overrides = Overrides(period=period, area=area, status=status, pdf_engine=pdf_engine)
        renderer = helper.render if helper is not None else render_outputs
        for spec in specs:
            started = time.perf_counter()
            result = build_report(spec, out, chosen, overrides, renderer)
            took = time.perf_counter() - started
            for path in result.outputs.values():
                typer.echo(str(path))
            print_done("built", spec, f" in {took:.2f} s")


def templates_command() -> None:
    """List the installed report templates."""
    from rich.console import Console
    from rich.table import Table  # imported here: a build (this module) prints no table

    from reportgen.api import templates

    table = Table("Name", "Title", "Folder", "Description", title="Report templates")
    for name, (folder, tdef) in templates().items():
        table.add_row(*map(plain, (name, tdef.title, folder, " ".join(tdef.description.split()))))
    Console().print(table)


def new_command(
    template: Annotated[str, typer.Argument(help="Template name (see `reportgen templates`)")],
    name: Annotated[str, typer.Argument(help="Name for the new report, e.g. fostering-2017-02")],
    reports: Annotated[Path, typer.Option(help="Folder for the spec")] = Path("reports"),
    narratives: Annotated[Path, typer.Option(help="Folder for snippets")] = Path("narratives"),
    force: Annotated[bool, typer.Option(help="Overwrite existing files")] = False,
) -> None:
    """Scaffold a report spec and the narrative snippets its template needs."""
    from reportgen.api import new_report

    spec_path, snippet_dir = new_report(template, name, reports, narratives, force)
    typer.echo(str(spec_path))
    typer.echo(str(snippet_dir))
    print_done("created", spec_path, f": edit it, then run reportgen build {spec_path}")


def inspect_command(
    spec: Annotated[Path, typer.Argument(help="Report spec")],
    to: Annotated[
        Literal["model", "outline", "variables"],
        typer.Option(
            "--to",
            help="model: the document model as JSON; outline: headings; variables: "
            "the names a snippet can use",
        ),
    ] = "outline",
    period: Annotated[str | None, typer.Option(help="Override the period")] = None,
    area: Annotated[str | None, typer.Option(help="Override the area")] = None,
) -> None:
    """Show what a report would contain, without writing documents."""
    from reportgen import model as m
    from reportgen.api import Overrides, compose_for, prepare
    from reportgen.model.serialize import to_json

    ctx = prepare(spec, Overrides(period=period, area=area))
    if to == "variables":
        for key in sorted(ctx.variables):
            typer.echo(f"{key}: {type(ctx.variables[key]).__name__}")
        return
    doc = compose_for(ctx)
    if to == "model":
        sys.stdout.write(to_json(doc))
        return
    for level, heading in m.headings(doc):
        typer.echo("  " * (level - 1) + heading)
