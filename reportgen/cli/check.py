"""``reportgen check PATH...``: the command (registered in ``reportgen/cli/__init__.py``).

Each finding is printed on one line with where it is (no wrapping, so CI logs can be
searched); the exit status is 1 when any finding is an error (CI fails), 0 otherwise; a
spec that cannot be built is printed by the one error printer (exit status 2). Every
finding code is explained in docs/checks.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape

from reportgen.check import check_path
from reportgen.check.findings import Finding, has_errors, to_json
from reportgen.errors import ReportgenError

CHECKABLE = (".yaml", ".yml", ".pdf", ".docx")

STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def _print(console: Console, path: Path, found: list[Finding], verbose: bool) -> None:
    shown = [f for f in found if verbose or f.severity != "info"]
    counts = {s: sum(1 for f in found if f.severity == s) for s in ("error", "warning")}
    status = "[red]FAIL[/red]" if counts["error"] else "[green]PASS[/green]"
    console.print(
        f"{status} {escape(str(path))}: {counts['error']} error(s), {counts['warning']} warning(s)"
    )
    for f in shown:
        where = f" {escape(f.where)}:" if f.where else ""
        console.print(
            f"  [{STYLE[f.severity]}]{f.severity}[/] {escape(f'[{f.code}]')}{where} "
            f"{escape(f.message)}",
            highlight=False,
        )


def _checkable(path: Path) -> None:
    """A path that cannot be checked at all is a mistake in the command (exit 2), found
    before any checking: not there, a folder, or not a spec, PDF or Word file."""
    if not path.exists():
        raise ReportgenError("file not found", file=path, hint="check the path")
    if path.is_dir():
        raise ReportgenError(
            "is a folder; check takes files",
            file=path,
            hint="name the files, e.g. reportgen check output/*.pdf",
        )
    if path.suffix.lower() not in CHECKABLE:
        raise ReportgenError("expected a report spec (.yaml), a .pdf or a .docx", file=path)


def check_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Report specs (.yaml), PDFs or Word files to check")
    ],
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", help="text for people, json for CI tools")
    ] = "text",
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also show notes (what could not be checked)")
    ] = False,
) -> None:
    """Check reports for accessibility (PDF/UA, WCAG 2.2 AA) and content mistakes."""
    console = Console(soft_wrap=True)
    results: dict[str, list[Finding]] = {}
    for path in paths:
        _checkable(path)
    for path in paths:
        results[str(path)] = check_path(path)
        if output_format == "text":
            _print(console, path, results[str(path)], verbose)
    if output_format == "json":
        typer.echo(to_json(results))
    if any(has_errors(found) for found in results.values()):
        raise typer.Exit(code=1)
